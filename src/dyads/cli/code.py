"""``dyads code`` (articles -> events) and ``dyads eval`` (score against gold)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from dyads.cli.actors import actors_option, user_coder
from dyads.cli.common import CliError, date_option, exit_status, format_option, warn
from dyads.cli.store import workers_option
from dyads.errors import DyadsError, InputError
from dyads.output import write_rows
from dyads.readers import read_stdin, read_tree
from dyads.readers.base import one_line
from dyads.records import Article, Event, to_dict

TABLE_COLUMNS = (
    "article",
    "event",
    "cameo",
    "actor",
    "recipient",
    "date",
    "modality",
    "attributed_to",
    "location",
    "confidence",
    "evidence",
)
CSV_COLUMNS = (
    "id",
    "article_id",
    "event",
    "mode",
    "context",
    "cameo",
    "quad_code",
    "goldstein",
    "actor",
    "recipient",
    "date",
    "date_text",
    "date_basis",
    "modality",
    "attributed_to",
    "location",
    "sentence_index",
    "start",
    "end",
    "trigger",
    "sentence",
    "confidence",
)


def event_row(ev: Event, explain: bool = False) -> dict[str, Any]:
    """The JSON object of one event (the output contract); ``explain`` adds which step
    decided each field, as an object."""
    row = dict(to_dict(ev))
    row.pop("explain", None)
    if explain:
        row["explain"] = dict(ev.explain)
    return row


def flat_row(ev: Event, article_label: str = "") -> dict[str, Any]:
    """A flat row for csv/table output: actor lists become ``;``-joined codes."""
    loc = ev.location
    return {
        "id": ev.id,
        "article_id": ev.article_id,
        "article": article_label or ev.article_id,
        "event": ev.event if not ev.mode else f"{ev.event}/{ev.mode}",
        "mode": ev.mode,
        "context": list(ev.context),
        "cameo": ev.cameo,
        "quad_code": ev.quad_code,
        "goldstein": ev.goldstein,
        "actor": [a.code for a in ev.actor],
        "recipient": [a.code for a in ev.recipient],
        "date": ev.date,
        "date_text": ev.date_text,
        "date_basis": ev.date_basis,
        "modality": ev.modality,
        "attributed_to": list(ev.attributed_to),
        "location": (f"{loc.name} ({loc.country})" if loc.country else loc.name) if loc else None,
        "sentence_index": ev.text_info.sentence_index,
        "start": ev.text_info.start,
        "end": ev.text_info.end,
        "trigger": ev.text_info.trigger,
        "sentence": ev.text_info.sentence,
        "evidence": ev.text_info.sentence,
        "confidence": ev.confidence,
    }


def _articles(
    paths: tuple[str, ...], date: dt.date | None, counts: dict[str, int]
) -> Iterator[Article]:
    # Directories are walked like `dyads ingest` does: a user pointing at a folder of articles
    # means "every article in it", and one reader for both commands keeps them consistent.
    results = read_stdin(date) if not paths else read_tree(paths, date)
    for r in results:
        if isinstance(r, InputError):
            counts["errors"] += 1
            warn(str(r))
            continue
        counts["read"] += 1
        yield r


def _stdin_is_terminal() -> bool:
    """True when stdin is a terminal (nobody is piping text in)."""
    return sys.stdin.isatty()


@click.command("code", short_help="Code articles (files, directories or stdin) into events.")
@click.argument("paths", nargs=-1)
@date_option()
@format_option()
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Drop events below this confidence (0-1).",
)
@click.option(
    "--explain",
    is_flag=True,
    default=False,
    help="Also show which step decided each field (rule, trigger model, role model, ...).",
)
@workers_option("code articles")
@actors_option()
def code(
    paths: tuple[str, ...],
    date: dt.date | None,
    fmt: str,
    min_confidence: float,
    explain: bool = False,
    workers: int | None = None,
    actors_file: str | None = None,
) -> None:
    """Code articles (files, directories, or - for stdin) into PLOVER events.

    Reads .txt (first non-empty line is the headline; a YYYY-MM-DD file-name prefix is the
    publication date), .html/.htm, .jsonl (one {"id", "text", "date"?, "title"?, "url"?,
    "source"?} per line), RSS/Atom and WARC; directories are read recursively. Prints one
    event per row. A bad input, or one the coder fails on, is reported on stderr in one line
    and skipped. Exit code: 0 all coded, 1 nothing read, 3 some inputs skipped.

    \b
    dyads code examples/ --format table
    dyads code article.txt --date 2024-06-12
    cat article.txt | dyads code - --date 2024-06-12
    """
    if not paths and _stdin_is_terminal():
        # Reading a terminal would just hang waiting for input the user never meant to type.
        raise click.UsageError("give PATH... to read files, or - to read stdin")
    from dyads.scale import CoderSpec, PoolCoder, choose_workers
    from dyads.store.coding import Coded, code_isolated

    counts = {"read": 0, "errors": 0}
    stack = contextlib.ExitStack()
    n, arts = choose_workers(workers, _articles(paths, date, counts))
    results: Iterator[Coded]
    if n > 1:
        # Output order is input order, whatever the worker count.
        pool = stack.enter_context(PoolCoder(CoderSpec(actors_file=actors_file), n))
        results = pool.code_isolated(arts)
    else:
        results = code_isolated(user_coder(actors_file), arts)

    def events() -> Iterator[tuple[Article, Event]]:
        for art, result in results:
            if isinstance(result, Exception):
                # One article the coder fails on costs that article only.
                counts["errors"] += 1
                counts["read"] -= 1
                warn(
                    f"{art.path or '<stdin>'}: article {art.id!r} could not be coded: "
                    f"{one_line(result)} (the other inputs were coded; please report this)"
                )
                continue
            for ev in result:
                if ev.confidence >= min_confidence:
                    yield art, ev

    with stack:
        _write(events(), fmt, explain)
    if counts["read"] == 0 and not counts["errors"]:
        where = " ".join(paths) if paths else "stdin"
        raise CliError(f"no articles found in {where} (give .txt, .html, .jsonl, RSS or WARC)")
    # Each bad input already had its one line; a summary line would only repeat them.
    status = exit_status(counts["read"], counts["errors"])
    if status:
        raise SystemExit(status)


def _write(events: Iterable[tuple[Article, Event]], fmt: str, explain: bool) -> None:
    """Print the events in ``fmt`` on stdout, as they come."""
    out = sys.stdout
    if fmt in ("jsonl", "json"):
        write_rows((event_row(ev, explain) for _, ev in events), fmt, out)
        return
    cols = TABLE_COLUMNS if fmt == "table" else CSV_COLUMNS

    def label(a: Article) -> str:
        return Path(a.path).name if a.path and a.path != "<stdin>" else a.id

    def row(a: Article, ev: Event) -> dict[str, Any]:
        r = flat_row(ev, label(a))
        if explain:
            r["explain"] = "; ".join(f"{k}: {v}" for k, v in ev.explain)
        return r

    if explain:
        cols = (*cols, "explain")
    write_rows((row(a, ev) for a, ev in events), fmt, out, columns=cols)


@click.command("eval", short_help="Score the coder on a gold article or sentence set.")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "json")),
    default="table",
    show_default=True,
    help="Report format: a readable summary (table) or one JSON object (json).",
)
@click.option(
    "--errors/--no-errors",
    default=False,
    help="Also list false alarms (missed events are always listed).",
)
@click.option(
    "--split",
    type=click.Choice(("train", "dev", "test", "all")),
    default=None,
    help="Real-news gold (manifest.json): score one split only (default: each split).",
)
@click.option(
    "--kind",
    type=click.Choice(("sentences", "articles")),
    default=None,
    help="Real-news gold (manifest.json): sentences or articles only (default: both).",
)
def eval_cmd(gold: str, fmt: str, errors: bool, split: str | None, kind: str | None) -> None:
    """Score the coder on GOLD: a .gold.json article (beside its .txt), a .jsonl sentence set,
    or the real-news gold's manifest.json (texts read from ../shared/corpus; per split)."""
    from dyads.evaluate import false_alarms, score_path

    if Path(gold).name == "manifest.json":
        _eval_realnews(Path(gold), fmt, errors, split, kind)
        return
    try:
        summary, scores = score_path(gold)
    except DyadsError as exc:
        raise click.ClickException(str(exc)) from exc
    if errors:
        summary["false_alarms"] = false_alarms(scores)
    if fmt == "json":
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    click.echo(f"gold: {gold}")
    for key in (
        "documents",
        "extracted",
        "required",
        "required_found",
        "recall_required",
        "precision",
        "strict_precision",
        "f1",
        "date_accuracy",
        "modality_accuracy",
    ):
        click.echo(f"  {key:18} {summary[key]}")
    click.echo(f"  must_not violated   {len(summary['must_not_violations'])}")
    rows = [{"type": k, **v} for k, v in summary["per_type"].items()]
    click.echo("")
    write_rows(rows, "table", sys.stdout, columns=("type", "required", "found"))
    if summary["missed_required"]:
        click.echo("\nmissed required events:")
        for m in summary["missed_required"]:
            click.echo(f"  {m['doc']} {m['gold']}: {m['evidence'][:90]}")
    if errors and summary.get("false_alarms"):
        click.echo("\nfalse alarms:")
        for f in summary["false_alarms"]:
            click.echo(
                f"  {f['doc']} {f['event']} {f['actor']}->{f['recipient']} [{f['trigger']}] {f['sentence'][:80]}"
            )


REALNEWS_COLUMNS = (
    "kind",
    "split",
    "documents",
    "required",
    "extracted",
    "precision",
    "recall_required",
    "f1",
    "date_accuracy",
    "modality_accuracy",
    "actor_code_accuracy",
    "recipient_code_accuracy",
)


def _eval_realnews(
    manifest: Path, fmt: str, errors: bool, split: str | None, kind: str | None
) -> None:
    """Score the real-news gold: one row per kind (sentences, articles) and split."""
    from dyads import goldsets
    from dyads.evaluate import false_alarms
    from dyads.pipeline import Coder

    coder = Coder.default()
    rows: list[dict[str, Any]] = []
    report: dict[str, Any] = {}
    alarms: list[dict[str, Any]] = []
    try:
        m = goldsets.load_manifest(manifest)
        for k in (kind,) if kind else ("sentences", "articles"):
            docs = goldsets.load_docs(
                k,
                None if split in (None, "all") else split,
                manifest=m,
                gold_dir=manifest.parent / "gold",
            )
            if not docs:
                continue
            summaries, scores = goldsets.score(docs, coder)
            report[k] = summaries
            for sp, summ in summaries.items():
                if split in (None, sp) or (split == "all" and sp == "all"):
                    rows.append({"kind": k, "split": sp, **summ})
            if errors:
                alarms += false_alarms(scores)
    except DyadsError as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        if errors:
            report["false_alarms"] = alarms
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    click.echo(f"gold: {manifest} (type+dyad matching; recall on required events)")
    write_rows(rows, "table", sys.stdout, columns=REALNEWS_COLUMNS)
    if errors:
        click.echo("\nfalse alarms:")
        for f in alarms:
            click.echo(
                f"  {f['doc']} {f['event']} {f['actor']}->{f['recipient']} [{f['trigger']}] {f['sentence'][:80]}"
            )
