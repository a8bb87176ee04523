"""The embedded SPARQL store (pyoxigraph on disk) and read-only SPARQL queries.

``rdfkit build`` fills the store with one named graph per source document; :func:`query` runs
SELECT, ASK, CONSTRUCT and DESCRIBE over it, or over RDF files loaded into memory. The prefixes of
:data:`rdfkit.graph.PREFIXES` are predeclared.

Plain queries see every document: the store's default graph holds the union of all graphs
(duplicates removed), written there by :func:`write_store`. pyoxigraph's own "default graph as
union" mode is not used for that because it keeps duplicates: a person named in ten documents
would come back ten times (or a hundred, with two such patterns). ``GRAPH ?g { … }`` still sees each
document's graph, and ``FROM <graph>`` picks one (pyoxigraph takes ``FROM`` as a graph of the store
and never fetches it). A store written by other tools, with an empty default graph, is queried in
pyoxigraph's union mode instead.

Only reading is allowed: SPARQL Update (``INSERT``, ``DELETE``, ``LOAD``, ``DROP`` …) and
``SERVICE`` (which would reach out to other servers) are refused with a
:class:`~rdfkit.errors.QueryError`.

Example::

    >>> from rdflib import Dataset, URIRef
    >>> from rdfkit.graph import RK, RDF
    >>> ds = Dataset()
    >>> g = ds.graph(URIRef("https://w3id.org/rdfkit/id/graph/da-1"))
    >>> _ = g.add((URIRef("https://w3id.org/rdfkit/id/document/da-1"), RDF.type, RK.Document))
    >>> result = query("SELECT ?d WHERE { ?d a rk:Document }", data=ds)
    >>> print(result.render("table"), end="")
    d
    ----------------
    id:document/da-1
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import pyoxigraph as ox
from rdflib import Dataset, Graph

from . import rdfio
from .errors import QueryError, StoreError, UsageError
from .graph import prefixes as prefix_table

__all__ = ["write_store", "open_store", "query", "check_query", "QueryResult", "TABLE_FORMATS"]

#: Result formats for SELECT and ASK (CONSTRUCT and DESCRIBE take any RDF format).
TABLE_FORMATS = ("table", "csv", "tsv", "json")

_MISSING_HINT = "Run `rdfkit build` first to create it, or query RDF files instead (rdfkit query QUERY FILES…)."
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


# --------------------------------------------------------------------------------------------
# the store on disk


def _is_store(path: Path) -> bool:
    """Whether ``path`` holds a pyoxigraph (RocksDB) store."""
    return path.is_dir() and (path / "CURRENT").is_file()


def _with_union(quads: list[ox.Quad]) -> list[ox.Quad]:
    """The quads plus the union of all their graphs, deduplicated, in the default graph."""
    default = ox.DefaultGraph()
    extra = {(str(q.subject), str(q.predicate), str(q.object)): ox.Quad(q.subject, q.predicate, q.object, default)
             for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
    return quads + list(extra.values())


def write_store(data: Dataset | Graph, path: str | Path) -> int:
    """Create or replace the store at ``path`` with the quads of ``data``; return how many (distinct) there are.

    Each named graph is stored as is, and the default graph also receives the union of all graphs
    (see the module docs; that copy is not counted). The new store is built beside the old one and
    swapped in at the end, so a failed build leaves the previous store usable. A folder that holds
    anything other than a store is never removed.

    :raises StoreError: when ``path`` is a file or a non-empty folder that is not a store, or the
        store cannot be written.
    """
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise StoreError(f"{target} is a file, not a store folder", hint="Choose another output folder.")
    if target.is_dir() and any(target.iterdir()) and not _is_store(target):
        raise StoreError(f"{target} is a folder that does not hold an rdfkit store; not replacing it",
                         hint="Empty it, or choose another folder for the store.")
    target.parent.mkdir(parents=True, exist_ok=True)
    building = target.with_name(f".{target.name}.building-{os.getpid()}")
    retired = target.with_name(f".{target.name}.old-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    try:
        quads = rdfio.to_ox_quads(data)
        count = len(set(quads))
        store = ox.Store(str(building))
        store.bulk_extend(_with_union(quads))
        store.flush()
        store.optimize()
        del store  # closes the database before the folder moves
        if target.exists():
            target.rename(retired)
        building.rename(target)
    except OSError as exc:
        shutil.rmtree(building, ignore_errors=True)
        if retired.exists() and not target.exists():
            retired.rename(target)
        raise StoreError(f"cannot write the store at {target}: {exc}",
                         hint="Check that the folder is writable and that no other rdfkit process uses it.") from None
    shutil.rmtree(retired, ignore_errors=True)
    return count


def open_store(path: str | Path, read_only: bool = True) -> ox.Store:
    """Open the store at ``path`` (read-only unless asked).

    :raises StoreError: when there is no store there, or it is locked or damaged.
    """
    target = Path(path)
    if not _is_store(target):
        raise StoreError(f"no rdfkit store at {target}", hint=_MISSING_HINT)
    try:
        return ox.Store.read_only(str(target)) if read_only else ox.Store(str(target))
    except OSError as exc:
        raise StoreError(f"cannot open the store at {target}: {exc}",
                         hint="Another process may be writing it; wait for it to finish, or rebuild with "
                              "`rdfkit build`.") from None


# --------------------------------------------------------------------------------------------
# checking queries

# Strings, IRIs and comments, blanked out before looking for keywords (leftmost match wins, so a
# '#' inside a string or IRI is not a comment).
_NOISE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*",
    re.S,
)
_PROLOGUE = re.compile(r"\s*(?:(?:BASE\s*<>|PREFIX\s*[^\s:]*:\s*<>)\s*)*([A-Za-z]*)", re.I)
_QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


def _keyword(name: str) -> re.Pattern[str]:
    # a keyword, not part of a variable (?service), a prefixed name (ex:service) or a longer word
    return re.compile(rf"(?<![\w?$:.-]){name}(?![\w:.-])", re.I)


_SERVICE = _keyword("SERVICE")
_FROM = _keyword("FROM")


def _blank(sparql: str) -> str:
    def repl(m: re.Match[str]) -> str:
        text = m.group(0)
        return "<>" if text.startswith("<") else ("" if text.startswith("#") else '""')

    return _NOISE.sub(repl, sparql)


def check_query(sparql: str) -> str:
    """Check that ``sparql`` is a read-only query rdfkit may run; return its form in lower case.

    The form is ``select``, ``ask``, ``construct`` or ``describe`` (``""`` when it cannot be told;
    the SPARQL parser then reports the error).

    :raises QueryError: for an empty query, SPARQL Update, or ``SERVICE``.

    >>> check_query("PREFIX insert: <http://example.org/> SELECT * WHERE { ?s insert:p ?service }")
    'select'
    >>> check_query("INSERT DATA { <a> <b> <c> }")
    Traceback (most recent call last):
    ...
    rdfkit.errors.QueryError: SPARQL Update (INSERT) is not allowed: queries only read the data
    To change the data, change the sources and run `rdfkit build` again.
    """
    if not sparql or not sparql.strip():
        raise QueryError("the query is empty", hint="Write a SELECT, ASK, CONSTRUCT or DESCRIBE query.")
    text = _blank(sparql)
    m = _PROLOGUE.match(text)
    word = m.group(1).upper() if m else ""
    if word in _UPDATES:
        raise QueryError(f"SPARQL Update ({word}) is not allowed: queries only read the data",
                         hint="To change the data, change the sources and run `rdfkit build` again.")
    if _SERVICE.search(text):
        raise QueryError("SERVICE is not allowed: rdfkit queries never reach out to other SPARQL servers",
                         hint="Query the other server directly, or load its data into rdfkit first.")
    return word.lower() if word in _QUERY_FORMS else ""


_PNAME = re.compile(r"(?<![\w?$:.\\-])([A-Za-z][\w.-]*)?:(?=[\w%\\]|\s|$)")
_DECLARED = re.compile(r"PREFIX\s*([A-Za-z][\w.-]*)?:", re.I)


def _syntax_error(exc: SyntaxError, sparql: str) -> QueryError:
    message = str(exc.msg if getattr(exc, "msg", None) else exc)
    line = column = None
    m = re.match(r"error at (\d+):(\d+): (.*)", message, re.S)
    if m:
        line, column, message = int(m.group(1)), int(m.group(2)), m.group(3)
    elif getattr(exc, "lineno", None):
        line, column = exc.lineno, exc.offset
    message = message.strip().split("\n")[0]
    hint = "Fix the SPARQL syntax there (the rdfkit prefixes rk:, dcterms:, prov: … need no PREFIX line)."
    if "Prefix not found" in message:
        text = _blank(sparql)
        known = set(prefix_table()) | {p or "" for p in _DECLARED.findall(text)}
        unknown = sorted({p or "" for p in _PNAME.findall(text)} - known)
        message = f"unknown prefix {', '.join(p + ':' for p in unknown)}" if unknown else "unknown prefix"
        hint = (f"Declare it with PREFIX {unknown[0] if unknown else 'name'}: <…>, or use one of rdfkit's "
                f"prefixes: {', '.join(prefix_table())}.")
    elif len(message) > 160:
        message = message[:159] + "…"
    where = shown = ""
    if line is not None:
        where = f" at line {line}" + (f", column {column}" if column is not None else "")
        lines = sparql.splitlines()
        if 1 <= line <= len(lines):
            caret = " " * max((column or 1) - 1, 0) + "^"
            shown = f"\n    {lines[line - 1]}\n    {caret}"
    err = QueryError(f"the query does not parse{where}: {message}{shown}", hint=hint)
    err.line, err.column = line, column  # type: ignore[attr-defined]
    return err


# --------------------------------------------------------------------------------------------
# running queries


def _memory_store(data: Dataset | Graph | Iterable[str | Path], fmt: str | None = None) -> ox.Store:
    if isinstance(data, (Dataset, Graph)):
        quads = rdfio.to_ox_quads(data)
    else:
        quads = [q for _, qs in rdfio.read_quads(list(data), fmt) for q in qs]
    store = ox.Store()
    store.extend(_with_union(quads))
    return store


def _needs_union_mode(store: ox.Store, text: str) -> bool:
    """True for a store whose default graph is empty while named graphs hold data (not ours)."""
    if _FROM.search(text):  # FROM / FROM NAMED choose their own graphs
        return False
    return not bool(store.query("ASK { ?s ?p ?o }")) and bool(store.query("ASK { GRAPH ?g { ?s ?p ?o } }"))


def query(sparql: str, *, store: str | Path | ox.Store | None = None,
          data: Dataset | Graph | Sequence[str | Path] | None = None, data_format: str | None = None) -> "QueryResult":
    """Run a read-only SPARQL query over the store at ``store`` or over ``data``.

    :param sparql: a SELECT, ASK, CONSTRUCT or DESCRIBE query; the rdfkit prefixes are predeclared.
    :param store: the folder of a store written by :func:`write_store` (or an open pyoxigraph store).
    :param data: RDF files or folders (any syntax), or an rdflib dataset or graph, loaded into memory.
    :param data_format: the syntax of the data files when their extension does not tell (stdin, ``-``).
    :raises QueryError: for updates, SERVICE, syntax errors (with line and column) and failures.
    :raises StoreError: when the store is missing or cannot be opened.
    :raises UsageError: when neither or both of ``store`` and ``data`` are given.
    """
    form = check_query(sparql)
    if (store is None) == (data is None):
        raise UsageError("query either a store or data files, not both and not neither",
                         hint="Pass --store DIR, or RDF files to load.")
    if data is not None:
        target = _memory_store(data, data_format)
    elif isinstance(store, ox.Store):
        target = store
    else:
        target = open_store(store)  # type: ignore[arg-type]
    try:
        union = _needs_union_mode(target, _blank(sparql))
        result = target.query(sparql, prefixes=prefix_table(), use_default_graph_as_union=union)
        return QueryResult.from_oxigraph(result, form)
    except SyntaxError as exc:
        raise _syntax_error(exc, sparql) from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"the query failed: {exc}", hint="Check the query; if the store is damaged, "
                                                          "run `rdfkit build` again.") from None


# --------------------------------------------------------------------------------------------
# results


def _compact(iri: str, table: dict[str, str]) -> str:
    best = ""
    for prefix, ns in table.items():
        if iri.startswith(ns) and len(ns) > len(table.get(best, "")) and len(iri) > len(ns):
            best = prefix
    return f"{best}:{iri[len(table[best]):]}" if best else f"<{iri}>"


def _width(text: str) -> int:
    """Display width: CJK and other wide characters take two columns, combining marks none."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def _truncate(text: str, limit: int | None) -> str:
    if limit is None or _width(text) <= limit:
        return text
    out, width = [], 0
    for ch in text:
        w = _width(ch)
        if width + w > limit - 1:
            break
        out.append(ch)
        width += w
    return "".join(out) + "…"


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}  # RDF-star, passed through


@dataclass
class QueryResult:
    """The materialised result of a query.

    ``kind`` is ``"select"`` (``variables`` and ``rows``; an unbound value is ``None``), ``"ask"``
    (``boolean``) or ``"graph"`` for CONSTRUCT and DESCRIBE (``triples``). Rows keep the order the
    engine produced: it is deterministic only when the query says ``ORDER BY``.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    @classmethod
    def from_oxigraph(cls, result: Any, form: str = "") -> "QueryResult":
        if isinstance(result, ox.QueryBoolean):
            return cls("ask", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows = [tuple(solution[i] for i in range(len(names))) for solution in result]
            return cls("select", variables=names, rows=rows)
        return cls("graph", triples=list(result))

    def __len__(self) -> int:
        if self.kind == "ask":
            return 1
        return len(self.rows) if self.kind == "select" else len(self.triples)

    def __iter__(self) -> Iterator[Any]:
        if self.kind == "ask":
            return iter([self.boolean])
        return iter(self.rows if self.kind == "select" else self.triples)

    def render(self, fmt: str = "table", *, base: str | None = None, max_width: int | None = None) -> str | bytes:
        """The result as text (``str``) or RDF (``bytes``).

        SELECT and ASK: ``table`` (aligned plain text, IRIs as prefixed names), ``csv`` and ``tsv``
        (SPARQL 1.1 CSV/TSV results), ``json`` (SPARQL 1.1 Query Results JSON). CONSTRUCT and
        DESCRIBE: any RDF format of :func:`rdfkit.export.serialize` (bytes); ``table`` shows them as
        Turtle, ``json`` as JSON-LD, ``csv``/``tsv`` as subject/predicate/object rows.

        :param max_width: cut table cells longer than this many columns (``table`` only).
        :raises UsageError: for a format that does not fit the kind of result.
        """
        name = fmt.strip().lower()
        if self.kind == "graph":
            if name in ("csv", "tsv"):
                rows = [(t.subject, t.predicate, t.object) for t in self.triples]
                return QueryResult("select", ["subject", "predicate", "object"], rows).render(name)
            rdf = {"table": "turtle", "json": "json-ld"}.get(name, name)
            from .export import serialize_quads

            return serialize_quads(self.triples, rdf, base=base)
        if name == "table":
            return self._table(max_width)
        if name == "csv":
            return self._csv()
        if name == "tsv":
            return self._tsv()
        if name == "json":
            return self._json()
        hint = f"Use -f {', '.join(TABLE_FORMATS)}"
        try:
            rdfio.get_format(name)
        except UsageError:
            raise UsageError(f"unknown result format {fmt!r}", hint=hint + ".") from None
        raise UsageError(f"a {self.kind.upper()} query gives a table, not RDF: cannot write it as {fmt}",
                         hint=hint + "; RDF formats are for CONSTRUCT and DESCRIBE.")

    # SELECT / ASK renderers

    def _table(self, max_width: int | None) -> str:
        if self.kind == "ask":
            return "true\n" if self.boolean else "false\n"
        table = prefix_table()

        def cell(term: Any) -> str:
            if term is None:
                text = ""
            elif isinstance(term, ox.NamedNode):
                text = _compact(term.value, table)
            elif isinstance(term, ox.BlankNode):
                text = f"_:{term.value}"
            elif isinstance(term, ox.Literal):
                text = term.value
            else:
                text = str(term)
            text = text.replace("\r\n", "\n").replace("\n", "\\n").replace("\t", " ")
            return _truncate(text, max_width)

        header = list(self.variables)
        body = [[cell(t) for t in row] for row in self.rows]
        widths = [max([_width(h)] + [_width(r[i]) for r in body]) for i, h in enumerate(header)]

        def line(cells: list[str]) -> str:
            padded = [c + " " * (w - _width(c)) for c, w in zip(cells, widths)]
            return " | ".join(padded).rstrip()

        out = [line(header), "-+-".join("-" * w for w in widths)]
        out.extend(line(r) for r in body)
        return "\n".join(out) + "\n"

    def _csv(self) -> str:
        if self.kind == "ask":
            return "true\r\n" if self.boolean else "false\r\n"
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(self.variables)
        for row in self.rows:
            writer.writerow(["" if t is None else (f"_:{t.value}" if isinstance(t, ox.BlankNode) else
                                                   t.value if isinstance(t, (ox.NamedNode, ox.Literal)) else str(t))
                             for t in row])
        return buf.getvalue()

    def _tsv(self) -> str:
        if self.kind == "ask":
            return "true\n" if self.boolean else "false\n"
        lines = ["\t".join(f"?{v}" for v in self.variables)]
        lines.extend("\t".join("" if t is None else str(t) for t in row) for row in self.rows)
        return "\n".join(lines) + "\n"

    def _json(self) -> str:
        if self.kind == "ask":
            doc: dict[str, Any] = {"head": {}, "boolean": bool(self.boolean)}
        else:
            bindings = [{v: _json_term(t) for v, t in zip(self.variables, row) if t is not None}
                        for row in self.rows]
            doc = {"head": {"vars": list(self.variables)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
