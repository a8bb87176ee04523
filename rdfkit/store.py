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

Only reading is allowed: SPARQL Update (``INSERT``, ``DELETE``, ``LOAD``, ``DROP`` …) is always
refused, and ``SERVICE`` (which would reach out to other servers) unless ``allow_service=True``.
``FROM`` and ``FROM NAMED`` pick graphs of the store or of the data files; one that names a graph the
data does not hold is an error, because rdfkit never downloads what a query names.

The same queries run on a remote SPARQL 1.1 endpoint (``endpoint=URL``): GET for short queries, POST
for long ones, the rdfkit prefixes the query uses declared for the server, results read into the same
:class:`QueryResult`. There ``FROM`` is passed on (it names the server's own graphs).

Parameters (``params={"person": "id:person/zhang-hanfu"}``) are bound as a ``VALUES`` block at the
start of the query's ``WHERE`` clause, with every value checked and written as one SPARQL term: a
value can never change the query around it (see :func:`parse_value` and :func:`bind`).

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
import datetime
import io
import json
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Sequence
from urllib.parse import urlencode, urljoin, urlsplit

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.term import Node

from . import rdfio
from .errors import QueryError, ServerError, StoreError, UsageError
from .graph import prefixes as prefix_table

if TYPE_CHECKING:
    import requests

__all__ = [
    "write_store", "open_store", "query", "check_query", "prepare", "bind", "parse_param", "parse_value",
    "sparql_term", "query_variables", "dataset_clauses", "QueryResult", "TABLE_FORMATS", "PARAM_TYPES",
    "GET_LIMIT", "VALIDATION_NEEDS",
]

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


def check_query(sparql: str, *, allow_service: bool = False) -> str:
    """Check that ``sparql`` is a read-only query rdfkit may run; return its form in lower case.

    The form is ``select``, ``ask``, ``construct`` or ``describe`` (``""`` when it cannot be told;
    the SPARQL parser then reports the error). ``FROM`` is checked where the data is known, by
    :func:`query`.

    :param allow_service: let ``SERVICE`` through (federated queries the user asked for).
    :raises QueryError: for an empty query, SPARQL Update, or ``SERVICE`` (unless allowed).

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
    if not allow_service and _SERVICE.search(text):
        raise QueryError("SERVICE is not allowed: rdfkit queries never reach out to other SPARQL servers "
                         "unless asked to",
                         hint="Query the other server directly (--endpoint URL), load its data into rdfkit first, "
                              "or allow it with --allow-service.")
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
# parameters: values written as SPARQL terms, bound with VALUES

#: Types a named query can give its parameters (see :func:`parse_value`).
PARAM_TYPES = ("iri", "date", "string", "integer")

_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_LANG_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_BARE_LANG = re.compile(r"(.+)@([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)", re.S)
_COMPACT = re.compile(r"([A-Za-z][\w.-]*)?:(\S*)", re.S)
_ABSOLUTE = re.compile(r"(?:https?|ftp)://\S+|urn:\S+", re.I)
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_ESCAPE = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_VAR_NAME = re.compile(r"\w+")
_VARIABLE = re.compile(r"(?<![\w?$])[?$](\w+)")
_DATE_FORMS = {4: "gYear", 7: "gYearMonth", 10: "date"}
_DATE_SHAPE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")

Term = ox.NamedNode | ox.Literal


def _literal(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(_XSD + datatype))


def _iri(text: str, shown: str) -> ox.NamedNode:
    """An absolute IRI, checked: nothing that could end the ``<…>`` it is written in."""
    if _IRI_FORBIDDEN.search(text):
        bad = _IRI_FORBIDDEN.search(text).group(0)  # type: ignore[union-attr]
        raise UsageError(f"{shown} is not a valid IRI: it contains {bad!r}",
                         hint="Write IRIs as <https://…> without spaces, quotes or angle brackets.")
    try:
        return ox.NamedNode(text)
    except ValueError as exc:
        raise UsageError(f"{shown} is not a valid IRI: {exc}",
                         hint="Write a full IRI <https://…> or a compact one such as id:person/zhang-hanfu."
                         ) from None


def _unescape(body: str, shown: str) -> str:
    out, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        nxt = body[i + 1:i + 2]
        if nxt in _ECHAR:
            out.append(_ECHAR[nxt])
            i += 2
        elif nxt in ("u", "U"):
            size = 4 if nxt == "u" else 8
            digits = body[i + 2:i + 2 + size]
            if len(digits) != size or not all(c in "0123456789abcdefABCDEF" for c in digits):
                raise UsageError(f"{shown}: \\{nxt} needs {size} hex digits")
            out.append(chr(int(digits, 16)))
            i += 2 + size
        else:
            raise UsageError(f"{shown}: unknown escape \\{nxt or ''}",
                             hint='Inside quotes write \\" for a quote and \\\\ for a backslash.')
    return "".join(out)


def _quoted(value: str, shown: str) -> ox.Literal:
    quote = value[0]
    end, i = -1, 1
    while i < len(value):
        if value[i] == "\\":
            i += 2
            continue
        if value[i] == quote:
            end = i
            break
        i += 1
    if end < 0:
        raise UsageError(f"{shown}: the quote is never closed", hint=f"End the text with {quote}.")
    text = _unescape(value[1:end], shown)
    rest = value[end + 1:]
    if not rest:
        return ox.Literal(text)
    if rest.startswith("@") and _LANG_TAG.fullmatch(rest[1:]):
        return ox.Literal(text, language=rest[1:])
    if rest.startswith("^^"):
        datatype = parse_value(rest[2:])
        if isinstance(datatype, ox.NamedNode):
            try:
                return ox.Literal(text, datatype=datatype)
            except ValueError as exc:
                raise UsageError(f"{shown}: {exc}") from None
    raise UsageError(f"{shown}: unexpected {rest!r} after the closing quote",
                     hint='Write "text", "text"@en or "1962"^^xsd:gYear.')


def parse_value(value: str, kind: str | None = None, *, name: str | None = None) -> Term:
    """Read a parameter value written on the command line as an RDF term.

    ================================  =============================================
    ``<https://…>``                   an IRI (checked; relative IRIs are refused)
    ``id:person/zhang-hanfu``         a compact IRI: rdfkit's prefixes (``rk:``, ``id:``, ``sh:`` …)
    ``https://…``, ``urn:…``          an absolute IRI written bare
    ``"text"``, ``'text'``            a string (``\\"``, ``\\\\``, ``\\n``, ``\\uXXXX`` escapes)
    ``"text"@en``, ``text@en``        a string in a language
    ``"1962"^^xsd:gYear``             a typed literal (datatype as IRI or compact IRI)
    ``12``, ``-3``, ``1.5``           ``xsd:integer``, ``xsd:decimal``
    ``true``, ``false``               ``xsd:boolean``
    ``1962-06-08``                    ``xsd:date``
    anything else                     a string, as written
    ================================  =============================================

    ``kind`` (a named query's parameter type, one of :data:`PARAM_TYPES`) checks the value and
    reads it accordingly: ``date`` takes ``1962`` (``xsd:gYear``), ``1962-06`` (``xsd:gYearMonth``)
    or ``1962-06-08``; ``string`` keeps ``12`` as text; ``iri`` refuses literals.

    >>> parse_value("id:person/zhang-hanfu")
    <NamedNode value=https://w3id.org/rdfkit/id/person/zhang-hanfu>
    >>> parse_value('"Zhang"@en'), parse_value("12"), parse_value("1962", "date")  # doctest: +NORMALIZE_WHITESPACE
    (<Literal value=Zhang language=en>,
     <Literal value=12 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>,
     <Literal value=1962 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#gYear>>)

    :raises UsageError: for a malformed IRI or literal, an unknown prefix, or a value of the wrong kind.
    """
    shown = f"parameter {name}: {value!r}" if name else repr(value)
    if kind is not None and kind not in PARAM_TYPES:
        raise UsageError(f"unknown parameter type {kind!r}", hint=f"Use one of: {', '.join(PARAM_TYPES)}.")
    table = prefix_table()
    term: Term
    if value.startswith("<"):
        if not value.endswith(">") or len(value) < 2:
            raise UsageError(f"{shown} starts with < but does not end with >",
                             hint='Write an IRI as <https://…>, or quote text that starts with <: "<…".')
        term = _iri(value[1:-1], shown)
    elif value[:1] in ('"', "'"):
        term = _quoted(value, shown)
    elif kind == "string":
        m = _BARE_LANG.fullmatch(value)
        term = ox.Literal(m.group(1), language=m.group(2)) if m else ox.Literal(value)
    elif kind == "date" and _DATE_SHAPE.fullmatch(value):
        term = _literal(value, _DATE_FORMS[len(value)])
    elif re.fullmatch(r"[+-]?\d+", value):
        term = _literal(value, "integer")
    elif re.fullmatch(r"[+-]?\d*\.\d+", value):
        term = _literal(value, "decimal")
    elif value in ("true", "false"):
        term = _literal(value, "boolean")
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        term = _literal(value, "date")
    elif (m := _COMPACT.fullmatch(value)) and (m.group(1) or "") in table:
        term = _iri(table[m.group(1) or ""] + m.group(2), shown)
    elif _ABSOLUTE.fullmatch(value):
        term = _iri(value, shown)
    elif m and not _ABSOLUTE.match(value):
        raise UsageError(f"{shown}: unknown prefix {m.group(1) or ''}:",
                         hint=f"Write the full IRI in angle brackets (<https://…>), quote it to mean text "
                              f"(\"…\"), or use one of rdfkit's prefixes: {', '.join(table)}.")
    else:
        m = _BARE_LANG.fullmatch(value)
        term = ox.Literal(m.group(1), language=m.group(2)) if m else ox.Literal(value)
    if kind is not None:
        _check_kind(term, kind, shown)
    return term


def _check_kind(term: Term, kind: str, shown: str) -> None:
    examples = {"iri": "<https://…> or id:person/zhang-hanfu", "date": "1962, 1962-06 or 1962-06-08",
                "integer": "12", "string": '"text" or text@en'}
    ok = {
        "iri": isinstance(term, ox.NamedNode),
        "string": isinstance(term, ox.Literal),
        "integer": isinstance(term, ox.Literal) and term.datatype.value == _XSD + "integer",
        "date": isinstance(term, ox.Literal) and term.datatype.value in {_XSD + t for t in _DATE_FORMS.values()},
    }[kind]
    if kind == "date" and ok:
        try:
            if len(term.value) == 10:
                datetime.date.fromisoformat(term.value)
            elif len(term.value) == 7 and not 1 <= int(term.value[5:]) <= 12:
                raise ValueError
        except ValueError:
            raise UsageError(f"{shown}: there is no such date", hint="Write dates as YYYY, YYYY-MM or YYYY-MM-DD.")
    if not ok:
        raise UsageError(f"{shown}: expected {'an' if kind[0] in 'aeiou' else 'a'} {kind}",
                         hint=f"Write it as {examples[kind]}.")


def parse_param(text: str) -> tuple[str, str]:
    """Split ``name=value`` (as given to ``--param``); the name may start with ``?`` or ``$``.

    >>> parse_param("person=id:person/zhang-hanfu")
    ('person', 'id:person/zhang-hanfu')

    :raises UsageError: when there is no ``=`` or the name is not a SPARQL variable name.
    """
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _VAR_NAME.fullmatch(name):
        raise UsageError(f"--param {text!r} is not name=value",
                         hint="Write --param person=id:person/zhang-hanfu (the name of a ?variable of the query).")
    return name, value


def sparql_term(term: Term) -> str:
    """A term written in SPARQL syntax: ``<iri>``, ``"text"@en``, ``"1962"^^<…#gYear>``.

    Quotes, backslashes and line breaks are escaped, so a literal is always one token.

    >>> print(sparql_term(ox.Literal('say "hi" } ; DROP ALL')))
    "say \\"hi\\" } ; DROP ALL"
    """
    if isinstance(term, ox.NamedNode):
        if _IRI_FORBIDDEN.search(term.value):
            raise UsageError(f"not a valid IRI: {term.value!r}")
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        text = '"' + "".join(_ESCAPE.get(ch, ch) for ch in term.value) + '"'
        if term.language:
            if not _LANG_TAG.fullmatch(term.language):
                raise UsageError(f"not a valid language tag: {term.language!r}")
            return f"{text}@{term.language}"
        if term.datatype.value != _XSD_STRING:
            return f"{text}^^{sparql_term(term.datatype)}"
        return text
    raise UsageError(f"cannot bind {term!r}: only IRIs and literals can be parameter values")


def _mask(sparql: str) -> str:
    """``sparql`` with strings, IRIs and comments blanked out, every character kept in place."""

    def repl(m: re.Match[str]) -> str:
        text = m.group(0)
        if text.startswith("#"):
            return " " * len(text)
        keep = 3 if text[:3] in ('"""', "'''") else 1
        return text[:keep] + " " * (len(text) - 2 * keep) + text[-keep:]

    return _NOISE.sub(repl, sparql)


def query_variables(sparql: str) -> set[str]:
    """The names of the variables (``?name`` or ``$name``) a query mentions, outside strings and IRIs.

    >>> sorted(query_variables('SELECT ?a WHERE { ?a rdfs:label "?not" ; <http://x/?y> $b }'))
    ['a', 'b']
    """
    return set(_VARIABLE.findall(_mask(sparql)))


def _to_term(value: Any, name: str) -> Term:
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    if isinstance(value, Node):
        converted = rdfio.to_ox(value)
        if isinstance(converted, (ox.NamedNode, ox.Literal)):
            return converted
    if isinstance(value, str):
        return parse_value(value, name=name)
    raise UsageError(f"parameter {name}: cannot bind {value!r}",
                     hint="Give an IRI or literal (pyoxigraph or rdflib), or text in the --param syntax.")


def _normalise_params(params: Mapping[str, Any]) -> dict[str, list[Term]]:
    out: dict[str, list[Term]] = {}
    for raw_name, value in params.items():
        name = raw_name.lstrip("?$")
        if not _VAR_NAME.fullmatch(name):
            raise UsageError(f"parameter name {raw_name!r} is not a SPARQL variable name")
        values = list(value) if isinstance(value, (list, tuple)) else [value]
        if not values:
            raise UsageError(f"parameter {name} has no value")
        out.setdefault(name, []).extend(_to_term(v, name) for v in values)
    return out


def _prologue_end(masked: str) -> int:
    m = re.match(r"\s*(?:(?:BASE\s*<[^>]*>|PREFIX\s*[^\s:]*:\s*<[^>]*>)\s*)*", masked, re.I)
    return m.end() if m else 0


def _matching(masked: str, start: int) -> int:
    """The index of the ``}`` that closes the ``{`` at ``start``."""
    depth = 0
    for i in range(start, len(masked)):
        if masked[i] == "{":
            depth += 1
        elif masked[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    raise QueryError("the query's braces { } do not match", hint="Close every { with a }.")


def _where_group(sparql: str, masked: str) -> tuple[str, str, int, int]:
    """Find the query's WHERE group: ``(sparql, masked, index of its {, index of its })``.

    A short ``CONSTRUCT WHERE { … }`` is rewritten in the long form first (its pattern copied as
    the template), so that a VALUES block can go into the pattern and not into the template.
    """
    start = _prologue_end(masked)
    m = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I).match(masked, start)
    if not m:
        raise QueryError("parameters can only be bound in a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    pos = m.end()
    if m.group(1).upper() == "CONSTRUCT":
        brace = re.compile(r"\s*\{").match(masked, pos)
        if brace:  # CONSTRUCT { template } … WHERE { pattern }
            pos = _matching(masked, brace.end() - 1) + 1
        else:  # CONSTRUCT … WHERE { triples }: the short form
            opening = masked.find("{", pos)
            if opening < 0:
                raise QueryError("the CONSTRUCT query has no WHERE { … }")
            closing = _matching(masked, opening)
            template = " { " + sparql[opening + 1:closing] + " } "
            sparql = sparql[:pos] + template + sparql[pos:]
            masked = masked[:pos] + _mask(template) + masked[pos:]
            pos += len(template)
    depth = 0
    for i in range(pos, len(masked)):
        ch = masked[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "{" and depth <= 0:
            return sparql, masked, i, _matching(masked, i)
    raise UsageError("the query has no WHERE { … } to bind parameters in",
                     hint="Parameters are variables of the WHERE clause; DESCRIBE <iri> takes none.")


def bind(sparql: str, params: Mapping[str, Any]) -> str:
    """The query with ``params`` bound: a ``VALUES`` block at the start of its WHERE clause.

    ``params`` maps variable names to values: pyoxigraph or rdflib terms, or text in the syntax of
    :func:`parse_value`; a list of values binds the variable to each in turn (one solution each).
    The block is joined with the rest of the WHERE clause, so a bound variable has its value in every
    triple pattern, in the FILTERs and BINDs of the WHERE clause itself, in OPTIONAL and in EXISTS;
    not inside a FILTER of a nested group, a UNION branch or a sub-query (SPARQL's scoping rules).
    Nothing is pasted into the query but terms written by :func:`sparql_term`.

    >>> print(bind("SELECT ?d WHERE { ?d dcterms:creator ?who }", {"who": "id:person/zhang-hanfu"}))
    SELECT ?d WHERE { VALUES ?who { <https://w3id.org/rdfkit/id/person/zhang-hanfu> } ?d dcterms:creator ?who }

    :raises UsageError: for a parameter the query does not mention (named in the message), a bad
        value, or a query without a WHERE clause.
    """
    values = _normalise_params(params)
    if not values:
        return sparql
    used = query_variables(sparql)
    unused = [name for name in values if name not in used]
    if unused:
        raise UsageError(f"the query has no variable {', '.join('?' + n for n in unused)} to bind "
                         f"--param {unused[0]} to",
                         hint=f"Its variables are: {', '.join('?' + v for v in sorted(used)) or 'none'}.")
    sparql, masked, opening, closing = _where_group(sparql, _mask(sparql))
    names = list(values)
    rows: list[tuple[Term, ...]] = [()]
    for name in names:
        rows = [row + (term,) for row in rows for term in values[name]]
    if len(names) == 1:
        block = f"VALUES ?{names[0]} {{ {' '.join(sparql_term(r[0]) for r in rows)} }}"
    else:
        cells = " ".join("(" + " ".join(sparql_term(t) for t in row) + ")" for row in rows)
        block = f"VALUES ({' '.join('?' + n for n in names)}) {{ {cells} }}"
    inner = re.compile(r"\s*SELECT\b", re.I).match(masked, opening + 1)
    if inner:  # WHERE { SELECT … }: a sub-query alone; VALUES goes beside it, in a group of its own
        return (sparql[:opening + 1] + f" {block} {{" + sparql[opening + 1:closing] + "} "
                + sparql[closing:])
    return sparql[:opening + 1] + f" {block}" + sparql[opening + 1:]


def _declared_prefixes(sparql: str) -> dict[str, str]:
    return {m.group(1) or "": m.group(2)
            for m in re.finditer(r"PREFIX\s*([A-Za-z][\w.-]*)?:\s*<([^>]*)>", sparql, re.I)}


def _with_prefixes(sparql: str) -> str:
    """The query with PREFIX lines for the rdfkit prefixes it uses and does not declare (for servers)."""
    table = prefix_table()
    masked = _mask(sparql)
    declared = set(_declared_prefixes(sparql))
    used = {p or "" for p in _PNAME.findall(masked)}
    needed = [p for p in table if p in used and p not in declared]
    if not needed:
        return sparql
    # on the first line, so that a server's "error at line:column" still points at the user's lines
    return "".join(f"PREFIX {p}: <{table[p]}> " for p in needed) + sparql


def prepare(sparql: str, params: Mapping[str, Any] | None = None, *, for_server: bool = False,
            allow_service: bool = False) -> str:
    """The query as it will run: checked (see :func:`check_query`), parameters bound, and for a
    server (``for_server=True``) the rdfkit prefixes it uses declared. ``rdfkit query --show`` prints it."""
    check_query(sparql, allow_service=allow_service)
    text = bind(sparql, params) if params else sparql
    return _with_prefixes(text) if for_server else text


# --------------------------------------------------------------------------------------------
# FROM and FROM NAMED: graphs of the data, never downloads

_DATASET_CLAUSE = re.compile(r"(?<![\w?$:.-])FROM\s+(NAMED\s+)?", re.I)


def dataset_clauses(sparql: str) -> list[tuple[bool, str]]:
    """The graphs a query's ``FROM`` (``False``) and ``FROM NAMED`` (``True``) clauses name, as IRIs.

    >>> dataset_clauses(r"SELECT * FROM id:graph\/da-1 FROM NAMED <http://example.org/g> WHERE { ?s ?p ?o }")
    [(False, 'https://w3id.org/rdfkit/id/graph/da-1'), (True, 'http://example.org/g')]
    """
    masked = _mask(sparql)
    table = {**prefix_table(), **_declared_prefixes(sparql)}
    base = re.search(r"BASE\s*<([^>]*)>", sparql, re.I)
    out = []
    for m in _DATASET_CLAUSE.finditer(masked):
        token = re.compile(r"<[^>]*>|\S+").match(sparql, m.end())
        if not token:
            continue
        text = token.group(0)
        if text.startswith("<"):
            iri = text[1:-1]
            if base and not re.match(r"[A-Za-z][\w+.-]*:", iri):
                iri = urljoin(base.group(1), iri)
        else:
            prefix, _, local = text.partition(":")
            local = re.sub(r"\\(.)", r"\1", local)  # id:graph\/da-1: escapes in local names
            iri = table[prefix] + local if prefix in table else text
        out.append((bool(m.group(1)), iri))
    return out


def _check_from(store: ox.Store, sparql: str, where: str) -> None:
    for named, iri in dataset_clauses(sparql):
        try:
            present = store.contains_named_graph(ox.NamedNode(iri))
        except ValueError:
            present = False
        if not present:
            clause = "FROM NAMED" if named else "FROM"
            raise QueryError(
                f"{clause} <{iri}>: {where} holds no graph of that name, and rdfkit never downloads the data "
                "a query names",
                hint="FROM and FROM NAMED pick graphs of the data (such as id:graph/da-118200). To query a file "
                     "from the web, download it and give it as DATA: rdfkit query QUERY file.ttl")


# --------------------------------------------------------------------------------------------
# running queries

#: What a named query may ask for beside the data (``# needs:`` in its header).
VALIDATION_NEEDS = "validation"


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


def _severity_node(severity: str) -> ox.NamedNode:
    sh = "http://www.w3.org/ns/shacl#"
    if severity in ("Violation", "Warning", "Info"):
        return ox.NamedNode(sh + severity)
    for prefix, ns in prefix_table().items():
        if severity.startswith(f"{prefix}:"):
            return ox.NamedNode(ns + severity[len(prefix) + 1:])
    return ox.NamedNode(severity.strip("<>"))


def _with_validation(source: ox.Store) -> ox.Store:
    """A copy of ``source`` in memory, with rdfkit's SHACL validation results added.

    Each result (``sh:ValidationResult`` with ``sh:focusNode``, ``sh:resultSeverity``,
    ``sh:sourceShape``, ``sh:sourceConstraintComponent``, ``sh:resultPath`` when it is one property,
    ``sh:value``, ``sh:resultMessage``) is written into the named graph of every record (source
    document) that describes its focus node, so ``GRAPH ?record { ?r a sh:ValidationResult }`` finds
    the records that fail; results about nodes outside any named graph go to the default graph.
    """
    from rdflib import URIRef

    from .validate import validate

    # the records; the default graph only when there are none (in rdfkit's store it is their union copy)
    named = [q for q in source.quads_for_pattern(None, None, None, None)
             if not isinstance(q.graph_name, ox.DefaultGraph)]
    to_check = named or list(source.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    with tempfile.TemporaryDirectory(prefix="rdfkit-query-") as tmp:
        path = Path(tmp) / "data.nq"
        ox.serialize(to_check, output=str(path), format=ox.RdfFormat.N_QUADS)
        report = validate([path])
    sh = "http://www.w3.org/ns/shacl#"
    extra: list[ox.Quad] = []
    for result in report.results:
        node = ox.BlankNode()
        triples: list[tuple[Any, Any]] = [
            (ox.NamedNode(_RDF_TYPE), ox.NamedNode(sh + "ValidationResult")),
            (ox.NamedNode(sh + "focusNode"), rdfio.to_ox(result.focus_node)),
            (ox.NamedNode(sh + "resultSeverity"), _severity_node(result.severity)),
            (ox.NamedNode(sh + "sourceShape"), rdfio.to_ox(result.source_shape)),
            (ox.NamedNode(sh + "sourceConstraintComponent"), rdfio.to_ox(result.constraint_component)),
        ]
        if isinstance(result.path, URIRef):
            triples.append((ox.NamedNode(sh + "resultPath"), rdfio.to_ox(result.path)))
        if result.value is not None:
            triples.append((ox.NamedNode(sh + "value"), rdfio.to_ox(result.value)))
        for lang, text in result.messages or (("", result.message),):
            triples.append((ox.NamedNode(sh + "resultMessage"), ox.Literal(text, language=lang or None)))
        graphs: list[Any] = [rdfio.to_ox(g) for g in result.records] or [ox.DefaultGraph()]
        extra.extend(ox.Quad(node, p, o, g) for g in graphs for p, o in triples)
    store = ox.Store()
    store.extend(_with_union(list(source.quads_for_pattern(None, None, None, None))))
    store.extend(extra)  # after the union copy: record results stay in their records' graphs
    return store



def query(sparql: str, *, store: str | Path | ox.Store | None = None,
          data: Dataset | Graph | Sequence[str | Path] | None = None, data_format: str | None = None,
          endpoint: str | None = None, params: Mapping[str, Any] | None = None, allow_service: bool = False,
          with_validation: bool = False, timeout: float = 60.0,
          session: "requests.Session | None" = None) -> "QueryResult":
    """Run a read-only SPARQL query over the store at ``store``, over ``data``, or on a server.

    :param sparql: a SELECT, ASK, CONSTRUCT or DESCRIBE query; the rdfkit prefixes are predeclared.
    :param store: the folder of a store written by :func:`write_store` (or an open pyoxigraph store).
    :param data: RDF files or folders (any syntax), or an rdflib dataset or graph, loaded into memory.
    :param data_format: the syntax of the data files when their extension does not tell (stdin, ``-``).
    :param endpoint: the URL of a SPARQL 1.1 query endpoint (``http`` or ``https``) to send the query to.
    :param params: variables to bind (see :func:`bind`): ``{"person": "id:person/zhang-hanfu"}``.
    :param allow_service: let ``SERVICE`` reach other servers (refused otherwise).
    :param with_validation: validate the data with rdfkit's shapes first and let the query see the
        results, each ``sh:ValidationResult`` in the named graph of the record it is about (the store
        or files only; docs/queries.md, "Validation results").
    :param timeout: seconds to wait for a server (connecting, and between bytes of the answer).
    :param session: a :class:`requests.Session` to send requests with (tests inject faults with it).
    :raises QueryError: for updates, SERVICE, FROM a graph the data does not have, syntax errors
        (with line and column, from the server's message for an endpoint) and failures.
    :raises StoreError: when the store is missing or cannot be opened.
    :raises ServerError: when the endpoint cannot be reached, times out, fails (5xx) or refuses
        (401, 403, 404 …), redirects to another host, or answers something that is not a result.
    :raises UsageError: unless exactly one of ``store``, ``data`` and ``endpoint`` is given; for
        parameters the query does not use, and for bad parameter values.
    """
    form = check_query(sparql, allow_service=allow_service)
    if sum(x is not None for x in (store, data, endpoint)) != 1:
        raise UsageError("query one store, data files, or one endpoint",
                         hint="Pass --store DIR, RDF files to load, or --endpoint URL (one of them).")
    text = bind(sparql, params) if params else sparql
    if endpoint is not None:
        if with_validation:
            raise UsageError("validation results are only available for the store or data files, not on a server",
                             hint="Run the query on the store (rdfkit build first) or on the files you published.")
        return _remote_query(_with_prefixes(text), form, endpoint, timeout=timeout, session=session)
    if data is not None:
        target = _memory_store(data, data_format)
        where = "the data"
    elif isinstance(store, ox.Store):
        target, where = store, "the store"
    else:
        target, where = open_store(store), f"the store {store}"  # type: ignore[arg-type]
    _check_from(target, text, where)
    if with_validation:
        target = _with_validation(target)
    try:
        union = _needs_union_mode(target, _blank(text))
        result = target.query(text, prefixes=prefix_table(), use_default_graph_as_union=union)
        return QueryResult.from_oxigraph(result, form)
    except SyntaxError as exc:
        raise _syntax_error(exc, text) from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"the query failed: {exc}", hint="Check the query; if the store is damaged, "
                                                          "run `rdfkit build` again.") from None


# --------------------------------------------------------------------------------------------
# remote endpoints: SPARQL 1.1 Protocol

#: Queries whose URL-encoded form is shorter than this many bytes go by GET, longer ones by POST.
GET_LIMIT = 2000
_MAX_REDIRECTS = 5
_TABLE_ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
                 "text/tab-separated-values;q=0.5")
_GRAPH_ACCEPT = ("application/n-triples, text/turtle;q=0.9, application/n-quads;q=0.8, application/trig;q=0.8, "
                 "application/rdf+xml;q=0.5, application/ld+json;q=0.3")
_ACCEPT = {"select": _TABLE_ACCEPT, "ask": _TABLE_ACCEPT, "construct": _GRAPH_ACCEPT, "describe": _GRAPH_ACCEPT,
           "": _TABLE_ACCEPT + ", " + _GRAPH_ACCEPT.replace("application/n-triples", "application/n-triples;q=0.9")}
_ERRNO = re.compile(r"\[Errno -?\d+\] ([^'\")]+)")


def _short(text: str, limit: int = 300) -> str:
    """A server's error body in one short line (tags of an HTML page removed)."""
    if "<" in text and ">" in text and re.search(r"<(?:html|body|h1|p|title|pre)\b", text, re.I):
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.I | re.S)
        text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


def _send(session: "requests.Session", method: str, url: str, *, body: bytes | None, headers: dict[str, str],
          timeout: float, shown: str) -> "requests.Response":
    """One request; redirects are followed only within the same host (and never from https to http).

    ``shown`` is the endpoint as the user gave it, for messages (``url`` may carry the whole query).
    """
    import requests

    start = _origin(url)
    for _ in range(_MAX_REDIRECTS + 1):
        try:
            response = session.request(method, url, data=body, headers=headers, timeout=timeout,
                                        allow_redirects=False)
        except requests.Timeout:
            raise ServerError(f"the SPARQL endpoint {shown} did not answer within {timeout:g} s",
                              hint="Try again later, give more time with --timeout, or ask for less (LIMIT).") from None
        except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError) as exc:
            counts = re.search(r"IncompleteRead\((\d+) bytes read, (\d+) more expected", str(exc))
            detail = (f"{counts.group(1)} bytes received, {counts.group(2)} more announced" if counts
                      else _short(str(exc), 200))
            raise ServerError(f"the answer of the SPARQL endpoint {shown} was cut off ({detail})",
                              hint="Try again; if it keeps happening, ask for less (LIMIT).") from None
        except requests.RequestException as exc:
            reasons = _ERRNO.findall(str(exc))
            reason = reasons[-1].strip() if reasons else _short(str(exc), 200)
            raise ServerError(f"cannot reach the SPARQL endpoint {shown}: {reason}",
                              hint="Check the URL and that the server is running and reachable.") from None
        if response.status_code not in (301, 302, 303, 307, 308) or "Location" not in response.headers:
            return response
        response.close()
        target = urljoin(url, response.headers["Location"])
        scheme, host, port = _origin(target)
        same_host = host == start[1] and (port == start[2] or (scheme, start[0]) == ("https", "http"))
        if not same_host or (start[0] == "https" and scheme != "https"):
            raise ServerError(f"the SPARQL endpoint {shown} redirects to {target.split('?')[0]}: rdfkit follows "
                              "redirects only within the same server",
                              hint=f"If you trust it, query it directly: --endpoint {target.split('?')[0]}")
        if response.status_code == 303:  # "see other": fetch that with GET
            method, body = "GET", None
            headers = {k: v for k, v in headers.items() if k != "Content-Type"}
        url = target
    raise ServerError(f"the SPARQL endpoint redirects more than {_MAX_REDIRECTS} times", hint="Check the URL.")


def _remote_query(sparql: str, form: str, endpoint: str, *, timeout: float,
                  session: "requests.Session | None") -> "QueryResult":
    import requests

    from . import __version__

    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--endpoint {endpoint!r} is not an http(s) URL",
                         hint="Give the query URL of the server, such as http://localhost:7878/query.")
    headers = {"Accept": _ACCEPT.get(form, _ACCEPT[""]), "User-Agent": f"rdfkit/{__version__}"}
    encoded = urlencode({"query": sparql})
    if len(encoded) < GET_LIMIT:
        method, url, body = "GET", endpoint + ("&" if parts.query else "?") + encoded, None
    else:
        method, url, body = "POST", endpoint, sparql.encode("utf-8")
        headers["Content-Type"] = "application/sparql-query; charset=utf-8"
    own = session is None
    session = session or requests.Session()
    try:
        response = _send(session, method, url, body=body, headers=headers, timeout=timeout, shown=endpoint)
        return _read_response(response, form, endpoint)
    finally:
        if own:
            session.close()


def _read_response(response: "requests.Response", form: str, endpoint: str) -> "QueryResult":
    import requests

    status = response.status_code
    try:
        content = response.content
    except requests.RequestException as exc:
        raise ServerError(f"the answer of {endpoint} was cut off: {_short(str(exc), 200)}",
                          hint="Try again; if it keeps happening, ask for less (LIMIT).") from None
    if status >= 400:
        reason = f"HTTP {status}{' ' + response.reason if response.reason else ''}"
        text = _short(content.decode("utf-8", errors="replace")) or "(no message)"
        if status == 400:
            raise QueryError(f"the server did not accept the query ({reason}): {text}",
                             hint="Fix the query; the message above is the server's.")
        if status in (401, 403):
            hint = "The server refuses this request; it may need credentials or not allow queries from you."
        elif status == 404:
            hint = "Check the endpoint URL: it should be the server's SPARQL query URL (often …/sparql or …/query)."
        elif status in (413, 414):
            hint = "The query is too long for this server; shorten it."
        elif status >= 500:
            hint = "The server failed; try again later, or ask for less (LIMIT)."
        else:
            hint = "The server refused the request."
        problem = "failed" if status >= 500 else "refused the query"
        raise ServerError(f"the SPARQL endpoint {endpoint} {problem} ({reason}): {text}", hint=hint)
    media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    try:
        results_format = ox.QueryResultsFormat.from_media_type(media) if media else None
    except (ValueError, AttributeError):
        results_format = None
    try:
        if results_format is not None:
            return QueryResult.from_oxigraph(ox.parse_query_results(content, format=results_format), form)
        rdf_format = ox.RdfFormat.from_media_type(media) if media else None
        if rdf_format is None:
            raise ServerError(f"the SPARQL endpoint {endpoint} answered with {media or 'no content type'}, "
                              "which is neither SPARQL results nor RDF",
                              hint="Check that the URL is the server's SPARQL query endpoint.")
        triples = [q.triple for q in ox.parse(content, format=rdf_format)]
        return QueryResult("graph", triples=triples)
    except (SyntaxError, ValueError, OSError) as exc:
        message = str(getattr(exc, "msg", None) or exc).split("\n")[0]
        raise ServerError(f"the answer of {endpoint} is not valid {media or 'results'}: {_short(message, 200)}",
                          hint="The answer may have been cut off; try again, or ask for less (LIMIT).") from None


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
