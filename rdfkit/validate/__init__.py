"""SHACL validation that librarians can read, at the speed of big collections.

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
    >>> report.conforms, report.exit_code, report.engine
    (False, 1, 'shacl')
    >>> print(report.to_text())
    Does not conform: 1 violation, 0 warnings, 0 infos (engine: shacl).
    <BLANKLINE>
    Problems by kind:
      Violation  1  date [MinCount dcterms:date] A document needs a date.
    <BLANKLINE>
    id:document/da-1
      Violation  date (dcterms:date): A document needs a date.

Engines (:mod:`.engines`): the compiled ``shacl`` engine by default, pySHACL as the reference and
as the fallback for shapes features the compiled engine is not checked for (``engine="auto"``).
Either way: no inference, ``owl:imports`` never followed, no SHACL-JS, and shapes whose SPARQL uses
``SERVICE``, ``FROM`` or ``LOAD`` are refused, so validation never touches the network. Shapes are
first checked against SHACL's own shapes (SHACL-SHACL). A dataset is validated as one graph, the
union of all its graphs, and every result remembers the named graph(s) its focus node came from:
its *record*. With ``workers`` > 1 the data is split into shards by record and validated in
parallel (:mod:`.shards`); the merged report equals the whole-graph one.

Severities: ``Violation`` means wrong, ``Warning`` suspicious or incomplete, ``Info`` for your
information. Only Violations (and severities other than Warning and Info, which SHACL allows)
make :attr:`ValidationReport.conforms` false and the exit code 1 (``fail_on`` changes that). The
report formats (text, HTML, JSON, Turtle) are described in ``docs/validation.md``.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pyshacl
import rdflib
from pyshacl.errors import ReportableRuntimeError, ValidationFailure
from pyshacl.monkey import rdflib_bool_patch
from rdflib import BNode, ConjunctiveGraph, Dataset, Graph, URIRef
from rdflib.paths import Path as PropertyPath
from rdflib.term import Node

from ..errors import RdfkitError, ShapesError, SourceNotFound, SourceSyntaxError, UsageError
from ..graph import SH, XSD
from ..rdfio import iter_rdf_files, read_dataset, read_graph
from ..resources import shapes_graph as shipped_shapes_graph
from ..resources import shapes_paths
from .data import RecordCollector, RecordScan, describe_bnodes, scan_records, token, write_graph_nquads, write_nquads
from .engines import ENGINES, DataSyntaxError, FastEngine, RawResult, choose
from .report import (
    FAIL_ON,
    RecordInfo,
    ValidationFailed,
    ValidationReport,
    ValidationResult,
    make_result,
    pick_text,
    read_path,
)
from .terms import one_line, path_text, plural, shorten, term_text

__all__ = ["validate", "ValidationReport", "ValidationResult", "ValidationFailed", "RecordInfo", "ENGINES",
           "FAIL_ON"]

PathLike = str | Path
DataInput = Graph | Dataset | PathLike | Iterable[PathLike]
ShapesInput = Graph | PathLike | Iterable[PathLike] | None

#: With ``workers=None``, data of at least this many bytes of N-Quads (about 1,800 DA documents) is
#: validated in shards: from there on that is faster (4,000 documents from tests/synthetic.py: 1.8 s
#: in shards against 2.6 s as one graph, on the 2-core machine this was measured on).
SHARD_FROM_BYTES = 16 * 1024 * 1024

_SPARQL_PREDICATES = (SH.select, SH.ask, SH.construct, SH.update)


def validate(data: DataInput, shapes: ShapesInput = None, *, engine: str = "auto",
             data_format: str | None = None, workers: int | None = None) -> ValidationReport:
    """Validate RDF against SHACL shapes.

    Parameters:
        data: an rdflib :class:`~rdflib.Graph` or :class:`~rdflib.Dataset`, or RDF files and
            folders (any syntax rdfkit reads; folders are searched for RDF files; ``-`` is stdin).
        shapes: ``None`` for the shapes rdfkit ships, an rdflib graph, or shapes files/folders.
        engine: ``auto`` (the compiled engine unless the shapes need pySHACL), ``shacl`` or ``pyshacl``.
        data_format: the syntax of the data files when their extension does not tell (stdin, ``-``).
        workers: validate in this many shards in parallel (compiled engine only; 1 = the whole graph
            at once; ``None`` = all cores when the data is large, see :data:`SHARD_FROM_BYTES`).

    Raises:
        SourceNotFound, SourceSyntaxError: a data or shapes file is missing or does not parse.
        ShapesError: the shapes are not valid SHACL, or their SPARQL would reach the network.
        UsageError: an unknown engine, or paths that hold no RDF files.

    Example::

        report = validate(["out/rdfkit.trig"])
        print(report.to_text(limit=20))
        report.raise_for_violations()
    """
    shapes_g, shapes_files, shapes_label = _load_shapes(shapes)
    _refuse_network_sparql(shapes_g, shapes_label)
    chosen, note = choose(engine, shapes_g)
    _check_shapes(shapes_g, shapes_files, shapes_label, chosen)
    with tempfile.TemporaryDirectory(prefix="rdfkit-validate-") as tmp:
        records: RecordCollector | None = None
        if chosen == "pyshacl":
            results, nquads = _run_pyshacl(data, data_format, shapes_g, shapes_files, shapes_label, Path(tmp))
            shards = 1
        else:
            nquads = _as_nquads(data, data_format, Path(tmp))
            fast = FastEngine(shapes_g, shapes_label)
            if workers is None:
                workers = (os.cpu_count() or 1) if nquads.stat().st_size >= SHARD_FROM_BYTES else 1
            try:
                if workers > 1:
                    from .shards import run_sharded  # noqa: PLC0415

                    raw, shards, records = run_sharded(fast, nquads, workers, Path(tmp))
                else:
                    raw, shards = fast.run(nquads), 1
            except DataSyntaxError as exc:
                raise _syntax_error(nquads, exc) from None
            results = [_from_raw(r, shapes_g) for r in raw]
        focus = {token(r.focus_node) for r in results}
        if not results:
            scan = RecordScan()
        elif records is not None:  # the split already read every line
            scan = records.scan(focus)
        else:
            scan = scan_records(nquads, focus)
        bnodes: set[Node] = {t for r in results for t in (r.focus_node, r.value) if isinstance(t, BNode)}
        described = describe_bnodes(nquads, bnodes) if bnodes else []
    described += _shape_descriptions(shapes_g, {r.source_shape for r in results if isinstance(r.source_shape, BNode)})
    return _report(results, scan, shapes_g, engine=chosen, note=note, shards=shards, bnode_triples=described)


def _report(results: list[ValidationResult], scan: RecordScan, shapes: Graph, *, engine: str,
            note: str | None, shards: int, bnode_triples: list[tuple[Node, Node, Node]]) -> ValidationReport:
    """The report: each result with its record(s), plus what is known about records and shapes."""
    iri_of = {token(iri): iri for iri in scan.records}
    placed = []
    for r in results:
        records = tuple(iri_of[t] for t in scan.graphs.get(token(r.focus_node), []) if t in iri_of)
        placed.append(ValidationResult(
            severity=r.severity, focus_node=r.focus_node, path=r.path, value=r.value, message=r.message,
            source_shape=r.source_shape, shape_name=r.shape_name, constraint_component=r.constraint_component,
            record=records[0] if records else None, records=records, messages=r.messages,
        ))
    descriptions = {}
    for shape in {r.source_shape for r in placed}:
        text = pick_text(list(shapes.objects(shape, SH.description)))
        if text:
            descriptions[shape] = text
    return ValidationReport.from_results(placed, engine=engine, engine_note=note, record_info=scan.records,
                                         node_titles=scan.node_titles, shape_descriptions=descriptions,
                                         shards=shards, bnode_triples=tuple(bnode_triples))


def _shape_descriptions(shapes: Graph, nodes: set[BNode]) -> list[tuple[Node, Node, Node]]:
    """The triples of blank-node shapes (and the blank nodes under them), for the report graph."""
    out: list[tuple[Node, Node, Node]] = []
    seen: set[Node] = set()
    todo = list(nodes)
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in shapes.predicate_objects(node):
            out.append((node, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    return out


def _from_raw(raw: RawResult, shapes: Graph) -> ValidationResult:
    path: URIRef | PropertyPath | None = None
    if raw.path is not None:
        node = shapes.value(raw.source_shape, SH.path) if raw.source_shape is not None else None
        if node is not None:
            path = read_path(shapes, node)
        elif raw.path.startswith("<") and raw.path.endswith(">") and " " not in raw.path:
            path = URIRef(raw.path[1:-1])  # sh:closed names the property that is not allowed
    return make_result(shapes, focus=raw.focus_node, path=path, value=raw.value, shape=raw.source_shape,
                       component=raw.component, severity=raw.severity, messages=list(raw.messages))


def _run_pyshacl(data: DataInput, data_format: str | None, shapes_g: Graph, shapes_files: list[Path],
                 shapes_label: str, tmp: Path) -> tuple[list[ValidationResult], Path]:
    """Validate with pySHACL; also write the data as N-Quads (for the records of the results)."""
    data_graph, dataset, owned = _load_data(data, data_format)
    nquads = tmp / "data.nq"
    write_graph_nquads(dataset if isinstance(dataset, Dataset) else data_graph, nquads)
    try:
        with _pyshacl_log() as log_records, _sparql_parsed_once():
            _, report_graph, _ = pyshacl.validate(
                data_graph,
                shacl_graph=shapes_g,
                ont_graph=None,
                inference="none",
                advanced=True,
                abort_on_first=False,
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
    return results_from_graph(report_graph, shapes_g), nquads


def results_from_graph(report: Graph, shapes: Graph) -> list[ValidationResult]:
    """The results of a SHACL report graph (as pySHACL writes it)."""
    out = []
    for node in report.objects(None, SH.result):
        focus = report.value(node, SH.focusNode)
        if focus is None:  # not a SHACL result; nothing to point at
            continue
        path_node = report.value(node, SH.resultPath)
        component = report.value(node, SH.sourceConstraintComponent)
        out.append(make_result(
            shapes, focus=focus, path=read_path(report, path_node) if path_node is not None else None,
            value=report.value(node, SH.value), shape=report.value(node, SH.sourceShape),
            component=component if isinstance(component, URIRef) else URIRef(str(component or "")),
            severity=report.value(node, SH.resultSeverity),
            messages=list(report.objects(node, SH.resultMessage)),
        ))
    return out


def _as_nquads(data: DataInput, fmt: str | None, tmp: Path) -> Path:
    """The data as one N-Quads file: a single .nq/.nt file as it is, anything else converted."""
    if isinstance(data, (Graph, Dataset)):
        out = tmp / "data.nq"
        write_graph_nquads(data, out)
        return out
    files = _files(data, "no RDF files to validate in",
                   "Name RDF files (.ttl, .trig, .nq, .nt, .jsonld, .rdf) or folders holding them.")
    if len(files) == 1 and fmt is None and files[0].suffix.lower() in (".nq", ".nt") and str(files[0]) != "-":
        if not files[0].is_file():
            raise SourceNotFound("no such file", path=files[0], hint="Check the path and try again.")
        return files[0]  # read as it is; a syntax error is reported by _syntax_error
    out = tmp / "data.nq"
    write_nquads([(f, fmt) for f in files], out)
    return out


def _syntax_error(nquads: Path, exc: Exception) -> RdfkitError:
    """The error for N-Quads the engine could not parse: pyoxigraph finds the line and column."""
    from ..rdfio import get_format, parse_quads  # noqa: PLC0415

    try:
        parse_quads(nquads.read_bytes(), get_format("nquads"), path=nquads)
    except RdfkitError as error:
        return error
    return SourceSyntaxError(f"not valid N-Quads: {one_line(str(exc))}", path=nquads,
                             hint="Fix the syntax at that place and try again.")


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
        graph = _canonical(read_graph(files))
    return graph, files, _files_label(files)


def _canonical(graph: Graph) -> Graph:
    """``graph`` with canonical blank node labels (RDFC-1.0), so that blank-node shapes have the same
    names in every run and reports about them are the same bytes."""
    import pyoxigraph as ox  # noqa: PLC0415

    from ..rdfio import to_ox_quads, to_rdflib  # noqa: PLC0415

    if not any(isinstance(t, BNode) for triple in graph for t in triple):
        return graph
    dataset = ox.Dataset(to_ox_quads(graph))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    out = Graph()
    for prefix, namespace in graph.namespace_manager.namespaces():
        out.bind(prefix, namespace, override=True, replace=True)
    for q in dataset:
        out.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return out


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


@contextmanager
def _sparql_parsed_once() -> Iterator[None]:
    """Let rdflib reuse each parsed SPARQL query while pySHACL runs.

    pySHACL hands rdflib the text of a SPARQL constraint once per focus node, and rdflib parses it
    every time (pyparsing, some 25 ms): 90% of pySHACL's time on rdfkit's shapes. A translated query
    is meant to be reused (``rdflib.plugins.sparql.prepareQuery``), so the results are the same; the
    cache lives for one validation. The patch is undone on exit.
    """
    from rdflib.plugins.sparql import processor  # noqa: PLC0415

    original = processor.SPARQLProcessor.query
    cache: dict[tuple[str, str | None, tuple[tuple[str, str], ...]], object] = {}

    def query(self: processor.SPARQLProcessor, strOrQuery: object, initBindings: object = None,  # noqa: N803
              initNs: dict[str, object] | None = None, base: str | None = None, DEBUG: bool = False) -> object:  # noqa: N803
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
            if key not in cache:
                cache[key] = processor.translateQuery(processor.parseQuery(strOrQuery), base, initNs)
            strOrQuery = cache[key]
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)  # type: ignore[arg-type]

    processor.SPARQLProcessor.query = query  # type: ignore[method-assign, assignment]
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original  # type: ignore[method-assign]


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


def _check_shapes(shapes: Graph, files: list[Path], label: str, engine: str) -> None:
    """Check the shapes against SHACL's own shapes (SHACL-SHACL) and refuse them with the problems."""
    details = _meta_check(shapes, files, engine)
    if not details:
        return
    culprits = sorted({d[0] for d in details if d[0]})
    where = _files_label([Path(c) for c in culprits]) if culprits else label
    lines = [f"{where}: not valid SHACL ({plural(len(details), 'problem')}):"]
    lines += [f"  {text}" for _, text in details[:10]]
    if len(details) > 10:
        lines.append(f"  … and {len(details) - 10} more")
    raise ShapesError("\n".join(lines), hint="Correct the shapes and validate again (the SHACL specification: "
                      "https://www.w3.org/TR/shacl/).")


def _meta_check(shapes: Graph, files: list[Path], engine: str = "pyshacl") -> list[tuple[str | None, str]]:
    """Check the shapes against SHACL's own shapes (SHACL-SHACL): ``(file, problem)`` pairs.

    Each shapes file is checked on its own so that a problem names its file. Only Violations of
    SHACL-SHACL count (it has no others).
    """
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
        for r in _shacl_shacl(graph, engine):
            what = _describe_shape(graph, r.focus_node)
            path = f" {path_text(r.path)}" if r.path is not None else ""
            message = one_line(r.message).removeprefix(f"{path.strip()}: ") if path else one_line(r.message)
            value = f" (value: {shorten(term_text(r.value))})" if r.value is not None else ""
            prefix = f"{Path(name).name}: " if name else ""
            found.append((name, f"{prefix}{what}{path}: {message}{value}"))
    return found


def _shacl_shacl(graph: Graph, engine: str) -> list[ValidationResult]:
    """The results of validating a shapes graph against SHACL-SHACL."""
    meta = _shacl_shacl_graph()
    if engine == "shacl":
        with tempfile.TemporaryDirectory(prefix="rdfkit-shapes-") as tmp:
            nquads = Path(tmp) / "shapes.nq"
            write_graph_nquads(graph, nquads)
            return [_from_raw(r, meta) for r in _shacl_shacl_engine().run(nquads)]
    with _pyshacl_log():
        _, report, _ = pyshacl.validate(graph, shacl_graph=meta, inference="none", advanced=False,
                                        do_owl_imports=False, js=False, allow_warnings=True)
    return results_from_graph(report, meta) if isinstance(report, Graph) else []


@lru_cache(maxsize=1)
def _shacl_shacl_graph() -> Graph:
    """SHACL-SHACL, the shapes of SHACL shapes graphs, as pySHACL ships it."""
    path = Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl"
    return Graph().parse(path, format="turtle")


@lru_cache(maxsize=1)
def _shacl_shacl_engine() -> FastEngine:
    return FastEngine(_shacl_shacl_graph(), "SHACL-SHACL")


def _describe_shape(shapes: Graph, node: Node) -> str:
    """A readable name for a shape: its IRI, or "ex:Shape → property ex:p" for a blank node."""
    if not isinstance(node, BNode):
        return f"shape {term_text(node)}"
    path_node = shapes.value(node, SH.path)
    owner = shapes.value(None, SH.property, node)
    if path_node is not None:
        path = path_text(read_path(shapes, path_node))
        if owner is not None and not isinstance(owner, BNode):
            return f"shape {term_text(owner)} → property {path}"
        return f"the property shape on {path}"
    if owner is not None and not isinstance(owner, BNode):
        return f"a property shape of {term_text(owner)}"
    parent = next(iter(shapes.subjects(None, node)), None)
    if parent is not None and not isinstance(parent, BNode):
        return f"a blank node under {term_text(parent)}"
    return "a blank-node shape"
