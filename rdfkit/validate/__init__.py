"""SHACL validation: run pySHACL on RDF and turn its report into something people can read.

:func:`validate` takes our own output or anyone's RDF (an rdflib graph or dataset, or files and
folders in any RDF syntax), checks it against the shipped shapes (or shapes you name) and returns
a :class:`ValidationReport`::

    >>> from rdflib import Graph
    >>> data = Graph().parse(format="turtle", data='''
    ...     @prefix rk: <https://w3id.org/rdfkit/ns#> .
    ...     <https://w3id.org/rdfkit/id/document/da-1> a rk:Document .''')
    >>> shapes = Graph().parse(format="turtle", data='''
    ...     @prefix rk: <https://w3id.org/rdfkit/ns#> .
    ...     @prefix sh: <http://www.w3.org/ns/shacl#> .
    ...     @prefix dcterms: <http://purl.org/dc/terms/> .
    ...     rk:DocumentShape a sh:NodeShape ; sh:targetClass rk:Document ;
    ...         sh:property [ sh:path dcterms:date ; sh:minCount 1 ; sh:name "date" ;
    ...                       sh:message "A document needs a date." ] .''')
    >>> report = validate(data, shapes)
    >>> report.conforms, report.exit_code
    (False, 1)
    >>> print(report.to_text())
    Does not conform: 1 violation, 0 warnings, 0 infos.
    [Violation] id:document/da-1 dcterms:date: A document needs a date.

How pySHACL is run: no inference, SHACL Advanced Features on (``sh:sparql``, SPARQL targets,
rules, functions), ``owl:imports`` never followed, SHACL-JS off, and shapes whose SPARQL uses
``SERVICE`` or ``FROM`` are refused, so validation never touches the network. A dataset is
validated as one graph, the union of all its graphs (pySHACL would otherwise validate each named
graph on its own), and every result remembers the named graph(s) its focus node came from: its
*record*.

Severities: ``Violation`` means wrong, ``Warning`` suspicious or incomplete, ``Info`` for your
information. Only Violations (and severities other than Warning and Info, which SHACL allows)
make :attr:`ValidationReport.conforms` false and the exit code 1. The standard report graph
(:attr:`ValidationReport.graph`, exactly what pySHACL produced) keeps the SHACL meaning of
``sh:conforms``: false as soon as there is any result, even a Warning.

JSON output (:meth:`ValidationReport.to_json`), stable keys::

    {
      "conforms": true | false,             # no Violation results
      "counts": {"Violation": 1, "Warning": 0, "Info": 0},   # always these three, plus any
                                            # other severity the shapes use
      "results": [                          # sorted like ValidationReport.results
        {
          "severity": "Violation" | "Warning" | "Info",
          "message": "A document needs a date.",
          "record": "https://w3id.org/rdfkit/id/graph/da-1" | null,   # named graph of the focus node
          "records": ["https://…", …],      # all named graphs it appears in (usually one)
          "focus_node": {"type": "uri", "value": "https://w3id.org/rdfkit/id/document/da-1"},
          "path": "http://purl.org/dc/terms/date" | null,   # a predicate path is its IRI; other
                                            # paths use SPARQL syntax: "^<…>/<…>"
          "value": {"type": "literal", "value": "1910-02-31",
                    "datatype": "http://www.w3.org/2001/XMLSchema#date"} | null,
          "source_shape": {"type": "bnode", "value": "…"},
          "shape_name": "date" | null,      # sh:name of the source shape
          "constraint_component": "http://www.w3.org/ns/shacl#MinCountConstraintComponent"
        }
      ]
    }

RDF terms (``focus_node``, ``value``, ``source_shape``) use the term objects of the SPARQL 1.1
Query Results JSON format: ``type`` is ``uri``, ``bnode`` or ``literal``; literals carry
``datatype`` (when not ``xsd:string``) or ``xml:lang``.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pyshacl
import rdflib
from pyshacl.errors import ReportableRuntimeError, ValidationFailure
from pyshacl.monkey import rdflib_bool_patch
from rdflib import RDF, BNode, ConjunctiveGraph, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath
from rdflib.paths import Path as PropertyPath
from rdflib.term import Node

from ..errors import RdfkitError, ShapesError, UsageError
from ..graph import SH, XSD, prefixes
from ..rdfio import iter_rdf_files, read_dataset, read_graph, to_ox_quads, to_rdflib
from ..resources import shapes_graph as shipped_shapes_graph
from ..resources import shapes_paths
from .terms import one_line, path_json, path_text, plural, shorten, term_json, term_sort, term_text

__all__ = ["validate", "ValidationReport", "ValidationResult", "ValidationFailed", "ENGINES"]

#: The validation engines :func:`validate` knows.
ENGINES = ("pyshacl",)

PathLike = str | Path
DataInput = Graph | Dataset | PathLike | Iterable[PathLike]
ShapesInput = Graph | PathLike | Iterable[PathLike] | None

_SEVERITY_RANK = {"Violation": 0, "Warning": 1, "Info": 2}
_NOT_FATAL = ("Warning", "Info")
_SPARQL_PREDICATES = (SH.select, SH.ask, SH.construct, SH.update)


class ValidationFailed(RdfkitError):
    """The data does not conform: the shapes found at least one Violation.

    Raised by :meth:`ValidationReport.raise_for_violations`; ``report`` holds the whole report.
    """

    exit_code = 1

    def __init__(self, report: ValidationReport, *, limit: int = 5) -> None:
        self.report = report
        violations = report.violations
        n = len(violations)
        lines = [f"The data does not conform to the shapes: {plural(n, 'violation')}."]
        lines += [r.to_text() for r in violations[:limit]]
        if n > limit:
            lines.append(f"… and {n - limit} more")
        super().__init__(
            "\n".join(lines),
            hint="Fix the data (or the shapes) and validate again; `rdfkit validate` lists every result.",
        )


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL validation result, in terms a cataloguer can act on.

    ``record`` is the named graph (source record) the focus node came from, when the data was a
    dataset; ``records`` lists all of them when the node appears in several.

    >>> r = ValidationResult("Violation", URIRef("https://w3id.org/rdfkit/id/document/da-1"),
    ...     URIRef("http://purl.org/dc/terms/date"), Literal("1910-02-31"), "Not a real date.",
    ...     BNode("s1"), "date", SH.DatatypeConstraintComponent,
    ...     URIRef("https://w3id.org/rdfkit/id/graph/da-1"))
    >>> r.to_text()
    '[Violation] id:graph/da-1 dcterms:date: Not a real date. (value: "1910-02-31"; focus: id:document/da-1)'
    """

    severity: str
    focus_node: Node
    path: URIRef | PropertyPath | None
    value: Node | None
    message: str
    source_shape: Node
    shape_name: str | None
    constraint_component: URIRef
    record: URIRef | None = None
    records: tuple[URIRef, ...] = field(default=(), compare=False)

    @property
    def is_violation(self) -> bool:
        """True unless the severity is Warning or Info (custom severities count as Violations)."""
        return self.severity not in _NOT_FATAL

    def key(self) -> tuple[Node, URIRef | PropertyPath | None, URIRef, str, Node | None]:
        """A hashable ``(focus_node, path, constraint_component, severity, value)`` for set comparisons."""
        return (self.focus_node, self.path, self.constraint_component, self.severity, self.value)

    def to_text(self) -> str:
        """One line: ``[Violation] <record or focus> <path>: message (value: …; focus: …)``."""
        where = term_text(self.record) if self.record is not None else term_text(self.focus_node)
        path = f" {path_text(self.path)}" if self.path is not None else ""
        extras = []
        if self.value is not None:
            extras.append(f"value: {shorten(term_text(self.value))}")
        if self.record is not None:
            extras.append(f"focus: {term_text(self.focus_node)}")
        tail = f" ({'; '.join(extras)})" if extras else ""
        return f"[{self.severity}] {where}{path}: {one_line(self.message)}{tail}"

    def to_json(self) -> dict[str, Any]:
        """The result as a JSON-ready dict (keys documented in the module docstring)."""
        return {
            "severity": self.severity,
            "message": self.message,
            "record": str(self.record) if self.record is not None else None,
            "records": [str(r) for r in self.records],
            "focus_node": term_json(self.focus_node),
            "path": path_json(self.path),
            "value": term_json(self.value) if self.value is not None else None,
            "source_shape": term_json(self.source_shape),
            "shape_name": self.shape_name,
            "constraint_component": str(self.constraint_component),
        }

    def _sort_key(self) -> tuple[Any, ...]:
        return (
            _SEVERITY_RANK.get(self.severity, 0),
            str(self.record or ""),
            term_sort(self.focus_node),
            path_text(self.path) if self.path is not None else "",
            str(self.constraint_component),
            term_sort(self.value) if self.value is not None else ("",),
            self.message,
            term_sort(self.source_shape),
        )


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`: sorted results plus the standard SHACL report graph.

    >>> report = ValidationReport.from_graph(Graph().parse(format="turtle", data='''
    ...     @prefix sh: <http://www.w3.org/ns/shacl#> .
    ...     [] a sh:ValidationReport ; sh:conforms true .'''))
    >>> report.conforms, report.counts, report.exit_code
    (True, {'Violation': 0, 'Warning': 0, 'Info': 0}, 0)
    """

    results: tuple[ValidationResult, ...]
    graph: Graph = field(repr=False, compare=False)

    @classmethod
    def from_graph(
        cls,
        report_graph: Graph,
        shapes: Graph | None = None,
        records: dict[Node, tuple[URIRef, ...]] | None = None,
    ) -> ValidationReport:
        """Build a report from a pySHACL results graph.

        ``shapes`` is the shapes graph (for ``sh:name``, and for ``{$param}`` placeholders in
        messages); ``records`` maps focus nodes to the named graphs they came from.
        """
        records = records or {}
        shapes = shapes if shapes is not None else report_graph
        results = []
        for node in report_graph.objects(None, SH.result):
            focus = report_graph.value(node, SH.focusNode)
            if focus is None:  # not a SHACL result; nothing to point at
                continue
            severity_iri = report_graph.value(node, SH.resultSeverity)
            path_node = report_graph.value(node, SH.resultPath)
            path = _read_path(report_graph, path_node) if path_node is not None else None
            value = report_graph.value(node, SH.value)
            shape = report_graph.value(node, SH.sourceShape)
            component = report_graph.value(node, SH.sourceConstraintComponent)
            component = component if isinstance(component, URIRef) else URIRef(str(component or ""))
            severity = _severity_name(severity_iri)
            messages = list(report_graph.objects(node, SH.resultMessage))
            message = _pick_text(messages)
            if message is None:
                message = _default_message(component, path, value)
            else:
                message = _fill_placeholders(message, focus, path, value, shapes, shape)
            name = _pick_text(list(shapes.objects(shape, SH.name))) if shape is not None else None
            recs = records.get(focus, ())
            results.append(
                ValidationResult(
                    severity=severity,
                    focus_node=focus,
                    path=path,
                    value=value,
                    message=message,
                    source_shape=shape if shape is not None else BNode(),
                    shape_name=name,
                    constraint_component=component,
                    record=recs[0] if recs else None,
                    records=recs,
                )
            )
        results.sort(key=ValidationResult._sort_key)
        return cls(results=tuple(results), graph=report_graph)

    @property
    def conforms(self) -> bool:
        """True when there is no Violation (Warnings and Infos do not count)."""
        return not any(r.is_violation for r in self.results)

    @property
    def violations(self) -> tuple[ValidationResult, ...]:
        """The results that make the data non-conforming."""
        return tuple(r for r in self.results if r.is_violation)

    @property
    def counts(self) -> dict[str, int]:
        """Number of results per severity; Violation, Warning and Info are always present."""
        counter = Counter(r.severity for r in self.results)
        out = {"Violation": counter.pop("Violation", 0), "Warning": counter.pop("Warning", 0),
               "Info": counter.pop("Info", 0)}
        out.update(sorted(counter.items()))
        return out

    @property
    def exit_code(self) -> int:
        """0 when the data conforms, 1 when there are violations."""
        return 0 if self.conforms else 1

    def to_text(self, limit: int | None = None) -> str:
        """Counts first, then one line per result; with ``limit``, the rest as "… and N more"."""
        counts = self.counts
        parts = [plural(counts.pop("Violation"), "violation"), plural(counts.pop("Warning"), "warning"),
                 plural(counts.pop("Info"), "info")]
        parts += [f"{n} {sev}" for sev, n in counts.items()]  # custom severities, as named
        head = "Conforms" if self.conforms else "Does not conform"
        lines = [f"{head}: {', '.join(parts)}."]
        shown = self.results if limit is None else self.results[: max(limit, 0)]
        lines += [r.to_text() for r in shown]
        if len(shown) < len(self.results):
            lines.append(f"… and {len(self.results) - len(shown)} more")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """``{"conforms": …, "counts": {…}, "results": […]}``: see the module docstring."""
        return {
            "conforms": self.conforms,
            "counts": self.counts,
            "results": [r.to_json() for r in self.results],
        }

    def to_turtle(self) -> str:
        """The standard SHACL report graph as Turtle: same report, same bytes.

        Blank nodes get their W3C RDFC-1.0 canonical labels (pyoxigraph; rdflib's
        ``to_canonical_graph`` takes minutes on a few thousand results), then rdflib's
        ``longturtle`` writes subjects and predicates sorted.
        """
        canonical = ox.Dataset(to_ox_quads(self.graph))
        canonical.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        out = Graph(bind_namespaces="none")
        for prefix, ns in sorted(self.graph.namespace_manager.namespaces()):
            out.bind(prefix, ns, override=True, replace=True)
        for prefix, namespace in prefixes().items():
            out.bind(prefix, namespace, override=True, replace=True)
        for q in canonical:
            out.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        return out.serialize(format="longturtle")

    def raise_for_violations(self, *, limit: int = 5) -> ValidationReport:
        """Raise :class:`ValidationFailed` (exit code 1) listing the first ``limit`` violations.

        Returns the report itself when there are none, so calls can be chained.
        """
        if not self.conforms:
            raise ValidationFailed(self, limit=limit)
        return self


def validate(data: DataInput, shapes: ShapesInput = None, *, engine: str = "pyshacl",
             data_format: str | None = None) -> ValidationReport:
    """Validate RDF against SHACL shapes.

    Parameters:
        data: an rdflib :class:`~rdflib.Graph` or :class:`~rdflib.Dataset`, or RDF files and
            folders (any syntax rdfkit reads; folders are searched for RDF files).
        shapes: ``None`` for the shapes rdfkit ships, an rdflib graph, or shapes files/folders.
        engine: the validator; only ``"pyshacl"`` for now.
        data_format: the syntax of the data files when their extension does not tell (stdin, ``-``).

    Raises:
        SourceNotFound, SourceSyntaxError: a data or shapes file is missing or does not parse.
        ShapesError: the shapes are not valid SHACL, or their SPARQL would reach the network.
        UsageError: an unknown engine, or paths that hold no RDF files.

    Example::

        report = validate(["out/records.trig"])
        print(report.to_text(limit=20))
        report.raise_for_violations()
    """
    if engine not in ENGINES:
        raise UsageError(f"unknown validation engine {engine!r}", hint=f"Use one of: {', '.join(ENGINES)}.")
    data_graph, dataset, owned = _load_data(data, data_format)
    shapes_g, shapes_files, shapes_label = _load_shapes(shapes)
    _refuse_network_sparql(shapes_g, shapes_label)
    try:
        with _pyshacl_log() as log_records:
            _, report_graph, _ = pyshacl.validate(
                data_graph,
                shacl_graph=shapes_g,
                ont_graph=None,
                inference="none",
                advanced=True,
                abort_on_first=False,
                # Keep SHACL's own sh:conforms in the report graph (false on any result); our
                # `conforms` ignores Warnings and Infos instead.
                allow_infos=False,
                allow_warnings=False,
                do_owl_imports=False,
                js=False,
                # Our own union graph may be used in place; a caller's graph is cloned by pySHACL.
                inplace=owned,
            )
    except ReportableRuntimeError as exc:
        raise _shapes_error(exc, shapes_g, shapes_files, shapes_label) from None
    except Exception as exc:  # pyparsing errors from SPARQL in the shapes, and the like
        if type(exc).__module__.startswith("pyparsing"):
            raise ShapesError(
                f"{shapes_label}: a SPARQL query in the shapes does not parse: {one_line(str(exc))}",
                hint="Fix the sh:select / sh:ask / sh:construct query and try again.",
            ) from None
        raise
    if isinstance(report_graph, ValidationFailure):
        raise ShapesError(
            f"{shapes_label}: validation could not be completed: {one_line(report_graph.message)}",
            hint="Simplify or correct the shapes named above (see https://www.w3.org/TR/shacl/#failures).",
        )
    _forward(log_records)
    records: dict[Node, tuple[URIRef, ...]] = {}
    if dataset is not None:
        focus = set(report_graph.objects(None, SH.focusNode))
        records = _records_for(focus, dataset) if focus else {}
    return ValidationReport.from_graph(report_graph, shapes_g, records)


# --- loading ---------------------------------------------------------------------------------


def _as_paths(value: PathLike | Iterable[PathLike]) -> list[Path]:
    if isinstance(value, (str, Path)):
        return [Path(value)]
    return [Path(p) for p in value]


def _load_data(data: DataInput, fmt: str | None = None) -> tuple[Graph, Dataset | ConjunctiveGraph | None, bool]:
    """The graph to validate, the dataset it came from (for records), and whether it is ours."""
    if isinstance(data, ConjunctiveGraph):  # Dataset is one too
        return _union(data), data, True
    if isinstance(data, Graph):
        return data, None, False
    files = _files(data, "no RDF files to validate in",
                   "Name RDF files (.ttl, .trig, .nq, .nt, .jsonld, .rdf) or folders holding them.")
    ds = read_dataset(files, fmt)
    return _union(ds), ds, True


def _files(value: PathLike | Iterable[PathLike], problem: str, hint: str) -> list[Path]:
    """The RDF files ``value`` names (folders expanded); an error when there are none."""
    paths = _as_paths(value)
    files = list(iter_rdf_files(paths))
    if not files:
        raise UsageError(f"{problem} {', '.join(str(p) for p in paths) or '(nothing given)'}", hint=hint)
    return files


def _union(ds: ConjunctiveGraph) -> Graph:
    """All triples of all graphs of ``ds`` in one plain graph."""
    g = Graph()
    for prefix, ns in ds.namespace_manager.namespaces():
        g.bind(prefix, ns, override=False)
    g.addN((s, p, o, g) for s, p, o, _ in ds.quads((None, None, None, None)))
    return g


def _load_shapes(shapes: ShapesInput) -> tuple[Graph, list[Path], str]:
    """The shapes graph, the files it was read from, and how to name it in messages."""
    if shapes is None:
        files = shapes_paths()
        return shipped_shapes_graph(), files, "the shipped shapes"
    if isinstance(shapes, ConjunctiveGraph):
        return _union(shapes), [], "the shapes graph"
    if isinstance(shapes, Graph):
        return shapes, [], "the shapes graph"
    files = _files(shapes, "no shapes files in", "Name SHACL shapes files (usually .ttl) or folders holding them.")
    with _pyshacl_literals():
        graph = read_graph(files)
    return graph, files, _files_label(files)


@contextmanager
def _pyshacl_literals() -> Iterator[None]:
    """Build literals the way pySHACL does when it reads a shapes file itself.

    rdflib normally rewrites ``"1"^^xsd:boolean`` to ``"true"``; pySHACL parses shapes with
    literal normalisation off and only ``"true"`` counting as true (SHACL's ``sh:uniqueLang
    true`` and friends), so shapes read by rdfkit give the same results as shapes read by
    pySHACL (W3C test ``core/property/uniqueLang-002``). The patch is global in rdflib, as in
    pySHACL, and undone on exit.
    """
    from rdflib.term import _toPythonMapping  # noqa: PLC0415 (private, saved to restore it)

    normalize = rdflib.NORMALIZE_LITERALS
    boolean = _toPythonMapping.get(XSD.boolean)
    rdflib_bool_patch()
    try:
        yield
    finally:
        rdflib.NORMALIZE_LITERALS = normalize
        _toPythonMapping[XSD.boolean] = boolean


_PYSHACL_LOGGER = "pyshacl-validate"  # pySHACL gives it a stderr handler on every call
_log = logging.getLogger(__name__)


@contextmanager
def _pyshacl_log() -> Iterator[list[logging.LogRecord]]:
    """Keep pySHACL from printing to stderr: collect its log records instead.

    Library code never prints; :func:`_forward` passes the records on to the ``rdfkit.validate``
    logger unless the problem became an exception (whose message says it all).
    """
    records: list[logging.LogRecord] = []

    def collect(record: logging.LogRecord) -> bool:
        records.append(record)
        return False

    logger = logging.getLogger(_PYSHACL_LOGGER)
    logger.addFilter(collect)
    try:
        yield records
    finally:
        logger.removeFilter(collect)


def _forward(records: list[logging.LogRecord]) -> None:
    for record in records:
        _log.log(record.levelno, "pySHACL: %s", record.getMessage())


def _files_label(files: list[Path]) -> str:
    if len(files) == 1:
        return f"shapes file {files[0]}"
    shown = ", ".join(str(f) for f in files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
    return f"shapes files {shown}"


# --- safety ----------------------------------------------------------------------------------

# Strings, IRIs and comments are blanked out before looking for keywords, so that
# "SERVICE" inside a literal, an IRI or a comment does not count.
_SPARQL_NOISE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>' r"|#[^\n]*",
    re.DOTALL,
)
_REMOTE_KEYWORDS = re.compile(r"(?<![\w:$?])(SERVICE|FROM|LOAD)(?![\w:-])", re.IGNORECASE)


def _refuse_network_sparql(shapes: Graph, label: str) -> None:
    """Refuse SPARQL in the shapes that would fetch remote data (SERVICE, FROM, LOAD).

    rdflib runs ``SERVICE`` by opening a connection, and pySHACL only blocks it in SPARQL
    constraints, not in SPARQL targets, rules or functions.
    """
    for predicate in _SPARQL_PREDICATES:
        for node, query in shapes.subject_objects(predicate):
            found = _REMOTE_KEYWORDS.search(_SPARQL_NOISE.sub(" ", str(query)))
            if found:
                raise ShapesError(
                    f"{label}: the SPARQL query ({term_text(predicate)}) of {_describe_shape(shapes, node)} "
                    f"uses {found.group(1).upper()}, which would fetch data from the network",
                    hint="rdfkit never contacts other servers while validating: query only the data "
                    "being validated (remove the SERVICE or FROM clause).",
                )


# --- errors in the shapes --------------------------------------------------------------------


def _shapes_error(exc: ReportableRuntimeError, shapes: Graph, files: list[Path], label: str) -> ShapesError:
    """Turn a pySHACL shape-loading error into a :class:`ShapesError` that says where and what."""
    problem = one_line(str(getattr(exc, "message", exc)))
    link = getattr(exc, "link", None)
    details = _meta_check(shapes, files)
    culprits = sorted({d[0] for d in details if d[0]})
    where = _files_label([Path(c) for c in culprits]) if culprits else label
    lines = [f"{where}: not valid SHACL: {problem}"]
    lines += [f"  {text}" for _, text in details[:5]]
    hint = "Correct the shapes and validate again"
    hint += f"; SHACL reference: {link}" if link else " (the SHACL specification: https://www.w3.org/TR/shacl/)."
    return ShapesError("\n".join(lines), hint=hint)


def _meta_check(shapes: Graph, files: list[Path]) -> list[tuple[str | None, str]]:
    """Check the shapes against SHACL's own shapes (SHACL-SHACL): ``(file, problem)`` pairs.

    Only used once pySHACL has refused the shapes, to point at the file and the shape.
    """
    from pyshacl.entrypoints import meta_validate  # noqa: PLC0415

    sources: list[tuple[str | None, Graph]]
    if files:
        sources = []
        for f in files:
            try:
                with _pyshacl_literals():
                    sources.append((str(f), read_graph([f])))
            except RdfkitError:
                continue
    else:
        sources = [(None, shapes)]
    found: list[tuple[str | None, str]] = []
    for name, graph in sources:
        try:
            with _pyshacl_log():
                ok, meta_report, _ = meta_validate(graph, inference="none")
        except Exception:  # the meta check is only a helper for the message
            continue
        if ok or not isinstance(meta_report, Graph):
            continue
        for r in ValidationReport.from_graph(meta_report).results:
            what = _describe_shape(graph, r.focus_node)
            path = f" {path_text(r.path)}" if r.path is not None else ""
            value = f" (value: {shorten(term_text(r.value))})" if r.value is not None else ""
            prefix = f"{Path(name).name}: " if name else ""
            found.append((name, f"{prefix}{what}{path}: {one_line(r.message)}{value}"))
    return found


def _describe_shape(shapes: Graph, node: Node) -> str:
    """A readable name for a shape: its IRI, or "ex:Shape → property ex:p" for a blank node."""
    if not isinstance(node, BNode):
        return f"shape {term_text(node)}"
    path_node = shapes.value(node, SH.path)
    owner = shapes.value(None, SH.property, node)
    if path_node is not None:
        path = path_text(_read_path(shapes, path_node))
        if owner is not None and not isinstance(owner, BNode):
            return f"shape {term_text(owner)} → property {path}"
        return f"the property shape on {path}"
    if owner is not None and not isinstance(owner, BNode):
        return f"a property shape of {term_text(owner)}"
    parent = next(iter(shapes.subjects(None, node)), None)
    if parent is not None and not isinstance(parent, BNode):
        return f"a blank node under {term_text(parent)}"
    return "a blank-node shape"


# --- records ---------------------------------------------------------------------------------


def _records_for(nodes: set[Node], ds: ConjunctiveGraph) -> dict[Node, tuple[URIRef, ...]]:
    """For each node, the named graphs where it is a subject (else where it is an object)."""
    as_subject: dict[Node, set[URIRef]] = {}
    as_object: dict[Node, set[URIRef]] = {}
    for s, _, o, ctx in ds.quads((None, None, None, None)):
        gid = getattr(ctx, "identifier", ctx)
        if gid is None or gid == DATASET_DEFAULT_GRAPH_ID or not isinstance(gid, URIRef):
            continue
        if s in nodes:
            as_subject.setdefault(s, set()).add(gid)
        if o in nodes:
            as_object.setdefault(o, set()).add(gid)
    out = {}
    for node in nodes:
        graphs = as_subject.get(node) or as_object.get(node)
        if graphs:
            out[node] = tuple(sorted(graphs, key=str))
    return out


# --- reading the report graph ----------------------------------------------------------------


def _severity_name(iri: Node | None) -> str:
    if iri is None:
        return "Violation"
    text = str(iri)
    if text.startswith(str(SH)):
        return text[len(str(SH)):]
    return term_text(iri)


def _read_path(g: Graph, node: Node, depth: int = 0) -> URIRef | PropertyPath:
    """A SHACL property path (as RDF in ``g``) as an rdflib path object."""
    if isinstance(node, URIRef) or depth > 50:
        return node  # type: ignore[return-value]
    if g.value(node, RDF.first) is not None:
        items = [_read_path(g, i, depth + 1) for i in g.items(node)]
        return items[0] if len(items) == 1 else SequencePath(*items)
    inverse = g.value(node, SH.inversePath)
    if inverse is not None:
        return InvPath(_read_path(g, inverse, depth + 1))
    alternatives = g.value(node, SH.alternativePath)
    if alternatives is not None:
        items = [_read_path(g, i, depth + 1) for i in g.items(alternatives)]
        return items[0] if len(items) == 1 else AlternativePath(*items)
    for predicate, mod in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = g.value(node, predicate)
        if inner is not None:
            return MulPath(_read_path(g, inner, depth + 1), mod)  # type: ignore[arg-type]  # one of * + ?
    return node  # type: ignore[return-value]  # not a path we know; keep the node


def _pick_text(literals: list[Node]) -> str | None:
    """One text out of several language variants: untagged first, then English, then any."""
    if not literals:
        return None

    def rank(lit: Node) -> tuple[int, str, str]:
        lang = getattr(lit, "language", None) or ""
        order = 0 if not lang else 1 if lang.lower().startswith("en") else 2
        return (order, lang, str(lit))

    return str(sorted(literals, key=rank)[0])


_PLACEHOLDER = re.compile(r"\{[$?]([A-Za-z_][A-Za-z0-9_]*)\}")


def _fill_placeholders(message: str, focus: Node, path: Any, value: Node | None, shapes: Graph,
                       shape: Node | None) -> str:
    """Fill ``{$this}``, ``{?value}``, ``{$path}`` and ``{$minCount}``-style placeholders.

    pySHACL already fills them in messages of SPARQL constraints; for core constraints (such as
    ``sh:minCount``) it leaves them as written, so rdfkit fills them here.
    """
    if "{" not in message:
        return message
    names: dict[str, str] = {"this": term_text(focus), "focusNode": term_text(focus)}
    if value is not None:
        names["value"] = term_text(value)
    if path is not None:
        names["path"] = path_text(path)
    if shape is not None:
        for p, o in shapes.predicate_objects(shape):
            if str(p).startswith(str(SH)) and not isinstance(o, BNode):
                names.setdefault(str(p)[len(str(SH)):], str(o) if isinstance(o, Literal) else term_text(o))
    return _PLACEHOLDER.sub(lambda m: names.get(m.group(1), m.group(0)), message)


def _default_message(component: URIRef, path: Any, value: Node | None) -> str:
    name = str(component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent") or str(component)
    text = f"does not satisfy the {name} constraint"
    if path is not None:
        text = f"{path_text(path)} {text}"
    return text[0].upper() + text[1:]


