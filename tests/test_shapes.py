"""The SHACL shapes in ``shapes/``: well formed, documented for cataloguers, and doing what their fixtures say.

Every node shape has a folder ``tests/shapes/<NodeShapeLocalName>/`` holding

- ``conforming.ttl``: a small realistic graph that conforms to *all* shapes, with no result at any severity;
- ``violating.ttl``: the same kind of graph with mistakes, a comment header saying which;
- ``expected.txt``: the exact results ``violating.ttl`` must produce, one per line::

      Violation  id:document/da-118200  dcterms:title  rks:Document-title  MaxCount

  that is severity, focus node, result path, source shape and constraint component (without the
  ``ConstraintComponent`` suffix). CURIEs use the prefixes of ``docs/model.md`` plus ``rks:``;
  ``<…>`` holds a full IRI, ``-`` means no result path, ``_:`` any blank node, ``^p`` an inverse path.
  The results are compared as a multiset, so a missing, extra or duplicated result fails the test.

A new shape without a name, message or severity, without a fixture folder, or never triggered by any
violating fixture makes this module fail.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyoxigraph
import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from rdfkit.graph import PREFIXES
from rdfkit.resources import shapes_graph, shapes_paths

RKS = Namespace("https://w3id.org/rdfkit/shapes#")
FIXTURES = Path(__file__).parent / "shapes"
SHAPE_FILES = shapes_paths()
SEVERITIES = {SH.Violation, SH.Warning, SH.Info}

#: Prefix table for expected.txt and for printing results: the model's, plus the shapes namespace.
CURIES: dict[str, str] = {**PREFIXES, "rks": str(RKS)}


# --- helpers ------------------------------------------------------------------------------------


def validate(data: Graph, shapes: Graph) -> tuple[bool, Graph]:
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=False
    )
    return conforms, report


def compact(term: object) -> str:
    """A result term in expected.txt notation."""
    if isinstance(term, BNode):
        return "_:"
    if isinstance(term, URIRef):
        iri = str(term)
        best = max(
            ((p, ns) for p, ns in CURIES.items() if iri.startswith(ns) and len(iri) > len(ns)),
            key=lambda item: len(item[1]),
            default=None,
        )
        return f"{best[0]}:{iri[len(best[1]):]}" if best else f"<{iri}>"
    return repr(term)


def expand(token: str) -> str:
    """Normalise one expected.txt token to the notation :func:`compact` produces."""
    if token in {"-", "_:"}:
        return token
    if token.startswith("^"):
        return "^" + expand(token[1:])
    if token.startswith("<") and token.endswith(">"):
        return compact(URIRef(token[1:-1]))
    prefix, sep, local = token.partition(":")
    if not sep or prefix not in CURIES:
        raise ValueError(f"unknown prefix in {token!r}")
    return compact(URIRef(CURIES[prefix] + local))


def path_notation(report: Graph, path: object) -> str:
    if path is None:
        return "-"
    if isinstance(path, URIRef):
        return compact(path)
    inverse = report.value(path, SH.inversePath)
    if isinstance(inverse, URIRef):
        return "^" + compact(inverse)
    raise AssertionError(f"result path of a kind the fixtures cannot express: {path!r}")


def result_keys(report: Graph) -> Counter[tuple[str, str, str, str, str]]:
    keys: Counter[tuple[str, str, str, str, str]] = Counter()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        component = str(report.value(result, SH.sourceConstraintComponent))
        keys[
            (
                str(severity).removeprefix(str(SH)),
                compact(report.value(result, SH.focusNode)),
                path_notation(report, report.value(result, SH.resultPath)),
                compact(report.value(result, SH.sourceShape)),
                component.removeprefix(str(SH)).removesuffix("ConstraintComponent"),
            )
        ] += 1
    return keys


def expected_keys(path: Path) -> Counter[tuple[str, str, str, str, str]]:
    keys: Counter[tuple[str, str, str, str, str]] = Counter()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):  # whole-line comments only: IRIs may contain "#"
            continue
        fields = line.split()
        assert len(fields) == 5, f"{path}:{number}: expected 5 fields, got {fields}"
        severity, focus, result_path, shape, component = fields
        assert severity in {"Violation", "Warning", "Info"}, f"{path}:{number}: bad severity {severity!r}"
        keys[(severity, expand(focus), expand(result_path), expand(shape), component)] += 1
    return keys


def fmt(keys: Counter[tuple[str, ...]]) -> str:
    return "\n".join(f"  {n}x " + "  ".join(key) for key, n in sorted(keys.items())) or "  (none)"


# --- the shapes graph ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return shapes_graph()


def node_shapes(g: Graph) -> list[URIRef]:
    """Every node shape: typed sh:NodeShape or carrying a target class."""
    found = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(SH.targetClass, None))
    return sorted(found)  # type: ignore[arg-type]


def property_shapes(g: Graph) -> list:
    """Every property shape: whatever has an sh:path or is the value of an sh:property."""
    found = set(g.subjects(SH.path, None)) | set(g.objects(None, SH.property))
    return sorted(found, key=str)


def fixture_dirs() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.is_dir()) if FIXTURES.is_dir() else []


def test_shapes_files_exist() -> None:
    names = {p.name for p in SHAPE_FILES}
    assert {"document.ttl", "translation.ttl", "agent.ttl", "event.ttl", "qualified.ttl", "archive.ttl"} <= names


@pytest.mark.parametrize("path", SHAPE_FILES, ids=lambda p: p.name)
def test_shapes_file_parses_with_rdflib_and_pyoxigraph(path: Path) -> None:
    g = Graph().parse(path, format="turtle")
    quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(g), "rdflib and pyoxigraph read a different number of triples"
    assert node_shapes(g), f"{path.name} declares no node shape"
    assert not list(g.triples((None, OWL.imports, None))), f"{path.name} must not use owl:imports"


@pytest.mark.parametrize("path", SHAPE_FILES, ids=lambda p: p.name)
def test_shapes_file_stands_alone(path: Path) -> None:
    """Each file runs on its own (its SPARQL prefixes are declared in it) and accepts correct data."""
    data = Graph().parse(FIXTURES / "DocumentShape" / "conforming.ttl", format="turtle")
    conforms, report = validate(data, Graph().parse(path, format="turtle"))
    assert conforms, report.serialize(format="turtle")


def test_shapes_pass_shacl_for_shacl(shapes: Graph) -> None:
    from pyshacl.entrypoints import meta_validate

    conforms, _, text = meta_validate(shapes, inference="none")
    assert conforms, text
    # and the switch pySHACL users turn on, which raises when the shapes are not valid SHACL
    conforms, _, text = pyshacl.validate(
        Graph(), shacl_graph=shapes, inference="none", advanced=True, meta_shacl=True
    )
    assert conforms, text


def test_node_shapes_are_documented(shapes: Graph) -> None:
    problems = []
    for shape in node_shapes(shapes):
        name = compact(shape)
        if not isinstance(shape, URIRef):
            problems.append(f"{name}: node shapes need an IRI")
        if not shapes.value(shape, SH.targetClass):
            problems.append(f"{name}: no sh:targetClass")
        for prop in (RDFS.label, RDFS.comment, SH.message):
            values = list(shapes.objects(shape, prop))
            if len(values) != 1 or not isinstance(values[0], Literal) or values[0].language != "en":
                problems.append(f"{name}: needs exactly one {compact(prop)} in English (@en)")
        if shapes.value(shape, SH.severity) not in SEVERITIES:
            problems.append(f"{name}: needs an explicit sh:severity")
        if shapes.value(shape, SH.nodeKind) != SH.IRI:
            problems.append(f"{name}: instances must be IRIs (sh:nodeKind sh:IRI), rdfkit writes no blank nodes")
    assert not problems, "\n".join(problems)


def test_property_shapes_are_documented(shapes: Graph) -> None:
    problems = []
    props = property_shapes(shapes)
    attached = set(shapes.objects(None, SH.property))
    assert len(props) > 50
    for shape in props:
        name = compact(shape)
        if not isinstance(shape, URIRef):
            problems.append(f"{name} (path {shapes.value(shape, SH.path)}): property shapes need an IRI, "
                            "so reports and expected.txt can name them")
        for prop in (SH.name, SH.message):
            values = list(shapes.objects(shape, prop))
            if len(values) != 1 or not isinstance(values[0], Literal) or values[0].language != "en":
                problems.append(f"{name}: needs exactly one {compact(prop)} in English (@en)")
        if len(list(shapes.objects(shape, SH.description))) != 1:
            problems.append(f"{name}: needs one sh:description")
        severities = list(shapes.objects(shape, SH.severity))
        if len(severities) != 1 or severities[0] not in SEVERITIES:
            problems.append(f"{name}: needs exactly one explicit sh:severity (Violation, Warning or Info)")
        if shape not in attached:
            problems.append(f"{name}: not attached to any node shape with sh:property")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", SHAPE_FILES, ids=lambda p: p.name)
def test_every_severity_says_why(path: Path) -> None:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "sh:severity" in line]
    assert lines
    silent = [line.strip() for line in lines if not re.search(r"sh:severity\s+sh:\w+\s*[;.]\s*#\s*\S", line)]
    assert not silent, "each sh:severity needs a comment on its line saying why:\n" + "\n".join(silent)


def test_sparql_constraints_are_used(shapes: Graph) -> None:
    constraints = list(shapes.objects(None, SH.sparql))
    assert constraints, "at least one sh:sparql constraint is expected"
    for constraint in constraints:
        assert shapes.value(constraint, SH.prefixes) is not None, "declare SPARQL prefixes with sh:prefixes"


# --- fixtures -----------------------------------------------------------------------------------


def test_every_node_shape_has_a_fixture_folder(shapes: Graph) -> None:
    wanted = {compact(s).removeprefix("rks:") for s in node_shapes(shapes)}
    present = {d.name for d in fixture_dirs()}
    missing = {
        f"tests/shapes/{name}/{file}"
        for name in wanted
        for file in ("conforming.ttl", "violating.ttl", "expected.txt")
        if not (FIXTURES / name / file).is_file()
    }
    assert not missing, "missing fixtures:\n" + "\n".join(sorted(missing))
    assert not present - wanted, f"fixture folders for shapes that do not exist: {sorted(present - wanted)}"


@pytest.mark.parametrize("folder", fixture_dirs(), ids=lambda p: p.name)
def test_conforming_fixture_conforms(folder: Path, shapes: Graph) -> None:
    data = Graph().parse(folder / "conforming.ttl", format="turtle")
    target = shapes.value(RKS[folder.name], SH.targetClass)
    assert target is not None, f"no node shape rks:{folder.name}"
    assert set(data.subjects(RDF.type, target)), f"the fixture holds no {compact(target)}, so it tests nothing"
    conforms, report = validate(data, shapes)
    assert conforms, "unexpected results:\n" + fmt(result_keys(report))


@pytest.mark.parametrize("folder", fixture_dirs(), ids=lambda p: p.name)
def test_violating_fixture_gives_exactly_the_expected_results(folder: Path, shapes: Graph) -> None:
    data = Graph().parse(folder / "violating.ttl", format="turtle")
    conforms, report = validate(data, shapes)
    actual = result_keys(report)
    expected = expected_keys(folder / "expected.txt")
    assert not conforms
    missing, unexpected = expected - actual, actual - expected
    if missing or unexpected:
        pytest.fail(
            f"{folder.name}/violating.ttl does not give the results of expected.txt\n"
            f"expected but not reported:\n{fmt(missing)}\nreported but not expected:\n{fmt(unexpected)}"
        )
    own = {key for key in actual if key[3] == f"rks:{folder.name}" or key[3].startswith(
        "rks:" + folder.name.removesuffix("Shape") + "-")}
    assert own, f"violating.ttl triggers none of rks:{folder.name}'s own constraints"


@pytest.mark.parametrize("folder", fixture_dirs(), ids=lambda p: p.name)
def test_result_messages_are_filled_in(folder: Path, shapes: Graph) -> None:
    data = Graph().parse(folder / "violating.ttl", format="turtle")
    _, report = validate(data, shapes)
    for result in report.subjects(RDF.type, SH.ValidationResult):
        messages = [str(m) for m in report.objects(result, SH.resultMessage)]
        shape = compact(report.value(result, SH.sourceShape))
        assert messages, f"{shape} reported without a message"
        for message in messages:
            assert "{?" not in message and "{$" not in message, f"{shape}: unfilled template in {message!r}"


def test_every_shape_is_exercised_by_a_violating_fixture(shapes: Graph) -> None:
    exercised = set()
    for folder in fixture_dirs():
        exercised |= {key[3] for key in expected_keys(folder / "expected.txt")}
    every = {compact(s) for s in node_shapes(shapes)} | {compact(s) for s in property_shapes(shapes)}
    never = sorted(every - exercised)
    assert not never, "shapes no violating fixture triggers (add a case to expected.txt):\n" + "\n".join(never)


def test_expected_files_use_known_shapes(shapes: Graph) -> None:
    known = {compact(s) for s in node_shapes(shapes)} | {compact(s) for s in property_shapes(shapes)}
    for folder in fixture_dirs():
        unknown = {key[3] for key in expected_keys(folder / "expected.txt")} - known
        assert not unknown, f"{folder.name}/expected.txt names shapes that do not exist: {sorted(unknown)}"


def test_xsd_date_forms_are_the_three_of_the_model(shapes: Graph) -> None:
    """dcterms:date accepts exactly xsd:date, xsd:gYearMonth and xsd:gYear, wherever it is checked."""
    from rdflib.collection import Collection
    from rdflib.namespace import DCTERMS, XSD

    forms = [s for s in shapes.subjects(SH.path, DCTERMS.date) if shapes.value(s, SH["or"]) is not None]
    assert forms
    for shape in forms:
        members = Collection(shapes, shapes.value(shape, SH["or"]))
        assert {shapes.value(m, SH.datatype) for m in members} == {XSD.date, XSD.gYearMonth, XSD.gYear}


# --- the SPARQL constraints on their own ---------------------------------------------------------

DOC = "https://w3id.org/rdfkit/id/document/da-118200"

TURTLE_PREFIXES = """
@prefix rk: <https://w3id.org/rdfkit/ns#> . @prefix rico: <https://www.ica.org/standards/RiC/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix bibo: <http://purl.org/ontology/bibo/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
"""


def results_of(shapes: Graph, turtle: str, shape: str) -> list[str]:
    data = Graph().parse(data=TURTLE_PREFIXES + turtle, format="turtle")
    _, report = validate(data, shapes)
    return [
        str(report.value(r, SH.resultMessage))
        for r in report.subjects(SH.sourceShape, RKS[shape])
    ]


@pytest.mark.parametrize(
    ("start", "end", "backwards"),
    [
        ("24", "26", False),
        ("24", "24", False),
        ("9", "10", False),  # numbers, not strings: "10" < "9" as text
        ("2", "2ob", False),  # recto then verso of leaf 2 ("ll. 2-2ob")
        ("1ob", "2", False),
        ("26", "24", True),
        ("10", "9", True),
        ("2ob", "2", True),
    ],
)
def test_page_order_compares_numbers_and_leaf_sides(shapes: Graph, start: str, end: str, backwards: bool) -> None:
    turtle = f"""<{DOC}> a rk:Document ; dcterms:title "Minutes"@en ; dcterms:date "1962-06-08"^^xsd:date ;
        dcterms:bibliographicCitation "PRC FMA 118-01765-03, {start}-{end}" ;
        bibo:pageStart "{start}" ; bibo:pageEnd "{end}" ."""
    messages = results_of(shapes, turtle, "Document-page-order")
    assert bool(messages) == backwards, messages
    if backwards:
        # Messages name only {?value} (both engines can fill that): the last page.
        assert f"the last page ({end}) comes before the first page" in messages[0], messages[0]


@pytest.mark.parametrize(
    ("written", "held", "suspicious"),
    [
        ('"1962-06-08"^^xsd:date', '"1962-06-08"^^xsd:date', False),
        ('"1962-06-09"^^xsd:date', '"1962-06-08"^^xsd:date', False),
        ('"1962-06"^^xsd:gYearMonth', '"1962-06-08"^^xsd:date', False),  # compared to the month
        ('"1962"^^xsd:gYear', '"1962-06-08"^^xsd:date', False),  # compared to the year
        ('"1962-06-08"^^xsd:date', '"1962"^^xsd:gYear', False),
        ('"1962-06-07"^^xsd:date', '"1962-06-08"^^xsd:date', True),
        ('"1962-05"^^xsd:gYearMonth', '"1962-06-08"^^xsd:date', True),
        ('"1961"^^xsd:gYear', '"1962-06"^^xsd:gYearMonth', True),
    ],
)
def test_document_date_is_not_before_its_meeting(shapes: Graph, written: str, held: str, suspicious: bool) -> None:
    turtle = f"""<{DOC}> a rk:Document ; dcterms:title "Minutes"@en ; dcterms:date {written} ;
        dcterms:bibliographicCitation "PRC FMA 118-01765-03, 24-26" ; rico:documents <{DOC}/event-1> .
        <{DOC}/event-1> a rk:Meeting ; dcterms:date {held} ; rico:hasOrHadParticipant <https://w3id.org/rdfkit/id/person/zhang-hanfu> .
        <https://w3id.org/rdfkit/id/person/zhang-hanfu> a rk:Person ; skos:prefLabel "Zhang Hanfu"@en ;
            owl:sameAs <https://example.org/authority/zhang-hanfu> ."""
    messages = results_of(shapes, turtle, "Document-date-after-meeting")
    assert bool(messages) == suspicious, messages
