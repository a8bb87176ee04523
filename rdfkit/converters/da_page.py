"""DA page text → :class:`~rdfkit.model.Document`: the document, its translation, the meeting it
records with its participants and their roles, attributions, references and the archival citation.

One converter reads every layout the DA has used (the current site, the site before 2023, the PDF
export) and its listing pages (one document per entry); :mod:`rdfkit.sources.da_page` detects which.
What the page shows is read as a person reading it would:

- the title names people and a direction (``Cable, Zhou Enlai to Mao Zedong``: author and recipient) or a
  meeting (``Memorandum of Conversation between X and Y``, ``Record of a Conversation with …``);
- header lines name the meeting's date, place, attendees, interpreter and note-taker, the document's
  addressees (``To …``, ``Copies: …``), its number and its writer (signature blocks, ``From the journal of …``);
- speaker turns (``Ambassador X (hereafter X): …``) name the speakers.

The document's ``dcterms:date`` is the date the DA shows; a meeting's date comes from the title, the body or
the header, and may differ.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..citations import parse_source, split_names
from ..errors import ConversionError
from ..graph import slug
from ..model import Agent, DateValue, Document, Event, Reference, Role, Source, Translation, add_role
from ..sources.da_page import DATE_TEXT, DaPage, Para, looks_like_da_page, read_da_records, record_id_from_url
from .text import (
    EAST_ASIAN_SURNAMES, HONORIFICS, POLITIES, POSITION_WORDS, Party, family_name, is_organization, is_upper_case,
    looks_like_name, make_agent, name_case, parse_date, parse_people, parse_time, position_head, read_piece,
    search_date, split_position, strip_footnotes, title_case, unbracket,
)

# Document types read from titles, most specific first: (pattern, doctype key), searched in the casefolded title.
DOCTYPE_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"\bmemorandum of (?:a |the )?conversation", "memorandum-of-conversation"),
    (r"\brecord of (?:a |the )?(?:(?:first|second|third|fourth|fifth|final|last|\w+st|\w+nd|\w+rd|\w+th) )?"
     r"(?:conversation|meeting|talks?)", "record-of-conversation"),
    (r"^minutes\b", "minutes"),
    (r"^(?:ciphered |coded |cipher |urgent |secret |top secret )*telegram", "telegram"),
    (r"^cable\b", "cable"),
    (r"^letter\b", "letter"),
    (r"^(?:working |rough |handwritten )?notes\b", "notes"),
    (r"^note\b", "note"),
    (r"^(?:\w+ )?report\b", "report"),
    (r"^reply\b", "reply"),
    (r"^memorandum\b", "memorandum"),
    (r"^(?:\w+ )?message\b", "message"),
    (r"\bstatement\b", "statement"),
    (r"^speech\b", "speech"),
    (r"^resolution\b", "resolution"),
    (r"^(?:\w+ )?instructions?\b", "instruction"),
    (r"^(?:(?:excerpts?|extracts?) (?:from|of) )?(?:from )?(?:the )?(?:diary|journal)\b", "diary"),
    (r"^transcript\b", "transcript"),
    (r"^protocol\b", "protocol"),
    (r"^decree\b", "decree"),
)
DOCTYPE_NAMES = {key.replace("-", " "): key for _, key in DOCTYPE_PATTERNS}
_DOCTYPE_RES = tuple((re.compile(pattern), key) for pattern, key in DOCTYPE_PATTERNS)
_DRAFT = re.compile(r"\(draft\)\s*$")

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_HEADER = re.compile(
    r"^(?P<key>Date(?: and (?:place|time|venue|location))?|Time(?: and (?:place|venue|location))?|Venue|Place|Location|"
    r"(?:(?:[\w.’'-]+\s+){0,2}(?:participants|attendees))|(?:also|others)\s+present|present(?:\s+at\s+the\s+\w+)?|"
    r"Those (?:taking part|present)|Taking part|In attendance|Participating|Interpreters?|Interpreted by|"
    r"Minutes Prepared(?: by)?|Recorded by|Notes? taken by|Note-?taker|Author\(s\)|Authors?)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_SHORT_FORM = r"hereafter|hereinafter|henceforth|to be abbreviated as|abbreviated as|hereafter referred to as|" \
              r"hereinafter referred to as|referred to as"
_SPEAKER = re.compile(
    rf"^(?P<label>[^:()]{{1,80}}?)(?:\s*\((?P<how>{_SHORT_FORM})\s+(?P<short>[^)]{{1,40}})\))?\s*:\s+(?P<rest>\S.*)$")
_SPEAKER_ALONE = re.compile(
    rf"^(?P<label>[^:()]{{1,60}}?)(?:\s*\((?P<how>{_SHORT_FORM})\s+(?P<short>[^)]{{1,40}})\))?:$")
_SPEAKER_STOP = re.compile(
    r"^(?P<label>(?:[A-Z]\.\s?){0,3}[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){0,2})\.\s+(?P<rest>[A-Z\"“].*)$")
_EVENT_TITLE = re.compile(
    r"(?:^|\b(?:of|on|from|about|regarding|concerning|re:?)\s+)(?:(?:a|an|the)\s+)?"
    r"(?:(?:first|second|third|fourth|fifth|final|last|\d+(?:st|nd|rd|th)|summit|private|secret|official|informal|"
    r"working|brief|further|telephone)\s+)*"
    r"(?P<kind>meeting|conversation|talks?|discussion|session|reception|negotiations?|consultations?|audience|"
    r"interview|summit|exchange of views)s?\s+"
    r"(?:(?P<prep>between|with)\s+(?P<parties>.+)|of\s+(?P<host>.+?)\s+with\s+(?P<guests>.+)|(?P<body>of\s+.+))$",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s$")
_HOST_EVENT = re.compile(
    r"(?P<host>(?:(?:[A-Z]\.\s?){1,3}|[A-Z][\w’'-]+\s+){1,3}?)(?:’s\s+|'s\s+)?"
    r"(?P<kind>[Mm]eeting|[Cc]onversation|[Tt]alks?)"
    r"\s+with\s+(?P<parties>.+)$")
_CONVERSATION_LIST = re.compile(
    r"\b(?:memorandum|record|minutes|notes?) of (?:a |the )?conversation,\s*['‘\"“](?P<list>.+?)['’\"”]?$",
    re.IGNORECASE)
_TYPE_WORD = (r"telegram|cable|letter|message|note|memorandum|memo|report|dispatch|despatch|telex|radiogram|"
              r"instructions?|directive|circular|appeal|address|greetings?|reply|response|request|information|"
              r"statement|speech|order|proposal|communiqu[eé]|declaration|protest|petition|excerpt|extract|transcript")
_DIRECTION = re.compile(
    r"^(?:(?i:(?:an?|the)\s+))?(?:(?i:excerpts?|extract|draft|copy|translation)\s+(?i:of|from)\s+(?:(?i:an?|the)\s+)?)?"
    r"(?:(?i:ciphered|coded|cipher|urgent|secret|top secret|personal|official|outgoing|incoming|special|oral|open|"
    r"confidential|brief|short|working|draft|handwritten|joint|congratulatory|verbal|diplomatic|encoded|telephone|"
    r"strictly secret|secret and personal)\s+)*"
    rf"(?P<type>(?i:{_TYPE_WORD}))(?i:s)?"
    r"(?P<sep>\s*,\s*(?:(?i:by|from)\s+)?|\s+(?i:by|from)\s+|\s+(?i:to)\s+)(?P<rest>.+)$"
)
_JOURNAL_TITLE = re.compile(
    r"^(?:(?i:excerpts?|extracts?)\s+)?(?:(?i:from)\s+)?(?:(?i:the)\s+)?(?i:journal|diary|notebook)\s+of\s+"
    r"(?P<keeper>.+?)"
    r"(?:\s*[,:(]|\s+['‘\"“]|\s+(?i:for|from|on|covering)\s+|$)")
_QUOTE_START = re.compile(r"(?:,\s*|\s+|^)['‘\"“](?=\w)")
_SUBJECT_CUT = re.compile(
    r",?\s+(?:on|about|regarding|concerning|re:?|in connection with|with regard to|with respect to|in reply to|"
    r"in response to|enclosing|transmitting|forwarding|requesting|reporting|informing|with a request)\s+|\s*\(|:\s"
    rf"|,\s*(?=\d|{_MONTH}\b)")
_KIND_START = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:\w+\s+)?(?:meeting|conversation|talks?|discussion|session|reception|negotiations?|"
    r"consultations?|plenum|visit|diary|journal|notebook|minutes|record|transcript)s?\b", re.IGNORECASE)
_TITLE_DATE = re.compile(rf",?\s+(?:on|of|dated)\s+(?P<date>(?:\d{{1,2}}(?:\s*(?:and|-|–|&)\s*\d{{1,2}})?\s+{_MONTH}|"
                         rf"{_MONTH}\s+\d{{1,2}},?)\s*\d{{4}}|{_MONTH}\s+\d{{4}})(?:,?\s+in\s+(?P<place>.+))?$")
_TAIL_PLACE_DATE = re.compile(rf",\s*(?P<place>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)\s*,\s*(?P<date>{DATE_TEXT}|"
                              rf"\d{{1,2}}\s+{_MONTH}\s+\d{{4}})\.?$")
_TAIL_DATE = re.compile(rf",?\s+(?:on\s+)?(?P<date>\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},\s*\d{{4}}|"
                        r"\d{1,2}\s?\.\s?[IVX]{1,4}\s?\.\s?\d{4}|\d{1,2}\.\d{1,2}\.\d{4})\.?$")
_PAREN_CUT = re.compile(r"\s*\(")
_TAIL_IN = re.compile(r"\s+in\s+(?:the\s+)?(?P<place>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})$")
_REPLY = re.compile(r"^Reply to (?P<what>.+?)(?:\s*\((?:Draft|draft)\))?$")
_REPLY_DRAFT = re.compile(r"\s*\((?:Draft|draft)\)\s*$")
_REPLY_SPLIT = re.compile(r"\s+and\s+(?=the\s)")
_REFERENCED = re.compile(
    r"^(?:the\s+)?(?P<author>.+?\s)??(?P<type>Memorandum|Oral Supplementary Statement|Oral Statement|Statement|"
    r"Letter|Note|Telegram|Cable|Proposal|Message|Report|Declaration)s?\s+(?:of|dated)\s+(?P<date>.+)$"
)
_YEAR = re.compile(r"\d{4}")
_THE_START = re.compile(r"^the\s+")
_APPROVE = re.compile(r"^Request (?P<who>.+?) (?:to )?read and approve\b", re.IGNORECASE)
_DOC_NUMBER = re.compile(r"^(?:Document\s+)?(?:No|Nº|N°|N|#)\.?\s*(?P<no>\d[\w/.\-]*?)\.?(?:\s*\[.*)?$",
                         re.IGNORECASE)
_INLINE_NUMBER = re.compile(r"\b(?:No|Nº|N°)\.?\s*(?P<no>\d[\w/\-]*)")
_EDITORIAL = re.compile(
    r"\[(?P<note>(?:Translator'?s?|Trans\.?|Editor'?s?|Ed\.)\s*[Nn]ote(?:\s*--|\s*:|\s*-)?[^\[\]]*?)"
    r"(?:\]|\)(?=[^\]]*$))",
    re.IGNORECASE)
_MENTION_WORDS = "|".join(re.escape(w) for w in POSITION_WORDS if w[0].isupper())
_MENTION = re.compile(
    rf"\b(?=[A-Z1-3])(?P<pos>(?:(?:Comrade|Cde\.?)\s+)?(?:{_MENTION_WORDS})"
    rf"(?:\s+(?:Comrade|Cde\.?))?)\s+"
    r"(?P<name>(?:\[[A-Z][\w'’-]*\]|[A-Z][\w'’-]+)(?:\s+(?:\[[A-Z][\w'’-]*\]|[A-Z][\w'’-]+)){0,2})"
)
_SUBTITLE = re.compile(r"[—–-]{1,2}\s*.+?\s*[—–-]{1,2}")
_PARENTHESISED = re.compile(r"\(.+\)")
_TITLE_WORDS = re.compile(r"\bthe\b|[^\w]")
_TO_LINE = re.compile(r"^(?:To|TO|to)\s*:?\s+(?P<who>\S.*)$")
_FROM_LINE = re.compile(r"^(?:From|FROM)\s*:?\s+(?P<who>\S.*)$")
_COPIES = re.compile(
    r"^(?:Copies(?:\s+to)?|Copy to|cc|Distribution(?:\s+list)?|Distributed to|Sent to|"
    r"(?:Produced|Made|Printed|Typed|Prepared) in \d+ copies(?:\s+for)?)\s*[:.-]?\s*(?P<value>.*)$", re.IGNORECASE)
_BULLET = re.compile(r"^[-–•*]\s*(?P<item>\S.*)$")
_SALUTATION = re.compile(r"^Dear\s+(?P<who>[^,!]{2,80})[,!:]?$")
_JOURNAL_LINE = re.compile(r"^(?:from\s+)?(?:the\s+)?(?:journal|diary)\s+of\b\s*(?P<rest>.*)$", re.IGNORECASE)
_KEEPER = re.compile(r"^\W*(?P<name>(?:[A-Z]\.\s?){1,3}\s?[A-Z][A-Za-z’'-]+|[A-Z][a-z][\w’'-]+\s+[A-Z][\w’'-]+)")
_BRACKETED = re.compile(r"\[[^\]]*\]?|\[.*$")
_MEETING_LINE = re.compile(
    r"^(?:(?:from|record of|minutes of|memorandum of|memorandum about|notes? (?:of|on|from)|summary of|report on|"
    r"transcript of|about)\s+)?(?:a\s+|the\s+)?(?:(?:first|second|third|private|official|\w+st|\w+nd|\w+rd|\w+th)\s+)?"
    r"(?P<kind>conversation|meeting|talks?|discussion)s?\s+(?:with|between)\s+(?P<parties>\S.+)$", re.IGNORECASE)
_ATTENDEE_HEAD = re.compile(
    r"^(?:participants|attendees|in attendance|present|those present|also present|taking part|those taking part|"
    r"persons present|participating|present at the (?:meeting|conversation|talks))\s*:?$", re.IGNORECASE)
_SIDE = re.compile(
    r"^(?:on|from)\s+the\s+(?:side\s+of\s+(?:the\s+)?(?P<of>[^:]{1,60}?)\s*(?::\s*|$)"
    r"|(?P<adj>[\w’'-]+(?:\s+[\w’'-]+)?)\s+side(?:\s*[:,-]\s*|\s+|$))(?P<value>.*)$", re.IGNORECASE)
_INTERPRETER_HEAD = re.compile(r"^(?:(?:translated|interpreted) by\s*:?|interpreters?:?|interpretation:?)$"
                               r"|^(?:translated|interpreted) by\s+(?P<value>\S.*)$", re.IGNORECASE)
_ALSO_PRESENT = re.compile(
    r"^(?:(?:at|in) the (?:meeting|conversation|talks?|discussion)s?\s+(?:were|was)\s+(?:also\s+)?present|"
    r"(?:also\s+)?present\s+(?:were|was)(?:\s+also)?|also\s+present|also\s+attending|attending\s+(?:were|was))"
    r"\s*:?\s*(?:(?:by\s+)?(?:the\s+)?(?:comrades?|cdes?\.?|comrs?\.)\s+)?(?P<value>.+)$", re.IGNORECASE)
_STANDALONE_DATE = re.compile(
    rf"^\(?(?P<date>{DATE_TEXT}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}\s+{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?"
    r"|\d{1,2}\s?\.\s?[IVX]{1,4}\s?\.\s?\d{4})(?:\s*[~–-].{0,20})?\)?$")
_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?),\s*(?P<date>{DATE_TEXT}|\d{{1,2}}\s+{_MONTH}\s+\d{{2,4}}"
    r"|\d{1,2}\s?\.\s?[IVX]{1,4}\s?\.\s?\d{4}|\d{1,2}\.\d{1,2}\.\d{4})\.?$")
_LETTERHEAD_DATELINE = re.compile(r"^(?P<org>.+?\bof(?: the)?)\s+(?P<place>[A-Z][\w’'-]+),\s*(?P<date>\S.*)$")
_IN_PLACE = re.compile(r"^in\s+(?P<place>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)\b")
_FOOTNOTE_PARA = re.compile(r"^\[\d{1,3}\]\s+\S")
_NOTES_HEAD = re.compile(r"^(?:Translator'?s|Editor'?s|End)?\s*Notes?:?$", re.IGNORECASE)
_NUMBERED_NOTE = re.compile(r"^\d{1,3}\s+[A-Z“\"]")
_CLOSING = re.compile(
    r"^(?:Sincerely|Respectfully|Yours|With (?:communist|comradely|best|warm)|Best regards|Regards)\b", re.IGNORECASE)
_BRACKET_SPAN = 6  # a stamp or marginal note set in brackets runs over at most this many lines
_TRAILING_MARK = re.compile(r"(?:\(\d{1,2}\)|\[\d{1,3}\])+$")
_SENTENCE_END = ('.', '!', '?', '…', '"', '”', '’', ')', ']', ':', ';')


_GIVEN_ADDED = re.compile(r"^(?P<family>[^\s\[\]]+)\s+\[[^\]\s]+\]$")


class DocumentAgents:
    """The agents of one document: a name met twice (``Chervonenko`` after ``Ambassador Chervonenko``,
    ``M.S. Gorbachev`` after ``Mikhail S. Gorbachev``) gives the same :class:`Agent`."""

    def __init__(self) -> None:
        self.agents: list[Agent] = []
        self._forms: dict[int, tuple[int, set[str]]] = {}  # agent id -> (forms seen, their folded forms)

    def _folded_forms(self, agent: Agent) -> set[str]:
        """The agent's written forms, brackets dropped and case folded (kept until it gains a form)."""
        known = self._forms.get(id(agent))
        if known is None or known[0] != len(agent.written):
            known = (len(agent.written), {unbracket(w).casefold() for w in agent.written})
            self._forms[id(agent)] = known
        return known[1]

    def get(self, written: str, *, position: str | None = None, kind: str | None = None,
            create: bool = True) -> Agent | None:
        name = unbracket(written)
        folded = name.casefold()
        agent = next((a for a in self.agents if a.name.casefold() == folded), None) or next(
            (a for a in self.agents if folded in self._folded_forms(a)), None)
        if agent is None:
            agent = self._by_short_name(name, position, _GIVEN_ADDED.match(written.strip()))
        if agent is None and kind != "organization":
            agent = self._by_initials(name)
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

    def _by_short_name(self, name: str, position: str | None, given_added: re.Match[str] | None = None) -> Agent | None:
        """A one-word name (``Zhang``) names the agent whose family name it is, preferring the same position."""
        if len(name.split()) != 1:
            # A full name absorbs an earlier surname-only agent ("Chervonenko", then "[Stepan] Chervonenko";
            # "Tanaka", then "Tanaka [Kakuei]", where the editor added the given name after the family name).
            family = given_added["family"] if given_added else family_name(name)
            short = [a for a in self.agents if len(a.name.split()) == 1
                     and a.name.casefold() == family.casefold()]
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

    def _by_initials(self, name: str) -> Agent | None:
        """``M.S. Gorbachev`` and ``Mikhail S. Gorbachev``: the same family name and the same initials.

        The fuller form becomes the agent's name.
        """
        words = name.replace(".", ". ").split()
        if len(words) < 2 or words[0].casefold().strip(".") in EAST_ASIAN_SURNAMES:
            return None
        surname, initials = words[-1].casefold(), [w[0] for w in words[:-1]]
        cands = []
        for a in self.agents:
            other = a.name.replace(".", ". ").split()
            if a.kind != "person" or len(other) < 2 or other[-1].casefold() != surname:
                continue
            theirs = [w[0] for w in other[:-1]]
            short, long_ = sorted((initials, theirs), key=len)
            if long_[: len(short)] == short:
                cands.append(a)
        if len(cands) != 1:
            return None
        agent = cands[0]
        if len(name.replace(".", "")) > len(agent.name.replace(".", "")) and "." not in name.split()[0]:
            agent.name = name
        return agent


class DaPageConverter:
    """Digital Archive pages saved as text: document pages in any of the DA's layouts, and listing pages."""

    name = "da-page"

    def sniff(self, data: bytes, path: Path) -> bool:
        if path.suffix.lower() not in (".txt", ".text", ""):
            return False
        return looks_like_da_page(data[:20000].decode("utf-8", "replace"))

    def convert(self, data: bytes, path: Path, rel_path: str) -> list[Document]:
        return [page_to_document(page, rel_path) for page in read_da_records(data, path)]


@dataclass
class _Reading:
    """What the passes over one page share: the agents, and what the header said about a meeting."""

    agents: DocumentAgents
    year: int | None = None
    meeting_lines: list[tuple[Para, str, str]] = field(default_factory=list)  # (para, kind, parties)
    header_dates: list[DateValue] = field(default_factory=list)
    title_date: DateValue | None = None
    title_place: str | None = None
    keeper: str | None = None


def page_to_document(page: DaPage, rel_path: str) -> Document:
    """Read everything the page says into a :class:`Document`."""
    record_id = (page.field("Record ID") or "").strip() or None
    if record_id and not (record_id.isascii() and record_id.isdigit()):
        raise ConversionError(f"Record ID {record_id!r} is not a number", path=page.path,
                              line=page.info["Record ID"][0].line, hint="DA Record IDs are whole numbers.")
    from_url = record_id_from_url(page.url)
    warnings = list(page.notes)
    if record_id and from_url and from_url != record_id:
        warnings.append(f"the page's URL names record {from_url} but its Record ID is {record_id}; "
                        "the Record ID was used")
    record_id = record_id or from_url
    date = parse_date(page.date.text) if page.date else None
    title = page.title.text
    if is_upper_case(title):
        title = title_case(title)
        warnings.append(f"line {page.title.line}: the title is in capitals on the page; it was written in title case")
    key = f"da-{record_id}" if record_id else "sha-" + hashlib.sha256(
        f"{slug(title)}|{date.iso if date else ''}".encode()).hexdigest()[:12]
    first = min(page.title.line, page.date.line) if page.date else page.title.line
    doc = Document(key=key, title=title, date=date, source=Source(rel_path, page.sha256, first, page.last_line))
    doc.warnings.extend(warnings)
    if page.date and not date:
        doc.warnings.append(f"line {page.date.line}: date {page.date.text!r} not understood; kept out of the data")
    doc.summary = page.summary.text if page.summary else None
    doc.rights = page.field("Rights")
    reading = _Reading(DocumentAgents(), year=int(date.iso[:4]) if date else None)
    _doctypes(doc, page)
    _citation_and_translation(doc, page, reading.agents, record_id)
    _title_people(doc, reading)
    body = _front_matter(doc, page, reading)
    _title_event(doc, reading, doc.title)
    _header_and_speakers(doc, body, reading)
    _reply(doc, reading.agents)
    _mentions(doc, body, reading.agents)
    if not page.complete and page.layout != "listing" and not doc.citations and not doc.published_in:
        doc.warnings.append("the page is cut short: no Document Information block (no citation, record ID or rights)")
    return doc


def _doctypes(doc: Document, page: DaPage) -> None:
    declared = (page.field("Type") or "").strip().casefold()
    if declared in DOCTYPE_NAMES:
        doc.doctypes.append(DOCTYPE_NAMES[declared])
    title = doc.title.casefold()
    # the title's own words first: "From the Journal of X, 'Record of a Conversation …'" is a diary
    for text in dict.fromkeys((_cut_title(doc.title).casefold(), title)):
        key = next((key for pattern, key in _DOCTYPE_RES if pattern.search(text)), None)
        if key is not None:
            if key not in doc.doctypes:
                doc.doctypes.append(key)
            break
    if _DRAFT.search(title):
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
            add_role(tr.attributions, agents.get(credit.name), credit.role)
        for citation in parsed.citations:
            if citation.unparsed:
                doc.warnings.append(f"line {page.info['Source'][0].line}: citation part {citation.unparsed!r} "
                                    "not understood; kept verbatim")
    for para in page.funders:
        for name in split_names(para.text):
            add_role(tr.attributions, agents.get(name, kind="organization"), "funder")
    donors = page.field("Donors") or page.field("Donor")
    if donors:
        for name in split_names(donors):
            add_role(tr.attributions, agents.get(name, kind="organization"), "donor")
    for para in page.info.get("Author(s)", []):
        for party in parse_people(_inverted(para.text)):
            add_role(doc.attributions, agents.get(party.written, position=party.position, kind=party.kind),
                      "author", position=party.position)
    doc.translation = tr


_INVERTED = re.compile(r"^(?P<family>[A-Z][\w’'-]+),\s+(?P<given>[A-Z][\w’'. -]+?)(?:,\s*\d{4}-(?:\d{4})?)?$")


def _inverted(text: str) -> str:
    """The DA's author headings put the family name first (``Zhou, Enlai, 1898-1976``)."""
    m = _INVERTED.match(text.strip())
    if not m:
        return text
    if m["family"].casefold() in EAST_ASIAN_SURNAMES:
        return f"{m['family']} {m['given']}"
    return f"{m['given']} {m['family']}"


def _add_party(roles: list[Role], agents: DocumentAgents, party: Party, role: str, *, written: str | None = None,
               date: DateValue | None = None) -> Role | None:
    """Give a header's or title's :class:`Party` a role; the written forms go on the agent and the role."""
    if party.kind == "person" and party.written:
        agent = agents.get(_capitals(party.written), position=party.position, kind="person")
    else:
        agent = agents.get(party.name, position=party.position, kind=party.kind)
    if agent is None:
        return None
    if party.written and party.written != _capitals(party.written):
        agent.add_form(party.written)  # "MITTIG", as the page writes it
    if party.alternate:
        agent.add_form(f"{party.written} [{party.alternate}]")
    r = add_role(roles, agent, role, position=party.position, date=date, written=written or party.written)
    for extra in party.roles:
        add_role(roles, agent, extra)
    return r


def _same_title(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > len(b) // 2 + 10:
        return False  # cheap: most paragraphs are nowhere near the title's length
    return _TITLE_WORDS.sub("", unbracket(a).casefold()) == _TITLE_WORDS.sub("", unbracket(b).casefold())


def _is_running_text(text: str) -> bool:
    """A sentence of the document's text, not a header line."""
    text = _TRAILING_MARK.sub("", text).rstrip()
    words = text.split()
    if len(words) >= 25:
        return True
    if len(words) < 8 or not text.endswith(_SENTENCE_END) or _HEADER.match(text):
        return False
    return sum(1 for w in words if w[:1].islower()) >= 3


def _bracket_balance(text: str) -> int:
    """Brackets opened and not closed on this line (an editorial note closed with ")" counts as closed)."""
    if "[" not in text:
        return -text.count("]")
    text = _EDITORIAL.sub("", text)
    return text.count("[") - text.count("]")


def _front_matter(doc: Document, page: DaPage, reading: _Reading) -> list[Para]:
    """Letterhead, addressees, approval requests, document numbers, signature blocks, the repeated title,
    subtitle and notes; the meeting lines and dates of the header are kept for the header pass.

    Returns the body paragraphs left for the header and speaker passes.
    """
    agents = reading.agents
    body: list[Para] = []
    paras = page.body
    year = reading.year
    started = False  # the document's running text has begun: header-only rules no longer apply
    in_bracket = 0  # lines left inside a bracketed stamp or marginal note that runs over several lines
    in_notes = False  # in the translator's notes at the end
    after_number = False
    if doc.translation is not None:
        for p in paras:
            if "[" in p.text:
                for m in _EDITORIAL.finditer(p.text):
                    note = m["note"].strip()
                    if note not in doc.translation.notes:
                        doc.translation.notes.append(note)
    i = 0
    while i < len(paras):
        p, text = paras[i], paras[i].text
        nxt = paras[i + 1].text if i + 1 < len(paras) else ""
        if in_bracket:
            in_bracket = 0 if "]" in text else in_bracket - 1
            i += 1
            continue
        opens = "[" in text and _bracket_balance(text) > 0 and not text.startswith("[")
        if started and len(text) > 160 and not text.startswith(("(", "Request", "[")):
            body.append(p)  # running text: none of the header, number or signature rules can apply
            in_bracket = _BRACKET_SPAN if opens else 0
            i += 1
            continue
        if text.startswith("[") and _bracket_balance(text) > 0:
            in_bracket = _BRACKET_SPAN  # "[Handwriting in the left margin: …" continues on the next lines
            i += 1
            continue
        if in_notes or _FOOTNOTE_PARA.match(text):
            if doc.translation is not None:
                doc.translation.notes.append(text)
            i += 1
            continue
        if started and _NOTES_HEAD.match(text) and i + 1 < len(paras) and _NUMBERED_NOTE.match(nxt):
            in_notes = True
            i += 1
            continue
        if _same_title(text, doc.title):
            pass  # the title repeated at the head of the body: already the document's title
        elif _SUBTITLE.fullmatch(text) and not doc.subtitle:
            doc.subtitle = text.strip("—–- ").strip()
        elif not started and (md := _STANDALONE_DATE.match(text)):
            when = parse_date(md["date"])
            if when is not None and not after_number:
                reading.header_dates.append(when)
            after_number = False
        elif _PARENTHESISED.fullmatch(text) and not _names_only(text):
            doc.notes.append(text)
        elif m2 := _APPROVE.match(text):
            position, name = split_position(m2["who"])
            add_role(doc.attributions, agents.get(name, position=position), "approver",
                      position=position, written=m2["who"])
            body.append(p)
        elif m3 := _DOC_NUMBER.match(text):
            if not doc.document_number:
                doc.document_number = m3["no"].rstrip(".")
            after_number = True
        elif len(text) < 60 and len(nxt) <= 20 and looks_like_name(text) and not is_organization(text) \
                and (when := parse_date(nxt, year=year)):
            position = _position_line(paras[i - 1].text) if i else None
            agent = agents.get(_capitals(text), position=position)
            add_role(doc.attributions, agent, "author", date=when, written=text, position=position)
            add_role(doc.attributions, agent, "signatory", date=when, written=text, position=position)
            i += 1
        elif not started and (m4 := _LETTERHEAD_DATELINE.match(text)) and is_organization(m4["org"]) \
                and parse_date(m4["date"]):
            i = _letterhead(doc, agents, paras, i, m4["org"])
        elif i < 6 and len(text) < 80 and "," not in text and not text.endswith(".") and is_organization(text) \
                and ":" not in text and not _TO_LINE.match(text) and not _FROM_LINE.match(text) \
                and read_piece(text).kind == "organization":
            name = text
            if _is_polity(nxt):
                name = f"{text} of the {nxt}" if " " in nxt else f"{text} of {nxt}"
                i += 1
            if not any(r.agent.name == name and "recipient" in r.roles for r in doc.attributions):
                # an addressee named on its own line ("CC CPSU" atop a telegram to it) is not the issuing body
                add_role(doc.attributions, agents.get(name, kind="organization"), "issuing-body", written=name)
        elif not started and _DATELINE.match(text):
            pass  # "Belgrade, October 24, 1977": where and when the document was written
        elif not started and (used := _header_line(doc, reading, paras, i)) is not None:
            i = used
        elif started and not opens and (signer := _signature(paras, i)):
            position = _position_line(paras[i - 1].text)
            _add_party(doc.attributions, agents, signer, "author", written=text)
            role = _add_party(doc.attributions, agents, signer, "signatory", written=text)
            if position and role is not None:
                role.position = role.position or position
        else:
            body.append(p)
            if not started and (_is_running_text(text) or _SPEAKER.match(text) and len(text) > 80):
                started = True
        if opens:
            in_bracket = _BRACKET_SPAN
        i += 1
    return body


def _names_only(text: str) -> bool:
    """``(Khrushchev, Voroshilov, Zhukov, Ponomarev)``: a list of names, not an editorial note."""
    inner = strip_footnotes(text).strip("() .")
    return bool(inner) and all(looks_like_name(part.strip()) for part in inner.split(","))


def _is_polity(text: str) -> bool:
    return text in POLITIES or text.replace("’", "'") in POLITIES


def _capitals(name: str) -> str:
    """``V. I. PELISHENKO`` → ``V. I. Pelishenko``."""
    return " ".join(name_case(w) for w in name.split())


def _position_line(text: str) -> str | None:
    """``Secretary of the CC CP(b) of Azerbaijan``: a line that only names an office (before a signature)."""
    if len(text.split()) > 12 or text.endswith((".", ":")):
        return None
    piece = read_piece(text)
    return piece.text if piece.kind == "position" else None


def _signature(paras: list[Para], i: int) -> Party | None:
    """A bare name after the text (``Milovoje Maksić``, ``J. Herrmann``), before a date, place, number,
    footnote or heading, or at the end: the signer."""
    text = paras[i].text
    if len(text.split()) > 5 or text.endswith((":", ",")) or not looks_like_name(text) or is_organization(text):
        return None
    people = parse_people(text)
    if len(people) != 1 or people[0].kind != "person" or people[0].position:
        return None
    prev = paras[i - 1].text if i else ""
    if not (_is_running_text(prev) or _position_line(prev) or _CLOSING.match(prev)):
        return None
    nxt = paras[i + 1].text if i + 1 < len(paras) else ""
    return people[0] if not nxt or not _is_running_text(nxt) or _FOOTNOTE_PARA.match(nxt) else None


def _letterhead(doc: Document, agents: DocumentAgents, paras: list[Para], i: int, org: str) -> int:
    """A letterhead set beside its dateline: ``Embassy of the Pyongyang, 24.X.1957`` / ``People’s Republic of
    Poland`` / ``in Pyongyang``: the body is ``Embassy of the People’s Republic of Poland in Pyongyang``."""
    name = org
    j = i + 1
    if j < len(paras) and _is_polity(_EDITORIAL_OR_BRACKET.sub("", paras[j].text).strip()):
        name = f"{name} {_EDITORIAL_OR_BRACKET.sub('', paras[j].text).strip()}"
        j += 1
        if j < len(paras) and (m := _IN_PLACE.match(_EDITORIAL_OR_BRACKET.sub("", paras[j].text).strip())):
            name = f"{name} in {m['place']}"
            j += 1
    add_role(doc.attributions, agents.get(name, kind="organization"), "issuing-body", written=name)
    return j - 1


_EDITORIAL_OR_BRACKET = re.compile(r"\s*\[[^\]]*(?:\]|\)|$)")


def _header_line(doc: Document, reading: _Reading, paras: list[Para], i: int) -> int | None:
    """Addressees (``To …``, ``Copies: …``, ``Dear …``), senders (``From …``), journal keepers and meeting
    lines in the document's header. Returns the index of the last paragraph the line used (a copies list
    runs over bullet lines), or None when the line is none of these."""
    text = paras[i].text
    agents = reading.agents
    if _JOURNAL_LINE.match(text):
        _journal_keeper(doc, reading, paras, i)
        return i
    if m := _MEETING_LINE.match(text):
        reading.meeting_lines.append((paras[i], m["kind"], m["parties"]))
        return i
    if (m := _TO_LINE.match(text)) and len(text.split()) <= 16:
        people = parse_people(strip_footnotes(m["who"]))
        for party in people:
            _add_party(doc.attributions, agents, party, "recipient")
        return i if people else None
    if m := _FROM_LINE.match(text):
        if (n := _INLINE_NUMBER.search(text)) and not doc.document_number:
            doc.document_number = n["no"].rstrip(".")
        who = _INLINE_NUMBER.split(m["who"])[0]
        for party in parse_people(strip_footnotes(who)):
            _add_party(doc.attributions, agents, party, "author")
        return i
    if m := _COPIES.match(text):
        value = m["value"]
        j = i
        if not value.strip():
            items = []
            while j + 1 < len(paras) and (b := _BULLET.match(paras[j + 1].text)):
                items.append(b["item"])
                j += 1
            value = "; ".join(items)
        for party in parse_people(strip_footnotes(value)):
            _add_party(doc.attributions, agents, party, "recipient")
        return j
    if m := _SALUTATION.match(text):
        people = parse_people(m["who"])
        for party in people:
            _add_party(doc.attributions, agents, party, "recipient", written=text.rstrip(",!:"))
        return i if people else None
    return None


def _journal_keeper(doc: Document, reading: _Reading, paras: list[Para], i: int) -> None:
    """``From the journal of V. I. PELISHENKO``: the keeper of the journal is the author. Stamps set beside the
    line may split it; the name is looked for on the next lines too."""
    m = _JOURNAL_LINE.match(paras[i].text)
    if m is None or reading.keeper is not None:
        return
    candidates = [m["rest"]] + [p.text for p in paras[i + 1: i + 4]]
    for text in candidates:
        found = _KEEPER.match(_BRACKETED.sub("", text).strip()) or _KEEPER.match(text.lstrip("[ "))
        if found and not is_organization(found["name"]):
            name = _capitals(found["name"])
            parties = parse_people(name)
            if parties and parties[0].kind == "person":
                reading.keeper = name
                add_role(doc.attributions, reading.agents.get(name), "author", written=found["name"])
                return


def _cut_title(text: str) -> str:
    """The part of a title that names people: no quoted subject, no "(excerpt)", no footnote markers."""
    if m := _QUOTE_START.search(text):
        text = text[: m.start()]
    return strip_footnotes(text).strip(" ,;")


def _title_people(doc: Document, reading: _Reading) -> None:
    """The people a title names as the document's writer and addressees: a journal's keeper, a sender, addressees."""
    agents = reading.agents
    title = doc.title
    if m := _JOURNAL_TITLE.match(title):
        for party in parse_people(_cut_title(m["keeper"])):
            if party.kind == "person":
                _add_party(doc.attributions, agents, party, "author", written=_written(party))
                reading.keeper = reading.keeper or party.name
        return
    _title_direction(doc, reading, title)


def _written(party: Party) -> str:
    """A title's or header's words for a party (``Comrade Pelishenko, Counselor of the Embassy of the USSR``)."""
    return party.phrase or party.written


def _title_direction(doc: Document, reading: _Reading, title: str) -> None:
    """``Cable, Zhou Enlai to Mao Zedong``, ``Letter from Gomulka to Khrushchev``, ``Memorandum, by L.D. Battle, …,
    to McGeorge Bundy``: the sender is an author, the addressees are recipients."""
    m = _DIRECTION.match(_cut_title(title))
    if not m:
        return
    rest, sep = m["rest"], m["sep"].strip().casefold()
    if sep == "to" and m["type"].casefold() in ("reply", "response", "excerpt", "extract", "information"):
        return  # "Reply to the Soviet Government Memorandum of 7 June": the object is a document
    if _KIND_START.match(rest):
        return  # "Notes from a Conversation between …": a meeting, not a sender
    if c := _SUBJECT_CUT.search(rest):
        rest = rest[: c.start()]
    senders: list[Party] = []
    recipients: list[Party] = []
    if sep == "to":
        left, _, right = rest.partition(" from ")
        recipients, senders = parse_people(left), parse_people(right) if right else []
    else:
        for k in _to_positions(rest):
            left, right = rest[:k[0]], rest[k[1]:]
            s, r = parse_people(left.strip(" ,")), parse_people(right.strip(" ,"))
            if s and r:
                senders, recipients = s, r
                break
        else:
            if sep.startswith(("by", "from")) or sep.endswith(("by", "from")):
                senders = parse_people(rest)
    for party in senders:
        _add_party(doc.attributions, reading.agents, party, "author", written=_written(party))
    for party in recipients:
        _add_party(doc.attributions, reading.agents, party, "recipient", written=_written(party))


_TO = re.compile(r",?\s+to\s+")


def _to_positions(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TO.finditer(text)]


def _title_event(doc: Document, reading: _Reading, title: str) -> None:
    """A title naming a meeting gives the event and its participants (and its date and place, if it says)."""
    parties_text: str | None = None
    label_start = None
    if m := _CONVERSATION_LIST.search(title):
        people = parse_people(strip_footnotes(m["list"]))
        if len([p for p in people if p.kind == "person"]) >= 2:
            event = Event(label="Conversation between " + ", ".join(p.name for p in people))
            for party in people:
                _add_party(event.participants, reading.agents, party, "participant", written=_written(party))
            doc.events.append(event)
            return
    m2 = _EVENT_TITLE.search(title)
    if m2:
        label_start = m2.start("kind")
        parties_text = m2["parties"] or (f"{m2['host']} with {m2['guests']}" if m2["host"] else None)
        if m2["body"]:
            parties_text = None
    elif m3 := _HOST_EVENT.search(title):
        host = _POSSESSIVE.sub("", m3["host"].strip())
        if not parse_people(host):
            return
        label_start = m3.start("host")
        parties_text = f"{host} with {m3['parties']}"
    else:
        return
    label = (title[label_start:] if label_start is not None else title).rstrip(" '’\"”")
    label = label[0].upper() + label[1:]
    event = Event(label=label)
    if parties_text:
        parties_text, when, place = _meeting_tail(parties_text)
        reading.title_date = when
        reading.title_place = place
        for party in parse_people(parties_text, with_is_separator=True):
            _add_party(event.participants, reading.agents, party, "participant", written=_written(party))
    elif m2 and m2["body"]:
        _, when, place = _meeting_tail(m2["body"])
        reading.title_date = when
    doc.events.append(event)


def _meeting_tail(text: str) -> tuple[str, DateValue | None, str | None]:
    """Cut what follows the participants: ``, on May 25, 1987 in the MfS in Berlin``, ``, Moscow, 4 December 1989``."""
    text = _PAREN_CUT.split(strip_footnotes(_cut_title(text)), 1)[0].strip(" ,'’\"”")
    when: DateValue | None = None
    place = None
    if m := _TITLE_DATE.search(text):
        when = parse_date(m["date"])
        place = m["place"].strip(" .") if m["place"] else None
        text = text[: m.start()]
    elif m2 := _TAIL_PLACE_DATE.search(text):
        when, place = parse_date(m2["date"]), m2["place"]
        text = text[: m2.start()]
    elif m3 := _TAIL_DATE.search(text):
        when = parse_date(m3["date"])
        text = text[: m3.start()]
    if c := _SUBJECT_CUT.search(text):
        text = text[: c.start()]
    if (m4 := _TAIL_IN.search(text)) and _is_polity(m4["place"]):
        place = place or m4["place"]
        text = text[: m4.start()]
    if place:
        place = _THE_START.sub("", place)
    return text.strip(" ,"), when, place


_HEADER_ROLES = {"attendees": "attendee", "participants": "attendee", "present": "attendee",
                 "also present": "attendee", "those taking part": "attendee", "taking part": "attendee",
                 "those present": "attendee", "in attendance": "attendee", "participating": "attendee",
                 "interpreter": "interpreter", "interpreters": "interpreter", "interpreted by": "interpreter",
                 "minutes prepared": "note-taker", "minutes prepared by": "note-taker", "recorded by": "note-taker",
                 "notes taken by": "note-taker", "note taken by": "note-taker", "notetaker": "note-taker",
                 "note-taker": "note-taker"}
_MEETING_KEYS = ("venue", "place", "location", "interpreter", "minutes prepared", "recorded by", "those taking part",
                 "in attendance", "taking part", "date and place", "date and venue", "time and place")


def _header_and_speakers(doc: Document, body: list[Para], reading: _Reading) -> None:
    agents = reading.agents
    fields: dict[str, str] = {}
    for p in body:
        if m := _HEADER.match(p.text):
            fields.setdefault(m["key"].casefold(), m["value"].strip())
    for key in ("author(s)", "authors", "author"):
        if fields.get(key):
            for party in parse_people(fields[key]):
                _add_party(doc.attributions, agents, party, "author")
    blocks = _attendee_blocks(body)
    has_meeting_header = any(fields.get(k) for k in _MEETING_KEYS) or bool(reading.meeting_lines) \
        or any(v and _attendee_key(k) for k, v in fields.items()) \
        or any(role == "attendee" for role, _ in blocks)
    if not doc.events and has_meeting_header:
        doc.events.append(Event(label=f"Meeting recorded in “{doc.title}”"))
    if not doc.events:
        return
    event = doc.events[0]
    line_date: DateValue | None = None
    line_place: str | None = None
    for _, _kind, parties in reading.meeting_lines:
        text, when, place = _meeting_tail(parties)
        line_date, line_place = line_date or when, line_place or place
        for party in parse_people(text, with_is_separator=True):
            _add_party(event.participants, agents, party, "participant", written=_written(party))
    when_text = next((v for k, v in fields.items() if k.startswith(("date", "time")) and v), "")
    event.date = None
    if when_text:
        found = search_date(when_text)
        event.date = parse_date(when_text) or (found[0] if found else None)
    if event.date is None:
        event.date = reading.title_date or line_date or (reading.header_dates[0] if reading.header_dates else None)
    clock = parse_time(fields.get("time", "") or when_text)
    if event.date and clock and event.date.datatype == "date":
        event.start = f"{event.date.iso}T{clock}"
    event.place = fields.get("venue") or fields.get("place") or fields.get("location") or line_place \
        or reading.title_place or None
    if event.place is None and (both := next((v for k, v in fields.items() if k.endswith(
            ("and place", "and venue", "and location")) and v), None)):
        found = search_date(both)  # "Date and place: 8 June 1962, Beijing"
        if found is not None:
            event.place = (both[: found[1]] + both[found[2]:]).strip(" ,;.") or None
    for key, value in fields.items():
        if value and (role := _HEADER_ROLES.get(key) or _attendee_key(key)):
            for party in parse_people(strip_footnotes(value)):
                _add_party(event.participants, agents, party, role, written=party.written)
    for role, party in blocks:
        _add_party(event.participants, agents, party, role, written=party.written)
    _speakers(event, body, agents)


def _attendee_key(key: str) -> str | None:
    """``Chinese participants``, ``Others present``, ``Present at the meeting``: headings of attendees."""
    words = key.split()
    if words[-1] in ("participants", "attendees", "present") or words[0] == "present":
        return "attendee"
    return None


def _attendee_blocks(body: list[Para]) -> list[tuple[str, Party]]:
    """People listed under ``Participants`` / ``In Attendance`` / ``On the Soviet side`` / ``Translated by``
    headings, one or more per line, up to the first line that names nobody."""
    out: list[tuple[str, Party]] = []
    role: str | None = None
    for p in body:
        text = p.text
        value: str | None = None
        if _ATTENDEE_HEAD.match(text):
            role, value = "attendee", ""
        elif (m := _SIDE.match(text)) and len(text) < 300:
            role, value = "attendee", m["value"]
        elif (m2 := _INTERPRETER_HEAD.match(text)) and len(text) < 120:
            role, value = "interpreter", m2["value"] or ""
            if value:  # "Translated by comrs. Fedorenko and Shi Zhe" on one line
                for party in parse_people(strip_footnotes(value)):
                    out.append(("interpreter", party))
                role = None
                continue
        elif (m3 := _ALSO_PRESENT.match(text)) and len(text) < 600:
            role, value = "attendee", m3["value"]
            for party in parse_people(strip_footnotes(value)):
                out.append(("attendee", party))
            role = None
            continue
        elif role is not None:
            value = text
        else:
            continue
        value = strip_footnotes(value).strip()
        if role is not None and value:
            words = value.split()
            if words and words[0].casefold() in HONORIFICS:
                value = " ".join(words[1:])
            if _SPEAKER.match(value) and not _SIDE.match(text) or value.endswith(":") \
                    or _PARENTHESISED.fullmatch(value) or _is_running_text(value):
                role = None
                continue
            people = parse_people(value)
            if not people and value:
                role = None
                continue
            for party in people:
                out.append((role, party))
    return out


def _speakers(event: Event, body: list[Para], agents: DocumentAgents) -> None:
    """Speaker turns: ``Ambassador X (hereafter X): …``, ``Comrade Mielke:`` before the turn, and
    ``Stalin. There is no need …`` for people already named."""
    speakers: dict[str, tuple[str, str | None] | None] = {}  # a label comes back at every turn: read it once
    for k, p in enumerate(body):
        text = p.text
        if _HEADER.match(text) or _SIDE.match(text):
            continue
        m = _SPEAKER.match(text) or (_SPEAKER_ALONE.match(text) if k + 1 < len(body) else None)
        if m:
            label = strip_footnotes(m["label"].strip())
            if label not in speakers:
                speakers[label] = _speaker_name(label)
            found = speakers[label]
            if found is None:
                continue
            name, position = found
            agent = agents.get(_capitals(name), position=position)
            assert agent is not None  # get() creates unless create=False
            if m["short"] and m["how"] == "hereafter":
                written = label + f" (hereafter {m['short']})"
            else:
                written = label
            add_role(event.participants, agent, "speaker", written=written)
            if m["short"]:
                agent.add_form(m["short"])  # "(hereafter Zhang)": later turns by "Zhang" are this agent
        elif m2 := _SPEAKER_STOP.match(text):
            agent = agents.get(m2["label"], create=False)
            if agent is not None and any(r.agent is agent for r in event.participants):
                add_role(event.participants, agent, "speaker", written=m2["label"])


def _speaker_name(label: str) -> tuple[str, str | None] | None:
    """The name and position a speaker label gives (``Ambassador Chervonenko``), or None if it names no person."""
    position, name = split_position(label)
    parties = parse_people(label)
    if len(parties) != 1 or parties[0].kind != "person":
        return None
    if len(unbracket(name).split()) > 4 or "[" in name:
        name, position = parties[0].written, position or parties[0].position
    if not looks_like_name(name) or is_organization(name) or name in POLITIES:
        return None
    return name, position


def _reply(doc: Document, agents: DocumentAgents) -> None:
    title = _REPLY_DRAFT.sub("", doc.title)
    m = _REPLY.match(title)
    if not m:
        return
    year = int(doc.date.iso[:4]) if doc.date else None
    month = int(doc.date.iso[5:7]) if doc.date and len(doc.date.iso) >= 7 else None
    for part in _REPLY_SPLIT.split(m["what"]):
        r = _REFERENCED.match(part.strip())
        if not r:
            continue
        when = parse_date(r["date"], year=year)
        if when and month and len(when.iso) == 10 and int(when.iso[5:7]) > month and "," not in r["date"] \
                and not _YEAR.search(r["date"]):
            when = parse_date(r["date"], year=year - 1)  # type: ignore[operator]
        kind = r["type"].split()[-1].casefold()
        ref = Reference(title=_THE_START.sub("", part.strip()), date=when,
                        doctype=DOCTYPE_NAMES.get(kind))
        if r["author"]:
            author = r["author"].strip()
            ref.author = agents.get(author, kind="organization" if is_organization(author) else None)
            add_role(doc.attributions, ref.author, "recipient", written=author)
        doc.references.append(ref)


def _mentions(doc: Document, body: list[Para], agents: DocumentAgents) -> None:
    """People named with a position in running text (``Comrade Ambassador [Stepan] Chervonenko``)."""
    named = {id(r.agent) for r in doc.attributions} | {id(r.agent) for e in doc.events for r in e.participants}
    for p in body:
        sm = _SPEAKER.match(p.text)
        text = sm["rest"] if sm and not _HEADER.match(p.text) else p.text
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
