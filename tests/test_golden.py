"""Golden cases: convert each case's inputs, compare every named graph with expected.trig."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from rdfkit.export import serialize
from rdfkit.pipeline import convert
from rdfkit.rdfio import read_dataset

from .graphs import assert_isomorphic

CASES = sorted(p for p in (Path(__file__).parent / "cases").glob("*/*") if p.is_dir())


def named_graphs(ds: Dataset) -> dict[str, Graph]:
    out = {}
    for g in ds.graphs():
        if len(g):
            out[str(g.identifier)] = g
    return out


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_golden(case: Path, update_golden: bool) -> None:
    inputs = sorted(p for p in case.iterdir() if p.name not in ("expected.trig",) and not p.name.startswith("."))
    result = convert(inputs, kind=case.parent.name)
    assert not result.errors, [str(e) for e in result.errors]
    expected_path = case / "expected.trig"
    if update_golden or not expected_path.exists():
        expected_path.write_bytes(serialize(result.dataset, "trig"))
        if not update_golden:
            pytest.fail(f"{expected_path} did not exist; it was written: review it and commit it")
    actual = named_graphs(result.dataset)
    expected = named_graphs(read_dataset([expected_path]))
    assert sorted(actual) == sorted(expected), "named graphs differ"
    for name in expected:
        assert_isomorphic(actual[name], expected[name], label=name)
