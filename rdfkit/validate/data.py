"""The data side of validation: any RDF input as one N-Quads file, and what a report says about records.

The compiled engine reads N-Quads from a file, so every input (files and folders in any syntax
rdfkit reads, stdin, rdflib graphs) becomes one N-Quads file, streamed through pyoxigraph: a
single ``.nq``/``.nt`` file is used as it is. :func:`scan_records` then reads that file once,
line by line, to find the named graph (record) of every focus node with results and each
record's title and source (``prov:wasDerivedFrom`` → ``dcterms:source``, ``rk:firstLine``,
``rk:lastLine``), without loading the data into memory.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import SourceNotFound
from ..rdfio import format_for_path, get_format, parse_quads, to_ox, to_ox_quads, to_rdflib
from .report import RecordInfo

_DCTERMS = "http://purl.org/dc/terms/"
_RK = "https://w3id.org/rdfkit/ns#"
#: Predicates whose object names a record or a node, best first.
TITLE_PREDICATES = {
    f"<{_DCTERMS}title>": 0, "<http://purl.org/dc/elements/1.1/title>": 1, "<http://schema.org/name>": 2,
    "<http://www.w3.org/2000/01/rdf-schema#label>": 3, "<http://www.w3.org/2004/02/skos/core#prefLabel>": 4,
}
_DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
_SOURCE = f"<{_DCTERMS}source>"
_FIRST, _LAST = f"<{_RK}firstLine>", f"<{_RK}lastLine>"
_REFERENCES = f"<{_DCTERMS}references>"


def write_nquads(inputs: Iterable[tuple[Path, str | None]], out: Path) -> None:
    """Stream RDF files (``(path, format or None)``; ``-`` is stdin) into one N-Quads file.

    Syntax errors become :class:`~rdfkit.errors.SourceSyntaxError` naming the file and line.
    """
    with out.open("wb") as sink:
        for path, fmt in inputs:
            if str(path) == "-":
                rdf_format = get_format(fmt or "turtle")
                quads: Iterable[ox.Quad] = parse_quads(sys.stdin.buffer.read(), rdf_format, path="<stdin>")
            else:
                rdf_format = get_format(fmt) if fmt else format_for_path(path)
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    raise SourceNotFound(f"cannot read: {exc.strerror}", path=path) from None
                quads = parse_quads(data, rdf_format, path=path, base_iri=path.resolve().as_uri())
            ox.serialize(quads, sink, format=ox.RdfFormat.N_QUADS)


def write_graph_nquads(graph: Graph | Dataset, out: Path) -> None:
    """An rdflib graph or dataset as an N-Quads file."""
    with out.open("wb") as sink:
        ox.serialize(to_ox_quads(graph), sink, format=ox.RdfFormat.N_QUADS)


def token(term: Node) -> str:
    """A term as written in N-Quads (what the scan compares)."""
    return str(to_ox(term))


def split_line(line: str) -> tuple[str, str, str, str | None] | None:
    """``(subject, predicate, object, graph or None)`` of one N-Quads line as written by pyoxigraph
    (single spaces, `` .`` at the end); ``None`` for blank or comment lines.

    >>> split_line('<urn:s> <urn:p> "a <b> c"@en <urn:g> .')
    ('<urn:s>', '<urn:p>', '"a <b> c"@en', '<urn:g>')
    >>> split_line('<urn:s> <urn:p> "x y" .')
    ('<urn:s>', '<urn:p>', '"x y"', None)
    """
    line = line.rstrip("\r\n")
    if not line or line[0] == "#":
        return None
    body = line[:-2] if line.endswith(" .") else line.rstrip(" .")
    s, _, rest = body.partition(" ")
    p, _, rest = rest.partition(" ")
    head, _, last = rest.rpartition(" ")
    if head and (last[:1] == "<" or last[:2] == "_:") and '"' not in last:
        return s, p, head, last
    return s, p, rest, None


@dataclass
class RecordScan:
    """What :func:`scan_records` found: the graphs of each focus node, and record descriptions."""

    graphs: dict[str, list[str]] = field(default_factory=dict)  # focus token -> graph tokens (subject first)
    records: dict[URIRef, RecordInfo] = field(default_factory=dict)
    node_titles: dict[Node, str] = field(default_factory=dict)


def scan_records(path: Path, focus: set[str]) -> RecordScan:
    """One pass over an N-Quads file: the records of the ``focus`` tokens, and those records' titles
    and sources."""
    collector = RecordCollector(focus)
    add = collector.add
    for line in read_lines(path):
        parts = split_line(line)
        if parts is not None:
            add(*parts)
    return collector.scan(focus)


class RecordCollector:
    """Gathers, line by line, what a report says about records: the named graphs each subject is
    described in, and each graph's title, source file and lines.

    With ``focus`` only those subjects' graphs are kept (the data was validated first); without, every
    subject's (the sharded run reads the data once, before validating).
    """

    def __init__(self, focus: set[str] | None = None) -> None:
        self.focus = focus
        self.first: dict[str, str] = {}  # subject -> first named graph
        self.more: dict[str, dict[str, None]] = {}  # subject -> further named graphs
        self.titles: dict[str, list[tuple[int, str, str]]] = {}  # graph -> (rank, subject, literal)
        self.referenced: dict[str, set[str]] = {}  # graph -> nodes other documents refer to
        self.derived: dict[str, str] = {}  # graph -> source entity
        self.bounds: dict[str, dict[str, str]] = {}  # graph -> {"first": literal, "last": literal}
        self.source_file: dict[str, str] = {}  # source entity -> literal
        self.node_titles: dict[str, tuple[int, str]] = {}  # subject outside any graph -> title
        self._graphs: dict[str, str] = {}  # one string per graph name

    def add(self, s: str, p: str, o: str, g: str | None) -> None:
        """One line of N-Quads, split."""
        if g is None:
            rank = TITLE_PREDICATES.get(p)
            if rank is not None and o[:1] == '"' and (self.focus is None or s in self.focus):
                known = self.node_titles.get(s)
                if known is None or rank < known[0]:
                    self.node_titles[s] = (rank, o)
            elif p == _SOURCE and o[:1] == '"':
                self.source_file.setdefault(s, o)
            return
        g = self._graphs.setdefault(g, g)
        if self.focus is None or s in self.focus:
            first = self.first.setdefault(s, g)
            if first is not g and first != g:
                self.more.setdefault(s, {})[g] = None
        if p in TITLE_PREDICATES:
            if o[:1] == '"':
                self.titles.setdefault(g, []).append((-1 if s == g else TITLE_PREDICATES[p], s, o))
        elif p == _REFERENCES:
            self.referenced.setdefault(g, set()).add(o)
        elif p == _DERIVED:
            if s == g:
                self.derived[g] = o
        elif p == _SOURCE:
            if o[:1] == '"':
                self.source_file.setdefault(s, o)
        elif p in (_FIRST, _LAST) and s == g:
            self.bounds.setdefault(g, {})["first" if p == _FIRST else "last"] = o

    def scan(self, focus: set[str]) -> RecordScan:
        """What the report needs about the ``focus`` nodes and their records."""
        scan = RecordScan()
        for node in focus:
            first = self.first.get(node)
            if first is not None:
                scan.graphs[node] = sorted({first, *self.more.get(node, ())})
        wanted = {g for gs in scan.graphs.values() for g in gs}
        titled = {n: t for n, t in self.node_titles.items() if n in focus and n not in scan.graphs}
        tokens: set[str] = set(wanted) | set(titled) | {t for _, t in titled.values()}
        for g in wanted:
            tokens.update(lit for _, _, lit in self.titles.get(g, []))
            if self.derived.get(g) in self.source_file:
                tokens.add(self.source_file[self.derived[g]])
            tokens.update(self.bounds.get(g, {}).values())
        terms = parse_terms(tokens)
        for g in wanted:
            graph = terms.get(g)
            if not isinstance(graph, URIRef):
                continue
            referenced = self.referenced.get(g, set())
            candidates = sorted((rank, s in referenced, lit, s) for rank, s, lit in self.titles.get(g, []))
            src = self.derived.get(g)
            bounds = self.bounds.get(g, {})
            scan.records[graph] = RecordInfo(
                title=str(terms[candidates[0][2]]) if candidates else None,
                file=str(terms[self.source_file[src]]) if src in self.source_file else None,
                first_line=_int(terms.get(bounds.get("first", ""))),
                last_line=_int(terms.get(bounds.get("last", ""))),
            )
        for node, (_, lit) in titled.items():
            scan.node_titles[terms[node]] = str(terms[lit])
        return scan


def describe_bnodes(path: Path, nodes: set[Node], limit: int = 10_000) -> list[tuple[Node, Node, Node]]:
    """The triples about blank nodes (and the blank nodes they lead to) in an N-Quads file.

    A report that names a blank node says what it is this way, as pySHACL's reports do (the W3C
    test suite compares them so). At most ``limit`` blank nodes are described.
    """
    wanted = {token(n) for n in nodes if isinstance(n, BNode)}
    done: set[str] = set()
    found: list[tuple[str, str, str]] = []
    while wanted and len(done) < limit:
        done |= wanted
        more: set[str] = set()
        for line in read_lines(path):
            parts = split_line(line)
            if parts is not None and parts[0] in wanted:
                found.append(parts[:3])
                if parts[2].startswith("_:") and parts[2] not in done:
                    more.add(parts[2])
        wanted = more
    terms = parse_terms({t for triple in found for t in triple})
    return sorted({(terms[s], terms[p], terms[o]) for s, p, o in found})


def _int(term: Node | None) -> int | None:
    if isinstance(term, Literal):
        try:
            return int(str(term))
        except ValueError:
            return None
    return None


def read_lines(path: Path) -> Iterator[str]:
    """The lines of an N-Quads file, streamed (bytes that are not UTF-8 pass through unchanged)."""
    with path.open("r", encoding="utf-8", errors="surrogateescape") as f:
        yield from f


def parse_terms(texts: Iterable[str]) -> dict[str, Node]:
    """Terms written in N-Triples syntax to rdflib terms, all in one parse."""
    texts = sorted(set(texts))
    out: dict[str, Node] = {}
    others = []
    for t in texts:
        if t.startswith("_:"):
            out[t] = BNode(t[2:])
        elif t:
            others.append(t)
    if others:
        doc = "".join(f"<urn:x:s> <urn:x:p> {t} .\n" for t in others).encode("utf-8", "surrogateescape")
        triples = list(ox.parse(doc, format=ox.RdfFormat.N_TRIPLES))
        for text, triple in zip(others, triples, strict=True):
            out[text] = to_rdflib(triple.object)
    return out
