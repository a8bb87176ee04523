"""DA page text → :class:`~rdfkit.model.Document`: the document, its translation, the meeting it
records with its participants and their roles, attributions, references and the archival citation.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..citations import parse_source, split_names
from ..errors import ConversionError
from ..graph import slug
from ..model import Agent, DateValue, Document, Event, Reference, Role, Source, Translation
from ..sources.da_page import DaPage, Para, looks_like_da_page, read_da_bytes
from .text import (
    POSITION_WORDS, POLITIES, family_name, is_organization, looks_like_name, make_agent, parse_date,
    parse_time, position_head, split_position, unbracket,
)

# Document types read from titles, most specific first: (pattern, doctype key).
DOCTYPE_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"\bmemorandum of (?:a |the )?conversation", "memorandum-of-conversation"),
    (r"\brecord of (?:a |the )?(?:conversation|meeting|talks?)", "record-of-conversation"),
    (r"^minutes\b", "minutes"),
    (r"^(?:ciphered |coded |urgent )*telegram", "telegram"),
    (r"^cable\b", "cable"),
    (r"^letter\b", "letter"),
    (r"^notes\b", "notes"),
    (r"^note\b", "note"),
    (r"^(?:\w+ )?report\b", "report"),
    (r"^reply\b", "reply"),
    (r"^memorandum\b", "memorandum"),
    (r"^(?:\w+ )?message\b", "message"),
    (r"\bstatement\b", "statement"),
    (r"^speech\b", "speech"),
    (r"^resolution\b", "resolution"),
    (r"^(?:\w+ )?instructions?\b", "instruction"),
    (r"^(?:from the )?(?:diary|journal)\b", "diary"),
    (r"^transcript\b", "transcript"),
    (r"^protocol\b", "protocol"),
    (r"^decree\b", "decree"),
)
DOCTYPE_NAMES = {key.replace("-", " "): key for _, key in DOCTYPE_PATTERNS}

_HEADER = re.compile(
    r"^(?P<key>Date|Time|Venue|Place|Location|Attendees|Participants|Present|Also present|Interpreters?|"
    r"Minutes Prepared(?: by)?|Recorded by|Notes? taken by|Note-?taker|Author\(s\)|Authors?)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_SPEAKER = re.compile(r"^(?P<label>[^:()]{1,80}?)(?:\s*\(hereafter (?P<short>[^)]{1,40})\))?\s*:\s+(?P<rest>\S.*)$")
_EVENT_TITLE = re.compile(
    r"^(?:minutes|record|memorandum|notes?|transcript|summary|report)s?\s+(?:of|on|from)\s+(?:a\s+|the\s+)?"
    r"(?P<kind>meeting|conversation|talks?|discussion|reception)s?\s+(?:between|with)\s+(?P<parties>.+?)"
    r"(?:\s+on\s+\d.*|\s+in\s+[A-Z]\w+.*)?$",
    re.IGNORECASE,
)
_REPLY = re.compile(r"^Reply to (?P<what>.+?)(?:\s*\((?:Draft|draft)\))?$")
_REFERENCED = re.compile(
    r"^(?:the\s+)?(?P<author>.+?\s)??(?P<type>Memorandum|Oral Supplementary Statement|Oral Statement|Statement|"
    r"Letter|Note|Telegram|Cable|Proposal|Message|Report|Declaration)s?\s+(?:of|dated)\s+(?P<date>.+)$"
)
_APPROVE = re.compile(r"^Request (?P<who>.+?) (?:to )?read and approve\b", re.IGNORECASE)
_DOC_NUMBER = re.compile(r"^Document No\.?\s*(?P<no>[\w/-]+)$", re.IGNORECASE)
_EDITORIAL = re.compile(r"\[(?P<note>(?:Translator's|Editor's) note[^\]]*)\]", re.IGNORECASE)
_MENTION = re.compile(
    rf"\b(?P<pos>(?:(?:Comrade|Cde\.?)\s+)?(?:{'|'.join(re.escape(w) for w in POSITION_WORDS if w[0].isupper())})"
    rf"(?:\s+(?:Comrade|Cde\.?))?)\s+"
    r"(?P<name>(?:\[[A-Z][\w'’-]*\]|[A-Z][\w'’-]+)(?:\s+(?:\[[A-Z][\w'’-]*\]|[A-Z][\w'’-]+)){0,2})"
)


class DocumentAgents:
    """The agents of one document: a name met twice (``Chervonenko`` after ``Ambassador Chervonenko``)
    gives the same :class:`Agent`."""

    def __init__(self) -> None:
        self.agents: list[Agent] = []

    def get(self, written: str, *, position: str | None = None, kind: str | None = None,
            create: bool = True) -> Agent | None:
        name = unbracket(written)
        folded = name.casefold()
        agent = next((a for a in self.agents if a.name.casefold() == folded), None) or next(
            (a for a in self.agents if folded in (unbracket(w).casefold() for w in a.written)), None)
        if agent is None:
            agent = self._by_short_name(name, position)
        if agent is None:
            if not create:
                return None
            agent = make_agent(written, position=position, kind=kind)
            self.agents.append(agent)
            return agent
        agent.add_form(written.strip())
        if position and not agent.position:
            agent.position = position
        return agent

    def _by_short_name(self, name: str, position: str | None) -> Agent | None:
        """A one-word name (``Zhang``) names the agent whose family name it is, preferring the same position."""
        if len(name.split()) != 1:
            # A full name absorbs an earlier surname-only agent ("Chervonenko", then "[Stepan] Chervonenko").
            short = [a for a in self.agents if len(a.name.split()) == 1
                     and a.name.casefold() == family_name(name).casefold()]
            if len(short) == 1:
                short[0].name = name
                return short[0]
            return None
        cands = [a for a in self.agents if a.kind == "person" and len(a.name.split()) > 1
                 and family_name(a.name).casefold() == name.casefold()]
        head = position_head(position)
        if len(cands) > 1 and head:
            cands = [a for a in cands if position_head(a.position) == head]
        return cands[0] if len(cands) == 1 else None


class DaPageConverter:
    """Digital Archive document pages saved as text (the current site's layout)."""

    name = "da-page"

    def sniff(self, data: bytes, path: Path) -> bool:
        if path.suffix.lower() not in (".txt", ".text", ""):
            return False
        return looks_like_da_page(data[:20000].decode("utf-8", "replace"))

    def convert(self, data: bytes, path: Path, rel_path: str) -> list[Document]:
        return [page_to_document(read_da_bytes(data, path), rel_path)]


def page_to_document(page: DaPage, rel_path: str) -> Document:
    """Read everything the page says into a :class:`Document`."""
    record_id = (page.field("Record ID") or "").strip() or None
    if record_id and not re.fullmatch(r"\d+", record_id):
        raise ConversionError(f"Record ID {record_id!r} is not a number", path=page.path,
                              line=page.info["Record ID"][0].line, hint="DA Record IDs are whole numbers.")
    date = parse_date(page.date.text) if page.date else None
    title = page.title.text
    key = f"da-{record_id}" if record_id else "sha-" + hashlib.sha256(
        f"{slug(title)}|{date.iso if date else ''}".encode()).hexdigest()[:12]
    doc = Document(key=key, title=title, date=date,
                   source=Source(rel_path, page.sha256, page.title.line, page.last_line))
    if page.date and not date:
        doc.warnings.append(f"line {page.date.line}: date {page.date.text!r} not understood; kept out of the data")
    doc.summary = page.summary.text if page.summary else None
    doc.rights = page.field("Rights")
    agents = DocumentAgents()
    _doctypes(doc, page)
    _citation_and_translation(doc, page, agents, record_id)
    body = _front_matter(doc, page, agents)
    _title_event(doc, agents)
    _header_and_speakers(doc, body, agents)
    _reply(doc, agents)
    _mentions(doc, body, agents)
    if not page.complete:
        doc.warnings.append("the page is cut short: no Document Information block (no citation, record ID or rights)")
    return doc


def _doctypes(doc: Document, page: DaPage) -> None:
    declared = (page.field("Type") or "").strip().casefold()
    if declared in DOCTYPE_NAMES:
        doc.doctypes.append(DOCTYPE_NAMES[declared])
    title = doc.title.casefold()
    for pattern, key in DOCTYPE_PATTERNS:
        if re.search(pattern, title) and key not in doc.doctypes:
            doc.doctypes.append(key)
            break
    if re.search(r"\(draft\)\s*$", title):
        doc.states.append("draft")


def _citation_and_translation(doc: Document, page: DaPage, agents: DocumentAgents, record_id: str | None) -> None:
    tr = Translation(record_id=record_id, url=page.url)
    uploaded = page.field("Original Uploaded Date")
    if uploaded:
        tr.issued = parse_date(uploaded)
        if tr.issued is None:
            doc.warnings.append(f"Original Uploaded Date {uploaded!r} not understood")
    source = page.field("Source")
    if source:
        parsed = parse_source(source)
        doc.citations, doc.published_in = parsed.citations, parsed.published_in
        for credit in parsed.credits:
            _add_role(tr.attributions, agents.get(credit.name), credit.role)
        for citation in parsed.citations:
            if citation.unparsed:
                doc.warnings.append(f"line {page.info['Source'][0].line}: citation part {citation.unparsed!r} "
                                    "not understood; kept verbatim")
    for para in page.funders:
        for name in split_names(para.text):
            _add_role(tr.attributions, agents.get(name, kind="organization"), "funder")
    donors = page.field("Donors") or page.field("Donor")
    if donors:
        for name in split_names(donors):
            _add_role(tr.attributions, agents.get(name, kind="organization"), "donor")
    doc.translation = tr


def _add_role(roles: list[Role], agent: Agent | None, role: str, *, position: str | None = None,
              date: DateValue | None = None, written: str | None = None) -> Role | None:
    if agent is None:
        return None
    for r in roles:
        if r.agent is agent:
            break
    else:
        r = Role(agent=agent, roles=[])
        roles.append(r)
    r.add_role(role)
    r.position = r.position or position or agent.position
    r.date = r.date or date
    if written and written not in r.written:
        r.written.append(written)
    return r


def _same_title(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"\bthe\b|[^\w]", "", unbracket(s).casefold())  # noqa: E731
    return norm(a) == norm(b)


def _front_matter(doc: Document, page: DaPage, agents: DocumentAgents) -> list[Para]:
    """Letterhead, approval requests, signature blocks, the repeated title, subtitle and notes.

    Returns the body paragraphs left for the header and speaker passes.
    """
    body: list[Para] = []
    paras = page.body
    year = int(doc.date.iso[:4]) if doc.date else None
    i = 0
    while i < len(paras):
        p, text = paras[i], paras[i].text
        nxt = paras[i + 1].text if i + 1 < len(paras) else ""
        for m in _EDITORIAL.finditer(text):
            doc.translation.notes.append(m["note"].strip())  # type: ignore[union-attr]
        if _same_title(text, doc.title):
            pass
        elif re.fullmatch(r"[—–-]{1,2}\s*.+?\s*[—–-]{1,2}", text) and not doc.subtitle:
            doc.subtitle = text.strip("—–- ").strip()
        elif re.fullmatch(r"\(.+\)", text):
            doc.notes.append(text)
        elif m2 := _APPROVE.match(text):
            position, name = split_position(m2["who"])
            _add_role(doc.attributions, agents.get(name, position=position), "approver",
                      position=position, written=m2["who"])
            body.append(p)
        elif m3 := _DOC_NUMBER.match(text):
            doc.document_number = m3["no"]
        elif looks_like_name(text) and not is_organization(text) and (when := parse_date(nxt, year=year)) \
                and len(nxt) <= 20:
            _add_role(doc.attributions, agents.get(text), "author", date=when, written=text)
            _add_role(doc.attributions, agents.get(text), "signatory", date=when, written=text)
            i += 1
        elif is_organization(text) and len(text) < 80 and not text.endswith(".") and i < 6 and "," not in text:
            name = text
            if nxt in POLITIES:
                name = f"{text} of the {nxt}" if " " in nxt else f"{text} of {nxt}"
                i += 1
            _add_role(doc.attributions, agents.get(name, kind="organization"), "issuing-body", written=name)
        else:
            body.append(p)
        i += 1
    return body


def _split_parties(parties: str) -> list[tuple[str | None, str]]:
    """``Vice Minister Zhang Hanfu and the Ambassador … Chervonenko`` → [(position, name), …]."""
    pieces = parties.split(" and ")
    for cut in range(1, len(pieces)):
        left, right = " and ".join(pieces[:cut]), " and ".join(pieces[cut:])
        out = [split_position(left), split_position(right)]
        if all(_is_person_name(name) for _, name in out):
            return out
    pos, name = split_position(parties)
    return [(pos, name)] if _is_person_name(name) else []


def _is_person_name(name: str) -> bool:
    return looks_like_name(name) and not is_organization(name) and unbracket(name) not in POLITIES


def _title_event(doc: Document, agents: DocumentAgents) -> None:
    m = _EVENT_TITLE.match(doc.title)
    if not m:
        return
    label = doc.title[m.start("kind"):]
    label = label[0].upper() + label[1:]
    event = Event(label=label)
    for position, name in _split_parties(m["parties"]):
        written = f"{position} {name}" if position else name
        _add_role(event.participants, agents.get(name, position=position), "participant",
                  position=position, written=written)
    doc.events.append(event)


def _people_list(value: str) -> list[tuple[str | None, str]]:
    """``Yu Man, Deputy Director of …; Wang X`` → [(position, name), …]."""
    out = []
    for part in re.split(r";\s*", value):
        bits = [b.strip() for b in part.split(",", 1)]
        if len(bits) == 2 and not looks_like_name(bits[1]):
            out.append((bits[1] or None, bits[0]))
        else:
            for name in split_names(part):
                position, bare = split_position(name)
                out.append((position, bare))
    return [(p, n) for p, n in out if n]


_HEADER_ROLES = {"attendees": "attendee", "participants": "attendee", "present": "attendee",
                 "also present": "attendee", "interpreter": "interpreter", "interpreters": "interpreter",
                 "minutes prepared": "note-taker", "minutes prepared by": "note-taker", "recorded by": "note-taker",
                 "notes taken by": "note-taker", "note taken by": "note-taker", "notetaker": "note-taker",
                 "note-taker": "note-taker"}


def _header_and_speakers(doc: Document, body: list[Para], agents: DocumentAgents) -> None:
    fields: dict[str, str] = {}
    for p in body:
        if m := _HEADER.match(p.text):
            fields.setdefault(m["key"].casefold(), m["value"].strip())
    has_meeting_header = any(k in fields for k in ("venue", "place", "location", "attendees", "participants",
                                                     "present", "interpreter", "minutes prepared", "recorded by"))
    if not doc.events and has_meeting_header:
        doc.events.append(Event(label=f"Meeting recorded in “{doc.title}”"))
    if not doc.events:
        for key in ("author(s)", "authors", "author"):
            for position, name in _people_list(fields.get(key, "")):
                _add_role(doc.attributions, agents.get(name, position=position), "author", position=position)
        return
    event = doc.events[0]
    if when := fields.get("date"):
        event.date = parse_date(when)
        clock = parse_time(fields.get("time", "") or when)
        if event.date and clock and event.date.datatype == "date":
            event.start = f"{event.date.iso}T{clock}"
    event.place = fields.get("venue") or fields.get("place") or fields.get("location") or None
    for key, role in _HEADER_ROLES.items():
        for position, name in _people_list(fields.get(key, "")):
            _add_role(event.participants, agents.get(name, position=position), role, position=position,
                      written=name)
    for p in body:
        if _HEADER.match(p.text) or not (m := _SPEAKER.match(p.text)):
            continue
        label = m["label"].strip()
        position, name = split_position(label)
        if not looks_like_name(name) or is_organization(name) or name in POLITIES:
            continue
        agent = agents.get(name, position=position)
        assert agent is not None  # get() creates unless create=False
        written = label + (f" (hereafter {m['short']})" if m["short"] else "")
        _add_role(event.participants, agent, "speaker", written=written)
        if m["short"]:
            agent.add_form(m["short"])  # "(hereafter Zhang)": later turns by "Zhang" are this agent


def _reply(doc: Document, agents: DocumentAgents) -> None:
    title = re.sub(r"\s*\((?:Draft|draft)\)\s*$", "", doc.title)
    m = _REPLY.match(title)
    if not m:
        return
    year = int(doc.date.iso[:4]) if doc.date else None
    month = int(doc.date.iso[5:7]) if doc.date and len(doc.date.iso) >= 7 else None
    for part in re.split(r"\s+and\s+(?=the\s)", m["what"]):
        r = _REFERENCED.match(part.strip())
        if not r:
            continue
        when = parse_date(r["date"], year=year)
        if when and month and len(when.iso) == 10 and int(when.iso[5:7]) > month and "," not in r["date"] \
                and not re.search(r"\d{4}", r["date"]):
            when = parse_date(r["date"], year=year - 1)  # type: ignore[operator]
        kind = r["type"].split()[-1].casefold()
        ref = Reference(title=re.sub(r"^the\s+", "", part.strip()), date=when,
                        doctype=DOCTYPE_NAMES.get(kind))
        if r["author"]:
            author = r["author"].strip()
            ref.author = agents.get(author, kind="organization" if is_organization(author) else None)
            _add_role(doc.attributions, ref.author, "recipient", written=author)
        doc.references.append(ref)


def _mentions(doc: Document, body: list[Para], agents: DocumentAgents) -> None:
    """People named with a position in running text (``Comrade Ambassador [Stepan] Chervonenko``)."""
    named = {id(r.agent) for r in doc.attributions} | {id(r.agent) for e in doc.events for r in e.participants}
    for p in body:
        if _SPEAKER.match(p.text) and not _HEADER.match(p.text):
            text = _SPEAKER.match(p.text)["rest"]  # type: ignore[index]
        else:
            text = p.text
        for m in _MENTION.finditer(text):
            name = m["name"]
            if "[" not in name and len(name.split()) < 2:
                continue
            if is_organization(name) or unbracket(name) in POLITIES:
                continue
            position, _ = split_position(m["pos"] + " X")
            agent = agents.get(name, position=position)
            if agent and id(agent) not in named and agent not in doc.mentions:
                doc.mentions.append(agent)
