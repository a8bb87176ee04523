"""Archival citations: the table of real citation strings, round trips, properties, the cite command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
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
@example("0;;0")  # found by hypothesis: parts naming no archive were joined with "; " again
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


PAGE = """Skip to content

{date}

{title}

This document was made possible with support from Henry Luce Foundation

Body text of the document.

A one-sentence summary.

Document Information

Source

{source}

Rights

Reuse welcome.

Record ID

{record}
"""


def write_page(folder: Path, name: str, **fields: str) -> None:
    (folder / name).write_text(PAGE.format(**fields), encoding="utf-8")


def test_documents_cited_from_one_fonds_share_its_record_sets(tmp_path: Path) -> None:
    from rdfkit.graph import mint
    from rdfkit.pipeline import convert
    from rdfkit.store import query

    write_page(tmp_path, "a.txt", date="May 5, 1956", title="Letter A", record="900001",
               source="RGANI, f. 5, op. 30, d. 335, ll. 1-3. Translated by Gary Goldberg.")
    write_page(tmp_path, "b.txt", date="May 6, 1956", title="Letter B", record="900002",
               source="Center for the Storage of Contemporary Documentation (TsKhSD), f. 5, op. 30, d. 336, l. 7.")
    write_page(tmp_path, "c.txt", date="May 7, 1956", title="Letter C", record="900003",
               source="AVPRF, f. 0100, op. 34, 1946, p. 253, d. 18. Obtained and translated for CWIHP by Austin Jersild.")
    result = convert([tmp_path])
    assert not result.errors and len(result.documents) == 3
    fonds = mint("recordset", "rgani", "fonds-5")
    held = query(f"""SELECT ?title WHERE {{
        ?doc rico:isOrWasIncludedIn/rico:isOrWasIncludedIn* <{fonds}> ; dcterms:title ?title }} ORDER BY ?title""",
                 data=result.dataset)
    assert [str(row[0].value) for row in held.rows] == ["Letter A", "Letter B"]
    series = mint("recordset", "rgani", "fonds-5", "series-30")
    files = query(f"SELECT DISTINCT ?file WHERE {{ ?file rico:isOrWasIncludedIn <{series}> }}", data=result.dataset)
    assert len(files.rows) == 2  # d. 335 and d. 336: two files in one opis
    c = [d for d in result.documents if d.title == "Letter C"][0]
    roles = {(r.agent.name, tuple(r.roles)) for r in c.translation.attributions}
    assert ("Austin Jersild", ("contributor", "translator")) in roles


def test_a_published_source_becomes_a_reference_not_an_archive_chain(tmp_path: Path) -> None:
    from rdflib import Literal
    from rdflib.namespace import DCTERMS

    from rdfkit.graph import mint
    from rdfkit.pipeline import convert

    write_page(tmp_path, "p.txt", date="June 1, 1950", title="Telegram P", record="900004",
               source="CWIHP Working Paper No. 30, pp. 44-48. Translated by Chen Jian.")
    result = convert([tmp_path])
    doc = mint("document", "da-900004")
    triples = {(p, o) for s, p, o, _ in result.dataset.quads((doc, None, None, None))}
    assert (DCTERMS.source, Literal("CWIHP Working Paper No. 30, pp. 44-48")) in triples
    assert not [p for p, _ in triples if str(p).endswith("isOrWasIncludedIn")]
