"""The two SHACL engines behind :func:`rdfkit.validate.validate`, and how one is chosen.

- ``shacl``: the compiled engine of the PyPI package `shacl <https://pypi.org/project/shacl/>`_
  (Rust, MIT OR Apache-2.0). It reads N-Quads straight from a file, releases the GIL and runs
  about 50 times faster than pySHACL on rdfkit's shapes.
- ``pyshacl``: `pySHACL <https://github.com/RDFLib/pySHACL>`_, the reference implementation,
  and the fallback for any shapes feature the compiled engine is not known to support.

``auto`` picks ``shacl`` unless :func:`unsupported_features` finds in the shapes a feature of
SHACL beyond what rdfkit has checked the compiled engine against (SHACL Core, SPARQL constraints
with ``sh:prefixes``, ``sh:deactivated``, ``sh:severity``, ``sh:message``): SHACL-AF rules,
targets and functions, custom constraint components and SHACL-JS go to pySHACL.
The check looks at the vocabulary the shapes use, so the choice is made from the shapes, not
guessed from failures. Both engines give the same results on the W3C SHACL Core suite, on
rdfkit's shapes over its seeds and on generated data with every kind of error injected
(``tests/test_engines.py``).

The compiled engine reports blank nodes with labels of its own (``_:0_b7``: data graph, 7th blank
node met while parsing); :class:`FastEngine` maps them back to the labels of the input, and runs
the shapes with every blank-node shape given a temporary IRI so each result points at a shape of
the caller's shapes graph.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import ShapesError, UsageError
from ..graph import SH
from ..rdfio import to_ox
from .data import parse_terms
from .report import needs_solution

#: The engines :func:`rdfkit.validate.validate` accepts; ``auto`` chooses per shapes graph.
ENGINES = ("auto", "shacl", "pyshacl")

#: Where blank-node shapes are given IRIs for the compiled engine (and mapped back).
_SKOLEM = "urn:rdfkit:shape:"

#: A shape and a triple that find out how the engine numbers blank nodes (:meth:`FastEngine._probe_offset`).
_PROBE_SHAPE = (
    "<urn:rdfkit:probe-shape> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/shacl#NodeShape> .\n"
    "<urn:rdfkit:probe-shape> <http://www.w3.org/ns/shacl#targetSubjectsOf> <urn:rdfkit:probe> .\n"
    "<urn:rdfkit:probe-shape> <http://www.w3.org/ns/shacl#nodeKind> <http://www.w3.org/ns/shacl#IRI> .\n"
)
_PROBE_DATA = "_:probe <urn:rdfkit:probe> <urn:rdfkit:probe> .\n"

#: The SHACL features the compiled engine is not checked for (local names in ``sh:``), in words for
#: the message that says why pySHACL was used. Every other ``sh:`` term is SHACL Core, SPARQL
#: constraints or report vocabulary, which the W3C suite and rdfkit's tests cover for both engines.
_FEATURE_NAMES = {
    "rule": "SHACL-AF rules (sh:rule)", "TripleRule": "SHACL-AF rules (sh:rule)",
    "SPARQLRule": "SHACL-AF rules (sh:rule)", "target": "SHACL-AF targets (sh:target)",
    "SPARQLTarget": "SPARQL-based targets", "SPARQLTargetType": "SPARQL-based target types",
    "SPARQLFunction": "SPARQL functions", "ConstraintComponent": "custom constraint components",
    "parameter": "custom constraint components", "validator": "custom constraint components",
    "nodeValidator": "custom constraint components", "propertyValidator": "custom constraint components",
    "SPARQLAskValidator": "custom constraint components", "SPARQLSelectValidator":
    "custom constraint components", "ask": "SPARQL ASK validators", "js": "SHACL-JS",
    "jsFunctionName": "SHACL-JS", "jsLibrary": "SHACL-JS", "JSConstraint": "SHACL-JS",
    "entailment": "entailment regimes (sh:entailment)", "shapesGraph": "sh:shapesGraph",
    "construct": "SPARQL CONSTRUCT rules", "update": "SPARQL updates", "expression": "node expressions",
}


def fast_engine_available() -> bool:
    """True when the compiled ``shacl`` package can be imported."""
    try:
        import shacl  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def unsupported_features(shapes: Graph) -> list[str]:
    """The shapes features the compiled engine is not checked for, in words (empty: all supported).

    >>> g = Graph().parse(format="turtle", data='''
    ...     @prefix sh: <http://www.w3.org/ns/shacl#> .
    ...     <urn:s> a sh:NodeShape ; sh:rule [ a sh:TripleRule ] ; sh:targetClass <urn:C> .''')
    >>> unsupported_features(g)
    ['SHACL-AF rules (sh:rule)']
    """
    ns = str(SH)
    found = set()
    for _, p, o in shapes:
        # a feature is used as a predicate (sh:rule) or a class (a sh:SPARQLTarget); the same names
        # as plain values (SHACL-SHACL's sh:path sh:entailment) use nothing
        for term in (o,) if p == RDF.type else (p,):
            if isinstance(term, URIRef) and str(term).startswith(ns):
                local = str(term)[len(ns):]
                if local in _FEATURE_NAMES:
                    found.add(_FEATURE_NAMES[local])
    if any(needs_solution(shapes, shape) for shape in set(shapes.subjects(SH.sparql, None))):
        found.add("messages that name variables of a SPARQL query other than ?value (such as {?start})")
    return sorted(found)


def choose(engine: str, shapes: Graph) -> tuple[str, str | None]:
    """The engine to run and, when ``auto`` fell back to pySHACL, why."""
    if engine not in ENGINES:
        raise UsageError(f"unknown validation engine {engine!r}", hint=f"Use one of: {', '.join(ENGINES)}.")
    if engine == "pyshacl":
        return "pyshacl", None
    missing = unsupported_features(shapes)
    available = fast_engine_available()
    if engine == "shacl":
        if not available:
            raise UsageError("the compiled SHACL engine (the Python package 'shacl') is not installed",
                             hint="Install it (pip install shacl) or use --engine pyshacl.")
        if missing:
            raise UsageError(f"the shapes use {', '.join(missing)}, which the compiled engine does not support",
                             hint="Use --engine pyshacl (or auto, which chooses pySHACL for these shapes).")
        return "shacl", None
    if not available:
        return "pyshacl", "the compiled engine (package 'shacl') is not installed"
    if missing:
        return "pyshacl", f"the shapes use {', '.join(missing)}"
    return "shacl", None


class DataSyntaxError(Exception):
    """The engine could not parse the data (rdfkit then finds the line with pyoxigraph)."""


@dataclass(frozen=True)
class RawResult:
    """One result as an engine reports it, with rdflib terms; shapes are nodes of the caller's graph."""

    focus_node: Node
    path: str | None  # in SPARQL syntax, as the engine writes it
    value: Node | None
    source_shape: Node | None
    component: URIRef
    severity: URIRef
    messages: tuple[Literal, ...]


class FastEngine:
    """The compiled engine with a shapes graph compiled once, ready for many data files."""

    def __init__(self, shapes: Graph, label: str = "the shapes") -> None:
        import shacl  # noqa: PLC0415

        self.shapes = shapes
        skolem, self._shape_of = _skolemize_shapes(shapes)
        try:
            self._compiled = shacl.Shapes.from_text(skolem + _PROBE_SHAPE, "ntriples")
        except ValueError as exc:
            if "SPARQL" in str(exc):
                raise ShapesError(f"{label}: a SPARQL query in the shapes does not parse: {_first_line(exc)}",
                                  hint="Fix the sh:select query and try again.") from None
            raise ShapesError(f"{label}: the SHACL engine cannot compile them: {_first_line(exc)}",
                              hint="Check the shapes against the SHACL specification "
                              "(https://www.w3.org/TR/shacl/), or try --engine pyshacl.") from None
        self._messages = _message_index(shapes)
        self._bnode_offset = self._probe_offset()
        self._no_value = _sparql_without_value(shapes)

    def _probe_offset(self) -> int:
        """How many blank nodes the engine numbers before the data's own (see :func:`_parse_terms`).

        The engine labels data blank nodes ``_:0_bN`` from a counter it shares with the blank nodes
        of the shapes. A one-triple probe, caught by a probe shape added to the shapes (it targets
        a predicate no data uses), tells where the data's numbers start.
        """
        report = self._compiled.validate_text(_PROBE_DATA, "ntriples")
        labels = [r.focus_node for r in report.results if r.focus_node.startswith("_:0_b")]
        if len(labels) != 1 or not labels[0][5:].isdigit():
            raise ShapesError("the compiled SHACL engine did not behave as expected on a probe",
                              hint="Use --engine pyshacl, and report this to the rdfkit developers.")
        return int(labels[0][5:])

    def run(self, path: Path, max_results: int | None = None) -> list[RawResult]:
        """Validate one N-Quads file (the union of its graphs)."""
        try:
            report = self._compiled.validate_file(str(path), max_results=max_results)
        except ValueError as exc:
            if "parse error" in str(exc):
                raise DataSyntaxError(str(exc)) from None
            raise
        results = report.results
        if not results:
            return []
        terms = _parse_terms({t for r in results for t in (r.focus_node, r.value) if t is not None}
                             | {r.source_shape for r in results if r.source_shape},
                             path if any(_is_engine_bnode(r.focus_node) or _is_engine_bnode(r.value)
                                         for r in results) else None, self._bnode_offset)
        out = []
        for r in results:
            shape = terms.get(r.source_shape) if r.source_shape else None
            if isinstance(shape, URIRef) and str(shape).startswith(_SKOLEM):
                shape = self._shape_of.get(str(shape), shape)
            value = terms[r.value] if r.value is not None else None
            if shape in self._no_value and r.component == "SPARQLConstraintComponent":
                value = None  # see _sparql_without_value
            out.append(RawResult(
                focus_node=terms[r.focus_node],
                path=r.path,
                value=value,
                source_shape=shape,
                component=URIRef(r.component_iri),
                severity=URIRef(r.severity_iri),
                messages=self._tagged(shape, r.messages),
            ))
        return out

    def _tagged(self, shape: Node | None, messages: list[str]) -> tuple[Literal, ...]:
        """The engine's messages with their language tags back (it returns plain strings).

        Each message is matched against the shape's ``sh:message`` templates (placeholders match
        anything, since the engine fills them in SPARQL constraints).
        """
        templates = self._messages.get(shape, []) if shape is not None else []
        out = []
        for text in messages:
            lang = None
            for template, pattern in templates:
                if pattern.fullmatch(text):
                    lang = template.language
                    break
            out.append(Literal(text, lang=lang))
        return tuple(out)


def _is_engine_bnode(term: str | None) -> bool:
    return term is not None and term.startswith("_:")


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().split("\n")[0]


def _skolemize_shapes(shapes: Graph) -> tuple[str, dict[str, Node]]:
    """The shapes as N-Triples with every blank-node *shape* named ``urn:rdfkit:shape:N``.

    Only shapes get IRIs (nodes with ``sh:path``, or values of ``sh:property``, ``sh:node``,
    ``sh:not``, ``sh:qualifiedValueShape`` and members of ``sh:and``/``sh:or``/``sh:xone``): path
    nodes and lists must stay blank nodes. Returns the text and the IRI → original node map.
    """
    shape_nodes: set[Node] = set()
    for p in (SH.property, SH.node, SH["not"], SH.qualifiedValueShape):
        shape_nodes.update(o for o in shapes.objects(None, p) if isinstance(o, BNode))
    for p in (SH["and"], SH["or"], SH.xone):
        for lst in shapes.objects(None, p):
            shape_nodes.update(i for i in shapes.items(lst) if isinstance(i, BNode))
    shape_nodes.update(s for s in shapes.subjects(SH.path, None) if isinstance(s, BNode))
    names: dict[Node, Node] = {node: URIRef(f"{_SKOLEM}{n}") for n, node in enumerate(sorted(shape_nodes, key=str))}
    out = io.BytesIO()
    quads = []
    for triple in shapes:
        subject, obj = names.get(triple[0], triple[0]), names.get(triple[2], triple[2])
        quads.append(ox.Triple(to_ox(subject), to_ox(triple[1]), to_ox(obj)))  # type: ignore[arg-type]
    ox.serialize(quads, out, format=ox.RdfFormat.N_TRIPLES)
    return out.getvalue().decode("utf-8"), {str(v): k for k, v in names.items()}


_VALUE_VARIABLE = re.compile(r"[?$]value\b")


def _sparql_without_value(shapes: Graph) -> set[Node]:
    """Property shapes whose SPARQL constraints never bind ``?value``.

    For those, pySHACL (the reference) reports no ``sh:value`` while the compiled engine reports
    the focus node; rdfkit follows pySHACL. A query that never mentions ``?value`` cannot bind it.
    """
    out = set()
    for shape in set(shapes.subjects(SH.sparql, None)):
        if shapes.value(shape, SH.path) is None:
            continue
        queries = [str(q) for c in shapes.objects(shape, SH.sparql) for q in shapes.objects(c, SH.select)]
        if queries and not any(_VALUE_VARIABLE.search(q) for q in queries):
            out.add(shape)
    return out


_PLACEHOLDER = re.compile(r"\\\{[$?][A-Za-z_][A-Za-z0-9_]*\\\}")


def _message_index(shapes: Graph) -> dict[Node, list[tuple[Literal, re.Pattern[str]]]]:
    """For every shape, its message templates (and those of its SPARQL constraints) as patterns."""
    out: dict[Node, list[tuple[Literal, re.Pattern[str]]]] = {}
    for shape, message in shapes.subject_objects(SH.message):
        if not isinstance(message, Literal):
            continue
        owners = [shape] + list(shapes.subjects(SH.sparql, shape))
        pattern = re.compile(_PLACEHOLDER.sub(".*?", re.escape(str(message))), re.DOTALL)
        for owner in owners:
            out.setdefault(owner, []).append((message, pattern))
    for templates in out.values():
        templates.sort(key=lambda t: (t[0].language or "", str(t[0])))
    return out


def _parse_terms(texts: Iterable[str], data: Path | None, offset: int = 0) -> dict[str, Node]:
    """Terms in N-Triples syntax (as the engine gives them) to rdflib terms, in one parse.

    Blank nodes of the data (``_:0_bN``) become the (N - offset)th distinct blank node of the
    N-Quads file ``data``, counting subjects and objects in order of appearance, which is how the
    engine numbers them (after the blank nodes of the shapes: ``offset``).
    """
    texts = set(texts)
    numbers = {t: int(t[5:]) - offset for t in texts if t.startswith("_:0_b") and t[5:].isdigit()}
    labels = _bnode_labels(data, max(numbers.values()) + 1) if numbers and data is not None else []
    out = parse_terms(t for t in texts if t not in numbers)
    for t, n in numbers.items():
        out[t] = BNode(labels[n]) if 0 <= n < len(labels) else BNode(t[2:])
    return out


def _bnode_labels(path: Path, needed: int) -> list[str]:
    """The first ``needed`` distinct blank-node labels of an N-Quads file, in order of appearance."""
    seen: dict[str, None] = {}
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.BlankNode) and term.value not in seen:
                seen[term.value] = None
        if len(seen) >= needed:
            break
    return list(seen)

