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
_NAME_WORD = r"(?:[A-Z\u00c0-\u024f0-9][\w'’\-]*\.?|(?:de|van|von|der|da|di|la|le)\b)"
_CREDIT = re.compile(
    rf"(?P<verbs>{_VERB}(?:\s*(?:,|and)\s*{_VERB})*)"
    r"(?:\s+(?:for|from)\s+(?:the\s+)?(?:CWIHP|NKIDP|Cold War International History Project|Wilson Center|"
    r"History and Public Policy Program|[A-Z][a-z]+(?: original)?))*"
    r"(?P<where>\s+in\s+[^;]*?)?"
    r"\s+by\s+"
    # names are case-sensitive: capitalised words, initials and particles, joined by spaces, commas, "&"
    # and "and" (unless a verb follows: "… by A and translated by B")
    r"(?-i:(?P<names>" + _NAME_WORD + r"(?:(?:\s*,\s*(?:and\s+(?!(?i:" + _VERB + r")))?|\s*&\s*|\s+and\s+(?!(?i:"
    + _VERB + r"))|\s+)" + _NAME_WORD + r")*))",
    re.IGNORECASE,
)
_NAME_END = re.compile(r"(?<=[a-z\u00e0-\u024f]{2})\.(?=\s|$)")
_VERB_RE = re.compile(_VERB, re.IGNORECASE)
_NAME_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
_CODE_LIKE = re.compile(r"\d|[A-Z]{2,}")
_CREDIT_START = re.compile(r"\b(?:obtained|translat|edited|contributed|provided|donated)", re.IGNORECASE)
_ROLES = {"translated": "translator", "translation": "translator", "edited": "editor", "obtained": "contributor",
          "contributed": "contributor", "provided": "contributor", "donated": "contributor"}


def split_names(text: str) -> list[str]:
    """Split ``A, B, and C`` / ``A and B`` into names; a part of one word is kept with its neighbour.

    >>> split_names("Barnabás Vajd, Laura Deal, and Karl P. Benziger")
    ['Barnabás Vajd', 'Laura Deal', 'Karl P. Benziger']
    >>> split_names("Bill and Melinda Gates Foundation")
    ['Bill and Melinda Gates Foundation']
    """
    parts = [p.strip(" .") for p in _NAME_SPLIT.split(text) if p.strip(" .")]
    if len(parts) > 1 and any(len(p.split()) < 2 and not _CODE_LIKE.search(p) for p in parts):
        return [text.strip(" .")]  # "Bill and Melinda Gates Foundation": the "and" was inside a name
    return parts


def _credits(text: str) -> tuple[list[Credit], list[tuple[int, int]]]:
    """The credits in ``text`` and the spans they take."""
    credits: list[Credit] = []
    spans: list[tuple[int, int]] = []
    if " by " not in text and " By " not in text and " BY " not in text:
        return credits, spans
    last = 0
    for start in _CREDIT_START.finditer(text):
        if start.start() < last:
            continue  # inside the credit just read ("Obtained and translated by …")
        m = _CREDIT.match(text, start.start())
        if m is None:
            continue
        last = m.end()
        names_text = _strip_join(m.group("names").rstrip(" &")).strip()
        # a name ends at a full stop after a full word ("Goldberg."), not after an initial ("P.")
        cut = _NAME_END.search(names_text)
        if cut:
            names_text = names_text[: cut.start()]
        if not names_text:
            continue
        roles = [_ROLES[v.lower()] for v in _VERB_RE.findall(m.group("verbs"))]
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


_JOINER = re.compile(r"[\s,;]*(?:\band\b)?[\s,;]*")


_PUBLISHED_HINTS = re.compile(r"ublish|ulletin|orking|Press|Verlag|zdatel|ournal|eview|uarterly|ed\.|niversity|:")


def _looks_published(text: str) -> bool:
    """A cheap test before the full regex: most Source lines contain none of these."""
    return _PUBLISHED_HINTS.search(text) is not None and _PUBLISHED.search(text) is not None


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without the credit spans; what only joined two credits ("… and translated by …") goes too."""
    out, last = [], 0
    for start, end in sorted(spans):
        gap = text[last:start]
        if last and _JOINER.fullmatch(gap):
            gap = ""
        out.append(gap)
        last = end
    out.append(text[last:])
    return "".join(out)


_RUNS = re.compile(r"\s*([,;])(?:\s*[,;])+")
_SPACE_BEFORE = re.compile(r"\s+([,;.])")
_DOTS = re.compile(r"\.\s*\.")
_SPACES = re.compile(r"\s{2,}")
_PUB_WORD = re.compile(r"\b(?:published|Bulletin|Working Paper)\b", re.I)
_PUB_START = re.compile(r"\b(?:(?:first |also )?published|Translated in|in CWIHP|CWIHP Bulletin|Working Paper)", re.I)


def _strip_join(text: str) -> str:
    """Drop what joins a part to the next: trailing commas, semicolons and a final "and"."""
    text = text.rstrip(" ,;")
    while text.endswith(" and") or text == "and":
        text = text[:-3].rstrip(" ,;")
    return text


def _tidy(text: str) -> str:
    """Clean up what cutting the credits out of a Source line leaves behind (the final full stop stays)."""
    if ",," in text or ";;" in text or ", ," in text or "; ;" in text or ",;" in text or ";," in text:
        text = _RUNS.sub(r"\1", text)
    if " ," in text or " ;" in text or " ." in text:
        text = _SPACE_BEFORE.sub(r"\1", text)
    if ".." in text or ". ." in text:
        text = _DOTS.sub(".", text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    return text.strip(" ,;").strip()


_CONNECTIVE = re.compile(
    r"(?:^|[,;.]?\s*)(?:and\s+)?(?:also\s+)?(?:(?:copy\s+)?(?:available|held|kept|located|deposited|on\s+file)\s+"
    r"(?:at|in)|original\s+(?:at|in)|from)(?:\s+the)?\s*$",
    re.IGNORECASE,
)
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$")


def _drop_final_dot(text: str) -> str:
    """Drop a sentence's final full stop, but not the dot of an abbreviation ("Washington, D.C.")."""
    text = text.rstrip()
    if not text.endswith("."):
        return text
    return text if _ABBREVIATION_END.search(text[-12:]) else text.rstrip(".").rstrip()


def parse_source(text: str) -> ParsedSource:
    """Parse a whole Source line: citations (one per archive), credits, and a published source.

    Never raises on any text; what is not understood is kept in ``unparsed``.
    """
    text = normalise(text)
    credits, spans = _credits(text)
    result = ParsedSource(credits=credits)
    rest = _tidy(_cut(text, spans))
    if not rest:
        return result
    if _looks_published(rest) and not find_repositories(rest):
        # A book's own "Translated by" inside its reference stays; credits after the reference do not.
        end = len(text.rstrip(" ."))
        for start, stop in sorted(spans, reverse=True):
            if not text[stop:end].strip(" .,;"):
                end = len(text[:start].rstrip(" .,;"))
        result.published_in = _drop_final_dot(text[:end])
        return result
    pending: list[str] = []  # text before the first archive is named
    for segment in _segments(rest):
        mentions = _merge(find_repositories(segment))
        if not mentions:
            current = result.citations[-1] if result.citations else None
            if current is not None and _extend(current, segment):
                continue
            if _looks_published(segment) and _PUB_WORD.search(segment):
                result.published_in = segment
            elif current is None and (bare := read_shelfmark(segment, "generic")).levels:
                result.citations.append(to_citation(segment, None, bare))  # a shelfmark naming no archive
            elif current is not None:
                current.unparsed = ", ".join(filter(None, [current.unparsed, segment])) or None
            else:
                pending.append(segment)
            continue
        for k, mention in enumerate(mentions):
            stop = mentions[k + 1].start if k + 1 < len(mentions) else len(segment)
            head = segment[: mention.start] if k == 0 else ""
            if head:
                head = _strip_join(_CONNECTIVE.sub("", head).strip(" ,;"))
            head = "; ".join(filter(None, [*pending, head]))
            pending = []
            tail = _strip_join(segment[mention.start if mention.fonds else mention.end:stop])
            tail, published = _split_published(tail)
            if published:
                result.published_in = published
            family = mention.repository.family
            state = read_shelfmark(tail.strip(" ,;."), family)
            verbatim = _strip_join(segment[mention.start:stop])
            if published:
                verbatim = _drop_final_dot(_strip_join(verbatim[: verbatim.rfind(published)])) \
                    if published in verbatim else verbatim
            if head:
                before = read_shelfmark(head, family)
                if before.levels:
                    state.levels = sorted(before.levels + state.levels, key=lambda lvl: RANKS.get(lvl.type, 99))
                    verbatim = _strip_join(segment[: stop]).strip()
                    if pending_head := ", ".join(before.unparsed):
                        state.unparsed.insert(0, pending_head)
                else:
                    state.unparsed.insert(0, head)
            result.citations.append(to_citation(verbatim, mention.repository.id, state))
    if pending:  # no archive named anywhere: keep the text as written, from the first part to the last
        source = rest if spans else text  # (the tidied text only where credits were cut out)
        start, end = source.find(pending[0]), source.rfind(pending[-1])
        whole = source[start:end + len(pending[-1])] if 0 <= start <= end else "; ".join(pending)
        result.citations.append(Citation(verbatim=whole, unparsed=whole))
    return result


def _merge(mentions: list[Mention]) -> list[Mention]:
    """One mention per archive name: a name repeated right after itself ("PA AA, MfAA, …") counts once,
    keeping the first."""
    out: list[Mention] = []
    for m in mentions:
        if out and out[-1].repository.id == m.repository.id:
            continue
        out.append(m)
    return out


def _segments(text: str) -> list[str]:
    """Split at semicolons outside brackets: each part names at most a few archives."""
    if "(" not in text and "[" not in text:
        return [_drop_final_dot(p.strip(" ,")) for p in text.split(";") if p.strip(" ,.")]
    out, depth, last = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0:
            out.append(text[last:i])
            last = i + 1
    out.append(text[last:])
    return [_drop_final_dot(p.strip(" ,")) for p in out if p.strip(" ,.")]


def _extend(citation: Citation, segment: str) -> bool:
    """A segment with no archive name that continues the previous citation's shelfmark."""
    repo = repositories().get(citation.repository) if citation.repository else None
    state = read_shelfmark(segment.strip(" ,;."), repo.family if repo else "generic")
    if not state.levels and not state.pages:
        return False
    citation.levels = sorted(citation.levels + state.levels, key=lambda lvl: RANKS.get(lvl.type, 99))
    citation.pages = state.pages or citation.pages
    citation.verbatim = f"{citation.verbatim}; {segment}"
    citation.unparsed = ", ".join(filter(None, [citation.unparsed, *state.unparsed])) or None
    return True


def _split_published(tail: str) -> tuple[str, str | None]:
    """Cut a published source ("… First published in …") off the end of a shelfmark."""
    if _looks_published(tail) and _PUB_WORD.search(tail):
        pub = _PUB_START.search(tail)
        if pub:
            return tail[: pub.start()].strip(" ,;."), _drop_final_dot(tail[pub.start():].strip(" ,;"))
    return tail, None


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
    rest = list(c.levels)
    types = [lvl.type for lvl in rest]
    if family == "uk" and types[:3] == ["fonds", "series", "file"]:
        f, s, p = (lvl.value for lvl in rest[:3])
        parts.append(f"{f} {s}/{p}")
        rest = rest[3:]
    elif family == "hungarian" and types[:2] == ["fonds", "series"]:
        parts.append(f"{rest[0].value} {rest[1].value}")  # "XIX-J-1-j Kína": the country file follows its fonds
        rest = rest[2:]
    elif family == "german" and types[:2] == ["fonds", "file"] and re.fullmatch(r"[A-Z][A-Za-z]{0,3} ?\d+", rest[0].value or ""):
        parts.append(f"{rest[0].value}/{rest[1].value}")  # "DY 30/3667"
        rest = rest[2:]
    elif family == "german" and types[:3] == ["fonds", "series", "file"] and not rest[1].label:
        parts += [rest[0].value or "", f"{rest[1].value} {rest[2].value}"]  # "MfS, HA XX 1234"
        rest = rest[3:]
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
