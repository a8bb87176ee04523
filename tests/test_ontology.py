"""The rdfkit vocabulary (ontology/rdfkit.ttl): it parses, documents every term, declares every
``rk:`` term the rest of the repository uses, and follows the alignments in docs/model.md."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import to_isomorphic
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS

from rdfkit.resources import ontology_graph, ontology_path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_FILE = ROOT / "ontology" / "rdfkit.ttl"

RK_NS = "https://w3id.org/rdfkit/ns#"
RK = Namespace(RK_NS)
ONTOLOGY_IRI = URIRef("https://w3id.org/rdfkit/ns")
RICO = Namespace("https://www.ica.org/standards/RiC/ontology#")
SCHEMA = Namespace("https://schema.org/")
CRM = Namespace("http://www.cidoc-crm.org/cidoc-crm/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
REL = Namespace("http://id.loc.gov/vocabulary/relators/")
VANN = Namespace("http://purl.org/vocab/vann/")
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")

ROLE_KEYS = [
    "participant", "attendee", "interpreter", "note-taker", "speaker", "author", "signatory",
    "approver", "recipient", "translator", "funder", "donor", "issuing-body", "contributor", "editor",
]
DOCTYPE_KEYS = [
    "minutes", "memorandum", "memorandum-of-conversation", "record-of-conversation", "telegram",
    "cable", "letter", "note", "report", "reply", "statement", "message", "notes", "speech",
    "resolution", "instruction", "diary", "transcript", "protocol", "decree", "draft-agreement",
]
STATE_KEYS = ["draft", "final", "copy"]

SCHEMES = {
    RK.RoleScheme: ("role-", ROLE_KEYS, PROV.Role),
    RK.DocumentTypeScheme: ("doctype-", DOCTYPE_KEYS, RICO.DocumentaryFormType),
    RK.RecordStateScheme: ("state-", STATE_KEYS, RICO.RecordState),
}

CLASSES = ["Document", "Translation", "Person", "Organization", "Meeting", "Repository"]
PROPERTIES = [
    "subtitle", "documentNumber", "daRecordId", "positionHeld", "nameAsWritten", "levelName",
    "sha256", "firstLine", "lastLine",
]

# The alignments docs/model.md gives: "⊑" is rdfs:subClassOf/subPropertyOf, "≈" is skos:closeMatch.
SUPERCLASSES = {
    RK.Document: {RICO.Record},
    RK.Translation: {RICO.Record, SCHEMA.CreativeWork},
    RK.Person: {RICO.Person},
    RK.Organization: {RICO.CorporateBody},
    RK.Meeting: {RICO.Activity, PROV.Activity},
    RK.Repository: {RICO.CorporateBody},
}
CLOSE_MATCHES = {
    RK.Document: {CRM.E31_Document, SCHEMA.ArchiveComponent},
    RK.Translation: set(),
    RK.Person: {FOAF.Person, SCHEMA.Person, CRM.E21_Person},
    RK.Organization: {FOAF.Organization, SCHEMA.Organization, CRM.E74_Group},
    RK.Meeting: {SEM.Event, SCHEMA.Event, CRM.E7_Activity},
    RK.Repository: {SCHEMA.ArchiveOrganization},
}
SUPERPROPERTIES = {
    RK.subtitle: {DCTERMS.alternative},
    RK.documentNumber: {DCTERMS.identifier},
    RK.daRecordId: {DCTERMS.identifier},
    RK.positionHeld: set(),
    RK.nameAsWritten: set(),
    RK.levelName: set(),
    RK.sha256: set(),
}

# External terms the ontology may point to. Each one is known to exist in its vocabulary; a term
# not listed here is a typo or an invention until someone checks it and adds it.
KNOWN_EXTERNAL_TERMS = {
    RICO.Record, RICO.RecordResource, RICO.Person, RICO.CorporateBody, RICO.Activity,
    RICO.DocumentaryFormType, RICO.RecordState,
    PROV.Activity, PROV.Entity, PROV.AgentInfluence, PROV.Role,
    SCHEMA.CreativeWork, SCHEMA.ArchiveComponent, SCHEMA.ArchiveOrganization, SCHEMA.Person,
    SCHEMA.Organization, SCHEMA.Event, SCHEMA.recipient, SCHEMA.translator, SCHEMA.funder,
    SCHEMA.sponsor,
    CRM.E31_Document, CRM.E21_Person, CRM.E74_Group, CRM.E7_Activity,
    SEM.Event, FOAF.Person, FOAF.Organization,
    DCTERMS.alternative, DCTERMS.identifier,
    REL.aut, REL.trl, REL.rcp, REL.scr, REL.fnd, REL.spk, REL.isb, REL.sgn, REL.edt,
    RDFS.Literal, URIRef("http://www.w3.org/2001/XMLSchema#integer"),
}
ALIGNMENT_PREDICATES = [
    RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, SKOS.closeMatch,
    SKOS.exactMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch, OWL.equivalentClass,
    OWL.equivalentProperty,
]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def rk_subjects(g: Graph, rdf_type: URIRef) -> set[URIRef]:
    return {s for s in g.subjects(RDF.type, rdf_type) if str(s).startswith(RK_NS)}


def declared_terms(g: Graph) -> set[str]:
    """Local names of every rk: IRI the ontology gives a type to."""
    return {str(s)[len(RK_NS):] for s in g.subjects(RDF.type, None) if str(s).startswith(RK_NS)}


def en_literals(g: Graph, s: URIRef, p: URIRef) -> list[Literal]:
    return [o for o in g.objects(s, p) if isinstance(o, Literal) and o.language == "en"]


# --- Parsing ----------------------------------------------------------------------------------


def test_resources_point_at_the_authored_file() -> None:
    assert ontology_path().resolve().read_bytes() == ONTOLOGY_FILE.read_bytes()


def test_parses_with_rdflib_through_the_package(onto: Graph) -> None:
    g = ontology_graph()
    assert len(g) > 100
    assert to_isomorphic(g) == to_isomorphic(onto)


def test_ontology_graph_is_fresh_each_time() -> None:
    first = ontology_graph()
    first.add((RK.Scratch, RDF.type, OWL.Class))
    assert (RK.Scratch, RDF.type, OWL.Class) not in ontology_graph()


def test_parses_with_pyoxigraph_to_the_same_graph(onto: Graph) -> None:
    with ONTOLOGY_FILE.open("rb") as f:
        quads = list(pyoxigraph.parse(f, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(onto)
    nt = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert nt is not None
    from_oxigraph = Graph().parse(data=nt.decode("utf-8"), format="nt")
    assert to_isomorphic(from_oxigraph) == to_isomorphic(onto)


def test_file_is_utf8_and_ends_with_newline() -> None:
    text = ONTOLOGY_FILE.read_bytes().decode("utf-8")
    assert text.endswith("\n")
    assert "\r" not in text and "\t" not in text


def test_no_blank_nodes(onto: Graph) -> None:
    blank = [t for t in onto if any(isinstance(x, BNode) for x in t)]
    assert not blank, f"blank nodes in the ontology: {blank[:5]}"


# --- Header -----------------------------------------------------------------------------------


def test_ontology_header(onto: Graph) -> None:
    assert set(onto.subjects(RDF.type, OWL.Ontology)) == {ONTOLOGY_IRI}
    assert len(en_literals(onto, ONTOLOGY_IRI, DCTERMS.title)) == 1
    assert len(en_literals(onto, ONTOLOGY_IRI, DCTERMS.description)) == 1
    assert set(onto.objects(ONTOLOGY_IRI, OWL.versionInfo)) == {Literal("0.1.0")}
    assert set(onto.objects(ONTOLOGY_IRI, DCTERMS.license)) == {
        URIRef("https://spdx.org/licenses/MIT")
    }
    assert set(onto.objects(ONTOLOGY_IRI, VANN.preferredNamespacePrefix)) == {Literal("rk")}
    assert set(onto.objects(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == {Literal(RK_NS)}


def test_nothing_is_imported(onto: Graph) -> None:
    # Loading the ontology must never fetch anything (DESIGN.md, section 8).
    assert not list(onto.triples((None, OWL.imports, None)))


# --- Classes and properties -------------------------------------------------------------------


def test_declares_the_model_classes_and_properties(onto: Graph) -> None:
    assert rk_subjects(onto, OWL.Class) == {RK[c] for c in CLASSES}
    properties = rk_subjects(onto, OWL.DatatypeProperty) | rk_subjects(onto, OWL.ObjectProperty)
    assert properties == {RK[p] for p in PROPERTIES}
    assert not rk_subjects(onto, RDF.Property), "use owl:ObjectProperty or owl:DatatypeProperty"
    assert not rk_subjects(onto, OWL.AnnotationProperty)


def test_object_and_datatype_properties_do_not_overlap(onto: Graph) -> None:
    both = rk_subjects(onto, OWL.DatatypeProperty) & rk_subjects(onto, OWL.ObjectProperty)
    assert not both


@pytest.mark.parametrize("name", CLASSES + PROPERTIES)
def test_term_is_documented(onto: Graph, name: str) -> None:
    term = RK[name]
    labels = en_literals(onto, term, RDFS.label)
    comments = en_literals(onto, term, RDFS.comment)
    assert len(labels) == 1, f"rk:{name} needs exactly one rdfs:label @en, has {labels}"
    assert len(comments) == 1, f"rk:{name} needs exactly one rdfs:comment @en, has {comments}"
    assert len(list(onto.objects(term, RDFS.label))) == 1
    assert len(list(onto.objects(term, RDFS.comment))) == 1
    assert len(str(comments[0]).split()) >= 8, f"rk:{name}: the definition is too short"
    assert set(onto.objects(term, RDFS.isDefinedBy)) == {ONTOLOGY_IRI}


def test_every_rk_resource_is_defined_by_the_ontology(onto: Graph) -> None:
    for name in sorted(declared_terms(onto)):
        assert set(onto.objects(RK[name], RDFS.isDefinedBy)) == {ONTOLOGY_IRI}, name


@pytest.mark.parametrize("cls", sorted(SUPERCLASSES))
def test_class_alignments_follow_the_model(onto: Graph, cls: URIRef) -> None:
    assert set(onto.objects(cls, RDFS.subClassOf)) == SUPERCLASSES[cls]
    assert set(onto.objects(cls, SKOS.closeMatch)) == CLOSE_MATCHES[cls]
    assert not list(onto.objects(cls, OWL.equivalentClass))


@pytest.mark.parametrize("prop", sorted(SUPERPROPERTIES))
def test_property_alignments_follow_the_model(onto: Graph, prop: URIRef) -> None:
    assert set(onto.objects(prop, RDFS.subPropertyOf)) == SUPERPROPERTIES[prop]


def test_rk_properties_take_literals(onto: Graph) -> None:
    # Every rk: property in docs/model.md has a literal value: none may be an object property.
    assert not rk_subjects(onto, OWL.ObjectProperty)
    for prop in rk_subjects(onto, OWL.DatatypeProperty):
        assert set(onto.objects(prop, RDFS.range)) <= {RDFS.Literal, XSD_STRING, XSD_INTEGER, RDF.langString}


def test_domains_are_conservative(onto: Graph) -> None:
    # A domain is an inference rule: each one here was checked to hold for every use in the model.
    expected = {
        RK.subtitle: {RICO.RecordResource},
        RK.documentNumber: {RICO.Record},
        RK.daRecordId: {RICO.Record},
        RK.positionHeld: {PROV.AgentInfluence},
        RK.nameAsWritten: {PROV.AgentInfluence},
        RK.levelName: {RICO.RecordResource},
        RK.sha256: {PROV.Entity},
    }
    actual = {p: set(onto.objects(p, RDFS.domain)) for p in expected}
    assert actual == expected
    declared_domains = {p for p in onto.subjects(RDFS.domain, None)}
    assert declared_domains <= set(expected), "a new domain needs the same check"


def test_external_terms_are_known(onto: Graph) -> None:
    unknown = set()
    for p in ALIGNMENT_PREDICATES:
        for s, o in onto.subject_objects(p):
            if isinstance(o, URIRef) and not str(o).startswith(RK_NS):
                if o not in KNOWN_EXTERNAL_TERMS:
                    unknown.add((s, p, o))
    for s, o in onto.subject_objects(RDF.type):
        if str(s).startswith(RK_NS) and not str(o).startswith(
            (str(OWL), str(SKOS), str(RDFS), str(RDF))
        ):
            if o not in KNOWN_EXTERNAL_TERMS:
                unknown.add((s, RDF.type, o))
    assert not unknown, f"external terms not known to exist: {sorted(unknown)}"


def test_rk_iris_used_inside_the_ontology_are_declared(onto: Graph) -> None:
    declared = declared_terms(onto)
    used = {
        str(x)[len(RK_NS):]
        for t in onto
        for x in t
        if isinstance(x, URIRef) and str(x).startswith(RK_NS)
    }
    assert used - declared == set()


# --- Concept schemes --------------------------------------------------------------------------


def test_concept_schemes_are_declared_and_described(onto: Graph) -> None:
    assert rk_subjects(onto, SKOS.ConceptScheme) == set(SCHEMES)
    for scheme in SCHEMES:
        assert len(en_literals(onto, scheme, SKOS.prefLabel)) == 1, scheme
        assert len(en_literals(onto, scheme, DCTERMS.description)) == 1, scheme


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_scheme_has_exactly_the_model_concepts(onto: Graph, scheme: URIRef) -> None:
    prefix, keys, _ = SCHEMES[scheme]
    expected = {RK[prefix + key] for key in keys}
    assert set(onto.subjects(SKOS.inScheme, scheme)) == expected
    assert set(onto.subjects(SKOS.topConceptOf, scheme)) == expected
    assert set(onto.objects(scheme, SKOS.hasTopConcept)) == expected


@pytest.mark.parametrize("key", ROLE_KEYS)
def test_role_concept_exists(onto: Graph, key: str) -> None:
    concept = RK["role-" + key]
    assert (concept, RDF.type, SKOS.Concept) in onto
    assert (concept, SKOS.inScheme, RK.RoleScheme) in onto


@pytest.mark.parametrize("key", DOCTYPE_KEYS)
def test_doctype_concept_exists(onto: Graph, key: str) -> None:
    concept = RK["doctype-" + key]
    assert (concept, RDF.type, SKOS.Concept) in onto
    assert (concept, SKOS.inScheme, RK.DocumentTypeScheme) in onto


@pytest.mark.parametrize("key", STATE_KEYS)
def test_state_concept_exists(onto: Graph, key: str) -> None:
    concept = RK["state-" + key]
    assert (concept, RDF.type, SKOS.Concept) in onto
    assert (concept, SKOS.inScheme, RK.RecordStateScheme) in onto


def test_every_concept_is_documented(onto: Graph) -> None:
    schemes = set(onto.subjects(RDF.type, SKOS.ConceptScheme))
    concepts = set(onto.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == len(ROLE_KEYS) + len(DOCTYPE_KEYS) + len(STATE_KEYS)
    for concept in sorted(concepts):
        assert len(en_literals(onto, concept, SKOS.prefLabel)) == 1, concept
        assert len(list(onto.objects(concept, SKOS.prefLabel))) == 1, concept
        assert len(en_literals(onto, concept, SKOS.definition)) == 1, concept
        in_scheme = set(onto.objects(concept, SKOS.inScheme))
        assert len(in_scheme) == 1 and in_scheme <= schemes, concept
        assert set(onto.objects(concept, SKOS.topConceptOf)) == in_scheme, concept


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_notation_is_the_short_key(onto: Graph, scheme: URIRef) -> None:
    prefix, keys, _ = SCHEMES[scheme]
    for key in keys:
        assert list(onto.objects(RK[prefix + key], SKOS.notation)) == [Literal(key)]


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_concepts_are_typed_for_the_property_that_uses_them(onto: Graph, scheme: URIRef) -> None:
    # prov:hadRole ranges over prov:Role, rico:hasDocumentaryFormType over
    # rico:DocumentaryFormType, rico:hasRecordState over rico:RecordState.
    _, _, cls = SCHEMES[scheme]
    for concept in onto.subjects(SKOS.inScheme, scheme):
        assert (concept, RDF.type, cls) in onto, concept


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_labels_are_unambiguous_within_a_scheme(onto: Graph, scheme: URIRef) -> None:
    # A converter matching titles against these labels must find at most one concept.
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for concept in onto.subjects(SKOS.inScheme, scheme):
        for p in (SKOS.prefLabel, SKOS.altLabel):
            for label in onto.objects(concept, p):
                assert isinstance(label, Literal) and label.language == "en", (concept, label)
                owners[str(label).casefold()].add(concept)
    shared = {label: sorted(c) for label, c in owners.items() if len(c) > 1}
    assert not shared


def test_relator_matches(onto: Graph) -> None:
    matches = {
        (s, p, o)
        for p in (SKOS.exactMatch, SKOS.closeMatch)
        for s, o in onto.subject_objects(p)
        if str(o).startswith(str(REL))
    }
    assert matches == {
        (RK["role-author"], SKOS.exactMatch, REL.aut),
        (RK["role-translator"], SKOS.exactMatch, REL.trl),
        (RK["role-recipient"], SKOS.exactMatch, REL.rcp),
        (RK["role-funder"], SKOS.exactMatch, REL.fnd),
        (RK["role-issuing-body"], SKOS.exactMatch, REL.isb),
        (RK["role-editor"], SKOS.exactMatch, REL.edt),
        (RK["role-note-taker"], SKOS.closeMatch, REL.scr),
        (RK["role-speaker"], SKOS.closeMatch, REL.spk),
        (RK["role-signatory"], SKOS.closeMatch, REL.sgn),
    }
    # MARC "dnr" is a former owner who gave the item away, not a Digital Archive donor.
    assert not list(onto.objects(RK["role-donor"], SKOS.exactMatch))


# --- Every rk: term used in the repository is declared ----------------------------------------

_NAME = r"[A-Za-z_][\w-]*(?:\.[\w-]+)*"
# A following "<", "{", "[" or "*" marks a template such as ``rk:doctype-<key>``: not a term.
_NOT_TEMPLATE = r"(?![<{\[*\w-]|\.[\w-])"
_PREFIXED = re.compile(r"(?<![\w.:/#-])rk:(" + _NAME + r")" + _NOT_TEMPLATE)
_FULL_IRI = re.compile(re.escape(RK_NS) + r"(" + _NAME + r")" + _NOT_TEMPLATE)
_PY_ATTR = re.compile(r"\bRK\.([A-Za-z][A-Za-z0-9_]*)\b(?!\s*\()")
_PY_ITEM = re.compile(r"\bRK(?:\[|\.term\()\s*[\"']([^\"'{}\s]+)[\"']\s*[\])]")
_BACKTICKED = re.compile(r"`([^`\n]+)`")
# "rk:XShape a sh:NodeShape" in an example names a shape, not a vocabulary term.
_SHAPE_DECLARATION = re.compile(
    r"(?<![\w.:/#-])rk:(" + _NAME + r")\s+(?:a|rdf:type)\s+sh:(?:NodeShape|PropertyShape)\b"
)


def rk_terms_in_text(text: str, *, python: bool = False) -> set[str]:
    """Local names of the ``rk:`` terms a text uses: prefixed names and full IRIs, and for Python
    also ``RK.name``, ``RK["name"]`` and ``RK.term("name")``. The namespace alone is no term, and
    neither is a name the text declares as a SHACL shape."""
    names = set(_PREFIXED.findall(text)) | set(_FULL_IRI.findall(text))
    names -= set(_SHAPE_DECLARATION.findall(text))
    if python:
        names |= {n for n in _PY_ATTR.findall(text) if n != "term" and not hasattr(str, n)}
        names |= set(_PY_ITEM.findall(text))
    return names


def _shape_names(path: Path) -> set[str]:
    """rk: IRIs that a shapes file uses to name its own shapes: shape names, not vocabulary."""
    try:
        g = Graph().parse(path, format="turtle")
    except Exception:  # a file another engineer is still writing; the shapes tests report it
        return set()
    shapes = set()
    for cls in (SH.NodeShape, SH.PropertyShape):
        shapes |= set(g.subjects(RDF.type, cls))
    shapes |= set(g.objects(None, SH.property)) | set(g.objects(None, SH.node))
    return {str(s)[len(RK_NS):] for s in shapes if str(s).startswith(RK_NS)}


def repository_uses() -> dict[str, set[str]]:
    """Every rk: local name used in the repository, mapped to the files that use it."""
    uses: dict[str, set[str]] = defaultdict(set)

    def record(path: Path, names: set[str]) -> None:
        for name in names:
            uses[name].add(str(path.relative_to(ROOT)))

    for path in sorted((ROOT / "shapes").rglob("*.ttl")):
        text = path.read_text(encoding="utf-8", errors="replace")
        record(path, rk_terms_in_text(text) - _shape_names(path))
    for path in sorted((ROOT / "rdfkit").rglob("*.py")):
        record(path, rk_terms_in_text(path.read_text(encoding="utf-8"), python=True))
    for path in sorted((ROOT / "ontology").glob("*.jsonld")):
        record(path, rk_terms_in_text(path.read_text(encoding="utf-8")))
    cases = ROOT / "tests" / "cases"
    for pattern in ("*.ttl", "*.nt", "*.nq", "*.trig", "*.jsonld"):
        for path in sorted(cases.rglob(pattern)):
            record(path, rk_terms_in_text(path.read_text(encoding="utf-8", errors="replace")))
    model = ROOT / "docs" / "model.md"
    if model.exists():
        spans = _BACKTICKED.findall(model.read_text(encoding="utf-8"))
        record(model, set().union(*(rk_terms_in_text(s) for s in spans)))
    return uses


def test_scanner_finds_terms_and_ignores_the_namespace() -> None:
    turtle = """@prefix rk: <https://w3id.org/rdfkit/ns#> .
    PREFIX rk: <https://w3id.org/rdfkit/ns#>
    ex:s sh:path rk:subtitle ; sh:class rk:Document ; sh:in ( rk:role-note-taker ) .
    ex:t sh:hasValue <https://w3id.org/rdfkit/ns#sha256> ; rdfs:comment "see rk:doctype-<key>" .
    ex:u sh:class rk:Meeting.
    rk:DocumentShape a sh:NodeShape ; sh:targetClass rk:Translation ."""
    assert rk_terms_in_text(turtle) == {
        "subtitle", "Document", "role-note-taker", "sha256", "Meeting", "Translation",
    }
    python = """RK = Namespace("https://w3id.org/rdfkit/ns#")
    PREFIXES = {"rk": str(RK)}
    g.add((doc, RDF.type, RK.Document)); g.add((a, PROV.hadRole, RK["role-issuing-body"]))
    RK.term('levelName'); RK[f"doctype-{key}"]; str(RK).startswith("x"); network: 1
    """
    assert rk_terms_in_text(python, python=True) == {
        "Document", "role-issuing-body", "levelName",
    }


def test_scanner_reads_the_model(onto: Graph) -> None:
    uses = repository_uses()
    from_model = {n for n, files in uses.items() if "docs/model.md" in files}
    # The model names every class and property, and some concepts in full.
    assert {*CLASSES, *PROPERTIES, "RoleScheme", "doctype-minutes", "state-draft"} <= from_model
    assert {f"role-{key}" for key in ROLE_KEYS} <= from_model


def test_every_rk_term_used_in_the_repository_is_declared(onto: Graph) -> None:
    declared = declared_terms(onto)
    undeclared = {
        f"rk:{name} (in {', '.join(sorted(files))})"
        for name, files in repository_uses().items()
        if name not in declared
    }
    assert not undeclared, (
        "rk: terms used but not declared in ontology/rdfkit.ttl (declare them, with docs/model.md, "
        "or fix the spelling): " + "; ".join(sorted(undeclared))
    )


def test_every_class_and_property_is_in_the_model(onto: Graph) -> None:
    # docs/model.md is the contract: the ontology may not grow terms the model does not list.
    model = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    in_model = set().union(*(rk_terms_in_text(s) for s in _BACKTICKED.findall(model)))
    terms = rk_subjects(onto, OWL.Class) | rk_subjects(onto, OWL.DatatypeProperty)
    terms |= rk_subjects(onto, OWL.ObjectProperty) | rk_subjects(onto, SKOS.ConceptScheme)
    missing = {str(t)[len(RK_NS):] for t in terms} - in_model
    assert not missing, f"declared but not in docs/model.md: {sorted(missing)}"
