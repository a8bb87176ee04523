"""rdfkit publish against a real ``oxigraph serve`` on 127.0.0.1 (tests/servers.py).

Faults the real server does not make (5xx, 4xx with a message, redirects, dropped connections) come from
:class:`FaultProxy`, a tiny HTTP server on 127.0.0.1 in front of the real one that forwards everything
except what a rule tells it to break. It also records what it was sent (to check credentials).
"""

from __future__ import annotations

import importlib
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pyoxigraph as ox
import pytest
import requests
from click.testing import CliRunner
from rdflib import Graph, URIRef

from rdfkit.cli import cli
from rdfkit.errors import ServerError, UsageError
from rdfkit.publish import Credentials, OriginAuth, Progress, bulk_load, publish

from .conftest import SEEDS
from .graphs import assert_isomorphic
from .servers import HOST, _start, _stop, oxigraph_server, restartable_oxigraph
from .synthetic import write_nquads

pub = importlib.import_module("rdfkit.publish")  # the module: the attribute rdfkit.publish is the function

GRAPH_NS = "https://w3id.org/rdfkit/id/graph/"
SECRET = "s3cret-Pa55word-never-shown"
TOKEN = "tok-3f9a-never-shown"


# --- fixtures -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_trig(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """out/rdfkit.trig of `rdfkit build` on the seeds."""
    from rdfkit.pipeline import build

    out = tmp_path_factory.mktemp("built") / "out"
    build([SEEDS], out, store=False)
    return out / "rdfkit.trig"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 generated documents as N-Quads, one graph each (tests/synthetic.py), and 10 graphs with blank
    nodes (which a server would double if a graph were added to instead of replaced)."""
    path = tmp_path_factory.mktemp("synthetic") / "da.nq"
    write_nquads(path, 300, seed=3)
    with path.open("a", encoding="utf-8") as out:
        for n in range(10):
            g = f"<{GRAPH_NS}blank-{n}>"
            out.write(f"_:note{n} <http://www.w3.org/2004/02/skos/core#note> \"note {n}\" {g} .\n"
                      f"_:note{n} <http://www.w3.org/2000/01/rdf-schema#label> \"a note\" {g} .\n"
                      f"<https://w3id.org/rdfkit/id/document/x-{n}> <https://schema.org/mentions> _:note{n} {g} .\n")
    return path


@pytest.fixture
def server() -> Iterator[Any]:
    with oxigraph_server() as running:
        yield running


@pytest.fixture(autouse=True)
def no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (pub.ENV_USER, pub.ENV_PASSWORD, pub.ENV_TOKEN, pub.ENV_AUTH):
        monkeypatch.delenv(name, raising=False)


def source_graphs(path: Path) -> dict[str, set[str]]:
    """graph IRI -> its distinct N-Triples statements, read with pyoxigraph."""
    graphs: dict[str, set[str]] = {}
    fmt = ox.RdfFormat.TRIG if path.suffix == ".trig" else ox.RdfFormat.N_QUADS
    for q in ox.parse(path=str(path), format=fmt):
        graphs.setdefault(q.graph_name.value, set()).add(str(q.triple))
    return graphs


_BLANK = re.compile(r"_:[A-Za-z0-9]+")


def server_counts(server: Any) -> dict[str, int]:
    rows = server.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def server_quads(server: Any) -> list[str]:
    """Every quad on the server, as sorted N-Quads lines with every blank node written ``_:b`` (so a graph
    whose blank-node triples were added twice shows them twice)."""
    response = requests.get(server.store_url, headers={"Accept": "application/n-quads"}, timeout=30)
    response.raise_for_status()
    return sorted(_BLANK.sub("_:b", str(q)) for q in ox.parse(response.content, format=ox.RdfFormat.N_QUADS))


def server_graph(server: Any, iri: str) -> Graph:
    response = requests.get(server.store_url, params={"graph": iri}, headers={"Accept": "application/n-triples"},
                            timeout=30)
    response.raise_for_status()
    return Graph().parse(data=response.text, format="nt")


def journal(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite"


# --- a fault-injecting proxy -----------------------------------------------------------------------


Rule = Callable[[str, str, int], Any]


class FaultProxy:
    """An HTTP server on 127.0.0.1 forwarding to ``upstream``; ``rule(method, path, n)`` may answer instead:
    ``(status, headers, body)``, ``"drop"`` (close without answering) or ``("sleep", seconds)``."""

    def __init__(self, upstream: str | None, rule: Rule | None = None) -> None:
        self.upstream = upstream
        self.rule = rule
        self.seen: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def handle_any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with proxy.lock:
                    n = len(proxy.seen)
                    proxy.seen.append({"method": self.command, "path": self.path, "headers": dict(self.headers),
                                       "body": body})
                fault = proxy.rule(self.command, self.path, n) if proxy.rule else None
                if fault == "drop":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if isinstance(fault, tuple) and fault[0] == "sleep":
                    time.sleep(fault[1])
                    fault = None
                if fault is None:
                    if proxy.upstream is None:
                        fault = (200, {"Content-Type": "text/plain"}, b"")
                    else:
                        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
                        r = requests.request(self.command, proxy.upstream + self.path, data=body, headers=headers,
                                             allow_redirects=False, timeout=60)
                        keep = {k: v for k, v in r.headers.items() if k.lower() in ("content-type", "location")}
                        fault = (r.status_code, keep, r.content)
                status, headers, payload = fault
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_any

        self.httpd = ThreadingHTTPServer((HOST, 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.httpd.server_address[1]}"

    def __enter__(self) -> FaultProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def writes(self) -> list[dict[str, Any]]:
        return [r for r in self.seen if r["method"] in ("PUT", "POST", "DELETE")
                and not r["path"].startswith("/query")]


def graphs_in_bodies(requests_seen: list[dict[str, Any]]) -> set[str]:
    """Graph IRIs named in write requests (N-Quads bodies, ?graph= parameters, SPARQL Update texts)."""
    found: set[str] = set()
    for r in requests_seen:
        found.update(re.findall(r"<(" + re.escape(GRAPH_NS) + r"[^>]+)>", r["body"].decode("utf-8", "replace")))
        found.update(requests.utils.unquote(m) for m in re.findall(r"graph=([^&]+)", r["path"]))
    return found


# --- publishing the seeds and reading them back ---------------------------------------------------


@pytest.mark.parametrize("method", ["batch", "put", "update"])
def test_publish_the_seeds_and_query_them_back(seeds_trig: Path, server: Any, tmp_path: Path, method: str) -> None:
    summary = publish([seeds_trig], server.url, method=method, journal=journal(tmp_path))
    source = source_graphs(seeds_trig)
    assert summary.server == "oxigraph"  # told by the Server header
    assert (summary.graphs, summary.triples) == (len(source), sum(map(len, source.values())))
    assert server_counts(server) == {g: len(t) for g, t in source.items()}
    for iri, lines in source.items():
        expected = Graph().parse(data="".join(f"{line} .\n" for line in lines), format="nt")
        assert_isomorphic(server_graph(server, iri), expected, label=f"graph <{iri}> on the server")


def test_publishing_twice_changes_nothing(seeds_trig: Path, synthetic: Path, server: Any, tmp_path: Path) -> None:
    publish([seeds_trig, synthetic], server.url, journal=journal(tmp_path))
    first = server_quads(server)
    assert len(first) == sum(len(t) for p in (seeds_trig, synthetic) for t in source_graphs(p).values())
    for method in ("batch", "put", "update"):
        publish([seeds_trig, synthetic], server.url, method=method, journal=journal(tmp_path))
        assert server_quads(server) == first, f"publishing again with {method} changed the server"


def test_one_graph_in_chunks_is_the_union_and_idempotent(seeds_trig: Path, server: Any, tmp_path: Path) -> None:
    iri = "https://example.org/graph/all"
    summary = publish([seeds_trig], server.url, graph=iri, batch_bytes=4096, journal=journal(tmp_path))
    union = Graph()
    for lines in source_graphs(seeds_trig).values():
        union.parse(data="".join(f"{line} .\n" for line in lines), format="nt")
    assert summary.triples == len(union) and summary.requests > 4  # chunked: a PUT, then POSTs
    assert_isomorphic(server_graph(server, iri), union, label="the one graph")
    publish([seeds_trig], server.url, graph=iri, batch_bytes=4096, journal=journal(tmp_path))
    assert server_counts(server) == {iri: len(union)}
    again = publish([seeds_trig], server.url, graph=iri, batch_bytes=4096, resume=True, journal=journal(tmp_path))
    assert again.sent_triples == 0 and again.skipped_graphs == 1


@pytest.mark.parametrize("method", ["batch", "put", "update"])
def test_a_graph_bigger_than_a_request_goes_in_chunks(seeds_trig: Path, server: Any, tmp_path: Path,
                                                       method: str) -> None:
    source = source_graphs(seeds_trig)
    summary = publish([seeds_trig], server.url, method=method, batch_bytes=4096, journal=journal(tmp_path))
    assert summary.requests > 10
    for iri, lines in source.items():
        expected = Graph().parse(data="".join(f"{line} .\n" for line in lines), format="nt")
        assert_isomorphic(server_graph(server, iri), expected, label=f"graph <{iri}> sent in chunks")
    publish([seeds_trig], server.url, method=method, batch_bytes=4096, journal=journal(tmp_path))
    assert server_counts(server) == {g: len(t) for g, t in source.items()}


def test_graphs_that_are_not_together_in_the_data_are_gathered_first(server: Any, tmp_path: Path) -> None:
    data = tmp_path / "scattered.nq"
    data.write_text("<http://ex.org/a> <http://ex.org/p> \"1\" <http://ex.org/g/1> .\n"
                    "<http://ex.org/a> <http://ex.org/p> \"2\" <http://ex.org/g/2> .\n"
                    "<http://ex.org/a> <http://ex.org/p> \"3\" <http://ex.org/g/1> .\n"
                    "<http://ex.org/a> <http://ex.org/p> \"3\" <http://ex.org/g/1> .\n")
    summary = publish([data], server.url, journal=journal(tmp_path))
    assert (summary.graphs, summary.triples) == (2, 3)
    assert server_counts(server) == {"http://ex.org/g/1": 2, "http://ex.org/g/2": 1}


def test_triples_outside_named_graphs_need_a_graph(seeds_trig: Path, server: Any, tmp_path: Path) -> None:
    turtle = tmp_path / "plain.ttl"
    turtle.write_text("<http://ex.org/a> <http://ex.org/p> <http://ex.org/b> .\n")
    with pytest.raises(UsageError, match="outside any named graph"):
        publish([turtle], server.url, journal=journal(tmp_path))
    assert server_counts(server) == {}
    publish([turtle], server.url, graph="http://ex.org/g", journal=journal(tmp_path))
    assert server_counts(server) == {"http://ex.org/g": 1}


# --- resume ----------------------------------------------------------------------------------------


class Stop(Exception):
    """Stands for Ctrl-C or a crash of the client."""


def stop_after(graphs: int) -> Callable[[Progress], None]:
    def progress(p: Progress) -> None:
        if p.graphs >= graphs:
            raise Stop
    return progress


def journaled(path: Path) -> set[str]:
    import sqlite3

    with sqlite3.connect(path) as db:
        return {g for (g,) in db.execute("SELECT graph FROM graphs")}


def test_an_interrupted_run_resumes_without_sending_again(synthetic: Path, server: Any, tmp_path: Path) -> None:
    source = source_graphs(synthetic)
    with FaultProxy(server.url) as proxy:
        with pytest.raises(Stop):
            publish([synthetic], proxy.url, server="oxigraph", batch_graphs=20, connections=2,
                    journal=journal(tmp_path), progress=stop_after(100))
        done = journaled(journal(tmp_path))
        assert 100 <= len(done) < len(source)
        first_run = len(proxy.seen)
        summary = publish([synthetic], proxy.url, server="oxigraph", batch_graphs=20, connections=2, resume=True,
                          journal=journal(tmp_path))
        resent = graphs_in_bodies([r for r in proxy.seen[first_run:] if r["method"] in ("PUT", "POST")
                                   and not r["path"].startswith("/query")])
    assert summary.skipped_graphs == len(done) and summary.sent_graphs == len(source) - len(done)
    assert not done & resent, "graphs verified in the first run were sent again"
    assert resent == set(source) - done
    assert server_counts(server) == {g: len(t) for g, t in source.items()}


def test_resume_sends_again_what_the_server_lost(synthetic: Path, server: Any, tmp_path: Path) -> None:
    source = source_graphs(synthetic)
    publish([synthetic], server.url, journal=journal(tmp_path))
    lost = sorted(source)[:7]
    requests.post(server.update_url, data=" ; ".join(f"DROP GRAPH <{g}>" for g in lost),
                  headers={"Content-Type": "application/sparql-update"}, timeout=30).raise_for_status()
    # and one graph half lost: same name, fewer triples
    half = sorted(source)[10]
    one = sorted(source[half])[0]
    requests.post(server.update_url, data=f"DELETE DATA {{ GRAPH <{half}> {{ {one} }} }}",
                  headers={"Content-Type": "application/sparql-update"}, timeout=30).raise_for_status()
    summary = publish([synthetic], server.url, resume=True, journal=journal(tmp_path))
    assert summary.sent_graphs == 8 and summary.skipped_graphs == len(source) - 8
    assert server_counts(server) == {g: len(t) for g, t in source.items()}


def test_killing_the_server_mid_run_then_resume_loses_and_doubles_nothing(synthetic: Path, tmp_path: Path) -> None:
    source = source_graphs(synthetic)
    with restartable_oxigraph() as server:
        def kill(p: Progress) -> None:
            if p.graphs >= 60:
                server.kill()

        with pytest.raises(ServerError) as failed:
            publish([synthetic], server.url, server="oxigraph", batch_graphs=20, connections=3, retries=1,
                    backoff=0.01, journal=journal(tmp_path), progress=kill)
        assert failed.value.exit_code == 3 and "--resume" in str(failed.value)
        server.start()
        summary = publish([synthetic], server.url, resume=True, journal=journal(tmp_path))
        assert summary.skipped_graphs + summary.sent_graphs == len(source)
        assert server_counts(server) == {g: len(t) for g, t in source.items()}
        assert len(server_quads(server)) == sum(map(len, source.values()))


# --- retries, refusals, redirects -----------------------------------------------------------------


def test_5xx_timeouts_and_dropped_connections_are_retried(seeds_trig: Path, server: Any, tmp_path: Path) -> None:
    faults = {0: (503, {"Content-Type": "text/plain"}, b"busy"), 1: "drop", 2: ("sleep", 1.0)}

    def rule(method: str, path: str, n: int) -> Any:
        writes = [i for i, r in enumerate(proxy.seen) if r["method"] == "POST" and r["path"].startswith("/store")]
        return faults.get(writes.index(n)) if n in writes else None

    with FaultProxy(server.url, rule) as proxy:
        summary = publish([seeds_trig], proxy.url, server="oxigraph", timeout=0.5, backoff=0.01,
                          journal=journal(tmp_path))
    assert summary.retries == 3
    assert server_counts(server) == {g: len(t) for g, t in source_graphs(seeds_trig).items()}


def test_a_5xx_that_goes_on_fails_with_exit_code_3(seeds_trig: Path, server: Any, tmp_path: Path) -> None:
    with FaultProxy(server.url, lambda m, p, n: (500, {}, b"internal trouble") if m == "POST" and
                    p.startswith("/store") else None) as proxy:
        with pytest.raises(ServerError) as failed:
            publish([seeds_trig], proxy.url, server="oxigraph", retries=2, backoff=0.01, journal=journal(tmp_path))
        assert len([r for r in proxy.seen if r["path"].startswith("/store")]) == 3
    assert failed.value.exit_code == 3 and "failed 3 times" in str(failed.value)


def test_4xx_is_not_retried_and_names_the_graph_and_the_message(seeds_trig: Path, server: Any,
                                                                 tmp_path: Path) -> None:
    first = next(iter(source_graphs(seeds_trig).values()))   # the first graph of the file, of the request body
    message = f"Parser error at line {len(first) + 5} column 3: unexpected end of file".encode()
    with FaultProxy(server.url, lambda m, p, n: (400, {"Content-Type": "text/plain"}, message)
                    if m == "POST" and p.startswith("/store") else None) as proxy:
        with pytest.raises(ServerError) as failed:
            publish([seeds_trig], proxy.url, server="oxigraph", journal=journal(tmp_path))
        assert len([r for r in proxy.seen if r["path"].startswith("/store")]) == 1, "a 4xx was retried"
    text = str(failed.value)
    assert "HTTP 400" in text and "unexpected end of file" in text
    assert "<https://w3id.org/rdfkit/id/graph/da-121677>" in text


def test_redirects_are_not_followed_when_writing(seeds_trig: Path, server: Any, tmp_path: Path) -> None:
    with FaultProxy(server.url, lambda m, p, n: (307, {"Location": server.store_url}, b"")
                    if m == "PUT" else None) as proxy:
        with pytest.raises(ServerError, match="redirect") as failed:
            publish([seeds_trig], proxy.url, server="oxigraph", method="put", journal=journal(tmp_path))
        assert len([r for r in proxy.seen if r["method"] == "PUT"]) == 1
    assert failed.value.exit_code == 3
    assert server_counts(server) == {}, "the redirect was followed"


# --- credentials ----------------------------------------------------------------------------------


def test_credentials_go_to_the_endpoint_only(seeds_trig: Path, server: Any, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pub.ENV_USER, "editor")
    monkeypatch.setenv(pub.ENV_PASSWORD, SECRET)
    with FaultProxy(server.url) as endpoint, FaultProxy(server.url) as elsewhere:
        publish([seeds_trig], endpoint.url, server="oxigraph", query_url=elsewhere.url + "/query",
                journal=journal(tmp_path))
        writes = [r for r in endpoint.seen if r["method"] in ("PUT", "POST")]
        assert writes and all(r["headers"].get("Authorization", "").startswith("Basic ") for r in writes)
        assert elsewhere.seen, "the count queries went elsewhere"
        assert not [r for r in elsewhere.seen if "Authorization" in r["headers"]], "credentials sent to another host"


def test_origin_auth_drops_credentials_for_another_host() -> None:
    auth = OriginAuth(Credentials("bearer", secret=TOKEN), "http://127.0.0.1:7878/")
    same = requests.Request("GET", "http://127.0.0.1:7878/query", auth=auth).prepare()
    other = requests.Request("GET", "http://127.0.0.1:7879/query", auth=auth,
                             headers={"Authorization": "Bearer x"}).prepare()
    https = requests.Request("GET", "https://127.0.0.1:7878/query", auth=auth).prepare()
    assert same.headers["Authorization"] == f"Bearer {TOKEN}"
    assert "Authorization" not in other.headers and "Authorization" not in https.headers
    assert TOKEN not in repr(auth) and TOKEN not in repr(auth.credentials) and TOKEN not in str(auth.credentials)


def test_a_redirect_to_another_host_gets_no_credentials(seeds_trig: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pub.ENV_TOKEN, TOKEN)
    with FaultProxy(None) as elsewhere, FaultProxy(None, lambda m, p, n: (308, {"Location": elsewhere.url + p}, b"")
                                                   ) as endpoint:
        with pytest.raises(ServerError, match="redirect") as failed:
            publish([seeds_trig], endpoint.url, server="oxigraph", journal=journal(tmp_path))
        assert not elsewhere.seen
        assert endpoint.seen[0]["headers"].get("Authorization") == f"Bearer {TOKEN}"
    assert TOKEN not in str(failed.value)


def test_credentials_are_never_printed(seeds_trig: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pub.ENV_USER, "editor")
    monkeypatch.setenv(pub.ENV_PASSWORD, SECRET)
    runner = CliRunner()
    with FaultProxy(None, lambda m, p, n: (401, {"Content-Type": "text/plain"}, b"who are you?")) as endpoint:
        refused = runner.invoke(cli, ["publish", str(seeds_trig), "--endpoint", endpoint.url, "--server", "oxigraph",
                                      "--journal", str(journal(tmp_path))])
    dry = runner.invoke(cli, ["publish", str(seeds_trig), "--endpoint", "http://127.0.0.1:9/", "--dry-run"])
    closed = runner.invoke(cli, ["publish", str(seeds_trig), "--endpoint", "http://127.0.0.1:9/", "--retries", "0",
                                 "--journal", str(journal(tmp_path))])
    in_url = runner.invoke(cli, ["publish", str(seeds_trig), "--endpoint", f"http://editor:{SECRET}@127.0.0.1:9/"])
    assert (refused.exit_code, dry.exit_code, closed.exit_code, in_url.exit_code) == (3, 0, 3, 2)
    assert "HTTP 401" in refused.output and "basic, from RDFKIT_SPARQL_USER" in dry.output
    for run in (refused, dry, closed, in_url):
        assert SECRET not in run.output and SECRET not in repr(run.exception)


# --- dry run, replace, detection -------------------------------------------------------------------


def test_dry_run_sends_nothing_and_prints_the_plan(seeds_trig: Path, tmp_path: Path) -> None:
    with FaultProxy(None) as endpoint:
        summary = publish([seeds_trig], endpoint.url, server="oxigraph", dry_run=True, journal=journal(tmp_path))
        result = CliRunner().invoke(cli, ["publish", str(seeds_trig), "--endpoint", endpoint.url + "/query",
                                          "--dry-run", "--method", "put"])
        assert endpoint.seen == []
    assert not journal(tmp_path).exists()
    plan = "\n".join(summary.plan)
    source = source_graphs(seeds_trig)
    first, second = (len(source[f"{GRAPH_NS}{d}"]) for d in ("da-118200", "da-121677"))
    assert f"{endpoint.url}/store?no_transaction  2 graphs, {first + second} triples" in plan
    assert f"<{GRAPH_NS}da-118200>  {first} triples" in plan
    assert f"# total: 2 graphs, {first + second} triples, 3 requests" in plan
    assert result.exit_code == 0, result.output
    assert f"PUT {endpoint.url}/store?graph=<{GRAPH_NS}da-121677>  {second} triples" in result.stdout
    assert "guessed from the URL" in result.stdout


def test_replace_drops_stale_graphs_in_scope_only(seeds_trig: Path, tmp_path: Path) -> None:
    stale = tmp_path / "stale.nq"
    stale.write_text(f"<http://ex.org/s> <http://ex.org/p> \"old\" <{GRAPH_NS}da-999> .\n"
                     "<http://ex.org/s> <http://ex.org/p> \"theirs\" <https://w3id.org/other/graph/x> .\n"
                     "<http://ex.org/s> <http://ex.org/p> \"near\" <https://w3id.org/rdfkit/id/graphs-old/y> .\n"
                     "<http://ex.org/s> <http://ex.org/p> \"default\" .\n")
    with oxigraph_server(stale) as server:
        summary = publish([seeds_trig], server.url, replace=True, journal=journal(tmp_path))
        counts = server_counts(server)
        default = server.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]["value"]
    assert summary.dropped_graphs == 1
    assert f"{GRAPH_NS}da-999" not in counts
    assert {"https://w3id.org/other/graph/x", "https://w3id.org/rdfkit/id/graphs-old/y"} <= set(counts)
    assert default == "1"


def test_the_replace_scope_is_never_wider_than_a_namespace() -> None:
    assert pub._scope("https://w3id.org/rdfkit/id/graph/da-1") == GRAPH_NS
    assert pub._scope(GRAPH_NS + "da-") == GRAPH_NS
    assert pub._scope("http://ex.org/g") == ""      # the whole host: refused
    assert pub._scope("http") == "" and pub._scope("") == ""
    assert pub._scope("urn:x:") == ""
    with pytest.raises(UsageError):
        pub._check_scope("http")


def test_replace_without_a_namespace_refuses_to_drop(server: Any, tmp_path: Path) -> None:
    data = tmp_path / "two.nq"
    data.write_text("<http://a.org/s> <http://a.org/p> \"1\" <http://a.org/g> .\n"
                    "<http://a.org/s> <http://a.org/p> \"1\" <http://b.org/g> .\n")
    with pytest.raises(UsageError, match="--scope"):
        publish([data], server.url, replace=True, journal=journal(tmp_path))


def test_the_server_kind_is_told_by_its_header(server: Any) -> None:
    assert pub.detect_server(server.url) == "oxigraph"
    assert pub._kind_from_headers({"Server": "Virtuoso/07.20.3237 (Linux) x86_64-pc-linux-gnu"}) == "virtuoso"
    assert pub._kind_from_headers({"Server": "Apache Jena Fuseki (5.1.0)"}) == "fuseki"
    assert pub._kind_from_headers({"Fuseki-Request-Id": "12"}) == "fuseki"
    assert pub._kind_from_headers({"Server": "nginx"}) == "generic"


def test_profiles_give_each_server_its_paths() -> None:
    ends = pub._endpoints(pub.profile_for("fuseki"), "http://h:3030/ds/sparql", False)
    assert (ends.query, ends.update, ends.gsp) == ("http://h:3030/ds/sparql", "http://h:3030/ds/update",
                                                   "http://h:3030/ds/data")
    ends = pub._endpoints(pub.profile_for("virtuoso"), "http://h:8890/sparql", True)
    assert (ends.query, ends.gsp) == ("http://h:8890/sparql-auth", "http://h:8890/sparql-graph-crud-auth")
    ends = pub._endpoints(pub.profile_for("oxigraph"), "http://h:7878/query", False)
    assert (ends.query, ends.update, ends.gsp) == ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store")
    generic = pub._endpoints(pub.profile_for("generic"), "http://h/sparql", False)
    assert pub._default_method(pub.profile_for("generic"), generic) == "update"
    assert pub._default_method(pub.profile_for("virtuoso"), ends) == "put"
    assert Credentials.from_env({pub.ENV_USER: "u", pub.ENV_PASSWORD: "p"}, default_scheme="digest").scheme == "digest"


def test_the_cli_choices_match_the_library() -> None:
    from rdfkit import cli as cli_module

    assert cli_module.PUBLISH_SERVERS == pub.SERVERS and cli_module.PUBLISH_METHODS == pub.METHODS


# --- bulk loading ---------------------------------------------------------------------------------


def test_bulk_load_with_oxigraph_load(seeds_trig: Path, synthetic: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    source = source_graphs(synthetic) | source_graphs(seeds_trig)
    summary = bulk_load([synthetic, seeds_trig], store)
    assert (summary.graphs, summary.triples) == (len(source), sum(map(len, source.values())))
    bulk_load([synthetic, seeds_trig], store)   # twice: nothing changes (the graphs are dropped first)
    running = _start(store, tmp_path / "serve.log", read_only=False)
    try:
        assert server_counts(running) == {g: len(t) for g, t in source.items()}
        with pytest.raises(ServerError, match="in use") as busy:   # the server must be stopped
            bulk_load([seeds_trig], store)
        assert "Stop the server first" in str(busy.value)
    finally:
        _stop(running.process)


def test_bulk_load_into_one_graph_and_replace(seeds_trig: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    union = set().union(*source_graphs(seeds_trig).values())
    summary = bulk_load([seeds_trig], store, graph="https://example.org/graph/all")
    assert summary.triples == len(union)
    bulk_load([seeds_trig], store)
    stale = tmp_path / "stale.nq"
    stale.write_text(f"<http://ex.org/s> <http://ex.org/p> \"old\" <{GRAPH_NS}da-999> .\n")
    bulk_load([stale], store)
    done = bulk_load([seeds_trig], store, replace=True)
    assert done.dropped_graphs == 1
    running = _start(store, tmp_path / "serve.log", read_only=False)
    try:
        counts = server_counts(running)
    finally:
        _stop(running.process)
    expected = {g: len(t) for g, t in source_graphs(seeds_trig).items()}
    assert counts == {**expected, "https://example.org/graph/all": len(union)}


def test_bulk_load_refuses_triples_outside_named_graphs(tmp_path: Path) -> None:
    turtle = tmp_path / "plain.ttl"
    turtle.write_text("<http://ex.org/a> <http://ex.org/p> <http://ex.org/b> .\n")
    with pytest.raises(UsageError, match="no named graphs"):
        bulk_load([turtle], tmp_path / "one")
    assert not (tmp_path / "one").exists()
    mixed = tmp_path / "mixed.nq"   # found while loading into a new store: taken out again
    mixed.write_text("<http://ex.org/a> <http://ex.org/p> <http://ex.org/b> <http://ex.org/g> .\n"
                     "<http://ex.org/a> <http://ex.org/p> <http://ex.org/c> .\n")
    with pytest.raises(UsageError, match="outside any named graph"):
        bulk_load([mixed], tmp_path / "two")
    running = _start(tmp_path / "two", tmp_path / "serve.log", read_only=False)
    try:
        assert running.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]["value"] == "0"
    finally:
        _stop(running.process)


def test_bad_combinations_are_usage_errors(seeds_trig: Path) -> None:
    with pytest.raises(UsageError, match="--replace"):
        publish([seeds_trig], "http://127.0.0.1:9", graph="http://ex.org/g", replace=True)
    with pytest.raises(UsageError, match="not an absolute IRI"):
        publish([seeds_trig], "http://127.0.0.1:9", graph="not an iri")
    with pytest.raises(UsageError, match="http"):
        publish([seeds_trig], "ftp://127.0.0.1:9/")
    with pytest.raises(UsageError, match="Graph Store"):
        publish([seeds_trig], "http://127.0.0.1:9/sparql", server="generic", method="put", dry_run=True)


# --- the command ------------------------------------------------------------------------------------


def test_the_command_publishes_and_exits_3_when_unreachable(seeds_trig: Path, server: Any, tmp_path: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(cli, ["publish", str(seeds_trig), "--endpoint", server.url, "--journal",
                               str(journal(tmp_path))])
    assert done.exit_code == 0, done.output
    triples = sum(map(len, source_graphs(seeds_trig).values()))
    assert f"published 2 graphs ({triples} triples)" in done.stderr and done.stdout == ""
    again = runner.invoke(cli, ["publish", str(seeds_trig), "--endpoint", server.url, "--resume", "--journal",
                                str(journal(tmp_path))])
    assert again.exit_code == 0 and "2 were already there and verified, 0 sent" in again.stderr
    with socket.socket() as s:
        s.bind((HOST, 0))
        port = s.getsockname()[1]
    down = runner.invoke(cli, ["publish", str(seeds_trig), "--endpoint", f"http://{HOST}:{port}", "--retries", "0"])
    assert down.exit_code == 3 and "cannot reach" in down.stderr


def test_the_bulk_command(seeds_trig: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = CliRunner().invoke(cli, ["publish", str(seeds_trig), "--bulk", "--location", str(store)])
    assert result.exit_code == 0, result.output
    assert f"2 graphs ({sum(map(len, source_graphs(seeds_trig).values()))} triples)" in result.stderr
    missing = CliRunner().invoke(cli, ["publish", str(seeds_trig), "--bulk"])
    assert missing.exit_code == 2 and "--location" in missing.output


# --- Virtuoso (run when Debian's virtuoso-opensource is installed; docs/virtuoso.md) ----------------


@pytest.fixture(scope="module")
def virtuoso() -> Iterator[Any]:
    from .servers import virtuoso_installed, virtuoso_server

    if not virtuoso_installed():
        pytest.skip("virtuoso-opensource is not installed (apt-get install virtuoso-opensource-7-bin)")
    with virtuoso_server() as running:
        yield running


def virtuoso_counts(server: Any, graphs: Iterable[str]) -> dict[str, int]:
    values = " ".join(f"<{g}>" for g in graphs)
    rows = server.select(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} "
                         "GROUP BY ?g")
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def test_virtuoso_put_update_and_resume(virtuoso: Any, seeds_trig: Path, synthetic: Path, tmp_path: Path) -> None:
    source = source_graphs(seeds_trig) | source_graphs(synthetic)
    expected = {g: len(t) for g, t in source.items()}
    summary = publish([seeds_trig, synthetic], virtuoso.url, journal=journal(tmp_path))
    assert (summary.server, summary.method) == ("virtuoso", "put")   # told by its Server header
    assert virtuoso_counts(virtuoso, source) == expected
    # SPARQL Update, blank nodes included (Virtuoso refuses them in INSERT DATA): replaced, not doubled
    again = publish([seeds_trig, synthetic], virtuoso.url, method="update", journal=journal(tmp_path))
    assert again.requests > len(source) // 100
    assert virtuoso_counts(virtuoso, source) == expected
    resumed = publish([seeds_trig, synthetic], virtuoso.url, resume=True, journal=journal(tmp_path))
    assert resumed.sent_graphs == 0 and resumed.skipped_graphs == len(source)


def test_virtuoso_bulk_loader(virtuoso: Any, synthetic: Path) -> None:
    source = source_graphs(synthetic)
    for _ in range(2):   # twice: the graphs are emptied first, so nothing is doubled
        summary = bulk_load([synthetic], virtuoso.load_folder, server="virtuoso", isql=virtuoso.isql,
                            endpoint=virtuoso.url)
        assert (summary.graphs, summary.sent_graphs) == (len(source), len(source))
        assert virtuoso_counts(virtuoso, source) == {g: len(t) for g, t in source.items()}


def test_virtuoso_with_digest_credentials(virtuoso: Any, seeds_trig: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    made = subprocess.run(["isql-vt", virtuoso.isql, "dba", "dba",
                           f"exec=DB.DBA.USER_CREATE('rdfkit_editor', '{SECRET}'); "
                           'GRANT SPARQL_UPDATE TO "rdfkit_editor";'], capture_output=True, text=True, timeout=60)
    assert "*** Error" not in made.stdout + made.stderr
    monkeypatch.setenv(pub.ENV_USER, "rdfkit_editor")
    monkeypatch.setenv(pub.ENV_PASSWORD, SECRET)
    summary = publish([seeds_trig], virtuoso.url, method="put", journal=journal(tmp_path), plan=None)
    assert summary.sent_graphs == 2
    assert virtuoso_counts(virtuoso, source_graphs(seeds_trig)) == {g: len(t) for g, t in
                                                                    source_graphs(seeds_trig).items()}
    monkeypatch.setenv(pub.ENV_PASSWORD, "wrong")
    with pytest.raises(ServerError, match="HTTP 401") as refused:
        publish([seeds_trig], virtuoso.url, journal=journal(tmp_path))
    assert SECRET not in str(refused.value)
