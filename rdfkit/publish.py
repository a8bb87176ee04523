"""Publishing RDF to a SPARQL 1.1 server, or loading it with the server's own bulk loader.

:func:`publish` sends RDF files (any syntax rdfkit reads; typically ``out/rdfkit.trig``, one named
graph per source document) to a running server through the W3C protocols only, so it works with
Oxigraph, Fuseki, Virtuoso and any other SPARQL 1.1 server::

    >>> from rdfkit.publish import publish
    >>> summary = publish(["out/rdfkit.trig"], "http://127.0.0.1:7878")    # doctest: +SKIP
    >>> print(summary.text())                                              # doctest: +SKIP
    published 2 graphs (95 triples) to http://127.0.0.1:7878 (oxigraph, batch): 4 requests, 0 retries, 0.1 s

How it goes (``docs/publishing.md`` explains each choice):

1. The data is read as a stream of named graphs: a graph's triples must come together in the files, as
   rdfkit writes them; otherwise everything is first gathered in a temporary on-disk store. Client
   memory stays flat: at most ``connections + 1`` batches are prepared at a time.
2. Every graph is *replaced*, never appended to, so publishing twice changes nothing: Graph Store
   Protocol ``PUT ?graph=IRI`` (method ``put``), or ``DROP SILENT GRAPH`` + ``INSERT DATA`` in one SPARQL
   Update for many graphs (``update``), or one ``DROP`` update then one N-Quads ``POST`` of many graphs
   to the graph store (``batch``, the fastest, for servers that take quads there). ``graph=IRI`` puts
   all triples into that one graph, sent in chunks: a ``PUT`` then ``POST`` appends.
3. Timeouts, connection errors, 429 and 5xx are retried with exponential backoff; any other 4xx is an
   error naming the graph and the server's message; redirects are never followed (an error says so).
4. After writing, the triple count of every graph is asked back (``COUNT`` with ``VALUES``, many graphs
   per query) and compared with what was sent; a mismatch is an error listing the graphs.
5. Verified graphs are recorded in a journal (SQLite, beside the data) with a hash of their content.
   ``resume=True`` skips a graph only when the journal has the same hash *and* the server still has
   that many triples in it, so a server that lost data gets it again.
6. ``replace=True`` then drops the server's graphs under the data's graph namespace that the data no
   longer has; graphs outside that namespace are never touched.

Credentials come from the environment (:meth:`Credentials.from_env`) and are sent only to the
endpoint's own scheme, host and port, never printed. :func:`bulk_load` runs the server's own loader
(``oxigraph load`` on a stopped server's store; a Virtuoso ``ld_dir`` script run with isql).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal
from urllib.parse import quote, urlsplit, urlunsplit

import pyoxigraph as ox
import requests
from requests.auth import AuthBase, HTTPDigestAuth, _basic_auth_str

from . import __version__
from .errors import ServerError, SourceSyntaxError, UsageError
from .http import retry_after
from .rdfio import RdfFormat, format_for_path, get_format, iter_rdf_files

__all__ = [
    "publish", "bulk_load", "detect_server", "profile_for", "Credentials", "ServerProfile", "PublishSummary",
    "Progress", "PROFILES", "SERVERS", "METHODS", "ENV_USER", "ENV_PASSWORD", "ENV_TOKEN", "ENV_AUTH",
    "JOURNAL_NAME",
]

ENV_USER = "RDFKIT_SPARQL_USER"
ENV_PASSWORD = "RDFKIT_SPARQL_PASSWORD"
ENV_TOKEN = "RDFKIT_SPARQL_TOKEN"
ENV_AUTH = "RDFKIT_SPARQL_AUTH"

#: The journal's file name, in the folder of the (first) data file unless ``journal=`` names another.
JOURNAL_NAME = ".rdfkit-publish.sqlite"

#: ``put``: one Graph Store PUT per graph; ``update``: DROP + INSERT DATA, many graphs per SPARQL Update;
#: ``batch``: a DROP update, then one N-Quads POST of many graphs to the graph store.
METHODS = ("put", "update", "batch")
SERVERS = ("auto", "oxigraph", "fuseki", "virtuoso", "generic")

USER_AGENT = f"rdfkit/{__version__} (publish)"
MiB = 1024 * 1024
COUNT_BATCH = 500   # graphs per verification query
DROP_BATCH = 500    # graphs per DROP update of replace=True
_MAX_LISTED = 20    # graphs named in an error message


# --- server profiles ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServerProfile:
    """What rdfkit knows about a kind of server: endpoint paths, what it accepts, its limits.

    Paths are appended to the base URL given as the endpoint (``""`` is the base URL itself; ``None``
    means the server has no such endpoint). ``auth_paths`` replace them when credentials are given
    (Virtuoso serves authenticated requests on other paths).
    """

    name: str
    query: str | None
    update: str | None
    gsp: str | None
    method: str                           # the default write method
    quads: bool = False                   # the graph store takes N-Quads of many graphs in one POST
    max_request_bytes: int = 16 * MiB     # one request body at most (a bigger graph is sent in chunks)
    max_update_triples: int | None = None  # triples per SPARQL Update request at most
    post_params: tuple[tuple[str, str], ...] = ()  # added to graph store POSTs
    refusals: tuple[str, ...] = ()        # in the body of a 5xx, these mean a refusal: not retried
    auth_paths: tuple[str | None, str | None, str | None] | None = None
    auth_scheme: str = "basic"            # for a user and password
    suffixes: tuple[str, ...] = ()        # endpoint paths removed from --endpoint to find the base URL
    note: str = ""


PROFILES: dict[str, ServerProfile] = {
    p.name: p for p in (
        ServerProfile(
            "oxigraph", "/query", "/update", "/store", "batch", quads=True, max_request_bytes=16 * MiB,
            # without a transaction Oxigraph loads a POST with its bulk loader, three to four times faster
            # (a write cut short leaves part of a batch, which the count check and --resume repair)
            post_params=(("no_transaction", ""),),
            suffixes=("/query", "/update", "/store", "/sparql"),
            note="oxigraph serve: /query, /update, /store (N-Quads POST without a transaction)"),
        ServerProfile(
            "fuseki", "/sparql", "/update", "/data", "batch", quads=True, max_request_bytes=16 * MiB,
            suffixes=("/sparql", "/query", "/update", "/data", "/get"),
            note="Apache Jena Fuseki: the dataset URL (http://host:3030/ds); /sparql, /update, /data"),
        ServerProfile(
            "virtuoso", "/sparql", "/sparql", "/sparql-graph-crud", "put", quads=False,
            max_request_bytes=4 * MiB, max_update_triples=1000,
            # a refused update (SR186: no permission), an unparsable body (22023), an access error (SQ110)
            refusals=("SR186", "SQ110", "22023"),
            auth_paths=("/sparql-auth", "/sparql-auth", "/sparql-graph-crud-auth"), auth_scheme="digest",
            suffixes=("/sparql", "/sparql-auth", "/sparql-graph-crud", "/sparql-graph-crud-auth"),
            note="Virtuoso: /sparql, /sparql-graph-crud (the -auth paths with credentials, digest auth); "
                 "small SPARQL Update requests"),
        ServerProfile(
            "generic", "", "", None, "update", quads=False, max_request_bytes=8 * MiB,
            note="any SPARQL 1.1 server: queries and updates to the endpoint URL itself; the Graph Store "
                 "Protocol only with --gsp-url"),
    )
}


def profile_for(name: str) -> ServerProfile:
    """The profile of a server kind; an unknown name is an error listing the known ones."""
    try:
        return PROFILES[name]
    except KeyError:
        raise UsageError(f"unknown server kind {name!r}", hint=f"Use one of: {', '.join(SERVERS)}.") from None


@dataclass(frozen=True)
class _Endpoints:
    base: str
    query: str | None
    update: str | None
    gsp: str | None


def _endpoints(profile: ServerProfile, endpoint: str, authenticated: bool, *, query_url: str | None = None,
               update_url: str | None = None, gsp_url: str | None = None) -> _Endpoints:
    base = endpoint.rstrip("/")
    for suffix in sorted(profile.suffixes, key=len, reverse=True):
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            break
    paths = profile.auth_paths if authenticated and profile.auth_paths else (profile.query, profile.update,
                                                                           profile.gsp)
    q, u, g = (None if p is None else base + p for p in paths)
    return _Endpoints(base, query_url or q, update_url or u, gsp_url or g)


def _guess_server(endpoint: str) -> str:
    """A guess from the URL alone (for --dry-run, which sends nothing)."""
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    if parts.port == 7878 or path.endswith(("/store", "/query")):
        return "oxigraph"
    if parts.port == 8890 or "sparql-graph-crud" in path:
        return "virtuoso"
    if parts.port == 3030 or path.endswith("/data"):
        return "fuseki"
    return "generic"


def detect_server(endpoint: str, *, session: requests.Session | None = None, timeout: float = 10.0) -> str:
    """Tell the kind of server from the ``Server`` header of a HEAD request to the endpoint's host.

    Returns ``oxigraph``, ``fuseki``, ``virtuoso`` or ``generic``; raises :class:`ServerError` when
    the host does not answer. (HEAD on the root, never GET on the endpoint: a GET on a graph store
    would download the whole dataset.)
    """
    parts = urlsplit(endpoint)
    root = urlunsplit((parts.scheme, parts.netloc, "/", "", ""))
    own = session is None
    session = session or requests.Session()
    try:
        response = session.head(root, timeout=timeout, allow_redirects=False, headers={"User-Agent": USER_AGENT})
    except requests.RequestException as exc:
        raise ServerError(f"cannot reach {root}: {_reason(exc)}",
                          hint="Check that the server runs and that --endpoint is right.") from None
    finally:
        if own:
            session.close()
    return _kind_from_headers(response.headers)


def _kind_from_headers(headers: Mapping[str, str]) -> str:
    server = (headers.get("Server") or "").lower()
    if "oxigraph" in server:
        return "oxigraph"
    if "virtuoso" in server:
        return "virtuoso"
    if "fuseki" in server or any(k.lower().startswith("fuseki") for k in headers):
        return "fuseki"
    return "generic"


# --- credentials ----------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class Credentials:
    """A user and password (``basic`` or ``digest``) or a ``bearer`` token; never shown by ``repr``."""

    scheme: str
    user: str = ""
    secret: str = ""

    def __post_init__(self) -> None:
        if self.scheme not in ("basic", "digest", "bearer"):
            raise UsageError(f"unknown authentication scheme {self.scheme!r}", hint="Use basic, digest or bearer.")

    def __repr__(self) -> str:
        return f"Credentials({self.scheme}, user={'…' if self.user else 'none'})"

    __str__ = __repr__

    @property
    def source(self) -> str:
        """Where they came from, for messages (names of variables, never values)."""
        return ENV_TOKEN if self.scheme == "bearer" else f"{ENV_USER} and {ENV_PASSWORD}"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, default_scheme: str = "basic") -> Credentials | None:
        """``RDFKIT_SPARQL_TOKEN`` (bearer), else ``RDFKIT_SPARQL_USER`` and ``RDFKIT_SPARQL_PASSWORD``
        (basic, or what ``RDFKIT_SPARQL_AUTH`` names: basic or digest); None when none are set."""
        env = os.environ if environ is None else environ
        token = env.get(ENV_TOKEN)
        if token:
            return cls("bearer", secret=token)
        user, password = env.get(ENV_USER), env.get(ENV_PASSWORD)
        if user or password:
            if not (user and password is not None):
                raise UsageError(f"{ENV_USER} is set but {ENV_PASSWORD} is not (or the other way round)",
                                 hint="Set both, or neither.")
            return cls((env.get(ENV_AUTH) or default_scheme).lower(), user, password)
        return None


def _origin(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or (443 if scheme == "https" else 80)


class OriginAuth(AuthBase):
    """Requests authentication that applies only to one origin (scheme, host and port).

    A request to any other origin goes without credentials (and loses an ``Authorization`` header
    set by hand), so they never reach another host, whatever URL a request is sent to.
    """

    def __init__(self, credentials: Credentials, url: str) -> None:
        self.credentials = credentials
        self.origin = _origin(url)
        self._digest = (HTTPDigestAuth(credentials.user, credentials.secret)
                        if credentials.scheme == "digest" else None)

    def __repr__(self) -> str:
        return f"OriginAuth({self.credentials.scheme} for {self.origin[0]}://{self.origin[1]}:{self.origin[2]})"

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        if _origin(r.url or "") != self.origin:
            r.headers.pop("Authorization", None)
            return r
        c = self.credentials
        if self._digest is not None:
            return self._digest(r)
        if c.scheme == "bearer":
            r.headers["Authorization"] = f"Bearer {c.secret}"
        else:
            r.headers["Authorization"] = _basic_auth_str(c.user, c.secret)
        return r


def _check_url(url: str, what: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{what} is not an http(s) URL", hint="Give the server's full URL, such as "
                         "http://127.0.0.1:7878 (Oxigraph) or http://127.0.0.1:3030/ds (Fuseki).")
    if parts.username or parts.password:
        # the URL itself is not repeated: it holds a password
        raise UsageError(f"{what} has a user name or password in it",
                         hint=f"Remove them from the URL and set {ENV_USER} and {ENV_PASSWORD} (or {ENV_TOKEN}) "
                              "in the environment instead.")
    return url


# --- summary and progress -------------------------------------------------------------------------


@dataclass
class Progress:
    """How far a run is: ``done`` of ``total`` units (bytes of input read; None when unknown, as for
    stdin), and the graphs and triples written or found already there."""

    done: int
    total: int | None
    graphs: int
    triples: int


@dataclass
class PublishSummary:
    """What a run did. ``graphs`` and ``triples`` are those of the data (triples counted once per graph);
    ``sent_*`` what was written, ``skipped_graphs`` what ``resume`` found already there."""

    endpoint: str
    server: str
    method: str
    graphs: int = 0
    triples: int = 0
    sent_graphs: int = 0
    sent_triples: int = 0
    skipped_graphs: int = 0
    dropped_graphs: int = 0
    requests: int = 0
    retries: int = 0
    seconds: float = 0.0
    dry_run: bool = False
    journal: Path | None = None
    plan: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def triples_per_second(self) -> float:
        return self.triples / self.seconds if self.seconds > 0 else 0.0

    def text(self) -> str:
        """One line for people (the CLI prints it on stderr)."""
        if self.dry_run:
            return (f"dry run: {self.graphs:,} graphs ({self.triples:,} triples) would go to {self.endpoint} "
                    f"({self.server}, {self.method}) in {self.requests:,} requests; nothing was sent")
        done = f"published {self.graphs:,} graphs ({self.triples:,} triples) to {self.endpoint} ({self.server}, " \
               f"{self.method})"
        if self.skipped_graphs:
            done += f"; {self.skipped_graphs:,} were already there and verified, {self.sent_graphs:,} sent"
        if self.dropped_graphs:
            done += f"; dropped {self.dropped_graphs:,} graphs the data no longer has"
        return (f"{done}: {self.requests:,} requests, {self.retries:,} retries, {self.seconds:.1f} s "
                f"({self.triples_per_second:,.0f} triples/s)")


# --- reading the data as graphs -------------------------------------------------------------------


@dataclass
class _Graph:
    """One named graph: its distinct statements as N-Quads lines (no final ``" ."``), sorted, and their hash."""

    iri: str
    lines: list[str]
    digest: str
    nbytes: int

    @property
    def triples(self) -> int:
        return len(self.lines)

    @property
    def tag(self) -> str:
        return f"<{self.iri}>"

    def nquads(self) -> str:
        return " .\n".join(self.lines) + " .\n"

    def ntriples(self, lines: Sequence[str] | None = None) -> str:
        cut = len(self.iri) + 3   # " <iri>"
        return "".join(line[:-cut] + " .\n" for line in (self.lines if lines is None else lines))


def _make_graph(iri: str, statements: set[str]) -> _Graph:
    lines = sorted(statements)
    body = "\n".join(lines).encode("utf-8")
    return _Graph(iri, lines, hashlib.sha256(body).hexdigest(), len(body) + 2 * len(lines))


class _NotGrouped(Exception):
    """A graph's triples are not together in the data: it has to be gathered first."""


class _Reader:
    """DATA files read as a stream of quads, with the bytes read so far for the progress bar."""

    def __init__(self, data: Sequence[str | Path], data_format: str | None) -> None:
        self.files = list(iter_rdf_files(data))
        if not self.files:
            raise UsageError("no RDF files in " + ", ".join(str(d) for d in data),
                             hint="Give RDF files (out/rdfkit.trig) or folders holding them.")
        self.formats: list[RdfFormat] = [
            get_format(data_format or "turtle") if str(f) == "-" else
            (get_format(data_format) if data_format else format_for_path(f)) for f in self.files]
        stdin = any(str(f) == "-" for f in self.files)
        self.total: int | None = None if stdin else sum(f.stat().st_size for f in self.files)
        self.done = 0

    def quads(self) -> Iterator[ox.Quad]:
        self.done = 0
        for path, fmt in zip(self.files, self.formats):
            start = self.done
            with ExitStack() as stack:
                if str(path) == "-":
                    handle: IO[bytes] = sys.stdin.buffer
                    base = None
                else:
                    handle = stack.enter_context(open(path, "rb"))
                    base = path.resolve().as_uri()
                try:
                    for n, quad in enumerate(ox.parse(handle, format=fmt.ox, base_iri=base, lenient=False)):
                        if not n & 0x3FF and self.total is not None:
                            self.done = start + handle.tell()
                        yield quad
                except SyntaxError as exc:
                    raise _syntax_error(exc, fmt, path) from None
                except (ValueError, OSError) as exc:
                    raise SourceSyntaxError(f"not valid {fmt.name}: {exc}", path=path,
                                            hint=f"Check that the file really is {fmt.name}.") from None
            if self.total is not None:
                self.done = start + path.stat().st_size

    def graphs(self) -> Iterator[_Graph]:
        """The named graphs in the order of the data; raises :class:`_NotGrouped` when a graph comes back."""
        seen: set[bytes] = set()
        current: ox.NamedNode | ox.BlankNode | None = None
        iri = ""
        statements: set[str] = set()
        for quad in self.quads():
            name = quad.graph_name
            if name != current:
                if not isinstance(name, ox.NamedNode):
                    raise _default_graph_error(quad) if isinstance(name, ox.DefaultGraph) else _blank_graph_error()
                if current is not None:
                    yield _make_graph(iri, statements)
                iri = name.value
                key = hashlib.blake2b(iri.encode("utf-8"), digest_size=12).digest()
                if key in seen:
                    raise _NotGrouped(iri)
                seen.add(key)
                current, statements = name, set()
            statements.add(str(quad))
        if current is not None:
            yield _make_graph(iri, statements)


def _syntax_error(exc: SyntaxError, fmt: RdfFormat, path: Path) -> SourceSyntaxError:
    message = str(exc.msg if getattr(exc, "msg", None) else exc).split("\n")[0]
    if "LoadDocumentCallback" in message:
        return SourceSyntaxError("the JSON-LD refers to a remote @context, and rdfkit never fetches anything "
                                 "while reading", path=path,
                                 hint="Put the context object inline in the file and try again.")
    return SourceSyntaxError(f"not valid {fmt.name}: {message}", path=path, line=getattr(exc, "lineno", None),
                             column=getattr(exc, "offset", None),
                             hint=f"Fix the {fmt.name} syntax at that place, or name the right format.")


def _blank_graph_error() -> UsageError:
    return UsageError("the data has a graph named by a blank node, and a server can only take graphs named by IRIs",
                      hint="Name the graph with an IRI, or put everything into one graph with --graph IRI.")


def _default_graph_error(quad: ox.Quad) -> UsageError:
    return UsageError(
        f"the data has triples outside any named graph (such as {quad.subject} {quad.predicate} …), and "
        "publishing keeps one named graph per source document",
        hint="Publish rdfkit's graphs (out/rdfkit.trig), or put everything into one graph with --graph IRI.")


class _Staging:
    """The data gathered in a temporary on-disk store: graphs whose triples are scattered, or every triple
    for one target graph (duplicates removed, in a fixed order, so chunks are the same on every run)."""

    def __init__(self, reader: _Reader, one_graph: bool) -> None:
        self.reader = reader
        self.one_graph = one_graph
        self._tmp = tempfile.TemporaryDirectory(prefix="rdfkit-publish-")
        self.store = ox.Store(self._tmp.name)
        default = ox.DefaultGraph()

        def quads() -> Iterator[ox.Quad]:
            for q in reader.quads():
                if one_graph:
                    yield ox.Quad(q.subject, q.predicate, q.object, default)
                elif isinstance(q.graph_name, ox.DefaultGraph):
                    raise _default_graph_error(q)
                elif isinstance(q.graph_name, ox.BlankNode):
                    raise _blank_graph_error()
                else:
                    yield q

        self.store.bulk_extend(quads())

    def close(self) -> None:
        del self.store
        self._tmp.cleanup()

    def __enter__(self) -> _Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def graphs(self) -> Iterator[_Graph]:
        for name in self.store.named_graphs():
            if isinstance(name, ox.NamedNode):
                yield _make_graph(name.value, {str(q) for q in self.store.quads_for_pattern(None, None, None, name)})

    def triples(self) -> int:
        return len(self.store)

    def chunks(self, max_triples: int, max_bytes: int) -> Iterator[list[str]]:
        """All triples as N-Triples statements (no final ``" ."``), in chunks."""
        chunk: list[str] = []
        size = 0
        for q in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            line = str(q.triple)
            if chunk and (len(chunk) >= max_triples or size + len(line) + 3 > max_bytes):
                yield chunk
                chunk, size = [], 0
            chunk.append(line)
            size += len(line) + 3
        if chunk:
            yield chunk


def _batches(graphs: Iterable[_Graph], max_graphs: int, max_bytes: int,
             max_triples: int | None) -> Iterator[list[_Graph]]:
    """Graphs grouped into requests; a graph bigger than one request goes alone (and is sent in chunks)."""
    batch: list[_Graph] = []
    size = triples = 0
    for g in graphs:
        too_big = g.nbytes > max_bytes or (max_triples is not None and g.triples > max_triples)
        if batch and (too_big or len(batch) >= max_graphs or size + g.nbytes > max_bytes
                      or (max_triples is not None and triples + g.triples > max_triples)):
            yield batch
            batch, size, triples = [], 0, 0
        batch.append(g)
        size += g.nbytes
        triples += g.triples
        if too_big:
            yield batch
            batch, size, triples = [], 0, 0
    if batch:
        yield batch


# --- HTTP -----------------------------------------------------------------------------------------


def _reason(exc: BaseException) -> str:
    if isinstance(exc, requests.Timeout):
        return "no answer in time"
    if isinstance(exc, requests.ConnectionError):
        text = str(exc)
        if "refused" in text.lower():
            return "connection refused"
        return "connection failed"
    return type(exc).__name__


def _snippet(response: requests.Response, limit: int = 300) -> str:
    try:
        text = " ".join((response.text or "").split())
    except Exception:  # an undecodable body says nothing useful
        text = ""
    return text[:limit] + ("…" if len(text) > limit else "")


def _shown(url: str) -> str:
    """A URL for messages: the query string cut (it may hold a long graph IRI)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


class _Client:
    """Sends requests with retries (timeouts, connection errors, 429, 5xx), one session per thread, never
    following redirects; counts requests and retries."""

    def __init__(self, *, auth: AuthBase | None, timeout: float, retries: int, backoff: float,
                 session_factory: Callable[[], requests.Session] | None, sleep: Callable[[float], None],
                 max_wait: float = 60.0, refusals: tuple[str, ...] = ()) -> None:
        self.auth = auth
        self.refusals = refusals
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self._factory = session_factory or requests.Session
        self._sleep = sleep
        self._local = threading.local()
        self._lock = threading.Lock()
        self._sessions: list[requests.Session] = []
        self.sent = 0
        self.retried = 0

    def session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = self._factory()
            session.auth = self.auth
            session.headers["User-Agent"] = USER_AGENT
            self._local.session = session
            with self._lock:
                self._sessions.append(session)
        return session

    def close(self) -> None:
        with self._lock:
            for s in self._sessions:
                s.close()
            self._sessions.clear()

    def send(self, method: str, url: str, *, what: str, params: Mapping[str, str] | None = None,
             data: bytes | Mapping[str, str] | None = None, headers: Mapping[str, str] | None = None,
             locate: Callable[[int], str | None] | None = None) -> requests.Response:
        """Send one request; raise :class:`ServerError` naming ``what`` when it is refused or keeps failing."""
        failures = 0
        query = _query_string(params or {})
        full = f"{url}{'&' if '?' in url else '?'}{query}" if query else url
        while True:
            with self._lock:
                self.sent += 1
            wait: float | None = None
            try:
                response = self.session().request(method, full, data=data, headers=dict(headers or {}),
                                                  timeout=self.timeout, allow_redirects=False)
            except (requests.Timeout, requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
                problem = _reason(exc)
            except requests.RequestException as exc:
                raise ServerError(f"{what}: the request to {_shown(url)} failed: {_reason(exc)}") from None
            else:
                status = response.status_code
                if 200 <= status < 300:
                    return response
                if 300 <= status < 400:
                    target = response.headers.get("Location", "(no Location)")
                    raise ServerError(
                        f"{what}: {_shown(url)} answered with a redirect (HTTP {status}) to {_shown(target)}; "
                        "rdfkit does not follow redirects when publishing",
                        hint="Give the server's real address with --endpoint (or --query-url, --update-url, "
                             "--gsp-url) if you trust it.")
                refused = status >= 500 and self.refusals and any(r in response.text for r in self.refusals)
                if (status != 429 and status < 500) or refused:
                    message = _snippet(response)
                    culprit = _culprit(message, locate)
                    hint = _hint_for(status)
                    raise ServerError(f"{what}{culprit}: {_shown(url)} refused it: HTTP {status} "
                                      f"{response.reason or ''}".rstrip() + (f": {message}" if message else ""),
                                      hint=hint)
                problem = f"HTTP {status} {response.reason or ''}".rstrip()
                if status == 429:
                    wait = retry_after(response.headers.get("Retry-After"))
            failures += 1
            if failures > self.retries:
                raise ServerError(f"{what}: {_shown(url)} failed {failures} times; the last time: {problem}",
                                  hint="Check that the server runs and answers, then run the same command with "
                                       "--resume: what was verified is not sent again.")
            with self._lock:
                self.retried += 1
            delay = wait if wait is not None else self.backoff * 2 ** (failures - 1)
            self._sleep(min(delay, self.max_wait))


def _query_string(params: Mapping[str, str]) -> str:
    """``graph=…&no_transaction``: a parameter with an empty value is written as a bare name."""
    return "&".join(k if v == "" else f"{k}={quote(v, safe='')}" for k, v in params.items())


def _hint_for(status: int) -> str:
    if status in (401, 403):
        return (f"The server wants credentials or refuses these: set {ENV_USER} and {ENV_PASSWORD} (or "
                f"{ENV_TOKEN}); check that the endpoint accepts writes. This is not retried.")
    if status == 413:
        return "The request is too big for the server: lower --batch-bytes (or --batch-graphs). Not retried."
    if status == 404:
        return "Check --endpoint and --server (the paths differ between servers). Not retried."
    return "The server refused the data as sent; this is not retried."


_LINE = re.compile(r"\bline (\d+)", re.IGNORECASE)


def _culprit(message: str, locate: Callable[[int], str | None] | None) -> str:
    if locate is None:
        return ""
    m = _LINE.search(message)
    graph = locate(int(m.group(1))) if m else None
    return f" (the error is in graph <{graph}>)" if graph else ""


def _sparql_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def _describe(graphs: Sequence[_Graph] | Sequence[str]) -> str:
    iris = [g.iri if isinstance(g, _Graph) else g for g in graphs]
    if len(iris) == 1:
        return f"graph <{iris[0]}>"
    return f"{len(iris)} graphs (<{iris[0]}> … <{iris[-1]}>)"


# --- writing to one server ------------------------------------------------------------------------


@dataclass
class _BatchResult:
    graphs: list[_Graph]
    verified: list[_Graph]
    skipped: list[_Graph]
    mismatched: list[tuple[str, int, int]]   # graph, sent, found


class _Target:
    """One server: how to write graphs, count them, list and drop them."""

    def __init__(self, client: _Client, profile: ServerProfile, urls: _Endpoints, method: str,
                 max_bytes: int) -> None:
        self.client = client
        self.profile = profile
        self.urls = urls
        self.method = method
        self.max_bytes = max_bytes
        self.name = profile.name

    # writes

    def write(self, graphs: list[_Graph]) -> None:
        if len(graphs) == 1 and (graphs[0].nbytes > self.max_bytes or self._too_many(graphs[0].triples)):
            g = graphs[0]
            self.write_chunked(g.iri, _chunks_of(g.lines, self.max_bytes, self.profile.max_update_triples
                                                 if self.method == "update" else None), quads=True)
            return
        if self.method == "put":
            for g in graphs:
                self._gsp("PUT", g.iri, g.ntriples().encode("utf-8"), f"writing graph <{g.iri}>")
        elif self.method == "update":
            text, starts = self._update_text(graphs)
            self.client.send("POST", self._update_url(), what=f"writing {_describe(graphs)}",
                             data=text.encode("utf-8"),
                             headers={"Content-Type": "application/sparql-update"},
                             locate=_locator(starts))
        else:
            self.drop([g.iri for g in graphs], what=f"clearing {_describe(graphs)} before writing them")
            starts, line = [], 1
            for g in graphs:
                starts.append((line, g.iri))
                line += g.triples
            self.client.send("POST", self._gsp_url(), what=f"writing {_describe(graphs)}",
                             params=dict(self.profile.post_params),
                             data="".join(g.nquads() for g in graphs).encode("utf-8"),
                             headers={"Content-Type": "application/n-quads"}, locate=_locator(starts))

    def _too_many(self, triples: int) -> bool:
        limit = self.profile.max_update_triples
        return self.method == "update" and limit is not None and triples > limit

    def write_chunk(self, iri: str, lines: Sequence[str], first: bool, *, quads: bool) -> None:
        """Replace the graph with the chunk (``first``) or add the chunk to it."""
        what = f"writing graph <{iri}>" + ("" if first else " (a further chunk)")
        cut = len(iri) + 3 if quads else 0
        body = "".join((line[:-cut] if cut else line) + " .\n" for line in lines)
        if self.method == "update":
            insert = _insert(f"<{iri}>", body)
            text = f"DROP SILENT GRAPH <{iri}> ;\n{insert}" if first else insert
            self.client.send("POST", self._update_url(), what=what, data=text.encode("utf-8"),
                             headers={"Content-Type": "application/sparql-update"},
                             locate=lambda _line: iri)
        else:
            self._gsp("PUT" if first else "POST", iri, body.encode("utf-8"), what)

    def write_chunked(self, iri: str, chunks: Iterable[Sequence[str]], *, quads: bool) -> None:
        for n, chunk in enumerate(chunks):
            self.write_chunk(iri, chunk, n == 0, quads=quads)

    def _gsp(self, method: str, iri: str, body: bytes, what: str) -> None:
        params = {"graph": iri}
        if method == "POST":
            params.update(self.profile.post_params)
        self.client.send(method, self._gsp_url(), what=what, params=params, data=body,
                         headers={"Content-Type": "application/n-triples"}, locate=lambda _line: iri)

    def _update_text(self, graphs: Sequence[_Graph]) -> tuple[str, list[tuple[int, str]]]:
        parts, starts, line = [], [], 1
        for g in graphs:
            starts.append((line, g.iri))
            part = f"DROP SILENT GRAPH {g.tag} ;\n{_insert(g.tag, g.ntriples())}"
            parts.append(part)
            line += part.count("\n") + 1
        return " ;\n".join(parts), starts

    def _update_url(self) -> str:
        if self.urls.update is None:
            raise UsageError(f"the {self.name} profile has no SPARQL Update endpoint", hint="Give --update-url.")
        return self.urls.update

    def _gsp_url(self) -> str:
        if self.urls.gsp is None:
            raise UsageError(f"the {self.name} profile has no Graph Store endpoint",
                             hint="Give --gsp-url, or use --method update.")
        return self.urls.gsp

    # reads

    def counts(self, iris: Sequence[str]) -> dict[str, int]:
        """The number of triples in each graph (0 for a graph the server does not have)."""
        found: dict[str, int] = {}
        if self.urls.query is None:
            raise UsageError(f"the {self.name} profile has no query endpoint", hint="Give --query-url.")
        for start in range(0, len(iris), COUNT_BATCH):
            part = iris[start:start + COUNT_BATCH]
            values = " ".join(f"<{i}>" for i in part)
            query = (f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} "
                     "GROUP BY ?g")
            for row in self._select(query, f"counting the triples of {_describe(part)}"):
                try:
                    found[row["g"]["value"]] = int(row["n"]["value"])
                except (KeyError, ValueError):
                    raise ServerError(f"{self.urls.query} answered the count query with an unexpected row: "
                                      f"{json.dumps(row)[:200]}") from None
        return found

    def graphs_in_scope(self, scope: str) -> list[str]:
        query = (f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                 f"FILTER(STRSTARTS(STR(?g), {_sparql_string(scope)})) }}")
        return [row["g"]["value"] for row in self._select(query, f"listing the graphs under <{scope}>")
                if row.get("g", {}).get("type") == "uri" and _is_iri(row["g"].get("value", ""))
                and row["g"]["value"].startswith(scope)]

    def _select(self, query: str, what: str) -> list[dict[str, dict[str, str]]]:
        assert self.urls.query is not None
        response = self.client.send("POST", self.urls.query, what=what, data={"query": query},
                                    headers={"Accept": "application/sparql-results+json"})
        try:
            rows = response.json()["results"]["bindings"]
            if not isinstance(rows, list):
                raise TypeError
            return rows
        except (ValueError, KeyError, TypeError):
            kind = response.headers.get("Content-Type", "no content type")
            raise ServerError(f"{what}: {_shown(self.urls.query)} did not answer with SPARQL JSON results ({kind})",
                              hint="Check --endpoint and --server (or give --query-url).") from None

    def drop(self, iris: Sequence[str], what: str | None = None) -> None:
        for start in range(0, len(iris), DROP_BATCH):
            part = iris[start:start + DROP_BATCH]
            label = what or f"dropping {_describe(part)}"
            if self.urls.update is not None:
                text = " ;\n".join(f"DROP SILENT GRAPH <{i}>" for i in part)
                self.client.send("POST", self.urls.update, what=label, data=text.encode("utf-8"),
                                 headers={"Content-Type": "application/sparql-update"})
            else:
                for i in part:
                    try:
                        self.client.send("DELETE", self._gsp_url(), what=label, params={"graph": i})
                    except ServerError as exc:
                        if "HTTP 404" not in exc.message:
                            raise

    # one batch, in a worker thread

    def publish_batch(self, batch: list[_Graph], candidates: dict[str, int]) -> _BatchResult:
        skipped: list[_Graph] = []
        if candidates:  # the journal says these are there with this content: check the server still has them
            there = self.counts(list(candidates))
            skipped = [g for g in batch if g.iri in candidates and there.get(g.iri, 0) == candidates[g.iri]]
        skip = {g.iri for g in skipped}
        todo = [g for g in batch if g.iri not in skip]
        if todo:
            self.write(todo)
            found = self.counts([g.iri for g in todo])
        else:
            found = {}
        verified = [g for g in todo if found.get(g.iri, 0) == g.triples]
        mismatched = [(g.iri, g.triples, found.get(g.iri, 0)) for g in todo if found.get(g.iri, 0) != g.triples]
        return _BatchResult(batch, verified, skipped, mismatched)


def _insert(graph: str, body: str) -> str:
    """``INSERT DATA`` for the triples of a graph, or ``INSERT { … } WHERE {}`` when they have blank nodes
    (the same in SPARQL 1.1: fresh blank nodes on the server; but Virtuoso refuses blank nodes in
    ``INSERT DATA``). A ``_:`` inside a literal only makes the choice needlessly."""
    if "_:" in body:
        return f"INSERT {{ GRAPH {graph} {{\n{body}}} }} WHERE {{}}"
    return f"INSERT DATA {{ GRAPH {graph} {{\n{body}}} }}"


def _is_iri(text: str) -> bool:
    """Whether a graph name the server gave can be written between ``<>`` in an update (and nothing more)."""
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


def _locator(starts: list[tuple[int, str]]) -> Callable[[int], str | None]:
    def locate(line: int) -> str | None:
        found = None
        for first, iri in starts:
            if first > line:
                break
            found = iri
        return found
    return locate


def _chunks_of(lines: Sequence[str], max_bytes: int, max_triples: int | None) -> Iterator[Sequence[str]]:
    start, size = 0, 0
    for i, line in enumerate(lines):
        if i > start and (size + len(line) + 3 > max_bytes or (max_triples and i - start >= max_triples)):
            yield lines[start:i]
            start, size = i, 0
        size += len(line) + 3
    if start < len(lines):
        yield lines[start:]


# --- the journal ----------------------------------------------------------------------------------


class _Journal:
    """Graphs verified on a server: (target, graph) -> content hash and triple count. SQLite, so that
    nothing of it is held in memory; written by the main thread only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("CREATE TABLE IF NOT EXISTS graphs (target TEXT, graph TEXT, digest TEXT, "
                            "triples INTEGER, PRIMARY KEY (target, graph))")
            self.db.execute("CREATE TABLE IF NOT EXISTS chunks (target TEXT, graph TEXT, chunk INTEGER, "
                            "digest TEXT, triples INTEGER, PRIMARY KEY (target, graph, chunk))")
        except sqlite3.Error as exc:
            raise UsageError(f"cannot open the publish journal {path}: {exc}",
                             hint="Name a file you can write with --journal FILE.") from None

    def close(self) -> None:
        self.db.close()

    def lookup(self, target: str, graphs: Sequence[_Graph]) -> dict[str, int]:
        """Graphs recorded with the same content: graph -> triples."""
        wanted = {g.iri: g for g in graphs}
        found: dict[str, int] = {}
        names = list(wanted)
        for start in range(0, len(names), 400):
            part = names[start:start + 400]
            rows = self.db.execute(f"SELECT graph, digest, triples FROM graphs WHERE target = ? AND graph IN "
                                   f"({','.join('?' * len(part))})", [target, *part])
            for graph, digest, triples in rows:
                if wanted[graph].digest == digest and wanted[graph].triples == triples:
                    found[graph] = triples
        return found

    def count(self, target: str) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM graphs WHERE target = ?", [target]).fetchone()[0])

    def record(self, target: str, graphs: Iterable[tuple[str, str, int]]) -> None:
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO graphs VALUES (?, ?, ?, ?)",
                                [(target, g, d, n) for g, d, n in graphs])

    def chunks(self, target: str, graph: str) -> dict[int, tuple[str, int]]:
        rows = self.db.execute("SELECT chunk, digest, triples FROM chunks WHERE target = ? AND graph = ?",
                               [target, graph])
        return {int(c): (d, int(n)) for c, d, n in rows}

    def record_chunk(self, target: str, graph: str, chunk: int, digest: str, triples: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO chunks VALUES (?, ?, ?, ?, ?)", [target, graph, chunk, digest, triples])

    def forget_chunks(self, target: str, graph: str) -> None:
        self.db.execute("DELETE FROM chunks WHERE target = ? AND graph = ?", [target, graph])


def _default_journal(files: Sequence[Path]) -> Path | None:
    first = next((f for f in files if str(f) != "-"), None)
    if first is None:
        return None
    return (first if first.is_dir() else first.parent) / JOURNAL_NAME


# --- publish ----------------------------------------------------------------------------------------


def publish(
    data: Sequence[str | Path],
    endpoint: str,
    *,
    graph: str | None = None,
    server: str = "auto",
    method: str | None = None,
    connections: int = 3,
    batch_graphs: int = 1000,
    batch_bytes: int | None = None,
    resume: bool = False,
    replace: bool = False,
    scope: str | None = None,
    dry_run: bool = False,
    journal: str | Path | None = None,
    data_format: str | None = None,
    credentials: Credentials | None | Literal["env"] = "env",
    query_url: str | None = None,
    update_url: str | None = None,
    gsp_url: str | None = None,
    timeout: float = 120.0,
    retries: int = 5,
    backoff: float = 0.5,
    progress: Callable[[Progress], None] | None = None,
    plan: Callable[[str], None] | None = None,
    session_factory: Callable[[], requests.Session] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> PublishSummary:
    """Publish RDF files to a SPARQL 1.1 server, one named graph per source document (or all in ``graph``).

    :param data: RDF files or folders, in any syntax rdfkit reads (``-`` is stdin, with ``data_format``).
    :param endpoint: the server's URL: the base for oxigraph (``http://host:7878``) and virtuoso
        (``http://host:8890``), the dataset for fuseki (``http://host:3030/ds``), the SPARQL endpoint itself
        for generic; a known endpoint path at its end (``/query``, ``/sparql`` …) is removed.
    :param graph: put every triple into this one graph (sent in chunks: a PUT, then POSTs).
    :param server: ``auto`` (told by the server's ``Server`` header), ``oxigraph``, ``fuseki``, ``virtuoso``
        or ``generic``; see :data:`PROFILES`.
    :param method: ``put``, ``update`` or ``batch`` (see :data:`METHODS`); default: the profile's.
    :param connections: requests in flight at once.
    :param batch_graphs: graphs per request at most (``put`` sends one graph per request, but checks and
        records that many together).
    :param batch_bytes: request body size at most (default: the profile's limit).
    :param resume: skip graphs the journal lists with the same content, once the server confirms it has
        their triple count.
    :param replace: afterwards, drop the server's graphs under ``scope`` that the data does not have.
    :param scope: the graph IRI prefix ``replace`` may touch (default: the data's graph namespace, such as
        ``https://w3id.org/rdfkit/id/graph/``).
    :param dry_run: send nothing; give the plan, one line at a time, to ``plan`` (else ``summary.plan``).
    :param journal: the journal file (default: ``.rdfkit-publish.sqlite`` beside the data).
    :param credentials: ``"env"`` (default) reads :meth:`Credentials.from_env`; or give them, or None.
    :param query_url: a query endpoint other than the profile's (also ``update_url``, ``gsp_url``).
    :param timeout: seconds to wait for an answer to one request.
    :param retries: times to try a request again after a timeout, a connection error, 429 or 5xx, waiting
        ``backoff`` seconds the first time and twice as long each next time.
    :param progress: called after each batch with a :class:`Progress`.
    :param session_factory: makes the ``requests.Session`` of each connection (tests inject faults here).
    :returns: a :class:`PublishSummary`.
    :raises ServerError: the server is unreachable, refuses (4xx, a redirect) or keeps failing, or a count
        check fails (exit code 3).
    :raises UsageError: bad arguments; data with triples outside named graphs without ``graph``.
    :raises SourceError: unreadable or invalid data.
    """
    started = time.monotonic()
    if connections < 1 or batch_graphs < 1 or retries < 0 or timeout <= 0 or backoff < 0:
        raise UsageError("connections and batch-graphs must be at least 1, retries and backoff not negative, "
                         "timeout positive")
    if batch_bytes is not None and batch_bytes < 1024:
        raise UsageError("batch-bytes must be at least 1024")
    _check_url(endpoint, "the endpoint URL")
    for url, name in ((query_url, "--query-url"), (update_url, "--update-url"), (gsp_url, "--gsp-url")):
        if url:
            _check_url(url, name)
    if graph is not None:
        _check_graph_iri(graph)
        if replace:
            raise UsageError("--replace works with one graph per document, not with --graph",
                             hint="With --graph the whole graph is replaced anyway.")
    if scope is not None:
        _check_scope(scope)
    if method is not None and method not in METHODS:
        raise UsageError(f"unknown method {method!r}", hint=f"Use one of: {', '.join(METHODS)}.")
    if server not in SERVERS:
        raise UsageError(f"unknown server kind {server!r}", hint=f"Use one of: {', '.join(SERVERS)}.")
    reader = _Reader(data, data_format)

    kind, detect_requests, detect_retries = server, 0, 0
    if server == "auto":
        if dry_run:
            kind = _guess_server(endpoint)
        else:
            kind, detect_requests, detect_retries = _detect(endpoint, session_factory, timeout, retries, backoff,
                                                            sleep)
    profile = profile_for(kind)
    creds = Credentials.from_env(default_scheme=profile.auth_scheme) if credentials == "env" else credentials
    urls = _endpoints(profile, endpoint, creds is not None, query_url=query_url, update_url=update_url,
                      gsp_url=gsp_url)
    chosen = method or _default_method(profile, urls)
    _check_method(chosen, profile, urls)
    max_bytes = batch_bytes or profile.max_request_bytes
    client = _Client(auth=OriginAuth(creds, endpoint) if creds else None, timeout=timeout, retries=retries,
                     backoff=backoff, session_factory=session_factory, sleep=sleep, refusals=profile.refusals)
    target = _Target(client, profile, urls, chosen, max_bytes)
    key = f"{urls.gsp or '-'} {urls.update or '-'}"   # the server's dataset, whatever the method
    summary = PublishSummary(endpoint=_shown(endpoint), server=profile.name, method=chosen, dry_run=dry_run)
    journal_path = Path(journal) if journal is not None else _default_journal(reader.files)
    if dry_run:
        _dry_run(reader, target, summary, graph, batch_graphs, server == "auto", creds, journal_path, key,
                 resume, replace, scope, plan)
        summary.seconds = time.monotonic() - started
        return summary

    book: _Journal | None = None
    if journal_path is not None:
        try:
            book = _Journal(journal_path)
        except UsageError:
            if resume or journal is not None:
                raise
            summary.warnings.append(f"cannot write the journal {journal_path}; --resume will not be possible")
    elif resume:
        raise UsageError("--resume needs a journal", hint="Name one with --journal FILE (when reading stdin).")
    summary.journal = book.path if book else None
    try:
        if graph is not None:
            _publish_one_graph(reader, target, graph, summary, book, key, resume, connections, progress)
        else:
            names, prefix = _publish_graphs(reader, target, summary, book, key, resume, connections, batch_graphs,
                                            progress)
            if replace:
                where = scope or _scope(prefix)
                if not where:
                    raise UsageError(
                        "the data was published, but --replace dropped nothing: the data's graphs share no "
                        "namespace, so it is not clear which of the server's graphs it may drop",
                        hint="Name the namespace with --scope PREFIX (such as https://w3id.org/rdfkit/id/graph/).")
                summary.dropped_graphs = _replace(target, names, where)
    finally:
        if book is not None:
            book.close()
        summary.requests = client.sent + detect_requests
        summary.retries = client.retried + detect_retries
        client.close()
    summary.seconds = time.monotonic() - started
    return summary


def _check_graph_iri(graph: str) -> None:
    try:
        ox.NamedNode(graph)
    except ValueError:
        raise UsageError(f"--graph {graph!r} is not an absolute IRI",
                         hint="Give the graph's full IRI, such as https://example.org/graph/da.") from None


def _check_scope(scope: str) -> None:
    parts = urlsplit(scope)
    if not parts.scheme or not parts.netloc:
        raise UsageError(f"--scope {scope!r} is not an IRI prefix with a scheme and a host",
                         hint="Give the namespace of your graphs, such as https://w3id.org/rdfkit/id/graph/.")


def _detect(endpoint: str, session_factory: Callable[[], requests.Session] | None, timeout: float, retries: int,
            backoff: float, sleep: Callable[[float], None]) -> tuple[str, int, int]:
    """The kind of server, with the requests and retries it took (no credentials are sent for this)."""
    parts = urlsplit(endpoint)
    root = urlunsplit((parts.scheme, parts.netloc, "/", "", ""))
    session = (session_factory or requests.Session)()
    session.headers["User-Agent"] = USER_AGENT
    failures = 0
    try:
        while True:
            try:
                response = session.head(root, timeout=min(timeout, 30.0), allow_redirects=False)
                return _kind_from_headers(response.headers), failures + 1, failures
            except requests.RequestException as exc:
                failures += 1
                if failures > retries:
                    raise ServerError(f"cannot reach {root}: {_reason(exc)}",
                                      hint="Check that the server runs and that --endpoint is right.") from None
                sleep(min(backoff * 2 ** (failures - 1), 60.0))
    finally:
        session.close()


def _default_method(profile: ServerProfile, urls: _Endpoints) -> str:
    """The Graph Store Protocol where there is one (batched if the server takes quads), else SPARQL Update."""
    if urls.gsp:
        return "batch" if profile.method == "batch" and profile.quads and urls.update else "put"
    return "update"


def _check_method(method: str, profile: ServerProfile, urls: _Endpoints) -> None:
    if method in ("put", "batch") and not urls.gsp:
        raise UsageError(f"--method {method} needs a Graph Store endpoint, and the {profile.name} profile has none",
                         hint="Give --gsp-url, or use --method update.")
    if method in ("update", "batch") and not urls.update:
        raise UsageError(f"--method {method} needs a SPARQL Update endpoint", hint="Give --update-url.")
    if method == "batch" and not profile.quads:
        raise UsageError(f"--method batch needs a graph store that takes N-Quads, and {profile.name}'s does not",
                         hint="Use --method put or --method update.")
    if not urls.query:
        raise UsageError(f"the {profile.name} profile has no query endpoint to check the counts with",
                         hint="Give --query-url.")


def _name_key(iri: str) -> bytes:
    return hashlib.blake2b(iri.encode("utf-8"), digest_size=12).digest()


def _common_prefix(a: str | None, b: str) -> str:
    if a is None:
        return b
    if b.startswith(a):
        return a
    return os.path.commonprefix([a, b])


def _publish_graphs(reader: _Reader, target: _Target, summary: PublishSummary, book: _Journal | None, key: str,
                    resume: bool, connections: int, batch_graphs: int,
                    progress: Callable[[Progress], None] | None) -> tuple[set[bytes], str]:
    """One named graph per source document. Returns the hashed graph names and their common prefix (for
    replace): about 60 bytes per graph, the only memory that grows with the data."""
    max_triples = target.profile.max_update_triples if target.method == "update" else None
    names: set[bytes] = set()
    prefix: str | None = None
    mismatched: list[tuple[str, int, int]] = []
    mismatch_count = 0

    def run(graphs: Iterable[_Graph], total: Callable[[], int | None], done: Callable[[], int]) -> None:
        nonlocal mismatch_count, prefix
        pending: deque[Future[_BatchResult]] = deque()

        def handle(result: _BatchResult) -> None:
            nonlocal mismatch_count
            if book is not None and result.verified:
                book.record(key, [(g.iri, g.digest, g.triples) for g in result.verified])
            summary.skipped_graphs += len(result.skipped)
            summary.sent_graphs += len(result.graphs) - len(result.skipped)
            summary.sent_triples += sum(g.triples for g in result.graphs) - sum(g.triples for g in result.skipped)
            mismatch_count += len(result.mismatched)
            mismatched.extend(result.mismatched[: max(0, _MAX_LISTED - len(mismatched))])
            if progress is not None:
                progress(Progress(done(), total(), summary.sent_graphs + summary.skipped_graphs,
                                  summary.sent_triples + sum(g.triples for g in result.skipped)))

        with ThreadPoolExecutor(connections, thread_name_prefix="rdfkit-publish") as pool:
            try:
                for batch in _batches(graphs, batch_graphs, target.max_bytes, max_triples):
                    for g in batch:
                        names.add(_name_key(g.iri))
                        prefix = _common_prefix(prefix, g.iri)
                    summary.graphs += len(batch)
                    summary.triples += sum(g.triples for g in batch)
                    candidates = book.lookup(key, batch) if (resume and book is not None) else {}
                    pending.append(pool.submit(target.publish_batch, batch, candidates))
                    while len(pending) > connections or (pending and pending[0].done()):
                        handle(pending.popleft().result())
                while pending:
                    handle(pending.popleft().result())
            except BaseException:
                for f in pending:
                    f.cancel()
                # record what did finish, so that --resume does not send it again
                for f in pending:
                    if f.done() and not f.cancelled() and f.exception() is None:
                        try:
                            handle(f.result())
                        except BaseException:  # a progress callback that stops the run
                            break
                raise

    try:
        run(reader.graphs(), lambda: reader.total, lambda: reader.done)
    except _NotGrouped:
        # a graph comes back later in the data: gather everything first, then send it all again (every
        # graph is replaced, so what was sent so far is not doubled)
        summary.graphs = summary.triples = summary.sent_graphs = summary.sent_triples = summary.skipped_graphs = 0
        mismatched.clear()
        mismatch_count = 0
        names.clear()
        prefix = None
        with _Staging(reader, one_graph=False) as staged:
            graph_total = sum(1 for _ in staged.store.named_graphs())
            run(staged.graphs(), lambda: graph_total, lambda: summary.sent_graphs + summary.skipped_graphs)
    if mismatched:
        listed = ", ".join(f"<{g}> (sent {sent}, found {found})" for g, sent, found in mismatched)
        more = f" and {mismatch_count - len(mismatched)} more" if mismatch_count > len(mismatched) else ""
        raise ServerError(f"after writing, {mismatch_count} graphs on {target.urls.base} do not hold the triples "
                          f"sent: {listed}{more}",
                          hint="Another client may be writing to the same graphs, or the server changed the data "
                               "(some servers merge equal literals). Run again with --resume to send them again.")
    return names, prefix or ""


def _publish_one_graph(reader: _Reader, target: _Target, iri: str, summary: PublishSummary,
                       book: _Journal | None, key: str, resume: bool, connections: int,
                       progress: Callable[[Progress], None] | None) -> None:
    """Everything into one graph: a PUT of the first chunk, then POSTs of the others, in parallel."""
    limit = (target.profile.max_update_triples if target.method == "update" else None) or ONE_GRAPH_CHUNK
    with _Staging(reader, one_graph=True) as staged:
        total = staged.triples()
        summary.graphs, summary.triples = 1, total
        # the staging store gives the chunks in a fixed order; each is known by a hash chained over every
        # chunk before it, so a recorded chunk matches only if everything up to it is the same
        chunks: list[tuple[str, int]] = []
        chain = hashlib.sha256(iri.encode("utf-8"))
        for chunk in staged.chunks(limit, target.max_bytes):
            chain.update("\n".join(chunk).encode("utf-8"))
            chunks.append((chain.copy().hexdigest(), len(chunk)))
        done: set[int] = set()
        if resume and book is not None:
            recorded = book.chunks(key, iri)
            same = {n for n, c in enumerate(chunks) if recorded.get(n) == c}
            if same and target.counts([iri]).get(iri, 0) == sum(chunks[n][1] for n in same):
                done = same
        if book is not None and not done:
            book.forget_chunks(key, iri)
        summary.skipped_graphs = 1 if chunks and len(done) == len(chunks) else 0
        sent = 0

        def record(n: int) -> None:
            nonlocal sent
            if book is not None:
                book.record_chunk(key, iri, n, *chunks[n])
            sent += chunks[n][1]
            if progress is not None:
                progress(Progress(sent + sum(chunks[d][1] for d in done), total, 1, total))

        with ThreadPoolExecutor(connections, thread_name_prefix="rdfkit-publish") as pool:
            pending: deque[tuple[int, Future[None]]] = deque()
            try:
                for n, chunk in enumerate(staged.chunks(limit, target.max_bytes)):
                    if n in done:
                        continue
                    if n == 0:  # the PUT (which replaces the graph) must land before any POST adds to it
                        target.write_chunk(iri, chunk, True, quads=False)
                        record(0)
                        continue
                    pending.append((n, pool.submit(target.write_chunk, iri, chunk, False, quads=False)))
                    while len(pending) > connections or (pending and pending[0][1].done()):
                        m, f = pending.popleft()
                        f.result()
                        record(m)
                while pending:
                    m, f = pending.popleft()
                    f.result()
                    record(m)
            except BaseException:
                for _, f in pending:
                    f.cancel()
                raise
        summary.sent_graphs = 1 if sent else 0
        summary.sent_triples = sent
        found = target.counts([iri]).get(iri, 0)
        if found != total:
            raise ServerError(f"after writing, graph <{iri}> on {target.urls.base} holds {found:,} triples, "
                              f"not the {total:,} sent",
                              hint="Another client may be writing to it, or the server changed the data. Run the "
                                   "same command again (without --resume) to replace it.")
        if book is not None:
            book.record(key, [(iri, chunks[-1][0] if chunks else "", total)])


#: triples per request when everything goes into one graph
ONE_GRAPH_CHUNK = 50_000


def _scope(prefix: str) -> str:
    """The namespace of the data's graphs, from their common prefix cut after its last ``/`` or ``#``: what
    ``replace`` may touch. Empty when that is less than ``scheme://host/segment/``."""
    cut = max(prefix.rfind("/"), prefix.rfind("#"))
    if cut < 0:
        return ""
    namespace = prefix[: cut + 1]
    parts = urlsplit(namespace)
    if not parts.scheme or not parts.netloc or not [s for s in parts.path.split("/") if s]:
        return ""
    return namespace


def _replace(target: _Target, names: set[bytes], scope: str) -> int:
    stale = [g for g in target.graphs_in_scope(scope) if _name_key(g) not in names]
    if stale:
        target.drop(stale)
    return len(stale)


def _grouped(reader: _Reader) -> bool:
    seen: set[bytes] = set()
    current: Any = None
    for quad in reader.quads():
        if quad.graph_name != current:
            current = quad.graph_name
            if isinstance(current, ox.NamedNode):
                k = _name_key(current.value)
                if k in seen:
                    return False
                seen.add(k)
    return True


def _dry_run(reader: _Reader, target: _Target, summary: PublishSummary, graph: str | None, batch_graphs: int,
             guessed: bool, creds: Credentials | None, journal: Path | None, key: str, resume: bool,
             replace: bool, scope: str | None, plan: Callable[[str], None] | None) -> None:
    say = plan or summary.plan.append
    urls, method, max_bytes = target.urls, target.method, target.max_bytes
    say("# rdfkit publish: the plan (dry run: nothing is sent)")
    say(f"# server: {target.name}" + (" (guessed from the URL, since a dry run does not ask the server; name it "
                                        "with --server)" if guessed else ""))
    say(f"# query endpoint:  {urls.query or '-'}")
    say(f"# update endpoint: {urls.update or '-'}")
    say(f"# graph store:     {urls.gsp or '-'}")
    say(f"# method: {method}: " + {
        "put": "one Graph Store PUT per graph (it replaces the graph)",
        "update": "DROP SILENT GRAPH + INSERT DATA per graph, many graphs per SPARQL Update",
        "batch": "a DROP SILENT GRAPH update, then one N-Quads POST per batch of graphs"}[method])
    say("# credentials: " + (f"{creds.scheme}, from {creds.source} (sent to {urls.base} only)" if creds else "none"))
    planned = 0
    query = _query_string(dict(target.profile.post_params))
    post_url = f"{urls.gsp}?{query}" if query else str(urls.gsp)
    if graph is not None:
        with _Staging(reader, one_graph=True) as staged:
            limit = (target.profile.max_update_triples if method == "update" else None) or ONE_GRAPH_CHUNK
            for n, chunk in enumerate(staged.chunks(limit, max_bytes)):
                planned += 1
                if method == "update":
                    say(f"POST {urls.update}  {'DROP SILENT GRAPH + ' if n == 0 else ''}INSERT DATA into "
                        f"<{graph}>: {len(chunk):,} triples")
                else:
                    say(f"{'PUT' if n == 0 else 'POST'} {urls.gsp}?graph=<{graph}>  {len(chunk):,} triples")
            summary.graphs, summary.triples = 1, staged.triples()
        planned += 1
        say(f"# then 1 count query to {urls.query}")
    else:
        staging: _Staging | None = None
        if _grouped(reader):
            graphs: Iterable[_Graph] = reader.graphs()
        else:
            staging = _Staging(reader, one_graph=False)
            graphs = staging.graphs()
            say("# the data's graphs are not each in one piece: they are gathered in a temporary store first")
        max_triples = target.profile.max_update_triples if method == "update" else None
        queries = 0
        prefix: str | None = None
        try:
            for batch in _batches(graphs, batch_graphs, max_bytes, max_triples):
                summary.graphs += len(batch)
                summary.triples += sum(g.triples for g in batch)
                for g in batch:
                    prefix = _common_prefix(prefix, g.iri)
                queries += 1
                first = batch[0]
                if len(batch) == 1 and (first.nbytes > max_bytes or (max_triples and first.triples > max_triples)):
                    n = sum(1 for _ in _chunks_of(first.lines, max_bytes, max_triples))
                    planned += n
                    say(f"{'POST ' + str(urls.update) if method == 'update' else 'PUT+POST ' + str(urls.gsp)}  "
                        f"<{first.iri}>: {first.triples:,} triples in {n} requests")
                    continue
                size = sum(g.nbytes for g in batch)
                triples = sum(g.triples for g in batch)
                if method == "put":
                    for g in batch:
                        planned += 1
                        say(f"PUT {urls.gsp}?graph=<{g.iri}>  {g.triples:,} triples")
                    continue
                if method == "update":
                    planned += 1
                    say(f"POST {urls.update}  DROP + INSERT DATA of {len(batch)} graphs, {triples:,} triples, "
                        f"~{size:,} bytes")
                else:
                    planned += 2
                    say(f"POST {urls.update}  DROP SILENT GRAPH x {len(batch)}")
                    say(f"POST {post_url}  {len(batch)} graphs, {triples:,} triples, ~{size:,} bytes")
                for g in batch:
                    say(f"    <{g.iri}>  {g.triples:,} triples")
        finally:
            if staging is not None:
                staging.close()
        planned += queries
        say(f"# then {queries:,} count queries to {urls.query}")
        if replace:
            where = scope or _scope(prefix or "")
            say(f"# then: drop the server's graphs under <{where}> that the data does not have (a dry run does not "
                "ask the server which they are)" if where else
                "# --replace: the graphs share no namespace; give --scope PREFIX")
    if resume and journal is not None and journal.exists():
        try:
            book = _Journal(journal)
            known = book.count(key)
            book.close()
        except UsageError:
            known = 0
        say(f"# --resume: the journal {journal} lists {known:,} graphs as published there; each is sent again "
            "unless the server confirms its triple count")
    summary.requests = planned
    say(f"# total: {summary.graphs:,} graphs, {summary.triples:,} triples, {planned:,} requests")


# --- bulk loaders -----------------------------------------------------------------------------------


def _oxigraph_command(command: str | None) -> str:
    if command:
        return command
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise UsageError("the `oxigraph` command is not installed",
                         hint="Install it (pip install oxigraph) or name it with --oxigraph PATH.")
    return found


def _store_in_use(location: Path) -> bool:
    """Whether another process (a running ``oxigraph serve``) holds the store's lock."""
    lock = location / "LOCK"
    if not lock.is_file():
        return False
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX: oxigraph load itself will say so
        return False
    with open(lock, "a+b") as handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        fcntl.lockf(handle, fcntl.LOCK_UN)
    return False


def _run(command: list[str], what: str, *, stdin: bytes | None = None) -> str:
    run = subprocess.run(command, input=stdin, capture_output=True)
    if run.returncode != 0:
        message = run.stderr.decode("utf-8", "replace").split("\n\nStack backtrace")[0].strip()
        if "LOCK" in message and "unavailable" in message:
            raise ServerError(f"{what}: the store is in use ({message.splitlines()[-1][:200]})",
                              hint="Stop `oxigraph serve` (or whatever has the store open) first: a bulk load needs "
                                   "the store to itself.")
        raise ServerError(f"{what} failed: {message[-1000:]}")
    return run.stdout.decode("utf-8", "replace")


def _scan(reader: _Reader, one_graph: str | None) -> tuple[list[tuple[str, int]], int]:
    """The graphs of the data with their distinct triple counts, checking the syntax on the way."""
    if one_graph is not None:
        with _Staging(reader, one_graph=True) as staged:
            total = staged.triples()
        return [(one_graph, total)], total
    counts: list[tuple[str, int]] = []
    try:
        for g in _count_graphs(reader):
            counts.append(g)
    except _NotGrouped:
        counts = []
        with _Staging(reader, one_graph=False) as staged:
            for name in staged.store.named_graphs():
                if isinstance(name, ox.NamedNode):
                    counts.append((name.value, sum(1 for _ in staged.store.quads_for_pattern(None, None, None,
                                                                                              name))))
    return counts, sum(n for _, n in counts)


def _count_graphs(reader: _Reader) -> Iterator[tuple[str, int]]:
    """Each graph's distinct triples, counted by their 64-bit hashes (pyoxigraph's, in Rust: 15% faster than
    keeping the triples; two triples of one graph of 50 sharing a hash is a 1-in-10^16 chance, and it
    would show as a count mismatch, never hide one)."""
    seen: set[bytes] = set()
    current: Any = None
    triples: set[int] = set()
    for quad in reader.quads():
        name = quad.graph_name
        if name != current:
            if not isinstance(name, ox.NamedNode):
                raise _default_graph_error(quad) if isinstance(name, ox.DefaultGraph) else _blank_graph_error()
            if current is not None:
                yield current.value, len(triples)
            key = hashlib.blake2b(name.value.encode("utf-8"), digest_size=12).digest()
            if key in seen:
                raise _NotGrouped(name.value)
            seen.add(key)
            current, triples = name, set()
        triples.add(hash(quad))
    if current is not None:
        yield current.value, len(triples)


def bulk_load(
    data: Sequence[str | Path],
    location: str | Path,
    *,
    server: str = "oxigraph",
    graph: str | None = None,
    replace: bool = False,
    scope: str | None = None,
    data_format: str | None = None,
    command: str | None = None,
    endpoint: str | None = None,
    isql: str = "localhost:1111",
    run: bool = True,
    dry_run: bool = False,
    plan: Callable[[str], None] | None = None,
) -> PublishSummary:
    """Load RDF files with the server's own bulk loader, where you have file access to the server.

    ``oxigraph``: ``location`` is the store folder of ``oxigraph serve``, which must be **stopped** (the
    store is locked while it runs). The data is checked and its graphs counted, the graphs it has that the
    store already holds are dropped (so loading twice changes nothing; with ``replace``, also the store's
    graphs under ``scope`` that the data lacks), then ``oxigraph load`` runs on the files and every graph's
    triple count is checked in the store.

    ``virtuoso``: ``location`` is a folder Virtuoso may read (``DirsAllowed`` in virtuoso.ini). The data
    is written there as N-Quads with an ``ld_dir`` / ``rdf_loader_run`` script that first drops the
    graphs; the script runs with ``isql-vt`` (or ``isql``) at ``isql`` (host:port) with the credentials
    of :meth:`Credentials.from_env`, when found and ``run``; otherwise it is left for you to run (its
    path is in the summary's plan). With ``endpoint`` the counts are then checked over HTTP.

    :raises ServerError: the store is in use, or the loader failed, or a count check failed.
    """
    started = time.monotonic()
    if server not in ("oxigraph", "virtuoso"):
        raise UsageError(f"--bulk knows the bulk loaders of oxigraph and virtuoso, not {server!r}",
                         hint="Name one with --server, or publish over HTTP (without --bulk).")
    if graph is not None:
        try:
            ox.NamedNode(graph)
        except ValueError:
            raise UsageError(f"--graph {graph!r} is not an absolute IRI") from None
        if replace:
            raise UsageError("--replace works with one graph per document, not with --graph")
    reader = _Reader(data, data_format)
    where = Path(location)
    say = plan or (lambda line: None)
    summary = PublishSummary(endpoint=str(where), server=server, method="bulk", dry_run=dry_run)
    if server == "oxigraph":
        _bulk_oxigraph(reader, where, graph, replace, scope, command, summary, dry_run, say)
    else:
        _bulk_virtuoso(reader, where, graph, command, endpoint, isql, run, summary, dry_run, say)
    summary.seconds = time.monotonic() - started
    return summary


def _bulk_oxigraph(reader: _Reader, location: Path, graph: str | None, replace: bool, scope: str | None,
                   command: str | None, summary: PublishSummary, dry_run: bool, say: Callable[[str], None]) -> None:
    oxigraph = _oxigraph_command(command)
    if location.exists() and _store_in_use(location):
        raise ServerError(f"the store {location} is in use (is `oxigraph serve` running on it?)",
                          hint="Stop the server first: a bulk load needs the store to itself. Start it again "
                               "afterwards.")
    if any(str(path) == "-" for path in reader.files):
        raise UsageError("--bulk reads files, not stdin", hint="Save the data to a file first.")
    if graph is None:
        for path, fmt in zip(reader.files, reader.formats):
            if not fmt.datasets:
                raise UsageError(f"{path} is {fmt.name}, which has no named graphs, and publishing keeps one named "
                                 "graph per source document",
                                 hint="Load rdfkit's graphs (out/rdfkit.trig), or put everything into one graph "
                                      "with --graph IRI.")
    fresh = not location.exists() or not any(location.iterdir())
    # Into a new store, the data is read (checked and counted) while oxigraph load runs, on another core;
    # into a store that has graphs, it is read first, because the graphs it has must be dropped before.
    together = fresh and graph is None and not dry_run
    scanned: list[tuple[list[tuple[str, int]], int]] = []
    failure: list[BaseException] = []

    def scan() -> None:
        try:
            scanned.append(_scan(reader, graph))
        except BaseException as exc:  # handed to the main thread
            failure.append(exc)

    scanner = threading.Thread(target=scan, name="rdfkit-bulk-scan")
    if together:
        scanner.start()
    else:
        scan()
        if failure:
            raise failure[0]
    temp = tempfile.TemporaryDirectory(prefix="rdfkit-bulk-")
    try:
        drops: list[str] = []
        if not together:
            counts, total = scanned[0]
            summary.graphs, summary.triples = len(counts), total
            existing: set[str] = set()
            if not fresh:
                listed = _run([oxigraph, "query", "--location", str(location), "--query",
                               "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", "--results-format", "tsv"],
                              f"listing the graphs of {location}")
                existing = {line.strip()[1:-1] for line in listed.splitlines()[1:] if line.strip().startswith("<")}
            wanted = {g for g, _ in counts}
            drops = sorted(existing & wanted)
            if replace and existing:
                common: str | None = None
                for g in wanted:
                    common = _common_prefix(common, g)
                where = scope or _scope(common or "")
                if not where:
                    raise UsageError("the data's graphs share no namespace, so --replace does not know what it may "
                                     "drop", hint="Name it with --scope PREFIX (such as "
                                                  "https://w3id.org/rdfkit/id/graph/).")
                stale = sorted(g for g in existing - wanted if g.startswith(where))
                summary.dropped_graphs = len(stale)
                drops += stale
        # the data was checked by the scan (the same parser, strict) before a lenient load; a load that
        # runs beside the scan checks it itself
        lenient = [] if together else ["--lenient"]
        loads: list[list[str]] = []
        for path, fmt in zip(reader.files, reader.formats):
            base = path.resolve().as_uri()
            if graph is not None and fmt.datasets:
                # oxigraph load puts only triples files into a graph: write the triples of this one out
                flat = Path(temp.name) / f"{len(loads)}.nt"
                if not dry_run:
                    with open(flat, "w", encoding="utf-8") as out, open(path, "rb") as handle:
                        for q in ox.parse(handle, format=fmt.ox, base_iri=base):
                            out.write(f"{q.triple} .\n")
                loads.append([oxigraph, "load", "--location", str(location), *lenient, "--format",
                              "application/n-triples", "--file", str(flat), "--graph", graph])
            else:
                loads.append([oxigraph, "load", "--location", str(location), *lenient, "--format", fmt.media_type,
                              "--base", base, "--file", str(path)] + (["--graph", graph] if graph is not None else []))
        say(f"# oxigraph bulk load into {location} ({'a new store' if fresh else 'an existing store'}); the server "
            "must be stopped")
        if not together:
            say(f"# {summary.graphs:,} graphs, {summary.triples:,} triples; {len(drops):,} graphs dropped first")
        if drops:
            say(f"{oxigraph} update --location {location} --update-file <DROP SILENT GRAPH x {len(drops)}>")
        for args in loads:
            say(" ".join(args))
        say(f"{oxigraph} query --location {location} (count the triples of every graph)")
        if dry_run:
            summary.requests = len(loads) + (1 if drops else 0) + 1
            return
        if drops:
            update = Path(temp.name) / "drop.ru"
            update.write_text(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in drops), encoding="utf-8")
            _run([oxigraph, "update", "--location", str(location), "--update-file", str(update)],
                 f"dropping {len(drops)} graphs in {location}")
        problem: BaseException | None = None
        for args in loads:
            try:
                _run(args, f"oxigraph load into {location}")
            except ServerError as exc:
                problem = exc
                break
            summary.requests += 1
        if together:
            scanner.join()
            if failure:
                if isinstance(failure[0], UsageError):
                    # triples outside named graphs were loaded into the new store's default graph: take them out
                    _run([oxigraph, "update", "--location", str(location), "--update", "DROP SILENT DEFAULT"],
                         f"clearing the default graph of {location}")
                raise failure[0]  # a syntax error says more than the failed load
            counts, total = scanned[0]
            summary.graphs, summary.triples = len(counts), total
        if problem is not None:
            raise problem
    finally:
        if scanner.is_alive():
            scanner.join()
        temp.cleanup()
    # the check: every graph's triple count in the store. A store that was new holds nothing but the data,
    # so its quads are a subset of the data's: if there are as many, they are the same, and one count of
    # everything checks every graph at once (in half the time of a count per graph).
    if graph is not None:
        query = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ <{graph}> }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
    elif fresh:
        query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    else:
        query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    if graph is None and fresh:
        lines = _run([oxigraph, "query", "--location", str(location), "--query", query, "--results-format", "tsv"],
                     f"counting the triples in {location}").splitlines()
        there = int(lines[1].split("^^")[0].strip('"')) if len(lines) > 1 else 0
        if there != total:
            raise ServerError(f"after the bulk load, the new store {location} holds {there:,} triples in named "
                              f"graphs, not the {total:,} of the data",
                              hint="Delete the store folder and run the bulk load again.")
        summary.sent_graphs, summary.sent_triples = len(counts), total
        return
    found: dict[str, int] = {}
    for line in _run([oxigraph, "query", "--location", str(location), "--query", query, "--results-format", "tsv"],
                     f"counting the triples in {location}").splitlines()[1:]:
        name, _, n = line.partition("\t")
        if name.startswith("<"):
            found[name[1:-1]] = int(n.split("^^")[0].strip('"'))
    bad = [(g, n, found.get(g, 0)) for g, n in counts if found.get(g, 0) != n]
    if bad:
        listed = ", ".join(f"<{g}> (expected {n}, found {f})" for g, n, f in bad[:_MAX_LISTED])
        raise ServerError(f"after the bulk load, {len(bad)} graphs in {location} do not hold the expected triples: "
                          f"{listed}", hint="Run the bulk load again (the graphs are dropped first).")
    summary.sent_graphs, summary.sent_triples = len(counts), total


def _bulk_virtuoso(reader: _Reader, folder: Path, graph: str | None, command: str | None, endpoint: str | None,
                   isql: str, run: bool, summary: PublishSummary, dry_run: bool, say: Callable[[str], None]) -> None:
    counts, total = _scan(reader, graph)
    summary.graphs, summary.triples = len(counts), total
    folder = folder.resolve()
    name = "rdfkit-bulk.nt" if graph is not None else "rdfkit-bulk.nq"
    data_file, script = folder / name, folder / "rdfkit-bulk.sql"
    lines = [f"-- written by rdfkit publish --bulk --server virtuoso: {len(counts)} graphs, {total} triples",
             "-- run it as dba with: isql-vt HOST:PORT dba PASSWORD " + str(script),
             "-- the graphs are emptied first (500 per statement: much faster than one DROP each), so loading",
             "-- twice changes nothing"]
    names = [g for g, _ in counts]
    for start in range(0, len(names), 500):
        values = " ".join(f"<{g}>" for g in names[start:start + 500])
        lines.append(f"SPARQL DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ VALUES ?g {{ {values} }} "
                     "GRAPH ?g { ?s ?p ?o } };")
    quoted = _sql_string(str(data_file))
    lines += [f"DELETE FROM DB.DBA.load_list WHERE ll_file = '{quoted}';",
              f"ld_dir('{_sql_string(str(folder))}', '{name}', '{_sql_string(graph or 'urn:rdfkit:default')}');",
              "rdf_loader_run();",
              "checkpoint;",
              # a file that does not parse is only reported in load_list: print it with a marker to look for
              f"SELECT concat('RDFKIT', '-LOAD-ERROR: ', ll_error) FROM DB.DBA.load_list WHERE ll_file = '{quoted}' "
              "AND ll_error IS NOT NULL;"]
    say(f"# virtuoso bulk load: {len(counts):,} graphs, {total:,} triples")
    say(f"# data: {data_file}; script: {script}")
    for line in lines:
        say(line)
    if dry_run:
        return
    folder.mkdir(parents=True, exist_ok=True)
    with open(data_file, "w", encoding="utf-8") as out:
        for q in reader.quads():
            out.write(f"{q.triple if graph is not None else q} .\n")
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    program = command or shutil.which("isql-vt") or shutil.which("isql")
    if not run or program is None:
        summary.warnings.append(f"wrote {data_file} and {script}; run the script with isql "
                                "(isql-vt HOST:PORT USER PASSWORD SCRIPT), then check the counts")
        return
    creds = Credentials.from_env()
    user, password = (creds.user, creds.secret) if creds and creds.scheme != "bearer" else ("dba", "dba")

    def isql_run(*args: str) -> str:
        done = subprocess.run([program, isql, user, password, *args], capture_output=True)
        output = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
        summary.requests += 1
        if done.returncode != 0 or "*** Error" in output or "RDFKIT-LOAD-ERROR" in output:
            shown = output.replace(password, "***") if len(password) > 3 else output
            raise ServerError(f"the Virtuoso bulk load failed (isql at {isql}): {shown.strip()[-1000:]}",
                              hint=f"The script is {script}; run it as dba, with the folder in DirsAllowed.")
        return output

    # only dba may run the loader: find out before the script empties any graph
    isql_run("exec=SELECT COUNT(*) FROM DB.DBA.load_list;")
    isql_run(str(script))
    if endpoint:
        profile = profile_for("virtuoso")
        urls = _endpoints(profile, endpoint, False)
        client = _Client(auth=None, timeout=120, retries=3, backoff=0.5, session_factory=None, sleep=time.sleep)
        try:
            found = _Target(client, profile, urls, "put", profile.max_request_bytes).counts([g for g, _ in counts])
        finally:
            client.close()
        bad = [(g, n, found.get(g, 0)) for g, n in counts if found.get(g, 0) != n]
        if bad:
            listed = ", ".join(f"<{g}> (expected {n}, found {f})" for g, n, f in bad[:_MAX_LISTED])
            raise ServerError(f"after the bulk load, {len(bad)} graphs do not hold the expected triples: {listed}")
    else:
        summary.warnings.append("the counts were not checked: give --endpoint to check them over HTTP")
    summary.sent_graphs, summary.sent_triples = len(counts), total


def _sql_string(text: str) -> str:
    return text.replace("'", "''")

