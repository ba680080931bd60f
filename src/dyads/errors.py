"""The one error module: every error dyads raises on purpose derives from DyadsError."""

from __future__ import annotations


class DyadsError(Exception):
    """Base class for errors raised by dyads."""


def printable(text: str) -> str:
    """``text`` with control characters (a newline in a file name, say) escaped, so that a
    message stays one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


class InputError(DyadsError):
    """An input could not be read. The message is one line naming the file and the fix."""

    def __init__(self, path: str, problem: str, fix: str | None = None, line: int | None = None):
        self.path = path
        self.problem = problem
        self.fix = fix
        self.line = line
        where = f"{printable(path)}:{line}" if line is not None else printable(path)
        msg = f"{where}: {printable(problem)}"
        if fix:
            msg += f" ({printable(fix)})"
        super().__init__(msg)


class DataFileError(DyadsError):
    """A bundled data file (lexicon, code table) is missing or malformed."""
