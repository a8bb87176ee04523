"""Write a resolved :class:`~rdfkit.model.Document` as RDF, following ``docs/model.md``.

One graph per document: the document, its translation, events, roles, references, and the shared
things it names (agents, places, repositories, record sets) with the labels this document gives them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib import namespace as _ns
from rdflib.term import Node

from . import graph as _graph
from .citations import repositories
from .graph import base_iri, slug
from .model import Agent, Citation, DateValue, Document, Role

if TYPE_CHECKING:
    from .authority import Entry


class _Terms:
    """A namespace whose terms are made once: rdflib builds a new URIRef on every ``NS.term`` access,
    which is most of the cost of mapping a document."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = URIRef(self._namespace[name])
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        return getattr(self, name)


RK, RICO, RICRST, SCHEMA, BIBO, ISO639_1 = (_Terms(ns) for ns in (
    _graph.RK, _graph.RICO, _graph.RICRST, _graph.SCHEMA, _graph.BIBO, _graph.ISO639_1))
DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD = (_Terms(Namespace(str(ns))) for ns in (
    _ns.DCTERMS, _ns.OWL, _ns.PROV, _ns.RDF, _ns.RDFS, _ns.SKOS, _ns.XSD))

#: Entries kept by the caches below: enough for the values every document shares (predicates, rights
#: texts, people, archives); values of one document only (its title, its IRIs) pass through them, so a
#: small cache keeps memory flat however many documents are converted.
CACHE = 4096

# Roles that also get a direct property (the shortcut beside the qualified node).
DOCUMENT_SHORTCUTS = {"author": DCTERMS.creator, "issuing-body": DCTERMS.creator, "recipient": SCHEMA.recipient}
TRANSLATION_SHORTCUTS = {"translator": SCHEMA.translator, "funder": SCHEMA.funder, "donor": SCHEMA.sponsor}
RECORDSET_TYPES = {"record_group": RICRST.Fonds, "fonds": RICRST.Fonds, "series": RICRST.Series, "file": RICRST.File,
                   "collection": RICRST.Collection}


@lru_cache(maxsize=CACHE)
def mint(kind: str, *keys: str, base: str | None = None) -> URIRef:
    """:func:`rdfkit.graph.mint`, remembered: the same people, files and archives recur in every document."""
    return _graph.mint(kind, *keys, base=base)


@lru_cache(maxsize=CACHE)
def en(text: str) -> Literal:
    return Literal(text, lang="en")


@lru_cache(maxsize=CACHE)
def plain(text: str) -> Literal:
    """A plain string literal (remembered, like :func:`en`)."""
    return Literal(text)


@lru_cache(maxsize=CACHE)
def date_literal(value: DateValue) -> Literal:
    return Literal(value.iso, datatype=XSD[value.datatype])


def graph_iri(doc: Document, base: str | None = None) -> URIRef:
    """The IRI of the named graph that holds one document's triples."""
    return mint("graph", doc.key, base=base)


def agent_iri(agent: Agent, base: str | None = None) -> URIRef:
    if agent.key is None:
        raise ValueError(f"agent {agent.name!r} has not been resolved; call rdfkit.identity.resolve first")
    return mint(agent.kind, agent.key, base=base)


class Triples(list):
    """A plain list of triples with Graph's ``add``: the mapping writes here, ten times faster than into
    an rdflib store; :func:`document_graph` and the streaming writer take it from there."""

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        self.append(triple)


def document_graph(doc: Document, base: str | None = None) -> Graph:
    """The RDF of one resolved document as an rdflib graph."""
    g = Graph()
    g.addN((s, p, o, g) for s, p, o in set(document_triples(doc, base)))
    return g


def document_triples(doc: Document, base: str | None = None) -> Triples:
    """The RDF of one resolved document as a list of triples (duplicates possible)."""
    base = base or base_iri()
    g = Triples()
    d = mint("document", doc.key, base=base)
    g.add((d, RDF.type, RK.Document))
    g.add((d, DCTERMS.title, en(doc.title)))
    if doc.subtitle:
        g.add((d, RK.subtitle, en(doc.subtitle)))
    for note in doc.notes:
        g.add((d, SKOS.note, en(note)))
    if doc.summary:
        g.add((d, DCTERMS.description, en(doc.summary)))
    if doc.date:
        g.add((d, DCTERMS.date, date_literal(doc.date)))
    for key in doc.doctypes:
        g.add((d, RICO.hasDocumentaryFormType, RK[f"doctype-{key}"]))
    for key in doc.states:
        g.add((d, RICO.hasRecordState, RK[f"state-{key}"]))
    if doc.rights:
        g.add((d, DCTERMS.rights, en(doc.rights)))
    if doc.document_number:
        g.add((d, RK.documentNumber, plain(doc.document_number)))
    _citations(g, d, doc.citations, doc.published_in, base)
    for role in doc.attributions:
        _role(g, d, role, "attribution", base, DOCUMENT_SHORTCUTS)
    for agent in doc.mentions:
        g.add((d, SCHEMA.mentions, _agent(g, agent, base)))
    for n, event in enumerate(doc.events, 1):
        e = URIRef(f"{d}/event-{n}")
        g.add((d, RICO.documents, e))
        g.add((e, RDF.type, RK.Meeting))
        g.add((e, RDFS.label, en(event.label)))
        if event.date:
            g.add((e, DCTERMS.date, date_literal(event.date)))
        if event.start:
            g.add((e, PROV.startedAtTime, Literal(event.start, datatype=XSD.dateTime)))
        if event.place:
            place = mint("place", slug(event.place), base=base)
            g.add((e, RICO.hasOrHadLocation, place))
            g.add((place, RDF.type, RICO.Place))
            g.add((place, SKOS.prefLabel, en(event.place)))
        for role in event.participants:
            _role(g, e, role, "participant", base, {}, association=True)
            g.add((e, RICO.hasOrHadParticipant, agent_iri(role.agent, base)))
    for n, ref in enumerate(doc.references, 1):
        r = URIRef(f"{d}/reference-{n}")
        g.add((d, DCTERMS.references, r))
        g.add((r, RDF.type, RK.Document))
        g.add((r, DCTERMS.title, en(ref.title)))
        if ref.date:
            g.add((r, DCTERMS.date, date_literal(ref.date)))
        if ref.doctype:
            g.add((r, RICO.hasDocumentaryFormType, RK[f"doctype-{ref.doctype}"]))
        if ref.author:
            g.add((r, DCTERMS.creator, _agent(g, ref.author, base)))
    if doc.translation:
        tr = doc.translation
        t = URIRef(f"{d}/translation-{tr.language}")
        g.add((t, RDF.type, RK.Translation))
        g.add((t, SCHEMA.translationOfWork, d))
        g.add((d, SCHEMA.workTranslation, t))
        g.add((t, DCTERMS.language, ISO639_1[tr.language]))
        if tr.record_id:
            g.add((t, RK.daRecordId, plain(tr.record_id)))
        if tr.url:
            g.add((t, SCHEMA.url, URIRef(tr.url)))
        if tr.issued:
            g.add((t, DCTERMS.issued, date_literal(tr.issued)))
        for note in tr.notes:
            g.add((t, SKOS.editorialNote, en(note)))
        for role in tr.attributions:
            _role(g, t, role, "attribution", base, TRANSLATION_SHORTCUTS)
    source = mint("source", f"sha256-{doc.source.sha256}", base=base)
    if doc.translation:
        g.add((t, PROV.wasDerivedFrom, source))
    record = graph_iri(doc, base)
    g.add((record, PROV.wasDerivedFrom, source))
    if doc.source.first_line:
        g.add((record, RK.firstLine, Literal(doc.source.first_line)))
    if doc.source.last_line:
        g.add((record, RK.lastLine, Literal(doc.source.last_line)))
    g.add((source, RDF.type, PROV.Entity))
    g.add((source, RK.sha256, plain(doc.source.sha256)))
    g.add((source, DCTERMS.source, plain(doc.source.path)))
    return g


def _agent(g: Graph | Triples, agent: Agent, base: str) -> URIRef:
    a = agent_iri(agent, base)
    g.add((a, RDF.type, RK.Person if agent.kind == "person" else RK.Organization))
    g.add((a, SKOS.prefLabel, en(agent.label or agent.name)))
    for link in agent.same_as:
        g.add((a, OWL.sameAs, URIRef(link)))
    for form in agent.written:
        if form != agent.label:
            g.add((a, SKOS.altLabel, en(form)))
    return a


def _role(g: Graph | Triples, subject: URIRef, role: Role, kind: str, base: str, shortcuts: dict[str, URIRef],
          association: bool = False) -> None:
    a = _agent(g, role.agent, base)
    node = URIRef(f"{subject}/{kind}/{role.agent.key}")
    g.add((subject, PROV.qualifiedAssociation if association else PROV.qualifiedAttribution, node))
    g.add((node, RDF.type, PROV.Association if association else PROV.Attribution))
    g.add((node, PROV.agent, a))
    for r in role.roles:
        g.add((node, PROV.hadRole, RK[f"role-{r}"]))
        if r in shortcuts:
            g.add((subject, shortcuts[r], a))
    if role.position:
        g.add((node, RK.positionHeld, en(role.position)))
    if role.date:
        g.add((node, DCTERMS.date, date_literal(role.date)))
    for form in role.written:
        g.add((node, RK.nameAsWritten, plain(form)))
        bare = form.split(" (hereafter ")[0]
        if bare != (role.agent.label or role.agent.name):
            g.add((a, SKOS.altLabel, en(bare)))


def citation_graph(citations: list[Citation], published_in: str | None = None, base: str | None = None) -> Graph:
    """The RDF of a citation on its own (``rdfkit cite -f turtle``): what a document citing it would get,
    on ``id:citation/sha-…`` (the hash of the verbatim text), with the repository and record sets."""
    import hashlib

    base = base or base_iri()
    key = hashlib.sha256("; ".join(c.verbatim for c in citations).encode("utf-8")).hexdigest()[:16]
    g = Graph()
    _citations(g, mint("citation", f"sha-{key}", base=base), citations, published_in, base)
    return g


def _citations(g: Graph | Triples, d: URIRef, citations: list[Citation], published_in: str | None, base: str) -> None:
    """The archival citations: verbatim text, holders, the record-set chain, item identifier and pages."""
    for c in citations:
        g.add((d, DCTERMS.bibliographicCitation, plain(c.verbatim)))
        if c.item:
            g.add((d, DCTERMS.identifier, plain(c.item)))
        if c.repository:
            r = _repository(g, c.repository, base)
            g.add((d, RICO.hasOrHadHolder, r))
            smallest = _record_sets(g, c, r, base)
            if smallest is not None:
                g.add((d, RICO.isOrWasIncludedIn, smallest))
    with_pages = [c.pages for c in citations if c.pages and c.pages.start]
    if len(with_pages) == 1:  # with two archives' ranges, a single pageStart would mislead
        g.add((d, BIBO.pageStart, plain(with_pages[0].start)))
        g.add((d, BIBO.pageEnd, plain(with_pages[0].end)))
    if published_in:
        g.add((d, DCTERMS.source, plain(published_in)))


def _repository(g: Graph | Triples, repo_id: str, base: str) -> URIRef:
    repo = repositories().get(repo_id)
    r = mint("repository", repo_id, base=base)
    if repo is None:
        return r
    g.add((r, RDF.type, RK.Repository))
    g.add((r, SKOS.prefLabel, en(repo.name)))
    g.add((r, SKOS.altLabel, plain(repo.abbreviation)))
    if repo.country:
        g.add((r, SCHEMA.addressCountry, plain(repo.country)))
    if repo.wikidata:
        g.add((r, OWL.sameAs, URIRef(repo.wikidata)))
    if repo.parent:
        parent = mint("organization", slug(repo.parent), base=base)
        g.add((r, RICO.isOrWasSubdivisionOf, parent))
        g.add((parent, RDF.type, RK.Organization))
        g.add((parent, SKOS.prefLabel, en(repo.parent)))
    return r


def _record_sets(g: Graph | Triples, c: Citation, holder: URIRef, base: str) -> URIRef | None:
    """Mint the chain of record sets above the item: ``recordset/{repo}/{type}-{value}/…``."""
    assert c.repository is not None
    repo = repositories().get(c.repository)
    path: list[str] = []
    parent = None
    for level in c.levels:
        if level.type == "item" or level.value is None:
            continue
        path.append(f"{level.type}-{level.value}")
        s = mint("recordset", c.repository, *path, base=base)
        g.add((s, RDF.type, RICO.RecordSet))
        g.add((s, RICO.identifier, plain(level.value)))
        level_name = (repo.levels.get(level.type) if repo else None) or level.type.replace("_", " ")
        g.add((s, RK.levelName, plain(level_name)))
        if level.type in RECORDSET_TYPES:
            g.add((s, RICO.hasRecordSetType, RECORDSET_TYPES[level.type]))
        g.add((s, RICO.hasOrHadHolder, holder))
        if parent is not None:
            g.add((s, RICO.isOrWasIncludedIn, parent))
        parent = s
    return parent


def authority_graph(entries: "Iterable[Entry]", base: str | None = None) -> Graph:
    """Authority entries as RDF: labels, aliases, links, offices and life years (for review or publishing)."""
    base = base or base_iri()
    g = Graph()
    for e in entries:
        a = mint(e.kind, e.id, base=base)
        g.add((a, RDF.type, RK.Person if e.kind == "person" else RK.Organization))
        g.add((a, SKOS.prefLabel, en(e.label)))
        for alias in e.aliases:
            g.add((a, SKOS.altLabel, plain(alias)))
        for link in e.links:
            g.add((a, OWL.sameAs, URIRef(link)))
        for office in e.positions:
            g.add((a, SCHEMA.jobTitle, en(office)))
        if e.born:
            g.add((a, SCHEMA.birthDate, Literal(e.born, datatype=XSD.gYear)))
        if e.died:
            g.add((a, SCHEMA.deathDate, Literal(e.died, datatype=XSD.gYear)))
        if e.note:
            g.add((a, SKOS.note, en(e.note)))
    return g
