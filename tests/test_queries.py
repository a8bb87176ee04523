"""Named queries on the seeds build, and queries sent to a real SPARQL server (``oxigraph serve``).

Expected rows are written from the seed pages (data/seeds): the meeting of 8 June 1962 between Vice
Minister Zhang Hanfu and Ambassador Chervonenko, with Yu Man attending, Wang Gaiqing interpreting and
Zhang Zifan taking notes; the reply of 25 June 1962 signed by Zhang Hanfu, translated by Stephen
Mercado; both held by the PRC Foreign Ministry Archive, file 118-01765 of category 118.

The server tests use no mocks: faults are a port nobody listens on, a socket that never answers or
cuts its answer short, and an injected ``requests`` adapter for 5xx and redirects.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pyoxigraph as ox
import pytest
import requests
from click.testing import CliRunner

from rdfkit import queries
from rdfkit.cli import cli
from rdfkit.errors import QueryError, ServerError, UsageError
from rdfkit.graph import prefixes
from rdfkit.store import GET_LIMIT, QueryResult, query

from .conftest import ROOT, SEEDS
from .servers import OxigraphServer, free_port, no_internet, oxigraph_server  # noqa: F401  (no_internet: a fixture)

ID = "https://w3id.org/rdfkit/id/"
MINUTES = ("Minutes of the Meeting between Vice Minister Zhang Hanfu and the Ambassador of the Soviet Union to "
           "China Chervonenko")
REPLY = "Reply to the Soviet Government Memorandum of 7 June and the Oral Supplementary Statement of 11 June (Draft)"
MEETING_LABEL = "Meeting between Vice Minister Zhang Hanfu and the Ambassador of the Soviet Union to China Chervonenko"
PLACE = "Meeting Room, Ministry of Foreign Affairs"
FMA = "Archives of the Ministry of Foreign Affairs of the People's Republic of China"
FILE = "id:recordset/prc-fma/series-118/file-118-01765"
PERSON_LINK = "<https://w3id.org/rdfkit/shapes#Person-external-link>"
NOT_LINKED = ("The person is not linked to any authority file (Wikidata, VIAF). If you can identify them with "
              "certainty, add the link to the authority file.")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seeds") / "out"
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(out), "--no-record"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def store(built: Path) -> Path:
    return built / "store"


@pytest.fixture(scope="module")
def server(built: Path) -> Iterator[OxigraphServer]:
    """The seeds on a real Oxigraph server: each record in its named graph and, as in rdfkit's store,
    their union in the default graph (what `oxigraph serve --union-default-graph` would show)."""
    with oxigraph_server(built / "rdfkit.trig", built / "rdfkit.nt") as running:
        yield running


def cells(result: QueryResult) -> list[tuple[str | None, ...]]:
    """Rows as text: IRIs compacted with rdfkit's prefixes (<…> otherwise), literals as their value."""
    table = prefixes()

    def cell(term: Any) -> str | None:
        if term is None:
            return None
        if isinstance(term, ox.NamedNode):
            for prefix, ns in table.items():
                if term.value.startswith(ns) and len(term.value) > len(ns):
                    return f"{prefix}:{term.value[len(ns):]}"
            return f"<{term.value}>"
        return str(term.value)

    return [tuple(cell(t) for t in row) for row in result.rows]


# --------------------------------------------------------------------------------------------
# the library of named queries


def test_every_rq_file_is_a_named_query_with_a_complete_header() -> None:
    files = sorted(p.stem for p in (ROOT / "rdfkit" / "queries").glob("*.rq"))
    assert queries.names() == files
    assert {"documents-between", "meetings-of", "people-who-met", "cited-from", "documents-per-repository-year",
            "translations-by", "records-failing"} <= set(files)
    for q in queries.all_queries():
        assert q.summary.endswith(".") and q.description and q.examples, q.name
        for p in q.parameters:
            assert p.example and p.description, (q.name, p.name)
            assert f"?{p.name}" in q.text.split("\nSELECT", 1)[1], f"{q.name} never uses ?{p.name}"
        for example in q.examples:
            assert example.startswith(f"rdfkit query --name {q.name}"), example


def test_header_examples_run(store: Path) -> None:
    for q in queries.all_queries():
        for example in q.examples:
            args = example.split()[2:]
            result = CliRunner().invoke(cli, ["query", *args, "--store", str(store), "-f", "json"])
            assert result.exit_code == 0, (example, result.output)


def test_a_header_that_cannot_be_read_is_refused() -> None:
    with pytest.raises(ValueError, match="must start with"):
        queries._parse("x", "# y: wrong name\nSELECT * {}")
    with pytest.raises(ValueError, match="cannot read"):
        queries._parse("x", "# x: summary.\n# param p: iri required\nSELECT ?p {}")
    with pytest.raises(ValueError, match="unknown type"):
        queries._parse("x", "# x: summary.\n# param p: uri, required. Text.\nSELECT ?p {}")


def test_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(UsageError, match="Did you mean meetings-of"):
        queries.get("meeting-of")


def test_documents_between(store: Path) -> None:
    june = queries.run("documents-between", {"from": "1962-06-01", "to": "1962-06-30"}, store=store)
    assert june.variables == ["date", "document", "title", "citation"]
    assert cells(june) == [
        ("1962-06-07", "id:document/da-121677/reference-1", "Soviet Government Memorandum of 7 June", None),
        ("1962-06-08", "id:document/da-118200", MINUTES, "PRC FMA 118-01765-03, 24-26"),
        ("1962-06-11", "id:document/da-121677/reference-2", "Oral Supplementary Statement of 11 June", None),
        ("1962-06-25", "id:document/da-121677", REPLY, "PRC FMA 118-01765-04, 38-40"),
    ]
    narrow = queries.run("documents-between", {"from": "1962-06-08", "to": "1962-06-11"}, store=store)
    assert [r[1] for r in cells(narrow)] == ["id:document/da-118200", "id:document/da-121677/reference-2"]
    month = queries.run("documents-between", {"from": "1962-06", "to": "1962-06"}, store=store)
    assert len(month) == 4
    until = queries.run("documents-between", {"to": "1962-06-07"}, store=store)
    assert [r[1] for r in cells(until)] == ["id:document/da-121677/reference-1"]
    since = queries.run("documents-between", {"from": "1962-06-12"}, store=store)
    assert [r[1] for r in cells(since)] == ["id:document/da-121677"]
    assert len(queries.run("documents-between", {"from": "1963"}, store=store)) == 0
    assert len(queries.run("documents-between", {}, store=store)) == 4


def test_documents_between_checks_its_dates(store: Path) -> None:
    for bad in ("June 1962", "1962-13", "1962-02-30", "id:person/zhang-hanfu"):
        with pytest.raises(UsageError, match="parameter from"):
            queries.run("documents-between", {"from": bad}, store=store)


def test_meetings_of_zhang_hanfu(store: Path) -> None:
    result = queries.run("meetings-of", {"person": "id:person/zhang-hanfu"}, store=store)
    assert result.variables == ["date", "meeting", "role", "position", "place", "document", "label"]
    meeting = "id:document/da-118200/event-1"
    assert cells(result) == [
        ("1962-06-08", meeting, "rk:role-participant", "Vice Minister", PLACE, "id:document/da-118200", MEETING_LABEL),
        ("1962-06-08", meeting, "rk:role-speaker", "Vice Minister", PLACE, "id:document/da-118200", MEETING_LABEL),
    ]


def test_meetings_of_the_others(store: Path) -> None:
    def roles(person: str) -> list[tuple[str | None, ...]]:
        return [(r[2], r[3]) for r in cells(queries.run("meetings-of", {"person": person}, store=store))]

    assert roles("id:person/stepan-chervonenko") == [("rk:role-participant", "Ambassador of the Soviet Union to China"),
                                                     ("rk:role-speaker", "Ambassador of the Soviet Union to China")]
    assert roles("id:person/yu-man") == [
        ("rk:role-attendee", "Deputy Director of the Department of Soviet and Eastern European Affairs")]
    assert roles("<https://w3id.org/rdfkit/id/person/wang-gaiqing>") == [("rk:role-interpreter", None)]
    assert roles("id:person/zhang-zifan") == [("rk:role-note-taker", None)]
    assert roles("id:person/chen-yi") == []  # approved the reply; at no meeting


def test_meetings_of_needs_a_person_iri(store: Path) -> None:
    with pytest.raises(UsageError, match="needs --param person") as err:
        queries.run("meetings-of", {}, store=store)
    assert "--param person=id:person/zhang-hanfu" in str(err.value)
    with pytest.raises(UsageError, match="parameter person.*expected an iri"):
        queries.run("meetings-of", {"person": "Zhang Hanfu"}, store=store)
    with pytest.raises(UsageError, match="has no parameter 'who'"):
        queries.run("meetings-of", {"person": "id:person/zhang-hanfu", "who": "x"}, store=store)


def test_people_who_met(store: Path) -> None:
    zhang = queries.run("people-who-met", {"person": "id:person/zhang-hanfu"}, store=store)
    assert zhang.variables == ["person", "name", "other", "otherName", "meetings", "first", "last"]
    day = "1962-06-08"
    assert cells(zhang) == [
        ("id:person/zhang-hanfu", "Zhang Hanfu", "id:person/stepan-chervonenko", "Stepan Chervonenko", "1", day, day),
        ("id:person/zhang-hanfu", "Zhang Hanfu", "id:person/wang-gaiqing", "Wang Gaiqing", "1", day, day),
        ("id:person/zhang-hanfu", "Zhang Hanfu", "id:person/yu-man", "Yu Man", "1", day, day),
        ("id:person/zhang-hanfu", "Zhang Hanfu", "id:person/zhang-zifan", "Zhang Zifan", "1", day, day),
    ]
    everyone = cells(queries.run("people-who-met", {}, store=store))
    assert len(everyone) == 5 * 4  # five people at the one meeting, each pair from both sides
    pairs = {(r[0], r[2]) for r in everyone}
    assert all((b, a) in pairs for a, b in pairs)
    assert cells(queries.run("people-who-met", {"person": "id:person/chen-yi"}, store=store)) == []
    both = queries.run("people-who-met", {"person": ["id:person/zhang-hanfu", "id:person/yu-man"]}, store=store)
    assert sorted({r[0] for r in cells(both)}) == ["id:person/yu-man", "id:person/zhang-hanfu"] and len(both) == 8


@pytest.mark.parametrize("archive", ["id:repository/prc-fma", "id:recordset/prc-fma/series-118", FILE])
def test_cited_from_the_seeds(store: Path, archive: str) -> None:
    result = queries.run("cited-from", {"archive": archive}, store=store)
    assert result.variables == ["document", "date", "title", "recordSet", "pages", "citation"]
    assert cells(result) == [
        ("id:document/da-118200", "1962-06-08", MINUTES, FILE, "24-26", "PRC FMA 118-01765-03, 24-26"),
        ("id:document/da-121677", "1962-06-25", REPLY, FILE, "38-40", "PRC FMA 118-01765-04, 38-40"),
    ]


def test_cited_from_something_else(store: Path) -> None:
    assert len(queries.run("cited-from", {"archive": "id:recordset/prc-fma/series-117"}, store=store)) == 0
    with pytest.raises(UsageError, match="needs --param archive"):
        queries.run("cited-from", {}, store=store)


def test_documents_per_repository_year(store: Path) -> None:
    result = queries.run("documents-per-repository-year", {}, store=store)
    assert result.variables == ["repository", "name", "year", "documents"]
    assert cells(result) == [("id:repository/prc-fma", FMA, "1962", "2")]
    only = queries.run("documents-per-repository-year", {"repository": "id:repository/prc-fma"}, store=store)
    assert cells(only) == cells(result)
    assert len(queries.run("documents-per-repository-year", {"repository": "id:repository/avprf"}, store=store)) == 0


def test_translations_by(store: Path) -> None:
    result = queries.run("translations-by", {}, store=store)
    assert result.variables == ["translatorName", "translator", "translation", "document", "date", "title", "issued"]
    assert cells(result) == [
        ("7Brands", "id:organization/7brands", "id:document/da-118200/translation-en", "id:document/da-118200",
         "1962-06-08", MINUTES, "2013-10-10"),
        ("Stephen Mercado", "id:person/stephen-mercado", "id:document/da-121677/translation-en",
         "id:document/da-121677", "1962-06-25", REPLY, "2015-03-12"),
    ]
    mercado = queries.run("translations-by", {"translator": "id:person/stephen-mercado"}, store=store)
    assert cells(mercado) == cells(result)[1:]


def test_records_failing_on_the_seeds(store: Path) -> None:
    result = queries.run("records-failing", {}, store=store)
    assert result.variables == ["record", "title", "severity", "shape", "results", "firstMessage"]
    # seven people are not linked to Wikidata or VIAF (Info); Zhang Hanfu and Chervonenko are in both records
    assert cells(result) == [
        ("id:graph/da-118200", MINUTES, "sh:Info", PERSON_LINK, "5", NOT_LINKED),
        ("id:graph/da-121677", REPLY, "sh:Info", PERSON_LINK, "4", NOT_LINKED),
    ]
    assert len(queries.run("records-failing", {"severity": "sh:Violation"}, store=store)) == 0
    by_shape = queries.run("records-failing", {"shape": PERSON_LINK}, store=store)
    assert cells(by_shape) == cells(result)


def test_records_failing_finds_the_broken_record(built: Path, tmp_path: Path) -> None:
    trig = (built / "rdfkit.trig").read_text(encoding="utf-8")
    broken = tmp_path / "broken.trig"
    broken.write_text(trig.replace('bibo:pageEnd "26"', 'bibo:pageEnd "22"', 1)
                      .replace('        dcterms:date "1962-06-25"^^xsd:date ;\n', "", 1), encoding="utf-8")
    result = cells(queries.run("records-failing", {}, data=[broken]))
    assert [(r[0], r[2], r[3], r[4]) for r in result] == [
        ("id:graph/da-118200", "sh:Violation", "<https://w3id.org/rdfkit/shapes#Document-page-order>", "1"),
        ("id:graph/da-121677", "sh:Warning", "<https://w3id.org/rdfkit/shapes#Document-date>", "1"),
        ("id:graph/da-118200", "sh:Info", PERSON_LINK, "5"),
        ("id:graph/da-121677", "sh:Info", PERSON_LINK, "4"),
    ]
    assert "page range runs backwards" in str(result[0][5])
    violations = cells(queries.run("records-failing", {"severity": "sh:Violation"}, data=[broken]))
    assert [r[0] for r in violations] == ["id:graph/da-118200"]


def test_records_failing_without_named_graphs(built: Path) -> None:
    result = cells(queries.run("records-failing", {}, data=[built / "rdfkit.nt"]))
    assert result == [(None, None, "sh:Info", PERSON_LINK, "7", NOT_LINKED)]


def test_with_validation_for_any_query(store: Path) -> None:
    sparql = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?r a sh:ValidationResult } }"
    assert query(sparql, store=store).rows[0][0].value == "0"
    assert query(sparql, store=store, with_validation=True).rows[0][0].value == "9"


# --------------------------------------------------------------------------------------------
# hierarchies and dates the seeds do not have

HIERARCHY = """
@base <https://w3id.org/rdfkit/id/> .
@prefix rk: <https://w3id.org/rdfkit/ns#> .
@prefix rico: <https://www.ica.org/standards/RiC/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<graph/x-1> {
  <document/x-1> a rk:Document ; dcterms:title "One"@en ; dcterms:date "1950"^^xsd:gYear ;
    rico:hasOrHadHolder <repository/avprf> ; rico:isOrWasIncludedIn <recordset/avprf/fonds-0100/series-34/file-7> .
  <recordset/avprf/fonds-0100/series-34/file-7> rico:isOrWasIncludedIn <recordset/avprf/fonds-0100/series-34> .
  <recordset/avprf/fonds-0100/series-34> rico:isOrWasIncludedIn <recordset/avprf/fonds-0100> .
  <repository/avprf> skos:prefLabel "Archive of Foreign Policy of the Russian Federation"@en .
}
<graph/x-2> {
  <document/x-2> a rk:Document ; dcterms:title "Two"@en ; dcterms:date "1950-03"^^xsd:gYearMonth ;
    rico:hasOrHadHolder <repository/avprf> ; rico:isOrWasIncludedIn <recordset/avprf/fonds-0100/series-35> .
  <recordset/avprf/fonds-0100/series-35> rico:isOrWasIncludedIn <recordset/avprf/fonds-0100> .
}
<graph/x-3> {
  <document/x-3> a rk:Document ; dcterms:title "Three"@en ; dcterms:date "1951-01-02"^^xsd:date ;
    rico:isOrWasIncludedIn <recordset/rgani/fonds-5> .
  <recordset/rgani/fonds-5> rico:hasOrHadHolder <repository/rgani> .
  <repository/rgani> skos:prefLabel "Russian State Archive of Contemporary History"@en .
}
<graph/x-4> {
  <document/x-4> a rk:Document ; dcterms:title "Four"@en ; rico:hasOrHadHolder <repository/avprf> .
}
"""


@pytest.fixture(scope="module")
def hierarchy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hierarchy") / "hierarchy.trig"
    path.write_text(HIERARCHY, encoding="utf-8")
    return path


@pytest.mark.parametrize(("archive", "documents"), [
    ("id:recordset/avprf/fonds-0100/series-34/file-7", ["x-1"]),
    ("id:recordset/avprf/fonds-0100/series-34", ["x-1"]),
    ("id:recordset/avprf/fonds-0100/series-35", ["x-2"]),
    ("id:recordset/avprf/fonds-0100", ["x-1", "x-2"]),
    ("id:repository/avprf", ["x-1", "x-2", "x-4"]),
    ("id:repository/rgani", ["x-3"]),  # held through its fonds only
    ("id:document/x-1", []),
])
def test_cited_from_matches_everything_below(hierarchy: Path, archive: str, documents: list[str]) -> None:
    result = cells(queries.run("cited-from", {"archive": archive}, data=[hierarchy]))
    assert sorted(str(r[0]).rsplit("/", 1)[1] for r in result) == documents


@pytest.mark.parametrize(("params", "documents"), [
    ({"from": "1950-03-15", "to": "1950-03-15"}, ["x-1", "x-2"]),  # within the year 1950 and the month 1950-03
    ({"from": "1950-04"}, ["x-1", "x-3"]),
    ({"to": "1949"}, []),
    ({"from": "1951", "to": "1951"}, ["x-3"]),
    ({"from": "1950-12-31", "to": "1951-01-01"}, ["x-1"]),
])
def test_documents_between_months_and_years(hierarchy: Path, params: dict[str, str], documents: list[str]) -> None:
    result = cells(queries.run("documents-between", params, data=[hierarchy]))
    assert sorted(str(r[1]).rsplit("/", 1)[1] for r in result) == documents


def test_documents_per_repository_and_year_with_gaps(hierarchy: Path) -> None:
    result = cells(queries.run("documents-per-repository-year", {}, data=[hierarchy]))
    assert result == [
        ("id:repository/avprf", "Archive of Foreign Policy of the Russian Federation", None, "1"),  # no date
        ("id:repository/avprf", "Archive of Foreign Policy of the Russian Federation", "1950", "2"),
    ]  # x-3 is held by RGANI only through its fonds: not counted (the document names no holder)


# --------------------------------------------------------------------------------------------
# the command


def test_cli_list(store: Path) -> None:
    result = CliRunner().invoke(cli, ["query", "--list"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["name", "parameters", "description"]
    for q in queries.all_queries():
        line = next(line for line in lines if line.startswith(q.name + " "))
        assert q.summary in line
        for p in q.parameters:
            assert p.usage() in line


def test_cli_named_query(store: Path) -> None:
    result = CliRunner().invoke(cli, ["query", "--name", "meetings-of", "--param", "person=id:person/zhang-hanfu",
                                      "--store", str(store), "-f", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "date,meeting,role,position,place,document,label"
    assert lines[1].startswith(f"1962-06-08,{ID}document/da-118200/event-1,https://w3id.org/rdfkit/ns#role-participant,"
                               "Vice Minister,")
    assert len(lines) == 3


def test_cli_named_query_over_files(built: Path) -> None:
    result = CliRunner().invoke(cli, ["query", "-n", "translations-by", str(built / "rdfkit.trig"), "-f", "json",
                                      "-p", "translator=id:organization/7brands"])
    assert result.exit_code == 0, result.output
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert [b["document"]["value"] for b in bindings] == [ID + "document/da-118200"]


def test_cli_param_errors_exit_2(store: Path) -> None:
    runner = CliRunner()
    for args, message in [
        (["--name", "meetings-of"], "needs --param person"),
        (["--name", "meetings-of", "-p", "person"], "is not name=value"),
        (["--name", "meetings-of", "-p", "person=ex:zhang"], "unknown prefix ex:"),
        (["--name", "nope"], "no named query 'nope'"),
        (["SELECT ?d WHERE { ?d a rk:Document }", "-p", "who=id:person/zhang-hanfu"], "no variable ?who"),
        (["--name", "meetings-of", "-q", "-", "-p", "person=id:person/x"], "not both"),
    ]:
        result = runner.invoke(cli, ["query", *args, "--store", str(store)], input="ASK {}")
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr, (args, result.stderr)


def test_cli_show_prints_the_bound_query() -> None:
    result = CliRunner().invoke(cli, ["query", "-n", "meetings-of", "-p", "person=id:person/zhang-hanfu", "--show"])
    assert result.exit_code == 0
    assert f"VALUES ?person {{ <{ID}person/zhang-hanfu> }}" in result.stdout
    remote = CliRunner().invoke(cli, ["query", "SELECT ?d WHERE { ?d a rk:Document }", "--show",
                                      "--endpoint", "http://127.0.0.1:1/query"])
    assert remote.stdout.startswith("PREFIX rk: <https://w3id.org/rdfkit/ns#> SELECT")


def test_cli_with_validation(store: Path) -> None:
    sparql = "SELECT ?g (COUNT(?r) AS ?n) WHERE { GRAPH ?g { ?r a sh:ValidationResult } } GROUP BY ?g ORDER BY ?g"
    result = CliRunner().invoke(cli, ["query", sparql, "--with-validation", "--store", str(store), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["g,n", f"{ID}graph/da-118200,5", f"{ID}graph/da-121677,4"]


# --------------------------------------------------------------------------------------------
# a real SPARQL server

class RecordingSession(requests.Session):
    """A real session that notes the method and URL of each request it sends."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[tuple[str, str]] = []

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        self.sent.append((str(method), str(url)))
        return super().request(method, url, *args, **kwargs)


NAMED_CASES = [
    ("documents-between", {"from": "1962-06-08", "to": "1962-06-30"}),
    ("documents-between", {}),
    ("meetings-of", {"person": "id:person/zhang-hanfu"}),
    ("people-who-met", {"person": "id:person/zhang-hanfu"}),
    ("people-who-met", {}),
    ("cited-from", {"archive": "id:recordset/prc-fma/series-118"}),
    ("documents-per-repository-year", {}),
    ("translations-by", {"translator": "id:person/stephen-mercado"}),
]


@pytest.mark.usefixtures("no_internet")
@pytest.mark.parametrize(("name", "params"), NAMED_CASES)
def test_named_queries_give_the_same_rows_on_a_server(name: str, params: dict[str, str], store: Path,
                                                      server: OxigraphServer) -> None:
    local = queries.run(name, params, store=store)
    remote = queries.run(name, params, endpoint=server.query_url)
    assert remote.variables == local.variables
    assert cells(remote) == cells(local) and len(local) > 0


@pytest.mark.usefixtures("no_internet")
def test_records_failing_needs_local_data(server: OxigraphServer) -> None:
    with pytest.raises(UsageError, match="only available for the store or data files"):
        queries.run("records-failing", {}, endpoint=server.query_url)


@pytest.mark.usefixtures("no_internet")
def test_short_queries_go_by_get_long_ones_by_post(server: OxigraphServer) -> None:
    session = RecordingSession()
    short = "SELECT ?d WHERE { ?d a rk:Document ; dcterms:title ?t } ORDER BY ?d"
    padding = "".join(f"  # line {i}: padding that makes the query too long for a URL\n" for i in range(60))
    long = "SELECT ?d WHERE {\n" + padding + "  ?d a rk:Document ; dcterms:title ?t } ORDER BY ?d"
    assert len(long.encode()) > GET_LIMIT
    got_short = query(short, endpoint=server.query_url, session=session)
    got_long = query(long, endpoint=server.query_url, session=session)
    assert [m for m, _ in session.sent] == ["GET", "POST"]
    assert "query=" in session.sent[0][1] and session.sent[1][1] == server.query_url
    assert cells(got_short) == cells(got_long) == [
        ("id:document/da-118200",), ("id:document/da-121677",),
        ("id:document/da-121677/reference-1",), ("id:document/da-121677/reference-2",)]


@pytest.mark.usefixtures("no_internet")
def test_long_query_with_parameters_by_post(server: OxigraphServer) -> None:
    session = RecordingSession()
    names = [f"id:person/nobody-{i:04d}" for i in range(80)] + ["id:person/zhang-hanfu"]
    result = queries.run("meetings-of", {"person": names}, endpoint=server.query_url, session=session)
    assert session.sent[0][0] == "POST"
    assert [r[2] for r in cells(result)] == ["rk:role-participant", "rk:role-speaker"]


@pytest.mark.usefixtures("no_internet")
def test_ask_and_construct_on_a_server(server: OxigraphServer) -> None:
    assert query("ASK { id:person\\/zhang-hanfu a rk:Person }", endpoint=server.query_url).boolean is True
    assert query(f"ASK {{ <{ID}person/zhang-hanfu> a rk:Meeting }}", endpoint=server.query_url).boolean is False
    result = query("CONSTRUCT WHERE { ?p a rk:Person ; skos:prefLabel ?name }", endpoint=server.query_url)
    assert result.kind == "graph" and len(result.triples) == 14
    nt = result.render("nt")
    assert isinstance(nt, bytes) and len(list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))) == 14


@pytest.mark.usefixtures("no_internet")
def test_from_names_the_servers_graphs(server: OxigraphServer) -> None:
    result = query("SELECT ?d FROM id:graph\\/da-121677 WHERE { ?d a rk:Document } ORDER BY ?d",
                   endpoint=server.query_url)
    assert [r[0] for r in cells(result)] == ["id:document/da-121677", "id:document/da-121677/reference-1",
                                             "id:document/da-121677/reference-2"]


@pytest.mark.usefixtures("no_internet")
def test_refused_queries_are_never_sent(server: OxigraphServer) -> None:
    session = RecordingSession()
    for sparql in ("INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
                   "DROP ALL",
                   f"SELECT * WHERE {{ SERVICE <{server.query_url}> {{ ?s ?p ?o }} }}"):
        with pytest.raises(QueryError, match="not allowed"):
            query(sparql, endpoint=server.query_url, session=session)
    assert session.sent == []


@pytest.mark.usefixtures("no_internet")
def test_service_when_allowed(server: OxigraphServer, store: Path) -> None:
    sparql = f"SELECT ?name WHERE {{ SERVICE <{server.query_url}> {{ ?p a rk:Person ; skos:prefLabel ?name }} }}"
    with pytest.raises(QueryError, match="--allow-service"):
        query(sparql, store=store)
    local = query(sparql, store=store, allow_service=True)  # pyoxigraph asks the server itself
    assert len(local) == 7
    remote = query(sparql, endpoint=server.query_url, allow_service=True)  # the server asks itself
    assert len(remote) == 7


@pytest.mark.usefixtures("no_internet")
def test_bad_query_brings_the_servers_message(server: OxigraphServer) -> None:
    with pytest.raises(QueryError) as err:
        query("SELECT ?x WHERE {\n  ?x a rk:Person .\n  ?x skos:prefLabel ) .\n}", endpoint=server.query_url)
    text = str(err.value)
    # the server's words, at the user's line and column (the PREFIX lines rdfkit adds do not shift them)
    assert "HTTP 400 Bad Request" in text and "error at 3:21: expected one of" in text
    result = CliRunner().invoke(cli, ["query", "SELECT ?x WHERE { ?x a rk:Person . FILTER(STRLEN()) }",
                                      "--endpoint", server.query_url])
    assert result.exit_code == 2 and "did not accept the query" in result.stderr


@pytest.mark.usefixtures("no_internet")
def test_parameter_values_cannot_change_a_remote_query(server: OxigraphServer) -> None:
    before = server.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    sparql = "SELECT ?t WHERE { ?d dcterms:title ?t }"
    for value in ['"} } ; DROP ALL ; #"', "x } ; DROP ALL", "> } ; DROP ALL", "a'''b\"\"\"c\\"]:
        result = query(sparql, endpoint=server.query_url, params={"t": value})  # text: no such title
        assert len(result) == 0
    for value in ['"x" } DROP ALL #"', "<http://example.org/> } ; DROP ALL ; <http://example.org/>", "<a b>"]:
        with pytest.raises(UsageError):  # neither a literal nor an IRI: refused before anything is sent
            query(sparql, endpoint=server.query_url, params={"t": value})
    text = "Oral Supplementary Statement of 11 June"
    found = query("SELECT ?d WHERE { ?d dcterms:title ?t }", endpoint=server.query_url, params={"t": f"{text}@en"})
    assert cells(found) == [("id:document/da-121677/reference-2",)]
    assert server.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == before


@pytest.mark.usefixtures("no_internet")
def test_a_remote_string_comes_back_as_sent(server: OxigraphServer) -> None:
    nasty = 'quote " backslash \\ \\u0022 newline \n tab \t brace } hash # <iri> \'\'\' """ 章汉夫'
    result = query("SELECT ?v WHERE { }", endpoint=server.query_url, params={"v": ox.Literal(nasty)})
    assert result.rows[0][0] == ox.Literal(nasty)


# --- faults ---------------------------------------------------------------------------------


def test_server_down_exits_3(no_internet: None) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(ServerError, match="cannot reach the SPARQL endpoint .*Connection refused"):
        query("ASK {}", endpoint=url)
    result = CliRunner().invoke(cli, ["query", "ASK { ?s ?p ?o }", "--endpoint", url])
    assert result.exit_code == 3
    assert f"cannot reach the SPARQL endpoint {url}: Connection refused" in result.stderr
    assert "query=" not in result.stderr  # the URL as given, not the whole query


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(5)
    try:
        yield int(sock.getsockname()[1])
    finally:
        sock.close()


def test_timeout_exits_3(silent_port: int, no_internet: None) -> None:
    url = f"http://127.0.0.1:{silent_port}/query"
    started = time.monotonic()
    with pytest.raises(ServerError, match=r"did not answer within 0.5 s"):
        query("ASK {}", endpoint=url, timeout=0.5)
    assert time.monotonic() - started < 5
    result = CliRunner().invoke(cli, ["query", "ASK {}", "--endpoint", url, "--timeout", "0.3"])
    assert result.exit_code == 3 and "did not answer within 0.3 s" in result.stderr


def answer_once(payload: bytes) -> tuple[int, threading.Thread, socket.socket]:
    """A socket server that answers one request with ``payload`` (raw HTTP) and hangs up."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)

    def run() -> None:
        conn, _ = sock.accept()
        conn.recv(65536)
        conn.sendall(payload)
        conn.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return int(sock.getsockname()[1]), thread, sock


@pytest.mark.parametrize(("payload", "message"), [
    (b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 500\r\n\r\n"
     b'{"head":{"vars":["a"]},"results":{"bindings":[', r"was cut off \(46 bytes received, 454 more announced\)"),
    (b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nConnection: close\r\n\r\n"
     b'{"head":{"vars":["a"]},"results":{"bindings":[', "is not valid application/sparql-results"),
    (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html>hello</html>",
     "neither SPARQL results nor RDF"),
])
def test_broken_answers_exit_3(payload: bytes, message: str, no_internet: None) -> None:
    port, thread, sock = answer_once(payload)
    try:
        with pytest.raises(ServerError, match=message):
            query("SELECT ?a WHERE { ?a ?b ?c }", endpoint=f"http://127.0.0.1:{port}/query")
    finally:
        thread.join(5)
        sock.close()


class FaultAdapter(requests.adapters.HTTPAdapter):
    """Answers matching requests with a made-up response; passes the others to the real server."""

    def __init__(self, fault: Any) -> None:
        super().__init__()
        self.fault = fault
        self.seen: list[str] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        self.seen.append(str(request.url))
        made = self.fault(request)
        if made is None:
            return super().send(request, **kwargs)
        status, headers, body = made
        response = requests.Response()
        response.status_code, response.url, response.request = status, str(request.url), request
        response.headers.update(headers)
        response.reason = {301: "Moved Permanently", 302: "Found", 503: "Service Unavailable"}.get(status, "")
        response._content = body
        response._content_consumed = True
        return response


def session_with(fault: Any) -> tuple[requests.Session, FaultAdapter]:
    session = requests.Session()
    adapter = FaultAdapter(fault)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session, adapter


@pytest.mark.usefixtures("no_internet")
def test_5xx_exits_3_with_the_servers_words_shortened(server: OxigraphServer) -> None:
    page = b"<html><head><style>h1{color:red}</style></head><body><h1>Overloaded</h1><p>" + b"x" * 2000 + b"</p>"
    session, _ = session_with(lambda request: (503, {"Content-Type": "text/html"}, page))
    with pytest.raises(ServerError) as err:
        query("ASK {}", endpoint=server.query_url, session=session)
    message = err.value.message
    assert err.value.exit_code == 3
    assert "failed (HTTP 503 Service Unavailable): Overloaded xxx" in message
    assert "<" not in message.split(": ", 1)[1] and "color" not in message and len(message) < 450


@pytest.mark.usefixtures("no_internet")
def test_other_refusals_exit_3(server: OxigraphServer) -> None:
    result = CliRunner().invoke(cli, ["query", "ASK {}", "--endpoint", server.url + "/no-such-endpoint"])
    assert result.exit_code == 3 and "HTTP 404" in result.stderr


@pytest.mark.usefixtures("no_internet")
def test_redirect_within_the_server_is_followed(server: OxigraphServer) -> None:
    def moved(request: requests.PreparedRequest) -> Any:
        if "/old-sparql" in str(request.url):
            location = str(request.url).replace("/old-sparql", "/query")
            return 301, {"Location": location}, b""
        return None

    session, adapter = session_with(moved)
    result = query("SELECT ?p WHERE { ?p a rk:Person } ORDER BY ?p", endpoint=server.url + "/old-sparql",
                   session=session)
    assert len(result) == 7 and len(adapter.seen) == 2
    long = "SELECT ?p WHERE { ?p a rk:Person }" + " " * GET_LIMIT  # a POST is sent again, body and all
    session, adapter = session_with(moved)
    assert len(query(long, endpoint=server.url + "/old-sparql", session=session)) == 7


@pytest.mark.usefixtures("no_internet")
@pytest.mark.parametrize("location", ["http://sparql.example.org/query", "http://127.0.0.2:{port}/query",
                                      "http://127.0.0.1:1/query"])
def test_redirect_to_another_host_is_refused(server: OxigraphServer, location: str) -> None:
    target = location.format(port=server.port)
    session, adapter = session_with(lambda request: (302, {"Location": target}, b""))
    with pytest.raises(ServerError, match="redirects to .*follows redirects only within the same server"):
        query("ASK {}", endpoint=server.query_url, session=session)
    assert len(adapter.seen) == 1  # not followed


def test_endpoint_must_be_http(store: Path) -> None:
    with pytest.raises(UsageError, match="not an http"):
        query("ASK {}", endpoint="file:///etc/passwd")
    result = CliRunner().invoke(cli, ["query", "ASK {}", "--endpoint", "ftp://example.org/sparql"])
    assert result.exit_code == 2


def test_one_source_only(store: Path) -> None:
    result = CliRunner().invoke(cli, ["query", "ASK {}", "--store", str(store), "--endpoint", "http://127.0.0.1:1/"])
    assert result.exit_code == 2 and "one of --store, --endpoint or DATA" in result.stderr


# --------------------------------------------------------------------------------------------
# documentation


def test_docs_queries_md_is_generated_from_the_headers() -> None:
    text = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    block = text[text.index(queries.DOCS_START):text.index(queries.DOCS_END) + len(queries.DOCS_END)]
    assert block + "\n" == queries.markdown(), "run: python -m rdfkit.queries docs/queries.md"


def readme_query_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("### `rdfkit query", 1)[1].split("\n### ", 1)[0]


def test_readme_and_docs_name_every_query_and_option() -> None:
    section = readme_query_section()
    docs = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    for q in queries.all_queries():
        row = re.search(rf"^\| `{q.name}` \|(.*)$", section, re.MULTILINE)
        assert row, f"README's rdfkit query section has no row for {q.name}"
        for p in q.parameters:
            assert p.name in row.group(1), (q.name, p.name)
    command = cli.commands["query"]
    for param in command.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--"):
                assert opt in section, f"README does not mention {opt}"
                assert opt in docs, f"docs/queries.md does not mention {opt}"
