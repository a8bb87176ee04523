"""Graph comparison helpers for tests: isomorphism with a readable diff."""

from __future__ import annotations

from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic


def nt_lines(graph: Graph) -> list[str]:
    return sorted(line for line in graph.serialize(format="nt").splitlines() if line.strip())


def assert_isomorphic(actual: Graph, expected: Graph, label: str = "graph") -> None:
    """Fail with the triples only in one or the other when two graphs are not isomorphic."""
    iso_a, iso_e = to_isomorphic(actual), to_isomorphic(expected)
    if iso_a == iso_e:
        return
    _, only_actual, only_expected = graph_diff(iso_a, iso_e)
    lines = [f"{label} is not isomorphic to the expected graph. Diff:"]
    lines += [f"+ {t}" for t in nt_lines(only_actual)[:60]]
    lines += [f"- {t}" for t in nt_lines(only_expected)[:60]]
    raise AssertionError("\n".join(lines))
