"""Validation in shards: large inputs split by record and checked in parallel, with the same results.

A SHACL result is about one focus node and reads the data around it. :func:`plan` looks at every
*check* (a shape with targets, and each property shape directly under it) and works out what it
reads:

- **local** checks read only what can be reached from the focus node by following triples
  forwards (any depth: ``ex:p/ex:q``, ``rico:isOrWasIncludedIn*``, ``sh:class`` on a value, nested
  ``sh:node`` shapes, SPARQL constraints whose patterns all start from ``$this`` or from variables
  bound that way), plus, at the first step only, triples *pointing at* the focus node through
  named predicates (``[ sh:inversePath prov:qualifiedAssociation ]``, ``?x dcterms:references
  $this`` in a SPARQL constraint);
- **whole-graph** checks read anything else: a SPARQL pattern not connected to ``$this`` (such as
  uniqueness across records), inverse steps further out, ``sh:targetNode`` and
  ``sh:targetObjectsOf`` targets, a ``GRAPH`` clause.

:func:`split` cuts the data into shards by record (named graph; a subject's triples for data
without named graphs). Each shard holds its records plus the full description (every triple with
it as subject, from any record) of every node its records mention, and of every node those lead to,
and so on, and the triples through the named predicates that point at nodes it *owns*. Each node is
owned by one shard: the one where it is first described. Local checks run on every shard, and a
shard reports only results about the nodes it owns; whole-graph checks run once on all the data,
at the same time. The merged results are therefore exactly the whole-graph results
(``tests/test_shards.py`` checks this on generated data with every kind of error).
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef, Variable
from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath
from rdflib.term import Node

from ..graph import SH
from .data import RecordCollector, read_lines, split_line, token
from .engines import FastEngine, RawResult
from .report import read_path
from .terms import path_text

#: Constraint parameters that look at the value nodes themselves (their term), not at what the data
#: says about them.
_TERM_ONLY = {SH.datatype, SH.nodeKind, SH.minLength, SH.maxLength, SH.pattern, SH.flags, SH.languageIn,
              SH.uniqueLang, SH["in"], SH.hasValue, SH.minInclusive, SH.maxInclusive, SH.minExclusive,
              SH.maxExclusive, SH.minCount, SH.maxCount}
#: Parameters whose value is a shape applied to the value nodes.
_NESTED = (SH.node, SH.property, SH["not"], SH.qualifiedValueShape)
_NESTED_LISTS = (SH["and"], SH["or"], SH.xone)
#: Compared with a forward path from the focus node.
_PAIRS = (SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals)


@dataclass
class Plan:
    """Which checks can run in shards, and what the shards need for them."""

    local: list[Node] = field(default_factory=list)  # check nodes (shapes) that run in shards
    whole: list[Node] = field(default_factory=list)  # check nodes that need all the data
    reasons: dict[Node, str] = field(default_factory=dict)  # why a check needs all the data
    incoming: set[str] = field(default_factory=set)  # predicates (N-Triples) read towards the focus node
    incoming_described: set[str] = field(default_factory=set)  # … whose subjects are looked into
    splittable: bool = True  # False: the checks cannot be separated (one shape used by both kinds)
    parent: dict[Node, Node] = field(default_factory=dict)  # property shape -> its whole-graph top-level shape

    def check_of(self, shape: Node | None) -> Node | None:
        """The check a result belongs to, from its source shape (the property shapes of a whole-graph
        shape are not checks of their own: they belong to it)."""
        return self.parent.get(shape, shape) if shape is not None else None


class _Whole(Exception):
    """A check needs the whole graph; the message says why."""


def plan(shapes: Graph) -> Plan:
    """Sort the checks of ``shapes`` into local and whole-graph ones (see the module docstring)."""
    out = Plan()
    for shape in _top_level(shapes):
        own_reason = None
        try:
            _check_targets(shapes, shape)
            _check_node_level(shapes, shape, out)
        except _Whole as exc:
            own_reason = str(exc)
        children = [c for c in shapes.objects(shape, SH.property)]
        if shapes.value(shape, SH.path) is not None:  # a property shape with targets of its own
            children = []
            try:
                if own_reason is None:
                    _check_property(shapes, shape, out, top=True)
            except _Whole as exc:
                own_reason = str(exc)
        if own_reason is not None:
            out.whole.append(shape)
            out.reasons[shape] = own_reason
            for child in shapes.objects(shape, SH.property):
                out.parent.setdefault(child, shape)
            continue
        out.local.append(shape)
        for child in children:
            try:
                _check_property(shapes, child, out, top=True)
                out.local.append(child)
            except _Whole as exc:
                out.whole.append(child)
                out.reasons[child] = str(exc)
    out.splittable = _separable(shapes, out)
    return out


def _top_level(shapes: Graph) -> list[Node]:
    """Shapes with targets (explicit, or implicit: a shape that is also an rdfs:Class)."""
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
    found = {s for p in targets for s in shapes.subjects(p, None)}
    rdfs_class = URIRef("http://www.w3.org/2000/01/rdf-schema#Class")
    for kind in (SH.NodeShape, SH.PropertyShape):
        found |= {s for s in shapes.subjects(RDF.type, kind) if (s, RDF.type, rdfs_class) in shapes}
    return sorted(found, key=str)


def _check_targets(shapes: Graph, shape: Node) -> None:
    if (shape, SH.targetNode, None) in shapes:
        raise _Whole("sh:targetNode names nodes that no record may hold")
    if (shape, SH.targetObjectsOf, None) in shapes:
        raise _Whole("sh:targetObjectsOf finds its focus nodes through triples in other records")
    if (shape, SH.target, None) in shapes:
        raise _Whole("a SHACL-AF target")


def _check_node_level(shapes: Graph, shape: Node, out: Plan) -> None:
    """The constraints of a shape on the focus node itself (not its sh:property children)."""
    _check_value_constraints(shapes, shape, skip_properties=True)
    for query in _sparql_queries(shapes, shape):
        _check_sparql(shapes, query, None, out)


def _check_property(shapes: Graph, prop: Node, out: Plan, *, top: bool) -> None:
    node = shapes.value(prop, SH.path)
    if node is None:
        raise _Whole("a property shape without sh:path")
    path = read_path(shapes, node)
    inverse = _inverse_first_step(path) if top else None
    if inverse is not None:
        out.incoming.add(f"<{inverse}>")
        if _looks_into_values(shapes, prop):
            out.incoming_described.add(f"<{inverse}>")
    else:
        _forward(path)
    _check_value_constraints(shapes, prop, skip_properties=False)
    for query in _sparql_queries(shapes, prop):
        _check_sparql(shapes, query, path, out)


def _check_value_constraints(shapes: Graph, shape: Node, *, skip_properties: bool,
                             seen: frozenset[Node] = frozenset()) -> None:
    """Shapes nested in ``shape`` (sh:node, sh:not, sh:and/or/xone, sh:qualifiedValueShape, and
    sh:property unless those are checks of their own) may only look forwards, without SPARQL."""
    if shape in seen:
        return  # a recursive shape: already being checked
    seen = seen | {shape}
    for p in _PAIRS:
        for other in shapes.objects(shape, p):
            if not isinstance(other, URIRef):
                raise _Whole(f"sh:{str(p).rsplit('#', 1)[-1]} with a path that is not a predicate")
    nested = [o for p in (SH.node, SH["not"], SH.qualifiedValueShape) for o in shapes.objects(shape, p)]
    nested += [i for p in _NESTED_LISTS for lst in shapes.objects(shape, p) for i in shapes.items(lst)]
    if not skip_properties:
        nested += list(shapes.objects(shape, SH.property))
    for inner in nested:
        if (inner, SH.sparql, None) in shapes:
            raise _Whole("a SPARQL constraint inside a nested shape")
        path = shapes.value(inner, SH.path)
        if path is not None:
            _forward(read_path(shapes, path))
        _check_value_constraints(shapes, inner, skip_properties=False, seen=seen)


def _looks_into_values(shapes: Graph, prop: Node) -> bool:
    """True when a property shape inspects what the data says about its value nodes."""
    for p, _ in shapes.predicate_objects(prop):
        if str(p).startswith(str(SH)) and p not in _TERM_ONLY and p not in (
                SH.path, SH.name, SH.description, SH.message, SH.severity, SH.deactivated, SH.order,
                SH.group, SH.defaultValue) and p != RDF.type:
            return True
    return False


def _inverse_first_step(path: object) -> URIRef | None:
    """``p`` for the path ``^p`` (a single inverse predicate), else None (after checking the rest)."""
    if isinstance(path, InvPath) and isinstance(path.arg, URIRef):
        return path.arg
    return None


def _forward(path: object) -> None:
    """Raise unless ``path`` only follows triples forwards."""
    if isinstance(path, (URIRef, Variable)):  # a variable predicate from a known subject: still forwards
        return
    if isinstance(path, (SequencePath, AlternativePath)):
        for arg in path.args:
            _forward(arg)
        return
    if isinstance(path, MulPath):
        _forward(path.path)
        return
    if isinstance(path, InvPath):
        raise _Whole(f"the inverse path {path_text(path)} reads triples of other records")
    if isinstance(path, NegatedPath):
        raise _Whole("a negated property set")
    raise _Whole(f"a path rdfkit cannot analyse ({path!r})")


def _sparql_queries(shapes: Graph, shape: Node) -> Iterator[str]:
    for constraint in shapes.objects(shape, SH.sparql):
        if (constraint, SH.deactivated, Literal(True)) in shapes:
            continue
        for query in shapes.objects(constraint, SH.select):
            yield str(query)
        if (constraint, SH.ask, None) in shapes:
            raise _Whole("an ASK validator")


def _check_sparql(shapes: Graph, query: str, path: object, out: Plan) -> None:
    """Check a SPARQL constraint's patterns: all reachable from ``$this`` (see the module docstring)."""
    from rdflib.plugins.sparql.algebra import translateQuery  # noqa: PLC0415
    from rdflib.plugins.sparql.parser import parseQuery  # noqa: PLC0415

    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in _declared_prefixes(shapes))
    text = query.replace("$PATH", path_text(path, full=True)) if path is not None else query
    if "$PATH" in text:
        raise _Whole("a SPARQL constraint uses $PATH outside a property shape")
    try:
        algebra = translateQuery(parseQuery(prefixes + text)).algebra
    except Exception as exc:  # the engines report syntax errors; here it only means "cannot tell"
        raise _Whole(f"a SPARQL query rdfkit cannot analyse ({type(exc).__name__})") from None
    triples = list(_sparql_triples(algebra))
    this = Variable("this")
    bound = {this}
    pending = list(triples)
    progress = True
    while pending and progress:
        progress = False
        for triple in list(pending):
            s, p, o = triple
            others = [t for t in triples if t is not triple]
            if s == this and isinstance(p, InvPath) and isinstance(p.arg, URIRef):
                out.incoming.add(f"<{p.arg}>")
                if isinstance(o, Variable) and any(t[0] == o for t in others):
                    out.incoming_described.add(f"<{p.arg}>")
                bound |= {o} if isinstance(o, Variable) else set()
            elif isinstance(s, Variable) and s in bound:
                _forward(p)
                bound |= {o} if isinstance(o, Variable) else set()
            elif o == this and isinstance(p, URIRef):
                out.incoming.add(f"<{p}>")
                if isinstance(s, Variable) and any(t[0] == s for t in others):
                    out.incoming_described.add(f"<{p}>")
                bound |= {s} if isinstance(s, Variable) else set()
            else:
                continue
            pending.remove(triple)
            progress = True
    if pending:
        raise _Whole("a SPARQL pattern that does not start from $this (it may read any record)")


def _sparql_triples(node: object) -> Iterator[tuple[object, object, object]]:
    """Every triple pattern anywhere in a SPARQL algebra tree (FILTER EXISTS and subqueries too)."""
    from rdflib.plugins.sparql.parserutils import CompValue  # noqa: PLC0415

    if isinstance(node, CompValue):
        if node.name in ("Graph", "GraphGraphPattern", "ServiceGraphPattern"):
            raise _Whole("a GRAPH or SERVICE clause")
        triples = node.get("triples")
        if triples:
            for item in triples:
                flat = list(item)
                for i in range(0, len(flat) - 2, 3):
                    yield (flat[i], flat[i + 1], flat[i + 2])
        for value in node.values():
            yield from _sparql_triples(value)
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _sparql_triples(item)


def _declared_prefixes(shapes: Graph) -> list[tuple[str, str]]:
    found = set()
    for declaration in shapes.objects(None, SH.declare):
        prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
        if prefix is not None and namespace is not None:
            found.add((str(prefix), str(namespace)))
    return sorted(found)


def _separable(shapes: Graph, out: Plan) -> bool:
    """Whether deactivating one kind of check leaves the other kind untouched (no shared shapes)."""
    if not out.whole or not out.local:
        return True
    references: dict[Node, int] = {}
    for p in _NESTED:
        for o in shapes.objects(None, p):
            references[o] = references.get(o, 0) + 1
    for p in _NESTED_LISTS:
        for lst in shapes.objects(None, p):
            for item in shapes.items(lst):
                references[item] = references.get(item, 0) + 1
    return all(references.get(node, 0) <= 1 for node in out.whole + out.local)


def shapes_with(shapes: Graph, active: list[Node], inactive: list[Node]) -> Graph:
    """A copy of ``shapes`` with the ``inactive`` checks switched off (``sh:deactivated true``)."""
    copy = Graph()
    for prefix, ns in shapes.namespace_manager.namespaces():
        copy.bind(prefix, ns)
    copy += shapes
    for node in inactive:
        copy.set((node, SH.deactivated, Literal(True)))
    return copy


# --- splitting the data ----------------------------------------------------------------------

#: Records per shard. The compiled engine evaluates SPARQL constraints in time that grows faster
#: than the data (each focus node's query scans every triple with the predicates it joins on), so
#: small shards are faster in total as well as parallel: ``bench/validate.py`` measured 0.24 ms per
#: document in shards of 125-500 documents, 0.29 ms at 1,000 and 1.96 ms in one run of 8,000.
RECORDS_PER_SHARD = 500


@dataclass
class Split:
    """The shard files, and which shard owns each node."""

    paths: list[Path]
    ids: dict[str, int]  # N-Triples token -> node id
    owners: dict[int, int]  # node id -> shard

    def owner(self, token: str) -> int:
        """The shard that owns the node (0 for a node the data does not hold)."""
        n = self.ids.get(token)
        return self.owners.get(n, 0) if n is not None else 0


def split(nquads: Path, out_dir: Path, the_plan: Plan, per_shard: int,
          records: RecordCollector | None = None) -> Split | None:
    """Cut an N-Quads file into shards of ``per_shard`` records (in the order the file first
    names them) as the module docstring says; None when the data holds one shard's worth or less.

    Shards hold triples (the validators read the union of all graphs): a triple that several
    records repeat (the label of a person they all name) is written once per shard. ``records``, if
    given, sees every line on the way (so the data is read twice in all, not three times).
    """
    ids: dict[str, int] = {}
    mentioned: list[int] = []  # node id -> bit mask of shards whose records mention it
    first_unit: list[int] = []  # node id -> first record (unit) describing it, -1 if none yet
    shared: set[int] = set()  # subjects described by more than one record
    edges: dict[int, list[int]] = {}  # node id -> node ids it points to
    owner: dict[int, int] = {}
    owner_as_object: dict[int, int] = {}
    units: dict[str, int] = {}
    incoming_described: list[tuple[int, int]] = []  # (subject id, object id) through such predicates
    add_record = records.add if records is not None else None

    def node(token: str) -> int:
        n = ids.get(token)
        if n is None:
            n = ids[token] = len(mentioned)
            mentioned.append(0)
            first_unit.append(-1)
        return n

    last_unit, unit_id, bit, shard = "", -1, 0, 0
    for line in read_lines(nquads):
        parts = split_line(line)
        if parts is None:
            continue
        if add_record is not None:
            add_record(*parts)
        s, p, o, g = parts
        unit = g if g is not None else s
        if unit != last_unit:
            unit_id = units.get(unit, -1)
            if unit_id < 0:
                unit_id = units[unit] = len(units)
            last_unit, shard = unit, unit_id // per_shard
            bit = 1 << shard
        sid = node(s)
        mentioned[sid] |= bit
        known = first_unit[sid]
        if known < 0:
            first_unit[sid] = unit_id
            owner[sid] = shard
        elif known != unit_id:
            shared.add(sid)
        if o[:1] == "<" or o[:2] == "_:":
            oid = node(o)
            mentioned[oid] |= bit
            owner_as_object.setdefault(oid, shard)
            edges.setdefault(sid, []).append(oid)
            if p in the_plan.incoming_described:
                incoming_described.append((sid, oid))
    del first_unit
    shards = (len(units) + per_shard - 1) // per_shard
    if shards < 2:
        return None
    for n, k in owner_as_object.items():
        owner.setdefault(n, k)
    del owner_as_object
    # Inverse steps whose subjects are looked into: the subject is described where the object is owned.
    for sid, oid in incoming_described:
        mentioned[sid] |= 1 << owner[oid]
    closure = _close(mentioned, edges)
    del edges, mentioned
    paths = [out_dir / f"shard-{k}.nq" for k in range(shards)]
    sinks = [path.open("w", encoding="utf-8", errors="surrogateescape") for path in paths]
    written: dict[str, int] = {}  # triple -> shards it is already in (for repeated triples)
    try:
        for line in read_lines(nquads):
            parts = split_line(line)
            if parts is None:
                continue
            s, p, o, g = parts
            sid = ids[s]
            own = 1 << (units[g if g is not None else s] // per_shard)
            mask = own | closure[sid]
            if p in the_plan.incoming and (o[:1] == "<" or o[:2] == "_:"):
                mask |= 1 << owner[ids[o]]
            if mask == own and sid not in shared:
                sinks[own.bit_length() - 1].write(line if line.endswith("\n") else line + "\n")
                continue
            triple = f"{s} {p} {o} .\n"
            done = written.get(triple, 0)
            mask &= ~done
            if mask:
                written[triple] = done | mask
                while mask:
                    low = mask & -mask
                    sinks[low.bit_length() - 1].write(triple)
                    mask ^= low
    finally:
        for sink in sinks:
            sink.close()
    return Split(paths, ids, owner)


def _close(mentioned: list[int], edges: dict[int, list[int]]) -> list[int]:
    """Shard masks pushed forwards along every triple until nothing changes."""
    closure = list(mentioned)
    todo = [n for n in edges if closure[n]]
    while todo:
        n = todo.pop()
        mask = closure[n]
        for o in edges.get(n, ()):
            if mask & ~closure[o]:
                closure[o] |= mask
                if o in edges:
                    todo.append(o)
    return closure


# --- running ---------------------------------------------------------------------------------


def run_sharded(engine: FastEngine, nquads: Path, workers: int, tmp: Path,
                per_shard: int | None = None) -> tuple[list[RawResult], int, RecordCollector | None]:
    """Validate ``nquads`` in shards of ``per_shard`` records, ``workers`` at a time (whole-graph
    checks run beside them).

    Returns the results, the number of shards used (1 when the data or the shapes cannot be split,
    in which case the whole graph is validated at once), and what the split learnt about records
    (None when there was no split).
    """
    the_plan = plan(engine.shapes)
    if not the_plan.local or not the_plan.splittable:
        return engine.run(nquads), 1, None
    records = RecordCollector()
    pieces = split(nquads, tmp, the_plan, per_shard or RECORDS_PER_SHARD, records)
    if pieces is None:
        return engine.run(nquads), 1, None
    local_checks, whole_checks = set(the_plan.local), set(the_plan.whole)
    local = engine
    whole = None
    if the_plan.whole:
        local = FastEngine(shapes_with(engine.shapes, the_plan.local, the_plan.whole))
        # A shape with checks of both kinds stays on in the whole-graph run (its whole-graph
        # property shapes need it); its own results there are dropped below.
        parents = {p for p in the_plan.local if any(c in whole_checks for c in engine.shapes.objects(p, SH.property))}
        whole = FastEngine(shapes_with(engine.shapes, the_plan.whole, [c for c in the_plan.local if c not in parents]))
    results: list[RawResult] = []
    with ThreadPoolExecutor(max_workers=max(workers, 1)) as pool:
        whole_run = pool.submit(whole.run, nquads) if whole is not None else None
        shard_runs = [pool.submit(local.run, path) for path in pieces.paths]
        for k, run in enumerate(shard_runs):
            results += [r for r in run.result() if pieces.owner(token(r.focus_node)) == k
                        and the_plan.check_of(r.source_shape) in local_checks]
            pieces.paths[k].unlink()
        if whole_run is not None:
            results += [r for r in whole_run.result() if the_plan.check_of(r.source_shape) in whole_checks]
    return results, len(pieces.paths), records


__all__ = ["plan", "split", "run_sharded", "Plan", "Split"]
