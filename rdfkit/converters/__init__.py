"""Converters: read one kind of source into :class:`~rdfkit.model.Document` objects.

Each converter is a registry entry (``rdfkit converters`` lists them). A converter class has a
``name``, a one-line docstring, ``sniff(data, path) -> bool`` for ``--from auto``, and
``convert(data, path, rel_path) -> list[Document]``. The pipeline reads each source once (a file, or
stdin for ``-``) and hands the bytes over; ``path`` names the source in errors and ``rel_path`` is
the name recorded in the provenance.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ..model import Document
from ..registry import Registry


class Converter(Protocol):
    """What every converter provides."""

    name: str

    def sniff(self, data: bytes, path: Path) -> bool: ...

    def convert(self, data: bytes, path: Path, rel_path: str) -> list[Document]: ...


converters: Registry[type[Converter]] = Registry("rdfkit.converters", "converter")
