"""Deterministic exports: Turtle, N-Triples, N-Quads, TriG, JSON-LD (and RDF/XML), plus VoID.

Same graph, same bytes, in every process: the quads are converted to pyoxigraph terms, blank nodes
(if any slipped in) are canonicalised, and everything is sorted on the N-Triples form of the terms
before it is written. Nothing here depends on Python's ``hash()``, dict order or the clock.

How each format is written:

- **N-Triples, N-Quads, RDF/XML**: pyoxigraph's serializers, fed sorted triples or quads. N-Triples
  and N-Quads lines come out in code-point order, so ``LC_ALL=C sort -u`` leaves the file unchanged.
- **Turtle, TriG**: a small writer of our own that reuses pyoxigraph's N-Triples escaping for every
  term. pyoxigraph 0.5's Turtle writer escapes ``/`` in local names (``id:document\\/da-1``), puts
  all objects of a predicate on one line and declares every prefix it is given; ours groups by
  subject (``a`` first, ``;`` between predicates, one object per line when they do not fit on one),
  writes a prefixed name only where the local part needs no escaping, and declares only the
  prefixes it used, in the order of :data:`rdfkit.graph.PREFIXES`.
- **JSON-LD**: a document-centric layout written by :func:`jsonld_document`.

For a :class:`~rdflib.Dataset`, Turtle, N-Triples, RDF/XML and JSON-LD hold the union of all graphs
(duplicates removed); TriG and N-Quads keep one named graph per source document.

Example::

    >>> from rdflib import Graph, Literal, URIRef
    >>> from rdflib.namespace import DCTERMS
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://w3id.org/rdfkit/id/document/da-1"), DCTERMS.title, Literal("Minutes", lang="en")))
    >>> print(serialize(g, "turtle").decode())
    @prefix dcterms: <http://purl.org/dc/terms/> .
    <BLANKLINE>
    <https://w3id.org/rdfkit/id/document/da-1>
        dcterms:title "Minutes"@en .
    <BLANKLINE>
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import sys
from collections import defaultdict
from itertools import groupby
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Sequence
from urllib.parse import quote, urljoin

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID

from . import rdfio
from .errors import UsageError
from .graph import PROV, RICO, RK, SCHEMA
from .graph import prefixes as prefix_table
from .resources import jsonld_context

__all__ = ["EXPORT_FORMATS", "serialize", "serialize_quads", "export", "jsonld_document", "void_description"]

#: The formats :func:`serialize` writes (short names of :data:`rdfkit.rdfio.FORMATS`).
EXPORT_FORMATS = ("turtle", "nt", "nquads", "trig", "json-ld", "xml")

_RDF_TYPE = str(RDF.type)
_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
#: Literals Turtle can write bare (the lexical form is kept exactly when read back).
_BARE = {
    _XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    _XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    _XSD + "double": re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+"),
    _XSD + "boolean": re.compile(r"true|false"),
}
#: A Turtle local name that needs no escaping (a conservative subset of PN_LOCAL; may be empty).
_PN_LOCAL = re.compile(r"(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?")
_LINE = 100  # objects of one predicate stay on one line up to this width


# --------------------------------------------------------------------------------------------
# entry points


def serialize(data: Dataset | Graph, fmt: str, *, base: str | None = None) -> bytes:
    """Serialize an rdflib dataset or graph deterministically.

    :param data: a :class:`~rdflib.Dataset` (one named graph per source document) or a :class:`~rdflib.Graph`.
    :param fmt: a short name (``turtle``, ``nt``, ``nquads``, ``trig``, ``json-ld``, ``xml``), alias or
        media type, as understood by :func:`rdfkit.rdfio.get_format`.
    :param base: the data base IRI bound to the ``id:`` prefix (default: :func:`rdfkit.graph.base_iri`).
    :raises UsageError: for an unknown format.

    >>> from rdflib import Dataset
    >>> serialize(Dataset(), "nquads")
    b''
    """
    return serialize_quads(rdfio.to_ox_quads(data), fmt, base=base)


def serialize_quads(quads: Iterable[ox.Quad | ox.Triple], fmt: str, *, base: str | None = None) -> bytes:
    """Serialize pyoxigraph quads (or triples, taken as the default graph) like :func:`serialize`."""
    rdf_format = rdfio.get_format(fmt)
    table = prefix_table(base)
    qs = _canonical(quads)
    name = rdf_format.name
    if name == "nquads":
        return _bytes(ox.serialize(sorted(qs, key=_quad_key), format=ox.RdfFormat.N_QUADS))
    if name == "trig":
        return _trig(qs, table).encode("utf-8")
    triples = _union(qs)
    if name == "nt":
        return _bytes(ox.serialize(sorted(triples, key=_triple_key), format=ox.RdfFormat.N_TRIPLES))
    if name == "turtle":
        return _turtle(triples, table).encode("utf-8")
    if name == "json-ld":
        doc = jsonld_document(triples, base=base)
        return (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    if name == "xml":
        used = _used_namespaces(triples, table)
        return _bytes(ox.serialize(sorted(triples, key=_triple_key), format=ox.RdfFormat.RDF_XML, prefixes=used))
    raise UsageError(f"cannot export {name}", hint=f"Use one of: {', '.join(EXPORT_FORMATS)}.")


def export(data: Dataset | Graph, out: str | Path | IO[bytes], fmt: str | None = None, *,
           base: str | None = None) -> rdfio.RdfFormat:
    """Write ``data`` to a file, a binary stream or stdout (``"-"``) and return the format used.

    The format is ``fmt`` (short name or media type), else the one the file extension names, else
    Turtle.

    :raises UsageError: for an unknown format name.
    :raises OSError: when the file cannot be written.
    """
    if fmt:
        rdf_format = rdfio.get_format(fmt)
    else:
        name = out if isinstance(out, (str, Path)) else getattr(out, "name", None)
        if isinstance(name, (str, Path)) and str(name) != "-":
            rdf_format = rdfio.format_for_path(name, default="turtle")
        else:
            rdf_format = rdfio.get_format("turtle")
    payload = serialize(data, rdf_format.name, base=base)
    if isinstance(out, (str, Path)):
        if str(out) == "-":
            sys.stdout.buffer.write(payload)
            sys.stdout.buffer.flush()
        else:
            Path(out).write_bytes(payload)
    else:
        out.write(payload)
    return rdf_format


# --------------------------------------------------------------------------------------------
# terms, keys, sorting


def _key(term: object) -> str:
    """The sort key of a term: its N-Triples form (the default graph sorts first)."""
    return "" if isinstance(term, ox.DefaultGraph) else str(term)


def _name_key(term: object) -> tuple[int, str]:
    """The sort key of a subject or graph name in Turtle and TriG: IRIs by value, so a resource
    comes right before the ones minted under it (``…/da-1``, ``…/da-1/event-1``, ``…/da-1/event-1/…``)."""
    if isinstance(term, ox.DefaultGraph):
        return (0, "")
    if isinstance(term, ox.NamedNode):
        return (1, term.value)
    return (2, str(term))


def _triple_key(t: ox.Triple) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))


def _quad_key(q: ox.Quad) -> tuple[str, str, str, str]:
    return (str(q.subject), str(q.predicate), str(q.object), _key(q.graph_name))


def _canonical(quads: Iterable[ox.Quad | ox.Triple]) -> list[ox.Quad]:
    """Quads with duplicates removed and blank nodes (if any) relabelled canonically (RDFC-1.0)."""
    qs = [q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
          for q in quads]
    if any(isinstance(t, ox.BlankNode) for q in qs for t in (q.subject, q.object, q.graph_name)):
        dataset = ox.Dataset(qs)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        return list(dataset)
    return list({_quad_key(q): q for q in qs}.values())


def _union(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The union of all graphs, duplicates removed."""
    return list({_triple_key(q.triple): q.triple for q in quads}.values())


class _Names:
    """Writes terms in Turtle with prefixed names; records the prefixes used.

    A namespace is used for prefixed names only when every IRI of the output in it has a local part
    that needs no escaping, so a namespace is written one way throughout a file: the data IRIs
    (``https://w3id.org/rdfkit/id/document/da-1``, with ``/`` in the local part) stay whole, the
    vocabulary becomes ``rk:Document``.
    """

    def __init__(self, table: dict[str, str], terms: Iterable[object] = ()) -> None:
        self.table = table
        namespaces = sorted(((ns, p) for p, ns in table.items()), key=lambda x: (-len(x[0]), x[1]))
        unclean = set()
        seen: set[str] = set()
        for term in terms:
            for iri in _iris(term):
                if iri in seen:
                    continue
                seen.add(iri)
                for ns, prefix in namespaces:
                    if iri.startswith(ns):
                        if not _PN_LOCAL.fullmatch(iri[len(ns):]):
                            unclean.add(prefix)
                        break
        self.namespaces = [(ns, p) for ns, p in namespaces if p not in unclean]
        self.used: set[str] = set()
        self._memo: dict[str, str] = {}

    def iri(self, value: str) -> str:
        written = self._memo.get(value)
        if written is None:
            written = str(ox.NamedNode(value))
            for ns, prefix in self.namespaces:
                if value.startswith(ns) and _PN_LOCAL.fullmatch(value[len(ns):]):
                    self.used.add(prefix)
                    written = f"{prefix}:{value[len(ns):]}"
                    break
            self._memo[value] = written
        return written

    def term(self, term: object) -> str:
        if isinstance(term, ox.NamedNode):
            return self.iri(term.value)
        if isinstance(term, ox.Literal) and not term.language:
            datatype = term.datatype.value
            if datatype == _XSD_STRING:
                return str(term)
            bare = _BARE.get(datatype)
            if bare is not None and bare.fullmatch(term.value):
                return term.value
            return f"{ox.Literal(term.value)}^^{self.iri(datatype)}"
        return str(term)  # blank nodes, language-tagged literals

    def header(self) -> str:
        lines = [f"@prefix {p}: <{ns}> ." for p, ns in self.table.items() if p in self.used]
        return "\n".join(lines) + "\n\n" if lines else ""


def _iris(term: object) -> Iterator[str]:
    if isinstance(term, ox.NamedNode):
        yield term.value
    elif isinstance(term, ox.Literal) and not term.language:
        yield term.datatype.value


def _all_terms(quads: Iterable[ox.Quad | ox.Triple]) -> Iterator[object]:
    for q in quads:
        yield q.subject
        yield q.predicate
        yield q.object
        if isinstance(q, ox.Quad):
            yield q.graph_name


def _statements(triples: Iterable[ox.Triple], names: _Names, indent: str = "") -> list[str]:
    """Turtle statements, one per subject, predicates sorted (``a`` first), objects sorted."""
    out = []
    ordered = sorted(triples, key=lambda t: (_name_key(t.subject), _triple_key(t)))
    for _, group in groupby(ordered, key=lambda t: str(t.subject)):
        members = list(group)
        by_predicate: dict[str, list[str]] = defaultdict(list)
        for t in members:
            pred = "a" if t.predicate.value == _RDF_TYPE else names.iri(t.predicate.value)
            by_predicate[pred].append(names.term(t.object))
        lines = [indent + names.term(members[0].subject)]
        preds = sorted(by_predicate, key=lambda p: (p != "a", p))
        for i, pred in enumerate(preds):
            end = " ;" if i < len(preds) - 1 else " ."
            objects = sorted(by_predicate[pred])
            one_line = f"{indent}    {pred} {', '.join(objects)}{end}"
            if len(objects) == 1 or len(one_line) <= _LINE:
                lines.append(one_line)
            else:
                lines.append(f"{indent}    {pred}")
                lines.extend(f"{indent}        {o}," for o in objects[:-1])
                lines.append(f"{indent}        {objects[-1]}{end}")
        out.append("\n".join(lines))
    return out


def _turtle(triples: list[ox.Triple], table: dict[str, str]) -> str:
    names = _Names(table, _all_terms(triples))
    body = "\n\n".join(_statements(triples, names))
    return names.header() + (body + "\n" if body else "")


def _trig(quads: list[ox.Quad], table: dict[str, str]) -> str:
    names = _Names(table, _all_terms(quads))
    blocks = []
    by_graph: dict[tuple[int, str], list[ox.Quad]] = defaultdict(list)
    for q in quads:
        by_graph[_name_key(q.graph_name)].append(q)
    for key in sorted(by_graph):
        triples = [q.triple for q in by_graph[key]]
        if key == (0, ""):  # the default graph: plain triples first
            blocks.append("\n\n".join(_statements(triples, names)))
        else:
            graph = names.term(by_graph[key][0].graph_name)
            inner = "\n\n".join(_statements(triples, names, indent="    "))
            blocks.append(f"{graph} {{\n{inner}\n}}")
    body = "\n\n".join(blocks)
    return names.header() + (body + "\n" if body else "")


def _used_namespaces(triples: Iterable[ox.Triple], table: dict[str, str]) -> dict[str, str]:
    """The prefixes whose namespace holds a predicate, type or datatype (for RDF/XML)."""
    iris = set()
    for t in triples:
        iris.add(t.predicate.value)
        if t.predicate.value == _RDF_TYPE and isinstance(t.object, ox.NamedNode):
            iris.add(t.object.value)
    return {p: ns for p, ns in table.items() if any(i.startswith(ns) for i in iris)}


# --------------------------------------------------------------------------------------------
# JSON-LD

#: Links along which a node is written inside its parent rather than at the top level.
EMBED = (str(SCHEMA.workTranslation), str(RICO.documents), str(PROV.qualifiedAttribution),
         str(PROV.qualifiedAssociation))


class _Context:
    """What the JSON-LD writer needs from the shipped context: prefixes, class terms, property terms."""

    def __init__(self, ctx: dict[str, Any], table: dict[str, str]) -> None:
        self.prefixes = table
        self.namespaces = sorted(((ns, p) for p, ns in table.items()), key=lambda x: (-len(x[0]), x[1]))
        self.classes: dict[str, str] = {}
        self.properties: dict[str, tuple[str, tuple[str, ...], bool]] = {}
        for term in sorted(ctx):
            value = ctx[term]
            if term.startswith("@") or term in table:
                continue
            if isinstance(value, str):
                self.classes.setdefault(self.expand(value), term)
            elif isinstance(value, dict) and "@id" in value:
                iri = self.expand(value["@id"])
                if "@language" in value:
                    coercion: tuple[str, ...] = ("lang", value["@language"])
                elif value.get("@type") == "@id":
                    coercion = ("id",)
                elif "@type" in value:
                    coercion = ("type", self.expand(value["@type"]))
                else:
                    coercion = ("plain",)
                self.properties.setdefault(iri, (term, coercion, value.get("@container") == "@set"))

    def expand(self, curie: str) -> str:
        prefix, _, rest = curie.partition(":")
        return self.prefixes[prefix] + rest if prefix in self.prefixes and not rest.startswith("//") else curie

    def iri(self, term: object) -> str:
        """An IRI (or blank node) as ``@id`` value: a compact IRI where a prefix fits."""
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        value = term.value if isinstance(term, ox.NamedNode) else str(term)
        for ns, prefix in self.namespaces:
            rest = value[len(ns):]
            if value.startswith(ns) and rest and not rest.startswith("//"):
                return f"{prefix}:{rest}"
        return value

    def vocab(self, term: ox.NamedNode) -> str:
        """A class or datatype IRI as ``@type`` value: its term, else a compact IRI."""
        return self.classes.get(term.value) or self.iri(term)


def _value(o: object, coercion: tuple[str, ...], ctx: _Context) -> Any:
    """One object in compact form: a bare string where the term's coercion fits, else an explicit object."""
    if isinstance(o, (ox.NamedNode, ox.BlankNode)):
        return ctx.iri(o) if coercion == ("id",) else {"@id": ctx.iri(o)}
    assert isinstance(o, ox.Literal)
    if o.language:
        if coercion == ("lang", o.language):
            return o.value
        return {"@language": o.language, "@value": o.value}
    datatype = o.datatype.value
    if datatype == _XSD_STRING:
        return o.value if coercion == ("plain",) else {"@value": o.value}
    if coercion == ("type", datatype):
        return o.value
    return {"@type": ctx.vocab(o.datatype), "@value": o.value}


def _sort_key(item: Any) -> tuple[str, str]:
    if isinstance(item, str):
        primary = item
    else:
        primary = item.get("@id", item.get("@value", ""))
    return (primary, json.dumps(item, ensure_ascii=False, sort_keys=True))


def jsonld_document(triples: Iterable[ox.Triple | ox.Quad], *, base: str | None = None,
                    context: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON-LD export as a Python object: ``{"@context": {...}, "@graph": [...]}``.

    Layout (the union of all named graphs; TriG and N-Quads are the exports that keep the graphs):

    - every ``rk:Document`` is a top-level node with its translation (``translation``), the events
      it records (``events``) and the qualified attributions of it and of its translation
      (``attributions``) nested inside; each event nests its qualified associations;
    - shared things (people, organisations, places, repositories, record sets, sources) and any
      other node not nested that way are top-level nodes, referenced elsewhere by ``@id``;
    - every node appears exactly once with all its properties;
    - keys are the short terms of the shipped context (``ontology/context.jsonld``, inlined, never
      fetched); a value the term's coercion does not describe exactly (another language, another
      datatype) is written as an explicit ``{"@value": ..., ...}`` object, so re-parsing gives
      back the same triples; properties without a term use compact IRIs (``schema:mentions``);
    - ``@graph`` and every array are sorted (by ``@id`` or value); serialize with
      ``sort_keys=True``.

    :param triples: pyoxigraph triples or quads (graph names are ignored).
    :param base: the data base IRI bound to ``id:`` (overrides the shipped context's ``id``).
    :param context: the context object to inline (default: the shipped one).
    """
    ctx_obj = copy.deepcopy(context if context is not None else jsonld_context())
    table = {p: ns for p, ns in prefix_table(base).items() if p in ctx_obj}
    if "id" in ctx_obj:
        ctx_obj["id"] = table["id"] = prefix_table(base)["id"]
    ctx = _Context(ctx_obj, table)

    nodes: dict[str, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    terms: dict[str, object] = {}
    seen = set()
    for t in triples:
        k = _triple_key(t if isinstance(t, ox.Triple) else t.triple)
        if k in seen:
            continue
        seen.add(k)
        s = _key(t.subject)
        terms[s] = t.subject
        nodes[s][t.predicate.value].append(t.object)

    def is_doc(key: str) -> bool:
        return any(isinstance(o, ox.NamedNode) and o.value == str(RK.Document) for o in nodes[key].get(_RDF_TYPE, ()))

    embedded_targets = {_key(o) for key in nodes for p in EMBED for o in nodes[key].get(p, ()) if _key(o) in nodes}
    documents = sorted(k for k in nodes if is_doc(k))
    others = sorted(k for k in nodes if not is_doc(k))
    order = documents + [k for k in others if k not in embedded_targets] + others

    placed: set[str] = set()
    parent: dict[str, tuple[str, str]] = {}
    top: list[str] = []

    def claim(key: str) -> None:
        # depth-first, in a fixed order, so the same graph always nests the same way
        stack = [key]
        while stack:
            current = stack.pop()
            children = []
            for pred in EMBED:
                for o in sorted(nodes[current].get(pred, ()), key=_key):
                    child = _key(o)
                    if child in nodes and child not in placed and not is_doc(child):
                        placed.add(child)
                        parent[child] = (current, pred)
                        children.append(child)
            stack.extend(reversed(children))

    for key in order:
        if key in placed:
            continue
        placed.add(key)
        top.append(key)
        claim(key)

    def node(key: str) -> dict[str, Any]:
        obj: dict[str, Any] = {"@id": ctx.iri(terms[key])}
        props = nodes[key]
        coercion: tuple[str, ...]
        for pred in sorted(props):
            objects = sorted(props[pred], key=_key)
            if pred == _RDF_TYPE:
                types = [ctx.vocab(o) for o in objects if isinstance(o, ox.NamedNode)]
                if types:
                    types.sort()
                    obj["@type"] = types[0] if len(types) == 1 else types
                objects = [o for o in objects if not isinstance(o, ox.NamedNode)]
                if not objects:
                    continue
                name, coercion, as_set = ctx.iri(ox.NamedNode(pred)), ("plain",), False
            elif pred in ctx.properties:
                name, coercion, as_set = ctx.properties[pred]
            else:
                name, coercion, as_set = ctx.iri(ox.NamedNode(pred)), ("plain",), False
            values = []
            for o in objects:
                child = _key(o)
                if parent.get(child) == (key, pred):
                    values.append(node(child))
                else:
                    values.append(_value(o, coercion, ctx))
            values.sort(key=_sort_key)
            obj[name] = values if as_set or len(values) > 1 else values[0]
        return obj

    graph = sorted((node(k) for k in top), key=_sort_key)
    return {"@context": ctx_obj, "@graph": graph}


# --------------------------------------------------------------------------------------------
# VoID

_FORMAT_IRIS = {
    "turtle": "http://www.w3.org/ns/formats/Turtle",
    "nt": "http://www.w3.org/ns/formats/N-Triples",
    "nquads": "http://www.w3.org/ns/formats/N-Quads",
    "trig": "http://www.w3.org/ns/formats/TriG",
    "json-ld": "http://www.w3.org/ns/formats/JSON-LD",
    "xml": "http://www.w3.org/ns/formats/RDF_XML",
}


def _partition_name(iri: str, table: dict[str, str]) -> str:
    """A readable, collision-free IRI segment for a class or property (``rk-Document``)."""
    for ns, prefix in sorted(((ns, p) for p, ns in table.items()), key=lambda x: (-len(x[0]), x[1])):
        local = iri[len(ns):]
        if iri.startswith(ns) and local and prefix != "id":
            return f"{prefix}-{quote(local, safe='-._~')}"
    return "iri-" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]


def _vocabulary(iri: str, table: dict[str, str]) -> str:
    for ns, _ in sorted(((ns, p) for p, ns in table.items() if p != "id"), key=lambda x: -len(x[0])):
        if iri.startswith(ns):
            return ns
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1] if cut > 0 else iri


def void_description(data: Dataset | Graph, *, dataset_iri: str | None = None, title: str | None = None,
                     description: str | None = None, dumps: Sequence[str | Path] = (),
                     sources: Sequence[str] = (), license: str | None = None,
                     base: str | None = None) -> Graph:
    """A VoID description of ``data``: counts, class and property partitions, subsets, dumps.

    Counts are over the union of all graphs (duplicate triples counted once): ``void:triples``,
    ``void:distinctSubjects``, ``void:distinctObjects``, ``void:properties``, ``void:classes`` and
    ``void:entities`` (distinct subjects that have an ``rdf:type``). Each class gets a
    ``void:classPartition`` (``void:class``, ``void:entities``) and each property a
    ``void:propertyPartition`` (``void:property``, ``void:triples``); their IRIs are
    ``{dataset_iri}/class/{prefix}-{local}`` and ``{dataset_iri}/property/{prefix}-{local}``. Every
    named graph is a ``void:subset`` (the graph IRI itself) with its own ``void:triples``. No blank
    nodes and no timestamps: the same data always gives the same description.

    :param dataset_iri: IRI of the dataset (default: ``{base}dataset``).
    :param title: ``dcterms:title`` (English).
    :param description: ``dcterms:description`` (English), optional.
    :param dumps: the export files, as absolute IRIs or as references relative to ``dataset_iri``
        (``rdfkit.ttl``); a :class:`~pathlib.Path` contributes only its file name, so the
        description does not depend on the build folder. Each becomes a ``void:dataDump``, and its
        format a ``void:feature``.
    :param sources: IRIs the data was derived from (``dcterms:source``).
    :param license: IRI of the licence (``dcterms:license``).
    :param base: the data base IRI (``void:uriSpace``, and the default ``dataset_iri``).
    """
    table = prefix_table(base)
    data_base = table["id"]
    dataset = URIRef(dataset_iri or data_base + "dataset")
    root = str(dataset).rstrip("/#")
    quads = _canonical(rdfio.to_ox_quads(data))
    triples = _union(quads)

    g = Graph()
    for prefix, ns in table.items():
        g.bind(prefix, ns, override=True, replace=True)
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, DCTERMS.title, Literal(title or "Archival documents published with rdfkit", lang="en")))
    if description:
        g.add((dataset, DCTERMS.description, Literal(description, lang="en")))
    if license:
        g.add((dataset, DCTERMS.license, URIRef(license)))
    for source in sources:
        g.add((dataset, DCTERMS.source, URIRef(str(source))))
    g.add((dataset, VOID.uriSpace, Literal(data_base)))

    subjects = {_key(t.subject) for t in triples}
    objects = {_key(t.object) for t in triples}
    by_property: dict[str, int] = defaultdict(int)
    instances: dict[str, set[str]] = defaultdict(set)
    for t in triples:
        by_property[t.predicate.value] += 1
        if t.predicate.value == _RDF_TYPE and isinstance(t.object, ox.NamedNode):
            instances[t.object.value].add(_key(t.subject))
    typed = set().union(*instances.values()) if instances else set()

    g.add((dataset, VOID.triples, Literal(len(triples))))
    g.add((dataset, VOID.entities, Literal(len(typed))))
    g.add((dataset, VOID.distinctSubjects, Literal(len(subjects))))
    g.add((dataset, VOID.distinctObjects, Literal(len(objects))))
    g.add((dataset, VOID.properties, Literal(len(by_property))))
    g.add((dataset, VOID.classes, Literal(len(instances))))

    for cls, members in instances.items():
        part = URIRef(f"{root}/class/{_partition_name(cls, table)}")
        g.add((dataset, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(len(members))))
    for prop, count in by_property.items():
        part = URIRef(f"{root}/property/{_partition_name(prop, table)}")
        g.add((dataset, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(prop)))
        g.add((part, VOID.triples, Literal(count)))
    for vocab in sorted({_vocabulary(i, table) for i in [*by_property, *instances]}):
        g.add((dataset, VOID.vocabulary, URIRef(vocab)))

    per_graph: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for q in quads:
        if isinstance(q.graph_name, ox.NamedNode):
            per_graph[q.graph_name.value].add(_triple_key(q.triple))
    for graph_name, keys in per_graph.items():
        subset = URIRef(graph_name)
        g.add((dataset, VOID.subset, subset))
        g.add((subset, RDF.type, VOID.Dataset))
        g.add((subset, VOID.triples, Literal(len(keys))))

    for dump in dumps:
        ref = Path(dump).name if isinstance(dump, Path) else str(dump)
        g.add((dataset, VOID.dataDump, URIRef(urljoin(str(dataset), ref))))
        try:
            fmt = rdfio.format_for_path(ref)
        except UsageError:
            continue
        if fmt.name in _FORMAT_IRIS:
            g.add((dataset, VOID.feature, URIRef(_FORMAT_IRIS[fmt.name])))
    return g


def _bytes(data: bytes | None) -> bytes:
    """pyoxigraph returns the bytes when no output is given; say so to the type checker."""
    assert data is not None
    return data
