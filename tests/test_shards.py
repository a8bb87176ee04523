"""Sharded validation gives the whole-graph report, and sorts checks into local and whole-graph ones."""

from __future__ import annotations

import json
import logging
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from rdfkit.resources import shapes_graph
from rdfkit.validate import ValidationReport, validate
from rdfkit.validate.shards import plan
from tests.synthetic import write_nquads

RKS = "https://w3id.org/rdfkit/shapes#"
PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix rk: <https://w3id.org/rdfkit/ns#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
"""


def as_json(report: ValidationReport) -> str:
    return json.dumps(report.to_json(), sort_keys=True)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    path = tmp_path_factory.mktemp("sharded") / "da.nq"
    write_nquads(path, 400, every_kind=True, seed=11)
    return path


def test_rdfkit_shapes_are_all_local() -> None:
    the_plan = plan(shapes_graph())
    assert the_plan.whole == [], the_plan.reasons
    assert len(the_plan.local) > 90 and the_plan.splittable
    # Inverse steps at the focus node: the association's meeting, the attribution's owner, and
    # "does another document refer to this one" (whose subject the check looks into).
    assert the_plan.incoming == {"<http://www.w3.org/ns/prov#qualifiedAssociation>",
                                 "<http://www.w3.org/ns/prov#qualifiedAttribution>",
                                 "<http://purl.org/dc/terms/references>"}


@pytest.mark.parametrize("per_shard", [7, 60, 1000])
def test_sharded_report_equals_the_whole_graph_report(generated: Path, per_shard: int,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from rdfkit.validate import shards

    monkeypatch.setattr(shards, "RECORDS_PER_SHARD", per_shard)
    whole = validate([generated], workers=1)
    sharded = validate([generated], workers=2)
    assert sharded.shards == (1 if per_shard >= 400 else -(-400 // per_shard))
    assert Counter(r.key() for r in sharded.results) == Counter(r.key() for r in whole.results)
    assert as_json(sharded) == as_json(whole)


def test_checks_that_need_the_whole_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shapes = Graph().parse(format="turtle", data=PREFIXES + """
        ex:Unique a sh:NodeShape ; sh:targetClass rk:Document ;
            sh:sparql [ sh:select '''
                SELECT $this ?value WHERE {
                    $this <http://purl.org/dc/terms/identifier> ?value .
                    ?other <http://purl.org/dc/terms/identifier> ?value .
                    FILTER (?other != $this) }''' ;
                sh:message "Another record has the identifier {?value}." ] .
        ex:Cited a sh:NodeShape ; sh:targetClass rk:Document ;
            sh:property [ sh:path [ sh:inversePath dcterms:references ] ; sh:class rk:Document ] .
        ex:Objects a sh:NodeShape ; sh:targetObjectsOf dcterms:references ; sh:class rk:Document .
        ex:Deep a sh:NodeShape ; sh:targetClass rk:Document ;
            sh:property [ sh:path ( dcterms:creator [ sh:inversePath dcterms:creator ] ) ; sh:maxCount 5 ] .
        ex:Local a sh:NodeShape ; sh:targetClass rk:Document ;
            sh:property [ sh:path dcterms:title ; sh:minCount 1 ] .""")
    the_plan = plan(shapes)
    whole = {str(n) for n in the_plan.whole if isinstance(n, URIRef)}
    assert whole == {"http://example.org/Unique", "http://example.org/Objects"}
    assert "does not start from $this" in the_plan.reasons[URIRef("http://example.org/Unique")]
    assert any("inverse path" in reason for reason in the_plan.reasons.values())  # ex:Deep's property
    assert "<http://purl.org/dc/terms/references>" in the_plan.incoming_described  # sh:class on ^references

    # 60 records, each in its own graph: identifiers repeat across records, references cross them.
    lines = []
    for n in range(60):
        g = f"<http://example.org/graph/{n}>"
        d = f"<http://example.org/doc/{n}>"
        lines.append(f"{d} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/rdfkit/ns#Document> {g} .")
        lines.append(f'{d} <http://purl.org/dc/terms/identifier> "id-{n % 25}" {g} .')
        if n % 4:
            lines.append(f'{d} <http://purl.org/dc/terms/title> "Doc {n}" {g} .')
        lines.append(f"{d} <http://purl.org/dc/terms/references> <http://example.org/doc/{(n * 7) % 61}> {g} .")
        lines.append(f"{d} <http://purl.org/dc/terms/creator> <http://example.org/person/{n % 3}> {g} .")
    data = tmp_path / "cross.nq"
    data.write_text("\n".join(lines) + "\n")
    from rdfkit.validate import shards

    one = validate([data], shapes, workers=1)
    monkeypatch.setattr(shards, "RECORDS_PER_SHARD", 5)
    many = validate([data], shapes, workers=2)
    assert many.shards == 12
    assert len(one.results) > 60
    assert Counter(r.key() for r in many.results) == Counter(r.key() for r in one.results)
    assert as_json(many) == as_json(one)


def test_small_data_is_not_split(tmp_path: Path) -> None:
    data = tmp_path / "small.nq"
    data.write_text('<http://example.org/a> <http://purl.org/dc/terms/title> "x" <http://example.org/g> .\n')
    assert validate([data], workers=2).shards == 1


@pytest.mark.parametrize(("where", "local", "incoming", "described"), [
    ("$this ex:p ?x . ?x ex:q* ?y", True, set(), set()),
    ("$this ?p ?o", True, set(), set()),
    ("$this ex:p ?x . FILTER NOT EXISTS { ?x ex:q ?y }", True, set(), set()),
    ("?x ex:p $this", True, {"ex:p"}, set()),
    ("$this ^ex:p ?x", True, {"ex:p"}, set()),
    ("?x ex:p $this . ?x ex:q ?y", True, {"ex:p"}, {"ex:p"}),
    ("?o ?p $this", False, set(), set()),
    ("$this ex:p ?x . ?y ex:p ?x", False, set(), set()),
    ("$this ex:p/^ex:q ?x", False, set(), set()),
    ("GRAPH ?g { $this ex:p ?x }", False, set(), set()),
    ("ex:fixed ex:p ?x", False, set(), set()),
])
def test_sparql_constraints_are_sorted_by_what_they_read(where: str, local: bool, incoming: set[str],
                                                          described: set[str]) -> None:
    shapes = Graph().parse(format="turtle", data=PREFIXES + f"""
        ex: sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^<http://www.w3.org/2001/XMLSchema#anyURI> ] .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:sparql [ sh:prefixes ex: ; sh:select "SELECT $this WHERE {{ {where} }}" ] .""")
    the_plan = plan(shapes)
    assert (the_plan.local == [URIRef("http://example.org/S")]) is local, the_plan.reasons
    expand = {f"<http://example.org/{name[3:]}>" for name in incoming}
    if local:
        assert the_plan.incoming == expand
        assert the_plan.incoming_described == {f"<http://example.org/{n[3:]}>" for n in described}
