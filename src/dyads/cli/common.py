"""Options, helpers and the error boundary shared by every command.

Every failure a user can cause (a bad option, a missing file, an unreadable store) ends as one
line on stderr, ``dyads: <what went wrong> (<the fix>)``, and a non-zero exit: never a traceback.

Exit codes, the same for every command:

* 0 (``EXIT_OK``): everything was read (and coded, stored or printed);
* 1 (``EXIT_FAILED``): nothing could be read, or the command could not run at all (a bad store,
  an unwritable output);
* 2 (``EXIT_USAGE``): a bad option or argument (click's own code);
* 3 (``EXIT_PARTIAL``): some inputs were skipped, each with its line on stderr; the others
  were done;
* 130 (``EXIT_INTERRUPTED``): interrupted (Ctrl-C); what was committed is kept.
"""

from __future__ import annotations

import datetime as dt
import errno
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from dyads.errors import DyadsError, InputError, printable
from dyads.output import FORMATS

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_INTERRUPTED = 130

FORMAT_HELP = (
    "Output format: jsonl (one JSON object per line), json (one array), csv, "
    "or table (aligned columns)."
)


def warn(message: str) -> None:
    """Print a one-line message on stderr (control characters escaped: it stays one line)."""
    click.echo(f"dyads: {printable(message)}", err=True)


class CliError(click.ClickException):
    """An error shown as one ``dyads: ...`` line on stderr (exit code 1)."""

    def show(self, file: IO[Any] | None = None) -> None:
        """Print the one-line message (``file`` is ignored: errors go to stderr)."""
        warn(self.format_message())


class Interrupted(CliError):
    """Ctrl-C: one line and exit code 130, never a database error or a traceback."""

    exit_code = EXIT_INTERRUPTED

    def __init__(self) -> None:
        super().__init__(
            "interrupted; what was already committed is kept (run the same command to resume)"
        )


def exit_status(read: int, skipped: int) -> int:
    """The exit code of a run that read ``read`` inputs and skipped ``skipped``."""
    if read == 0:
        return EXIT_FAILED
    return EXIT_PARTIAL if skipped else EXIT_OK


class OneLineUsageError(click.UsageError):
    """A usage error (bad option, missing argument) shown on one line with a pointer to --help."""

    def show(self, file: IO[Any] | None = None) -> None:
        """Print ``dyads: <problem> (try 'dyads CMD --help')``."""
        path = self.ctx.command_path if self.ctx is not None else "dyads"
        warn(f"{self.format_message()} (try '{path} --help')")


def os_error_message(exc: OSError) -> str:
    """``path: reason`` for an OSError, without Python's ``[Errno N]`` noise."""
    reason = exc.strerror or str(exc)
    if exc.filename is not None:
        return f"{exc.filename}: {reason}"
    return reason


def user_error_message(exc: BaseException) -> str | None:
    """The one-line message for an error the user caused, or None for a bug (kept as traceback)."""
    if isinstance(exc, DyadsError):
        return str(exc)
    if isinstance(exc, OSError):
        return os_error_message(exc)
    # duckdb is imported lazily (only store commands need it): test it only if it is loaded.
    duckdb = sys.modules.get("duckdb")
    if duckdb is not None and isinstance(exc, duckdb.Error):
        return f"database error: {str(exc).splitlines()[0] if str(exc) else exc}"
    return None


def _is_interrupt(exc: BaseException) -> bool:
    duckdb = sys.modules.get("duckdb")
    kind = getattr(duckdb, "InterruptException", None) if duckdb is not None else None
    return isinstance(exc, KeyboardInterrupt) or (kind is not None and isinstance(exc, kind))


class DyadsGroup(click.Group):
    """A command group whose commands report user errors as one line instead of a traceback."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """Parse the group's own options; a parse error is shown on one line."""
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as exc:
            new = _one_line(exc)
            if new is exc:
                raise
            raise new from exc

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand, turning user errors into one-line messages; a command that
        skipped some inputs (:func:`mark_partial`) exits with :data:`EXIT_PARTIAL`."""
        result = self._invoke(ctx)
        if ctx.find_root().meta.get("dyads.partial"):
            raise SystemExit(EXIT_PARTIAL)
        return result

    def _invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (OneLineUsageError, CliError):
            raise
        except click.UsageError as exc:
            new = _one_line(exc)
            if new is exc:
                raise
            raise new from exc
        except click.ClickException as exc:
            raise CliError(exc.format_message()) from exc
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # click quiets a closed pipe (``dyads code ... | head``) itself
            raise CliError(os_error_message(exc)) from exc
        except KeyboardInterrupt as exc:
            raise Interrupted() from exc
        except Exception as exc:
            if _is_interrupt(exc):
                raise Interrupted() from exc
            message = user_error_message(exc)
            if message is None:
                raise
            raise CliError(message) from exc


# ``dyads`` or ``dyads actors`` alone shows the help through this "error"; it must stay as is.
_SHOWS_HELP: tuple[type[Exception], ...] = tuple(
    t for t in (getattr(click.exceptions, "NoArgsIsHelpError", None),) if t is not None
)


def _one_line(exc: click.UsageError) -> click.UsageError:
    if isinstance(exc, _SHOWS_HELP):
        return exc
    return OneLineUsageError(exc.format_message(), exc.ctx)


def format_option(default: str = "jsonl") -> Callable[[F], F]:
    """The ``--format`` option every record-printing command shares (default jsonl)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=default,
        show_default=True,
        help=FORMAT_HELP,
    )


def parse_date_option(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> dt.date | None:
    """Click callback turning ``--date YYYY-MM-DD`` into a date with a one-line error."""
    if value is None:
        return None
    from dyads.readers.limits import date_in_range, date_range_text

    try:
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from exc
    if not date_in_range(day):
        raise click.BadParameter(f"{value!r} is outside {date_range_text()}")
    return day


def date_option(
    help_text: str = "Publication date (YYYY-MM-DD) for inputs that have none of their own.",
) -> Callable[[F], F]:
    """The ``--date`` option."""
    return click.option(
        "--date",
        "date",
        callback=parse_date_option,
        default=None,
        metavar="YYYY-MM-DD",
        help=help_text,
    )


def jsonl_input_option() -> Callable[[F], F]:
    """The ``--input``/``--jsonl`` option of commands that take TEXT or a JSONL file."""
    return click.option(
        "--input",
        "--jsonl",
        "input_path",
        default=None,
        metavar="FILE",
        help="JSONL of {id, text, date?} records, one per line ('-' reads stdin), instead of TEXT.",
    )


def jsonl_records(
    path: str, default_date: dt.date | None, counts: dict[str, int]
) -> Iterator[tuple[str, str, dt.date | None]]:
    """(id, text, date) of each record of a JSONL file ('-' for stdin). A bad line is reported
    on stderr and skipped; ``counts`` tallies "read" and "errors" (see :func:`check_read`)."""
    try:
        stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        raise CliError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    from dyads.readers.base import iter_jsonl

    try:
        for item in iter_jsonl(stream, "<stdin>" if path == "-" else path, default_date):
            if isinstance(item, InputError):
                counts["errors"] = counts.get("errors", 0) + 1
                warn(str(item))
                continue
            counts["read"] = counts.get("read", 0) + 1
            yield item.id, item.text, item.date
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def check_read(path: str, counts: dict[str, int]) -> None:
    """Fail in one line when a JSONL input gave no record at all; exit 3 (after the output)
    when some lines were skipped."""
    if not counts.get("read"):
        fix = (
            "fix the lines above"
            if counts.get("errors")
            else 'write one {"id", "text", "date"?} per line'
        )
        raise CliError(f"{path}: no records could be read ({fix})")
    if counts.get("errors"):
        mark_partial()


def mark_partial() -> None:
    """Make the running command exit with :data:`EXIT_PARTIAL` once it has finished normally
    (its output written): some inputs were skipped, each with its line on stderr."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.find_root().meta["dyads.partial"] = True


def check_parent_dir(path: Path, what: str = "file") -> None:
    """Refuse, in one line, to write ``path`` when its directory does not exist."""
    parent = path.parent
    if str(parent) not in ("", ".") and not parent.is_dir():
        raise CliError(f"{path}: directory {parent} does not exist (create it first)")
    if path.is_dir() and what == "file":
        raise CliError(f"{path}: is a directory (give a file name)")
