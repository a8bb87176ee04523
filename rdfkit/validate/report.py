"""The validation report: results in terms a cataloguer can act on, grouped by record and by problem.

Both engines' results end up as :class:`ValidationResult` objects (built by :func:`make_result`
from the shapes graph: names, messages in every language the shape gives, placeholders filled),
collected in a :class:`ValidationReport` that renders as text, HTML, JSON and the standard SHACL
report graph (Turtle). The JSON layout is documented in ``docs/validation.md``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath
from rdflib.paths import Path as PropertyPath
from rdflib.term import Node

from ..errors import RdfkitError
from ..graph import SH, prefixes
from ..rdfio import to_ox_quads, to_rdflib
from .terms import one_line, path_json, path_text, plural, shorten, term_json, term_sort, term_text

SEVERITY_RANK = {"Violation": 0, "Warning": 1, "Info": 2}
_NOT_FATAL = ("Warning", "Info")
#: ``--fail-on`` levels: the severities that make the exit code 1 at each level.
FAIL_ON = ("violation", "warning", "info")


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
class RecordInfo:
    """What a report says about a record (one named graph: a source document or spreadsheet row)."""

    title: str | None = None
    file: str | None = None
    first_line: int | None = None
    last_line: int | None = None

    def source_json(self) -> dict[str, Any] | None:
        if self.file is None:
            return None
        return {"file": self.file, "first_line": self.first_line, "last_line": self.last_line}


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL validation result, in terms a cataloguer can act on.

    ``record`` is the named graph (source record) the focus node came from, when the data was a
    dataset; ``records`` lists all of them when the node appears in several. ``messages`` holds the
    message in every language the shape gives, as ``(language, text)`` pairs (``""`` untagged).

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
    messages: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def is_violation(self) -> bool:
        """True unless the severity is Warning or Info (custom severities count as Violations)."""
        return self.severity not in _NOT_FATAL

    def key(self) -> tuple[Node, URIRef | PropertyPath | None, URIRef, str, Node | None]:
        """A hashable ``(focus_node, path, constraint_component, severity, value)`` for set comparisons."""
        return (self.focus_node, self.path, self.constraint_component, self.severity, self.value)

    def message_in(self, lang: str | None) -> str:
        """The message in ``lang`` when the shape gives one (``zh`` matches ``zh-Hans``), else the default."""
        if lang:
            want = lang.lower()
            for tag, text in self.messages:
                if tag.lower() == want or tag.lower().startswith(want + "-"):
                    return text
        return self.message

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

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        """The result as a JSON-ready dict (keys documented in ``docs/validation.md``)."""
        return {
            "severity": self.severity,
            "message": self.message_in(lang),
            "record": str(self.record) if self.record is not None else None,
            "records": [str(r) for r in self.records],
            "focus_node": term_json(self.focus_node),
            "path": path_json(self.path),
            "value": term_json(self.value) if self.value is not None else None,
            "source_shape": term_json(self.source_shape),
            "shape_name": self.shape_name,
            "constraint_component": str(self.constraint_component),
            "display": {
                "focus_node": term_text(self.focus_node),
                "path": path_text(self.path) if self.path is not None else None,
                "value": shorten(term_text(self.value), 200) if self.value is not None else None,
            },
        }

    def problem_key(self) -> tuple[str, Node, URIRef, str]:
        """What makes two results "the same kind of problem": severity, shape, component, path."""
        return (self.severity, self.source_shape, self.constraint_component,
                path_text(self.path, full=True) if self.path is not None else "")

    def sort_key(self) -> tuple[Any, ...]:
        return (
            SEVERITY_RANK.get(self.severity, 0),
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
    """The outcome of :func:`rdfkit.validate.validate`: sorted results, and what they are about.

    >>> report = ValidationReport(results=())
    >>> report.conforms, report.counts, report.exit_code
    (True, {'Violation': 0, 'Warning': 0, 'Info': 0}, 0)
    """

    results: tuple[ValidationResult, ...]
    #: ``shacl`` or ``pyshacl``: the engine that produced the results.
    engine: str = "pyshacl"
    #: Why ``auto`` chose pySHACL, when it did.
    engine_note: str | None = None
    #: Title and source file/lines of each record (named graph) with results.
    record_info: dict[URIRef, RecordInfo] = field(default_factory=dict, compare=False, repr=False)
    #: Titles of focus nodes outside any record (grouped by focus node).
    node_titles: dict[Node, str] = field(default_factory=dict, compare=False, repr=False)
    #: Descriptions (``sh:description``) of the shapes with results.
    shape_descriptions: dict[Node, str] = field(default_factory=dict, compare=False, repr=False)
    #: How many shards the data was validated in (1: the whole graph at once).
    shards: int = field(default=1, compare=False)
    #: What the data says about blank nodes the results name (copied into :attr:`graph`).
    bnode_triples: tuple[tuple[Node, Node, Node], ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def from_results(cls, results: list[ValidationResult], **kwargs: Any) -> ValidationReport:
        """A report of ``results``, sorted. Identical results are kept: SHACL reports a result once
        for each way a shape reaches it (the W3C test ``property/property-001`` has two)."""
        return cls(results=tuple(sorted(results, key=ValidationResult.sort_key)), **kwargs)

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
        return _counts(r.severity for r in self.results)

    @property
    def exit_code(self) -> int:
        """0 when the data conforms, 1 when there are violations."""
        return 0 if self.conforms else 1

    def fails(self, fail_on: str = "violation") -> bool:
        """True when a result is at least as severe as ``fail_on`` (violation, warning or info)."""
        if fail_on not in FAIL_ON:
            raise ValueError(f"fail_on must be one of {', '.join(FAIL_ON)}")
        worst = FAIL_ON.index(fail_on)
        return any(SEVERITY_RANK.get(r.severity, 0) <= worst for r in self.results)

    @property
    def graph(self) -> Graph:
        """The standard SHACL report graph (``sh:ValidationReport``): ``sh:conforms`` is false as
        soon as there is any result, even an Info, as SHACL defines it."""
        graph = report_graph(self.results)
        for triple in self.bnode_triples:
            graph.add(triple)
        return graph

    def to_text(self, limit: int | None = 10, *, lang: str | None = None, color: bool = False) -> str:
        """The report for a terminal: counts, kinds of problem, then records (see :mod:`.render`)."""
        from .render import render_text  # noqa: PLC0415

        return render_text(self.to_json(lang), limit=limit, color=color)

    def to_html(self, limit: int | None = None, *, lang: str | None = None) -> str:
        """One self-contained HTML page with filters by severity and by kind of problem."""
        from .render import render_html  # noqa: PLC0415

        return render_html(self.to_json(lang), limit=limit)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        """The report as JSON-ready data, grouped by record and by problem (``docs/validation.md``)."""
        results = [r.to_json(lang) for r in self.results]
        kinds: dict[tuple[str, Node, URIRef, str], list[int]] = defaultdict(list)
        for i, r in enumerate(self.results):
            kinds[r.problem_key()].append(i)
        order = sorted(kinds.items(), key=lambda kv: (SEVERITY_RANK.get(kv[0][0], 0), -len(kv[1]),
                                                        self.results[kv[1][0]].shape_name or "",
                                                        term_sort(kv[0][1]), str(kv[0][2]), kv[0][3]))
        problems = []
        problem_of: dict[int, str] = {}
        for n, (key, members) in enumerate(order, 1):
            pid = f"P{n}"
            first = self.results[members[0]]
            for i in members:
                problem_of[i] = pid
                results[i]["problem"] = pid
            problems.append({
                "id": pid, "severity": first.severity, "shape": _term_id(first.source_shape),
                "shape_name": first.shape_name, "description": self.shape_descriptions.get(first.source_shape),
                "component": _component_name(first.constraint_component),
                "constraint_component": str(first.constraint_component),
                "path": path_text(first.path) if first.path is not None else None,
                "message": first.message_in(lang), "count": len(members),
                "records": len({self._group(self.results[i]) for i in members}),
            })
        groups: dict[tuple[str, Node], list[int]] = defaultdict(list)
        for i, r in enumerate(self.results):
            groups[self._group(r)].append(i)
        records = []
        for (kind, node), members in groups.items():
            info = self.record_info.get(node) if kind == "record" else None  # type: ignore[call-overload]
            by_problem: dict[str, list[int]] = defaultdict(list)
            for i in members:
                by_problem[problem_of[i]].append(i)
            records.append({
                "record": str(node) if kind == "record" else None,
                "label": term_text(node),
                "title": info.title if info else self.node_titles.get(node),
                "source": info.source_json() if info else None,
                "counts": _counts(self.results[i].severity for i in members),
                "problems": [{"problem": pid, "results": idx}
                             for pid, idx in sorted(by_problem.items(), key=lambda kv: int(kv[0][1:]))],
            })
        records.sort(key=_record_order)
        return {
            "conforms": self.conforms,
            "engine": self.engine,
            "counts": self.counts,
            "problems": problems,
            "records": records,
            "results": results,
        }

    def to_turtle(self) -> str:
        """The standard SHACL report graph as Turtle: same report, same bytes.

        Blank nodes get their W3C RDFC-1.0 canonical labels (pyoxigraph; rdflib's
        ``to_canonical_graph`` takes minutes on a few thousand results), then rdflib's
        ``longturtle`` writes subjects and predicates sorted.
        """
        graph = self.graph
        canonical = ox.Dataset(to_ox_quads(graph))
        canonical.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        out = Graph(bind_namespaces="none")
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

    def _group(self, r: ValidationResult) -> tuple[str, Node]:
        return ("record", r.record) if r.record is not None else ("node", r.focus_node)


def _record_order(rec: dict[str, Any]) -> tuple[int, bool, str]:
    """Records with the most severe results first, then by name."""
    worst = min(SEVERITY_RANK.get(s, 0) for s, n in rec["counts"].items() if n)
    return (worst, rec["record"] is None, rec["label"])


def _counts(severities: Any) -> dict[str, int]:
    counter = Counter(severities)
    out = {"Violation": counter.pop("Violation", 0), "Warning": counter.pop("Warning", 0),
           "Info": counter.pop("Info", 0)}
    out.update(sorted(counter.items()))
    return out


def _term_id(term: Node) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _component_name(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1].removesuffix("ConstraintComponent") or str(iri)


# --- building results ------------------------------------------------------------------------


def make_result(shapes: Graph, *, focus: Node, path: URIRef | PropertyPath | None, value: Node | None,
                shape: Node | None, component: URIRef, severity: Node | None, messages: list[Node],
                records: tuple[URIRef, ...] = ()) -> ValidationResult:
    """A :class:`ValidationResult` from what an engine reports, with names and messages from ``shapes``.

    Messages keep every language; placeholders (``{$this}``, ``{?value}``, ``{$path}``,
    ``{$minCount}`` …) are filled. A shape without ``sh:message`` gets a plain-words default for its
    constraint component that says what to do.
    """
    texts: dict[str, str] = {}
    templates = message_templates(shapes, shape, component)
    filled = templates if templates is not None and not _needs_solution(templates) else None
    for lit in filled if filled is not None else messages:
        lang = (getattr(lit, "language", None) or "").lower()
        texts.setdefault(lang, fill_placeholders(str(lit), focus, path, value, shapes, shape))
    if not texts:
        texts[""] = fill_placeholders(default_message(component), focus, path, value, shapes, shape)
    default = next((texts[k] for k in ("", "en") if k in texts), None)
    if default is None:
        default = next((t for k, t in sorted(texts.items()) if k.startswith("en")), texts[sorted(texts)[0]])
    name = pick_text(list(shapes.objects(shape, SH.name))) if shape is not None else None
    return ValidationResult(
        severity=severity_name(severity),
        focus_node=focus,
        path=path,
        value=value,
        message=default,
        source_shape=shape if shape is not None else BNode(),
        shape_name=name,
        constraint_component=component,
        record=records[0] if records else None,
        records=records,
        messages=tuple(sorted(texts.items())),
    )


def message_templates(shapes: Graph, shape: Node | None, component: URIRef) -> list[Node] | None:
    """The ``sh:message`` templates for a result, as written in the shapes (every language).

    rdfkit writes messages itself from these templates, whichever engine ran, so both engines say
    the same thing in the same words. The templates are the shape's messages, or those of its
    SPARQL constraint; an empty list means the shape has none (rdfkit's default message is used).
    ``None`` means "use what the engine wrote" (a SPARQL result of a shape with several SPARQL
    constraints with messages of their own, where rdfkit cannot tell which one fired).
    """
    if shape is None:
        return []
    own = list(shapes.objects(shape, SH.message))
    if own or component != SH.SPARQLConstraintComponent:
        return own
    constraints = [c for c in shapes.objects(shape, SH.sparql) if (c, SH.message, None) in shapes]
    if len(constraints) > 1:
        return None
    return list(shapes.objects(constraints[0], SH.message)) if constraints else []


#: Placeholders rdfkit can fill without the SPARQL solution that produced the result.
_STANDARD = re.compile(r"\{[$?](this|value|path|focusNode)\}")


def _needs_solution(templates: list[Node]) -> bool:
    """True when a message template names another SPARQL variable (``{?start}``): only the engine
    that ran the query can fill it."""
    return any(_SOLUTION_VARIABLE.search(_STANDARD.sub("", str(t))) for t in templates)


def needs_solution(shapes: Graph, shape: Node) -> bool:
    """True when the messages of a shape's SPARQL constraints name variables of the query's solution."""
    templates = message_templates(shapes, shape, SH.SPARQLConstraintComponent)
    return templates is None or _needs_solution(templates)


_SOLUTION_VARIABLE = re.compile(r"\{\?[A-Za-z_][A-Za-z0-9_]*\}")


def severity_name(iri: Node | None) -> str:
    if iri is None:
        return "Violation"
    text = str(iri)
    if text.startswith(str(SH)):
        return text[len(str(SH)):]
    return term_text(iri)


def read_path(g: Graph, node: Node, depth: int = 0) -> URIRef | PropertyPath:
    """A SHACL property path (as RDF in ``g``) as an rdflib path object."""
    if isinstance(node, URIRef) or depth > 50:
        return node  # type: ignore[return-value]
    if g.value(node, RDF.first) is not None:
        items = [read_path(g, i, depth + 1) for i in g.items(node)]
        return items[0] if len(items) == 1 else SequencePath(*items)
    inverse = g.value(node, SH.inversePath)
    if inverse is not None:
        return InvPath(read_path(g, inverse, depth + 1))
    alternatives = g.value(node, SH.alternativePath)
    if alternatives is not None:
        items = [read_path(g, i, depth + 1) for i in g.items(alternatives)]
        return items[0] if len(items) == 1 else AlternativePath(*items)
    for predicate, mod in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = g.value(node, predicate)
        if inner is not None:
            return MulPath(read_path(g, inner, depth + 1), mod)  # type: ignore[arg-type]  # one of * + ?
    return node  # type: ignore[return-value]  # not a path we know; keep the node


def pick_text(literals: list[Node]) -> str | None:
    """One text out of several language variants: untagged first, then English, then any."""
    if not literals:
        return None

    def rank(lit: Node) -> tuple[int, str, str]:
        lang = getattr(lit, "language", None) or ""
        order = 0 if not lang else 1 if lang.lower().startswith("en") else 2
        return (order, lang, str(lit))

    return str(sorted(literals, key=rank)[0])


_PLACEHOLDER = re.compile(r"\{[$?]([A-Za-z_][A-Za-z0-9_]*)\}")


def fill_placeholders(message: str, focus: Node, path: Any, value: Node | None, shapes: Graph,
                      shape: Node | None) -> str:
    """Fill ``{$this}``, ``{?value}``, ``{$path}`` and ``{$minCount}``-style placeholders.

    The engines fill them in messages of SPARQL constraints (from the query's solution); for core
    constraints (such as ``sh:minCount``) they leave them as written, so rdfkit fills them here.
    """
    if "{" not in message:
        return message
    names: dict[str, str] = {"this": term_text(focus), "focusNode": term_text(focus)}
    if value is not None:
        names["value"] = str(value) if isinstance(value, Literal) else term_text(value)
    names["path"] = path_text(path) if path is not None else "it"
    if shape is not None:
        for p, o in shapes.predicate_objects(shape):
            if str(p).startswith(str(SH)) and not isinstance(o, BNode):
                names.setdefault(str(p)[len(str(SH)):], str(o) if isinstance(o, Literal) else term_text(o))
    return _PLACEHOLDER.sub(lambda m: names.get(m.group(1), m.group(0)), message)


#: Plain-words messages, with what to do, for shapes that give no ``sh:message``.
DEFAULT_MESSAGES = {
    "MinCount": "{$path} is missing: at least {$minCount} value(s) needed. Add it.",
    "MaxCount": "{$path} has too many values: at most {$maxCount}. Keep only the right one(s).",
    "Datatype": "{$path}: the value {?value} is not a valid {$datatype}. Correct it.",
    "Class": "{$path}: {?value} is not a {$class}. Link to a {$class} instead, or give it that type.",
    "NodeKind": "{$path}: {?value} is not of the kind {$nodeKind}. Use the right kind of value.",
    "Pattern": "{$path}: the value {?value} does not have the expected form ({$pattern}). Correct it.",
    "In": "{$path}: {?value} is not one of the allowed values. Use one of them.",
    "HasValue": "{$path} must include {$hasValue}. Add it.",
    "MinLength": "{$path}: the value {?value} is shorter than {$minLength} characters. Complete it.",
    "MaxLength": "{$path}: the value {?value} is longer than {$maxLength} characters. Shorten it.",
    "LanguageIn": "{$path}: the value {?value} is not in an allowed language. Tag it correctly.",
    "UniqueLang": "{$path} has more than one value in the same language. Keep one per language.",
    "MinInclusive": "{$path}: {?value} is below {$minInclusive}. Correct it.",
    "MaxInclusive": "{$path}: {?value} is above {$maxInclusive}. Correct it.",
    "MinExclusive": "{$path}: {?value} must be above {$minExclusive}. Correct it.",
    "MaxExclusive": "{$path}: {?value} must be below {$maxExclusive}. Correct it.",
    "Closed": "{$path} is not allowed here ({?value}). Remove it or use an allowed property.",
    "Equals": "{$path} must have the same values as {$equals}. Make them agree.",
    "Disjoint": "{$path} must not share values with {$disjoint} ({?value}). Remove the shared value.",
    "LessThan": "{$path}: {?value} must be less than the values of {$lessThan}. Check both.",
    "LessThanOrEquals": "{$path}: {?value} must not exceed the values of {$lessThanOrEquals}. Check both.",
    "Node": "{$path}: {?value} does not meet the conditions of {$node}. See that shape.",
    "QualifiedMinCount": "{$path} has too few values of the required kind. Add the missing ones.",
    "QualifiedMaxCount": "{$path} has too many values of the given kind. Remove the extra ones.",
}


def default_message(component: URIRef) -> str:
    """The message for a result whose shape has none: plain words, and what to do."""
    name = _component_name(component)
    if name in DEFAULT_MESSAGES:
        return DEFAULT_MESSAGES[name]
    return f"{{$path}} does not satisfy the {name} constraint. Check the data against the shape."


# --- the standard report graph ---------------------------------------------------------------


def report_graph(results: tuple[ValidationResult, ...] | list[ValidationResult]) -> Graph:
    """The SHACL validation report graph (``sh:ValidationReport``) of ``results``."""
    g = Graph()  # rdflib's usual prefixes (rdf, rdfs, xsd, sh …), as in pySHACL's reports
    report = BNode()
    g.add((report, RDF.type, SH.ValidationReport))
    g.add((report, SH.conforms, Literal(not results)))
    for r in results:
        node = BNode()
        g.add((report, SH.result, node))
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.focusNode, r.focus_node))
        g.add((node, SH.resultSeverity, SH[r.severity] if r.severity in ("Violation", "Warning", "Info")
               else _severity_iri(r.severity)))
        g.add((node, SH.sourceConstraintComponent, r.constraint_component))
        g.add((node, SH.sourceShape, r.source_shape))
        if r.path is not None:
            g.add((node, SH.resultPath, _path_node(g, r.path)))
        if r.value is not None:
            g.add((node, SH.value, r.value))
        for lang, text in r.messages or (("", r.message),):
            g.add((node, SH.resultMessage, Literal(text, lang=lang or None)))
    return g


def _severity_iri(name: str) -> URIRef:
    """The IRI of a custom severity written compactly (``ex:Fatal``) in results."""
    for prefix, ns in prefixes().items():
        if name.startswith(f"{prefix}:"):
            return URIRef(ns + name[len(prefix) + 1:])
    return URIRef(name.strip("<>"))


def _path_node(g: Graph, path: Any) -> Node:
    """A property path written as SHACL RDF into ``g``."""
    if isinstance(path, URIRef):
        return path
    node = BNode()
    if isinstance(path, SequencePath):
        Collection(g, node, [_path_node(g, a) for a in path.args])
    elif isinstance(path, AlternativePath):
        lst = BNode()
        Collection(g, lst, [_path_node(g, a) for a in path.args])
        g.add((node, SH.alternativePath, lst))
    elif isinstance(path, InvPath):
        g.add((node, SH.inversePath, _path_node(g, path.arg)))
    elif isinstance(path, MulPath):
        predicate = {"*": SH.zeroOrMorePath, "+": SH.oneOrMorePath, "?": SH.zeroOrOnePath}[path.mod]
        g.add((node, predicate, _path_node(g, path.path)))
    else:
        return path
    return node


__all__ = ["ValidationReport", "ValidationResult", "ValidationFailed", "RecordInfo", "make_result",
           "report_graph", "FAIL_ON"]
