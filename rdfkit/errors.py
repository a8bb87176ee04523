"""Exceptions raised by rdfkit.

Every error rdfkit raises descends from :class:`RdfkitError` and carries an exit code for the
command line, a location (file, line, record) where one is known, and a message that says what
went wrong, where, and what to do about it::

    RdfkitError                    exit 2 unless said otherwise
    ├── UsageError                 a bad option or argument value
    ├── SourceError                an input file cannot be used
    │   ├── SourceNotFound         the file does not exist or cannot be read
    │   ├── SourceSyntaxError      an RDF file that does not parse (file, line, column)
    │   └── ConversionError        a record the converter cannot make sense of
    ├── ShapesError                a SHACL shapes file that is unreadable or broken
    ├── QueryError                 a SPARQL query that does not parse or is not allowed
    ├── StoreError                 the embedded store cannot be opened
    └── ServerError                exit 3: a SPARQL server failed or refused
"""

from __future__ import annotations

from pathlib import Path


class RdfkitError(Exception):
    """Base class of every rdfkit error; ``exit_code`` is what the command line returns."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class UsageError(RdfkitError):
    """An option or argument has a value rdfkit cannot use."""


class SourceError(RdfkitError):
    """An input cannot be used; ``path``, ``line`` and ``record`` say where."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        record: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.record = record
        super().__init__(message, hint=hint)

    @property
    def location(self) -> str:
        parts = []
        if self.record:
            parts.append(f"record {self.record}")
        where = self.path or ""
        if self.line is not None:
            where += f", line {self.line}" if where else f"line {self.line}"
            if self.column is not None:
                where += f", column {self.column}"
        if where:
            parts.append(where)
        return " ".join(parts[:1]) + (f" ({parts[1]})" if len(parts) > 1 else "")

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        return f"{text}\n{self.hint}" if self.hint else text


class SourceNotFound(SourceError):
    """The input file does not exist or cannot be read."""


class SourceSyntaxError(SourceError):
    """An RDF file does not parse."""


class ConversionError(SourceError):
    """A record cannot be converted (no title, no text, not the expected kind of input)."""


class ShapesError(RdfkitError):
    """A shapes graph cannot be read or is not valid SHACL."""


class QueryError(RdfkitError):
    """A SPARQL query does not parse or asks for something not allowed."""


class StoreError(RdfkitError):
    """The embedded store cannot be opened or written."""


class ServerError(RdfkitError):
    """A SPARQL server could not be reached, failed, or refused the request."""

    exit_code = 3
