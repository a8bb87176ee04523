"""What issue 2 says the converter must get out of the two seed documents, fact by fact."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from rdfkit.graph import BIBO, ISO639_1, RICO, RICRST, RK, SCHEMA, mint

D0 = mint("document", "da-118200")
D1 = mint("document", "da-121677")
T0 = URIRef(f"{D0}/translation-en")
T1 = URIRef(f"{D1}/translation-en")
ZHANG = mint("person", "zhang-hanfu")
CHERV = mint("person", "stepan-chervonenko")
MFA = mint("organization", "ministry-of-foreign-affairs-of-the-people-s-republic-of-china")
FILE = mint("recordset", "prc-fma", "series-118", "file-118-01765")
REPO = mint("repository", "prc-fma")


@pytest.fixture(scope="module")
def g(seeds_result) -> Graph:
    union = Graph()
    for s, p, o, _ in seeds_result.dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def one(g: Graph, s, p):
    values = list(g.objects(s, p))
    assert len(values) == 1, f"{s} {p}: {values}"
    return values[0]


def roles_of(g: Graph, subject, agent, qualified=PROV.qualifiedAttribution) -> set[str]:
    out = set()
    for node in g.objects(subject, qualified):
        if (node, PROV.agent, agent) in g:
            out |= {str(r).split("#role-")[1] for r in g.objects(node, PROV.hadRole)}
    return out


def node_for(g: Graph, subject, agent, qualified):
    nodes = [n for n in g.objects(subject, qualified) if (n, PROV.agent, agent) in g]
    assert len(nodes) == 1, nodes
    return nodes[0]


def test_minutes_document(g: Graph) -> None:
    assert (D0, RDF.type, RK.Document) in g
    assert one(g, D0, DCTERMS.title) == Literal(
        "Minutes of the Meeting between Vice Minister Zhang Hanfu and the Ambassador of the Soviet Union "
        "to China Chervonenko", lang="en")
    assert one(g, D0, DCTERMS.date) == Literal("1962-06-08", datatype=XSD.date)
    assert str(one(g, D0, RK.subtitle)).startswith("The Soviet Union’s Reply to our Memorandum dated 19 May")
    assert one(g, D0, SKOS.note) == Literal("(Not reviewed by Vice Minister Zhang)", lang="en")
    assert str(one(g, D0, DCTERMS.description)).startswith("Zhang Hanfu and Ambassador Chervonenko debate")
    assert one(g, D0, RICO.hasDocumentaryFormType) == RK["doctype-minutes"]
    assert str(one(g, D0, DCTERMS.rights)).startswith("The History and Public Policy Program welcomes reuse")


def test_minutes_citation(g: Graph) -> None:
    assert one(g, D0, DCTERMS.bibliographicCitation) == Literal("PRC FMA 118-01765-03, 24-26")
    assert one(g, D0, DCTERMS.identifier) == Literal("118-01765-03")
    assert (one(g, D0, BIBO.pageStart), one(g, D0, BIBO.pageEnd)) == (Literal("24"), Literal("26"))
    assert one(g, D0, RICO.hasOrHadHolder) == REPO
    assert "Ministry of Foreign Affairs of the People's Republic of China" in str(one(g, REPO, SKOS.prefLabel))
    assert one(g, REPO, RICO.isOrWasSubdivisionOf) == MFA
    assert one(g, D0, RICO.isOrWasIncludedIn) == FILE
    category = one(g, FILE, RICO.isOrWasIncludedIn)
    assert category == mint("recordset", "prc-fma", "series-118")
    assert one(g, category, RICO.identifier) == Literal("118")
    assert one(g, FILE, RICO.hasRecordSetType) == RICRST.File
    assert one(g, FILE, RICO.hasOrHadHolder) == REPO


def test_minutes_translation(g: Graph) -> None:
    assert one(g, D0, SCHEMA.workTranslation) == T0
    assert (T0, RDF.type, RK.Translation) in g
    assert one(g, T0, SCHEMA.translationOfWork) == D0
    assert one(g, T0, DCTERMS.language) == ISO639_1.en
    brands = one(g, T0, SCHEMA.translator)
    assert (brands, RDF.type, RK.Organization) in g
    assert one(g, brands, SKOS.prefLabel) == Literal("7Brands", lang="en")
    assert one(g, T0, RK.daRecordId) == Literal("118200")
    assert one(g, T0, DCTERMS.issued) == Literal("2013-10-10", datatype=XSD.date)
    macarthur = mint("organization", "macarthur-foundation")
    luce = mint("organization", "henry-luce-foundation")
    assert set(g.objects(T0, SCHEMA.funder)) == {macarthur}
    assert set(g.objects(T0, SCHEMA.sponsor)) == {macarthur, luce}
    assert roles_of(g, T0, macarthur) == {"funder", "donor"}
    assert roles_of(g, T0, brands) == {"translator"}


def test_minutes_meeting(g: Graph) -> None:
    meeting = one(g, D0, RICO.documents)
    assert (meeting, RDF.type, RK.Meeting) in g
    assert one(g, meeting, DCTERMS.date) == Literal("1962-06-08", datatype=XSD.date)
    assert one(g, meeting, PROV.startedAtTime) == Literal("1962-06-08T17:00:00", datatype=XSD.dateTime)
    place = one(g, meeting, RICO.hasOrHadLocation)
    assert one(g, place, SKOS.prefLabel) == Literal("Meeting Room, Ministry of Foreign Affairs", lang="en")
    people = {str(one(g, a, SKOS.prefLabel)): a for a in g.objects(meeting, RICO.hasOrHadParticipant)}
    assert set(people) == {"Zhang Hanfu", "Stepan Chervonenko", "Yu Man", "Wang Gaiqing", "Zhang Zifan"}
    qa = PROV.qualifiedAssociation
    assert roles_of(g, meeting, people["Yu Man"], qa) == {"attendee"}
    assert roles_of(g, meeting, people["Wang Gaiqing"], qa) == {"interpreter"}
    assert roles_of(g, meeting, people["Zhang Zifan"], qa) == {"note-taker"}
    assert roles_of(g, meeting, ZHANG, qa) == {"participant", "speaker"}
    assert roles_of(g, meeting, CHERV, qa) == {"participant", "speaker"}
    position = lambda agent: str(one(g, node_for(g, meeting, agent, qa), RK.positionHeld))  # noqa: E731
    assert position(ZHANG) == "Vice Minister"
    assert position(CHERV) == "Ambassador of the Soviet Union to China"
    assert position(people["Yu Man"]) == "Deputy Director of the Department of Soviet and Eastern European Affairs"
    written = {str(w) for w in g.objects(node_for(g, meeting, CHERV, qa), RK.nameAsWritten)}
    assert "Ambassador Chervonenko (hereafter Chervonenko)" in written
    assert "Vice Minister Zhang (hereafter Zhang)" in {
        str(w) for w in g.objects(node_for(g, meeting, ZHANG, qa), RK.nameAsWritten)}
    assert (CHERV, SKOS.altLabel, Literal("Ambassador Chervonenko", lang="en")) in g
    assert (ZHANG, SKOS.altLabel, Literal("Vice Minister Zhang", lang="en")) in g


def test_reply_document(g: Graph) -> None:
    assert one(g, D1, DCTERMS.title) == Literal(
        "Reply to the Soviet Government Memorandum of 7 June and the Oral Supplementary Statement of 11 June (Draft)",
        lang="en")
    assert one(g, D1, DCTERMS.date) == Literal("1962-06-25", datatype=XSD.date)
    assert one(g, D1, RICO.hasDocumentaryFormType) == RK["doctype-reply"]
    assert one(g, D1, RICO.hasRecordState) == RK["state-draft"]
    assert str(one(g, D1, DCTERMS.description)).startswith("The Chinese Ministry of Foreign Affairs informs")
    assert one(g, D1, RK.documentNumber) == Literal("594")
    assert one(g, D1, DCTERMS.bibliographicCitation) == Literal("PRC FMA 118-01765-04, 38-40")
    assert (one(g, D1, BIBO.pageStart), one(g, D1, BIBO.pageEnd)) == (Literal("38"), Literal("40"))
    assert one(g, D1, RICO.isOrWasIncludedIn) == FILE  # the same file IRI as the minutes


def test_reply_translation(g: Graph) -> None:
    assert one(g, D1, SCHEMA.workTranslation) == T1
    mercado = one(g, T1, SCHEMA.translator)
    assert (mercado, RDF.type, RK.Person) in g
    assert one(g, mercado, SKOS.prefLabel) == Literal("Stephen Mercado", lang="en")
    assert one(g, T1, RK.daRecordId) == Literal("121677")
    assert one(g, T1, DCTERMS.issued) == Literal("2015-03-12", datatype=XSD.date)
    luce = mint("organization", "henry-luce-foundation")
    assert roles_of(g, T1, luce) == {"funder", "donor"}
    assert any("Chen's name is circled" in str(n) for n in g.objects(T1, SKOS.editorialNote))


def test_reply_attributions(g: Graph) -> None:
    assert roles_of(g, D1, ZHANG) == {"author", "signatory"}
    assert one(g, node_for(g, D1, ZHANG, PROV.qualifiedAttribution), DCTERMS.date) == Literal(
        "1962-06-22", datatype=XSD.date)
    chen = mint("person", "chen-yi")
    assert roles_of(g, D1, chen) == {"approver"}
    assert one(g, node_for(g, D1, chen, PROV.qualifiedAttribution), RK.positionHeld) == Literal(
        "Vice Premier", lang="en")
    assert roles_of(g, D1, MFA) == {"issuing-body"}
    soviet = one(g, D1, SCHEMA.recipient)
    assert (soviet, RDF.type, RK.Organization) in g
    assert roles_of(g, D1, soviet) == {"recipient"}
    assert (D1, DCTERMS.creator, ZHANG) in g and (D1, DCTERMS.creator, MFA) in g


def test_reply_references(g: Graph) -> None:
    refs = {str(one(g, r, DCTERMS.title)): r for r in g.objects(D1, DCTERMS.references)}
    assert set(refs) == {"Soviet Government Memorandum of 7 June", "Oral Supplementary Statement of 11 June"}
    memo, oral = refs["Soviet Government Memorandum of 7 June"], refs["Oral Supplementary Statement of 11 June"]
    assert one(g, memo, DCTERMS.date) == Literal("1962-06-07", datatype=XSD.date)
    assert one(g, memo, RICO.hasDocumentaryFormType) == RK["doctype-memorandum"]
    assert one(g, oral, DCTERMS.date) == Literal("1962-06-11", datatype=XSD.date)
    assert one(g, oral, RICO.hasDocumentaryFormType) == RK["doctype-statement"]


def test_one_iri_per_identity_across_documents(seeds_result) -> None:
    graphs = {str(c.identifier): c for c in seeds_result.dataset.graphs() if len(c)}
    g0 = graphs[str(mint("graph", "da-118200"))]
    g1 = graphs[str(mint("graph", "da-121677"))]
    for shared in (ZHANG, CHERV, MFA, FILE):
        assert (shared, None, None) in g0, shared
        assert (shared, None, None) in g1, shared
    assert (CHERV, SKOS.prefLabel, Literal("Stepan Chervonenko", lang="en")) in g0
    assert (CHERV, SKOS.altLabel, Literal("[Stepan] Chervonenko", lang="en")) in g1
    assert (D1, SCHEMA.mentions, CHERV) in g1


def test_no_blank_nodes(seeds_result) -> None:
    for quad in seeds_result.dataset.quads((None, None, None, None)):
        assert not any(isinstance(t, BNode) for t in quad[:3]), quad


def test_named_graph_per_document_with_provenance(seeds_result) -> None:
    graphs = [c for c in seeds_result.dataset.graphs() if len(c)]
    assert len(graphs) == 2
    for ctx in graphs:
        sources = list(ctx.objects(ctx.identifier, PROV.wasDerivedFrom))
        assert len(sources) == 1
        assert len(str(one(ctx, sources[0], RK.sha256))) == 64
        assert str(one(ctx, sources[0], DCTERMS.source)).endswith(".txt")
    assert not list(seeds_result.errors)
    assert isinstance(RDFS.label, URIRef)


def test_every_rk_term_in_the_output_is_declared(g: Graph) -> None:
    from rdfkit import ontology_graph

    declared = set(ontology_graph().subjects())
    used = {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(str(RK))}
    assert used, "the output uses no rk: terms at all"
    assert used <= declared, sorted(str(t) for t in used - declared)
