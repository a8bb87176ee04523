r"""Reconcile authority entries with Wikidata: propose candidates, let a person decide, record the decision.

A run of :func:`propose` asks a SPARQL endpoint holding Wikidata (the public Wikidata Query Service by
default) about every entry that has no Wikidata link and no accepted decision, and writes what it finds,
with a score and the evidence for it, to ``candidates.csv`` in the authority folder. A person types
``accept`` or ``reject`` in the ``decision`` column; :func:`apply` then writes accepted links into the
authority file the entry lives in and appends every decision to ``decisions.csv``, so later runs never
ask again about a linked entry or propose a rejected candidate again.

    >>> print(sparql_string('Sino-Soviet "Friendship" \\ Co.', "en"))   # names are escaped, never pasted
    "Sino-Soviet \"Friendship\" \\ Co."@en

Matching. An item is a candidate when one of its ``rdfs:label`` or ``skos:altLabel`` equals (ignoring
case) the entry's label or one of its aliases. People must be instances of human (``wdt:P31 wd:Q5``);
organisations may be any item that is neither a human nor a disambiguation page.

Scoring (0-100). The name gives the base: the entry's label equal to the item's label 60, label to an
item alias or an entry alias to the item's label 50, alias to alias 40. Each of born and died then adds 20
when the years agree; a year one apart adds nothing (Julian and Gregorian calendars, or sources, differ
by a year around New Year) and is noted; a year further apart *excludes* the candidate, since the
authority's years are there precisely to tell namesakes apart (it is counted in the summary, not written,
and a corrected year brings it back on the next run). A missing year on either side changes nothing and
is noted. So a person with both years agreeing scores 100, a namesake without dates 60.

Queries. One query per entry (SPARQL 1.1 Protocol; GET, or POST once the URL would be long), because an
entry's names are many literals already, and one entry per request keeps each query small, its failure
local and its results unambiguous to attribute. The Wikidata Query Service cannot compare every label
case-insensitively (that scans billions of labels and times out), so by default the query looks up exact
literals: each name as written, in lower case and capitalised, in each of :data:`DEFAULT_LANGUAGES` (the
languages of the archives rdfkit reads, plus ``mul``) written in the name's script (a Cyrillic name is not
looked up among French labels), which the service answers from its indexes. With
``languages="any"`` it instead compares ``LCASE(STR(?name))`` over every label in any language: exact to
the letter of "any language, any case", and fine for a local or subset endpoint.
"""

from __future__ import annotations

import csv
import io
import re
import time
import unicodedata
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Callable, Iterable, Literal, Sequence
from urllib.parse import urlencode, urljoin, urlsplit

import requests

from . import __version__
from .authority import Authority, Entry
from .converters.text import unbracket
from .errors import ServerError, UsageError
from .http import retry_after

WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
USER_AGENT = (f"rdfkit/{__version__} (archival Linked Data toolkit; https://w3id.org/rdfkit) "
              f"python-requests/{requests.__version__}")

CANDIDATES_FILE = "candidates.csv"
DECISIONS_FILE = "decisions.csv"
CANDIDATE_COLUMNS = ("id", "label", "candidate", "candidate_label", "description", "matched", "born", "died",
                     "score", "evidence", "decision")
DECISION_COLUMNS = ("id", "candidate", "decision", "decided_from")
DECISIONS = ("accept", "reject")

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"

#: Languages whose labels are looked up by default: English, the language-neutral ``mul``, and the
#: languages of the Cold War archives the Digital Archive draws on.
DEFAULT_LANGUAGES: tuple[str, ...] = (
    "en", "mul", "ru", "uk", "be", "zh", "zh-hans", "zh-hant", "zh-cn", "zh-tw", "ja", "ko", "vi", "mn",
    "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "hu", "ro", "bg", "sr", "hr", "sl", "mk", "sq",
    "el", "fi", "sv", "da", "nb", "lt", "lv", "et", "ka", "hy", "tr", "ar", "fa", "he", "hi", "id", "km",
    "lo", "th",
)

# The script each default language writes names in: a name is looked up only in the languages of its
# script (and in those not listed here, such as mul or a code given by the user).
_LATIN = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "hu", "ro", "hr", "sl", "sq", "fi", "sv",
          "da", "nb", "lt", "lv", "et", "tr", "id", "vi")
LANGUAGE_SCRIPTS: dict[str, str] = {
    **{code: "LATIN" for code in _LATIN},
    **{code: "CYRILLIC" for code in ("ru", "uk", "be", "bg", "mk", "mn")},
    **{code: "CJK" for code in ("zh", "zh-hans", "zh-hant", "zh-cn", "zh-tw", "ja", "ko")},
    "el": "GREEK", "ka": "GEORGIAN", "hy": "ARMENIAN", "ar": "ARABIC", "fa": "ARABIC", "he": "HEBREW",
    "hi": "DEVANAGARI", "km": "KHMER", "lo": "LAO", "th": "THAI",
}  # sr is written in both Cyrillic and Latin: not listed, so always asked

PREFIXES = """\
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX schema: <http://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
MAX_GET_URL = 2000  # longer queries are POSTed (servers and proxies cap URL lengths)
MAX_REDIRECTS = 5
RESULT_LIMIT = 1000  # rows per entry; a name shared by more items than this is not a useful name

_WIKIDATA_IRI = re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9]\d*$")
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_YEAR = re.compile(r"^\s*(-?\d{1,4})\s*$")
_DATE_YEAR = re.compile(r"^([+-]?\d{1,})-\d\d-\d\d")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}

NAME_SCORES = {("label", "label"): 60, ("label", "alias"): 50, ("alias", "label"): 50, ("alias", "alias"): 40}
AGREE_BONUS = 20


@dataclass(frozen=True)
class Candidate:
    """A Wikidata item proposed for an authority entry: one row of ``candidates.csv``."""

    id: str  # the authority entry
    label: str  # the entry's label
    candidate: str  # the Wikidata entity IRI
    candidate_label: str  # its English label (else the name that matched)
    description: str  # its English description
    matched: str  # "label" or "alias": which of the entry's names matched
    born: str  # the item's birth years, " | " between several
    died: str
    score: int
    evidence: str
    decision: str = ""  # empty, "accept" or "reject"
    line: int = field(default=0, compare=False)  # line in candidates.csv when read from it

    def row(self) -> dict[str, str]:
        return {f.name: str(getattr(self, f.name)) for f in fields(self) if f.name in CANDIDATE_COLUMNS}

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.candidate)


class Proposals(list[Candidate]):
    """The candidates one :func:`propose` run found (a list), with what the summary needs."""

    def __init__(self, candidates: Iterable[Candidate] = ()) -> None:
        super().__init__(candidates)
        self.asked: list[str] = []  # ids of the entries asked about
        self.excluded: list[tuple[str, str, str]] = []  # (id, candidate, reason): dates contradict
        self.path: Path | None = None  # candidates.csv
        self.pending: int = 0  # rows in candidates.csv awaiting a decision


# --- SPARQL ---------------------------------------------------------------------------------------


def sparql_string(text: str, language: str | None = None) -> str:
    r"""A SPARQL string literal holding ``text`` exactly (quotes, backslashes, line breaks escaped).

    >>> print(sparql_string('say "hi" \\ bye'))
    "say \"hi\" \\ bye"
    """
    literal = '"' + "".join(_ESCAPES.get(c, c) for c in text) + '"'
    if language is None:
        return literal
    if not _LANGUAGE.match(language):
        raise UsageError(f"{language!r} is not a language code", hint="Write codes such as en, ru, zh-hans.")
    return f"{literal}@{language}"


def search_names(entry: Entry) -> dict[str, str]:
    """The names to look an entry up by (brackets dropped), each mapped to "label" or "alias"."""
    names: dict[str, str] = {}
    for i, name in enumerate(entry.names):
        bare = unbracket(name).strip()
        if len(bare) >= 2 and bare.lower() not in {n.lower() for n in names}:
            names[bare] = "label" if i == 0 else "alias"
    return names


def _case_forms(name: str) -> list[str]:
    """A name as written, lower-cased, title-cased, and with each word capitalised."""
    capitalised = re.sub(r"(^|[\s\-])(\w)", lambda m: m.group(1) + m.group(2).upper(), name)
    forms: list[str] = []
    for form in (name, name.lower(), name.title(), capitalised):
        if form not in forms:
            forms.append(form)
    return forms


def script(name: str) -> str | None:
    """The script of a name's first letter (LATIN, CYRILLIC, CJK, GREEK …), None when it has no letter."""
    for char in name:
        if char.isalpha():
            word = unicodedata.name(char, "").split(" ", 1)[0]
            return "CJK" if word in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL") else word or None
    return None


def _languages_for(name: str, languages: Sequence[str]) -> list[str]:
    """The languages worth looking ``name`` up in: those of its script, and those of no known script."""
    own = script(name)
    return [lang for lang in languages if own is None or LANGUAGE_SCRIPTS.get(lang.lower()) in (None, own)]


def build_query(entry: Entry, languages: Sequence[str] | Literal["any"] = DEFAULT_LANGUAGES) -> str:
    """The SELECT query asking for the items one entry's names may mean.

    Variables: ?item, ?prop (rdfs:label or skos:altLabel), ?name (the literal that matched), ?label and
    ?description (English), ?birth, ?death and, for organisations, ?class and ?classLabel.
    """
    names = list(search_names(entry))
    if languages == "any":
        keys = ", ".join(sparql_string(n.lower()) for n in names)
        match = f"  ?item ?prop ?name .\n  FILTER(LCASE(STR(?name)) IN ({keys}))\n"
    else:
        literals = [sparql_string(form, lang) for name in names for form in _case_forms(name)
                    for lang in _languages_for(name, languages)]
        match = f"  VALUES ?name {{ {' '.join(literals)} }}\n  ?item ?prop ?name .\n"
    if entry.kind == "person":
        kind = "  ?item wdt:P31 wd:Q5 .\n"
        extra_vars = ""
        facts = ("  OPTIONAL { ?item wdt:P569 ?birth }\n"
                 "  OPTIONAL { ?item wdt:P570 ?death }\n")
    else:
        kind = ("  FILTER NOT EXISTS { ?item wdt:P31 wd:Q5 }\n"
                "  FILTER NOT EXISTS { ?item wdt:P31 wd:Q4167410 }\n")
        extra_vars = " ?class ?classLabel"
        facts = ("  OPTIONAL { ?item wdt:P31 ?class .\n"
                 "    OPTIONAL { ?class rdfs:label ?classLabel . FILTER(LANG(?classLabel) = \"en\") } }\n")
    return (
        f"{PREFIXES}"
        f"SELECT ?item ?prop ?name ?label ?description ?birth ?death{extra_vars} WHERE {{\n"
        f"  VALUES ?prop {{ rdfs:label skos:altLabel }}\n"
        f"{match}{kind}"
        f"  OPTIONAL {{ ?item rdfs:label ?label . FILTER(LANG(?label) = \"en\") }}\n"
        f"  OPTIONAL {{ ?item schema:description ?description . FILTER(LANG(?description) = \"en\") }}\n"
        f"{facts}"
        f"}}\nLIMIT {RESULT_LIMIT}\n"
    )


class SparqlClient:
    """A polite SPARQL 1.1 Protocol client for SELECT queries.

    It sends a user agent, waits ``min_interval`` seconds between requests, gives up on a request after
    ``timeout`` seconds, retries timeouts, connection errors, 429 and 5xx with exponential backoff
    (``backoff`` × 1, 2, 4 … seconds, or what Retry-After asks for), never retries other 4xx, and follows
    redirects only on the endpoint's own host. ``sleep`` and ``clock`` are injectable for tests.

    Raises :class:`ServerError` (exit 3) naming the endpoint when it keeps failing or refuses.
    """

    def __init__(self, endpoint: str, *, session: requests.Session | None = None, min_interval: float = 1.0,
                 timeout: float = 30.0, user_agent: str = USER_AGENT, retries: int = 3, backoff: float = 1.0,
                 max_wait: float = 300.0, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(f"{endpoint!r} is not an http(s) SPARQL endpoint URL",
                             hint=f"Give the endpoint's full URL, such as {WIKIDATA_ENDPOINT}.")
        if min_interval < 0 or timeout <= 0 or retries < 0 or backoff < 0:
            raise UsageError("min-interval, retries and backoff must not be negative, and timeout must be positive")
        self.endpoint = endpoint
        self.session = session
        self.min_interval = min_interval
        self.timeout = timeout
        self.user_agent = user_agent
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.requests = 0  # requests sent, retries included
        self._sleep = sleep
        self._clock = clock
        self._last: float | None = None

    def select(self, query: str) -> list[dict[str, dict[str, str]]]:
        """The bindings of a SELECT query (SPARQL 1.1 Query Results JSON)."""
        response = self._send(query)
        try:
            body = response.json()
            bindings = body["results"]["bindings"]
            if not isinstance(bindings, list):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            kind = response.headers.get("Content-Type", "no content type")
            raise ServerError(f"{self.endpoint} did not answer with SPARQL JSON results ({kind})",
                              hint="Check that --endpoint is a SPARQL query endpoint.") from None
        return bindings

    def close(self) -> None:
        if self.session is not None:
            self.session.close()

    # --- internals

    def _send(self, query: str) -> requests.Response:
        session = self.session
        if session is None:
            session = self.session = requests.Session()
        headers = {"Accept": "application/sparql-results+json", "User-Agent": self.user_agent}
        get_url = self.endpoint + ("&" if "?" in self.endpoint else "?") + urlencode({"query": query})
        method, url, data = ("GET", get_url, None) if len(get_url) <= MAX_GET_URL else \
            ("POST", self.endpoint, {"query": query})
        failures = 0
        redirects = 0
        while True:
            self._wait_turn()
            wait: float | None = None
            try:
                response = session.request(method, url, data=data, headers=headers, timeout=self.timeout,
                                           allow_redirects=False)
            except requests.Timeout:
                problem = f"no answer within {self.timeout:g} s"
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
                problem = f"connection failed ({type(exc).__name__})"
            except requests.RequestException as exc:
                raise ServerError(f"cannot query {self.endpoint}: {exc}") from None
            else:
                status = response.status_code
                if status in (301, 302, 303, 307, 308):
                    url = self._redirect(url, response.headers.get("Location"))
                    redirects += 1
                    if redirects > MAX_REDIRECTS:
                        raise ServerError(f"{self.endpoint} redirected more than {MAX_REDIRECTS} times")
                    if status == 303:  # "see other": fetch the results there
                        method, data = "GET", None
                    continue
                if 200 <= status < 300:
                    return response
                if status != 429 and status < 500:
                    raise ServerError(f"{self.endpoint} refused the query: HTTP {status} {response.reason or ''}"
                                      f"{_snippet(response)}",
                                      hint="Check the endpoint URL; this is not retried.")
                problem = f"HTTP {status} {response.reason or ''}".strip()
                wait = retry_after(response.headers.get("Retry-After"))
            failures += 1
            if failures > self.retries:
                raise ServerError(f"{self.endpoint} failed {failures} times; the last time: {problem}",
                                  hint="Check the endpoint and your connection, try later, or raise --timeout.")
            if wait is None:
                wait = self.backoff * 2 ** (failures - 1)
            if wait > self.max_wait:
                raise ServerError(f"{self.endpoint} asks to wait {wait:g} s before trying again ({problem})",
                                  hint="Try again later.")
            self._sleep(wait)

    def _wait_turn(self) -> None:
        """At most one request per ``min_interval`` seconds."""
        if self._last is not None and self.min_interval > 0:
            wait = self._last + self.min_interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last = self._clock()
        self.requests += 1

    def _redirect(self, url: str, location: str | None) -> str:
        if not location:
            raise ServerError(f"{self.endpoint} answered with a redirect but no Location")
        target = urljoin(url, location)
        here, there = urlsplit(self.endpoint), urlsplit(target)
        if (here.scheme, here.hostname, here.port) != (there.scheme, there.hostname, there.port):
            raise ServerError(f"{self.endpoint} redirected to {target}; rdfkit does not follow redirects to "
                              "another host", hint="Give the endpoint's final URL with --endpoint if you trust it.")
        return target


def _snippet(response: requests.Response) -> str:
    text = " ".join((response.text or "").split())[:200]
    return f": {text}" if text else ""


# --- scoring --------------------------------------------------------------------------------------


@dataclass
class _Item:
    iri: str
    label: str = ""
    description: str = ""
    births: set[int] = field(default_factory=set)
    deaths: set[int] = field(default_factory=set)
    names: set[tuple[str, str, str]] = field(default_factory=set)  # (value, "label"|"alias", language)
    classes: dict[str, str] = field(default_factory=dict)  # class IRI -> English label


def _value(binding: dict[str, dict[str, str]], var: str) -> str | None:
    term = binding.get(var)
    return term.get("value") if term else None


def _year(value: str | None) -> int | None:
    if not value:
        return None
    m = _YEAR.match(value)
    return int(m.group(1)) if m else None


def _date_year(term: dict[str, str] | None) -> int | None:
    """The year of a Wikidata date (``1909-07-18T00:00:00Z``); None for unknown values (blank nodes)."""
    if not term or term.get("type") not in ("literal", "typed-literal"):
        return None
    m = _DATE_YEAR.match(term["value"])
    return int(m.group(1)) if m else None


def _items(bindings: list[dict[str, dict[str, str]]]) -> dict[str, _Item]:
    items: dict[str, _Item] = {}
    for b in bindings:
        iri = _value(b, "item")
        if not iri or not _WIKIDATA_IRI.match(iri):
            continue
        item = items.setdefault(iri, _Item(iri))
        item.label = item.label or (_value(b, "label") or "")
        item.description = item.description or (_value(b, "description") or "")
        name = b.get("name")
        prop = _value(b, "prop")
        if name and prop in (RDFS_LABEL, SKOS_ALT_LABEL):
            item.names.add((name["value"], "label" if prop == RDFS_LABEL else "alias", name.get("xml:lang", "")))
        for var, years in (("birth", item.births), ("death", item.deaths)):
            year = _date_year(b.get(var))
            if year is not None:
                years.add(year)
        cls = _value(b, "class")
        if cls:
            item.classes[cls] = item.classes.get(cls) or (_value(b, "classLabel") or "")
    return items


def _compare_years(what: str, mine: int | None, theirs: set[int]) -> tuple[int, str, str | None]:
    """(bonus, evidence, reason to exclude) for one of born / died."""
    verb = "born" if what == "birth" else "died"
    if mine is None:
        if theirs:
            return 0, f"{verb} {_years(theirs)} in Wikidata (no year in the authority)", None
        return 0, "", None
    if not theirs:
        return 0, f"no date of {what} in Wikidata", None
    if mine in theirs:
        return AGREE_BONUS, f"{verb} {mine}: agrees", None
    nearest = min(theirs, key=lambda y: (abs(y - mine), y))
    if abs(nearest - mine) == 1:
        return 0, f"{verb} {nearest} in Wikidata, {mine} in the authority: one year apart", None
    return 0, "", f"{verb} {_years(theirs)} in Wikidata, {mine} in the authority"


def _years(years: set[int]) -> str:
    return " | ".join(str(y) for y in sorted(years))


def score(entry: Entry, bindings: list[dict[str, dict[str, str]]]) -> tuple[list[Candidate], list[tuple[str, str, str]]]:
    """Candidates for ``entry`` from the query's bindings, and those excluded (contradicting years)."""
    wanted = {name.lower(): kind for name, kind in search_names(entry).items()}
    spelled = {name.lower(): name for name in search_names(entry)}
    candidates: list[Candidate] = []
    excluded: list[tuple[str, str, str]] = []
    for item in _items(bindings).values():
        matches = []
        for value, theirs, lang in item.names:
            mine = wanted.get(value.lower())
            if mine is not None:
                matches.append((NAME_SCORES[(mine, theirs)], mine, theirs, value, lang))
        if not matches:
            continue  # a query result that does not match after all (a server comparing differently)
        # best name; then a label over an alias, English and mul first, then the spelling, for stable output
        points, mine, theirs, value, lang = sorted(
            matches, key=lambda m: (-m[0], m[1] != "label", m[4] not in ("en", "mul"), m[4], m[3]))[0]
        written = spelled[value.lower()]
        evidence = [f'{mine} "{written}" = Wikidata {theirs}' + ("" if value == written else f' "{value}"')
                    + (f" ({lang})" if lang else "")]
        reasons = []
        for what, mine_year, theirs_years in (("birth", _year(entry.born), item.births),
                                              ("death", _year(entry.died), item.deaths)):
            bonus, note, reason = _compare_years(what, mine_year, theirs_years)
            points += bonus
            if note:
                evidence.append(note)
            if reason:
                reasons.append(reason)
        if reasons:
            excluded.append((entry.id, item.iri, "; ".join(reasons)))
            continue
        if item.classes:
            evidence.append("instance of " + ", ".join(
                f"{label or iri.rsplit('/', 1)[-1]}" for iri, label in sorted(item.classes.items())))
        candidates.append(Candidate(
            entry.id, entry.label, item.iri, item.label or value, item.description, mine,
            _years(item.births), _years(item.deaths), points, "; ".join(evidence)))
    return sorted(candidates, key=_order), sorted(excluded)


def _order(c: Candidate) -> tuple[str, int, int, str]:
    q = c.candidate.rsplit("Q", 1)[-1]
    return (c.id, -c.score, int(q) if q.isdigit() else 0, c.candidate)


# --- the files ------------------------------------------------------------------------------------


def _folder(authority: Authority) -> Path:
    if authority.folder is None:
        raise UsageError("the authority has no folder to write candidates to",
                         hint="Give one with --authorities DIR (see docs/authorities.md).")
    return authority.folder


def _decision(value: str, path: Path, line: int) -> str:
    word = value.strip().lower()
    if word and word not in DECISIONS:
        raise UsageError(f"{path}, line {line}: decision {value.strip()!r} is neither accept nor reject",
                         hint="Write accept or reject in the decision column, or leave it empty.")
    return word


def _csv_reader(path: Path, columns: tuple[str, ...] | list[str]) -> csv.DictReader[str] | None:
    """A reader over one of reconcile's CSV files (None when it does not exist), its header checked."""
    if not path.is_file():
        return None
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    missing = [c for c in ("id", "candidate", "decision") if c not in (reader.fieldnames or [])]
    if missing:
        raise UsageError(f"{path} has no {', '.join(missing)} column",
                         hint=f"The header row must be: {','.join(columns)}.")
    return reader


def read_candidates(folder: Path) -> list[Candidate]:
    """The rows of ``candidates.csv`` (none when the file does not exist)."""
    path = folder / CANDIDATES_FILE
    reader = _csv_reader(path, CANDIDATE_COLUMNS)
    if reader is None:
        return []
    rows: list[Candidate] = []
    for row in reader:
        get = lambda k: (row.get(k) or "").strip()  # noqa: E731
        if not get("id") and not get("candidate"):
            continue  # a blank line a spreadsheet left
        score_text = get("score")
        rows.append(Candidate(
            get("id"), get("label"), get("candidate"), get("candidate_label"), get("description"), get("matched"),
            get("born"), get("died"), int(score_text) if score_text.lstrip("-").isdigit() else 0, get("evidence"),
            _decision(get("decision"), path, reader.line_num), reader.line_num))
    return rows


def write_candidates(folder: Path, candidates: Iterable[Candidate]) -> Path:
    """Write ``candidates.csv``: sorted by id, then score (highest first)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(CANDIDATE_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for c in sorted(candidates, key=_order):
        writer.writerow(c.row())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / CANDIDATES_FILE
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def read_decisions(folder: Path) -> list[dict[str, str]]:
    """The rows of ``decisions.csv`` (none when the file does not exist)."""
    path = folder / DECISIONS_FILE
    reader = _csv_reader(path, DECISION_COLUMNS)
    if reader is None:
        return []
    rows: list[dict[str, str]] = []
    for row in reader:
        get = lambda k: (row.get(k) or "").strip()  # noqa: E731
        if get("id"):
            rows.append({"id": get("id"), "candidate": get("candidate"),
                         "decision": _decision(get("decision"), path, reader.line_num),
                         "decided_from": get("decided_from")})
    return rows


def _append_decisions(folder: Path, rows: list[dict[str, str]]) -> Path:
    path = folder / DECISIONS_FILE
    before = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(DECISION_COLUMNS), lineterminator="\n")
    if not before.strip():
        writer.writeheader()
    elif not before.endswith("\n"):
        out.write("\n")  # a file saved by hand without a final line break
    writer.writerows(rows)
    with path.open("w" if not before.strip() else "a", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())
    return path


# --- propose and apply ----------------------------------------------------------------------------


def propose(authority: Authority, endpoint: str = WIKIDATA_ENDPOINT, *, session: requests.Session | None = None,
            limit: int | None = None, min_interval: float = 1.0, timeout: float = 30.0,
            user_agent: str = USER_AGENT, languages: Sequence[str] | str = DEFAULT_LANGUAGES,
            retries: int = 3, backoff: float = 1.0) -> Proposals:
    """Ask ``endpoint`` about unlinked, undecided entries; write ``candidates.csv``; return what was found.

    Entries with a Wikidata link or an accepted decision are skipped, and candidates rejected for an
    entry are never proposed again. ``limit`` asks about at most that many entries (in id order).
    ``languages``: the language codes of the labels to look up (a sequence, or a comma-separated string),
    or ``"any"`` to compare labels in every language (see the module's docstring).
    Rewriting ``candidates.csv`` keeps the decisions already typed for rows still proposed, keeps rows
    of entries not asked this time, and never drops a row someone has typed a decision in.

    Raises :class:`ServerError` when the endpoint keeps failing or refuses (after writing what the
    entries asked until then found), :class:`UsageError` for a bad option or an unreadable
    ``candidates.csv`` / ``decisions.csv``.
    """
    folder = _folder(authority)
    langs = _languages(languages)
    if limit is not None and limit < 0:
        raise UsageError("--limit must not be negative")
    decisions = read_decisions(folder)
    accepted = {d["id"] for d in decisions if d["decision"] == "accept"}
    rejected = {(d["id"], d["candidate"]) for d in decisions if d["decision"] == "reject"}
    existing = read_candidates(folder)
    todo = [e for e in authority.entries() if not e.wikidata and e.id not in accepted and search_names(e)]
    if limit is not None:
        todo = todo[:limit]

    result = Proposals()
    client = SparqlClient(endpoint, session=session, min_interval=min_interval, timeout=timeout,
                          user_agent=user_agent, retries=retries, backoff=backoff)
    failure: ServerError | None = None
    try:
        for entry in todo:
            found, excluded = score(entry, client.select(build_query(entry, langs)))
            result.extend(c for c in found if c.key not in rejected)
            result.excluded.extend(excluded)
            result.asked.append(entry.id)
    except ServerError as exc:
        if not result.asked:
            raise
        failure = exc  # keep what the entries asked so far found, then report the failure
    finally:
        if session is None:
            client.close()

    typed = {c.key: c.decision for c in existing if c.decision}
    result[:] = [replace(c, decision=typed.get(c.key, "")) for c in result]
    asked, proposed = set(result.asked), {c.key for c in result}
    kept = []
    for c in existing:
        owner = authority.get(c.id)
        if c.key in proposed or c.key in rejected:
            continue
        if c.decision:  # a person's decision is never thrown away; apply() uses it
            kept.append(c)
        elif c.id not in asked and owner is not None and not owner.wikidata and c.id not in accepted:
            kept.append(c)  # not asked this run (--limit): still awaiting a decision
    rows = [*kept, *result]
    result.path = write_candidates(folder, rows)
    result.pending = sum(1 for c in rows if not c.decision)
    if failure is not None:
        count = f"{len(result.asked)} {'entry' if len(result.asked) == 1 else 'entries'}"
        raise ServerError(failure.message, hint=f"What the {count} asked before the failure found is in "
                          f"{result.path}; run again later to ask about the others.") from failure
    return result


def _languages(languages: Sequence[str] | str) -> tuple[str, ...] | Literal["any"]:
    if isinstance(languages, str):
        if languages.strip().lower() == "any":
            return "any"
        languages = languages.split(",")
    codes = tuple(code.strip() for code in languages if code.strip())
    if not codes:
        raise UsageError("no language to look labels up in", hint="Give language codes such as en,ru, or any.")
    for code in codes:
        sparql_string("", code)  # refuses what is not a language code
    return codes


def apply(authority: Authority) -> dict[str, int]:
    """Record the decisions typed in ``candidates.csv``.

    Accepted candidates become the entry's Wikidata link (in the file the entry lives in); every accepted
    or rejected row is appended to ``decisions.csv`` and leaves ``candidates.csv``, as do the other rows
    of an entry just linked. Returns counts: ``accepted``, ``rejected``, ``pending`` (rows left).

    Raises :class:`UsageError`, before changing anything, when an entry has more than one accepted
    candidate, an accepted row names an unknown entry or is not a Wikidata entity IRI, or the entry is
    already linked to another item.
    """
    folder = _folder(authority)
    path = folder / CANDIDATES_FILE
    rows = read_candidates(folder)
    accepts: dict[str, list[Candidate]] = {}
    for c in rows:
        if c.decision == "accept":
            accepts.setdefault(c.id, []).append(c)
    for id_, chosen in sorted(accepts.items()):
        lines = ", ".join(str(c.line) for c in chosen)
        if len({c.candidate for c in chosen}) > 1:
            raise UsageError(f"{path}: {id_} has more than one accepted candidate (lines {lines})",
                             hint="Accept one candidate per entry; reject the others or leave them empty.")
        entry = authority.get(id_)
        if entry is None:
            raise UsageError(f"{path}, line {lines}: no authority entry {id_!r}",
                             hint="Correct the id, or clear the decision.")
        candidate = chosen[0].candidate
        if not _WIKIDATA_IRI.match(candidate):
            raise UsageError(f"{path}, line {lines}: {candidate!r} is not a Wikidata entity IRI",
                             hint="Write http://www.wikidata.org/entity/Q…")
        if entry.wikidata and entry.wikidata != candidate:
            raise UsageError(f"{path}, line {lines}: {id_} is already linked to {entry.wikidata}",
                             hint=f"Change the link in {entry.source} by hand if it is wrong, or clear the decision.")

    for id_, chosen in sorted(accepts.items()):
        authority.set_link(id_, wikidata=chosen[0].candidate)
    decided = sorted((c for c in rows if c.decision), key=lambda c: (c.id, c.candidate, c.decision))
    known = {(d["id"], d["candidate"], d["decision"]) for d in read_decisions(folder)}
    new = [{"id": c.id, "candidate": c.candidate, "decision": c.decision,
            "decided_from": f"score {c.score}: {c.evidence}" if c.evidence else f"score {c.score}"}
           for c in decided if (c.id, c.candidate, c.decision) not in known]
    if new:
        _append_decisions(folder, new)
    remaining = [c for c in rows if not c.decision and c.id not in accepts]
    if rows:
        write_candidates(folder, remaining)
    return {"accepted": sum(1 for c in decided if c.decision == "accept"),
            "rejected": sum(1 for c in decided if c.decision == "reject"),
            "pending": len(remaining)}
