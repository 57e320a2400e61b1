"""The one error type every stage raises for bad input: it names the file, the line and the problem."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A problem with one input file, reported to the user as a single line."""

    def __init__(self, path: str | Path, problem: str, line: int | None = None, column: int | None = None):
        self.path = str(path)
        self.problem = problem
        self.line = line
        self.column = column
        super().__init__(self.message())

    def message(self) -> str:
        """Return the one-line `file:line:col: problem` text shown to the user."""
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.problem}"


