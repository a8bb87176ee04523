"""Exports: every format re-parses (with pyoxigraph) to the source graph, bytes are the same in
every process, the JSON-LD nests documents, and the VoID counts are what the data holds."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, VOID

from rdfkit import rdfio
from rdfkit.export import EXPORT_FORMATS, export, jsonld_document, serialize, serialize_quads, void_description
from rdfkit.graph import PREFIXES, PROV, RICO, RK, SCHEMA
from rdfkit.resources import jsonld_context
from tests.graphs import assert_isomorphic

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "export" / "sample.trig"
ID = "https://w3id.org/rdfkit/id/"
FORMATS = ["turtle", "nt", "nquads", "trig", "json-ld", "xml"]
GRAPH_FORMATS = ["trig", "nquads"]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return rdfio.read_dataset([SAMPLE])


def union(ds: Dataset | Graph) -> Graph:
    g = Graph()
    if isinstance(ds, Dataset):
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
    else:
        for t in ds:
            g.add(t)
    return g


def per_graph(quads: list[ox.Quad]) -> dict[str, Graph]:
    """pyoxigraph quads grouped by graph name ('' for the default graph) as rdflib graphs."""
    graphs: dict[str, Graph] = defaultdict(Graph)
    for q in quads:
        name = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        graphs[name].add((rdfio.to_rdflib(q.subject), rdfio.to_rdflib(q.predicate), rdfio.to_rdflib(q.object)))
    return dict(graphs)


def reparse(data: bytes, fmt: str) -> list[ox.Quad]:
    """Parse with pyoxigraph, the independent parser; no base IRI, so nothing relative sneaks through."""
    return list(ox.parse(io.BytesIO(data), format=rdfio.get_format(fmt).ox))


def quads_union(quads: list[ox.Quad]) -> Graph:
    g = Graph()
    for q in quads:
        g.add((rdfio.to_rdflib(q.subject), rdfio.to_rdflib(q.predicate), rdfio.to_rdflib(q.object)))
    return g


# --------------------------------------------------------------------------------------------
# round trips


def test_fixture_has_two_named_graphs_sharing_a_person(dataset: Dataset) -> None:
    graphs = per_graph(rdfio.to_ox_quads(dataset))
    named = sorted(k for k in graphs if k)
    assert named == [ID + "graph/da-118200", ID + "graph/da-121677"]
    person = URIRef(ID + "person/zhang-hanfu")
    assert all((person, RDF.type, RK.Person) in graphs[k] for k in named)


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_reparses_to_the_union(dataset: Dataset, fmt: str) -> None:
    data = serialize(dataset, fmt)
    assert_isomorphic(quads_union(reparse(data, fmt)), union(dataset), label=fmt)


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_dataset_formats_keep_each_named_graph(dataset: Dataset, fmt: str) -> None:
    expected = per_graph(rdfio.to_ox_quads(dataset))
    actual = per_graph(reparse(serialize(dataset, fmt), fmt))
    assert sorted(actual) == sorted(expected)
    for name in expected:
        assert_isomorphic(actual[name], expected[name], label=f"{fmt} graph {name or '(default)'}")


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld"])
def test_union_formats_have_no_duplicates(dataset: Dataset, fmt: str) -> None:
    quads = reparse(serialize(dataset, fmt), fmt)
    assert all(isinstance(q.graph_name, ox.DefaultGraph) for q in quads)
    assert len(quads) == len(union(dataset))


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "json-ld"])
def test_rdflib_reads_the_exports_too(dataset: Dataset, fmt: str) -> None:
    data = serialize(dataset, fmt)
    parsed = Dataset()
    parsed.parse(data=data, format=fmt)
    assert_isomorphic(union(parsed), union(dataset), label=f"{fmt} read by rdflib")


def tricky_graph() -> Graph:
    """Terms that trip serializers: escapes, odd local names, bare numbers, other languages, IRIs
    where a term expects literals and literals where it expects IRIs."""
    from rdflib.namespace import XSD  # imported here: pytest trips over XSD as a module attribute

    g = Graph()
    s = URIRef(ID + "document/da-1")
    g.add((s, RDF.type, RK.Document))
    g.add((s, RDF.type, URIRef("http://example.org/Thing")))
    g.add((s, DCTERMS.title, Literal('Quote " backslash \\ tab \t newline \n """ end', lang="en")))
    g.add((s, DCTERMS.title, Literal("Заголовок", lang="ru")))
    g.add((s, DCTERMS.title, Literal("no language")))
    g.add((s, DCTERMS.title, Literal("标题 \u2028 line separator", lang="zh-hans")))
    g.add((s, DCTERMS.date, Literal("1962-06", datatype=XSD.gYearMonth)))
    g.add((s, DCTERMS.date, Literal("1962", datatype=XSD.gYear)))
    g.add((s, DCTERMS.issued, Literal("not a date")))
    g.add((s, DCTERMS.issued, Literal("1962-06-08", datatype=XSD.date)))
    g.add((s, RK.documentNumber, Literal("594")))
    g.add((s, RK.documentNumber, Literal("0594", datatype=XSD.integer)))
    g.add((s, RK.documentNumber, Literal("12", datatype=XSD.integer)))
    g.add((s, RK.documentNumber, Literal("1.", datatype=XSD.decimal)))
    g.add((s, RK.documentNumber, Literal(".5", datatype=XSD.decimal)))
    g.add((s, RK.documentNumber, Literal("1e3", datatype=XSD.double)))
    g.add((s, RK.documentNumber, Literal("True", datatype=XSD.boolean)))
    g.add((s, RK.documentNumber, Literal("false", datatype=XSD.boolean)))
    g.add((s, RICO.hasDocumentaryFormType, Literal("minutes (as a string)")))
    g.add((s, RICO.hasDocumentaryFormType, URIRef(str(RK) + "a.")))
    g.add((s, RICO.hasDocumentaryFormType, URIRef(str(RK) + "x(y)/z")))
    g.add((s, RICO.hasDocumentaryFormType, URIRef(str(RK))))
    g.add((s, SKOS.altLabel, URIRef("http://example.org/label#frag")))
    g.add((s, URIRef("http://example.org/p(1)"), Literal("odd predicate")))
    g.add((s, URIRef(ID + "not/a/vocabulary"), Literal("under id:")))
    g.add((s, PROV.qualifiedAttribution, URIRef(ID + "document/da-1/attribution/x")))
    g.add((URIRef(ID + "document/da-1/attribution/x"), PROV.agent, URIRef(ID + "person/x")))
    g.add((URIRef(ID + "document/da-1/attribution/x"), DCTERMS.date,
           Literal("1962-06-08", datatype=URIRef("http://example.org/myDate"))))
    return g


@pytest.mark.parametrize("fmt", FORMATS)
def test_tricky_terms_round_trip(fmt: str) -> None:
    g = tricky_graph()
    data = serialize(g, fmt)
    assert_isomorphic(quads_union(reparse(data, fmt)), g, label=fmt)


def test_tricky_jsonld_round_trips_through_rdflib() -> None:
    g = tricky_graph()
    assert_isomorphic(union(Dataset().parse(data=serialize(g, "json-ld"), format="json-ld")), g)


def test_lexical_forms_are_kept_exactly() -> None:
    # rdflib normalises literals it builds; pyoxigraph quads keep "0594" and "True" as written
    s, p = ox.NamedNode(ID + "document/da-1"), ox.NamedNode(str(RK.documentNumber))
    xsd = "http://www.w3.org/2001/XMLSchema#"
    quads = [ox.Quad(s, p, ox.Literal(v, datatype=ox.NamedNode(xsd + t)), ox.NamedNode(ID + "graph/da-1"))
             for v, t in [("0594", "integer"), ("+5", "integer"), ("1.", "decimal"), ("1.50", "decimal"),
                          ("1e3", "double"), ("True", "boolean"), ("1", "boolean"), ("false", "boolean"),
                          ("1962-6-8", "date")]]
    for fmt in FORMATS:
        data = serialize_quads(quads, fmt)
        got = {(q.subject, q.predicate, q.object) for q in reparse(data, fmt)}
        assert got == {(q.subject, q.predicate, q.object) for q in quads}, fmt


def blank_node_graph() -> Graph:
    g = Graph()
    a, b = BNode(), BNode()  # fresh random labels each call
    g.add((URIRef(ID + "document/da-1"), PROV.qualifiedAttribution, a))
    g.add((a, PROV.agent, b))
    g.add((b, SKOS.prefLabel, Literal("Someone", lang="en")))
    return g


@pytest.mark.parametrize("fmt", FORMATS)
def test_blank_nodes_are_relabelled_canonically(fmt: str) -> None:
    first, second = serialize(blank_node_graph(), fmt), serialize(blank_node_graph(), fmt)
    assert first == second
    assert_isomorphic(quads_union(reparse(first, fmt)), blank_node_graph(), label=fmt)


# --------------------------------------------------------------------------------------------
# determinism

_SUBPROCESS = """
import random, sys
from rdflib import Dataset
from rdfkit import rdfio
from rdfkit.export import serialize
quads = [q for _, qs in rdfio.read_quads([sys.argv[1]]) for q in qs]
random.Random(int(sys.argv[3])).shuffle(quads)  # a different insertion order in each process
ds = Dataset()
rdfio.add_quads(ds, quads)
sys.stdout.buffer.write(serialize(ds, sys.argv[2]))
"""


def _serialize_in_subprocess(fmt: str, hashseed: str, shuffle: int) -> bytes:
    env = dict(os.environ, PYTHONHASHSEED=hashseed)
    done = subprocess.run([sys.executable, "-c", _SUBPROCESS, str(SAMPLE), fmt, str(shuffle)],
                          capture_output=True, env=env, cwd=ROOT, check=False, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_bytes_in_every_process(dataset: Dataset, fmt: str) -> None:
    one = _serialize_in_subprocess(fmt, "1", 1)
    two = _serialize_in_subprocess(fmt, "4242", 2)
    assert one, "nothing written"
    assert one == two
    assert one == serialize(dataset, fmt)


# --------------------------------------------------------------------------------------------
# layout


def test_turtle_is_grouped_prefixed_and_declares_only_used_prefixes(dataset: Dataset) -> None:
    text = serialize(dataset, "turtle").decode("utf-8")
    declared = re.findall(r"^@prefix (\w+): <([^>]+)> \.$", text, re.M)
    assert [p for p, _ in declared] == [p for p in PREFIXES if p in dict(declared)]  # fixed order
    assert all(PREFIXES[p] == ns for p, ns in declared)
    body = text.split("\n\n", 1)[1]
    for prefix, _ in declared:
        assert f"{prefix}:" in body, f"{prefix}: declared but unused"
    assert "owl:" not in text and "@prefix id:" not in text  # nothing in the data needs them
    assert "\\/" not in text  # no escaped local names
    statements = [block for block in body.strip().split("\n\n")]
    subjects = [block.split("\n", 1)[0] for block in statements]
    assert len(subjects) == len(set(subjects)) == len(set(union(dataset).subjects()))
    assert subjects == sorted(subjects, key=lambda s: s.strip("<>"))
    doc = next(b for b in statements if b.startswith(f"<{ID}document/da-118200>\n"))
    assert doc.split("\n")[1] == "    a rk:Document ;"
    assert doc.rstrip().endswith(" .") and doc.count(" ;\n") == len(doc.split("\n")) - 2


def test_ntriples_are_sorted_and_unique(dataset: Dataset) -> None:
    lines = serialize(dataset, "nt").decode("utf-8").splitlines()
    assert lines == sorted(set(lines))
    quads = serialize(dataset, "nquads").decode("utf-8").splitlines()
    assert quads == sorted(set(quads))


def test_trig_writes_one_block_per_named_graph(dataset: Dataset) -> None:
    text = serialize(dataset, "trig").decode("utf-8")
    blocks = re.findall(r"^<([^>]+)> \{$", text, re.M)
    assert blocks == [ID + "graph/da-118200", ID + "graph/da-121677"]
    assert text.index(f"<{ID}graph/da-118200>\n    prov:wasDerivedFrom") < text.index(f"<{ID}graph/da-118200> {{")


# --------------------------------------------------------------------------------------------
# JSON-LD


def _full_nodes(value: object, found: list[dict]) -> list[dict]:
    """Every node object written in full (an @id and at least one property)."""
    if isinstance(value, dict):
        if "@id" in value and len(set(value) - {"@id"}) > 0 and "@value" not in value:
            found.append(value)
        for key, item in value.items():
            if key != "@context":
                _full_nodes(item, found)
    elif isinstance(value, list):
        for item in value:
            _full_nodes(item, found)
    return found


@pytest.fixture(scope="module")
def jsonld(dataset: Dataset) -> dict:
    return json.loads(serialize(dataset, "json-ld"))


def test_jsonld_context_is_inline_and_is_the_shipped_one(jsonld: dict) -> None:
    assert isinstance(jsonld["@context"], dict)  # never a URL: nothing to fetch
    assert jsonld["@context"] == jsonld_context()
    assert set(jsonld) == {"@context", "@graph"}


def test_jsonld_document_nests_translation_meeting_and_roles(jsonld: dict) -> None:
    nodes = {n["@id"]: n for n in jsonld["@graph"]}
    doc = nodes["id:document/da-118200"]
    assert doc["@type"] == "Document"
    assert doc["title"].startswith("Minutes of the Meeting")
    assert doc["date"] == {"@type": "xsd:date", "@value": "1962-06-08"}
    translation = doc["translation"]
    assert isinstance(translation, dict) and translation["@id"] == "id:document/da-118200/translation-en"
    assert translation["translationOf"] == "id:document/da-118200"  # a back link, not a second copy
    assert translation["attributions"][0]["roles"] == ["rk:role-translator"]
    (meeting,) = doc["events"]
    assert meeting["@type"] == "Meeting" and meeting["startedAt"] == "1962-06-08T17:00:00"
    roles = {a["agent"]: a["roles"] for a in meeting["associations"]}
    assert roles == {"id:person/stepan-chervonenko": ["rk:role-participant"],
                     "id:person/zhang-hanfu": ["rk:role-participant", "rk:role-speaker"]}
    other = nodes["id:document/da-121677"]
    assert other["attributions"][0]["agent"] == "id:person/zhang-hanfu"
    assert other["references"] == "id:document/da-121677/reference-1"
    # shared things are top-level and referenced by @id
    person = nodes["id:person/zhang-hanfu"]
    assert person["name"] == "Zhang Hanfu"
    assert person["altNames"] == ["Vice Minister Zhang", {"@language": "zh", "@value": "章汉夫"}]
    assert nodes["id:repository/prc-fma"]["altNames"] == [{"@value": "PRC FMA"}]


def test_jsonld_writes_every_node_once(dataset: Dataset, jsonld: dict) -> None:
    full = _full_nodes(jsonld["@graph"], [])
    ids = Counter(n["@id"] for n in full)
    assert [i for i, c in ids.items() if c > 1] == []
    subjects = {str(s).replace(ID, "id:") for s in union(dataset).subjects()}
    assert set(ids) == subjects


def _assert_sorted(value: object) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "@context":
                _assert_sorted(item)
    elif isinstance(value, list):
        keys = [v if isinstance(v, str) else v.get("@id", v.get("@value")) for v in value]
        assert keys == sorted(keys)
        for item in value:
            _assert_sorted(item)


def test_jsonld_arrays_and_keys_are_sorted(dataset: Dataset, jsonld: dict) -> None:
    _assert_sorted(jsonld)
    text = serialize(dataset, "json-ld").decode("utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_jsonld_uses_the_base_for_the_id_prefix(dataset: Dataset) -> None:
    doc = jsonld_document(rdfio.to_ox_quads(dataset), base="https://example.org/data/")
    assert doc["@context"]["id"] == "https://example.org/data/"
    assert doc["@graph"][0]["@id"].startswith(ID)  # the data were minted under the default base


def test_context_matches_the_prefix_table_and_model() -> None:
    ctx = jsonld_context()
    prefixes = {k: v for k, v in ctx.items() if isinstance(v, str) and v.endswith(("#", "/"))}
    assert prefixes == PREFIXES
    expand = lambda c: PREFIXES[c.split(":")[0]] + c.split(":", 1)[1]  # noqa: E731
    props = [expand(v["@id"]) for v in ctx.values() if isinstance(v, dict)]
    assert len(props) == len(set(props)), "two terms for one property"
    assert expand(ctx["date"]["@id"]) == str(DCTERMS.date) and "@type" not in ctx["date"]
    for term, iri in {"translation": SCHEMA.workTranslation, "events": RICO.documents,
                      "associations": PROV.qualifiedAssociation, "agent": PROV.agent}.items():
        assert expand(ctx[term]["@id"]) == str(iri) and ctx[term]["@type"] == "@id"


# --------------------------------------------------------------------------------------------
# export()


def test_export_picks_the_format(dataset: Dataset, tmp_path: Path) -> None:
    assert export(dataset, tmp_path / "out.nq").name == "nquads"
    assert (tmp_path / "out.nq").read_bytes() == serialize(dataset, "nquads")
    assert export(dataset, tmp_path / "out.data").name == "turtle"
    assert export(dataset, str(tmp_path / "out.jsonld"), "text/turtle").name == "turtle"
    assert (tmp_path / "out.jsonld").read_bytes() == serialize(dataset, "turtle")
    buf = io.BytesIO()
    assert export(dataset, buf, "application/ld+json").name == "json-ld"
    assert buf.getvalue() == serialize(dataset, "json-ld")
    buf = io.BytesIO()
    assert export(dataset, buf).name == "turtle"
    assert set(EXPORT_FORMATS) == set(FORMATS)


def test_export_dash_is_stdout(dataset: Dataset, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert export(dataset, "-", "nt").name == "nt"
    assert capsysbinary.readouterr().out == serialize(dataset, "nt")


def test_unknown_format_is_a_usage_error(dataset: Dataset) -> None:
    from rdfkit.errors import UsageError

    with pytest.raises(UsageError, match="unknown RDF format"):
        serialize(dataset, "yaml")


# --------------------------------------------------------------------------------------------
# VoID


def test_void_counts_what_the_data_holds(dataset: Dataset) -> None:
    void_iri = URIRef(ID + "dataset")
    void = void_description(dataset, dataset_iri=str(void_iri), title="Sample",
                            dumps=["rdfkit.ttl", Path("/somewhere/out/rdfkit.trig")])
    data = union(dataset)
    value = lambda s, p: void.value(s, p).toPython()  # noqa: E731

    assert (void_iri, RDF.type, VOID.Dataset) in void
    assert str(void.value(void_iri, DCTERMS.title)) == "Sample"
    assert value(void_iri, VOID.triples) == len(data)
    assert value(void_iri, VOID.distinctSubjects) == len(set(data.subjects()))
    assert value(void_iri, VOID.distinctObjects) == len(set(data.objects()))
    assert value(void_iri, VOID.properties) == len(set(data.predicates()))
    classes = set(data.objects(None, RDF.type))
    assert value(void_iri, VOID.classes) == len(classes)
    assert value(void_iri, VOID.entities) == len(set(data.subjects(RDF.type, None)))

    partitions = {void.value(p, VOID["class"]): value(p, VOID.entities)
                  for p in void.objects(void_iri, VOID.classPartition)}
    assert partitions == {c: len(set(data.subjects(RDF.type, c))) for c in classes}
    assert partitions[RK.Person] == 3 - 1  # zhang-hanfu (in both graphs) and chervonenko
    props = {void.value(p, VOID.property): value(p, VOID.triples)
             for p in void.objects(void_iri, VOID.propertyPartition)}
    assert props == {p: len(list(data.triples((None, p, None)))) for p in set(data.predicates())}
    assert URIRef(ID + "dataset/class/rk-Document") in set(void.objects(void_iri, VOID.classPartition))

    subsets = {s: value(s, VOID.triples) for s in void.objects(void_iri, VOID.subset)}
    expected = {URIRef(c.identifier): len(c) for c in dataset.graphs() if isinstance(c.identifier, URIRef)
                and len(c) and str(c.identifier).startswith(ID + "graph/")}
    assert subsets == expected
    assert set(void.objects(void_iri, VOID.dataDump)) == {URIRef(ID + "rdfkit.ttl"), URIRef(ID + "rdfkit.trig")}
    vocabularies = set(map(str, void.objects(void_iri, VOID.vocabulary)))
    assert {str(RK), str(PROV), str(DCTERMS), str(RICO), str(SCHEMA)} <= vocabularies
    assert not any(isinstance(t, BNode) for triple in void for t in triple)


def test_void_is_deterministic_and_has_defaults(dataset: Dataset) -> None:
    one = serialize(void_description(dataset, dumps=["rdfkit.ttl"]), "turtle")
    two = serialize(void_description(rdfio.read_dataset([SAMPLE]), dumps=["rdfkit.ttl"]), "turtle")
    assert one == two
    assert b"void:triples" in one and b"dcterms:title" in one
    assert not re.search(rb"\d{4}-\d{2}-\d{2}T", one)  # no timestamps
