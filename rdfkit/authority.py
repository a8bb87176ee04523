"""Authority files: canonical people and organisations, their aliases and links (docs/authorities.md).

    >>> auth = Authority.load(None)                       # an empty authority (no folder)
    >>> e = auth.mint("Zhou Enlai", kind="person", aliases=("Chou En-lai",))
    >>> auth.match("Chou Enlai", kind="person") is e        # hyphens and spaces inside names are equivalent
    True
    >>> auth.match("Premier Zhou Enlai", kind="person") is e  # titles are stripped
    True

Names are matched after normalisation (NFC, casefold, brackets, hyphens, spaces, titles); initials and
surnames match only when exactly one entry fits. Nothing ambiguous is guessed.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .converters.text import HONORIFICS, family_name, position_head, split_position, unbracket
from .errors import SourceError, UsageError
from .graph import slug

COLUMNS = ("id", "kind", "label", "aliases", "positions", "wikidata", "viaf", "born", "died", "note")
MINTED_COLUMNS = (*COLUMNS, "first_source")
CURATED_FILE = "authorities.csv"
MINTED_FILE = "minted.csv"
SEPARATOR = " | "
KINDS = ("person", "organization")
_WIKIDATA = re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9]\d*$")
_VIAF = re.compile(r"^http://viaf\.org/viaf/\d+$")
_INITIALS = re.compile(r"^((?:[A-ZА-Я]\.\s?-?)+)\s*([^\s.]+(?:\s[^\s.]+)?)$")


@dataclass(frozen=True)
class Entry:
    """One canonical person or organisation."""

    id: str
    kind: str
    label: str
    aliases: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()
    wikidata: str | None = None
    viaf: str | None = None
    born: str | None = None
    died: str | None = None
    note: str = ""
    source: str = CURATED_FILE  # the file the entry lives in
    first_source: str = ""  # minted entries: the record that first named it

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)

    @property
    def links(self) -> tuple[str, ...]:
        return tuple(link for link in (self.wikidata, self.viaf) if link)

    def row(self) -> dict[str, str]:
        return {
            "id": self.id, "kind": self.kind, "label": self.label, "aliases": SEPARATOR.join(self.aliases),
            "positions": SEPARATOR.join(self.positions), "wikidata": self.wikidata or "", "viaf": self.viaf or "",
            "born": self.born or "", "died": self.died or "", "note": self.note, "first_source": self.first_source,
        }


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """The form names are compared in: no brackets, titles, case, hyphens, spaces, dots or apostrophes.

    >>> name_key("Chou En-lai") == name_key("[Chou] Enlai") == name_key("Premier Chou Enlai")
    True
    """
    text = unicodedata.normalize("NFC", unbracket(name)).strip()
    if text[:4].casefold() == "the ":
        text = text[4:]  # "the MacArthur Foundation", "the Government of the Soviet Union"
    position, rest = split_position(text)
    if rest:
        text = rest
    words = [w for w in text.split() if w.casefold() not in HONORIFICS]
    return re.sub(r"[\s\-‐'’.`]", "", " ".join(words).casefold())


def default_folder() -> Path | None:
    """``RDFKIT_AUTHORITIES``, else ``data/authorities`` when it exists, else None."""
    env = os.environ.get("RDFKIT_AUTHORITIES")
    if env:
        return Path(env)
    folder = Path("data") / "authorities"
    return folder if folder.is_dir() else None


@dataclass
class Authority:
    """The entries of an authority folder, indexed for matching names."""

    folder: Path | None = None
    _entries: dict[str, Entry] = field(default_factory=dict)
    _index: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    _surnames: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    _minted_changed: bool = False

    # --- loading and saving ------------------------------------------------------------------

    @classmethod
    def load(cls, folder: str | Path | None) -> "Authority":
        """Read ``authorities.csv`` and ``minted.csv`` from ``folder`` (None or a missing folder: empty)."""
        auth = cls(Path(folder) if folder is not None else None)
        if auth.folder is not None:
            for name in (CURATED_FILE, MINTED_FILE):
                path = auth.folder / name
                if path.is_file():
                    for entry in _read(path):
                        auth._add(entry)
        return auth

    def save_minted(self) -> Path | None:
        """Write ``minted.csv`` (sorted by id) when this run minted or changed entries; return its path."""
        if not self._minted_changed or self.folder is None:
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / MINTED_FILE
        _write(path, [e for e in self.entries() if e.source == MINTED_FILE], MINTED_COLUMNS)
        self._minted_changed = False
        return path

    # --- reading --------------------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        """All entries, sorted by id."""
        return [self._entries[k] for k in sorted(self._entries)]

    def get(self, id_: str) -> Entry | None:
        return self._entries.get(id_)

    def match(self, name: str, *, kind: str, position: str | None = None) -> Entry | None:
        """The one entry ``name`` means, or None when there is none or it is ambiguous."""
        key = name_key(name)
        if not key:
            return None
        ids = self._index.get((kind, key), set())
        if len(ids) == 1:
            return self._entries[next(iter(ids))]
        if ids:
            return self._by_position(ids, position)
        if kind != "person":
            return None
        bare = unbracket(split_position(name)[1] or name).strip()
        m = _INITIALS.match(bare)
        if m:  # "A. Gromyko", "A.A. Gromyko", "N.S. Khrushchev"
            initials = [c for c in m.group(1) if c.isalpha()]
            cands = {i for i in self._surnames.get((kind, name_key(m.group(2))), set())
                     if _initials_fit(self._entries[i].label, initials)}
            return self._entries[next(iter(cands))] if len(cands) == 1 else None
        if len(bare.split()) == 1:  # a surname alone
            cands = self._surnames.get((kind, name_key(bare)), set())
            if len(cands) == 1:
                return self._entries[next(iter(cands))]
            return self._by_position(cands, position) if cands else None
        return None

    def _by_position(self, ids: Iterable[str], position: str | None) -> Entry | None:
        head = position_head(position)
        if not head:
            return None
        fits = [i for i in ids if any(position_head(p) == head for p in self._entries[i].positions)]
        return self._entries[fits[0]] if len(fits) == 1 else None

    # --- changing ------------------------------------------------------------------------------

    def mint(self, label: str, *, kind: str, aliases: Iterable[str] = (), first_source: str = "") -> Entry:
        """Create an entry for a name the authority does not know; it is saved by :meth:`save_minted`."""
        base = slug(label)
        id_, n = base, 2
        while id_ in self._entries:
            id_, n = f"{base}-{n}", n + 1
        names = {name_key(label)}
        kept = []
        for alias in _storable(aliases, kind):
            if name_key(alias) not in names:
                names.add(name_key(alias))
                kept.append(alias)
        entry = Entry(id_, kind, label, tuple(sorted(kept)), source=MINTED_FILE, first_source=first_source)
        self._add(entry)
        self._minted_changed = True
        return entry

    def add_aliases(self, id_: str, aliases: Iterable[str]) -> None:
        """Record more names for a minted entry (curated entries are edited by people)."""
        entry = self._entries[id_]
        if entry.source != MINTED_FILE:
            return
        known = {name_key(n) for n in entry.names}
        new = []
        for alias in _storable(aliases, entry.kind):
            if name_key(alias) not in known:
                known.add(name_key(alias))
                new.append(alias)
        if new:
            self._replace(replace(entry, aliases=tuple(sorted((*entry.aliases, *new)))))
            self._minted_changed = True

    def set_link(self, id_: str, *, wikidata: str | None = None, viaf: str | None = None) -> Entry:
        """Record an accepted Wikidata or VIAF link in the file the entry lives in."""
        entry = self._require(id_)
        if wikidata and not _WIKIDATA.match(wikidata):
            raise UsageError(f"{wikidata!r} is not a Wikidata entity IRI", hint="Write http://www.wikidata.org/entity/Q…")
        if viaf and not _VIAF.match(viaf):
            raise UsageError(f"{viaf!r} is not a VIAF IRI", hint="Write http://viaf.org/viaf/…")
        entry = replace(entry, wikidata=wikidata or entry.wikidata, viaf=viaf or entry.viaf)
        self._replace(entry)
        self._save_file(entry.source)
        return entry

    def merge(self, keep_id: str, drop_id: str) -> Entry:
        """Merge a minted duplicate into another entry: its names become aliases of ``keep_id``."""
        keep, drop = self._require(keep_id), self._require(drop_id)
        if drop.source != MINTED_FILE:
            raise UsageError(f"{drop_id} is a curated entry of {CURATED_FILE}",
                             hint="Only minted entries can be merged away; edit authorities.csv by hand for curated ones.")
        if keep.kind != drop.kind:
            raise UsageError(f"cannot merge {drop.kind} {drop_id} into {keep.kind} {keep_id}")
        del self._entries[drop_id]
        self._reindex()
        names = tuple(sorted({*keep.aliases, *drop.names} - {keep.label}, key=str))
        keep = replace(keep, aliases=names, wikidata=keep.wikidata or drop.wikidata, viaf=keep.viaf or drop.viaf)
        self._replace(keep)
        self._minted_changed = True
        self._save_file(keep.source)
        self.save_minted()
        return keep

    # --- export ----------------------------------------------------------------------------------

    def to_csv(self) -> str:
        """Every entry, curated and minted, as one CSV for review (with the file each lives in)."""
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=[*MINTED_COLUMNS, "file"], lineterminator="\n")
        writer.writeheader()
        for e in self.entries():
            writer.writerow({**e.row(), "file": e.source})
        return out.getvalue()

    # --- internals -------------------------------------------------------------------------------

    def _require(self, id_: str) -> Entry:
        entry = self._entries.get(id_)
        if entry is None:
            raise UsageError(f"no authority entry {id_!r}", hint="List them with `rdfkit authorities list`.")
        return entry

    def _add(self, entry: Entry) -> None:
        if entry.id in self._entries:
            raise SourceError(f"authority id {entry.id!r} is defined twice", path=self._path(entry.source),
                              hint="Give each entry its own id, or merge the two.")
        self._entries[entry.id] = entry
        self._index_entry(entry)

    def _replace(self, entry: Entry) -> None:
        self._entries[entry.id] = entry
        self._reindex()

    def _reindex(self) -> None:
        self._index.clear()
        self._surnames.clear()
        for entry in self._entries.values():
            self._index_entry(entry)

    def _index_entry(self, entry: Entry) -> None:
        for name in entry.names:
            self._index.setdefault((entry.kind, name_key(name)), set()).add(entry.id)
        if entry.kind == "person":
            for name in entry.names:
                words = unbracket(name).split()
                if len(words) > 1 and not _INITIALS.match(name):
                    self._surnames.setdefault((entry.kind, name_key(family_name(name))), set()).add(entry.id)

    def _path(self, file: str) -> Path:
        return (self.folder or Path(".")) / file

    def _save_file(self, file: str) -> None:
        if self.folder is None:
            return
        columns = MINTED_COLUMNS if file == MINTED_FILE else COLUMNS
        _write(self._path(file), [e for e in self.entries() if e.source == file], columns)


def _storable(aliases: Iterable[str], kind: str) -> list[str]:
    """Aliases worth recording: for people never a bare surname ("Zhang"), which would later match by guess."""
    return [a for a in aliases if kind != "person" or len(unbracket(a).split()) > 1]


def _initials_fit(label: str, initials: list[str]) -> bool:
    words = unbracket(label).split()
    surname = family_name(label)
    given = [w for w in words if w != surname]
    return len(given) >= 1 and all(g[:1].casefold() == i.casefold() for g, i in zip(given, initials)) \
        and len(initials) <= len(given) + 1


def _read(path: Path) -> list[Entry]:
    """Read one authority CSV; a bad row is an error naming the file, line and column."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"cannot read the authority file: {exc}", path=path,
                          hint="Save it as UTF-8 CSV with the columns of docs/authorities.md.") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("id", "kind", "label") if c not in (reader.fieldnames or [])]
    if missing:
        raise SourceError(f"the authority file has no {', '.join(missing)} column", path=path, line=1,
                          hint=f"The header row must be: {','.join(COLUMNS)}.")
    out = []
    for row in reader:
        line = reader.line_num
        get = lambda k: (row.get(k) or "").strip()  # noqa: E731
        if not get("id") or not get("label"):
            raise SourceError("a row has no id or no label", path=path, line=line,
                              hint="Every entry needs an id (a slug such as zhou-enlai) and a label.")
        if get("kind") not in KINDS:
            raise SourceError(f"kind {get('kind')!r} is neither person nor organization", path=path, line=line,
                              hint="Write person or organization in the kind column.")
        for column, pattern in (("wikidata", _WIKIDATA), ("viaf", _VIAF)):
            if get(column) and not pattern.match(get(column)):
                raise SourceError(f"{column} {get(column)!r} is not a full {column} IRI", path=path, line=line,
                                  hint="Write the full IRI (http://www.wikidata.org/entity/Q…, http://viaf.org/viaf/…) "
                                       "or leave the cell empty.")
        split = lambda k: tuple(p.strip() for p in get(k).split("|") if p.strip())  # noqa: E731
        out.append(Entry(get("id"), get("kind"), get("label"), split("aliases"), split("positions"),
                         get("wikidata") or None, get("viaf") or None, get("born") or None, get("died") or None,
                         get("note"), path.name, get("first_source")))
    return out


def _write(path: Path, entries: list[Entry], columns: tuple[str, ...]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for entry in sorted(entries, key=lambda e: e.id):
        writer.writerow(entry.row())
    path.write_text(out.getvalue(), encoding="utf-8")
