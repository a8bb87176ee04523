"""Archival citations: the repository data file, a registry of citation grammars, and credits.

A DA "Source" line holds an archival citation followed by credits::

    PRC FMA 118-01765-03, 24-26. Translated by 7Brands.

:func:`parse_source_line` splits it into a :class:`~rdfkit.model.Citation` (repository, record-set
levels, item, page range, verbatim text) and a list of credits (role, name). Each archive family has a
grammar registered in :data:`grammars`; what no grammar explains is kept verbatim in
``Citation.unparsed``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Callable

from ..graph import clean_text
from ..model import Citation, Level
from ..registry import Registry


@dataclass(frozen=True)
class Repository:
    """An archive as the repository data file describes it."""

    id: str
    abbreviations: tuple[str, ...]
    name: str
    name_original: str
    country: str
    wikidata: str
    parent: str
    levels: tuple[str, ...]


@lru_cache(maxsize=1)
def repositories() -> dict[str, Repository]:
    """All known repositories by id, from ``repositories.json``."""
    raw = json.loads(files(__package__).joinpath("repositories.json").read_text(encoding="utf-8"))
    out = {}
    for r in raw["repositories"]:
        out[r["id"]] = Repository(
            r["id"], tuple(r["abbreviations"]), r["name"], r.get("name_original", ""), r.get("country", ""),
            r.get("wikidata", ""), r.get("parent", ""), tuple(r.get("levels", ())),
        )
    return out


Grammar = Callable[[str], "Citation | None"]

#: Citation grammars by name; each takes a normalised citation and returns a Citation or None.
grammars: Registry[Grammar] = Registry("rdfkit.citations", "citation grammar")

_DASH = re.compile(r"[\u2010-\u2015\u2212]")


def normalise(text: str) -> str:
    """NFC, plain spaces, ASCII hyphens for every dash, no stray spaces around ``/``."""
    text = _DASH.sub("-", clean_text(text).replace("\n", " "))
    return re.sub(r"\s*/\s*", "/", text)


@grammars.register("prc-fma")
def prc_fma(text: str) -> Citation | None:
    """Chinese Foreign Ministry Archive: ``PRC FMA category-file-item, pages``.

    >>> c = prc_fma("PRC FMA 118-01765-03, 24-26")
    >>> [(l.type, l.value) for l in c.levels], c.item, c.page_start, c.page_end
    ([('series', '118'), ('file', '118-01765')], '118-01765-03', '24', '26')
    """
    m = re.match(
        r"^(?:PRC\s*)?FMA,?\s+(?P<cat>\d{3})-(?P<file>\d{5})(?:-(?P<item>\d{1,3}))?"
        r"(?:,\s*(?:pp?\.\s*)?(?P<start>\d+)(?:\s*-\s*(?P<end>\d+))?)?(?P<rest>.*)$",
        text,
    )
    if not m:
        return None
    cat, file_ = m["cat"], f"{m['cat']}-{m['file']}"
    rest = m["rest"].strip(" .;,") or None
    return Citation(
        verbatim=text,
        repository="prc-fma",
        levels=[Level("series", "category", cat), Level("file", "file", file_)],
        item=f"{file_}-{m['item']}" if m["item"] else None,
        page_start=m["start"],
        page_end=m["end"] or m["start"],
        unparsed=rest,
    )


def parse_citation(text: str) -> Citation:
    """Parse one archival citation with the first grammar that explains it, else keep it verbatim."""
    text = normalise(text)
    for name in grammars.names():
        citation = grammars.get(name)(text)
        if citation is not None:
            return citation
    repo = _repository_named_in(text)
    return Citation(verbatim=text, repository=repo, unparsed=text)


def _repository_named_in(text: str) -> str | None:
    for repo in repositories().values():
        for abbr in repo.abbreviations:
            if re.search(rf"(?<!\w){re.escape(abbr)}(?!\w)", text):
                return repo.id
    return None


_CREDIT = re.compile(
    r"(?P<verb>(?:translated(?:\s+and\s+edited)?|obtained|contributed|provided|donated)(?:\s+for\s+[\w .]+?)?)"
    r"\s+by\s+(?P<names>[^.;]+?(?:\b[A-Z]\.\s*[^.;]*?)*)\s*(?:[.;]|$|\band\s+(?=translated|obtained))",
    re.IGNORECASE,
)
_CREDIT_ROLES = {"translated": "translator", "obtained": "contributor", "contributed": "contributor",
                 "provided": "contributor", "donated": "donor"}


@dataclass(frozen=True)
class Credit:
    """A credit that follows a citation: ``Translated by Stephen Mercado`` → (translator, Stephen Mercado)."""

    role: str
    name: str


def split_names(text: str) -> list[str]:
    """Split ``A, B, and C`` / ``A and B`` into names; a part of one word is kept with its neighbour."""
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", text) if p.strip()]
    if any(len(p.split()) < 2 for p in parts) and len(parts) > 1:
        # "Bill and Melinda Gates Foundation": a one-word part means "and" was inside a name.
        return [text.strip()]
    return parts


def parse_source_line(text: str) -> tuple[Citation | None, list[Credit]]:
    """Split a DA "Source" line into the archival citation and the credits after it.

    >>> c, credits = parse_source_line("PRC FMA 118-01765-04, 38-40. Translated by Stephen Mercado.")
    >>> c.verbatim, credits
    ('PRC FMA 118-01765-04, 38-40', [Credit(role='translator', name='Stephen Mercado')])
    """
    text = normalise(text)
    credits: list[Credit] = []
    first = None
    for m in _CREDIT.finditer(text):
        first = m.start() if first is None else first
        role = _CREDIT_ROLES[m["verb"].split()[0].lower()]
        for name in split_names(m["names"]):
            credits.append(Credit(role, name.strip(" .")))
    citation_text = (text[:first] if first is not None else text).strip(" .;,")
    return (parse_citation(citation_text) if citation_text else None), credits
