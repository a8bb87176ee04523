"""CSV and TSV tables (a librarian's spreadsheet) → :class:`~rdfkit.model.Document`: one document per row.

The first row names the columns. A mapping file next to the table says which column holds which
field: ``box12.mapping.json`` for ``box12.csv``, else ``mapping.json`` in the same folder::

    {"columns": {"Title": "title", "Date": "date", "Source": "source", "Authors": "authors",
                 "Record ID": "record_id", "Internal note": null},
     "separator": ";", "date_format": "%d/%m/%Y"}

``separator`` splits cells with several names (default ``;``); ``date_format`` (a ``strptime`` format)
is how to read dates that are not ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, ``June 8, 1962`` or
``8 June 1962``; ``delimiter`` overrides the sniffed one. A column mapped to ``null`` is left out.
Without a mapping file, columns named like a field (``Title``, ``record_id``, ``Record ID``,
``Description`` for summary, ``Type`` for doctype …; case, spaces and underscores ignored) are used.

A row without a title, with a date that does not exist or cannot be read, or with a Record ID that
is not a number is reported (file, line, column, what to do) and left out; the other rows are
converted. Tables are UTF-8, with or without a byte-order mark; the delimiter is sniffed from the
first lines (``.tsv`` files use tabs).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConversionError
from ..model import Document, Source
from .records import (
    DateProblem, Name, RecordFields, Records, build_document, clean, decode_text, is_web_address, read_date,
    record_bug, record_id_from_url, split_cell_names,
)

#: The fields a column can be mapped to, and what each holds.
FIELDS: dict[str, str] = {
    "title": "the document's title (required)",
    "subtitle": "a subtitle",
    "date": "the document's date",
    "summary": "the one-paragraph summary",
    "source": 'the Source line: archival citation and credits ("RGANI, f. 5, … Translated by …")',
    "record_id": "the DA Record ID (a number)",
    "url": "the DA page address",
    "rights": "the rights statement",
    "uploaded": "the DA's Original Uploaded Date of the translation",
    "doctype": 'the document type ("Memorandum of Conversation", "Telegram" …)',
    "language": "the original's language (read, but the model has no place for it yet)",
    "notes": "editorial notes",
    "authors": "authors (several: split by the separator)",
    "recipients": "recipients",
    "translators": "translators of the DA translation",
    "editors": "editors of the translation",
    "contributors": "who obtained or contributed the document",
    "donors": "DA donors",
    "funders": "funders of the translation",
    "repositories": "archives holding the original, by name",
}
MULTI_VALUED = {"doctype", "language", "notes", "authors", "recipients", "translators", "editors", "contributors",
                "donors", "funders", "repositories"}
#: Column names understood without a mapping file (after dropping case, spaces and underscores).
ALIASES = {
    "description": "summary", "abstract": "summary", "author": "authors", "authors": "authors",
    "creator": "authors", "creators": "authors", "authors(s)": "authors", "author(s)": "authors",
    "translator": "translators", "editor": "editors", "contributor": "contributors", "obtainedby": "contributors",
    "recipient": "recipients", "donor": "donors", "funder": "funders", "type": "doctype", "documenttype": "doctype",
    "daid": "record_id", "originaluploadeddate": "uploaded", "languages": "language", "originallanguage": "language",
    "note": "notes", "repository": "repositories", "originalarchive": "repositories", "citation": "source",
}
MAPPING_KEYS = ("columns", "separator", "date_format", "delimiter")
DELIMITERS = ",;\t|"


def _fold(name: str) -> str:
    return re.sub(r"[\s_]+", "", name.strip().lstrip("\ufeff")).casefold()


_FIELD_BY_FOLDED = {_fold(f): f for f in FIELDS} | ALIASES


@dataclass
class Mapping:
    """A table's mapping file, read and checked."""

    path: Path | None
    columns: dict[str, str | None] = field(default_factory=dict)
    separator: str = ";"
    date_format: str | None = None
    delimiter: str | None = None

    @property
    def name(self) -> str:
        return self.path.name if self.path else "a mapping file"


def is_mapping_file(path: Path) -> bool:
    return path.name.lower() == "mapping.json" or path.name.lower().endswith(".mapping.json")


def mapping_path(path: Path) -> Path | None:
    """The mapping file for a table: ``<name>.mapping.json`` beside it, else ``mapping.json``."""
    if str(path) == "-":
        return None
    for candidate in (path.with_name(path.stem + ".mapping.json"), path.with_name("mapping.json")):
        if candidate.is_file():
            return candidate
    return None


def load_mapping(path: Path) -> Mapping:
    """Read and check a mapping file; raises :class:`ConversionError` naming it and saying what to fix."""
    raw = decode_text(path.read_bytes(), path, what="mapping file")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ConversionError(f"the mapping file is not valid JSON ({exc.msg})", path=path, line=exc.lineno,
                              column=exc.colno, hint='Write it as {"columns": {"Title": "title", …}}.') from None
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise ConversionError('the mapping file has no "columns" object', path=path,
                              hint='Write it as {"columns": {"Title": "title", "Date": "date", …}}.')
    unknown_keys = sorted(set(data) - set(MAPPING_KEYS))
    if unknown_keys:
        raise ConversionError(f"the mapping file has unknown keys: {', '.join(unknown_keys)}", path=path,
                              hint=f"Valid keys: {', '.join(MAPPING_KEYS)}.")
    columns: dict[str, str | None] = {}
    bad = []
    for column, target in data["columns"].items():
        if target in (None, ""):
            columns[column] = None
        elif isinstance(target, str) and target.strip().lower() in FIELDS:
            columns[column] = target.strip().lower()
        else:
            bad.append(f"{column!r} → {target!r}")
    if bad:
        raise ConversionError(
            f"the mapping file maps columns to unknown fields: {'; '.join(bad)}", path=path,
            hint=f"Valid fields: {', '.join(FIELDS)} (or null to leave a column out).")
    separator = data.get("separator", ";")
    if not isinstance(separator, str) or not separator:
        raise ConversionError('"separator" must be a non-empty string such as ";"', path=path,
                              hint='Write "separator": ";" (or leave it out: ";" is the default).')
    date_format = data.get("date_format")
    if date_format is not None and (not isinstance(date_format, str) or "%" not in date_format):
        raise ConversionError(f'"date_format" {date_format!r} is not a date format', path=path,
                              hint='Write it with strptime codes, such as "%d/%m/%Y" for 08/06/1962.')
    delimiter = data.get("delimiter")
    if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter.replace("\\t", "\t")) != 1):
        raise ConversionError(f'"delimiter" {delimiter!r} is not one character', path=path,
                              hint='Write "delimiter": "," or ";" or "\\t", or leave it out to have it sniffed.')
    return Mapping(path, columns, separator, date_format, delimiter.replace("\\t", "\t") if delimiter else None)


def sniff_delimiter(text: str, path: Path) -> str:
    """The delimiter of a table: tabs for ``.tsv``, else what :class:`csv.Sniffer` finds in the first lines
    (``,`` when it cannot tell)."""
    if path.suffix.lower() in (".tsv", ".tab"):
        return "\t"
    sample = "\n".join(text.splitlines()[:20])
    try:
        found = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        found = None
    header = text.split("\n", 1)[0]
    if found and found in header:
        return found
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _header(text: str, delimiter: str) -> list[str]:
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        if any(cell.strip() for cell in row):
            return [cell.strip().lstrip("\ufeff") for cell in row]
    return []


def columns_for(header: list[str], mapping: Mapping | None, path: Path) -> dict[str, list[int]]:
    """Which header positions feed which field; raises when a mapped column is missing or none gives the title."""
    out: dict[str, list[int]] = {}
    if mapping is not None:
        positions = {name: i for i, name in reversed(list(enumerate(header)))}
        missing = [c for c in mapping.columns if c not in positions]
        if missing:
            raise ConversionError(
                f"{mapping.name} names columns this table does not have: {', '.join(repr(c) for c in missing)}",
                path=path, line=1,
                hint=f"The table's columns are: {', '.join(repr(h) for h in header)}. Fix the names in "
                     f"{mapping.name}, or give this table its own mapping file {path.stem}.mapping.json.")
        for column, target in mapping.columns.items():
            if target:
                out.setdefault(target, []).append(positions[column])
    else:
        for i, name in enumerate(header):
            target = _FIELD_BY_FOLDED.get(_fold(name))
            if target:
                out.setdefault(target, []).append(i)
    if "title" not in out:
        where = f"{mapping.name} maps no column to" if mapping else "no column is named"
        raise ConversionError(
            f"{where} title, so no row can become a document", path=path, line=1,
            hint=f"The table's columns are: {', '.join(repr(h) for h in header)}. Name the title column "
                 f"'Title', or write a mapping file {path.stem}.mapping.json such as "
                 '{"columns": {"Document title": "title", "Date": "date"}}.')
    return out


class TableConverter:
    """CSV or TSV tables, one document per row, columns named by a mapping file."""

    name = "csv"

    def sniff(self, data: bytes, path: Path) -> bool:
        if is_mapping_file(path):
            return True  # the table's configuration: converted into nothing
        suffix = path.suffix.lower()
        if suffix not in (".csv", ".tsv", ".tab", ".txt", ""):
            return False
        text = data[:65536].decode("utf-8", "replace").lstrip("\ufeff")
        if suffix in (".csv", ".tsv", ".tab") and mapping_path(path) is not None:
            return True
        first = text.split("\n", 1)[0].casefold()
        if "title" not in first or ("," not in first and "\t" not in first and ";" not in first):
            return False  # cheap: without a mapping, the header row must name a title column
        delimiter = sniff_delimiter(text, path)
        header = _header(text, delimiter)
        if not any(_FIELD_BY_FOLDED.get(_fold(h)) == "title" for h in header):
            return False  # a table that is not a list of documents (such as an index of files)
        if suffix in (".csv", ".tsv", ".tab"):
            return True
        if len(header) < 2:
            return False
        # other files must look like a table all through their first lines
        lines = [ln for ln in text.splitlines()[:10] if ln.strip()]
        return len(lines) >= 2 and all(len(next(csv.reader([ln], delimiter=delimiter))) == len(header)
                                       for ln in lines[1:])

    def convert(self, data: bytes, path: Path, rel_path: str) -> list[Document]:
        if is_mapping_file(path):
            return Records()
        text = decode_text(data, path, hint="Save the spreadsheet as CSV UTF-8 and convert it again.")
        where = mapping_path(path)
        mapping = load_mapping(where) if where else None
        delimiter = (mapping.delimiter if mapping and mapping.delimiter else None) or sniff_delimiter(text, path)
        return read_table(text, path, rel_path, hashlib.sha256(data).hexdigest(), delimiter, mapping)


def read_table(text: str, path: Path, rel_path: str, sha256: str, delimiter: str,
               mapping: Mapping | None) -> Records:
    """Convert every row; bad rows go to ``errors`` with their line."""
    out = Records()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    columns: dict[str, list[int]] = {}
    last_line = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            out.errors.append(ConversionError(f"the table cannot be read past here ({exc})", path=path,
                                              line=reader.line_num,
                                              hint="Check the quotes on this line; the rows before it were converted."))
            break
        first, last_line = last_line + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip().lstrip("\ufeff") for cell in row]
            columns = columns_for(header, mapping, path)
            continue
        try:
            doc = _row(row, first, last_line, header, columns, mapping, path, rel_path, sha256, out)
        except Exception as exc:  # a bug on one row must not lose the others
            out.errors.append(record_bug(exc, path, first, None))
            continue
        if doc is not None:
            out.append(doc)
    if header is None:
        raise ConversionError("the table is empty", path=path,
                              hint="The first row must name the columns (Title, Date, Source …).")
    return out


def _row(row: list[str], first: int, last: int, header: list[str], columns: dict[str, list[int]],
         mapping: Mapping | None, path: Path, rel_path: str, sha256: str, out: Records) -> Document | None:
    if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
        out.errors.append(ConversionError(
            f"the row has {len(row)} cells but the header has {len(header)}", path=path, line=first,
            hint="A cell probably holds the delimiter without quotes: put that cell in double quotes."))
        return None
    separator = mapping.separator if mapping else ";"
    date_format = mapping.date_format if mapping else None
    mapping_name = mapping.name if mapping else f"a mapping file {path.stem}.mapping.json"

    def cells(name: str) -> list[tuple[int, str]]:
        return [(i, row[i].strip()) for i in columns.get(name, []) if i < len(row) and row[i].strip()]

    def one(name: str) -> tuple[int, str] | None:
        found = cells(name)
        return found[0] if found else None

    record = one("record_id")
    label = record[1] if record else None
    problems: list[ConversionError] = []

    def problem(message: str, column: int | None, hint: str) -> None:
        problems.append(ConversionError(message, path=path, line=first, record=label,
                                        column=column + 1 if column is not None else None, hint=hint))

    title = one("title")
    if title is None:
        col = columns["title"][0]
        problem(f'the row has no title (column "{header[col]}")', col,
                "Fill in the title, or delete the row if it is not a document.")
    warnings: list[str] = []

    def date_of(name: str) -> Any:
        cell = one(name)
        if cell is None:
            return None
        try:
            return read_date(cell[1], date_format, where=mapping_name)
        except DateProblem as exc:
            problem(f'{exc.message} (column "{header[cell[0]]}")', cell[0], exc.hint)
            return None

    date, uploaded = date_of("date"), date_of("uploaded")
    record_id = None
    if record:
        rid = record[1]
        if re.fullmatch(r"\d+", rid):
            record_id = rid
        elif found := record_id_from_url(rid):
            record_id = found
        else:
            problem(f'Record ID "{rid}" is not a DA Record ID (column "{header[record[0]]}")', record[0],
                    "DA Record IDs are whole numbers (the 110404 in digitalarchive.wilsoncenter.org/document/110404); "
                    "map a column of other identifiers to null, or leave the cell empty.")
    url = None
    if cell := one("url"):
        if is_web_address(cell[1]):
            url = cell[1]
            from_url = record_id_from_url(url)
            if from_url and record_id and from_url != record_id:
                warnings.append(f'URL {url} names record {from_url}, not the Record ID {record_id}; '
                                "the Record ID was used")
            record_id = record_id or from_url
        else:
            warnings.append(f'URL "{cell[1]}" (column "{header[cell[0]]}") is not a web address; kept out of the data')
    if problems:
        out.errors.extend(problems)
        return None
    assert title is not None

    def names(name: str) -> list[Name]:
        return [Name(n) for _, value in cells(name) for n in split_cell_names(value, separator)]

    def values(name: str) -> list[str]:
        return [v for _, value in cells(name) for v in (clean(p) for p in value.split(separator)) if v]

    def text(name: str, oneline: bool = True) -> str | None:
        cell = one(name)
        return clean(cell[1], oneline=oneline) if cell else None

    fields = RecordFields(
        title=clean(title[1]) or title[1], date=date, subtitle=text("subtitle"), summary=text("summary", False),
        source=text("source"), record_id=record_id, url=url, rights=text("rights"), uploaded=uploaded,
        doctypes=values("doctype"), notes=values("notes"), repositories=values("repositories"),
        authors=names("authors"), recipients=names("recipients"), translators=names("translators"),
        editors=names("editors"), contributors=names("contributors"), donors=names("donors"),
        funders=names("funders"), warnings=warnings)
    prefix = f"line {first}" + (f" (record {label})" if label else "") + ": "
    return build_document(fields, Source(rel_path, sha256, first, last), where=prefix)
