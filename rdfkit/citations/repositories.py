"""The repository data file: the archives citations name, and how to find them in a string."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files


@dataclass(frozen=True)
class Repository:
    """An archive as ``repositories.json`` describes it."""

    id: str
    abbreviation: str
    variants: tuple[str, ...]
    name: str
    name_original: str
    language: str
    country: str
    wikidata: str | None
    family: str
    levels: dict[str, str]
    parent: str | None

    def to_json(self) -> dict[str, str | None]:
        """The repository object of ``rdfkit cite -f json``."""
        return {"id": self.id, "abbreviation": self.abbreviation, "name": self.name, "wikidata": self.wikidata}


@lru_cache(maxsize=1)
def repositories() -> dict[str, Repository]:
    """All known repositories by id, from ``repositories.json`` (shipped in the package)."""
    raw = json.loads(files(__package__).joinpath("repositories.json").read_text(encoding="utf-8"))
    out = {}
    for r in raw["repositories"]:
        out[r["id"]] = Repository(
            id=r["id"], abbreviation=r["abbreviation"], variants=tuple(r.get("variants", ())), name=r["name"],
            name_original=r.get("name_original", ""), language=r.get("language", ""), country=r.get("country", ""),
            wikidata=r.get("wikidata") or None, family=r.get("family", "generic"), levels=dict(r.get("levels", {})),
            parent=r.get("parent") or None,
        )
    return out


@dataclass(frozen=True)
class Mention:
    """Where a string names a repository: ``start:end`` covers the name (and a bracketed abbreviation)."""

    repository: Repository
    start: int
    end: int


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], dict[str, Repository], frozenset[str]]:
    names: dict[str, Repository] = {}
    exact: set[str] = set()
    for repo in repositories().values():
        for form in (repo.abbreviation, *repo.variants):
            form = unicodedata.normalize("NFC", form)
            names[form.casefold()] = repo
            exact.add(form)
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # A name, optionally followed by its abbreviation in brackets: "… Dokumentatsii (TsKhSD)".
    pattern = re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])(?:\s*\((?:{alternatives})\))?", re.IGNORECASE)
    return pattern, names, frozenset(exact)


def find_repositories(text: str) -> list[Mention]:
    """Every place ``text`` names a known repository, left to right, longest names first."""
    pattern, names, exact = _matcher()
    out = []
    for m in pattern.finditer(text):
        head = m.group(0)
        bare = re.sub(r"\s*\(.*\)$", "", head) if head.endswith(")") else head
        if len(bare) <= 6 and bare not in exact:
            continue  # short abbreviations match only as written: "AJ", not "aj"
        key = re.sub(r"\s*\(.*\)$", "", head).casefold() if head.endswith(")") else head.casefold()
        repo = names.get(key) or names.get(head.casefold())
        if repo is None:  # "Name (ABBR)" where only the bracket is a known name
            inner = re.search(r"\(([^)]*)\)$", head)
            repo = names.get(inner.group(1).casefold()) if inner else None
        if repo is not None:
            out.append(Mention(repo, m.start(), m.end()))
    return out
