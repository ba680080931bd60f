"""The ``dyads`` command line: a thin skin over the library.

Each command lives in its own module and is registered here. Every command that prints records
takes the same ``--format`` option (jsonl, json, csv, table).
"""

from __future__ import annotations

import click

from dyads import __version__
from dyads.cli.common import DyadsGroup


@click.group(cls=DyadsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dyads")
def main() -> None:
    """dyads: turn news reports into political event data (PLOVER/CAMEO).

    \b
    dyads code examples/ --format table      code articles, print events
    dyads ingest examples/ --db news.duckdb  code a corpus into a store
    dyads stats --db news.duckdb             what the store holds
    dyads export events --db news.duckdb --format csv --out events.csv

    Run 'dyads COMMAND --help' for a command's options.
    """


def _register() -> None:
    # Imported here so that `dyads --help` stays fast and one broken command cannot hide others.
    from dyads.cli import code as code_cmd

    main.add_command(code_cmd.code)
    main.add_command(code_cmd.eval_cmd)
    from dyads.cli import actors as actors_cmd

    main.add_command(actors_cmd.actors)

    from dyads.cli import store as store_cmd

    main.add_command(store_cmd.ingest_cmd)
    main.add_command(store_cmd.stats_cmd)
    from dyads.cli import export as export_cmd

    main.add_command(export_cmd.export_cmd)

    from dyads.cli import time as time_cmd

    main.add_command(time_cmd.time_cmd)

    from dyads.cli import explore as explore_cmd

    for command in (
        explore_cmd.events_cmd,
        explore_cmd.timeline_cmd,
        explore_cmd.dyad_cmd,
        explore_cmd.network_cmd,
        explore_cmd.serve_cmd,
    ):
        main.add_command(command)


_register()
