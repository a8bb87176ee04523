"""Tests of rdfkit.validate: the pySHACL wrapper and its report."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, Namespace
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, SH, XSD
from rdflib.paths import InvPath, SequencePath

from rdfkit.errors import RdfkitError, ShapesError, SourceNotFound, SourceSyntaxError, UsageError
from rdfkit.graph import RICO, RK
from rdfkit.rdfio import to_rdflib
from rdfkit.resources import shapes_graph
from rdfkit.validate import ValidationFailed, ValidationReport, ValidationResult, validate

ID = Namespace("https://w3id.org/rdfkit/id/")
DOC1 = ID["document/da-1"]
DOC2 = ID["document/da-2"]
G1 = ID["graph/da-1"]
G2 = ID["graph/da-2"]

PREFIXES = """\
@prefix rk: <https://w3id.org/rdfkit/ns#> .
@prefix id: <https://w3id.org/rdfkit/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rico: <https://www.ica.org/standards/RiC/ontology#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .
@base <https://w3id.org/rdfkit/id/> .
"""

# A document needs exactly one xsd:date date (Violation) and should have a title (Warning).
SHAPES = PREFIXES + """
rk:DocumentShape a sh:NodeShape ;
    sh:targetClass rk:Document ;
    sh:property [
        sh:path dcterms:date ; sh:name "date" ;
        sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:date ;
        sh:message "A document needs one date, written YYYY-MM-DD." ] ;
    sh:property [
        sh:path dcterms:title ; sh:name "title" ; sh:minCount 1 ; sh:severity sh:Warning ;
        sh:message "A document should have a title." ] .
"""

GOOD = PREFIXES + """
<document/da-1> a rk:Document ; dcterms:title "Minutes"@en ; dcterms:date "1957-11-18"^^xsd:date .
"""

BAD = PREFIXES + """
<document/da-1> a rk:Document ; dcterms:title "Minutes"@en ; dcterms:date "18/11/1957" .
<document/da-2> a rk:Document ; dcterms:title "Letter"@en .
"""

NO_TITLE = PREFIXES + """
<document/da-1> a rk:Document ; dcterms:date "1957-11-18"^^xsd:date .
"""

TRIG = PREFIXES + """
<graph/da-1> {
    <document/da-1> a rk:Document ; dcterms:title "Minutes"@en ; dcterms:date "1957-11-18"^^xsd:date .
}
<graph/da-2> {
    <document/da-2> a rk:Document ; dcterms:title "Letter"@en ; dcterms:date "1957" .
}
<document/da-3> a rk:Document ; dcterms:title "Note"@en .
"""


def turtle(text: str) -> Graph:
    return Graph().parse(data=text, format="turtle")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def shapes() -> Graph:
    return turtle(SHAPES)


def keys(report: ValidationReport) -> set[tuple]:
    return {r.key() for r in report.results}


# --- conformance and exit codes ---------------------------------------------------------------


def test_conforming_data(shapes: Graph) -> None:
    report = validate(turtle(GOOD), shapes)
    assert report.conforms is True
    assert report.exit_code == 0
    assert report.results == ()
    assert report.counts == {"Violation": 0, "Warning": 0, "Info": 0}
    assert report.to_text() == "Conforms: 0 violations, 0 warnings, 0 infos (engine: shacl)."
    assert report.raise_for_violations() is report


def test_violations_give_exact_results_and_exit_1(shapes: Graph) -> None:
    report = validate(turtle(BAD), shapes)
    assert report.conforms is False
    assert report.exit_code == 1
    assert keys(report) == {
        (DOC1, DCTERMS.date, SH.DatatypeConstraintComponent, "Violation", Literal("18/11/1957")),
        (DOC2, DCTERMS.date, SH.MinCountConstraintComponent, "Violation", None),
    }
    assert report.counts == {"Violation": 2, "Warning": 0, "Info": 0}
    for result in report.results:
        assert result.message == "A document needs one date, written YYYY-MM-DD."
        assert result.shape_name == "date"
        assert result.record is None


def test_warnings_only_conform_with_exit_0(shapes: Graph) -> None:
    report = validate(turtle(NO_TITLE), shapes)
    assert keys(report) == {(DOC1, DCTERMS.title, SH.MinCountConstraintComponent, "Warning", None)}
    assert report.conforms is True
    assert report.exit_code == 0
    assert report.counts == {"Violation": 0, "Warning": 1, "Info": 0}
    report.raise_for_violations()  # does not raise
    # The standard report graph keeps SHACL's meaning: any result makes sh:conforms false.
    assert Literal(False) in set(report.graph.objects(None, SH.conforms))


def test_info_only_conforms() -> None:
    shapes = turtle(PREFIXES + """
        ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:class ex:Thing ; sh:severity sh:Info .""")
    report = validate(turtle(PREFIXES + "ex:a ex:p 1 ."), shapes)
    assert [r.severity for r in report.results] == ["Info"]
    assert report.conforms and report.exit_code == 0


def test_custom_severity_counts_as_violation() -> None:
    shapes = turtle(PREFIXES + """
        ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:class ex:Thing ; sh:severity ex:Fatal .""")
    report = validate(turtle(PREFIXES + "ex:a ex:p 1 ."), shapes)
    assert [r.severity for r in report.results] == ["<http://example.org/Fatal>"]
    assert report.counts["<http://example.org/Fatal>"] == 1
    assert not report.conforms and report.exit_code == 1


def test_results_are_sorted_violations_first(shapes: Graph) -> None:
    data = turtle(BAD + "<document/da-0> a rk:Document ; dcterms:date '1957-01-01'^^xsd:date .")
    report = validate(data, shapes)
    assert [(r.severity, r.focus_node) for r in report.results] == [
        ("Violation", DOC1), ("Violation", DOC2), ("Warning", ID["document/da-0"]),
    ]
    assert validate(data, shapes).results == report.results


# --- records ------------------------------------------------------------------------------------


def test_dataset_results_carry_their_record(shapes: Graph) -> None:
    ds = Dataset()
    ds.parse(data=TRIG, format="trig")
    before = set(ds.quads())
    report = validate(ds, shapes)
    by_focus = {r.focus_node: r for r in report.results}
    assert set(by_focus) == {DOC2, ID["document/da-3"]}
    assert by_focus[DOC2].record == G2
    assert by_focus[DOC2].records == (G2,)
    assert by_focus[DOC2].value == Literal("1957")
    # da-3 lives in the default graph: no record.
    assert by_focus[ID["document/da-3"]].record is None
    # The union is validated: nothing in graph da-1 is wrong; the dataset is not changed.
    assert set(ds.quads()) == before


def test_trig_file_results_carry_their_record(tmp_path: Path, shapes: Graph) -> None:
    data = write(tmp_path, "records.trig", TRIG)
    report = validate([data], shapes)
    assert {(r.focus_node, r.record) for r in report.violations} == {(DOC2, G2), (ID["document/da-3"], None)}
    line = next(r for r in report.results if r.record == G2).to_text()
    assert line == ('[Violation] id:graph/da-2 dcterms:date: A document needs one date, written YYYY-MM-DD. '
                    '(value: "1957"; focus: id:document/da-2)')


def test_node_in_two_graphs_has_both_records(shapes: Graph) -> None:
    ds = Dataset()
    ds.graph(G2).add((DOC1, DCTERMS.title, Literal("Minutes")))
    ds.graph(G1).add((DOC1, DCTERMS.title, Literal("Minutes")))
    ds.graph(G1).add((DOC1, RDF.type, RK.Document))
    report = validate(ds, shapes)
    assert [(r.record, r.records) for r in report.results] == [(G1, (G1, G2))]


# --- output formats -----------------------------------------------------------------------------


def test_to_text_groups_by_record_then_problem(shapes: Graph) -> None:
    report = validate(turtle(BAD + "<document/da-3> a rk:Document ; dcterms:date '1957-01-01'^^xsd:date ."),
                      shapes)
    assert report.to_text().splitlines() == [
        "Does not conform: 2 violations, 1 warning, 0 infos (engine: shacl).",
        "",
        "Problems by kind:",
        "  Violation  1  date [Datatype dcterms:date] A document needs one date, written YYYY-MM-DD.",
        "  Violation  1  date [MinCount dcterms:date] A document needs one date, written YYYY-MM-DD.",
        "  Warning    1  title [MinCount dcterms:title] A document should have a title.",
        "",
        'id:document/da-1  "Minutes"',
        "  Violation  date (dcterms:date): A document needs one date, written YYYY-MM-DD.",
        '             value "18/11/1957"',
        "",
        'id:document/da-2  "Letter"',
        "  Violation  date (dcterms:date): A document needs one date, written YYYY-MM-DD.",
        "",
        "id:document/da-3",
        "  Warning    title (dcterms:title): A document should have a title.",
    ]


def test_text_limit_summarises_each_kind(shapes: Graph) -> None:
    data = BAD + "".join(f"<document/x{n}> a rk:Document ; dcterms:title 'T' ." for n in range(12))
    report = validate(turtle(data), shapes)
    assert report.counts["Violation"] == 14
    lines = report.to_text(limit=3).splitlines()
    assert lines[-1] == ("… and 10 more like this: Violation date [MinCount dcterms:date] "
                         "A document needs one date, written YYYY-MM-DD.")
    assert sum(1 for line in lines if line.startswith("id:document/")) == 4  # da-1, then 3 of the 13 missing
    assert len(report.to_text(limit=0).splitlines()) > len(lines)


def test_to_json_keys_and_values(shapes: Graph) -> None:
    report = validate(turtle(BAD), shapes)
    data = json.loads(json.dumps(report.to_json()))
    assert list(data) == ["conforms", "engine", "counts", "problems", "records", "results"]
    assert data["engine"] == "shacl"
    assert data["conforms"] is False
    assert data["counts"] == {"Violation": 2, "Warning": 0, "Info": 0}
    first = data["results"][0]
    assert set(first) == {
        "severity", "message", "record", "records", "focus_node", "path", "value",
        "source_shape", "shape_name", "constraint_component", "display", "problem",
    }
    assert first == {
        "severity": "Violation",
        "message": "A document needs one date, written YYYY-MM-DD.",
        "record": None,
        "records": [],
        "focus_node": {"type": "uri", "value": str(DOC1)},
        "path": "http://purl.org/dc/terms/date",
        "value": {"type": "literal", "value": "18/11/1957"},
        "source_shape": first["source_shape"],
        "shape_name": "date",
        "constraint_component": str(SH.DatatypeConstraintComponent),
        "display": {"focus_node": "id:document/da-1", "path": "dcterms:date", "value": '"18/11/1957"'},
        "problem": first["problem"],
    }
    assert first["source_shape"]["type"] == "bnode"
    assert [p["id"] for p in data["problems"]] == ["P1", "P2"]
    assert {p["component"] for p in data["problems"]} == {"Datatype", "MinCount"}
    assert [r["label"] for r in data["records"]] == ["id:document/da-1", "id:document/da-2"]
    assert data["results"][1]["value"] is None


def test_to_json_literal_terms(tmp_path: Path) -> None:
    shapes = turtle(PREFIXES + """
        ex:S a sh:NodeShape ; sh:targetNode ex:a ;
            sh:property [ sh:path ex:p ; sh:datatype xsd:string ] .""")
    report = validate(turtle(PREFIXES + 'ex:a ex:p "x"@fr, "1957"^^xsd:gYear .'), shapes)
    values = sorted((r.to_json()["value"] for r in report.results), key=str)
    assert values == [
        {"type": "literal", "value": "1957", "datatype": str(XSD.gYear)},
        {"type": "literal", "value": "x", "xml:lang": "fr"},
    ]


def test_to_turtle_is_deterministic_and_reparses(shapes: Graph) -> None:
    report = validate(turtle(BAD), shapes)
    first = report.to_turtle()
    assert first == report.to_turtle()
    assert validate(turtle(BAD), shapes).to_turtle() == first
    quads = list(ox.parse(io.BytesIO(first.encode()), format=ox.RdfFormat.TURTLE))
    reparsed = Graph()
    for q in quads:
        reparsed.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    assert isomorphic(reparsed, report.graph)


def test_to_turtle_same_bytes_in_two_processes(tmp_path: Path) -> None:
    data = write(tmp_path, "data.ttl", BAD)
    shapes = write(tmp_path, "shapes.ttl", SHAPES)
    code = ("import sys; from rdfkit.validate import validate; "
            "sys.stdout.write(validate([sys.argv[1]], [sys.argv[2]]).to_turtle())")
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code, str(data), str(shapes)], env=env,
                              capture_output=True, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert b"sh:ValidationReport" in outputs.pop()


def test_raise_for_violations(shapes: Graph) -> None:
    report = validate(turtle(BAD), shapes)
    with pytest.raises(ValidationFailed) as caught:
        report.raise_for_violations(limit=1)
    error = caught.value
    assert isinstance(error, RdfkitError)
    assert error.exit_code == 1
    assert error.report is report
    text = str(error)
    assert "2 violations" in text
    assert "[Violation] id:document/da-1 dcterms:date" in text
    assert "… and 1 more" in text


# --- SHACL features -----------------------------------------------------------------------------


def test_sparql_constraint_and_message_substitution() -> None:
    shapes = turtle(PREFIXES + """
        rk:DocumentShape a sh:NodeShape ; sh:targetClass rk:Document ;
            sh:sparql [
                sh:message "{$this} is dated {?value}, before the archive existed" ;
                sh:prefixes [ sh:declare [ sh:prefix "dcterms" ;
                                           sh:namespace "http://purl.org/dc/terms/"^^xsd:anyURI ] ] ;
                sh:select \"\"\"SELECT $this ?value WHERE {
                    $this dcterms:date ?value . FILTER (STR(?value) < "1900") }\"\"\" ] .""")
    data = turtle(PREFIXES + """
        <document/da-1> a rk:Document ; dcterms:date "1850-01-01"^^xsd:date .
        <document/da-2> a rk:Document ; dcterms:date "1950-01-01"^^xsd:date .""")
    report = validate(data, shapes)
    assert keys(report) == {(DOC1, None, SH.SPARQLConstraintComponent, "Violation",
                             Literal("1850-01-01", datatype=XSD.date))}
    assert report.results[0].message == "id:document/da-1 is dated 1850-01-01, before the archive existed"


def test_core_constraint_message_placeholders_are_filled() -> None:
    shapes = turtle(PREFIXES + """
        rk:DocumentShape a sh:NodeShape ; sh:targetClass rk:Document ;
            sh:property [ sh:path dcterms:date ; sh:maxCount 1 ;
                          sh:message "{$this} has more than {$maxCount} {$path}: {?value}" ] .""")
    data = turtle(PREFIXES + '<document/da-1> a rk:Document ; dcterms:date "1957", "1958" .')
    (result,) = validate(data, shapes).results
    assert result.message == "id:document/da-1 has more than 1 dcterms:date: {?value}"


def test_deactivated_shapes_are_skipped() -> None:
    shapes = turtle(PREFIXES + """
        ex:Off a sh:NodeShape ; sh:targetClass rk:Document ; sh:deactivated true ;
            sh:property [ sh:path dcterms:date ; sh:minCount 1 ] .
        ex:On a sh:NodeShape ; sh:targetClass rk:Document ;
            sh:property [ sh:path dcterms:title ; sh:minCount 1 ] ;
            sh:property [ sh:path dcterms:description ; sh:minCount 1 ; sh:deactivated true ] .""")
    report = validate(turtle(PREFIXES + "<document/da-1> a rk:Document ."), shapes)
    assert keys(report) == {(DOC1, DCTERMS.title, SH.MinCountConstraintComponent, "Violation", None)}


def test_complex_paths_are_readable() -> None:
    shapes = turtle(PREFIXES + """
        ex:S a sh:NodeShape ; sh:targetClass rk:Meeting ;
            sh:property [ sh:path ( [ sh:inversePath rico:documents ] dcterms:date ) ;
                          sh:datatype xsd:date ; sh:message "bad date" ] .""")
    data = turtle(PREFIXES + """
        <document/da-1> rico:documents <document/da-1/event-1> ; dcterms:date "soon" .
        <document/da-1/event-1> a rk:Meeting .""")
    (result,) = validate(data, shapes).results
    assert result.path == SequencePath(InvPath(RICO.documents), DCTERMS.date)
    assert result.to_text() == '[Violation] id:document/da-1/event-1 ^rico:documents/dcterms:date: bad date (value: "soon")'
    assert result.to_json()["path"] == (
        "^<https://www.ica.org/standards/RiC/ontology#documents>/<http://purl.org/dc/terms/date>")


def test_rules_do_not_change_the_callers_graph() -> None:
    shapes = turtle(PREFIXES + """
        ex:S a sh:NodeShape ; sh:targetClass rk:Document ;
            sh:rule [ a sh:TripleRule ; sh:subject sh:this ; sh:predicate dcterms:title ; sh:object "Untitled" ] ;
            sh:property [ sh:path dcterms:title ; sh:minCount 1 ] .""")
    data = turtle(PREFIXES + "<document/da-1> a rk:Document .")
    before = len(data)
    report = validate(data, shapes)
    assert report.conforms  # the rule (SHACL-AF) ran before validation
    assert len(data) == before


def test_default_shapes_are_the_shipped_shapes() -> None:
    data = turtle(BAD)
    shipped = validate(data)
    assert keys(shipped) == keys(validate(data, shapes_graph()))
    assert [r.message for r in shipped.results] == [r.message for r in validate(data, shapes_graph()).results]


def test_result_key_is_hashable() -> None:
    result = ValidationResult("Warning", DOC1, DCTERMS.title, None, "m", RK.S, None,
                              SH.MinCountConstraintComponent)
    assert result.key() == (DOC1, DCTERMS.title, SH.MinCountConstraintComponent, "Warning", None)
    assert len({result.key(), result.key()}) == 1
    assert not result.is_violation


# --- inputs and errors --------------------------------------------------------------------------


def test_paths_and_folders(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    write(tmp_path, "data/a.ttl", BAD)
    write(tmp_path, "data/notes.txt", "not RDF, ignored")
    shapes = write(tmp_path, "shapes.ttl", SHAPES)
    assert len(validate([tmp_path / "data"], [shapes]).violations) == 2
    assert len(validate(str(tmp_path / "data" / "a.ttl"), str(shapes)).violations) == 2


def test_missing_and_empty_inputs(tmp_path: Path, shapes: Graph) -> None:
    with pytest.raises(SourceNotFound):
        validate([tmp_path / "nope.ttl"], shapes)
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match="no RDF files"):
        validate([tmp_path / "empty"], shapes)
    with pytest.raises(UsageError, match="no shapes files"):
        validate(turtle(GOOD), [tmp_path / "empty"])


def test_unknown_engine(shapes: Graph) -> None:
    with pytest.raises(UsageError, match="engine"):
        validate(turtle(GOOD), shapes, engine="jena")


def test_data_syntax_error_names_the_file(tmp_path: Path, shapes: Graph) -> None:
    bad = write(tmp_path, "broken-data.ttl", "@prefix ex: <http://example.org/> .\nex:a ex:b .\n")
    with pytest.raises(SourceSyntaxError) as caught:
        validate([bad], shapes)
    assert caught.value.path == str(bad)
    assert "broken-data.ttl" in str(caught.value)


def test_shapes_syntax_error_names_the_file(tmp_path: Path) -> None:
    bad = write(tmp_path, "broken-shapes.ttl", PREFIXES + "ex:S a sh:NodeShape ; sh:minCount ")
    with pytest.raises(SourceSyntaxError) as caught:
        validate(turtle(GOOD), [bad])
    assert "broken-shapes.ttl" in str(caught.value)
    assert caught.value.line is not None


def test_invalid_shacl_is_a_shapes_error_naming_the_file(tmp_path: Path, capfd: pytest.CaptureFixture) -> None:
    good = write(tmp_path, "good-shapes.ttl", SHAPES)
    bad = write(tmp_path, "bad-shapes.ttl", PREFIXES + """
        rk:TitleShape a sh:NodeShape ; sh:targetClass rk:Document ;
            sh:property [ sh:path dcterms:title ; sh:minCount "x" ] .""")
    with pytest.raises(ShapesError) as caught:
        validate(turtle(GOOD), [good, bad])
    text = str(caught.value)
    assert caught.value.exit_code == 2
    assert f"shapes file {bad}: not valid SHACL" in text
    assert "good-shapes.ttl" not in text
    assert "sh:minCount" in text
    assert "rk:TitleShape → property dcterms:title" in text
    assert '(value: "x")' in text
    assert capfd.readouterr().err == ""  # pySHACL's own stderr logging is kept quiet


def test_invalid_shacl_in_a_graph_is_a_shapes_error() -> None:
    shapes = turtle(PREFIXES + """
        rk:TitleShape a sh:NodeShape ; sh:targetClass rk:Document ;
            sh:property [ sh:path dcterms:title ; sh:minCount "x" ] .""")
    with pytest.raises(ShapesError, match="the shapes graph: not valid SHACL"):
        validate(turtle(GOOD), shapes)


def test_unparsable_sparql_is_a_shapes_error() -> None:
    shapes = turtle(PREFIXES + """
        ex:S a sh:NodeShape ; sh:targetClass rk:Document ;
            sh:sparql [ sh:select "SELECT $this WHERE { $this ?p ?o . FILTER( }" ] .""")
    with pytest.raises(ShapesError, match="does not parse"):
        validate(turtle(GOOD), shapes)


@pytest.mark.parametrize("query", [
    "SELECT ?this WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?this ?p ?o } }",
    "SELECT ?this FROM <http://127.0.0.1:9/data.ttl> WHERE { ?this ?p ?o }",
    "SELECT ?this WHERE { service <http://127.0.0.1:9/sparql> { ?this ?p ?o } }",
])
def test_sparql_that_would_reach_the_network_is_refused(query: str) -> None:
    shapes = turtle(PREFIXES + f"""
        ex:S a sh:NodeShape ; sh:nodeKind sh:IRI ;
            sh:target [ a sh:SPARQLTarget ; sh:select "{query}" ] .""")
    with pytest.raises(ShapesError, match="network"):
        validate(turtle(GOOD), shapes)


def test_service_inside_strings_and_iris_is_fine() -> None:
    shapes = turtle(PREFIXES + """
        ex:S a sh:NodeShape ; sh:targetClass rk:Document ;
            sh:sparql [ sh:message "no service" ; sh:select \"\"\"
                SELECT $this WHERE {  # from a SERVICE desk
                    $this <http://example.org/SERVICE> "FROM SERVICE" . }\"\"\" ] .""")
    assert validate(turtle(GOOD), shapes).conforms
