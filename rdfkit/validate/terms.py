"""How RDF terms and property paths are written in reports: compact names for people, full IRIs for machines.

    >>> from rdflib import URIRef, Literal
    >>> term_text(URIRef("https://w3id.org/rdfkit/id/document/da-1"))
    'id:document/da-1'
    >>> json_term_text({"type": "literal", "value": "1910", "datatype": "http://www.w3.org/2001/XMLSchema#gYear"})
    '"1910"^^xsd:gYear'
"""

from __future__ import annotations

import re
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath
from rdflib.term import Node

from ..graph import XSD, prefixes


_LOCAL_OK = re.compile(r"[^\s<>\"{}|^`\\]+")


def compact(iri: str) -> str:
    """``prefix:rest`` with rdfkit's prefix table (longest namespace wins), else ``<iri>``."""
    best = None
    for prefix, ns in prefixes().items():
        if iri.startswith(ns) and (best is None or len(ns) > len(best[1])):
            rest = iri[len(ns):]
            if rest and _LOCAL_OK.fullmatch(rest):
                best = (prefix, ns)
    if best is None:
        return f"<{iri}>"
    return f"{best[0]}:{iri[len(best[1]):]}"


def term_text(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return compact(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = '"' + str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^{compact(str(term.datatype))}"
        return text
    return str(term)


def term_json(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "unknown", "value": str(term)}


def term_sort(term: Node) -> tuple[str, ...]:
    kind = "1" if isinstance(term, URIRef) else "2" if isinstance(term, Literal) else "3"
    extra = ""
    if isinstance(term, Literal):
        extra = f"{term.language or ''}|{term.datatype or ''}"
    return (kind, str(term), extra)


def path_text(path: Any, full: bool = False) -> str:
    """A property path in SPARQL syntax: compact names (``^rico:documents/dcterms:date``), or
    full IRIs in angle brackets with ``full``."""
    if isinstance(path, URIRef):
        return f"<{path}>" if full else compact(str(path))
    if isinstance(path, InvPath):
        return f"^{path_group(path.arg, full, InvPath, SequencePath)}"
    if isinstance(path, SequencePath):
        return "/".join(path_group(a, full, SequencePath) for a in path.args)
    if isinstance(path, AlternativePath):
        return "(" + "|".join(path_text(a, full) for a in path.args) + ")"
    if isinstance(path, MulPath):
        return f"{path_group(path.path, full, InvPath, SequencePath, MulPath)}{path.mod}"
    return path.n3() if full and isinstance(path, Node) else term_text(path)


def path_json(path: Any) -> str | None:
    """A predicate path as the plain IRI; other paths in SPARQL syntax with ``<full IRIs>``."""
    if path is None:
        return None
    return str(path) if isinstance(path, URIRef) else path_text(path, full=True)


def path_group(path: Any, full: bool, *needs_brackets: type) -> str:
    """``path`` as text, in brackets when SPARQL's precedence needs them in this place."""
    text = path_text(path, full)
    return f"({text})" if isinstance(path, needs_brackets) else text


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def shorten(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def json_term_text(term: dict[str, str] | None) -> str:
    """A term of the JSON report (``{"type": "uri", "value": …}``) written as in the text report."""
    if term is None:
        return ""
    kind, value = term.get("type"), term.get("value", "")
    if kind == "uri":
        return term_text(URIRef(value))
    if kind == "bnode":
        return f"_:{value}"
    lang, datatype = term.get("xml:lang"), term.get("datatype")
    return term_text(Literal(value, lang=lang, datatype=URIRef(datatype) if datatype and not lang else None))
