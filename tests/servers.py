"""A real SPARQL server for tests: ``oxigraph serve`` on 127.0.0.1, a free port, a temporary store.

    from tests.servers import oxigraph_fixture

    wikidata = oxigraph_fixture(DATA / "sample.ttl", read_only=True)   # a module-scoped fixture

    def test_something(wikidata: OxigraphServer) -> None:
        requests.get(wikidata.query_url, params={"query": "ASK {}"})

The server binds 127.0.0.1 only, is loaded with ``oxigraph load`` before it starts, answers before the
fixture yields, and is stopped (terminate, then kill) in a ``finally`` so a failing test never leaves it
running. Its log goes to ``server.log`` beside the store, named in errors.

``no_internet`` is a fixture that makes any connection to a host other than the loopback fail, so a test
that would reach a public endpoint by mistake fails instead.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import pytest
import requests

HOST = "127.0.0.1"
START_TIMEOUT = 30.0


@dataclass(frozen=True)
class OxigraphServer:
    """A running ``oxigraph serve``: its URLs (SPARQL 1.1 Protocol and Graph Store) and its store folder."""

    port: int
    location: Path
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def query_url(self) -> str:
        """The SPARQL query endpoint."""
        return f"{self.url}/query"

    @property
    def update_url(self) -> str:
        """The SPARQL update endpoint (not in read-only mode)."""
        return f"{self.url}/update"

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol endpoint (``?graph=IRI`` or ``?default``)."""
        return f"{self.url}/store"

    def select(self, query: str) -> list[dict[str, Any]]:
        """Bindings of a SELECT query, as SPARQL results JSON (for checking what a test wrote)."""
        response = requests.get(self.query_url, params={"query": query}, timeout=10,
                                headers={"Accept": "application/sparql-results+json"})
        response.raise_for_status()
        return list(response.json()["results"]["bindings"])


def oxigraph_command() -> str:
    """The ``oxigraph`` executable: beside this Python (the venv), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        pytest.fail("the `oxigraph` command is not installed; install the test tools: pip install -e '.[test]'")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def load(location: Path, files: Sequence[Path | tuple[Path, str]]) -> None:
    """Load files into a store folder (``(path, graph IRI)`` puts a triples file into a named graph)."""
    for item in files:
        path, graph = item if isinstance(item, tuple) else (item, None)
        command = [oxigraph_command(), "load", "--location", str(location), "--file", str(path)]
        if graph:
            command += ["--graph", graph]
        run = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if run.returncode != 0:
            raise RuntimeError(f"oxigraph load {path} failed:\n{run.stderr}")


@contextmanager
def oxigraph_server(*files: Path | tuple[Path, str], read_only: bool = False,
                    directory: Path | None = None) -> Iterator[OxigraphServer]:
    """Start ``oxigraph serve`` on 127.0.0.1 with a new store holding ``files``; stop it on exit."""
    with tempfile.TemporaryDirectory(prefix="oxigraph-", dir=directory) as tmp:
        location = Path(tmp) / "store"
        location.mkdir()
        load(location, files)
        server = _start(location, Path(tmp) / "server.log", read_only)
        try:
            yield server
        finally:
            _stop(server.process)


def oxigraph_fixture(*files: Path | tuple[Path, str], read_only: bool = False,
                     scope: str = "module") -> Callable[..., Any]:
    """A pytest fixture (default: one server per test module) serving ``files``."""

    @pytest.fixture(scope=scope)  # type: ignore[call-overload]
    def server() -> Iterator[OxigraphServer]:
        with oxigraph_server(*files, read_only=read_only) as running:
            yield running

    return server  # type: ignore[no-any-return]


@pytest.fixture
def no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any connection that is not to the loopback interface."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def local(address: Any) -> bool:
        host = address[0] if isinstance(address, tuple) else None
        return host is None or host in ("127.0.0.1", "::1", "localhost")

    def connect(sock: socket.socket, address: Any) -> Any:
        if not local(address):
            raise OSError(f"a test tried to reach {address!r}: tests never touch the network")
        return real_connect(sock, address)

    def connect_ex(sock: socket.socket, address: Any) -> Any:
        if not local(address):
            raise OSError(f"a test tried to reach {address!r}: tests never touch the network")
        return real_connect_ex(sock, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in (None, "127.0.0.1", "::1", "localhost"):
            raise socket.gaierror(f"a test tried to resolve {host!r}: tests never touch the network")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


# --- internals -----------------------------------------------------------------------------------


def _start(location: Path, log: Path, read_only: bool, attempts: int = 3) -> OxigraphServer:
    """Start the server, retrying on another port if the chosen one was taken in the meantime."""
    problem = ""
    for _ in range(attempts):
        port = free_port()
        mode = "serve-read-only" if read_only else "serve"
        with log.open("ab") as out:
            process = subprocess.Popen(
                [oxigraph_command(), mode, "--location", str(location), "--bind", f"{HOST}:{port}"],
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        server = OxigraphServer(port, location, process, log)
        try:
            _wait_until_it_answers(server)
            return server
        except RuntimeError as exc:
            _stop(process)
            problem = str(exc)
    raise RuntimeError(f"oxigraph serve did not start: {problem}")


def _wait_until_it_answers(server: OxigraphServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"it exited with code {server.process.returncode}; see {server.log}:\n"
                               + server.log.read_text(errors="replace")[-2000:])
        try:
            response = requests.get(server.query_url, params={"query": "ASK {}"}, timeout=2,
                                    headers={"Accept": "application/sparql-results+json"})
            if response.status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"no answer on {server.url} within {START_TIMEOUT} s; see {server.log}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


# --- a server that a test stops and starts again (tests/test_publish.py) ---------------------------


class RestartableServer:
    """``oxigraph serve`` that a test may kill and start again on the same port and the same store.

        with restartable_oxigraph() as server:
            server.kill()        # SIGKILL, as a crash would
            server.start()       # the same port, the same store folder
    """

    def __init__(self, location: Path, log: Path) -> None:
        self.location = location
        self.log = log
        self.server = _start(location, log, read_only=False)
        self.port = self.server.port

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def query_url(self) -> str:
        return self.server.query_url

    @property
    def update_url(self) -> str:
        return self.server.update_url

    @property
    def store_url(self) -> str:
        return self.server.store_url

    @property
    def running(self) -> bool:
        return self.server.process.poll() is None

    def select(self, query: str) -> list[dict[str, Any]]:
        return self.server.select(query)

    def kill(self) -> None:
        """Kill the server at once (no clean shutdown), as a crash or a power cut would."""
        if self.running:
            self.server.process.kill()
            self.server.process.wait(timeout=10)

    def stop(self) -> None:
        """Stop the server cleanly (terminate, then kill)."""
        _stop(self.server.process)

    def start(self) -> None:
        """Start the server again on the same port and store (waiting for the port to be free)."""
        if self.running:
            return
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            with self.log.open("ab") as out:
                process = subprocess.Popen(
                    [oxigraph_command(), "serve", "--location", str(self.location), "--bind", f"{HOST}:{self.port}"],
                    stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
            self.server = OxigraphServer(self.port, self.location, process, self.log)
            try:
                _wait_until_it_answers(self.server)
                return
            except RuntimeError:
                _stop(process)
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)


@contextmanager
def restartable_oxigraph(*files: Path | tuple[Path, str], directory: Path | None = None) -> Iterator[RestartableServer]:
    """A :class:`RestartableServer` with a new store holding ``files``; whatever process runs at the end is stopped."""
    with tempfile.TemporaryDirectory(prefix="oxigraph-", dir=directory) as tmp:
        location = Path(tmp) / "store"
        location.mkdir()
        load(location, files)
        server = RestartableServer(location, Path(tmp) / "server.log")
        try:
            yield server
        finally:
            server.stop()


# --- Virtuoso (Debian's virtuoso-opensource), when it is installed ----------------------------------

VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {db}/virtuoso-temp.db
TransactionFile    = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = {host}:{sql}
DisableUnixSocket    = 1
DisableTcpSocket     = 0
MaxClientConnections = 10
CheckpointInterval   = 60
CaseMode             = 2
DirsAllowed          = ., {load}
NumberOfBuffers      = 10000
MaxDirtyBuffers      = 6000
MaxQueryMem          = 256M
ThreadsPerQuery      = 2
AsyncQueueMaxThreads = 10

[HTTPServer]
ServerPort           = {host}:{http}
ServerRoot           = {root}
MaxClientConnections = 10
ServerThreads        = 10
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows           = 10000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 60
"""


@dataclass(frozen=True)
class VirtuosoServer:
    """A throwaway Virtuoso on 127.0.0.1 (user dba, password dba; anonymous SPARQL writes granted)."""

    http_port: int
    sql_port: int
    folder: Path
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.http_port}"

    @property
    def isql(self) -> str:
        return f"{HOST}:{self.sql_port}"

    @property
    def load_folder(self) -> Path:
        return self.folder / "load"

    def select(self, query: str) -> list[dict[str, Any]]:
        response = requests.post(f"{self.url}/sparql", data={"query": query}, timeout=30,
                                 headers={"Accept": "application/sparql-results+json"})
        response.raise_for_status()
        return list(response.json()["results"]["bindings"])


def virtuoso_installed() -> bool:
    return shutil.which("virtuoso-t") is not None and shutil.which("isql-vt") is not None


@contextmanager
def virtuoso_server() -> Iterator[VirtuosoServer]:
    """Start ``virtuoso-t`` on two free loopback ports with a new database in a temporary folder; stop it on exit.

    It starts in 2 to 4 s (docs/virtuoso.md). Callers skip when :func:`virtuoso_installed` is false.
    """
    with tempfile.TemporaryDirectory(prefix="virtuoso-") as tmp:
        folder = Path(tmp)
        for sub in ("db", "load"):
            (folder / sub).mkdir()
        http, sql = free_port(), free_port()
        ini = folder / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(db=folder / "db", load=folder / "load", root=folder, host=HOST,
                                           sql=sql, http=http))
        with (folder / "server.log").open("ab") as out:
            process = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(ini)], cwd=folder / "db",
                                       stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        server = VirtuosoServer(http, sql, folder, process)
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    raise RuntimeError("virtuoso-t exited:\n" + (folder / "server.log").read_text(errors="replace")[-2000:])
                try:
                    if requests.get(f"{server.url}/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                        break
                except requests.RequestException:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"virtuoso-t did not answer on {server.url} within 60 s")
                time.sleep(0.1)
            grant = subprocess.run(["isql-vt", server.isql, "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                                   capture_output=True, text=True, timeout=60)
            if "*** Error" in grant.stdout + grant.stderr:
                raise RuntimeError(f"the grant failed: {grant.stdout}{grant.stderr}")
            yield server
        finally:
            _stop(process)
