"""The one error module: every error dyads raises on purpose derives from DyadsError."""

from __future__ import annotations


class DyadsError(Exception):
    """Base class for errors raised by dyads."""


class InputError(DyadsError):
    """An input could not be read. The message is one line naming the file and the fix."""

    def __init__(self, path: str, problem: str, fix: str | None = None, line: int | None = None):
        self.path = path
        self.problem = problem
        self.fix = fix
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        msg = f"{where}: {problem}"
        if fix:
            msg += f" ({fix})"
        super().__init__(msg)


class DataFileError(DyadsError):
    """A bundled data file (lexicon, code table) is missing or malformed."""
