"""What the structured converters (CSL-JSON, CSV/TSV, JSON Lines) share: one record's fields → a
:class:`~rdfkit.model.Document`, dates and names read the same way, and a result list that carries
the records that could not be converted.

A file of many records is not lost to one bad record. The converters return :class:`Records`, a
``list[Document]`` that also holds ``errors`` (one :class:`~rdfkit.errors.ConversionError` per bad
record, with file, line, record and what to do) and ``skipped`` (records left out on purpose, such as
a collection in a JSON Lines file of documents). ``convert`` raises only when the whole file is
unusable (not UTF-8, not JSON, no title column, a broken mapping file).

    >>> fields = RecordFields(title="Letter to Prof. Pushkov", date=read_date("1958"),
    ...                       source="RGANI, f. 5, op. 49, d. 131, ll. 193-194. Translated by Gary Goldberg.")
    >>> doc = build_document(fields, Source("letters.csv", "0" * 64, 2, 2))
    >>> doc.date.datatype, doc.citations[0].repository, doc.doctypes
    ('gYear', 'rgani', ['letter'])
    >>> [(r.agent.name, r.roles) for r in doc.translation.attributions]
    [('Gary Goldberg', ['translator'])]
"""

from __future__ import annotations

import calendar
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

from ..citations import ParsedSource, parse_source, split_names
from ..citations.repositories import find_repositories
from ..errors import ConversionError
from ..graph import clean_text, slug
from ..model import Agent, DateValue, Document, Role, Source, Translation, add_role
from ..sources.da_page import MONTHS
from .da_page import DOCTYPE_NAMES, DOCTYPE_PATTERNS, DocumentAgents
from .text import EAST_ASIAN_SURNAMES, is_organization

__all__ = [
    "Records", "SkippedRecord", "record_bug", "RecordFields", "Name", "DateProblem", "build_document", "read_date",
    "person_name", "split_cell_names", "record_id_from_url", "decode_text", "document_key", "clean",
]


# --- the result of a many-record file ---------------------------------------------------------


@dataclass(frozen=True)
class SkippedRecord:
    """A record left out on purpose (not an error): where it is and why."""

    path: str
    line: int | None
    record: str | None
    reason: str

    def __str__(self) -> str:
        where = self.path + (f", line {self.line}" if self.line is not None else "")
        who = f"record {self.record} ({where})" if self.record else where
        return f"{who}: {self.reason}"


class Records(list[Document]):
    """The documents read from one file, plus ``errors`` for the records that could not be converted
    and ``skipped`` for records left out on purpose. It is a plain ``list[Document]`` for everything else."""

    def __init__(self, documents: Iterable[Document] = ()) -> None:
        super().__init__(documents)
        self.errors: list[ConversionError] = []
        self.skipped: list[SkippedRecord] = []


def record_bug(exc: Exception, path: Path, line: int | None, record: str | None) -> ConversionError:
    """The error for a record rdfkit failed on (a bug): reported like a bad record, the others kept."""
    error = ConversionError(f"rdfkit failed on this record ({type(exc).__name__}: {exc})", path=path, line=line,
                            record=record, hint="This is a bug in rdfkit: please report it with the record. "
                                                "The other records were converted.")
    error.__cause__ = exc
    return error


def add_record(out: "Records", read_fields: "Callable[[], RecordFields]", source: Source, *, path: Path,
               line: int | None, record: str | None, where: str, prefix: str = "") -> None:
    """Read one record's fields and append its document to ``out``. A record that cannot be read
    (:class:`RecordProblem`) or that rdfkit fails on becomes an error in ``out.errors``; the others are kept."""
    try:
        fields = read_fields()
    except RecordProblem as exc:
        out.errors.append(ConversionError(prefix + exc.message, path=path, line=line, record=record, hint=exc.hint))
        return
    except Exception as exc:  # a bug on one record must not lose the others
        out.errors.append(record_bug(exc, path, line, record))
        return
    try:
        out.append(build_document(fields, source, where=where))
    except Exception as exc:
        out.errors.append(record_bug(exc, path, line, record))


# --- text ---------------------------------------------------------------------------------------


def decode_text(data: bytes, path: Path, *, what: str = "file", hint: str | None = None) -> str:
    """UTF-8 text with or without a byte-order mark; raises :class:`ConversionError` naming the line
    of the first byte that is not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConversionError(f"the {what} is not UTF-8 text", path=path, line=line,
                              hint=hint or "Save it as UTF-8 and convert it again.") from None
    return text[1:] if text.startswith("\ufeff") else text


def clean(value: object, *, oneline: bool = True) -> str | None:
    """A value as literal text (NFC, no control characters, spaces tidied), or None when empty."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = clean_text(str(value))
    if oneline:
        text = re.sub(r"\s+", " ", text)
    return text or None


# --- dates ----------------------------------------------------------------------------------------


class DateProblem(ValueError):
    """A date that cannot be used; ``message`` says what is wrong, ``hint`` what to do."""

    def __init__(self, message: str, hint: str) -> None:
        self.message = message
        self.hint = hint
        super().__init__(message)


DATE_HINT = "Write dates as YYYY-MM-DD, or leave the field empty."
_MONTH_NAMES = {m: i for i, m in enumerate(MONTHS, 1)} | {m[:3]: i for i, m in enumerate(MONTHS, 1)} | {"sept": 9}
_MONTH_RE = r"(?P<month>[A-Za-z]+)\.?"
_ISO = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?)?)?$")
_MONTH_DAY_YEAR = re.compile(rf"^{_MONTH_RE}\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})$")
_DAY_MONTH_YEAR = re.compile(rf"^(?P<d>\d{{1,2}})\s+{_MONTH_RE},?\s+(?P<y>\d{{4}})$")
_MONTH_YEAR = re.compile(rf"^{_MONTH_RE},?\s+(?P<y>\d{{4}})$")
_NUMERIC = re.compile(r"^(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})$")


def _exists(year: int, month: int | None, day: int | None) -> bool:
    if month is None:
        return True
    if not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= calendar.monthrange(year, month)[1]


def _date_value(year: int, month: int | None, day: int | None) -> DateValue:
    return DateValue(f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else ""))


def read_date(text: str, date_format: str | None = None, *, where: str = "the mapping file") -> DateValue:
    """Read a whole field as a date, as precise as it is written, checking that it exists.

    Reads ``1962-06-08``, ``1962-06``, ``1962``, ``June 8, 1962``, ``8 June 1962``, ``June 1962``
    (month names in full or as three letters) and, only when ``date_format`` says how (a
    :func:`~datetime.datetime.strptime` format such as ``%d/%m/%Y``), other forms. Numeric dates such as
    ``08/06/1962`` are ambiguous without it. Raises :class:`DateProblem` saying what is wrong.

    >>> read_date("8 June 1962").iso, read_date("1962-06").datatype, read_date("08/06/1962", "%d/%m/%Y").iso
    ('1962-06-08', 'gYearMonth', '1962-06-08')
    >>> read_date("31/02/1910", "%d/%m/%Y")
    Traceback (most recent call last):
    rdfkit.converters.records.DateProblem: date "31/02/1910" does not exist
    """
    t = text.strip()
    if m := _ISO.match(t):
        y, mo, d = int(m["y"]), int(m["m"]) if m["m"] else None, int(m["d"]) if m["d"] else None
        if not _exists(y, mo, d):
            raise DateProblem(f'date "{t}" does not exist', DATE_HINT)
        return _date_value(y, mo, d)
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _MONTH_YEAR):
        if (m := pattern.match(t)) and m["month"].casefold() in _MONTH_NAMES:
            y, mo = int(m["y"]), _MONTH_NAMES[m["month"].casefold()]
            d = int(m["d"]) if "d" in m.groupdict() and m["d"] else None
            if not _exists(y, mo, d):
                raise DateProblem(f'date "{t}" does not exist', DATE_HINT)
            return _date_value(y, mo, d)
    if date_format:
        return _read_with_format(t, date_format)
    if m := _NUMERIC.match(t):
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if not _exists(y, b, a) and not _exists(y, a, b):
            raise DateProblem(f'date "{t}" does not exist', DATE_HINT)
        raise DateProblem(
            f'date "{t}" is ambiguous (day/month/year or month/day/year?)',
            f'Write dates as YYYY-MM-DD, or say how this column writes them in {where}: '
            '"date_format": "%d/%m/%Y" (or "%m/%d/%Y").')
    raise DateProblem(f'"{t}" is not a date rdfkit can read',
                      'Write dates as YYYY-MM-DD (or YYYY-MM, YYYY, "June 8, 1962", "8 June 1962"), '
                      "or leave the field empty.")


_DIRECTIVES = {"%d": r"\d{1,2}", "%m": r"\d{1,2}", "%Y": r"\d{4}", "%y": r"\d{2}", "%b": r"[^\W\d_]+\.?",
               "%B": r"[^\W\d_]+", "%%": "%"}


def _read_with_format(t: str, fmt: str) -> DateValue:
    try:
        parsed = datetime.strptime(t, fmt)
    except ValueError:
        shape = "".join(_DIRECTIVES.get(tok, re.escape(tok)) for tok in re.findall(r"%.|[^%]+", fmt))
        if re.fullmatch(shape, t):
            raise DateProblem(f'date "{t}" does not exist', DATE_HINT) from None
        raise DateProblem(f'date "{t}" is not written as the mapping\'s date_format "{fmt}" says',
                          f'Write it as "{fmt}" or as YYYY-MM-DD, or leave the field empty.') from None
    has_day = "%d" in fmt or "%j" in fmt
    has_month = has_day or any(d in fmt for d in ("%m", "%b", "%B"))
    return _date_value(parsed.year, parsed.month if has_month else None, parsed.day if has_day else None)


# --- names ----------------------------------------------------------------------------------------

_PINYIN = re.compile(
    r"^(?:(?:zh|ch|sh|hs|ts|tz|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|iung|ang|eng|ing|ong|ung|ian|iao|uai|uan|ieh|ien|uei|ai|ei|ao|ou|an|en|er|in|un|"
    r"ia|ie|iu|ua|uo|ui|ue|ih|a|o|e|i|u))+$"
)
_SYLLABLE = re.compile(r"^[bcdfghjklmnprstwy]{0,3}[aeiouwy]{1,3}(?:ng|n|l|k|p|t|m)?$")


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).casefold()


def is_east_asian(family: str, given: str) -> bool:
    """True for a Chinese or Korean name given as family + given name (``Zhou`` + ``Enlai``,
    ``Kim`` + ``Il Sung``, ``Chiang`` + ``Kai-shek``): the family name is a known one and the given name
    reads as romanised syllables, so ``Li`` + ``Anna`` may pass but ``Long`` + ``Michael`` does not."""
    if _plain(family) not in EAST_ASIAN_SURNAMES or not given:
        return False
    parts = [p for p in re.split(r"[\s\-‐]+", _plain(given).replace("'", "").replace("’", "")) if p]
    if not parts:
        return False
    if all(_PINYIN.match(p) for p in parts):
        return True
    return len(parts) >= 2 and all(len(p) <= 5 and _SYLLABLE.match(p) for p in parts)


def person_name(family: str | None = None, given: str | None = None, literal: str | None = None, *,
                particle: str | None = None, suffix: str | None = None) -> str | None:
    """A display name from name parts: ``Given Family``, or ``Family Given`` for Chinese and Korean names.

    >>> person_name("Goldberg", "Gary"), person_name("Zhou", "Enlai"), person_name(literal="TASS")
    ('Gary Goldberg', 'Zhou Enlai', 'TASS')
    """
    if literal:
        return clean(literal)
    family, given = clean(family) or "", clean(given) or ""
    if family and given and is_east_asian(family, given):
        parts = [family, given]
    else:
        parts = [given, clean(particle) or "", family]
    name = " ".join(p for p in parts if p)
    if suffix and name:
        name += f", {clean(suffix)}"
    return name or None


_INVERTED = re.compile(r"^(?P<family>(?:(?:de|van|von|der|da|di|la|le)\s+)*[^\s,]+),\s*(?P<given>[^,]+)$")


def split_cell_names(text: str, separator: str | None = ";") -> list[str]:
    """The names in one cell: split at ``separator``; each part is a ``Family, Given`` name turned round,
    or a list such as ``A, B, and C``.

    >>> split_cell_names("Goldberg, Gary; Zhou, Enlai")
    ['Gary Goldberg', 'Zhou Enlai']
    >>> split_cell_names("Barnabás Vajd, Laura Deal, and Karl P. Benziger")
    ['Barnabás Vajd', 'Laura Deal', 'Karl P. Benziger']
    """
    parts = [p.strip() for p in (text.split(separator) if separator else [text])]
    out: list[str] = []
    for part in filter(None, parts):
        m = _INVERTED.match(part)
        if m and not is_organization(part) and 1 <= len(m["given"].split()) <= 3 \
                and not re.fullmatch(r"(?:jr|sr|ii|iii|iv)\.?", m["given"].strip(), re.IGNORECASE):
            out.append(person_name(m["family"], m["given"]) or part)
        elif "," in part or " and " in part:
            out.extend(split_names(part))
        else:
            out.append(part)
    return [n for n in (clean(n) for n in out) if n]


# --- identifiers ----------------------------------------------------------------------------------

_DA_HOSTS = ("digitalarchive.wilsoncenter.org", "wilson-center-digital-archive.dvincitest.com")


def record_id_from_url(url: str | None) -> str | None:
    """The DA Record ID in a DA page address ``…/document/110404``; None for slugs and ``/download`` links
    (those carry the Drupal node id, which is a different number)."""
    if not url:
        return None
    parts = urlsplit(url)
    if not parts.hostname or not parts.hostname.endswith(_DA_HOSTS):
        return None
    m = re.fullmatch(r"/document/(\d+)/?", parts.path)
    return m[1] if m else None


def is_web_address(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not re.search(r"[\s<>\"{}|\\^`]", url)


def document_key(record_id: str | None, title: str, date: DateValue | None) -> str:
    """The document's key, as every converter mints it: ``da-{Record ID}``, else a hash of title and date."""
    if record_id:
        return f"da-{record_id}"
    return "sha-" + hashlib.sha256(f"{slug(title)}|{date.iso if date else ''}".encode()).hexdigest()[:12]


# --- one record → Document ------------------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    """A name as a record gives it; ``kind`` is None when the record does not say."""

    name: str
    kind: str | None = None


@dataclass
class RecordFields:
    """One record's fields, already read out of its format (dates checked, names assembled)."""

    title: str
    date: DateValue | None = None
    subtitle: str | None = None
    summary: str | None = None
    source: str | None = None  # the DA "Source" line: citation(s) plus credits
    archive: str | None = None  # an archive named apart from the Source line (CSL ``archive``)
    repositories: list[str] = field(default_factory=list)  # archives holding the original, by name
    record_id: str | None = None
    url: str | None = None
    rights: str | None = None
    uploaded: DateValue | None = None
    doctypes: list[str] = field(default_factory=list)  # document type names as written ("Memorandum")
    notes: list[str] = field(default_factory=list)
    authors: list[Name] = field(default_factory=list)
    recipients: list[Name] = field(default_factory=list)
    translators: list[Name] = field(default_factory=list)
    editors: list[Name] = field(default_factory=list)
    contributors: list[Name] = field(default_factory=list)
    donors: list[Name] = field(default_factory=list)
    funders: list[Name] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    key: str | None = None  # set only when title and date cannot key the record


_DA_LABEL = re.compile(r"digital archive|wilson center|woodrow wilson|history and public policy", re.IGNORECASE)


def doctype_key(name: str) -> str | None:
    """The document type a name such as ``Memorandum of Conversation`` or ``Telegrams`` stands for."""
    folded = re.sub(r"[\s_-]+", " ", name.strip().casefold())
    return DOCTYPE_NAMES.get(folded) or (DOCTYPE_NAMES.get(folded[:-1]) if folded.endswith("s") else None)


def citations_for(fields: RecordFields) -> ParsedSource | None:
    """Parse the Source line; an ``archive`` named apart is put in front of a shelfmark that names none
    (but never the Digital Archive's own name, which is where the translation is published)."""
    text = fields.source or ""
    parsed = parse_source(text) if text else None
    archive = fields.archive if fields.archive and not _DA_LABEL.search(fields.archive) else None
    if archive and not (parsed and (parsed.published_in or any(c.repository for c in parsed.citations))):
        text = f"{archive}, {text}" if text else archive
        parsed = parse_source(text)
    return parsed


def build_document(fields: RecordFields, source: Source, *, where: str = "") -> Document:
    """Build the :class:`Document` for one record. ``where`` ("line 4: ") starts its warnings."""
    title = fields.title
    doc = Document(key=fields.key or document_key(fields.record_id, title, fields.date), title=title, source=source,
                   date=fields.date, subtitle=fields.subtitle, summary=fields.summary, rights=fields.rights,
                   notes=list(fields.notes))
    doc.warnings.extend(where + w for w in fields.warnings)
    for name in fields.doctypes:
        key = doctype_key(name)
        if key is None:
            doc.warnings.append(f'{where}type "{name}" is not one of rdfkit\'s document types; kept out of the data')
        elif key not in doc.doctypes:
            doc.doctypes.append(key)
    folded = title.casefold()
    for pattern, key in DOCTYPE_PATTERNS:  # as the DA page converter reads titles, so both agree
        if re.search(pattern, folded):
            if key not in doc.doctypes:
                doc.doctypes.append(key)
            break
    if re.search(r"\(draft\)\s*$", folded):
        doc.states.append("draft")

    agents = DocumentAgents()

    def agent(n: Name, kind: str | None = None) -> Agent | None:
        return agents.get(n.name, kind=n.kind or kind)

    for n in fields.authors:
        add_role(doc.attributions, agent(n), "author")
    for n in fields.recipients:
        add_role(doc.attributions, agent(n), "recipient")

    tr = Translation(record_id=fields.record_id, url=fields.url, issued=fields.uploaded)
    parsed = citations_for(fields)
    if parsed is not None:
        doc.citations, doc.published_in = parsed.citations, parsed.published_in
        for credit in parsed.credits:
            add_role(tr.attributions, agents.get(credit.name), credit.role)
        for citation in doc.citations:
            if citation.unparsed:
                doc.warnings.append(f"{where}source: citation part {citation.unparsed!r} not understood; kept verbatim")
    named = {c.repository for c in doc.citations if c.repository}
    for repo in fields.repositories:
        extra = parse_source(repo).citations
        for citation in extra:
            if citation.repository and citation.repository in named:
                continue  # the Source line already cites this archive, with more detail
            if not citation.repository and not find_repositories(repo):
                doc.warnings.append(f"{where}repository {repo!r} is not in rdfkit's list of archives; "
                                    "kept verbatim as a citation")
            doc.citations.append(citation)
            if citation.repository:
                named.add(citation.repository)
    for names, role in ((fields.translators, "translator"), (fields.editors, "editor"),
                        (fields.contributors, "contributor")):
        for n in names:
            add_role(tr.attributions, agent(n), role)
    for n in fields.donors:
        add_role(tr.attributions, agent(n, "organization"), "donor")
    for n in fields.funders:
        add_role(tr.attributions, agent(n, "organization"), "funder")
    doc.translation = tr
    return doc


class RecordProblem(ValueError):
    """One record of a multi-record file cannot be converted: what is wrong and what to do."""

    def __init__(self, message: str, hint: str) -> None:
        self.message, self.hint = message, hint
        super().__init__(message)
