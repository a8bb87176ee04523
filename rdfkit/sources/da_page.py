"""Read a Digital Archive document page, saved as text, into a :class:`DaPage` record.

The current DA site lays a document page out as::

    Skip to content
    June 8, 1962                          <- the date as DA shows it
    Minutes of the Meeting between …      <- the title
    This document was made possible with support from MacArthur Foundation
    …body, one paragraph per line…
    Zhang Hanfu and … debate …            <- the one-paragraph summary
    Document Information
    Source / Rights / Original Uploaded Date / Type / Language / Record ID / Donors …

Every paragraph keeps its line number so that errors and validation reports can point back to it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConversionError, SourceNotFound
from ..graph import clean_text

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
DISPLAY_DATE = re.compile(
    rf"^(?:{_MONTH}\s+\d{{1,2}},\s*\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH},?\s+\d{{4}}|\d{{4}})$"
)
INFO_HEADINGS = (
    "Source", "Original Archive", "Rights", "Original Uploaded Date", "Type", "Language", "Record ID",
    "Donors", "Donor", "Subjects", "Subject", "Coverage", "Collections", "Related Documents", "Theme",
    "Original Language", "Translation", "Transcript", "Authors", "Author(s)", "Publisher", "Date",
)
TRAILER_HEADINGS = ("Author(s):", "Associated Topics", "Associated People & Organizations",
                    "Associated Places", "Related Documents", "Document Information")
_FUNDER = re.compile(r"^This document was made possible with support from (?P<who>.+?)\.?$")
_NOISE = {"Skip to content", "[…]", "[...]", "…"}


@dataclass
class Para:
    """One paragraph of the page and the line it starts on (1-based, in the original file)."""

    line: int
    text: str


@dataclass
class DaPage:
    """The fields of one DA page, each with its line number."""

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

    def field(self, heading: str) -> str | None:
        """The text of a Document Information field, paragraphs joined by blank lines, or None."""
        paras = self.info.get(heading)
        return "\n\n".join(p.text for p in paras) if paras else None


LAYOUTS = {
    "new-html": "the current DA site's document page",
    "old-html": "a document page of the DA site before 2023 (summary first, a 'get citation' block)",
    "pdf-export": "the DA's PDF export flattened to text ('Citation:', 'Summary:' lines)",
    "listing": "a DA search-result or collection page (many documents, one line each)",
}


def detect_layout(text: str) -> str:
    """Tell which of the DA page layouts (:data:`LAYOUTS`) a saved page is in.

    >>> detect_layout("Skip to content\\n\\nJune 8, 1962\\n\\nMinutes of the Meeting\\n")
    'new-html'
    """
    lines = [clean_text(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    url = lines[0][4:].strip() if lines and lines[0].startswith("URL:") else ""
    head = lines[:12]
    if re.search(r"/(?:search|collection)\b", url) or any(re.fullmatch(r"\d+ - \d+ of \d+", x) for x in head):
        return "listing"
    if any(x.startswith("Digital Archive digitalarchive.wilsoncenter.org") for x in head) or sum(
            bool(re.match(r"^(?:Citation|Summary|Credits|Original Language|Contents):", x)) for x in lines) >= 2:
        return "pdf-export"
    if any(x in ("Search in", "get citation", "• Citation", "Citation") for x in head):
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


def read_da_page(path: str | Path, root: str | Path | None = None) -> DaPage:
    """Read one DA page text file.

    Raises :class:`SourceNotFound` when the file cannot be read and :class:`ConversionError` (with the
    line) when it has no title.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceNotFound(f"cannot read: {exc.strerror}", path=path, hint="Check the path and try again.") from None
    return read_da_bytes(raw, path)


def read_da_bytes(raw: bytes, path: Path) -> DaPage:
    """Read a DA page from its bytes; ``path`` names it in errors (``-`` for stdin)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConversionError("the file is not UTF-8 text", path=path, line=line,
                              hint="Save the page as UTF-8 text and convert it again.") from None
    layout = detect_layout(text)
    if layout != "new-html":
        raise ConversionError(
            f"this is {LAYOUTS[layout]}; rdfkit reads only the current site's document pages for now",
            path=path,
            hint="Save the document's page from the current site (digitalarchive.wilsoncenter.org/document/…) "
                 "as text and convert that.")
    return parse_da_page(text, path=path, sha256=hashlib.sha256(raw).hexdigest())


def parse_da_page(text: str, *, path: Path, sha256: str) -> DaPage:
    """Split page text into date, title, funders, body, summary and Document Information fields."""
    paras = [Para(n, clean_text(line)) for n, line in enumerate(text.splitlines(), 1)]
    paras = [p for p in paras if p.text and p.text not in _NOISE]
    url = None
    if paras and paras[0].text.startswith("URL:"):
        url = paras.pop(0).text[4:].strip()
    if not paras:
        raise ConversionError("the page is empty", path=path, hint="Save the whole DA page as text.")

    i = 0
    date = None
    if DISPLAY_DATE.match(paras[0].text):
        date, i = paras[0], 1
    if i >= len(paras):
        raise ConversionError("the page has a date but no title", path=path, line=paras[-1].line,
                              hint="The line after the date must be the document's title.")
    title = paras[i]
    i += 1
    funders = []
    while i < len(paras) and (m := _FUNDER.match(paras[i].text)):
        funders.append(Para(paras[i].line, m["who"]))
        i += 1

    rest = paras[i:]
    end = next((k for k, p in enumerate(rest) if p.text in TRAILER_HEADINGS), len(rest))
    body = rest[:end]
    info: dict[str, list[Para]] = {}
    complete = False
    if end < len(rest):
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
    summary = body.pop() if complete and body else None
    return DaPage(path=path, sha256=sha256, url=url, date=date, title=title, funders=funders, body=body,
                  summary=summary, info=info, last_line=paras[-1].line, complete=complete)
