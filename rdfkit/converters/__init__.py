"""Converters: read one kind of source into :class:`~rdfkit.model.Document` objects.

Each converter is a registry entry (``rdfkit converters`` lists them). A converter class has a
``name``, a one-line docstring, ``sniff(path) -> bool`` for ``--from auto``, and
``convert(path, root) -> list[Document]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ..model import Document
from ..registry import Registry


class Converter(Protocol):
    """What every converter provides."""

    name: str

    def sniff(self, path: Path) -> bool: ...

    def convert(self, path: Path, root: Path | None = None) -> list[Document]: ...


converters: Registry[type[Converter]] = Registry("rdfkit.converters", "converter")
