"""The repository data file: the archives citations name, and how to find them in a string."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable
from importlib.resources import files


@dataclass(frozen=True)
class Repository:
    """An archive as ``repositories.json`` describes it."""

    id: str
    abbreviation: str
    variants: tuple[str, ...]
    fonds_codes: tuple[str, ...]
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
            id=r["id"], abbreviation=r["abbreviation"], variants=tuple(r.get("variants", ())),
            fonds_codes=tuple(r.get("fonds_codes", ())), name=r["name"],
            name_original=r.get("name_original", ""), language=r.get("language", ""), country=r.get("country", ""),
            wikidata=r.get("wikidata") or None, family=r.get("family", "generic"), levels=dict(r.get("levels", {})),
            parent=r.get("parent") or None,
        )
    return out


@dataclass(frozen=True)
class Mention:
    """Where a string names a repository: ``start:end`` covers the name (and a bracketed abbreviation).

    ``fonds`` is True when the name is one of the archive's fonds codes (``MfS``): it is also the first level.
    """

    repository: Repository
    start: int
    end: int
    fonds: bool = False


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, longest first, built as a trie so that matching does not
    try every word at every position (hundreds of archive names would otherwise dominate parsing).

    >>> re.fullmatch(trie_pattern(["AVP", "AVPRF", "AVP RF"]), "AVP RF") is not None
    True
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        end = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return emit(trie)


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], dict[str, Repository], frozenset[str]]:
    names: dict[str, Repository] = {}
    exact: set[str] = set()
    for repo in repositories().values():
        for form in (repo.abbreviation, *repo.variants, *repo.fonds_codes):
            form = unicodedata.normalize("NFC", form)
            names[form.casefold()] = repo
            exact.add(form)
    # Case-sensitive matching of each form and its lower, upper and title-case spellings is twice as fast
    # as IGNORECASE over hundreds of names, and finds the same names in citations.
    # Short abbreviations ("AJ", "PRO") match only as written, so other spellings are not added for them.
    spellings = {v for form in exact for v in ((form, form.lower(), form.upper(), form.title())
                                              if len(form) > 6 else (form,))}
    alternatives = trie_pattern(spellings)
    # A name, optionally followed by its abbreviation in brackets: "… Dokumentatsii (TsKhSD)".
    pattern = re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])(?:\s*\((?:{alternatives})\))?")
    return pattern, names, frozenset(exact)


def find_repositories(text: str) -> list[Mention]:
    """Every place ``text`` names a known repository, left to right, longest names first."""
    pattern, names, exact = _matcher()
    out = []
    for m in pattern.finditer(text):
        head = m.group(0)
        bracket = head.find("(") if head.endswith(")") else -1
        bare = head[:bracket].rstrip() if bracket > 0 else head
        if len(bare) <= 6 and bare not in exact:
            continue  # short abbreviations match only as written: "AJ", not "aj"
        repo = names.get(head.casefold()) if bracket > 0 else None  # a name with brackets of its own
        if repo is None:
            repo = names.get(bare.casefold())
        if repo is None and bracket > 0:  # "Name (ABBR)" where only the bracket is a known name
            repo = names.get(head[bracket + 1:-1].casefold())
        if repo is None:
            continue
        start, end = m.start(), m.end()
        if start and text[start - 1] == "(" and text[end:end + 1] == ")":
            # "The National Archives of the UK (TNA)": the name before the bracket is part of the mention
            cut = max(text.rfind(",", 0, start), text.rfind(";", 0, start))
            start, end = cut + 1, end + 1
            while start < end and text[start] == " ":
                start += 1
        out.append(Mention(repo, start, end, fonds=bare in repo.fonds_codes))
    return out
