"""Archival citations: the table of real citation strings, round trips, properties, the cite command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from rdfkit.citations import normalise, parse_citation, parse_source, render, repositories
from rdfkit.cli import cli

CASES = json.loads((Path(__file__).parent / "data" / "citations" / "cases.json").read_text(encoding="utf-8"))


def comparable(result: dict) -> dict:
    """The parse result with repositories reduced to their id, as the table writes them."""
    out = json.loads(json.dumps(result))
    for c in out["citations"]:
        c["repository"] = {"id": c["repository"]["id"]} if c["repository"] else None
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_citation_table(case: dict) -> None:
    got = comparable(parse_source(case["input"]).to_json())
    expected = case["expected"]
    assert got == expected, (
        f"\ninput:    {case['input']}\nexpected: {json.dumps(expected, ensure_ascii=False)}\n"
        f"got:      {json.dumps(got, ensure_ascii=False)}")


def test_table_is_big_and_covers_every_archive() -> None:
    named = [c for c in CASES if any(x["repository"] for x in c["expected"]["citations"])]
    assert len(CASES) >= 60 and len(named) >= 60
    covered = {x["repository"]["id"] for c in CASES for x in c["expected"]["citations"] if x["repository"]}
    assert covered >= set(repositories()), sorted(set(repositories()) - covered)


ROUND_TRIP = [c for c in CASES for x in c["expected"]["citations"] if x["repository"]]


@pytest.mark.parametrize("case", ROUND_TRIP, ids=[c["id"] for c in ROUND_TRIP])
def test_round_trip_through_the_canonical_form(case: dict) -> None:
    for citation in parse_source(case["input"]).citations:
        canonical = render(citation)
        again = parse_citation(canonical)
        assert again.repository == citation.repository, canonical
        assert [(lvl.type, lvl.value) for lvl in again.levels] == [(lvl.type, lvl.value) for lvl in citation.levels], canonical
        assert again.pages == citation.pages, canonical
        assert render(again) == canonical  # the canonical form is a fixed point


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses_without_raising_and_keeps_the_citation_verbatim(text: str) -> None:
    result = parse_source(text)
    flat = normalise(text).replace(" ", "").replace(".", "")
    for citation in result.citations:  # cutting credits out may join spaces and full stops, nothing else
        assert citation.verbatim.replace(" ", "").replace(".", "") in flat
    assert parse_citation(text).verbatim == normalise(text).strip(" .")
    json.dumps(result.to_json())


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([c["input"] for c in CASES]), st.text(max_size=30))
def test_real_citations_with_noise_appended_never_raise(source: str, noise: str) -> None:
    result = parse_source(source + noise)
    assert result.to_json()["citations"] is not None


def test_cite_command_json_and_turtle() -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["cite", "PRC FMA 118-01765-03, 24-26. Translated by 7Brands."])
    assert out.exit_code == 0
    data = json.loads(out.stdout)
    assert data["citations"][0]["repository"]["id"] == "prc-fma"
    assert data["credits"] == [{"role": "translator", "name": "7Brands"}]
    ttl = runner.invoke(cli, ["cite", "PRC FMA 118-01765-03, 24-26", "-f", "turtle"])
    assert ttl.exit_code == 0
    assert "recordset/prc-fma/series-118/file-118-01765" in ttl.stdout
