"""The converters' output: plain dataclasses that say what a record holds, before any RDF.

Converters read a source record into a :class:`Document`; :mod:`rdfkit.identity` then decides which
mentions name the same person or organisation across the whole batch; :mod:`rdfkit.mapping` writes
the RDF. Keeping the middle step in plain Python lets every converter share one mapping and one
identity resolver.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

AgentKind = Literal["person", "organization"]


@dataclass(frozen=True)
class DateValue:
    """A date as precise as the source gives it: ``1962-06-08`` (date), ``1962-06`` (gYearMonth), ``1962`` (gYear)."""

    iso: str

    @property
    def datatype(self) -> str:
        return {10: "date", 7: "gYearMonth", 4: "gYear"}[len(self.iso)]


@dataclass
class Agent:
    """One person or organisation as a document names it.

    ``name`` is the name with editorial brackets resolved (``Stepan Chervonenko``); ``written`` keeps every
    form the document uses (``[Stepan] Chervonenko``, ``Ambassador Chervonenko``). The resolver fills ``key``.
    """

    name: str
    kind: AgentKind = "person"
    position: str | None = None
    written: list[str] = field(default_factory=list)
    key: str | None = None
    label: str | None = None
    same_as: tuple[str, ...] = ()  # Wikidata / VIAF IRIs from the authority file

    def add_form(self, form: str) -> None:
        if form and form not in self.written:
            self.written.append(form)


@dataclass
class Role:
    """An agent's part in an event or a document: the qualified association or attribution."""

    agent: Agent
    roles: list[str]
    position: str | None = None
    date: DateValue | None = None
    written: list[str] = field(default_factory=list)

    def add_role(self, role: str) -> None:
        if role not in self.roles:
            self.roles.append(role)


@dataclass
class Event:
    """A meeting or conversation the document records."""

    label: str
    date: DateValue | None = None
    start: str | None = None  # xsd:dateTime lexical form, no time zone
    place: str | None = None
    participants: list[Role] = field(default_factory=list)


class Level(NamedTuple):
    """One level of an archival reference: ``fonds 0100``, ``file 118-01765``.

    ``value`` is None for a level the citation says is unknown or missing. (A named tuple: citation
    parsing makes several per citation, and tuples are made many times faster than frozen dataclasses.)
    """

    type: str  # record_group | fonds | series | year | box | folder | file | item
    label: str  # the level's label as written ("f.", "Fond (F.)", "doboz"), "" when none
    value: str | None  # the identifier as written


class Pages(NamedTuple):
    """A page or leaf range; start and end None for "unnumbered page"."""

    start: str | None
    end: str | None
    unit: str = "page"  # page | leaf


@dataclass
class Citation:
    """An archival citation split into repository, levels and page range; ``verbatim`` keeps it all."""

    verbatim: str
    repository: str | None = None  # repository id in the repository data file
    levels: list[Level] = field(default_factory=list)
    pages: Pages | None = None
    unparsed: str | None = None

    @property
    def item(self) -> str | None:
        """The document's own identifier in the archive (the value of the item level), if given."""
        items = [lvl.value for lvl in self.levels if lvl.type == "item" and lvl.value]
        return items[-1] if items else None


@dataclass
class Reference:
    """A document this one replies to or cites."""

    title: str
    date: DateValue | None = None
    doctype: str | None = None
    author: Agent | None = None


@dataclass
class Translation:
    """The translation published by the Digital Archive."""

    language: str = "en"
    record_id: str | None = None
    url: str | None = None
    issued: DateValue | None = None
    attributions: list[Role] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Source:
    """Where a record came from: the file (relative path), its sha256, and the record's lines."""

    path: str
    sha256: str
    first_line: int | None = None
    last_line: int | None = None


@dataclass
class Document:
    """Everything a converter got out of one source record."""

    key: str
    title: str
    source: Source
    date: DateValue | None = None
    subtitle: str | None = None
    notes: list[str] = field(default_factory=list)
    summary: str | None = None
    doctypes: list[str] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    rights: str | None = None
    citations: list[Citation] = field(default_factory=list)  # one per archive the Source line names
    published_in: str | None = None  # a published source (book, CWIHP Bulletin), verbatim
    document_number: str | None = None
    attributions: list[Role] = field(default_factory=list)
    mentions: list[Agent] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    translation: Translation | None = None
    warnings: list[str] = field(default_factory=list)

    def agents(self) -> list[Agent]:
        """Every agent the document names, in order of appearance, each once."""
        seen: dict[int, Agent] = {}
        roles = list(self.attributions)
        for event in self.events:
            roles += event.participants
        if self.translation:
            roles += self.translation.attributions
        for role in roles:
            seen.setdefault(id(role.agent), role.agent)
        for agent in self.mentions:
            seen.setdefault(id(agent), agent)
        for ref in self.references:
            if ref.author:
                seen.setdefault(id(ref.author), ref.author)
        return list(seen.values())


def add_role(roles: list[Role], agent: Agent | None, role: str, *, position: str | None = None,
             date: DateValue | None = None, written: str | None = None) -> Role | None:
    """Give ``agent`` the ``role`` in ``roles``: one :class:`Role` per agent, carrying all its roles."""
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
