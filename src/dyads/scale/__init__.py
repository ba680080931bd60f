"""Scaling the coder out: a process pool on one machine, a Dask cluster for archives.

- :mod:`~dyads.scale.spec`: which coder a worker builds (once per process);
- :mod:`~dyads.scale.plan`: how many workers (``--workers``; ``auto`` = all cores, none for small
  inputs);
- :mod:`~dyads.scale.pool`: :class:`PoolCoder`, ordered coding on worker processes;
- :mod:`~dyads.scale.records_io`: events to JSON and back, exactly;
- :mod:`~dyads.scale.partition`: one Dask partition, coded into a hash-named Parquet file;
- :mod:`~dyads.scale.dask_engine`: :func:`ingest_dask`, partitions on Dask then the load step.

Every path gives exactly the events and the store of a one-process run (docs/SCALE.md).
"""

from __future__ import annotations

from dyads.scale.plan import choose_workers, usable_cores
from dyads.scale.pool import PoolCoder
from dyads.scale.spec import DEFAULT_CODER, CoderSpec, coder_for

__all__ = ["DEFAULT_CODER", "CoderSpec", "PoolCoder", "choose_workers", "coder_for", "usable_cores"]
