"""Citation grammars: read the shelfmark that follows an archive's name into levels and a page range.

A grammar is a list of rules tried in turn at each position of the shelfmark; the first that matches
consumes its text and says what it found (levels, a page range). Text no rule explains is kept as
``unparsed``. Each archive family (see ``family`` in ``repositories.json``) has its own rules in front
of the shared ones for labelled levels (``f. 0100``, ``Opis' (Op.) 14``, ``Box 12``, ``ll. 3-7ob``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from ..graph import clean_text
from ..model import Citation, Level, Pages
from ..registry import Registry

#: Level types, top of the hierarchy first (docs/citations.md).
RANKS = {"record_group": 0, "fonds": 1, "series": 2, "year": 3, "box": 4, "folder": 5, "file": 6, "item": 7}

_DASH = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_SLASH = re.compile(r"(?<=\w)\s*/\s*(?=\w)")
_NUMBER_DASH = re.compile(r"(?<=\d)\s+-\s*(?=\d)|(?<=\d)-\s+(?=\d)")
_FIELD_END = re.compile(r"[,;]")


def normalise(text: str) -> str:
    """NFC, plain spaces, ASCII hyphens for every dash, no stray spaces around ``/`` or ``-`` in numbers.

    >>> normalise("XIX-J-1-j Kína, 7. doboz, 3/b, 003151/ 1957")
    'XIX-J-1-j Kína, 7. doboz, 3/b, 003151/1957'
    >>> normalise("DY 30/3667, 10\u201314")
    'DY 30/3667, 10-14'
    """
    text = _DASH.sub("-", clean_text(unicodedata.normalize("NFC", text)).replace("\n", " "))
    if "/" in text:
        text = _SLASH.sub("/", text)
    if "- " in text or " -" in text:
        text = _NUMBER_DASH.sub("-", text)
    return text


@dataclass
class State:
    """What the rules have found so far in one shelfmark."""

    levels: list[Level] = field(default_factory=list)
    pages: Pages | None = None
    unparsed: list[str] = field(default_factory=list)
    family: str = "generic"

    def has(self, *types: str) -> bool:
        return any(level.type in types for level in self.levels)

    def add(self, type_: str, label: str, value: str | None) -> None:
        if value is not None:
            value = value.strip().rstrip(".").strip() or None
        self.levels.append(Level(type_, label.strip(), value))


Rule = tuple[re.Pattern[str], Callable[[re.Match[str], State], None]]

# --- values -----------------------------------------------------------------------------------

_GAP = r"(?:\[\s*)?(?:unknown|not\s+(?:given|known|indicated|stated)|missing|illegible|n/a|\?)(?:\s*\])?"
_VALUE = rf"(?P<value>{_GAP}|[0-9A-Za-z\u00c0-\u024f\u0400-\u04ff][^\s,;]*?)(?=\.?(?:[\s,;]|$))"
_PAGE = r"\d+\s?(?:ob|об|v|r|a|b)?"
_RANGE = rf"(?P<start>{_PAGE})(?:\s*-\s*(?P<end>{_PAGE}))?(?=\.?(?:[\s,;]|$))"


_GAP_RE = re.compile(_GAP, re.IGNORECASE)


def _value(m: re.Match[str]) -> str | None:
    value = m.group("value")
    return None if not value[0].isdigit() and _GAP_RE.fullmatch(value) else value


def _pages(m: re.Match[str], state: State, unit: str) -> None:
    start = m.group("start").replace(" ", "").rstrip(".")
    end = m.group("end").replace(" ", "").rstrip(".") if m.group("end") else start
    state.pages = Pages(start, end, unit)


# --- the shared rules: labelled levels and page ranges -----------------------------------------

# (label pattern, type) for levels; order matters where one label is the start of another.
LEVEL_LABELS: tuple[tuple[str, str], ...] = (
    (r"Fond\s*\(F\.\)", "fonds"), (r"Opis'?\s*\(Op\.\)", "series"), (r"Delo\s*\(D\.\)", "file"),
    (r"Papka\s*\(Pap?\.\)", "folder"), (r"Record\s+Group", "record_group"), (r"RG", "record_group"),
    (r"fond", "fonds"), (r"Collection", "fonds"), (r"opis'?", "series"), (r"op\.", "series"),
    (r"Inventory", "series"), (r"per\.", "series"), (r"Entry", "series"), (r"papka", "folder"),
    (r"pap\.", "folder"), (r"Folder", "folder"), (r"delo", "file"), (r"d\.", "file"), (r"File", "file"),
    (r"a\.\s?e\.", "file"), (r"a\.\s?j\.", "file"), (r"por\.", "file"), (r"dosar", "file"),
    (r"sygn\.", "file"), (r"dok\.", "item"), (r"Document", "item"), (r"doc\.", "item"), (r"box", "box"),
    (r"karton", "box"), (r"sv\.", "box"),
)
# (label pattern, unit) for page ranges.
PAGE_LABELS: tuple[tuple[str, str], ...] = (
    (r"Listy\s*\(Ll\.\)", "leaf"), (r"List\s*\(L\.\)", "leaf"), (r"listy", "leaf"), (r"list", "leaf"),
    (r"ll\.", "leaf"), (r"l\.", "leaf"), (r"Sheets?", "leaf"), (r"Bl\.", "leaf"), (r"k\.", "leaf"),
    (r"folios?", "leaf"), (r"ff?\.", "leaf"), (r"pp\.", "page"), (r"pages?", "page"), (r"S\.", "page"),
)


def _alternative(label: str) -> str:
    """Labels written in lower case match in any case (``fond``, ``Fond``); capitalised ones as written (``S.``)."""
    return f"(?i:{label})" if label[0].islower() else label


def _combined(labels: tuple[tuple[str, str], ...]) -> tuple[str, Callable[[str], str]]:
    """One alternation for many labels (one match attempt per position instead of one per label), and
    a function telling which entry a matched label is."""
    compiled = [(re.compile(_alternative(label) + r"\Z"), kind) for label, kind in labels]
    cache: dict[str, str] = {}

    def kind_of(label: str) -> str:
        if label not in cache:
            cache[label] = next(kind for pattern, kind in compiled if pattern.match(label))
        return cache[label]

    return "|".join(_alternative(label) for label, _ in labels), kind_of


def _level_rule(labels: tuple[tuple[str, str], ...]) -> Rule:
    alternatives, type_of = _combined(labels)

    def handle(m: re.Match[str], state: State) -> None:
        state.add(type_of(m.group("label")), m.group("label"), _value(m))

    return re.compile(rf"(?P<label>{alternatives})\s*{_VALUE}"), handle


def _page_rule(labels: tuple[tuple[str, str], ...]) -> Rule:
    alternatives, unit_of = _combined(labels)
    return re.compile(rf"(?P<label>{alternatives})\s*{_RANGE}"), lambda m, state: _pages(m, state, unit_of(m.group("label")))


def _fonds_or_folio(m: re.Match[str], state: State) -> None:
    """``f.`` is the fonds before any file level, and a folio (leaf) after one (``dosar 1, f. 10-12``)."""
    if state.has("file", "fonds"):
        _pages(m, state, "leaf")
    else:
        state.add("fonds", m.group("label"), m.group("start") if not m.group("end") else m.group(0)[2:])


def _papka_or_page(m: re.Match[str], state: State) -> None:
    """``p.`` is a papka before the file level (``p. 253, d. 18``) and a page after it."""
    if state.has("file", "item") or m.group("end"):
        _pages(m, state, "page")
    else:
        state.add("folder", m.group("label"), m.group("start"))


# Where an archive is: part of its name in a citation, not a level ("TsKhSD, Moscow, Fond 3").
PLACES = ("Moscow", "Beijing", "Berlin", "Budapest", "Warsaw", "Prague", "Bucharest", "Sofia", "Belgrade",
          "Washington", "College Park, MD", "College Park", "London", "Kew",
          "Tokyo", "Baku", "Kyiv", "Kiev", "Koblenz", "Berlin-Lichterfelde", "Ulaanbaatar", "Pyongyang", "Seoul")

# Most frequent first (labelled levels, then ranges); places and "unnumbered page" are rare.
SHARED_RULES: list[Rule] = [
    _level_rule(LEVEL_LABELS),
    (re.compile(rf"(?P<label>f\.)\s*(?:(?P<value>{_GAP}|[A-ZА-Я]{{1,2}}-?\d+[a-zа-я]?|\d+-?[A-ZА-Я])(?=\.?(?:[\s,;]|$))|{_RANGE})",
                re.IGNORECASE),
     lambda m, state: state.add("fonds", m.group("label"), _value(m)) if m.group("value") else _fonds_or_folio(m, state)),
    (re.compile(rf"(?P<label>p\.)\s*{_RANGE}", re.IGNORECASE), _papka_or_page),
    _page_rule(PAGE_LABELS),  # after "f." and "p.", which decide between a level and a page by position
    (re.compile(r"(?P<value>(?:19|20)\d{2})(?=\.?(?:[\s,;]|$))"),
     lambda m, state: state.add("year", "", m.group("value")) if state.has("series", "fonds") else state.unparsed.append(m.group(0))),
    (re.compile(r"Washington,?\s*D\.?\s?C\.?(?=[\s,;]|$)|"
                rf"(?:{'|'.join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True))})(?=[\s,;.]|$)"),
     lambda m, state: None),
    (re.compile(r"(?P<label>unnumbered\s+(?:page|leaf|sheet)s?)", re.IGNORECASE),
     lambda m, state: setattr(state, "pages", Pages(None, None, "page"))),
]

# --- family rules -------------------------------------------------------------------------------


def _prc(m: re.Match[str], state: State) -> None:
    cat, file_, item = m.group("cat"), m.group("file"), m.group("item")
    state.add("series", "", cat)
    state.add("file", "", f"{cat}-{file_}")
    if item:
        state.add("item", "", f"{cat}-{file_}-{item}")


def _bare_range(unit: str) -> Rule:
    """A range with no label after the file level: PRC FMA and German pages."""
    def handle(m: re.Match[str], state: State) -> None:
        if state.has("file", "item") and state.pages is None:
            _pages(m, state, unit)
        else:
            state.unparsed.append(m.group(0))
    return re.compile(_RANGE), handle


def _german_fonds(m: re.Match[str], state: State) -> None:
    state.add("fonds", "", m.group("fonds"))
    if m.group("file"):
        state.add("file", "", m.group("file"))


def _stasi_file(m: re.Match[str], state: State) -> None:
    """``HA XX 1234``: a Stasi main department (series) and its file number."""
    state.add("series", "", m.group("value"))
    state.add("file", "", m.group("file"))


def _german_bare_file(m: re.Match[str], state: State) -> None:
    if state.has("fonds", "series") and not state.has("file"):
        state.add("file", "", m.group("value"))
    elif state.has("file") and state.pages is None:
        state.pages = Pages(m.group("value"), m.group("value"), "page")  # "DY 30/3667, 12": one page
    else:
        state.unparsed.append(m.group(0))


GERMAN_RULES: list[Rule] = [
    (re.compile(r"(?P<fonds>(?:DY|DC|DO|DE|DF|DK|DL|DR|DP|NY|SgY|DA)\s?\d+)(?:/(?P<file>[^\s,;]+(?:\s[IVX]+/[^\s,;]+)?))?"),
     _german_fonds),
    (re.compile(r"(?P<value>MfS|MfAA|ZK der SED|ZPA)(?=[\s,;]|$)"), lambda m, state: state.add("fonds", "", m.group("value"))),
    (re.compile(r"(?P<value>(?:HA|Abt\.|BV|ZAIG|AIM|AP|AOP|AU|AS|SdM|ZKG|HV\s?A)(?:\s+[IVXL]+)?)\s+(?P<file>\d[^\s,;]*)"),
     _stasi_file),
    (re.compile(r"(?P<value>[A-Z]\s?\d+/\d+)(?=[\s,;]|$)"), lambda m, state: state.add("file", "", m.group("value"))),
    (re.compile(r"(?P<value>\d+)(?=[\s,;]|$)"), _german_bare_file),
    _bare_range("page"),
]


def _hungarian_fonds(m: re.Match[str], state: State) -> None:
    state.add("fonds", "", m.group("fonds"))
    if m.group("series"):
        state.add("series", "", m.group("series"))


HUNGARIAN_RULES: list[Rule] = [
    (re.compile(r"(?P<fonds>[XVI]+-[A-Z](?:-\d+)?(?:-[a-z])?)(?:\s+(?P<series>[^\s,;\d][^,;]*?))?(?=,|;|$)"),
     _hungarian_fonds),
    (re.compile(r"(?P<value>\d+)\.?\s*(?P<label>doboz|d\.)", re.IGNORECASE),
     lambda m, state: state.add("box", m.group("label"), m.group("value"))),
    (re.compile(r"(?P<value>\d+/\d{4})(?=[\s,;]|$)"), lambda m, state: state.add("item", "", m.group("value"))),
    (re.compile(r"(?P<value>\d+/[a-z])(?=[\s,;]|$)"), lambda m, state: state.add("item", "", m.group("value"))),
    (re.compile(r"(?P<value>\d+)\.?\s*(?P<label>tétel)", re.IGNORECASE),
     lambda m, state: state.add("file", m.group("label"), m.group("value"))),
]


def _us_series(m: re.Match[str], state: State) -> None:
    state.add("series", "", m.group("value"))


US_RULES: list[Rule] = [
    (re.compile(r"(?P<value>Lot(?:\s+File)?\s+\d+\s?[A-Z]\s?\d+)"),
     lambda m, state: state.add("series", "", m.group("value"))),
    (re.compile(r"(?P<value>NLC-[\d-]+)"), lambda m, state: state.add("item", "", m.group("value"))),
    (re.compile(r"(?P<label>CF)\s+(?P<value>\d+)"), lambda m, state: state.add("file", m.group("label"), m.group("value"))),
    (re.compile(r"(?P<label>National Archives Identifier|NAID)\s*(?:#|no\.?\s*)?(?P<value>\d+)", re.IGNORECASE),
     lambda m, state: state.add("item", m.group("label"), m.group("value"))),
    (re.compile(r"(?P<value>(?:Central Foreign Policy Files?|Central (?:Decimal )?Files?|Subject-Numeric Files?|"
                r"Records of [^,;]+|General Records of [^,;]+))(?=[,;]|$)"), _us_series),
    (re.compile(r"(?P<value>[DP]\d{6}-\d{4})"), lambda m, state: state.add("item", "", m.group("value"))),
    (re.compile(r"(?P<value>\d{3}\.\d+(?:/\d+(?:-\d+)*)?)(?=[\s,;]|$)"),
     lambda m, state: state.add("file", "", m.group("value"))),
]


def _title(m: re.Match[str], state: State) -> None:
    """Titles in a US path: collections ("… Papers") are fonds, file groups are series (``National
    Security Files``), a date span before the box is the series' years, and after the box come the
    folder's title and dates (``China (1), 1/75-6/75``)."""
    value = m.group("value").strip()
    if state.has("box"):
        folders = [lvl for lvl in state.levels if lvl.type == "folder"]
        if folders:
            state.levels.remove(folders[-1])
            state.add("folder", folders[-1].label, f"{folders[-1].value}, {value}")
        else:
            state.add("folder", "", value)
    elif re.fullmatch(r"[\d/-]+", value):
        state.add("year", "", value)
    elif re.search(r"\b(?:Papers|Collection)$", value) and not state.has("fonds", "series"):
        state.add("fonds", "", value)
    else:
        state.add("series", "", value)


TITLE_RULES: list[Rule] = [
    (re.compile(r"(?P<value>\d{1,2}/\d{2,4}(?:-\d{1,2}/\d{2,4})?|\d{4}(?:-\d{2,4})?)(?=[,;]|$)"), _title),
    (re.compile(r"(?P<value>[A-Z][^,;]*)(?=[,;]|$)"), _title),
]

def _tna(m: re.Match[str], state: State) -> None:
    """``FO 371/135869``: department, series and piece."""
    state.add("fonds", "", m.group("fonds"))
    state.add("series", "", m.group("series"))
    state.add("file", "", m.group("piece"))


UK_RULES: list[Rule] = [
    (re.compile(r"(?P<fonds>[A-Z]{1,5})\s?(?P<series>\d+)/(?P<piece>\d+[A-Z]?)"), _tna),
]

JAPAN_RULES: list[Rule] = [
    (re.compile(r"(?P<value>\d{4}-\d{1,5}|[A-Z]'?(?:\.\d+)+(?:-\d+)?)(?=[\s,;.]|$)"),
     lambda m, state: state.add("file", "", m.group("value"))),
]

PRC_RULES: list[Rule] = [
    (re.compile(r"(?P<cat>\d{3})-(?P<file>\d{5})(?:-(?P<item>\d{1,3}))?"), _prc),
    _bare_range("page"),
]


def _bare_fonds(m: re.Match[str], state: State) -> None:
    """Central and East European archives: a bare name or code first is the fonds (``KC PZPR``, ``507``)."""
    if not state.levels:
        state.add("fonds", "", m.group("value"))
    elif not state.has("file", "item") and re.search(r"\d", m.group("value")):
        state.add("file", "", m.group("value"))
    else:
        state.unparsed.append(m.group("value"))


POLISH_RULES: list[Rule] = [
    _level_rule(((r"z\.", "fonds"), (r"w\.", "box"), (r"t\.", "file"))),
]

EAST_RULES: list[Rule] = [
    (re.compile(r"(?P<value>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ0-9][^,;]*?)(?=\s*[,;]|$)"), _bare_fonds),
]

#: Rules by family, tried before the shared ones.
families: Registry[list[Rule]] = Registry("rdfkit.citation_families", "citation grammar family")
for _name, _rules in {"prc": PRC_RULES, "german": GERMAN_RULES, "hungarian": HUNGARIAN_RULES,
                      "us": US_RULES + TITLE_RULES,
                      "us-presidential": US_RULES + TITLE_RULES, "uk": UK_RULES, "japan": JAPAN_RULES,
                      "russian": [], "generic": [], "bulgarian": [], "polish": POLISH_RULES + EAST_RULES, "czech": EAST_RULES,
                      "romanian": EAST_RULES, "yugoslav": EAST_RULES}.items():
    families.register(_name)(_rules)

_SEPARATOR = re.compile(r"(?:[\s,;:]|\.(?=\s|$)|\band\b)+")


@lru_cache(maxsize=None)
def _rules_for(family: str) -> list[Rule]:
    try:
        own = families.get(family)
    except Exception:
        own = []
    # Family rules that read bare titles or bare names must come after the labelled ones.
    late = {id(r) for r in TITLE_RULES + EAST_RULES}
    early = [r for r in own if id(r) not in late]
    return early + SHARED_RULES + [r for r in own if id(r) in late]


def read_shelfmark(text: str, family: str = "generic") -> State:
    """Read the part of a citation after the archive's name into levels, pages and unparsed text."""
    state = State(family=family)
    rules = _rules_for(family)
    i, n = 0, len(text)
    while i < n:
        if text[i] in " ,;:." or text[i] == "a":
            sep = _SEPARATOR.match(text, i)
            if sep and sep.end() > i:
                i = sep.end()
                continue
        for pattern, handle in rules:
            m = pattern.match(text, i)
            if m and m.end() > i:
                handle(m, state)
                i = m.end()
                break
        else:
            end = _FIELD_END.search(text, i)
            j = end.start() if end else n
            chunk = text[i:j].strip(" .")
            if chunk:
                state.unparsed.append(chunk)
            i = max(j, i + 1)
    state.levels.sort(key=lambda level: RANKS.get(level.type, 99))
    return state


def to_citation(verbatim: str, repository: str | None, state: State) -> Citation:
    """A :class:`Citation` from what :func:`read_shelfmark` found."""
    return Citation(verbatim=verbatim, repository=repository, levels=state.levels, pages=state.pages,
                    unparsed=", ".join(state.unparsed) or None)
