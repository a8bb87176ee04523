"""The synthetic DA datasets of ``tests/synthetic.py``: deterministic, shaped like rdfkit's output, clean
when asked, and every injected error reported by the shapes the catalogue names.

The validation tests run once per engine :mod:`rdfkit.validate` knows (``ENGINES``), so a new engine is
held to the same catalogue as pySHACL as soon as it is registered.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql import processor

from rdfkit.resources import shapes_paths
from rdfkit.validate import ENGINES, validate
from tests.synthetic import ERRORS, RKS, Generated, write_nquads

ROOT = Path(__file__).resolve().parent.parent

#: Shapes with severity Violation or Warning that the catalogue need not cover, each with the reason.
#: None today: every such shape can be broken by some data. (rks:Person-external-link is sh:Info, which
#: the clean data triggers anyway, so it is not required.)
NOT_IN_CATALOGUE: dict[str, str] = {}


@pytest.fixture
def parse_sparql_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let rdflib reuse a parsed SPARQL query instead of parsing it again for every focus node.

    pySHACL hands rdflib the text of each sh:sparql constraint once per focus node, and parsing it
    (pyparsing, about 25 ms) is 90% of pySHACL's time on these datasets: 30 s for 300 documents
    instead of 4. A translated query is meant to be reused (``rdflib.plugins.sparql.prepareQuery``), so
    the results are the same, message for message.
    """
    original = processor.SPARQLProcessor.query
    cache: dict[tuple[Any, ...], Any] = {}

    def query(self: processor.SPARQLProcessor, strOrQuery: Any, initBindings: Any = None,  # noqa: N803
              initNs: Any = None, base: str | None = None, DEBUG: bool = False) -> Any:  # noqa: N803
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
            if key not in cache:
                cache[key] = processor.translateQuery(processor.parseQuery(strOrQuery), base, initNs)
            strOrQuery = cache[key]
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    monkeypatch.setattr(processor.SPARQLProcessor, "query", query)


@pytest.fixture(scope="module")
def every_kind(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    """300 documents with every kind of error injected at least once (153 of them get one)."""
    return write_nquads(tmp_path_factory.mktemp("synthetic") / "every-kind.nq", 300, seed=7, every_kind=True)


def _focus(node: object) -> str:
    return "_:" if isinstance(node, BNode) else str(node)


def _quads(path: Path) -> Iterator[tuple[str, str, str, str]]:
    """The quads of one of our files, split without an RDF parser (subject, predicate, object, graph)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        s, p, rest = line.split(" ", 2)
        o, g = rest[: -2].rsplit(" ", 1)
        yield s, p, o, g


# --- the data ---------------------------------------------------------------------------------------


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    one = write_nquads(tmp_path / "one.nq", 400, seed=3, every_kind=True)
    two = write_nquads(tmp_path / "two.nq", 400, seed=3, every_kind=True)
    other = write_nquads(tmp_path / "other.nq", 400, seed=4, every_kind=True)
    assert (tmp_path / "one.nq").read_bytes() == (tmp_path / "two.nq").read_bytes()
    assert (tmp_path / "one.nq").read_bytes() != (tmp_path / "other.nq").read_bytes()
    assert one.errors == two.errors and one.triples == two.triples
    # Another process, with another hash seed: nothing may depend on the order of a set.
    code = ("import sys; from tests.synthetic import write_nquads; "
            "write_nquads(sys.argv[1], 400, seed=3, every_kind=True)")
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "three.nq")], cwd=ROOT, check=True,
                   env={"PYTHONHASHSEED": "12345", "PATH": ""})
    assert (tmp_path / "three.nq").read_bytes() == (tmp_path / "one.nq").read_bytes()
    assert len(other.errors) == len(ERRORS)


def test_counts_as_reported(tmp_path: Path) -> None:
    path = tmp_path / "da.nq"
    generated = write_nquads(path, 250, error_rate=0.02, seed=1)
    assert generated.n == 250 and len(generated.errors) == 5
    assert generated.triples == len(path.read_text(encoding="utf-8").splitlines())
    ds = Dataset()
    ds.parse(path, format="nquads")
    quads = list(ds.quads((None, None, None, None)))
    graphs = {str(g) for _, _, _, g in quads}
    assert len(graphs) == 250 and all(re.fullmatch(r"https://w3id\.org/rdfkit/id/graph/da-\d+", g) for g in graphs)
    assert len(quads) == generated.triples  # no quad written twice
    union = Graph()
    union.addN((s, p, o, union) for s, p, o, _ in quads)
    assert len(union) == generated.distinct_triples
    assert Generated.from_json(generated.to_json()) == generated


def test_shaped_like_rdfkit_output(tmp_path: Path) -> None:
    """Each graph holds its document, its provenance, and what it names, as ``rdfkit build`` writes them."""
    path = tmp_path / "da.nq"
    write_nquads(path, 300, error_rate=0)
    prov = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
    by_graph: dict[str, list[tuple[str, str, str]]] = {}
    for s, p, o, g in _quads(path):
        by_graph.setdefault(g, []).append((s, p, o))
    for g, triples in by_graph.items():
        record = g.rsplit("/da-", 1)[1][:-1]
        document = f"<https://w3id.org/rdfkit/id/document/da-{record}>"
        assert (document, str(RDF.type).join("<>"), "<https://w3id.org/rdfkit/ns#Document>") in triples
        assert any(s == g and p == prov for s, p, _ in triples), "the graph says where it comes from"
        for s, _, o in triples:  # every IRI follows a pattern of docs/model.md
            for term in (s, o):
                if term.startswith("<https://w3id.org/rdfkit/id/"):
                    assert re.match(r"<https://w3id\.org/rdfkit/id/(document/da-\d+(/[a-z0-9/-]+)?|person/[a-z0-9-]+|"
                                    r"organization/[a-z0-9-]+|repository/[a-z0-9-]+|recordset/[a-z0-9-]+(/[a-z]+-"
                                    r"[a-z0-9-]+)+|place/[a-z0-9-]+|source/sha256-[0-9a-f]{64}|graph/da-\d+)>$",
                                    term), term


def test_sharing_is_realistic(tmp_path: Path) -> None:
    path = tmp_path / "da.nq"
    n = 5000
    generated = write_nquads(path, n, error_rate=0)
    assert 40 <= generated.triples / n <= 50  # rdfkit writes about 44.5 quads per DA document
    people: dict[str, set[str]] = {}
    linked: set[str] = set()
    files: Counter[str] = Counter()
    repositories: set[str] = set()
    included = "<https://www.ica.org/standards/RiC/ontology#isOrWasIncludedIn>"
    for s, p, o, g in _quads(path):
        if s.startswith("<https://w3id.org/rdfkit/id/person/"):
            people.setdefault(s, set()).add(g)
            if p == "<http://www.w3.org/2002/07/owl#sameAs>":
                linked.add(s)
        elif p == included and s.startswith("<https://w3id.org/rdfkit/id/document/"):
            files[o] += 1
        elif s.startswith("<https://w3id.org/rdfkit/id/repository/"):
            repositories.add(s)
    assert 0.12 * n <= len(people) <= 0.25 * n
    busiest = max(len(graphs) for graphs in people.values())
    assert busiest <= 0.02 * n and busiest >= 0.005 * n  # skewed, but nobody everywhere
    assert 0.15 <= len(linked) / len(people) <= 0.25
    assert max(files.values()) <= 40 and len(files) >= n / 40
    assert len(repositories) == 10


# --- validation -------------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_clean_data_conforms(engine: str, tmp_path: Path, parse_sparql_once: None) -> None:
    path = tmp_path / "clean.nq"
    write_nquads(path, 200, error_rate=0, seed=2)
    report = validate(path, engine=engine)
    counts = report.counts
    bad = [r.to_text() for r in report.results if r.severity != "Info"][:10]
    assert counts["Violation"] == 0 and counts["Warning"] == 0, bad
    assert counts["Info"] > 0  # people not linked to Wikidata


@pytest.mark.parametrize("engine", ENGINES)
def test_every_injected_error_is_reported(engine: str, every_kind: Generated, parse_sparql_once: None) -> None:
    report = validate(every_kind.path, engine=engine)
    found = {(str(r.source_shape), _focus(r.focus_node)) for r in report.results}
    expected = {(x.shape, x.focus) for e in every_kind.errors for x in e.expected}
    missing = [(e.kind, x.shape.removeprefix(RKS), x.focus) for e in every_kind.errors for x in e.expected
               if (x.shape, x.focus) not in found]
    assert not missing, f"injected errors not reported: {missing}"
    # Nothing else is wrong: every Violation and Warning is one the catalogue announced.
    unexpected = [r.to_text() for r in report.results
                  if r.severity != "Info" and (str(r.source_shape), _focus(r.focus_node)) not in expected]
    assert not unexpected, "\n".join(unexpected[:20])
    assert {e.kind for e in every_kind.errors} == {k.name for k in ERRORS}
    hit = {str(r.source_shape) for r in report.results}
    assert {s for k in ERRORS for s in k.shapes} <= hit


def test_catalogue_declares_what_it_injects(every_kind: Generated) -> None:
    kinds = {k.name: k for k in ERRORS}
    assert len(kinds) == len(ERRORS), "two error kinds share a name"
    for error in every_kind.errors:
        assert set(error.shapes) == set(kinds[error.kind].shapes), error.kind
        assert kinds[error.kind].description, error.kind


def test_catalogue_covers_every_shape() -> None:
    """Every shape whose severity is Violation or Warning has an entry (or a reason in NOT_IN_CATALOGUE)."""
    shapes = Graph()
    for path in shapes_paths():
        shapes.parse(path, format="turtle")
    checked = {str(s) for s in shapes.subjects(SH.severity, None)
               if isinstance(s, URIRef) and shapes.value(s, SH.severity) in (SH.Violation, SH.Warning)}
    property_shapes = {str(o) for o in shapes.objects(None, SH.property)}
    assert property_shapes <= {str(s) for s in shapes.subjects(SH.severity, None)}, "a property shape without severity"
    covered = {s for k in ERRORS for s in k.shapes}
    assert covered <= checked | {str(s) for s in shapes.subjects(RDF.type, SH.NodeShape)}, covered - checked
    missing = sorted(checked - covered - set(NOT_IN_CATALOGUE))
    assert not missing, f"shapes the catalogue never breaks: {missing}"
