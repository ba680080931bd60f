"""``dyads events|timeline|dyad|network|serve``: explore a store from the shell or the browser.

Every command takes the same filter options (docs/EXPLORE.md) and, for records, the shared
``--format``; the queries live in :mod:`dyads.explore`, the web app in :mod:`dyads.web`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from dyads.cli.common import CliError, check_parent_dir, format_option, warn
from dyads.cli.store import db_option
from dyads.output import write_rows

F = TypeVar("F", bound=Callable[..., Any])

# (option, parameter, help): the same names as the web app's URL parameters.
_FILTERS: tuple[tuple[str, str, str], ...] = (
    ("--actor", "actor", "Actor: country key (RUS) or full code (RUSGOV); commas for several."),
    ("--recipient", "recipient", "Recipient, as --actor."),
    ("--country", "country", "Country on either side (actor or recipient)."),
    ("--sector", "sector", "Sector of an actor or recipient (GOV, MIL, REB, ...)."),
    ("--type", "type", "PLOVER event type (CONSULT, ASSAULT, ...)."),
    ("--mode", "mode", "PLOVER mode (visit, ...)."),
    ("--quad", "quad", "Quad class 1-4 (1 verbal coop., 2 material coop., 3/4 conflict)."),
    ("--modality", "modality", "asserted, future, negated, hypothetical or alleged."),
    ("--from", "date_from", "Events on or after this day (YYYY, YYYY-MM or YYYY-MM-DD)."),
    ("--to", "date_to", "Events on or before this day (YYYY, YYYY-MM or YYYY-MM-DD)."),
    ("--place", "place", "Place: country code of the location, or part of its name."),
    ("--min-confidence", "min_confidence", "Keep events with a mention at least this sure."),
    ("--text", "text", "Words in the evidence sentence of any mention."),
)


def filter_options(func: F) -> F:
    """Add every filter option (``--actor`` ... ``--text``) to a command."""
    for flag, name, help_text in reversed(_FILTERS):
        func = click.option(flag, name, default=None, metavar="VALUE", help=help_text)(func)
    return func


def _filters(options: dict[str, Any]) -> Any:
    from dyads.explore import Filters

    return Filters.from_params({k: v for k, v in options.items() if v is not None})


def _interval_option(func: F) -> F:
    from dyads.explore.timeline import INTERVALS

    return click.option(
        "--interval",
        type=click.Choice(INTERVALS),
        default="month",
        show_default=True,
        help="Period of each row.",
    )(func)


@click.command("events", short_help="List the stored events that match filters.")
@db_option(must_exist=True)
@filter_options
@click.option("--limit", type=click.IntRange(0, 10_000), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@click.option("--count", "count_only", is_flag=True, help="Print only the number of matches.")
@format_option()
def events_cmd(
    db: str, limit: int, offset: int, count_only: bool, fmt: str, **options: Any
) -> None:
    """List events of the store, newest first.

    \b
    dyads events --db news.duckdb --country RUS --quad 4 --from 2024-01 --format table
    dyads events --db news.duckdb --text ceasefire --count
    """
    from dyads.explore import Explorer, count_events, list_events
    from dyads.explore.events import EVENT_COLUMNS

    filters = _filters(options)
    with Explorer(db) as x, x.cursor() as con:
        if count_only:
            write_rows([{"count": count_events(con, filters)}], fmt, sys.stdout)
            return
        rows = list_events(con, filters, limit, offset)
    write_rows(rows, fmt, sys.stdout, columns=EVENT_COLUMNS)


@click.command("timeline", short_help="Event counts and mean scores per period.")
@db_option(must_exist=True)
@filter_options
@_interval_option
@click.option(
    "--by-quad/--overall", default=True, show_default=True, help="One row per quad class."
)
@click.option(
    "--plot",
    "plot_path",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE.png|svg",
    help="Also draw the chart into this file.",
)
@format_option()
def timeline_cmd(
    db: str, interval: str, by_quad: bool, plot_path: Path | None, fmt: str, **options: Any
) -> None:
    """Events per day/week/month/year: count, mean Goldstein, mean PLOVER intensity.

    \b
    dyads timeline --db news.duckdb --country UKR --interval week --format table
    dyads timeline --db news.duckdb --actor RUS --recipient UKR --plot rus-ukr.png
    """
    from dyads.explore import Explorer, timeline
    from dyads.explore.plot import plot_format, write_timeline_plot
    from dyads.explore.timeline import TIMELINE_COLUMNS

    if plot_path is not None:
        try:
            plot_format(plot_path)
        except ValueError as exc:
            raise CliError(str(exc)) from exc
        check_parent_dir(plot_path)
    filters = _filters(options)
    with Explorer(db) as x, x.cursor() as con:
        rows = timeline(con, filters, interval, by_quad)
    write_rows(rows, fmt, sys.stdout, columns=TIMELINE_COLUMNS)
    if plot_path is not None:
        title = " ".join(f"{k}={v}" for k, v in filters.to_params().items()) or "all events"
        write_timeline_plot(rows, plot_path, title=f"{title} (per {interval})")
        warn(f"chart written to {plot_path}")


@click.command("dyad", short_help="A pair of actors both ways, or an actor's top partners.")
@click.argument("a")
@click.argument("b", required=False)
@db_option(must_exist=True)
@filter_options
@_interval_option
@click.option("--top", type=click.IntRange(1, 1000), default=20, show_default=True)
@format_option()
def dyad_cmd(
    a: str, b: str | None, db: str, interval: str, top: int, fmt: str, **options: Any
) -> None:
    """A→B and B→A per period (count, mean Goldstein); with only A, A's top partners.

    \b
    dyads dyad RUS UKR --db news.duckdb --interval month --format table
    dyads dyad JPN --db news.duckdb --format table      (top partners of JPN)
    """
    from dyads.explore import Explorer, dyad, dyad_rows, top_partners
    from dyads.explore.dyad import DYAD_COLUMNS, PARTNER_COLUMNS
    from dyads.explore.filters import Filters

    filters = _filters(options)
    Filters.from_params({"actor": a, "recipient": b})  # one-line errors for bad codes
    with Explorer(db) as x, x.cursor() as con:
        if b is None:
            rows = top_partners(con, a, filters, top)
            write_rows(rows, fmt, sys.stdout, columns=PARTNER_COLUMNS)
            return
        result = dyad(con, a, b, filters, interval)
    if fmt == "json":
        import json

        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        return
    write_rows(dyad_rows(result), fmt, sys.stdout, columns=DYAD_COLUMNS)


@click.command("network", short_help="Who acts on whom: weighted actor -> recipient edges.")
@db_option(must_exist=True)
@filter_options
@click.option("--max-edges", type=click.IntRange(1, 10_000), default=100, show_default=True)
@click.option("--min-n", type=click.IntRange(1), default=1, show_default=True)
@format_option()
def network_cmd(db: str, max_edges: int, min_n: int, fmt: str, **options: Any) -> None:
    """Edges source -> target with event count, mean Goldstein and conflict share
    (`--format json` gives {nodes, edges}).

    \b
    dyads network --db news.duckdb --quad 4 --min-n 3 --format table
    """
    from dyads.explore import Explorer, network
    from dyads.explore.network import EDGE_COLUMNS

    filters = _filters(options)
    with Explorer(db) as x, x.cursor() as con:
        result = network(con, filters, max_edges, min_n)
    if fmt == "json":
        import json

        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        return
    write_rows(result["edges"], fmt, sys.stdout, columns=EDGE_COLUMNS)


@click.command("serve", short_help="The local web app: search, timelines, dyads, network.")
@db_option(must_exist=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--api-key",
    envvar="DYADS_API_KEY",
    default=None,
    help="Key that pasting/uploading articles needs when --host is not local "
    "(X-API-Key header or api_key form field; env DYADS_API_KEY).",
)
@click.option(
    "--max-body",
    type=click.IntRange(1_000, 50_000_000),
    default=1_000_000,
    show_default=True,
    help="Largest request body in bytes.",
)
def serve_cmd(db: str, host: str, port: int, api_key: str | None, max_body: int) -> None:
    """Serve the web app on http://HOST:PORT (the store is opened read-only).

    \b
    dyads serve --db news.duckdb            then open http://127.0.0.1:8000
    """
    import uvicorn

    from dyads.web.app import create_app, is_local

    if not is_local(host) and not api_key:
        raise CliError(
            f"--host {host} listens beyond this machine: give --api-key (or DYADS_API_KEY) "
            "so that only you can submit articles"
        )
    app = create_app(db, api_key=api_key, local=is_local(host), max_body=max_body)
    warn(f"serving {db} on http://{host}:{port} (Ctrl-C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
