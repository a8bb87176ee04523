"""Named registries of plug-ins (converters, exporters, citation parsers).

Entries come from two places: the ``@registry.register(name)`` decorator in rdfkit itself, and the
entry-point group of the same name that other packages declare in their ``pyproject.toml``::

    [project.entry-points."rdfkit.converters"]
    ead = "my_package.ead:EadConverter"

Entry points are only imported on first :meth:`Registry.get`, so listing names stays cheap.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Callable, Generic, TypeVar

from .errors import UsageError

T = TypeVar("T")


class Registry(Generic[T]):
    """A mapping from names to plug-in objects, filled by decorators and entry points."""

    def __init__(self, group: str, what: str) -> None:
        self.group = group
        self.what = what
        self._loaded: dict[str, T] = {}
        self._eps: dict[str, object] | None = None

    def register(self, name: str) -> Callable[[T], T]:
        """Register the decorated object under ``name``."""

        def decorate(obj: T) -> T:
            self._loaded[name] = obj
            return obj

        return decorate

    def _entry_points(self) -> dict[str, object]:
        # Reading installed packages' metadata is slow; it does not change while rdfkit runs.
        if self._eps is None:
            self._eps = {ep.name: ep for ep in entry_points(group=self.group)}
        return self._eps

    def names(self) -> list[str]:
        """All registered names, sorted."""
        return sorted(set(self._loaded) | set(self._entry_points()))

    def get(self, name: str) -> T:
        """Return the entry called ``name``; raises :class:`UsageError` listing the known names."""
        if name not in self._loaded:
            ep = self._entry_points().get(name)
            if ep is None:
                known = ", ".join(self.names()) or "none"
                raise UsageError(f"unknown {self.what} {name!r}", hint=f"Known {self.what}s: {known}.")
            self._loaded[name] = ep.load()  # type: ignore[attr-defined]
        return self._loaded[name]
