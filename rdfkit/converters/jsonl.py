"""JSON Lines of DA records → :class:`~rdfkit.model.Document`: one JSON object per line.

Two record shapes are read. The shape of ``shared/corpus/da_api_records.jsonl``:

======================================  ===========================================================
field                                   rdfkit
======================================  ===========================================================
``da_id``                               DA Record ID (the document IRI); else from ``url``
``title`` (``title_complete``)          title; a title known only in part is kept as it is, with a
                                        warning and a note (``skos:note``) saying so (the same for
                                        ``description_complete`` and ``source_complete``); a record
                                        with no title gets the devised title
                                        ``[Untitled DA record 123]`` (or ``[Untitled]``), a note
                                        saying so and a warning
``date`` (``date_display``)             date, as precise as given
``description``                         summary
``source_citation``                     citations and credits (:func:`rdfkit.citations.parse_source`)
``repositories``                        a citation naming the archive, unless ``source_citation``
                                        already cites it (entries ``from: "citation"`` are skipped)
``creators``                            authors (``{name}`` or ``{family, given}``, ``kind``)
``translators``, ``obtained_by``        translators and contributors of the translation
``donors``                              donors of the translation
``rights``, ``document_type``           rights, document type
``original_uploaded_date``, ``url``     the translation's issue date and address
``languages``, ``subjects``,            not used: the model has no field for them
``coverage``, ``collections``,
``related_records``, ``assets``,
``notes``, ``provenance``
======================================  ===========================================================

and the DA API's own record (``id``, ``title``, ``doc_date`` as ``YYYYMMDD`` with ``00`` for an unknown
month or day, ``description``, ``source``, ``type: {name}``, ``rights``, ``creators``/``contributors``,
``donors``, ``repositories``, ``uri``), recognised by ``doc_date``, ``uri`` or ``model: "Record"``.

Records whose ``record_type`` is not ``document`` (collections, subjects …) are skipped and reported as
such. A line that is not JSON, or a record that cannot be converted, is reported with its line and the
other lines are converted.
"""

from __future__ import annotations

import hashlib
from functools import partial
import json
import re
from pathlib import Path
from typing import Any

from ..errors import ConversionError
from ..model import DateValue, Document, Source
from .records import (
    DateProblem, Name, RecordFields, RecordProblem, Records, SkippedRecord, add_record, clean, decode_text,
    is_web_address, person_name, read_date, record_id_from_url, split_cell_names,
)

#: Keys that mark a line as a DA record (either shape).
RECORD_KEYS = ("record_type", "da_id", "doc_date", "source_citation")


def _fields_of(record: dict, line: str) -> RecordFields:
    """The fields of one record, in the DA API's shape or the corpus's."""
    return api_fields(record) if is_api_record(record) else corpus_fields(record, line)


class JsonLinesConverter:
    """JSON Lines of Digital Archive records (one JSON object per line)."""

    name = "jsonl"

    def sniff(self, data: bytes, path: Path) -> bool:
        suffix = path.suffix.lower()
        if suffix in (".jsonl", ".ndjson"):
            return True
        if suffix not in (".json", ".txt", ""):
            return False
        for line in data[:65536].decode("utf-8", "replace").lstrip("\ufeff").splitlines():
            if line.strip():
                try:
                    first = json.loads(line)
                except ValueError:
                    return False
                return isinstance(first, dict) and (any(k in first for k in RECORD_KEYS)
                                                    or first.get("model") == "Record")
        return False

    def convert(self, data: bytes, path: Path, rel_path: str) -> list[Document]:
        text = decode_text(data, path, hint="Save the file as UTF-8 and convert it again.")
        sha = hashlib.sha256(data).hexdigest()
        out = Records()
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                out.errors.append(ConversionError(
                    f"the line is not JSON ({exc.msg})", path=path, line=n, column=exc.colno,
                    hint="Each line must hold one whole JSON object; fix this line or delete it. "
                         "The other lines were converted."))
                continue
            if not isinstance(record, dict):
                out.errors.append(ConversionError(
                    f"the line holds a JSON {type(record).__name__}, not an object", path=path, line=n,
                    hint="Each line must hold one JSON object such as {\"da_id\": \"110404\", \"title\": …}."))
                continue
            label = _label(record)
            kind = record.get("record_type")
            if kind is not None and kind != "document":
                out.skipped.append(SkippedRecord(str(path), n, label, f"a {kind} record, not a document; left out"))
                continue
            where = f"line {n}" + (f" (record {label})" if label else "") + ": "
            add_record(out, partial(_fields_of, record, line), Source(rel_path, sha, n, n),
                       path=path, line=n, record=label, where=where)
        return out




def _label(record: dict[str, Any]) -> str | None:
    for key in ("da_id", "id"):
        value = record.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return clean(str(value))
    return None


def is_api_record(record: dict[str, Any]) -> bool:
    """True for the DA API's own record shape (``/srv/record/{id}.json``)."""
    return "da_id" not in record and ("doc_date" in record or record.get("model") == "Record" or "uri" in record)


# --- shared field readers ---------------------------------------------------------------------------


def _date(value: Any, field: str) -> DateValue | None:
    text = clean(value)
    if not text:
        return None
    try:
        return read_date(text)
    except DateProblem as exc:
        raise RecordProblem(f'{exc.message} (field "{field}")', exc.hint.replace("the field", f'"{field}"')) from None


def _names(value: Any, default_kind: str | None = None) -> list[Name]:
    """``["A", "B"]``, ``"A, B and C"``, ``[{name}]``, ``[{family, given}]`` (with ``kind``) → names."""
    if value in (None, "", []):
        return []
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, str):
            out += [Name(n, default_kind) for n in split_cell_names(item, None)]
        elif isinstance(item, dict):
            name = person_name(item.get("family"), item.get("given"), item.get("name") or item.get("literal")
                               or item.get("value"))
            kind = item.get("kind")
            if name:
                out.append(Name(name, kind if kind in ("person", "organization") else default_kind))
    return out


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value in (None, "") else [value]


def _named(value: Any) -> Any:
    """The name of a DA entity given as ``{id, name}`` or as a plain string."""
    return value.get("name") if isinstance(value, dict) else value


def _rights(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("rights") or value.get("name")
    return clean(value, oneline=False)


def _doctypes(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        if isinstance(item, str) and item.strip():
            out.append(item.strip())
    return out


def _record_id(value: Any, url: str | None) -> str | None:
    rid = clean(value)
    if rid is None:
        return record_id_from_url(url)
    if not re.fullmatch(r"\d+", rid):
        raise RecordProblem(f'Record ID "{rid}" is not a number',
                             "DA Record IDs are whole numbers (the 110404 in …/document/110404).")
    return rid


def _url(value: Any, warnings: list[str]) -> str | None:
    url = clean(value)
    if url and not is_web_address(url):
        warnings.append(f"url {url!r} is not a web address; kept out of the data")
        return None
    return url


def _untitled(fields: RecordFields, record: dict[str, Any], line: str) -> None:
    """Give a record without a title a devised one, bracketed as cataloguers do, and say so."""
    if not (fields.record_id or fields.source or fields.repositories or fields.summary or fields.url):
        raise RecordProblem("the record has no title and nothing else that identifies a document",
                             'Add at least "title" or "da_id" to the record, or delete the line.')
    fields.title = f"[Untitled DA record {fields.record_id}]" if fields.record_id else "[Untitled]"
    fields.notes.append("Title devised by rdfkit: the source record gives none.")
    fields.warnings.append(f"title: the record has none; {fields.title!r} was written in its place")
    if not fields.record_id:  # nothing in the title keys it: key it by the record itself
        canonical = json.dumps(record, sort_keys=True, separators=(",", ":"))  # ASCII: lone surrogates too
        fields.key = "sha-" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


# --- the two shapes ---------------------------------------------------------------------------------


def corpus_fields(record: dict[str, Any], line: str = "") -> RecordFields:
    """A record in the shape of ``da_api_records.jsonl``."""
    warnings: list[str] = []
    url = _url(record.get("url"), warnings)
    date = _date(record.get("date"), "date")
    if date is None and record.get("date_display"):
        date = _date(record.get("date_display"), "date_display")
    citation_repos = record.get("source_citation") and any(
        isinstance(r, dict) and r.get("from") == "citation" for r in _list(record.get("repositories")))
    repositories = [] if citation_repos else [
        n for r in _list(record.get("repositories"))
        if not (isinstance(r, dict) and r.get("from") == "citation") and (n := clean(_named(r)))]
    fields = RecordFields(
        title=clean(record.get("title")) or "", date=date, summary=clean(record.get("description"), oneline=False),
        source=clean(record.get("source_citation")), repositories=repositories,
        record_id=_record_id(record.get("da_id"), url), url=url, rights=_rights(record.get("rights")),
        uploaded=_date(record.get("original_uploaded_date"), "original_uploaded_date"),
        doctypes=_doctypes(record.get("document_type")), authors=_names(record.get("creators")),
        translators=_names(record.get("translators")), contributors=_names(record.get("obtained_by")),
        donors=_names(record.get("donors"), "organization"), warnings=warnings)
    for flag, what, name in (("title_complete", "title", "title"), ("description_complete", "description", "summary"),
                             ("source_complete", "source_citation", "source citation")):
        if record.get(flag) is False and record.get(what):
            # kept as it is (a prefix is still the record's own text), and said in the data too
            fields.notes.append(f"Only the beginning of the {name} is known: the source record is incomplete.")
            warnings.append(f"{what}: only the beginning is known (the record says {flag}: false); "
                            "kept as it is")
    if not fields.title:
        _untitled(fields, record, line)
    return fields


def api_fields(record: dict[str, Any]) -> RecordFields:
    """A record as the DA API served it (``id``, ``doc_date``, ``source``, ``type``…)."""
    warnings: list[str] = []
    url = _url(record.get("url"), warnings)
    fields = RecordFields(
        title=clean(record.get("title")) or "", date=_doc_date(record.get("doc_date")),
        summary=clean(record.get("description"), oneline=False), source=clean(record.get("source")),
        repositories=[n for r in _list(record.get("repositories")) if (n := clean(_named(r)))],
        record_id=_record_id(record.get("id"), url), url=url, rights=_rights(record.get("rights")),
        doctypes=_doctypes(record.get("type")),
        authors=_names(record.get("creators")) + _names(record.get("contributors")),
        donors=_names(record.get("donors"), "organization"), warnings=warnings)
    if not fields.title:
        _untitled(fields, record, "")
    return fields


def _doc_date(value: Any) -> DateValue | None:
    """``19620608`` → 1962-06-08; ``19620600`` → 1962-06; ``19620000`` → 1962."""
    text = clean(value)
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if not m:
        return _date(text, "doc_date")
    iso = m[1] + (f"-{m[2]}" if m[2] != "00" else "") + (f"-{m[3]}" if m[2] != "00" and m[3] != "00" else "")
    return _date(iso, "doc_date")
