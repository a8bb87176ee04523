"""The embedded store and queries: write, query (SELECT / ASK / CONSTRUCT), render, refuse, bind parameters."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from rdfkit import rdfio
from rdfkit.errors import QueryError, StoreError, UsageError
from rdfkit.graph import RK
from rdfkit.store import (QueryResult, bind, check_query, dataset_clauses, open_store, parse_param, parse_value,
                          query, query_variables, sparql_term, write_store)
from tests.graphs import assert_isomorphic
from tests.servers import no_internet  # noqa: F401  (a fixture)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "export" / "sample.trig"
ID = "https://w3id.org/rdfkit/id/"

PEOPLE = """
SELECT DISTINCT ?person ?name ?position WHERE {
  ?person a rk:Person ; skos:prefLabel ?name .
  OPTIONAL { ?role prov:agent ?person ; rk:positionHeld ?position }
} ORDER BY ?name ?position
"""


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return rdfio.read_dataset([SAMPLE])


@pytest.fixture(scope="module")
def store_dir(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("build") / "store"
    count = write_store(dataset, path)
    distinct = {(s, p, o, getattr(c, "identifier", c)) for s, p, o, c in dataset.quads((None, None, None, None))}
    assert count == len(distinct)
    return path


# --------------------------------------------------------------------------------------------
# writing and opening


def test_store_holds_every_quad_in_its_graph_and_the_union(dataset: Dataset, store_dir: Path) -> None:
    store = open_store(store_dir)
    graphs = sorted(g.value for g in store.named_graphs())
    assert graphs == [ID + "graph/da-118200", ID + "graph/da-121677"]
    source = set(rdfio.to_ox_quads(dataset))
    named = {q for q in store if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert named == {q for q in source if not isinstance(q.graph_name, ox.DefaultGraph)}
    default = {q.triple for q in store if isinstance(q.graph_name, ox.DefaultGraph)}
    assert default == {q.triple for q in source}
    del store


def test_shared_things_are_not_repeated(store_dir: Path) -> None:
    # Zhang Hanfu is typed and labelled in both named graphs: one row, not four
    rows = query("SELECT ?name WHERE { ?p a rk:Person ; skos:prefLabel ?name }", store=store_dir).rows
    assert sorted(r[0].value for r in rows) == ["Stepan Chervonenko", "Zhang Hanfu"]
    graphs = query(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{ID}person/zhang-hanfu> a rk:Person }} }} ORDER BY ?g",
                   store=store_dir).rows
    assert [r[0].value for r in graphs] == [ID + "graph/da-118200", ID + "graph/da-121677"]


def test_a_store_without_the_union_copy_is_queried_in_union_mode(tmp_path: Path) -> None:
    store = ox.Store(str(tmp_path / "foreign"))
    store.add(ox.Quad(ox.NamedNode(ID + "person/x"), ox.NamedNode(str(RDF.type)), ox.NamedNode(str(RK.Person)),
                      ox.NamedNode(ID + "graph/x")))
    del store
    assert query("ASK { ?p a rk:Person }", store=tmp_path / "foreign").boolean is True


def test_write_store_replaces_an_old_store(tmp_path: Path, dataset: Dataset) -> None:
    path = tmp_path / "store"
    write_store(dataset, path)
    small = Dataset()
    small.graph(URIRef(ID + "graph/x")).add((URIRef(ID + "person/x"), RDF.type, RK.Person))
    assert write_store(small, path) == 1
    assert query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", store=path).rows[0][0].value == "1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]  # nothing left behind


def test_write_store_never_replaces_a_folder_that_is_not_a_store(tmp_path: Path, dataset: Dataset) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "thesis.txt").write_text("precious")
    with pytest.raises(StoreError, match="does not hold an rdfkit store"):
        write_store(dataset, folder)
    assert (folder / "thesis.txt").read_text() == "precious"


def test_missing_store_says_to_build_first(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as err:
        open_store(tmp_path / "nowhere")
    assert "rdfkit build" in str(err.value)
    with pytest.raises(StoreError, match="rdfkit build"):
        query("ASK { ?s ?p ?o }", store=tmp_path / "nowhere")
    assert not (tmp_path / "nowhere").exists()  # looking must not create it


# --------------------------------------------------------------------------------------------
# queries


def test_select_sees_every_named_graph(store_dir: Path) -> None:
    result = query(PEOPLE, store=store_dir)
    assert result.kind == "select"
    assert result.variables == ["person", "name", "position"]
    rows = [tuple(None if t is None else t.value for t in row) for row in result.rows]
    assert rows == [
        (ID + "person/stepan-chervonenko", "Stepan Chervonenko", "Ambassador of the Soviet Union to China"),
        (ID + "person/zhang-hanfu", "Zhang Hanfu", "Vice Minister"),
    ]
    titles = query("SELECT DISTINCT ?t WHERE { ?d a rk:Document ; dcterms:title ?t }", store=store_dir)
    assert len(titles) == 3  # one from each graph, and the referenced memorandum


def test_unbound_values_are_none(store_dir: Path) -> None:
    result = query("SELECT ?d ?missing WHERE { ?d a rk:Translation OPTIONAL { ?d rk:nothing ?missing } } ORDER BY ?d",
                   store=store_dir)
    assert [row[1] for row in result.rows] == [None, None]
    table = result.render("table")
    assert table.splitlines()[2] == "id:document/da-118200/translation-en |"


def test_from_chooses_one_graph(store_dir: Path) -> None:
    sparql = f"SELECT ?d FROM <{ID}graph/da-121677> WHERE {{ ?d a rk:Document }} ORDER BY ?d"
    assert [r[0].value for r in query(sparql, store=store_dir).rows] == [
        ID + "document/da-121677", ID + "document/da-121677/reference-1"]


def test_ask(store_dir: Path) -> None:
    yes = query("ASK { ?m a rk:Meeting ; rico:hasOrHadParticipant id:person/zhang-hanfu }".replace(
        "id:person/zhang-hanfu", f"<{ID}person/zhang-hanfu>"), store=store_dir)
    assert yes.kind == "ask" and yes.boolean is True
    no = query("ASK { ?m a rk:Meeting ; rico:hasOrHadParticipant ?m }", store=store_dir)
    assert no.boolean is False
    assert yes.render("table") == "true\n"
    assert json.loads(yes.render("json")) == {"head": {}, "boolean": True}
    assert no.render("csv") == "false\r\n"


def test_construct_gives_a_graph(store_dir: Path, dataset: Dataset) -> None:
    sparql = "CONSTRUCT { ?p skos:prefLabel ?name } WHERE { ?p a rk:Person ; skos:prefLabel ?name }"
    result = query(sparql, store=store_dir)
    assert result.kind == "graph"
    data = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        data.add((s, p, o))
    expected = Graph()
    for s in set(data.subjects(RDF.type, RK.Person)):
        for o in data.objects(s, SKOS.prefLabel):
            expected.add((s, SKOS.prefLabel, o))
    assert len(expected) == 2
    for fmt in ("turtle", "nt", "json-ld", "table"):
        out = result.render(fmt)
        assert isinstance(out, bytes)
        parsed = ox.parse(io.BytesIO(out), format=rdfio.get_format("turtle" if fmt == "table" else fmt).ox)
        got = Graph()
        for q in parsed:
            got.add((rdfio.to_rdflib(q.subject), rdfio.to_rdflib(q.predicate), rdfio.to_rdflib(q.object)))
        assert_isomorphic(got, expected, label=fmt)
    assert result.render("turtle") == result.render("turtle")
    rows = list(csv.reader(io.StringIO(result.render("csv"))))
    assert rows[0] == ["subject", "predicate", "object"] and len(rows) == 3


def test_query_over_files_and_over_a_dataset(dataset: Dataset) -> None:
    from_files = query(PEOPLE, data=[SAMPLE])
    from_folder = query(PEOPLE, data=[SAMPLE.parent])
    from_dataset = query(PEOPLE, data=dataset)
    assert from_files.rows == from_dataset.rows == from_folder.rows
    assert len(from_files) == 2


def test_needs_a_store_or_data(dataset: Dataset, store_dir: Path) -> None:
    with pytest.raises(UsageError):
        query("ASK {}", store=store_dir, data=dataset)
    with pytest.raises(UsageError):
        query("ASK {}")


# --------------------------------------------------------------------------------------------
# rendering


def test_table_is_aligned_and_compact(store_dir: Path) -> None:
    lines = query(PEOPLE, store=store_dir).render("table").splitlines()
    assert lines[0].split(" | ") == ["person".ljust(28), "name".ljust(18), "position"]
    assert set(lines[1]) == {"-", "+"}
    assert lines[2] == ("id:person/stepan-chervonenko | Stepan Chervonenko | "
                        "Ambassador of the Soviet Union to China")
    assert lines[3] == "id:person/zhang-hanfu        | Zhang Hanfu        | Vice Minister"
    positions = [line.index("|") for line in lines if "|" in line]
    assert len(set(positions)) == 1


def test_table_handles_wide_characters_newlines_and_long_values() -> None:
    result = QueryResult("select", ["a", "b"], [
        (ox.Literal("章汉夫"), ox.Literal("x")),
        (ox.Literal("line one\nline two"), None),
        (ox.NamedNode("http://example.org/not-prefixed"), ox.Literal("y" * 50)),
    ])
    lines = result.render("table", max_width=20).splitlines()
    assert lines[2] == "章汉夫               | x"  # six columns wide, padded to 20
    assert lines[3] == "line one\\nline two   |"
    assert lines[4].startswith("<http://example.org…") and lines[4].endswith("y" * 19 + "…")


def test_csv(store_dir: Path) -> None:
    text = query(PEOPLE, store=store_dir).render("csv")
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["person", "name", "position"],
                    [ID + "person/stepan-chervonenko", "Stepan Chervonenko", "Ambassador of the Soviet Union to China"],
                    [ID + "person/zhang-hanfu", "Zhang Hanfu", "Vice Minister"]]


def test_tsv(store_dir: Path) -> None:
    lines = query(PEOPLE, store=store_dir).render("tsv").splitlines()
    assert lines[0] == "?person\t?name\t?position"
    assert lines[2] == f'<{ID}person/zhang-hanfu>\t"Zhang Hanfu"@en\t"Vice Minister"@en'


def test_json_follows_the_sparql_results_format(store_dir: Path) -> None:
    sparql = ("SELECT ?d ?date ?number WHERE { ?d a rk:Document ; dcterms:date ?date "
              "OPTIONAL { ?d rk:documentNumber ?number } } ORDER BY ?d")
    doc = json.loads(query(sparql, store=store_dir).render("json"))
    assert doc["head"] == {"vars": ["d", "date", "number"]}
    first, second, third = doc["results"]["bindings"]
    assert first == {"d": {"type": "uri", "value": ID + "document/da-118200"},
                     "date": {"type": "literal", "value": "1962-06-08",
                              "datatype": "http://www.w3.org/2001/XMLSchema#date"}}
    assert second["number"] == {"type": "literal", "value": "594"}
    assert "number" not in third  # unbound: left out
    names = json.loads(query(PEOPLE, store=store_dir).render("json"))["results"]["bindings"]
    assert names[0]["name"] == {"type": "literal", "value": "Stepan Chervonenko", "xml:lang": "en"}


def test_wrong_format_for_the_kind_of_result(store_dir: Path) -> None:
    with pytest.raises(UsageError, match="CONSTRUCT"):
        query(PEOPLE, store=store_dir).render("turtle")
    with pytest.raises(UsageError, match="unknown result format"):
        query(PEOPLE, store=store_dir).render("yaml")


# --------------------------------------------------------------------------------------------
# refusals and errors


@pytest.mark.parametrize("sparql", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }",
    "PREFIX ex: <http://example.org/>\nCONSTRUCT WHERE {\n  ?s ?p ?o .\n  SERVICE ?endpoint { ?s ?p ?o }\n}",
])
def test_service_is_refused(sparql: str, store_dir: Path) -> None:
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        query(sparql, store=store_dir)


@pytest.mark.parametrize("sparql", [
    "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "PREFIX ex: <http://example.org/>\n# a comment with SELECT in it\nDELETE WHERE { ?s ex:p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "drop all",
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_are_refused(sparql: str, store_dir: Path) -> None:
    with pytest.raises(QueryError, match="not allowed"):
        query(sparql, store=store_dir)
    assert query("ASK { <http://example.org/a> ?p ?o }", store=store_dir).boolean is False


@pytest.mark.parametrize("sparql", [
    "SELECT ?service WHERE { ?service a rk:Person }",
    'SELECT ?x WHERE { ?x skos:prefLabel "SERVICE desk" }',
    "PREFIX insert: <http://example.org/>\nSELECT ?x WHERE { ?x insert:service ?y }  # SERVICE in a comment",
    "SELECT ?x WHERE { ?x <http://example.org/SERVICE> ?y }",
])
def test_harmless_lookalikes_are_allowed(sparql: str, store_dir: Path) -> None:
    assert query(sparql, store=store_dir).kind == "select"


def test_check_query_names_the_form() -> None:
    assert check_query("BASE <http://example.org/>\nPREFIX a: <x#>\nASK {}") == "ask"
    assert check_query("describe <http://example.org/x>") == "describe"
    with pytest.raises(QueryError, match="empty"):
        check_query("  \n")


def test_malformed_query_names_line_and_column(store_dir: Path) -> None:
    sparql = "SELECT ?s WHERE {\n  ?s a rk:Document .\n  FILTER(\n}"
    with pytest.raises(QueryError) as err:
        query(sparql, store=store_dir)
    assert err.value.line == 4 and isinstance(err.value.column, int)
    assert f"line 4, column {err.value.column}" in str(err.value)
    assert "\n    }\n" in str(err.value)  # the line is shown


def test_undeclared_prefix_is_named(store_dir: Path) -> None:
    with pytest.raises(QueryError) as err:
        query("PREFIX ex: <http://example.org/>\nSELECT ?s WHERE { ?s a nope:Thing ; ex:p rk:q }", store=store_dir)
    assert "unknown prefix nope:" in str(err.value) and err.value.line == 2
    assert "PREFIX nope:" in str(err.value)


def test_literal_values_survive(store_dir: Path) -> None:
    result = query("SELECT ?note WHERE { ?d skos:note ?note } ORDER BY ?note", store=store_dir)
    assert Literal(result.rows[1][0].value) == Literal('Handwritten in the margin:\n\t"Agreed" \\ Chen Yi')


# --------------------------------------------------------------------------------------------
# FROM: graphs of the data, never downloads


def test_from_a_graph_the_store_does_not_have_is_an_error(store_dir: Path, no_internet: None) -> None:
    for sparql in ["SELECT * FROM <https://example.org/data.ttl> WHERE { ?s ?p ?o }",
                   "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
                   f"SELECT * FROM <{ID}graph/da-118200> FROM <{ID}graph/da-999> WHERE {{ ?s ?p ?o }}",
                   "PREFIX ex: <http://example.org/>\nASK FROM ex:data { ?s ?p ?o }"]:
        with pytest.raises(QueryError, match="holds no graph of that name, and rdfkit never downloads") as err:
            query(sparql, store=store_dir)
        assert "give it as DATA" in str(err.value)
        with pytest.raises(QueryError, match="never downloads"):
            query(sparql, store=store_dir, allow_service=True)  # allowing SERVICE does not allow downloads


def test_from_and_from_named_pick_graphs_of_the_data(store_dir: Path) -> None:
    named = query(rf"SELECT ?g ?d FROM NAMED id:graph\/da-118200 WHERE {{ GRAPH ?g {{ ?d a rk:Document }} }}",
                  store=store_dir)
    assert [(r[0].value, r[1].value) for r in named.rows] == [(ID + "graph/da-118200", ID + "document/da-118200")]
    from_files = query(f"SELECT ?d FROM <{ID}graph/da-118200> WHERE {{ ?d a rk:Document }}", data=[SAMPLE])
    assert [r[0].value for r in from_files.rows] == [ID + "document/da-118200"]
    relative = query(f"BASE <{ID}>\nSELECT ?d FROM <graph/da-118200> WHERE {{ ?d a rk:Document }}", store=store_dir)
    assert len(relative) == 1


def test_dataset_clauses() -> None:
    assert dataset_clauses("SELECT * WHERE { ?from ?p 'FROM <x>' } # FROM <y>") == []
    assert dataset_clauses("BASE <http://example.org/a/>\nSELECT * FROM <g> FROM NAMED rk:h {}") == [
        (False, "http://example.org/a/g"), (True, "https://w3id.org/rdfkit/ns#h")]


def test_service_is_allowed_when_asked() -> None:
    assert check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
                       allow_service=True) == "select"
    with pytest.raises(QueryError, match="not allowed"):
        check_query("LOAD <http://example.org/data.ttl>", allow_service=True)


# --------------------------------------------------------------------------------------------
# parameters

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize(("text", "expected"), [
    ("<https://example.org/x>", ox.NamedNode("https://example.org/x")),
    ("id:person/zhang-hanfu", ox.NamedNode(ID + "person/zhang-hanfu")),
    ("sh:Violation", ox.NamedNode("http://www.w3.org/ns/shacl#Violation")),
    ("https://example.org/a?b=c#d", ox.NamedNode("https://example.org/a?b=c#d")),
    ("urn:isbn:0451450523", ox.NamedNode("urn:isbn:0451450523")),
    ('"Zhang Hanfu"', ox.Literal("Zhang Hanfu")),
    ("'single'", ox.Literal("single")),
    ('"Zhang"@en', ox.Literal("Zhang", language="en")),
    ("章汉夫@zh-Hans", ox.Literal("章汉夫", language="zh-Hans")),
    ('"1962"^^xsd:gYear', ox.Literal("1962", datatype=ox.NamedNode(XSD + "gYear"))),
    (f'"1"^^<{XSD}integer>', ox.Literal("1", datatype=ox.NamedNode(XSD + "integer"))),
    ('"a \\"b\\" \\\\ \\n \\u00e9"', ox.Literal('a "b" \\ \n é')),
    ("12", ox.Literal("12", datatype=ox.NamedNode(XSD + "integer"))),
    ("-1.5", ox.Literal("-1.5", datatype=ox.NamedNode(XSD + "decimal"))),
    ("true", ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))),
    ("1962-06-08", ox.Literal("1962-06-08", datatype=ox.NamedNode(XSD + "date"))),
    ("Zhang Hanfu", ox.Literal("Zhang Hanfu")),
    ("Note: unclear", ox.Literal("Note: unclear")),
    ("> } ; DROP ALL", ox.Literal("> } ; DROP ALL")),
    ("", ox.Literal("")),
])
def test_parse_value(text: str, expected: ox.NamedNode | ox.Literal) -> None:
    assert parse_value(text) == expected


@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("1962", "date", ox.Literal("1962", datatype=ox.NamedNode(XSD + "gYear"))),
    ("1962-06", "date", ox.Literal("1962-06", datatype=ox.NamedNode(XSD + "gYearMonth"))),
    ("1962-06-08", "date", ox.Literal("1962-06-08", datatype=ox.NamedNode(XSD + "date"))),
    ("12", "string", ox.Literal("12")),
    ("id:x", "string", ox.Literal("id:x")),
    ("12", "integer", ox.Literal("12", datatype=ox.NamedNode(XSD + "integer"))),
    ("id:person/yu-man", "iri", ox.NamedNode(ID + "person/yu-man")),
])
def test_parse_value_by_type(text: str, kind: str, expected: ox.NamedNode | ox.Literal) -> None:
    assert parse_value(text, kind) == expected


@pytest.mark.parametrize(("text", "kind", "message"), [
    ("<http://example.org/> } ; DROP ALL ; <http://example.org/>", None, "not a valid IRI: it contains '>'"),
    ("<http://example.org/> } ; DROP ALL", None, "does not end with >"),
    ("<http://example.org/a b>", None, "not a valid IRI"),
    ('<http://example.org/a"b>', None, "not a valid IRI"),
    ("<relative/iri>", None, "not a valid IRI"),
    ("ex:thing", None, "unknown prefix ex:"),
    ('"unclosed', None, "never closed"),
    ('"x" } DROP ALL #"', None, "after the closing quote"),
    ('"bad \\q escape"', None, "unknown escape"),
    ('"x"@not a tag', None, "after the closing quote"),
    ("Zhang Hanfu", "iri", "expected an iri"),
    ("1962-02-30", "date", "no such date"),
    ("1962-13", "date", "no such date"),
    ("June 1962", "date", "expected a date"),
    ("twelve", "integer", "expected an integer"),
    ("x", "uri", "unknown parameter type"),
])
def test_parse_value_refuses(text: str, kind: str | None, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_value(text, kind)


def test_parse_param() -> None:
    assert parse_param("from=1962-06-01") == ("from", "1962-06-01")
    assert parse_param("?t=a=b") == ("t", "a=b")
    for bad in ("person", "=x", "two words=x", "a-b=x"):
        with pytest.raises(UsageError, match="not name=value"):
            parse_param(bad)


def test_query_variables_ignore_strings_iris_and_comments() -> None:
    sparql = 'SELECT ?a WHERE { ?a rdfs:label "?b" ; <http://x/?c> $d ; ?e ?f } # ?g\nORDER BY ?a'
    assert query_variables(sparql) == {"a", "d", "e", "f"}


@pytest.mark.parametrize("sparql", [
    "SELECT ?d WHERE { ?d dcterms:title ?t }",
    "ASK { ?d dcterms:title ?t }",
    "CONSTRUCT { ?d <urn:x> ?t } WHERE { ?d dcterms:title ?t }",
    "CONSTRUCT WHERE { ?d dcterms:title ?t }",
    "DESCRIBE ?d WHERE { ?d dcterms:title ?t }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?d dcterms:title ?x FILTER(?x = ?t) }",
    "SELECT * WHERE { SELECT ?d ?t WHERE { ?d dcterms:title ?t } }",
    f"PREFIX ex: <http://example.org/>\nSELECT ?d FROM <{ID}graph/da-121677> WHERE {{ ?d dcterms:title ?t }}",
    "SELECT (EXISTS { ?a ?b ?c } AS ?e) ?d WHERE { ?d dcterms:title ?t }",
    "SELECT ?d WHERE { ?d a rk:Document OPTIONAL { ?d dcterms:title ?x FILTER(?x = ?t) } FILTER(BOUND(?x)) }",
])
def test_bind_finds_the_where_clause_of_every_form(sparql: str, store_dir: Path) -> None:
    title = '"Memorandum of 19 May"@en'
    result = query(sparql, store=store_dir, params={"t": title})
    assert len(result) >= 1, bind(sparql, {"t": title})
    if result.kind == "graph":
        assert {t.subject.value for t in result.triples} == {ID + "document/da-121677/reference-1"}
    elif result.kind == "ask":
        assert result.boolean is True
    elif result.kind == "select" and result.variables != ["n"]:
        assert result.rows[0][result.variables.index("d")].value == ID + "document/da-121677/reference-1"
    elif result.kind == "select":
        assert result.rows[0][0].value == "1"
    nothing = query(sparql, store=store_dir, params={"t": '"no such title"@en'})
    assert (nothing.boolean is False) if nothing.kind == "ask" else (
        nothing.rows[0][0].value == "0" if nothing.variables == ["n"] else len(nothing) == 0)


def test_bind_several_values_and_variables(store_dir: Path) -> None:
    sparql = "SELECT ?p ?role WHERE { ?a prov:agent ?p ; prov:hadRole ?role } ORDER BY ?p ?role"
    result = query(sparql, store=store_dir, params={
        "p": ["id:person/zhang-hanfu", "id:person/stepan-chervonenko"], "role": ["rk:role-speaker", "rk:role-author"]})
    assert [(r[0].value.rsplit("/", 1)[1], r[1].value.rsplit("#", 1)[1]) for r in result.rows] == [
        ("zhang-hanfu", "role-author"), ("zhang-hanfu", "role-speaker")]


def test_bind_takes_rdflib_and_pyoxigraph_terms(store_dir: Path) -> None:
    sparql = "SELECT ?name WHERE { ?p skos:prefLabel ?name }"
    for org in (URIRef(ID + "organization/7brands"), ox.NamedNode(ID + "organization/7brands"),
                f"<{ID}organization/7brands>", "id:organization/7brands"):
        assert [r[0].value for r in query(sparql, store=store_dir, params={"p": org}).rows] == ["7Brands"]


def test_a_parameter_the_query_does_not_use_is_named(store_dir: Path) -> None:
    with pytest.raises(UsageError, match=r"no variable \?who to bind --param who") as err:
        query('SELECT ?d WHERE { ?d rdfs:label "?who" } # ?who', store=store_dir, params={"who": "x"})
    assert "Its variables are: ?d" in str(err.value)
    with pytest.raises(UsageError, match="no WHERE"):
        bind(f"DESCRIBE <{ID}person/yu-man> ?x", {"x": "1"})


INJECTIONS = [
    '"} ; DROP ALL ; #"',
    '"x\\" } } ; DROP ALL ; SELECT * { ?s ?p ?o } #"',
    "\"'''} UNION { ?s ?p ?o }'''\"",
    '"\\u0022 } UNION { ?s ?p ?o } #"',
    "x } UNION { ?d ?p ?t } #",
    '"line\\n} UNION {\\n?d ?p ?t"',
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_values_cannot_change_the_query(value: str, store_dir: Path) -> None:
    sparql = "SELECT ?d WHERE { ?d dcterms:title ?t }"
    term = parse_value(value)
    assert isinstance(term, ox.Literal)
    bound = bind(sparql, {"t": value})
    # the query is the user's, plus one VALUES block holding one term
    assert bound.replace(f" VALUES ?t {{ {sparql_term(term)} }}", "", 1) == sparql
    assert len(query(sparql, store=store_dir, params={"t": value})) == 0
    assert len(query("SELECT ?d WHERE { ?d ?p ?o }", store=store_dir)) > 0  # and the data is all still there


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
       st.sampled_from([None, "en", "zh-Hans"]))
@settings(max_examples=200, deadline=None)
def test_any_text_comes_back_as_bound(text: str, lang: str | None) -> None:
    term = ox.Literal(text, language=lang)
    result = query("SELECT ?v WHERE { }", store=_EMPTY, params={"v": term})
    assert result.rows == [(term,)]


_EMPTY = ox.Store()
