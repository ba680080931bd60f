"""Temporal tagging and event dates.

:func:`tag` finds time expressions in raw text and normalises them to TIMEX3 values against the
publication date; :func:`event_date` picks the expression that governs one event's trigger.
"""

from __future__ import annotations

from dyads.time.event_dates import event_date
from dyads.time.tagger import tag

__all__ = ["event_date", "tag"]
