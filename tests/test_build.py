"""The main job end to end: conformance, round trips of every export, byte-identical rebuilds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from rdfkit.pipeline import BUILD_FILES, build
from rdfkit.rdfio import to_ox_quads, to_rdflib

from .conftest import ROOT, SEEDS
from .graphs import assert_isomorphic


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build([SEEDS.parent], tmp_path_factory.mktemp("b") / "out")


def test_output_conforms_to_our_shapes(built) -> None:
    assert built.report.conforms, built.report.to_text()
    assert built.counts["violations"] == 0
    assert built.exit_code == 0


def test_summary_counts(built) -> None:
    c = built.counts
    assert (c["documents"], c["people"], c["organisations"], c["events"], c["citations"]) == (2, 7, 5, 1, 2)
    assert c["triples"] == len({(s, p, o) for s, p, o, _ in built.conversion.dataset.quads((None, None, None, None))})


def union(quads) -> Graph:
    g = Graph()
    for q in quads:
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


@pytest.mark.parametrize("fmt,oxfmt", [("turtle", ox.RdfFormat.TURTLE), ("json-ld", ox.RdfFormat.JSON_LD),
                                       ("nt", ox.RdfFormat.N_TRIPLES), ("trig", ox.RdfFormat.TRIG)])
def test_every_export_reparses_to_the_same_graph(built, fmt: str, oxfmt) -> None:
    source = union(to_ox_quads(built.conversion.dataset))
    reparsed = union(ox.parse(built.files[fmt].read_bytes(), format=oxfmt))
    assert_isomorphic(reparsed, source, label=f"{fmt} export")


def test_trig_keeps_one_named_graph_per_document(built) -> None:
    quads = list(ox.parse(built.files["trig"].read_bytes(), format=ox.RdfFormat.TRIG))
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    assert graphs == {"https://w3id.org/rdfkit/id/graph/da-118200", "https://w3id.org/rdfkit/id/graph/da-121677"}
    assert not [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]


def test_store_holds_every_quad(built) -> None:
    store = ox.Store.read_only(str(built.files["store"]))
    named = [q for q in store.quads_for_pattern(None, None, None) if not isinstance(q.graph_name, ox.DefaultGraph)]
    assert len(named) == len(list(built.conversion.dataset.quads((None, None, None, None))))


def test_same_build_in_two_processes_is_byte_identical(tmp_path: Path) -> None:
    outs = []
    for seed in ("1", "4242"):
        out = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "rdfkit.cli", "build", str(SEEDS.parent), "-o", str(out)],
                       cwd=ROOT, env=env, check=True, capture_output=True)
        outs.append(out)
    for role, name in BUILD_FILES.items():
        if role == "store":
            continue
        a, b = (o / name for o in outs)
        assert a.read_bytes() == b.read_bytes(), f"{name} differs between two builds"


def test_the_whole_corpus_converts_and_conforms(tmp_path: Path) -> None:
    from rdfkit.authority import Authority

    corpus = Path(__file__).parent / "data" / "corpus" / "pages"
    result = build([corpus], tmp_path / "out", store=False, authority=Authority.load(None))
    assert not result.conversion.errors, [str(e) for e in result.conversion.errors]
    assert result.counts["documents"] == 27  # 16 document pages and the 11 entries of the 2 listing pages
    assert result.report.conforms, result.report.to_text(limit=20)
