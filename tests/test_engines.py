"""The compiled engine and pySHACL give the same results, and rdfkit picks between them from the shapes.

"Same results" is the set of (focus node, path, constraint component, severity, value) of every
result, counted with multiplicity; the messages and the grouping by record must agree too, since
rdfkit writes the messages itself from the shapes. The W3C core suite is compared in
``tests/test_w3c_shacl.py``; here: the seeds, the corpus, generated data with every kind of error
the shapes catch, blank nodes, and the choice of engine.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph

from rdfkit.errors import UsageError
from rdfkit.pipeline import convert
from rdfkit.validate import ValidationReport, validate
from rdfkit.validate.engines import choose, unsupported_features
from tests.synthetic import write_nquads

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "seeds"
CORPUS = Path(__file__).parent / "data" / "corpus" / "pages"

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def keys(report: ValidationReport) -> Counter[tuple[object, ...]]:
    return Counter(r.key() for r in report.results)


def same(fast: ValidationReport, reference: ValidationReport) -> None:
    assert fast.engine == "shacl" and reference.engine == "pyshacl"
    assert keys(fast) == keys(reference)
    a, b = fast.to_json(), reference.to_json()
    a.pop("engine"), b.pop("engine")
    assert a == b  # messages, records, titles, problems: the same report


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    path = tmp_path_factory.mktemp("generated") / "da.nq"
    return path, write_nquads(path, 150, every_kind=True, seed=5)


def test_seeds_same_results() -> None:
    dataset = convert([SEEDS]).dataset
    same(validate(dataset, engine="shacl"), validate(dataset, engine="pyshacl"))


def test_corpus_same_results() -> None:
    dataset = convert([CORPUS]).dataset
    fast, reference = validate(dataset, engine="shacl"), validate(dataset, engine="pyshacl")
    assert len(fast.results) > 100  # warnings and infos of real pages
    same(fast, reference)


def test_generated_errors_same_results(generated: tuple[Path, object]) -> None:
    path, info = generated
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)  # ill-typed dates are the point
    fast, reference = validate([path], engine="shacl"), validate([path], engine="pyshacl")
    assert fast.counts["Violation"] > 0 and fast.counts["Warning"] > 0
    same(fast, reference)
    shapes_hit = {str(r.source_shape) for r in fast.results}
    for error in info.errors:  # type: ignore[attr-defined]
        assert set(error.shapes) <= shapes_hit, error


def test_blank_nodes_map_back_to_their_labels(tmp_path: Path) -> None:
    # Blank nodes as subjects, objects and graph names, in an order the engine has to follow.
    lines = []
    for n in range(400):
        lines.append(f"_:n{n} <http://example.org/p> _:m{n % 7} <http://example.org/g{n % 3}> .")
        lines.append(f"_:m{n % 7} <http://example.org/q> \"v{n}\" _:g{n % 2} .")
        lines.append(f"<http://example.org/i{n}> <http://example.org/p> _:n{n} .")
    data = tmp_path / "bnodes.nq"
    data.write_text("\n".join(lines) + "\n")
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(PREFIXES + """
        ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:p ;
            sh:property [ sh:path ex:p ; sh:nodeKind sh:IRI ; sh:message "{$this} points at a blank node" ] .
        ex:T a sh:NodeShape ; sh:targetSubjectsOf ex:q ;
            sh:property [ sh:path ex:q ; sh:datatype xsd:integer ] .""")
    fast, reference = validate([data], [shapes], engine="shacl"), validate([data], [shapes], engine="pyshacl")
    # ex:p of 400 blank nodes and 400 IRIs points at a blank node; 400 ex:q values are not integers
    assert len(fast.results) == 1200
    same(fast, reference)


def test_engine_choice_follows_the_shapes() -> None:
    plain = Graph().parse(format="turtle", data=PREFIXES + "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true .")
    rules = Graph().parse(format="turtle", data=PREFIXES + """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:rule [ a sh:TripleRule ; sh:subject sh:this ; sh:predicate ex:p ; sh:object ex:o ] .""")
    solution = Graph().parse(format="turtle", data=PREFIXES + """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this ?x WHERE { $this ex:p ?x }" ;
            sh:message "{$this} has {?x}" ] .""")
    assert choose("auto", plain) == ("shacl", None)
    assert unsupported_features(rules) == ["SHACL-AF rules (sh:rule)"]
    engine, note = choose("auto", rules)
    assert engine == "pyshacl" and note is not None and "sh:rule" in note
    assert choose("auto", solution)[0] == "pyshacl"  # {?x} needs the SPARQL solution
    assert choose("pyshacl", plain) == ("pyshacl", None)
    with pytest.raises(UsageError, match="sh:rule"):
        choose("shacl", rules)
    with pytest.raises(UsageError, match="unknown validation engine"):
        choose("jena", plain)


def test_rules_fall_back_to_pyshacl_and_are_applied() -> None:
    shapes = Graph().parse(format="turtle", data=PREFIXES + """
        ex:R a sh:NodeShape ; sh:targetClass ex:C ;
            sh:rule [ a sh:TripleRule ; sh:subject sh:this ; sh:predicate ex:p ; sh:object ex:o ] .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .""")
    data = Graph().parse(format="turtle", data=PREFIXES + "ex:a a ex:C .")
    report = validate(data, shapes)
    assert report.engine == "pyshacl" and report.engine_note
    assert report.conforms  # the rule gave ex:a its ex:p


def test_report_json_is_stable_across_runs() -> None:
    dataset = convert([SEEDS]).dataset
    a = json.dumps(validate(dataset).to_json(), sort_keys=True)
    b = json.dumps(validate(dataset).to_json(), sort_keys=True)
    assert a == b


@pytest.mark.parametrize("fmt", ["turtle", "nt", "nquads", "trig", "json-ld", "xml"])
def test_any_rdf_syntax_gives_the_same_results(tmp_path: Path, fmt: str) -> None:
    """RDF rdfkit did not write itself: the seeds in every syntax, through both engines."""
    dataset = convert([SEEDS]).dataset
    suffix = {"turtle": "ttl", "nt": "nt", "nquads": "nq", "trig": "trig", "json-ld": "jsonld", "xml": "rdf"}[fmt]
    path = tmp_path / f"seeds.{suffix}"
    if fmt in ("nquads", "trig"):
        dataset.serialize(path, format=fmt)
    else:  # triples only: the union of the graphs
        union = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        union.serialize(path, format=fmt)
    whole = validate(dataset, engine="pyshacl")
    for engine in ("shacl", "pyshacl"):
        report = validate([path], engine=engine)
        assert keys(report) == keys(whole), (fmt, engine)
        if fmt in ("nquads", "trig"):  # named graphs: the results keep their records
            assert {r.record for r in report.results} == {r.record for r in whole.results}
