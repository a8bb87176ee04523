"""CSL-JSON, as Zotero exports it, → :class:`~rdfkit.model.Document`: one document per item.

A file holds a JSON array of items (also accepted: one item on its own, and Zotero's
``{"items": [...]}``, whose items may use Zotero's own field names). The mapping:

==========================================  ==============================================================
CSL-JSON                                    rdfkit
==========================================  ==============================================================
``title``                                   title
``issued`` (``date-parts``, ``raw``,        date, as precise as given (``[[1962, 6]]`` → ``1962-06``)
``literal``)
``abstract``                                summary
``author`` / ``recipient``                  author / recipient of the document
``translator`` / ``editor`` /               translator / editor / contributor of the DA translation
``contributor``
``archive_location`` (the DA Source line)   citations and credits (:func:`rdfkit.citations.parse_source`);
+ ``archive``                               ``archive`` goes in front when the location names no archive,
                                            unless it is the Digital Archive's own name
``URL``                                     the translation's address; ``/document/<digits>`` gives the
                                            DA Record ID (and the document IRI)
``genre``, ``type``                         document type, when they name one of rdfkit's
``note`` lines ``Record ID: …``             DA Record ID (as some Zotero exports carry it)
``language``, ``keyword``, ``tags``,        not used: the model has no field for them
``accessed``, ``source``, ``id``
==========================================  ==============================================================

An item without a title, or with a date that does not exist, is reported (item number, line, id) and
left out; the other items are converted.
"""

from __future__ import annotations

import hashlib
from functools import partial
import json
import re
from bisect import bisect_right
from pathlib import Path
from typing import Any

from ..errors import ConversionError
from ..model import DateValue, Document, Source
from .records import (
    DateProblem, Name, RecordFields, RecordProblem, Records, add_record, clean, decode_text, doctype_key,
    is_web_address, person_name, read_date, record_id_from_url,
)

#: CSL name variables and the role each gives.
NAME_ROLES = {"author": "authors", "recipient": "recipients", "translator": "translators", "editor": "editors",
              "contributor": "contributors"}
#: Zotero's own creator types (``{"items": [...]}`` exports) and the CSL variable each stands for.
ZOTERO_CREATORS = {"author": "author", "recipient": "recipient", "translator": "translator", "editor": "editor",
                   "seriesEditor": "editor", "contributor": "contributor", "interviewee": "author",
                   "sponsor": "contributor"}
#: Zotero field names and their CSL names.
ZOTERO_FIELDS = {"abstractNote": "abstract", "archiveLocation": "archive_location", "url": "URL", "date": "issued",
                 "itemType": "type", "extra": "note"}


def _fields_of(item: dict) -> RecordFields:
    """The fields of one CSL item, Zotero's own field names read as CSL ones."""
    return item_fields(_as_csl(item))


class CslJsonConverter:
    """CSL-JSON exported from Zotero (a JSON array of items)."""

    name = "csl-json"

    def sniff(self, data: bytes, path: Path) -> bool:
        if path.suffix.lower() not in (".json", ".csljson", "") or path.name.lower().endswith("mapping.json"):
            return False
        head = data[:4096].decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
        if head.startswith("["):
            return '"type"' in head or '"itemType"' in head or '"title"' in head
        if not head.startswith("{"):
            return False
        try:
            top = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            return False
        if isinstance(top, dict) and isinstance(top.get("items"), list):
            return True
        return isinstance(top, dict) and isinstance(top.get("type") or top.get("itemType"), str) and "title" in top

    def convert(self, data: bytes, path: Path, rel_path: str) -> list[Document]:
        text = decode_text(data, path, hint="Export the items again from Zotero (CSL JSON is always UTF-8).")
        sha = hashlib.sha256(data).hexdigest()
        items = read_items(text, path)
        out = Records()
        for n, (item, first, last) in enumerate(items, 1):
            label = f"item {n}"
            if not isinstance(item, dict):
                out.errors.append(ConversionError(
                    f"{label} is not a JSON object", path=path, line=first,
                    hint="Each CSL-JSON item is an object such as {\"type\": \"document\", \"title\": …}."))
                continue
            where = f"{label}" + (f" (line {first})" if first else "") + ": "
            add_record(out, partial(_fields_of, item), Source(rel_path, sha, first, last),
                       path=path, line=first, record=_record_label(item), where=where, prefix=f"{label}: ")
        return out




def read_items(text: str, path: Path) -> list[tuple[Any, int | None, int | None]]:
    """The items of a CSL-JSON file, each with its first and last line (None when not known)."""
    try:
        top = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConversionError(f"the file is not valid JSON ({exc.msg})", path=path, line=exc.lineno,
                              column=exc.colno,
                              hint="Fix the JSON at that place, or export the items again from Zotero "
                                   "(File → Export Library…, format CSL JSON).") from None
    if isinstance(top, dict) and isinstance(top.get("items"), list):
        items, span = top["items"], _locate_items(text, key="items")
    elif isinstance(top, list):
        items, span = top, _locate_items(text)
    elif isinstance(top, dict):
        return [(top, 1, text.count("\n") + 1)]
    else:
        raise ConversionError("the file holds no CSL-JSON items", path=path,
                              hint="A CSL-JSON file is an array of items: [{\"type\": …, \"title\": …}, …].")
    if len(span) != len(items):
        span = [(None, None)] * len(items)
    return [(item, first, last) for item, (first, last) in zip(items, span)]


def _locate_items(text: str, key: str | None = None) -> list[tuple[int | None, int | None]]:
    """First and last line of each element of the top-level array (or of the array under ``key``)."""
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    line = lambda offset: bisect_right(newlines, offset - 1) + 1  # noqa: E731
    dec = json.JSONDecoder()
    ws = re.compile(r"[\s,]*")
    i = ws.match(text, 0).end()  # type: ignore[union-attr]
    if key is not None:  # walk the top-level object to the array under ``key``
        i += 1
        while True:
            i = ws.match(text, i).end()  # type: ignore[union-attr]
            name, i = dec.raw_decode(text, i)
            i = re.compile(r"\s*:\s*").match(text, i).end()  # type: ignore[union-attr]
            if name == key:
                break
            _, i = dec.raw_decode(text, i)
    out: list[tuple[int | None, int | None]] = []
    i += 1  # past "["
    while True:
        i = ws.match(text, i).end()  # type: ignore[union-attr]
        if i >= len(text) or text[i] == "]":
            return out
        _, end = dec.raw_decode(text, i)
        out.append((line(i), line(end - 1)))
        i = end


def _record_label(item: dict[str, Any]) -> str | None:
    url = item.get("URL") or item.get("url")
    rid = record_id_from_url(url) if isinstance(url, str) else None
    if rid:
        return rid
    ident = item.get("id") or item.get("key")
    return str(ident) if ident not in (None, "") else None


def _as_csl(item: dict[str, Any]) -> dict[str, Any]:
    """Zotero's own item fields (``itemType``, ``creators``, ``archiveLocation``…) as CSL-JSON."""
    if "itemType" not in item and "creators" not in item:
        return item
    csl = {ZOTERO_FIELDS.get(k, k): v for k, v in item.items() if k != "creators"}
    if isinstance(csl.get("issued"), str):
        csl["issued"] = {"raw": csl["issued"]}
    for creator in item.get("creators") or []:
        if not isinstance(creator, dict):
            continue
        var = ZOTERO_CREATORS.get(str(creator.get("creatorType", "author")), "contributor")
        name = {"family": creator.get("lastName"), "given": creator.get("firstName")} if "lastName" in creator \
            else {"literal": creator.get("name")}
        csl.setdefault(var, []).append(name)
    return csl


def item_fields(item: dict[str, Any]) -> RecordFields:
    """Read one CSL item's fields; raises ``RecordProblem`` when the item cannot become a document."""
    title = clean(item.get("title"))
    if not title:
        raise RecordProblem("has no title", "Give the item a title (in Zotero: the Title field) and export it again.")
    warnings: list[str] = []
    date = _issued(item.get("issued"), warnings)
    url = clean(item.get("URL"))
    if url and not is_web_address(url):
        warnings.append(f"URL {url!r} is not a web address; kept out of the data")
        url = None
    record_id = record_id_from_url(url) or _record_id_in_note(item.get("note"))
    fields = RecordFields(title=title, date=date, summary=clean(item.get("abstract"), oneline=False), url=url,
                          record_id=record_id, source=clean(item.get("archive_location")),
                          archive=clean(item.get("archive")), rights=clean(item.get("rights")), warnings=warnings)
    genre = clean(item.get("genre"))
    if genre:  # free text naming the kind of document: one that is not ours gets a warning
        fields.doctypes.append(genre)
    kind = item.get("type")  # CSL's citation type ("document", "report"): used only when it names one of ours
    if isinstance(kind, str) and doctype_key(kind):
        fields.doctypes.append(kind)
    for var, attr in NAME_ROLES.items():
        names = item.get(var)
        if isinstance(names, (dict, str)):
            names = [names]
        for raw in names if isinstance(names, list) else []:
            name = _name(raw)
            if name:
                getattr(fields, attr).append(Name(name))
    return fields


def _name(raw: Any) -> str | None:
    if isinstance(raw, str):
        return clean(raw)
    if not isinstance(raw, dict):
        return None
    return person_name(raw.get("family"), raw.get("given"), raw.get("literal"),
                       particle=" ".join(filter(None, [raw.get("dropping-particle"), raw.get("non-dropping-particle")])),
                       suffix=raw.get("suffix"))


def _record_id_in_note(note: Any) -> str | None:
    if isinstance(note, str) and (m := re.search(r"^\s*Record ID:\s*(\d+)\s*$", note, re.MULTILINE | re.IGNORECASE)):
        return m[1]
    return None


def _issued(issued: Any, warnings: list[str]) -> DateValue | None:
    """The CSL date: ``date-parts`` (numbers or numeric strings), ``raw``, ``literal`` or a plain string."""
    if issued in (None, "", {}, []):
        return None
    if isinstance(issued, str):
        issued = {"raw": issued}
    if isinstance(issued, list):  # some tools write the date-parts array alone
        issued = {"date-parts": issued}
    if not isinstance(issued, dict):
        raise RecordProblem(f"issued {issued!r} is not a CSL date", _DATE_HINT)
    if issued.get("circa"):
        warnings.append("issued: the date is approximate (circa); kept as given")
    parts = issued.get("date-parts")
    if parts:
        if not isinstance(parts, list) or not parts or not isinstance(parts[0], list) or not parts[0]:
            raise RecordProblem(f"issued date-parts {parts!r} are not [[year, month, day]]", _DATE_HINT)
        if len(parts) > 1:
            warnings.append(f"issued: a date range {parts!r}; its start is the document's date")
        try:
            numbers = [int(str(p).strip()) for p in parts[0][:3]]
        except ValueError:
            raise RecordProblem(f"issued date-parts {parts[0]!r} are not numbers", _DATE_HINT) from None
        text = "-".join(f"{n:02d}" if k else f"{n:04d}" for k, n in enumerate(numbers))
        try:
            return read_date(text)
        except DateProblem as exc:
            raise RecordProblem(f"issued {exc.message}", _DATE_HINT) from None
    for key in ("raw", "literal"):
        value = clean(issued.get(key))
        if not value:
            continue
        try:
            return read_date(value)
        except DateProblem as exc:
            if key == "literal":  # a literal date is free text by definition: keep the item, without a date
                warnings.append(f"issued: literal date {value!r} not understood; kept out of the data")
                return None
            raise RecordProblem(f"issued {exc.message}", exc.hint) from None
    return None


_DATE_HINT = 'Write the date as "issued": {"date-parts": [[1962, 6, 8]]} (year, month, day; month and day optional).'
