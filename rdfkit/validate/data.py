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
    as_subject: dict[str, dict[str, None]] = {}
    as_object: dict[str, dict[str, None]] = {}
    titles: dict[str, list[tuple[int, str, str]]] = {}  # graph -> (rank, subject, literal)
    referenced: dict[str, set[str]] = {}
    derived: dict[str, str] = {}  # graph -> source entity token
    lines_of: dict[str, dict[str, str]] = {}  # graph -> {"first": …, "last": …}
    source_file: dict[str, str] = {}  # source entity -> literal
    node_titles: dict[str, tuple[int, str]] = {}
    for line in _lines(path):
        parts = split_line(line)
        if parts is None:
            continue
        s, p, o, g = parts
        if s in focus:
            if g is not None:
                as_subject.setdefault(s, {})[g] = None
            rank = TITLE_PREDICATES.get(p)
            if rank is not None and o[:1] == '"' and (s not in node_titles or rank < node_titles[s][0]):
                node_titles[s] = (rank, o)
        if g is not None and o in focus:
            as_object.setdefault(o, {})[g] = None
        if p in TITLE_PREDICATES and o[:1] == '"' and g is not None:
            titles.setdefault(g, []).append((-1 if s == g else TITLE_PREDICATES[p], s, o))
        elif p == _REFERENCES and g is not None:
            referenced.setdefault(g, set()).add(o)
        elif p == _DERIVED and s == g and g is not None:
            derived[g] = o
        elif p == _SOURCE and o[:1] == '"':
            source_file.setdefault(s, o)
        elif p in (_FIRST, _LAST) and s == g and g is not None:
            lines_of.setdefault(g, {})["first" if p == _FIRST else "last"] = o
    scan = RecordScan()
    for node in focus:
        graphs = as_subject.get(node) or as_object.get(node)
        if graphs:
            scan.graphs[node] = sorted(graphs)
    wanted = {g for gs in scan.graphs.values() for g in gs}
    tokens: set[str] = set(wanted) | set(node_titles) | {t for _, t in node_titles.values()}
    for g in wanted:
        for _, _, lit in titles.get(g, []):
            tokens.add(lit)
        if g in derived and derived[g] in source_file:
            tokens.add(source_file[derived[g]])
        tokens.update(lines_of.get(g, {}).values())
    terms = parse_terms(tokens)
    for g in wanted:
        graph = terms.get(g)
        if not isinstance(graph, URIRef):
            continue
        candidates = sorted((rank, s in referenced.get(g, ()), lit, s) for rank, s, lit in titles.get(g, []))
        title = str(terms[candidates[0][2]]) if candidates else None
        src = derived.get(g)
        file = str(terms[source_file[src]]) if src in source_file else None
        bounds = lines_of.get(g, {})
        scan.records[graph] = RecordInfo(title=title, file=file,
                                         first_line=_int(terms.get(bounds.get("first", ""))),
                                         last_line=_int(terms.get(bounds.get("last", ""))))
    for node, (_, lit) in node_titles.items():
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
        for line in _lines(path):
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


def _lines(path: Path) -> Iterator[str]:
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
