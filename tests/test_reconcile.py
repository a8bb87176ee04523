"""Reconciliation with Wikidata: proposals, scores and evidence, decisions, politeness, faults, the CLI.

Queries go to a real ``oxigraph serve`` on 127.0.0.1 holding tests/data/wikidata/sample.ttl (synthetic,
Wikidata-shaped; see its README). Stub sessions are used only to inject faults. Nothing reaches the
network: ``no_internet`` refuses any connection that is not to the loopback.
"""

from __future__ import annotations

import csv
import io
import json
import time
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import requests
from click.testing import CliRunner

from rdfkit.authority import Authority, Entry
from rdfkit.cli import cli
from rdfkit.errors import ServerError, UsageError
from rdfkit.reconcile import (CANDIDATE_COLUMNS, DECISION_COLUMNS, USER_AGENT, WIKIDATA_ENDPOINT, Candidate,
                              SparqlClient, apply, build_query, propose, read_candidates, sparql_string)

from .servers import OxigraphServer, no_internet, oxigraph_fixture  # noqa: F401  (no_internet: a fixture)

SAMPLE = Path(__file__).resolve().parent / "data" / "wikidata" / "sample.ttl"
WD = "http://www.wikidata.org/entity/"

wikidata = oxigraph_fixture(SAMPLE, read_only=True)
pytestmark = pytest.mark.usefixtures("no_internet")

HEADER = "id,kind,label,aliases,positions,wikidata,viaf,born,died,note\n"
CURATED = HEADER + """\
anatoly-gromyko,person,Anatoly Gromyko,,,,,1932,2017,
andrei-gromyko,person,Andrei Gromyko,A.A. Gromyko | Andrey Gromyko,,,,1909,1989,
central-committee-of-the-cpsu,organization,Central Committee of the CPSU,CC CPSU,,,,,,
department-2-5,organization,Department 2\\5,,,,,,,
kim-il-sung,person,Kim Il Sung,Kim Il-sung,,,,,,
li-fuchun,person,Li Fuchun,,,,,,,
mao-zedong,person,Mao Zedong,,,http://www.wikidata.org/entity/Q990000020,,1893,1976,
nikita-khrushchev,person,Nikita Khrushchev,,,,,1894,1971,
sino-soviet-friendship-association,organization,"Sino-Soviet ""Friendship"" Association",,,,,,,
stepan-chervonenko,person,Stepan Chervonenko,,,,,1915,,
zhou-enlai,person,Zhou Enlai,Chou En-lai | 周恩来,,,,1898,1976,
"""
MINTED = HEADER.rstrip("\n") + ",first_source\n" + "premier-zhou,person,Premier Zhou,Chou En-lai,,,,,,,da-118200\n"

EXPECTED = {  # id -> [(item, score, matched)], best first
    "anatoly-gromyko": [("Q990000005", 100, "label")],
    "andrei-gromyko": [("Q990000001", 100, "label")],
    "central-committee-of-the-cpsu": [("Q990000006", 50, "label")],
    "department-2-5": [("Q990000010", 60, "label")],
    "kim-il-sung": [("Q990000011", 60, "label")],
    "nikita-khrushchev": [("Q990000013", 100, "label"), ("Q990000014", 60, "label")],
    "premier-zhou": [("Q990000004", 40, "alias")],
    "sino-soviet-friendship-association": [("Q990000009", 60, "label")],
    "stepan-chervonenko": [("Q990000012", 60, "label")],
    "zhou-enlai": [("Q990000004", 100, "label")],
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "authorities"
    d.mkdir()
    (d / "authorities.csv").write_text(CURATED, encoding="utf-8")
    (d / "minted.csv").write_text(MINTED, encoding="utf-8")
    return d


def authority_of(tmp_path: Path, rows: str) -> Authority:
    d = tmp_path / "small"
    d.mkdir(exist_ok=True)
    (d / "authorities.csv").write_text(HEADER + rows, encoding="utf-8")
    return Authority.load(d)


def run(folder: Path, server: OxigraphServer, **options: Any) -> Any:
    return propose(Authority.load(folder), server.query_url, min_interval=0, **options)


def summary(candidates: list[Candidate]) -> dict[str, list[tuple[str, int, str]]]:
    out: dict[str, list[tuple[str, int, str]]] = {}
    for c in candidates:
        out.setdefault(c.id, []).append((c.candidate.removeprefix(WD), c.score, c.matched))
    return out


def csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def decide(folder: Path, decisions: dict[tuple[str, str], str]) -> None:
    """Type decisions into candidates.csv as a person would (id, Q-number) -> accept / reject."""
    path = folder / "candidates.csv"
    rows = csv_rows(path)
    for row in rows:
        row["decision"] = decisions.get((row["id"], row["candidate"].removeprefix(WD)), row["decision"])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(CANDIDATE_COLUMNS), lineterminator="\r\n")  # as a spreadsheet
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# proposals


def test_proposes_candidates_with_scores_and_evidence(folder: Path, wikidata: OxigraphServer) -> None:
    found = run(folder, wikidata)
    assert summary(found) == EXPECTED
    assert sorted(found.asked) == sorted([*EXPECTED, "li-fuchun"])  # mao-zedong is linked: not asked
    by_key = {(c.id, c.candidate.removeprefix(WD)): c for c in found}
    andrei = by_key["andrei-gromyko", "Q990000001"]
    assert (andrei.label, andrei.candidate_label, andrei.born, andrei.died) == (
        "Andrei Gromyko", "Andrei Gromyko", "1909", "1989")
    assert andrei.description.startswith("Soviet diplomat")  # English, not German
    assert andrei.evidence == 'label "Andrei Gromyko" = Wikidata label (en); born 1909: agrees; died 1989: agrees'
    assert "no date of birth in Wikidata" in by_key["nikita-khrushchev", "Q990000014"].evidence
    assert "born 1916 in Wikidata, 1915 in the authority: one year apart" in \
        by_key["stepan-chervonenko", "Q990000012"].evidence
    assert "(mul)" in by_key["kim-il-sung", "Q990000011"].evidence
    assert "instance of central committee" in by_key["central-committee-of-the-cpsu", "Q990000006"].evidence

    path = folder / "candidates.csv"
    assert found.path == path and found.pending == len(found)
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(CANDIDATE_COLUMNS)
    rows = csv_rows(path)
    assert [(r["id"], int(r["score"])) for r in rows] == sorted(
        ((r["id"], int(r["score"])) for r in rows), key=lambda x: (x[0], -x[1]))
    assert all(r["decision"] == "" for r in rows)
    assert read_candidates(folder) == list(found)  # what is written reads back the same


def test_dates_tell_homonyms_apart(tmp_path: Path, wikidata: OxigraphServer) -> None:
    dated = propose(authority_of(tmp_path, "andrei-gromyko,person,Andrei Gromyko,,,,,1909,1989,\n"),
                    wikidata.query_url, min_interval=0)
    assert summary(dated) == {"andrei-gromyko": [("Q990000001", 100, "label")]}
    assert dated.excluded == [("andrei-gromyko", WD + "Q990000002", "born 1950 in Wikidata, 1909 in the authority")]

    undated = propose(authority_of(tmp_path, "andrei-gromyko,person,Andrei Gromyko,,,,,,,\n"),
                      wikidata.query_url, min_interval=0)
    assert summary(undated) == {"andrei-gromyko": [("Q990000001", 60, "label"), ("Q990000002", 60, "label")]}
    assert "born 1950 in Wikidata (no year in the authority)" in undated[1].evidence


def test_only_humans_are_proposed_for_people_and_no_humans_for_organisations(
        folder: Path, wikidata: OxigraphServer) -> None:
    items = {c.candidate.removeprefix(WD) for c in run(folder, wikidata)}
    assert "Q990000003" not in items  # the ship named Andrei Gromyko
    assert "Q990000007" not in items  # the disambiguation page named like the Central Committee
    assert "Q990000008" not in items  # a person whose alias is "CC CPSU"


def test_aliases_match_in_any_case(tmp_path: Path, wikidata: OxigraphServer) -> None:
    found = propose(authority_of(tmp_path, "premier-zhou,person,Premier Zhou,chou en-lai,,,,,,\n"),
                    wikidata.query_url, min_interval=0)
    assert summary(found) == {"premier-zhou": [("Q990000004", 40, "alias")]}
    assert found[0].evidence.startswith('alias "chou en-lai" = Wikidata alias "Chou En-Lai" (en)')
    # other scripts: the Chinese alias finds the Chinese label
    found = propose(authority_of(tmp_path, "zhou,person,Premier Zhou,周恩来,,,,,,\n"), wikidata.query_url,
                    min_interval=0)
    assert summary(found) == {"zhou": [("Q990000004", 50, "alias")]}
    assert "Wikidata label (zh)" in found[0].evidence


def test_any_language_finds_labels_outside_the_default_languages(folder: Path, wikidata: OxigraphServer) -> None:
    default = summary(run(folder, wikidata))
    assert "li-fuchun" not in default  # its only label is in Volapük
    anywhere = summary(run(folder, wikidata, languages="any"))
    assert anywhere == {**EXPECTED, "li-fuchun": [("Q990000015", 60, "label")]}
    fewer = summary(run(folder, wikidata, languages=("ru",)))
    assert fewer == {}  # no Russian labels match the authority's Latin-script names
    assert summary(run(folder, wikidata, languages="de, vo")) == {
        "andrei-gromyko": [("Q990000001", 100, "label")], "li-fuchun": [("Q990000015", 60, "label")]}


# --------------------------------------------------------------------------------------------
# decisions


def test_apply_links_accepted_candidates_and_records_every_decision(folder: Path, wikidata: OxigraphServer) -> None:
    run(folder, wikidata)
    decide(folder, {("zhou-enlai", "Q990000004"): "accept", ("premier-zhou", "Q990000004"): "Accept ",
                    ("nikita-khrushchev", "Q990000014"): "reject"})
    counts = apply(Authority.load(folder))
    assert counts == {"accepted": 2, "rejected": 1, "pending": len([c for v in EXPECTED.values() for c in v]) - 3}

    auth = Authority.load(folder)
    assert auth.get("zhou-enlai").wikidata == WD + "Q990000004"  # in authorities.csv
    assert auth.get("premier-zhou").wikidata == WD + "Q990000004"  # in minted.csv, where it lives
    assert "Q990000004" in (folder / "minted.csv").read_text(encoding="utf-8")
    decisions = csv_rows(folder / "decisions.csv")
    assert (folder / "decisions.csv").read_text(encoding="utf-8").splitlines()[0] == ",".join(DECISION_COLUMNS)
    assert [(d["id"], d["candidate"].removeprefix(WD), d["decision"]) for d in decisions] == [
        ("nikita-khrushchev", "Q990000014", "reject"), ("premier-zhou", "Q990000004", "accept"),
        ("zhou-enlai", "Q990000004", "accept")]
    assert decisions[2]["decided_from"].startswith("score 100: label \"Zhou Enlai\"")
    left = {(r["id"], r["candidate"].removeprefix(WD)) for r in csv_rows(folder / "candidates.csv")}
    assert ("nikita-khrushchev", "Q990000013") in left
    assert not {k for k in left if k[0] in ("zhou-enlai", "premier-zhou") or k[1] == "Q990000014"}


class Recording(requests.Session):
    """A real session that remembers the queries it sent (to check what was asked)."""

    def __init__(self) -> None:
        super().__init__()
        self.queries: list[str] = []

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        data = kwargs.get("data") or {}
        query = data.get("query") if isinstance(data, dict) else None
        if query is None:
            from urllib.parse import parse_qs, urlsplit
            query = parse_qs(urlsplit(url).query)["query"][0]
        self.queries.append(query)
        return super().request(method, url, *args, **kwargs)


def test_a_later_run_never_asks_again_about_decided_entries_or_rejected_candidates(
        folder: Path, wikidata: OxigraphServer) -> None:
    run(folder, wikidata)
    decide(folder, {("zhou-enlai", "Q990000004"): "accept", ("nikita-khrushchev", "Q990000014"): "reject"})
    apply(Authority.load(folder))
    # the link alone would skip zhou-enlai; remove it to show the accepted decision skips it too
    text = (folder / "authorities.csv").read_text(encoding="utf-8")
    (folder / "authorities.csv").write_text(text.replace(WD + "Q990000004", ""), encoding="utf-8")

    session = Recording()
    again = propose(Authority.load(folder), wikidata.query_url, session=session, min_interval=0)
    assert "zhou-enlai" not in again.asked and "mao-zedong" not in again.asked
    assert not any('"Zhou Enlai"' in q for q in session.queries)
    assert len(session.queries) == len(again.asked)
    assert summary(again)["nikita-khrushchev"] == [("Q990000013", 100, "label")]  # Q990000014 was rejected
    assert ("nikita-khrushchev", WD + "Q990000014") not in {c.key for c in read_candidates(folder)}


def test_rewriting_keeps_typed_decisions_and_rows_not_asked_again(folder: Path, wikidata: OxigraphServer) -> None:
    run(folder, wikidata)
    decide(folder, {("andrei-gromyko", "Q990000001"): "accept"})
    again = run(folder, wikidata)
    assert [c.decision for c in again if c.id == "andrei-gromyko"] == ["accept"]
    assert [c.decision for c in read_candidates(folder) if c.id == "andrei-gromyko"] == ["accept"]
    # --limit asks about fewer entries; the others' rows stay for review
    limited = run(folder, wikidata, limit=1)
    assert limited.asked == ["anatoly-gromyko"]
    assert summary(read_candidates(folder)) == EXPECTED
    assert limited.pending == len([c for v in EXPECTED.values() for c in v]) - 1


def test_two_accepted_candidates_for_one_entry_are_refused_naming_the_rows(
        folder: Path, wikidata: OxigraphServer) -> None:
    run(folder, wikidata)
    decide(folder, {("nikita-khrushchev", "Q990000013"): "accept", ("nikita-khrushchev", "Q990000014"): "accept",
                    ("zhou-enlai", "Q990000004"): "accept"})
    before = (folder / "authorities.csv").read_text(encoding="utf-8")
    with pytest.raises(UsageError) as err:
        apply(Authority.load(folder))
    lines = [str(c.line) for c in read_candidates(folder) if c.id == "nikita-khrushchev"]
    assert "nikita-khrushchev has more than one accepted candidate" in str(err.value)
    assert f"lines {', '.join(lines)}" in str(err.value)
    assert (folder / "authorities.csv").read_text(encoding="utf-8") == before  # nothing applied
    assert not (folder / "decisions.csv").exists()


def test_a_decision_that_is_neither_accept_nor_reject_is_refused(folder: Path, wikidata: OxigraphServer) -> None:
    run(folder, wikidata)
    decide(folder, {("zhou-enlai", "Q990000004"): "yes"})
    with pytest.raises(UsageError, match=r"candidates.csv, line \d+: decision 'yes' is neither accept nor reject"):
        apply(Authority.load(folder))


# --------------------------------------------------------------------------------------------
# escaping


@pytest.mark.parametrize("text", ['say "hi"', "back\\slash", "trailing \\", '\\"', "line\nbreak\r\ttab",
                                  "\\u0022 stays text", "O'Brien", '""" triple', "周恩来"])
def test_literals_hold_exactly_the_text(text: str) -> None:
    solutions = list(ox.Store().query(f"SELECT ?s WHERE {{ BIND({sparql_string(text, 'en')} AS ?s) }}"))
    assert solutions[0]["s"] == ox.Literal(text, language="en")


def test_bad_language_codes_are_refused(folder: Path) -> None:
    with pytest.raises(UsageError):
        sparql_string("x", 'en" } #')
    for bad in ('en" } #', "", " , "):
        with pytest.raises(UsageError):
            propose(Authority.load(folder), ENDPOINT, languages=bad)


INJECTIONS = ['x" } UNION { ?item ?prop ?name } #', 'x"@en } ?item ?prop ?name . #',
              'Department 2\\5" . ?item ?p ?o } #', "back\\", "new\nline"]


@pytest.mark.parametrize("languages", ["default", "any"])
def test_quotes_and_backslashes_neither_break_nor_inject(tmp_path: Path, wikidata: OxigraphServer,
                                                          languages: str) -> None:
    rows = "".join(f'x{i},organization,"{name.replace(chr(34), chr(34) * 2)}",,,,,,,\n'
                   for i, name in enumerate(INJECTIONS))
    rows += 'friendship,organization,"Sino-Soviet ""Friendship"" Association",,,,,,,\n'
    rows += "dept,organization,Department 2\\5,,,,,,,\n"
    auth = authority_of(tmp_path, rows)
    assert [e.label for e in auth.entries() if e.id.startswith("x")] == INJECTIONS
    options: dict[str, Any] = {"languages": "any"} if languages == "any" else {}
    found = propose(auth, wikidata.query_url, min_interval=0, **options)
    assert summary(found) == {"dept": [("Q990000010", 60, "label")], "friendship": [("Q990000009", 60, "label")]}
    assert found[1].candidate_label == 'Sino-Soviet "Friendship" Association'


# --------------------------------------------------------------------------------------------
# politeness: user agent, protocol, rate limit


def test_requests_are_polite_and_follow_the_protocol(wikidata: OxigraphServer) -> None:
    stub = Stub([ok()] * 2)
    client = SparqlClient("http://127.0.0.1:9/sparql", session=stub, min_interval=0, timeout=7)
    short = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
    client.select(short)
    client.select(short + " " + "#" * 3000)  # a long query is POSTed
    (get, get_kw), (post, post_kw) = stub.calls
    assert get.startswith("GET http://127.0.0.1:9/sparql?query=SELECT") and post == "POST http://127.0.0.1:9/sparql"
    assert post_kw["data"]["query"].startswith("SELECT")
    for kw in (get_kw, post_kw):
        assert kw["headers"]["Accept"] == "application/sparql-results+json"
        assert kw["headers"]["User-Agent"] == USER_AGENT
        assert kw["timeout"] == 7 and kw["allow_redirects"] is False
    assert USER_AGENT.startswith("rdfkit/") and "https://w3id.org/rdfkit" in USER_AGENT
    assert WIKIDATA_ENDPOINT == "https://query.wikidata.org/sparql"
    # both forms work against a real server
    real = SparqlClient(wikidata.query_url, min_interval=0)
    assert len(real.select(short)) == 1 and len(real.select(short + " " + "#" * 3000)) == 1


def test_at_most_one_request_per_min_interval(wikidata: OxigraphServer, tmp_path: Path) -> None:
    client = SparqlClient(wikidata.query_url, min_interval=0.2)
    start = time.monotonic()
    client.select("SELECT * WHERE {}")
    client.select("SELECT * WHERE {}")
    assert time.monotonic() - start >= 0.2
    auth = authority_of(tmp_path, "a,person,Zhou Enlai,,,,,,,\nb,person,Kim Il Sung,,,,,,,\n")
    start = time.monotonic()
    propose(auth, wikidata.query_url, min_interval=0.2)
    assert time.monotonic() - start >= 0.2


# --------------------------------------------------------------------------------------------
# faults, injected with a stub session


def ok(bindings: list[Any] | None = None) -> requests.Response:
    body = json.dumps({"head": {"vars": []}, "results": {"bindings": bindings or []}}).encode()
    return response(200, body, {"Content-Type": "application/sparql-results+json"})


def response(status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> requests.Response:
    r = requests.Response()
    r.status_code = status
    r._content = body
    r.headers.update(headers or {})
    r.reason = {200: "OK", 400: "Bad Request", 429: "Too Many Requests", 500: "Internal Server Error"}.get(status, "")
    return r


class Stub:
    """Plays a script of responses and exceptions; records each request (method and URL, and options)."""

    def __init__(self, script: list[requests.Response | Exception]) -> None:
        self.script = list(script)
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        self.calls.append((f"{method} {url}", kwargs))
        step = self.script.pop(0)
        if isinstance(step, Exception):
            raise step
        return step

    def close(self) -> None:
        pass


ENDPOINT = "http://127.0.0.1:9/sparql"


def client_for(stub: Stub, sleeps: list[float], **options: Any) -> SparqlClient:
    return SparqlClient(ENDPOINT, session=stub, min_interval=0, sleep=sleeps.append, **options)  # type: ignore[arg-type]


def test_timeouts_and_connection_errors_are_retried_with_backoff() -> None:
    stub, sleeps = Stub([requests.ReadTimeout(), requests.ConnectionError(), ok([{"x": {"type": "literal", "value": "1"}}])]), []
    assert client_for(stub, sleeps).select("ASK {}") == [{"x": {"type": "literal", "value": "1"}}]
    assert len(stub.calls) == 3 and sleeps == [1.0, 2.0]


def test_a_server_error_that_persists_is_retried_then_raised_naming_the_endpoint() -> None:
    stub, sleeps = Stub([response(500)] * 4), []
    with pytest.raises(ServerError) as err:
        client_for(stub, sleeps, retries=3).select("ASK {}")
    assert len(stub.calls) == 4 and sleeps == [1.0, 2.0, 4.0]
    assert ENDPOINT in str(err.value) and "HTTP 500" in str(err.value) and err.value.exit_code == 3


def test_other_client_errors_are_not_retried() -> None:
    stub, sleeps = Stub([response(400, b"Parse error at line 1")]), []
    with pytest.raises(ServerError, match=r"refused the query: HTTP 400 Bad Request: Parse error"):
        client_for(stub, sleeps).select("ASK {}")
    assert len(stub.calls) == 1 and sleeps == []


def test_retry_after_is_honoured_in_seconds_and_as_a_date() -> None:
    stub, sleeps = Stub([response(429, headers={"Retry-After": "7"}), ok()]), []
    client_for(stub, sleeps).select("ASK {}")
    assert sleeps == [7.0]
    when = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=30), usegmt=True)
    stub, sleeps = Stub([response(503, headers={"Retry-After": when}), ok()]), []
    client_for(stub, sleeps).select("ASK {}")
    assert 25 <= sleeps[0] <= 31
    stub, sleeps = Stub([response(429, headers={"Retry-After": "86400"})]), []
    with pytest.raises(ServerError, match="asks to wait 86400 s"):
        client_for(stub, sleeps).select("ASK {}")
    assert sleeps == []


def test_redirects_to_another_host_are_refused_and_same_host_ones_followed() -> None:
    stub, sleeps = Stub([response(302, headers={"Location": "https://elsewhere.example/sparql?query=x"})]), []
    with pytest.raises(ServerError, match="redirected to https://elsewhere.example/sparql.*another host"):
        client_for(stub, sleeps).select("ASK {}")
    assert len(stub.calls) == 1
    stub, sleeps = Stub([response(307, headers={"Location": "/v2/sparql?query=ASK%20%7B%7D"}), ok()]), []
    client_for(stub, sleeps).select("ASK {}")
    assert stub.calls[1][0] == "GET http://127.0.0.1:9/v2/sparql?query=ASK%20%7B%7D"


def test_an_answer_that_is_not_sparql_json_is_an_error() -> None:
    stub, sleeps = Stub([response(200, b"<html>hello</html>", {"Content-Type": "text/html"})]), []
    with pytest.raises(ServerError, match="did not answer with SPARQL JSON results \\(text/html\\)"):
        client_for(stub, sleeps).select("ASK {}")


def test_propose_raises_server_error_and_writes_nothing(folder: Path) -> None:
    stub = Stub([response(500)] * 2)
    with pytest.raises(ServerError, match=ENDPOINT):
        propose(Authority.load(folder), ENDPOINT, session=stub, min_interval=0, retries=1, backoff=0)  # type: ignore[arg-type]
    assert not (folder / "candidates.csv").exists()


def test_a_failure_midway_keeps_what_was_found_before(folder: Path) -> None:
    andrei = {"item": {"type": "uri", "value": WD + "Q990000001"},
              "prop": {"type": "uri", "value": "http://www.w3.org/2000/01/rdf-schema#label"},
              "name": {"type": "literal", "value": "Anatoly Gromyko", "xml:lang": "en"}}
    stub = Stub([ok([andrei]), response(500), response(500)])
    with pytest.raises(ServerError) as err:
        propose(Authority.load(folder), ENDPOINT, session=stub, min_interval=0, retries=1, backoff=0)  # type: ignore[arg-type]
    assert "What the 1 entry asked before the failure found is in" in str(err.value)
    assert summary(read_candidates(folder)) == {"anatoly-gromyko": [("Q990000001", 60, "label")]}


def test_an_endpoint_that_is_not_an_http_url_is_a_usage_error(folder: Path) -> None:
    with pytest.raises(UsageError, match="not an http"):
        propose(Authority.load(folder), "file:///etc/passwd")


def test_query_names_every_form_and_only_languages_of_the_script() -> None:
    query = build_query(Entry("z", "person", "Zhou Enlai", ("Chou En-lai", "周恩来", "Чжоу Эньлай")))
    assert '"Chou En-Lai"@en' in query and '"chou en-lai"@de' in query and '"周恩来"@zh' in query
    assert '"周恩来"@de' not in query and '"Чжоу Эньлай"@ru' in query and '"Чжоу Эньлай"@fr' not in query
    assert '"Zhou Enlai"@mul' in query and '"周恩来"@mul' in query
    assert "wdt:P31 wd:Q5" in query
    org = build_query(Entry("c", "organization", "CC CPSU"), "any")
    assert 'LCASE(STR(?name)) IN ("cc cpsu")' in org and "FILTER NOT EXISTS { ?item wdt:P31 wd:Q5 }" in org


# --------------------------------------------------------------------------------------------
# the command line


def test_cli_proposes_then_applies(folder: Path, wikidata: OxigraphServer) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["reconcile", "--authorities", str(folder), "--endpoint", wikidata.query_url,
                                 "--min-interval", "0"])
    assert result.exit_code == 0, result.output + result.stderr
    assert result.stdout == ""  # stdout carries data only
    count = len([c for v in EXPECTED.values() for c in v])
    assert f"asked about 11 entries: {count} candidates (1 left out: dates contradict)" in result.stderr
    assert str(folder / "candidates.csv") in result.stderr and "--apply" in result.stderr

    decide(folder, {("andrei-gromyko", "Q990000001"): "accept"})
    result = runner.invoke(cli, ["reconcile", "--authorities", str(folder), "--apply"])
    assert result.exit_code == 0, result.output + result.stderr
    assert "accepted 1" in result.stderr and f"{count - 1} candidates still await a decision" in result.stderr
    assert Authority.load(folder).get("andrei-gromyko").wikidata == WD + "Q990000001"

    result = runner.invoke(cli, ["reconcile", "--authorities", str(folder), "--endpoint", wikidata.query_url,
                                 "--min-interval", "0", "--limit", "2", "--languages", "any"])
    assert result.exit_code == 0, result.stderr
    assert "asked about 2 entries" in result.stderr


def test_cli_exits_3_when_the_endpoint_refuses(folder: Path, wikidata: OxigraphServer) -> None:
    result = CliRunner().invoke(cli, ["reconcile", "--authorities", str(folder), "--endpoint",
                                      wikidata.url + "/no-such-endpoint", "--min-interval", "0"])
    assert result.exit_code == 3, result.stderr
    assert wikidata.url + "/no-such-endpoint refused the query: HTTP 404" in result.stderr
    assert not (folder / "candidates.csv").exists()


def test_cli_refuses_a_bad_decision_with_exit_2(folder: Path, wikidata: OxigraphServer) -> None:
    propose(Authority.load(folder), wikidata.query_url, min_interval=0)
    decide(folder, {("zhou-enlai", "Q990000004"): "maybe"})
    result = CliRunner().invoke(cli, ["reconcile", "--authorities", str(folder), "--apply"])
    assert result.exit_code == 2 and "neither accept nor reject" in result.stderr


def test_cli_apply_without_candidates_says_there_is_nothing_to_apply(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["reconcile", "--authorities", str(folder), "--apply"])
    assert result.exit_code == 0 and "nothing to apply: no candidates.csv" in result.stderr
    assert not (folder / "decisions.csv").exists()
