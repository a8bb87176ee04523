"""Archival citations: from a DA "Source" line to the chain repository → fonds → series → file → item.

    >>> result = parse_source("RGANI, f. 5, op. 49, d. 131, ll. 193-194. Translated by Gary Goldberg.")
    >>> c = result.citations[0]
    >>> c.repository, [(lvl.type, lvl.value) for lvl in c.levels], c.pages
    ('rgani', [('fonds', '5'), ('series', '49'), ('file', '131')], Pages(start='193', end='194', unit='leaf'))
    >>> result.credits
    [Credit(role='translator', name='Gary Goldberg')]
    >>> render(c)
    'RGANI, f. 5, op. 49, d. 131, ll. 193-194'

The JSON shape of :meth:`ParsedSource.to_json` and the level types are documented in
``docs/citations.md``. Archive families and their grammars are in :mod:`rdfkit.citations.grammar`;
the archives themselves in ``repositories.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Citation, Level, Pages
from .grammar import RANKS, normalise, read_shelfmark, to_citation
from .repositories import Mention, Repository, find_repositories, repositories

__all__ = ["Credit", "ParsedSource", "Repository", "parse_source", "parse_citation", "render", "repositories",
           "normalise", "split_names"]


@dataclass(frozen=True)
class Credit:
    """A credit that follows a citation: ``Translated by Stephen Mercado`` → (translator, Stephen Mercado)."""

    role: str  # translator | editor | contributor
    name: str


@dataclass
class ParsedSource:
    """Everything a Source line says: one citation per archive, the credits, a published source."""

    citations: list[Citation] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    published_in: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON object of ``rdfkit cite -f json`` (keys fixed; see docs/citations.md)."""
        return {
            "citations": [citation_json(c) for c in self.citations],
            "credits": [{"role": c.role, "name": c.name} for c in self.credits],
            "published_in": self.published_in,
        }


def citation_json(c: Citation) -> dict[str, Any]:
    repo = repositories().get(c.repository) if c.repository else None
    return {
        "repository": repo.to_json() if repo else None,
        "levels": [{"type": lvl.type, "label": lvl.label, "value": lvl.value} for lvl in c.levels],
        "pages": {"start": c.pages.start, "end": c.pages.end, "unit": c.pages.unit} if c.pages else None,
        "verbatim": c.verbatim,
        "unparsed": c.unparsed,
    }


# --- credits ----------------------------------------------------------------------------------

_VERB = r"(?:obtained|translated|translation|edited|contributed|provided|donated)"
_CREDIT = re.compile(
    rf"(?P<verbs>{_VERB}(?:\s*(?:,|and)\s*{_VERB})*)"
    r"(?:\s+(?:for|from)\s+(?:the\s+)?(?:CWIHP|NKIDP|Cold War International History Project|Wilson Center|"
    r"History and Public Policy Program|[A-Z][a-z]+(?: original)?))*"
    r"(?P<where>\s+in\s+[^;]*?)?"
    r"\s+by\s+"
    # names are case-sensitive: capitalised words, initials, particles, and "and" unless a verb follows
    r"(?-i:(?P<names>(?:[A-Z\u00c0-\u024f0-9][\w'’\-]*\.?|(?:de|van|von|der|da|di|la|le)\b|,|&|"
    r"\band\b(?!\s+(?i:" + _VERB + r"))|\s)+))",
    re.IGNORECASE,
)
_ROLES = {"translated": "translator", "translation": "translator", "edited": "editor", "obtained": "contributor",
          "contributed": "contributor", "provided": "contributor", "donated": "contributor"}


def split_names(text: str) -> list[str]:
    """Split ``A, B, and C`` / ``A and B`` into names; a part of one word is kept with its neighbour.

    >>> split_names("Barnabás Vajd, Laura Deal, and Karl P. Benziger")
    ['Barnabás Vajd', 'Laura Deal', 'Karl P. Benziger']
    >>> split_names("Bill and Melinda Gates Foundation")
    ['Bill and Melinda Gates Foundation']
    """
    parts = [p.strip(" .") for p in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text) if p.strip(" .")]
    if len(parts) > 1 and any(len(p.split()) < 2 and not re.search(r"\d|[A-Z]{2,}", p) for p in parts):
        return [text.strip(" .")]  # "Bill and Melinda Gates Foundation": the "and" was inside a name
    return parts


def _credits(text: str) -> tuple[list[Credit], list[tuple[int, int]]]:
    """The credits in ``text`` and the spans they take."""
    credits: list[Credit] = []
    spans = []
    for m in _CREDIT.finditer(text):
        names_text = re.sub(r"(?:\s*(?:,|\band\b|&))+\s*$", "", m.group("names")).strip()
        # a name ends at a full stop after a full word ("Goldberg."), not after an initial ("P.")
        cut = re.search(r"(?<=[a-z\u00e0-\u024f]{2})\.(?=\s|$)", names_text)
        if cut:
            names_text = names_text[: cut.start()]
        if not names_text:
            continue
        roles = [_ROLES[v.lower()] for v in re.findall(_VERB, m.group("verbs"), re.IGNORECASE)]
        for name in split_names(names_text):
            for role in dict.fromkeys(roles):
                credits.append(Credit(role, name))
        if m.group("where"):
            continue  # "Translated in CWIHP Bulletin 12/13 by X": the credit stays part of the published source
        end = m.start("names") + len(m.group("names")[: m.group("names").find(names_text) + len(names_text)])
        spans.append((m.start(), end))
    return credits, spans


# --- published sources --------------------------------------------------------------------------

_PUBLISHED = re.compile(
    r"\b(?:published|Bulletin|Working Paper|Press|Verlag|Izdatel|Journal|Review|Quarterly|eds?\.|"
    r"University|Publishers?)\b|\([A-Z][\w .]+:\s*[^)]*\d{4}\)",
    re.IGNORECASE,
)


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    out, last = [], 0
    for start, end in sorted(spans):
        out.append(text[last:start])
        last = end
    out.append(text[last:])
    return "".join(out)


def _tidy(text: str) -> str:
    text = re.sub(r"\s*([,;])(?:\s*[,;])+", r"\1", text)
    text = re.sub(r"\s+([,;.])", r"\1", text)
    text = re.sub(r"\.\s*\.", ".", text)
    text = re.sub(r"\s{2,}", " ", text)
    return text.strip(" ,;").rstrip(".").strip()


def parse_source(text: str) -> ParsedSource:
    """Parse a whole Source line: citations (one per archive), credits, and a published source.

    Never raises on any text; what is not understood is kept in ``unparsed``.
    """
    text = normalise(text)
    credits, spans = _credits(text)
    rest = _tidy(_cut(text, spans))
    result = ParsedSource(credits=credits)
    if not rest:
        return result
    mentions = _merge(find_repositories(rest))
    if not mentions:
        if _PUBLISHED.search(rest):
            result.published_in = rest
        else:
            result.citations.append(parse_citation(rest))
        return result
    head = rest[: mentions[0].start].strip(" ,;.")
    if head and _PUBLISHED.search(head):
        result.published_in = head
        head = ""
    for k, mention in enumerate(mentions):
        end = mentions[k + 1].start if k + 1 < len(mentions) else len(rest)
        part = rest[mention.start:end]
        part = re.sub(r"[;,]?\s*(?:\band\b)?\s*$", "", part).strip(" ,;")
        tail = rest[mention.end:end]
        tail = re.sub(r"[;,]?\s*(?:\band\b)?\s*$", "", tail)
        verbatim = (f"{head}, {part}" if head and k == 0 else part).rstrip(".").strip()
        shelfmark = tail.strip(" ,;.")
        if _PUBLISHED.search(shelfmark) and re.search(r"\b(?:published|Bulletin|Working Paper)\b", shelfmark, re.I):
            pub = re.search(r"\b(?:(?:first |also )?published|Translated in|in CWIHP|CWIHP Bulletin|Working Paper)", shelfmark, re.I)
            if pub:
                result.published_in = shelfmark[pub.start():].strip(" ,;.")
                shelfmark = shelfmark[: pub.start()].strip(" ,;.")
                verbatim = verbatim[: len(verbatim) - len(tail.strip(" ,;.")) + pub.start()].strip(" ,;.")
        state = read_shelfmark(shelfmark, mention.repository.family)
        if head and k == 0:
            state.unparsed.insert(0, head)
        result.citations.append(to_citation(verbatim, mention.repository.id, state))
    return result


def _merge(mentions: list[Mention]) -> list[Mention]:
    """One mention per archive name: "Tsentr … (TsKhSD), Moscow" and a repeated name count once."""
    out: list[Mention] = []
    for m in mentions:
        if out and out[-1].repository.id == m.repository.id:
            continue
        out.append(m)
    return out


def parse_citation(text: str) -> Citation:
    """Parse one archival citation (no credits): the first archive it names and its shelfmark."""
    text = normalise(text).strip(" .")
    mentions = find_repositories(text)
    if not mentions:
        state = read_shelfmark(text, "generic")
        if not state.levels and not state.pages:
            return Citation(verbatim=text, unparsed=text or None)
        return to_citation(text, None, state)
    m = mentions[0]
    state = read_shelfmark(text[m.end:].strip(" ,;."), m.repository.family)
    head = text[: m.start].strip(" ,;.")
    if head:
        state.unparsed.insert(0, head)
    return to_citation(text, m.repository.id, state)


# --- canonical form -------------------------------------------------------------------------------

_CANONICAL_LABELS = {
    "russian": {"fonds": "f.", "series": "op.", "folder": "pap.", "file": "d.", "item": "dok.", "box": "Box"},
    "bulgarian": {"fonds": "f.", "series": "op.", "file": "a.e.", "item": "dok."},
    "us": {"record_group": "RG", "box": "Box", "folder": "Folder"},
    "us-presidential": {"box": "Box"},
    "hungarian": {"box": "doboz"},
    "romanian": {"fonds": "fond", "file": "dosar"},
}


def render(c: Citation) -> str:
    """Write a citation in rdfkit's canonical spelling; parsing the result gives the same structure."""
    repo = repositories().get(c.repository) if c.repository else None
    family = repo.family if repo else "generic"
    labels = _CANONICAL_LABELS.get(family, _CANONICAL_LABELS["russian"])
    parts = [repo.abbreviation] if repo else []
    if family == "prc":
        items = {lvl.type: lvl.value for lvl in c.levels}
        ref = items.get("item") or items.get("file") or items.get("series") or ""
        parts.append(" ".join(filter(None, [repo.abbreviation if repo else "", ref])))
        parts = parts[1:]
        if c.pages:
            parts.append(_range(c.pages))
        return ", ".join(parts)
    if family == "uk" and [lvl.type for lvl in c.levels][:3] == ["fonds", "series", "file"]:
        f, s, p = (lvl.value for lvl in c.levels[:3])
        parts.append(f"{f} {s}/{p}")
        rest = c.levels[3:]
    else:
        rest = c.levels
    for lvl in rest:
        label = labels.get(lvl.type, lvl.label) if lvl.label or lvl.type in labels else ""
        if family in ("us", "us-presidential", "german", "hungarian", "polish", "czech", "yugoslav", "japan", "uk"):
            label = lvl.label  # these archives' own labels (NAID, Lot, CF, doboz) are the canonical ones
        value = lvl.value if lvl.value is not None else "[unknown]"
        if family == "hungarian" and lvl.type == "box":
            parts.append(f"{value}. {label}")
        else:
            parts.append(f"{label} {value}".strip())
    if c.pages:
        unit = {"leaf": "ll." if c.pages.end != c.pages.start else "l.", "page": "pp." if c.pages.end != c.pages.start else "p."}
        if c.pages.start is None:
            parts.append("unnumbered page")
        elif family in ("prc", "german") and c.pages.unit == "page":
            parts.append(_range(c.pages))
        else:
            parts.append(f"{unit[c.pages.unit]} {_range(c.pages)}")
    return ", ".join(parts)


def _range(p: Pages) -> str:
    return p.start or "" if p.end in (None, p.start) else f"{p.start}-{p.end}"


def levels_rank(level: Level) -> int:
    return RANKS.get(level.type, 99)
