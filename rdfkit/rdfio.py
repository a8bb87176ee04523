"""Reading RDF files and moving terms between pyoxigraph and rdflib.

pyoxigraph is the strict, fast parser (it passes the whole W3C Turtle suite; rdflib accepts 39
invalid files), so every RDF input is parsed with it and then handed to rdflib where rdflib is
needed (pySHACL). Parsing never touches the network: JSON-LD remote contexts are not fetched and
RDF/XML entities are not expanded.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from .errors import SourceNotFound, SourceSyntaxError, UsageError


@dataclass(frozen=True)
class RdfFormat:
    """One RDF syntax: short name, media type, file extensions and pyoxigraph format."""

    name: str
    media_type: str
    extensions: tuple[str, ...]
    ox: ox.RdfFormat
    datasets: bool


FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat("turtle", "text/turtle", (".ttl", ".turtle"), ox.RdfFormat.TURTLE, False),
        RdfFormat("nt", "application/n-triples", (".nt",), ox.RdfFormat.N_TRIPLES, False),
        RdfFormat("nquads", "application/n-quads", (".nq", ".nquads"), ox.RdfFormat.N_QUADS, True),
        RdfFormat("trig", "application/trig", (".trig",), ox.RdfFormat.TRIG, True),
        RdfFormat("json-ld", "application/ld+json", (".jsonld", ".json"), ox.RdfFormat.JSON_LD, True),
        RdfFormat("xml", "application/rdf+xml", (".rdf", ".owl", ".xml"), ox.RdfFormat.RDF_XML, False),
    )
}
_ALIASES = {"ttl": "turtle", "n-triples": "nt", "ntriples": "nt", "n-quads": "nquads", "jsonld": "json-ld",
            "rdf/xml": "xml", "rdfxml": "xml"}


def get_format(name: str) -> RdfFormat:
    """Look a format up by short name, alias or media type."""
    key = name.strip().lower()
    key = _ALIASES.get(key, key)
    if key in FORMATS:
        return FORMATS[key]
    for fmt in FORMATS.values():
        if fmt.media_type == key:
            return fmt
    raise UsageError(f"unknown RDF format {name!r}", hint=f"Use one of: {', '.join(FORMATS)} (or a media type).")


def format_for_path(path: str | Path, default: str | None = None) -> RdfFormat:
    """Guess the format of ``path`` from its extension, else ``default``."""
    suffix = Path(path).suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    if default:
        return get_format(default)
    raise UsageError(
        f"{path}: cannot tell the RDF format from the extension {suffix or '(none)'!r}",
        hint="Name the format with -f/--format, e.g. -f turtle.",
    )


def iter_rdf_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand folders into the RDF files they hold (sorted); files pass through as given."""
    for p in paths:
        path = Path(p)
        if str(path) == "-":
            yield path
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and any(child.suffix.lower() in f.extensions for f in FORMATS.values()):
                    yield child
        elif path.exists():
            yield path
        else:
            raise SourceNotFound("no such file or folder", path=path, hint="Check the path and try again.")


def parse_quads(source: bytes | IO[bytes], fmt: RdfFormat, *, path: str | Path = "<stdin>",
                base_iri: str | None = None) -> list[ox.Quad]:
    """Parse RDF with pyoxigraph; syntax errors become :class:`SourceSyntaxError` with line and column."""
    data = source if isinstance(source, bytes) else source.read()
    try:
        return list(ox.parse(io.BytesIO(data), format=fmt.ox, base_iri=base_iri, lenient=False))
    except SyntaxError as exc:
        line = getattr(exc, "lineno", None)
        column = getattr(exc, "offset", None)
        message = str(exc.msg if hasattr(exc, "msg") and exc.msg else exc).split("\n")[0]
        if "LoadDocumentCallback" in message:
            raise SourceSyntaxError(
                "the JSON-LD refers to a remote @context, and rdfkit never fetches anything while reading",
                path=path, hint="Put the context object inline in the file (\"@context\": {…}) and try again.",
            ) from None
        raise SourceSyntaxError(
            f"not valid {fmt.name}: {message}", path=path, line=line, column=column,
            hint=f"Fix the {fmt.name} syntax at that place, or name the right format with -f.",
        ) from None
    except (ValueError, OSError) as exc:
        raise SourceSyntaxError(f"not valid {fmt.name}: {exc}", path=path,
                                hint=f"Check that the file really is {fmt.name}.") from None


def read_quads(paths: Iterable[str | Path], fmt: str | None = None) -> Iterator[tuple[Path, list[ox.Quad]]]:
    """Parse each RDF file (folders expanded) and yield ``(path, quads)``."""
    for path in iter_rdf_files(paths):
        if str(path) == "-":  # stdin: Turtle unless the format is named
            yield path, parse_quads(sys.stdin.buffer.read(), get_format(fmt or "turtle"), path="<stdin>")
            continue
        rdf_format = get_format(fmt) if fmt else format_for_path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SourceNotFound(f"cannot read: {exc.strerror}", path=path) from None
        yield path, parse_quads(data, rdf_format, path=path, base_iri=path.resolve().as_uri())


def read_dataset(paths: Iterable[str | Path], fmt: str | None = None) -> Dataset:
    """Read RDF files (any syntax, folders expanded) into one rdflib :class:`Dataset`."""
    ds = Dataset()
    for _, quads in read_quads(paths, fmt):
        add_quads(ds, quads)
    return ds


def read_graph(paths: Iterable[str | Path], fmt: str | None = None) -> Graph:
    """Read RDF files into one rdflib :class:`Graph`: the union of all their triples."""
    g = Graph()
    for _, quads in read_quads(paths, fmt):
        for q in quads:
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


def add_quads(ds: Dataset, quads: Iterable[ox.Quad]) -> None:
    """Add pyoxigraph quads to an rdflib dataset."""
    for q in quads:
        graph = q.graph_name
        ctx = DATASET_DEFAULT_GRAPH_ID if isinstance(graph, ox.DefaultGraph) else to_rdflib(graph)
        ds.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), ctx))  # type: ignore[arg-type]


def to_rdflib(term: object) -> Node:
    """Convert a pyoxigraph term to the rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise UsageError(f"RDF-star triple terms are not supported: {term}")


_IRIS: dict[str, ox.NamedNode] = {}
_LITERALS: dict[Literal, ox.Literal] = {}


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to the pyoxigraph term."""
    if isinstance(term, URIRef):
        iri = _IRIS.get(term)
        if iri is None:  # the same predicates, classes and shared resources come back all the time
            if len(_IRIS) > 8192:
                _IRIS.clear()
            iri = _IRIS[term] = ox.NamedNode(str(term))
        return iri
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        lit = _LITERALS.get(term)
        if lit is None:  # labels, rights texts, level names recur in every document
            if len(_LITERALS) > 8192:
                _LITERALS.clear()
            if term.language:
                lit = ox.Literal(str(term), language=term.language)
            elif term.datatype is not None:
                lit = ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            else:
                lit = ox.Literal(str(term))
            _LITERALS[term] = lit
        return lit
    raise UsageError(f"cannot convert {term!r} to an RDF term")


def to_ox_quads(ds: Dataset | Graph) -> list[ox.Quad]:
    """All quads of an rdflib dataset (or triples of a graph, in the default graph) as pyoxigraph quads."""
    out = []
    if isinstance(ds, Dataset):
        for s, p, o, c in ds.quads((None, None, None, None)):
            cid = getattr(c, "identifier", c)
            g = ox.DefaultGraph() if cid in (None, DATASET_DEFAULT_GRAPH_ID) else to_ox(cid)
            out.append(ox.Quad(to_ox(s), to_ox(p), to_ox(o), g))  # type: ignore[arg-type]
    else:
        for s, p, o in ds:
            out.append(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph()))  # type: ignore[arg-type]
    return out
