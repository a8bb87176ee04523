"""Read a Digital Archive page, saved as text, into :class:`DaPage` records.

The DA has shown its documents in three layouts, and lists them on search and collection pages; the
layout is detected (:func:`detect_layout`), never asked for.

``new-html``, the current site::

    Skip to content
    June 8, 1962                          <- the date as DA shows it
    Minutes of the Meeting between …      <- the title
    This document was made possible with support from MacArthur Foundation
    …body, one paragraph per line…
    Zhang Hanfu and … debate …            <- the one-paragraph summary
    Document Information
    Source / Rights / Original Uploaded Date / Type / Language / Record ID / Donors …

``old-html``, the site before 2023: the date, a "get citation" block holding the summary and
``"Title," Date, History and Public Policy Program Digital Archive, SOURCE.``, then the body after
"English HTML" (or the summary first and the title below it, in upper case or broken over lines).

``pdf-export``, the DA's PDF export flattened to text: ``Digital Archive … DATE TITLE Citation: "Title,"
Date, …, SOURCE URL Summary: … Credits: … Original Language: … Contents: … BODY``.

``listing``, a search-result or collection page: one entry per document (date, title, summary), each
read into its own :class:`DaPage`.

Every paragraph keeps its line number so that errors and validation reports can point back to it.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import ConversionError, SourceNotFound
from ..graph import clean_text

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
#: A date as the DA displays it above a title: ``June 8, 1962``, ``November 04, 1962``, ``September 1962``, ``1962``.
DATE_TEXT = rf"(?:{_MONTH}\s+\d{{1,2}},\s*\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH},?\s+\d{{4}}|\d{{4}})"
DISPLAY_DATE = re.compile(rf"^{DATE_TEXT}$")
INFO_HEADINGS = (
    "Source", "Original Archive", "Rights", "Original Uploaded Date", "Type", "Language", "Record ID",
    "Donors", "Donor", "Subjects", "Subject", "Coverage", "Collections", "Related Documents", "Theme",
    "Original Language", "Translation", "Transcript", "Authors", "Author(s)", "Publisher", "Date",
)
TRAILER_HEADINGS = ("Author(s):", "Associated Topics", "Associated People & Organizations",
                    "Associated Places", "Related Documents", "Document Information")
_FUNDER = re.compile(r"^This document was made possible with support from (?:the )?(?P<who>.+?)\.?$")
_NOISE = {"Skip to content", "[…]", "[...]", "…", "Search in", "Digital Archive International History Declassified",
          "• Citation", "Citation", "get citation", "• share document", "share document", "Print", "Download PDF",
          "• Download PDF", "Print Document", "• Print Document"}
#: Markers of a page's text sections on the old site ("English HTML", "Russian HTML", "Original Scan").
_LANGUAGES = ("English|Russian|Chinese|Korean|German|Polish|Hungarian|Romanian|Czech|Slovak|Bulgarian|Mongolian|"
              "Vietnamese|Japanese|Spanish|French|Italian|Serbian|Croatian|Serbo-Croatian|Albanian|Persian|Farsi|"
              "Arabic|Hebrew|Portuguese|Ukrainian|Georgian|Azerbaijani|Armenian|Turkish|Finnish|Swedish|Dutch|Lao|"
              "Khmer|Indonesian|Hindi|Urdu|Greek|Macedonian|Slovenian|Estonian|Latvian|Lithuanian|Kazakh|Uzbek")
_SECTION = re.compile(rf"^(?:•\s*)?(?P<lang>{_LANGUAGES})\s+(?:HTML|Transcript(?:ion)?|Translation|PDF)$"
                      r"|^(?:•\s*)?(?:Original (?:Scan|Language(?: HTML| Transcript(?:ion)?)?)"
                      rf"|Translation - (?P<lang2>{_LANGUAGES})|Transcript - (?P<lang3>{_LANGUAGES}))$")
_BULLETS = ("-", "–", "•", "*")
_URL_LINE = re.compile(r"^URL:\s*(?P<url>\S+)\s*$")
_COUNT_LINE = re.compile(r"^\d+\s*-\s*\d+\s+of\s+\d+$")
_LISTING_URL = re.compile(r"/(?:search|collection)\b")
_PDF_HEAD_TEXT = r"Digital Archive\s+(?:International History Declassified\s+)?digitalarchive\.wilsoncenter\.org"
_PDF_HEAD = re.compile("^" + _PDF_HEAD_TEXT)
_PDF_HEAD_ANY = re.compile(_PDF_HEAD_TEXT)
_PDF_LABEL_LINE = re.compile(r"^(?:Citation|Summary|Credits|Original Language|Contents):")
_PDF_LABEL = re.compile(r"(?:(?<=\s)|^)(?P<label>Citation|Summary|Credits|Original Language|Contents):\s*")
_PDF_CONTENTS = re.compile(
    r"^(?:(?:English Translation|Scan of Original Document|Original Language Transcription|"
    r"Original Language Transcript|Transcription|Original Scan|Translation|Transcript)(?:\s+-\s+\w+)?\s*)+")
_DECLASSIFIED = re.compile(r"^International History Declassified\s*")
_DATE_THEN_TITLE = re.compile(rf"^(?P<date>{DATE_TEXT})\s+(?P<title>.+)$")
_SENTENCES = re.compile(r"(?<=\.)\s+")
_OLD_MARKERS = ("Search in", "get citation", "• Citation", "Citation")
#: The DA's own citation: ``"Title," Date, History and Public Policy Program Digital Archive, SOURCE. URL``.
CITATION_LINE = re.compile(
    r"^[\"“”](?P<title>.+?)[,.]?[\"”“]\s*,?\s*(?P<date>" + DATE_TEXT + r"|n\.\s?d\.|[^,]{0,40}?),\s*"
    r"(?P<archive>(?:History and Public Policy Program|Cold War International History Project|"
    r"[A-Z][\w ]{0,60}?) Digital Archive)\s*[,.]?\s*(?P<source>.*?)\s*(?P<url>(?:https?://|digitalarchive\.)\S+)?\s*$"
)
_DOC_URL = re.compile(r"^(?:https?://)?[^/\s]*wilson[^/\s]*/document/(?P<id>\d+)(?:[/?#]|$)")
_NON_LATIN = re.compile(r"[\u0400-\u04ff\u0590-\u06ff\u0e00-\u0eff\u1100-\u11ff\u3040-\u30ff\u3130-\u318f"
                        r"\u3400-\u9fff\uac00-\ud7af]")
_LETTER = re.compile(r"[^\W\d_]")
_NO_LETTERS = re.compile(r"^[\W_]*$")
_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*\d{1,3}\s*[-–—]|\[?(?:page|p\.)\s*\d{1,3}(?:\s+of\s+\d+)?\]?|\d{1,3})$",
                          re.IGNORECASE)
# Where flattened PDF text is cut into paragraphs: a speaker label after a sentence, a new sentence, or
# the end of a date ("… Moscow, 4 December 1989 At the meeting …").
_PDF_BREAK = re.compile(
    r"(?:(?<=[.!?”\"])|(?<=\d{4}))\s+"
    r"(?=(?P<label>(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*(?:\s+\([^)]{1,60}\))?):\s)"
    r"|(?<=[a-z\])”\"’]{2}[.!?])\s+(?=[A-Z“\"\[])"
    r"|(?<=\b\d{4})\s+(?=(?:At|In|On|Present|Participants|Attendees|The|Comrade|Comrades)\b)"
)

LAYOUTS = {
    "new-html": "the current DA site's document page",
    "old-html": "a document page of the DA site before 2023 (summary first, a 'get citation' block)",
    "pdf-export": "the DA's PDF export flattened to text ('Citation:', 'Summary:' lines)",
    "listing": "a DA search-result or collection page (many documents, one line each)",
}


@dataclass
class Para:
    """One paragraph of the page and the line it starts on (1-based, in the original file)."""

    line: int
    text: str


@dataclass
class DaPage:
    """The fields of one DA page (or of one entry of a listing page), each with its line number.

    ``citation`` is the DA's own citation line (old site, PDF export) when the page shows one; its
    SOURCE part is also filed under ``info["Source"]``, as the current site's Source field is.
    """

    path: Path
    sha256: str
    url: str | None
    date: Para | None
    title: Para
    funders: list[Para] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    summary: Para | None = None
    info: dict[str, list[Para]] = field(default_factory=dict)
    last_line: int = 0
    complete: bool = False
    layout: str = "new-html"
    citation: Para | None = None
    notes: list[str] = field(default_factory=list)

    def field(self, heading: str) -> str | None:
        """The text of a Document Information field, paragraphs joined by blank lines, or None."""
        paras = self.info.get(heading)
        return "\n\n".join(p.text for p in paras) if paras else None


def detect_layout(text: str) -> str:
    """Tell which of the DA page layouts (:data:`LAYOUTS`) a saved page is in.

    >>> detect_layout("Skip to content\\n\\nJune 8, 1962\\n\\nMinutes of the Meeting\\n")
    'new-html'
    """
    lines = [clean_text(line) for line in text.splitlines()[:400]]
    lines = [line for line in lines if line]
    url = lines[0][4:].strip() if lines and lines[0].startswith("URL:") else ""
    head = lines[:12]
    if _LISTING_URL.search(url) or any(_COUNT_LINE.match(x) for x in head):
        return "listing"
    if any(_PDF_HEAD_ANY.search(x[:300]) for x in head) or sum(bool(_PDF_LABEL_LINE.match(x)) for x in lines) >= 2 \
            or all(f" {label}: " in text[:8000] for label in ("Citation", "Summary", "Contents")):
        return "pdf-export"
    if any(x in _OLD_MARKERS for x in head):
        return "old-html"
    dates = [k for k, x in enumerate(lines[:40]) if DISPLAY_DATE.match(x)]
    if len(dates) >= 3 and "Document Information" not in lines and "Skip to content" not in head:
        return "listing"
    body = [x for x in lines if x != "Skip to content" and not x.startswith("URL:")]
    if len(body) > 2 and DISPLAY_DATE.match(body[0]) and len(body[1]) > 150 and "Skip to content" not in head:
        return "old-html"  # the summary comes straight after the date, before the title
    return "new-html"


def looks_like_da_page(text: str) -> bool:
    """True when the text has the marks of a DA document page."""
    head = text[:3000]
    return ("Skip to content" in head or "Document Information" in text or "wilsoncenter" in head
            or "History and Public Policy Program" in text)


def record_id_from_url(url: str | None) -> str | None:
    """The DA Record ID in a document URL of the DA (``…/document/110429``), or None.

    Slugs (``/document/ciphered-telegram-…``) and Drupal node numbers (``/node/102512``) are not Record IDs.

    >>> record_id_from_url("http://digitalarchive.wilsoncenter.org/document/117334"), record_id_from_url("/node/1")
    ('117334', None)
    """
    m = _DOC_URL.match(url.strip()) if url else None
    return m["id"] if m else None


def read_da_page(path: str | Path, root: str | Path | None = None) -> DaPage:
    """Read one DA document page text file (any document layout).

    Raises :class:`SourceNotFound` when the file cannot be read and :class:`ConversionError` (with the
    line) when it has no title or is a listing page (read those with :func:`read_da_records`).
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceNotFound(f"cannot read: {exc.strerror}", path=path, hint="Check the path and try again.") from None
    return read_da_bytes(raw, path)


def read_da_bytes(raw: bytes, path: Path) -> DaPage:
    """Read a DA document page from its bytes; ``path`` names it in errors (``-`` for stdin)."""
    records = read_da_records(raw, path)
    if records[0].layout == "listing":
        raise ConversionError(f"this is {LAYOUTS['listing']}, not one document page", path=path,
                              hint="Read it with read_da_records, which gives one record per entry.")
    return records[0]


def read_da_records(raw: bytes, path: Path) -> list[DaPage]:
    """Read a DA page of any layout: one :class:`DaPage` for a document page, one per entry for a listing.

    Raises :class:`ConversionError` (with the line) for text that is not UTF-8, an empty page, a page
    with no title, or a listing with no entries.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConversionError("the file is not UTF-8 text", path=path, line=line,
                              hint="Save the page as UTF-8 text and convert it again.") from None
    sha256 = hashlib.sha256(raw).hexdigest()
    layout = detect_layout(text)
    if layout == "listing":
        return parse_listing(text, path=path, sha256=sha256)
    if layout == "old-html":
        return [parse_old_page(text, path=path, sha256=sha256)]
    if layout == "pdf-export":
        return [parse_pdf_export(text, path=path, sha256=sha256)]
    return [parse_da_page(text, path=path, sha256=sha256)]


# --- shared helpers ---------------------------------------------------------------------------------


def _paragraphs(text: str) -> tuple[list[Para], str | None, list[bool]]:
    """Non-empty lines with their numbers, the ``URL:`` line's address, and for each paragraph whether a
    blank line comes before it."""
    paras: list[Para] = []
    gaps: list[bool] = []
    gap = True
    for n, line in enumerate(text.splitlines(), 1):
        cleaned = clean_text(line)
        if not cleaned:
            gap = True
            continue
        paras.append(Para(n, cleaned))
        gaps.append(gap)
        gap = False
    url = None
    if paras and (m := _URL_LINE.match(paras[0].text)):
        url = m["url"]
        paras.pop(0)
        gaps.pop(0)
    return paras, url, gaps


def is_noise(text: str) -> bool:
    """Page furniture and scanning debris: navigation words, page numbers, lines without letters."""
    return text in _NOISE or bool(_NO_LETTERS.match(text)) or bool(_PAGE_NUMBER.match(text))


def is_foreign_script(text: str) -> bool:
    """True for a paragraph written mostly in a non-Latin script (the original text before a translation)."""
    if not _NON_LATIN.search(text):
        return False
    letters = _LETTER.findall(text)
    return bool(letters) and sum(1 for ch in letters if _NON_LATIN.match(ch)) * 2 > len(letters)


def english_sections(paras: list[Para]) -> list[Para]:
    """Drop section markers, and the original-language sections before or after an English one."""
    marks = [(k, m) for k, p in enumerate(paras) if (m := _SECTION.match(p.text))]
    if not marks:
        return [p for p in paras if not is_foreign_script(p.text)]
    out: list[Para] = []
    english = any((m["lang"] or m["lang2"] or m["lang3"] or "") == "English" for _, m in marks)
    keep = not english  # text before the first marker is kept unless an English section follows
    bounds = [k for k, _ in marks] + [len(paras)]
    out += [p for p in paras[: bounds[0]] if keep]
    for (k, m), stop in zip(marks, bounds[1:]):
        lang = m["lang"] or m["lang2"] or m["lang3"] or ""
        if not english or lang == "English":
            out += paras[k + 1: stop]
    return [p for p in out if not is_foreign_script(p.text)]


def _split_citation(para: Para) -> tuple[str, str | None, str, str | None] | None:
    """(title, date, source, url) of a DA citation line, or None when ``para`` is not one."""
    m = CITATION_LINE.match(para.text)
    if not m:
        return None
    source = m["source"].strip().rstrip(",")
    return m["title"].strip(), (m["date"] or "").strip() or None, source, m["url"]


def _trailer(rest: list[Para]) -> tuple[list[Para], dict[str, list[Para]], bool]:
    """Split what follows the title into body paragraphs and Document Information fields.

    ``Author(s):`` and the lines after it (up to the next trailer heading) are filed as ``Author(s)``.
    """
    end = next((k for k, p in enumerate(rest) if p.text in TRAILER_HEADINGS), len(rest))
    body = rest[:end]
    info: dict[str, list[Para]] = {}
    complete = False
    if end < len(rest):
        if rest[end].text == "Author(s):":
            stop = next((k for k in range(end + 1, len(rest)) if rest[k].text in TRAILER_HEADINGS), len(rest))
            info["Author(s)"] = rest[end + 1: stop]
        k = next((k for k, p in enumerate(rest) if p.text == "Document Information"), None)
        if k is not None:
            complete = True
            heading = None
            for p in rest[k + 1:]:
                if p.text in INFO_HEADINGS:
                    heading = p.text
                    info.setdefault(heading, [])
                elif heading:
                    info[heading].append(p)
    return body, info, complete


# --- the current site ---------------------------------------------------------------------------------


def parse_da_page(text: str, *, path: Path, sha256: str) -> DaPage:
    """Split page text into date, title, funders, body, summary and Document Information fields."""
    paras, url, _ = _paragraphs(text)
    paras = [p for p in paras if not is_noise(p.text)]
    if not paras:
        raise ConversionError("the page is empty", path=path, hint="Save the whole DA page as text.")

    i = 0
    date = None
    if DISPLAY_DATE.match(paras[0].text):
        date, i = paras[0], 1
    if i >= len(paras):
        raise ConversionError("the page has a date but no title", path=path, line=paras[-1].line,
                              hint="The line after the date must be the document's title.")
    title = clean_title(paras[i])
    i += 1
    funders = []
    while i < len(paras) and (m := _FUNDER.match(paras[i].text)):
        funders.append(Para(paras[i].line, m["who"]))
        i += 1

    body, info, complete = _trailer(paras[i:])
    summary = body.pop() if complete and body else None
    return DaPage(path=path, sha256=sha256, url=url, date=date, title=title, funders=funders,
                  body=english_sections(body), summary=summary, info=info, last_line=paras[-1].line,
                  complete=complete, layout="new-html")


# --- the site before 2023 -------------------------------------------------------------------------------


def parse_old_page(text: str, *, path: Path, sha256: str) -> DaPage:
    """Read a page of the old DA site: the date, the "get citation" block (summary and citation), the
    title line when there is one (upper case, or broken over lines), and the English text."""
    paras, url, gaps = _paragraphs(text)
    if not paras:
        raise ConversionError("the page is empty", path=path, hint="Save the whole DA page as text.")
    last_line = paras[-1].line
    date: Para | None = None
    funders: list[Para] = []
    citation: Para | None = None
    cited: tuple[str, str | None, str, str | None] | None = None
    summary: Para | None = None
    start = 0  # where the text of the document begins
    for k, p in enumerate(paras[:60]):
        if date is None and DISPLAY_DATE.match(p.text) and citation is None:
            date = p
        elif m := _FUNDER.match(p.text):
            funders.append(Para(p.line, m["who"]))
        elif cited is None and (parts := _split_citation(p)):
            citation, cited = p, parts
            prev = paras[k - 1] if k else None
            if prev is not None and not is_noise(prev.text) and prev is not date and not _FUNDER.match(prev.text):
                summary = prev
            start = k + 1
        elif _SECTION.match(p.text) or p.text in ("• share document", "share document"):
            start = k + 1 if citation is not None or start else start
    if citation is None:
        start = paras.index(date) + 1 if date is not None else 0
    rest = paras[start:]
    rest_gaps = gaps[start:]
    # The title line: after the summary when the summary comes first; upper case on some pages.
    title: Para | None = None
    keep: list[int] = []
    k = 0
    if citation is None:
        while k < len(rest) and (is_noise(rest[k].text) or _FUNDER.match(rest[k].text)):
            k += 1
        if k < len(rest) and len(rest[k].text) > 150 and summary is None:
            summary = rest[k]
            k += 1
        if k < len(rest):
            j = k + 1
            while j < len(rest) and not rest_gaps[j] and j - k < 3 and not is_noise(rest[j].text) \
                    and not _SECTION.match(rest[j].text):  # a title broken across lines
                j += 1
            title = Para(rest[k].line, " ".join(p.text for p in rest[k:j]))
            k = j
    body_paras = [p for p in rest[k:] if not is_noise(p.text) and not _FUNDER.match(p.text)]
    keep = list(range(len(body_paras)))
    if cited is not None:
        cited_title = Para(citation.line, cited[0])  # type: ignore[union-attr]
        # an upper-case (or repeated) title line at the head of the text is the title, not the body
        for j in range(min(3, len(body_paras))):
            if _same_words(body_paras[j].text, cited[0]):
                keep.remove(j)
                break
        title = cited_title
    if title is None:
        raise ConversionError("the page has no title line and no citation naming the title", path=path,
                              line=last_line, hint="Save the page with its title or its 'get citation' block.")
    body_all = [body_paras[j] for j in keep]
    body, info, complete = _trailer(body_all)
    if cited is not None:
        if date is None and cited[1]:
            date = Para(citation.line, cited[1])  # type: ignore[union-attr]
        if cited[2]:
            info.setdefault("Source", [Para(citation.line, cited[2])])  # type: ignore[union-attr]
        if cited[3]:
            url = url if record_id_from_url(url) else cited[3]
    return DaPage(path=path, sha256=sha256, url=url, date=date, title=clean_title(title), funders=funders,
                  body=english_sections(body), summary=summary, info=info, last_line=last_line,
                  complete=complete, layout="old-html", citation=citation)


_WORDS = re.compile(r"[^\W_]+")
_TITLE_FOOTNOTE = re.compile(r"(?<=\S)\s*(?:\(\d{1,2}\)|\[\d{1,3}\])$")


def clean_title(para: Para) -> Para:
    """The title without a footnote marker at its end (``… Protocol No. 28)(1)``)."""
    text = _TITLE_FOOTNOTE.sub("", para.text)
    return para if text == para.text else Para(para.line, text)


def _same_words(a: str, b: str) -> bool:
    return _WORDS.findall(a.casefold()) == _WORDS.findall(b.casefold())


# --- the PDF export -----------------------------------------------------------------------------------


def parse_pdf_export(text: str, *, path: Path, sha256: str) -> DaPage:
    """Read the DA's PDF export flattened to text: the labelled fields, then the body cut into paragraphs."""
    paras, url, _ = _paragraphs(text)
    if not paras:
        raise ConversionError("the page is empty", path=path, hint="Save the whole DA page as text.")
    last_line = paras[-1].line
    # The export's own text as one string, and where each of its lines starts in it.
    head_k = next((k for k, p in enumerate(paras) if _PDF_HEAD_ANY.search(p.text[:300]) or "Citation:" in p.text), 0)
    offsets: list[int] = []
    lines: list[int] = []
    offset = 0
    for p in paras[head_k:]:
        offsets.append(offset)
        lines.append(p.line)
        offset += len(p.text) + 1
    flat = " ".join(p.text for p in paras[head_k:])

    def line_at(pos: int) -> int:
        return lines[max(0, bisect_right(offsets, pos) - 1)]

    first: dict[str, re.Match[str]] = {}
    for found in _PDF_LABEL.finditer(flat):
        first.setdefault(found["label"], found)
    ordered = sorted(first.values(), key=lambda found: found.start())
    fields: dict[str, tuple[int, str]] = {}
    for k, found in enumerate(ordered):
        stop = ordered[k + 1].start() if k + 1 < len(ordered) else len(flat)
        fields[found["label"]] = (found.end(), flat[found.end():stop].strip())
    head = flat[: ordered[0].start() if ordered else len(flat)]
    if m0 := _PDF_HEAD_ANY.search(head):
        head = head[m0.end():]
    head = head.strip()
    head = _DECLASSIFIED.sub("", head)

    date: Para | None = None
    title: Para | None = None
    if m := _DATE_THEN_TITLE.match(head):
        date = Para(line_at(0), m["date"])
        title = Para(line_at(m.start("title")), m["title"].strip())
    elif head:
        title = Para(line_at(0), head)
    citation = None
    info: dict[str, list[Para]] = {}
    if "Citation" in fields:
        pos, value = fields["Citation"]
        citation = Para(line_at(pos), value)
        if parts := _split_citation(citation):
            title = Para(citation.line, parts[0])
            if date is None and parts[1]:
                date = Para(citation.line, parts[1])
            if parts[2]:
                info["Source"] = [Para(citation.line, parts[2])]
            if parts[3] and not record_id_from_url(url):
                url = parts[3]
    if title is None:
        # cut before the fields: the docslib title line "DATE TITLE"
        if m2 := _DATE_THEN_TITLE.match(paras[0].text):
            date, title = Para(paras[0].line, m2["date"]), Para(paras[0].line, m2["title"])
        else:
            raise ConversionError("the PDF export has no title", path=path, line=paras[0].line,
                                  hint="Save the export from its first page.")
    summary = None
    if fields.get("Summary", (0, ""))[1]:
        summary = Para(line_at(fields["Summary"][0]), fields["Summary"][1])
    funders = []
    if "Credits" in fields:
        pos, value = fields["Credits"]
        for sentence in _SENTENCES.split(value):
            if m3 := _FUNDER.match(sentence.strip()):
                funders.append(Para(line_at(pos), m3["who"]))
    if fields.get("Original Language", (0, ""))[1]:
        pos, value = fields["Original Language"]
        info["Original Language"] = [Para(line_at(pos), value)]
    body: list[Para] = []
    if "Contents" in fields:
        pos, value = fields["Contents"]
        if m4 := _PDF_CONTENTS.match(value):
            info["Contents"] = [Para(line_at(pos), m4.group(0).strip())]
            pos += m4.end()
            value = value[m4.end():]
        body = _pdf_body(value, pos, line_at)
    return DaPage(path=path, sha256=sha256, url=url, date=date, title=clean_title(title), funders=funders,
                  body=english_sections(body), summary=summary, info=info, last_line=last_line,
                  complete=bool(info.get("Source")), layout="pdf-export", citation=citation)


def _pdf_body(text: str, pos: int, line_at: Callable[[int], int]) -> list[Para]:
    """Cut flattened body text into paragraphs at speaker labels, sentences and dates."""
    out: list[Para] = []
    last = 0
    label_end = -1
    for m in _PDF_BREAK.finditer(text):
        if m.start() < label_end:
            continue  # inside a speaker label just found ("M.S. Gorbachev:")
        if m["label"]:
            label_end = m.end() + len(m["label"])
        piece = text[last:m.start()].strip()
        if piece:
            out.append(Para(line_at(pos + last), piece))
        last = m.end()
    piece = text[last:].strip()
    if piece:
        out.append(Para(line_at(pos + last), piece))
    return out


# --- listing pages ----------------------------------------------------------------------------------------


def parse_listing(text: str, *, path: Path, sha256: str) -> list[DaPage]:
    """One :class:`DaPage` per entry of a search-result or collection page: date, title, summary, URL.

    Entries start at a date line (or a ``-`` bullet); the collection's own name and description, and
    the result count, are not entries. An entry the page cuts off inside its title is kept, with a note.
    """
    paras, page_url, _ = _paragraphs(text)
    cut = not text.endswith("\n")
    paras = [p for p in paras if p.text not in _NOISE and not _COUNT_LINE.match(p.text)]
    bulleted = any(p.text in _BULLETS for p in paras)
    chunks: list[list[Para]] = []
    current: list[Para] | None = None
    for p in paras:
        if bulleted and p.text in _BULLETS:
            current = []
            chunks.append(current)
        elif not bulleted and DISPLAY_DATE.match(p.text):
            current = [p]
            chunks.append(current)
        elif current is not None:
            current.append(p)
    out: list[DaPage] = []
    for chunk in chunks:
        date = chunk[0] if chunk and DISPLAY_DATE.match(chunk[0].text) else None
        rest = chunk[1:] if date else chunk
        entry_url = None
        lines = []
        for p in rest:
            if p.text.startswith(("http://", "https://")) and " " not in p.text:
                entry_url = entry_url or p.text
            else:
                lines.append(p)
        if not lines:
            continue  # a date with nothing after it: the page ends there
        title, summary_lines = lines[0], lines[1:]
        summary = Para(summary_lines[0].line, " ".join(p.text for p in summary_lines)) if summary_lines else None
        notes = []
        if cut and chunk is chunks[-1]:
            notes.append("the page ends inside this entry: its " + ("summary" if summary else "title")
                         + " may be cut short")
        out.append(DaPage(path=path, sha256=sha256, url=entry_url, date=date, title=clean_title(title), summary=summary,
                          last_line=chunk[-1].line, layout="listing", notes=notes))
    if not out:
        raise ConversionError("the listing page has no entries (a date followed by a title)", path=path,
                              line=paras[-1].line if paras else None,
                              hint="Save the search-result or collection page with its list of documents.")
    return out
