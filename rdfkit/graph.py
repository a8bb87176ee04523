"""Namespaces, the fixed prefix table, text normalisation and IRI minting.

Every data IRI rdfkit writes comes from :func:`mint`, so the same input gives the same IRIs on
every machine and every run::

    >>> mint("person", slug("Zhang Hanfu"))
    rdflib.term.URIRef('https://w3id.org/rdfkit/id/person/zhang-hanfu')
    >>> mint("recordset", "prc-fma", "118-01765")
    rdflib.term.URIRef('https://w3id.org/rdfkit/id/recordset/prc-fma/118-01765')
"""

from __future__ import annotations

import os
import re
import unicodedata
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, VOID, XSD

RK = Namespace("https://w3id.org/rdfkit/ns#")
RICO = Namespace("https://www.ica.org/standards/RiC/ontology#")
RICRST = Namespace("https://www.ica.org/standards/RiC/vocabularies/recordSetTypes#")
SCHEMA = Namespace("https://schema.org/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
REL = Namespace("http://id.loc.gov/vocabulary/relators/")
CRM = Namespace("http://www.cidoc-crm.org/cidoc-crm/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
ISO639_1 = Namespace("http://id.loc.gov/vocabulary/iso639-1/")

DEFAULT_BASE = "https://w3id.org/rdfkit/id/"

#: The one prefix table every export uses, in this order.
PREFIXES: dict[str, str] = {
    "rk": str(RK),
    "id": DEFAULT_BASE,
    "rico": str(RICO),
    "ricrst": str(RICRST),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "dcterms": str(DCTERMS),
    "bibo": str(BIBO),
    "rel": str(REL),
    "crm": str(CRM),
    "sem": str(SEM),
    "skos": str(SKOS),
    "foaf": str(FOAF),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "void": str(VOID),
    "dcat": str(DCAT),
    "sh": str(SH),
}

__all__ = [
    "RK", "RICO", "RICRST", "SCHEMA", "BIBO", "REL", "CRM", "SEM", "ISO639_1", "DCTERMS", "PROV",
    "SKOS", "RDF", "RDFS", "XSD", "OWL", "FOAF", "VOID", "DCAT", "SH",
    "DEFAULT_BASE", "PREFIXES", "base_iri", "prefixes", "clean_text", "slug", "mint",
]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_SPACES = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000]")
_RUN_OF_SPACES = re.compile(r" {2,}")


def base_iri() -> str:
    """The base under which data IRIs are minted: ``RDFKIT_BASE`` or :data:`DEFAULT_BASE`."""
    base = os.environ.get("RDFKIT_BASE") or DEFAULT_BASE
    return base if base.endswith(("/", "#")) else base + "/"


def prefixes(base: str | None = None) -> dict[str, str]:
    """The prefix table with ``id:`` bound to the data base IRI in use."""
    table = dict(PREFIXES)
    table["id"] = base or base_iri()
    return table


def clean_text(text: str) -> str:
    """Normalise text before it becomes a literal.

    NFC, no control characters or lone surrogates, non-breaking and other odd spaces turned into
    plain ones, runs of spaces collapsed on each line, and the ends stripped.

    >>> clean_text("  Zhang\\u00a0 Hanfu\\x07 ")
    'Zhang Hanfu'
    """
    text = unicodedata.normalize("NFC", text)
    if not text.isprintable():  # printable text has no control characters, odd spaces or surrogates
        text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\t", " "))
        text = _SPACES.sub(" ", text)
    if "  " in text:
        text = "\n".join(_RUN_OF_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    elif "\n" in text:
        text = "\n".join(line.strip() for line in text.split("\n"))
    return text.strip()


def slug(text: str) -> str:
    """The IRI key of a name: casefolded, brackets dropped, non-alphanumerics turned into ``-``.

    >>> slug("[Stepan] Chervonenko")
    'stepan-chervonenko'
    >>> slug("People's Republic of China")
    'people-s-republic-of-china'
    """
    text = unicodedata.normalize("NFKC", clean_text(text)).casefold()
    text = re.sub(r"[\[\]]", "", text)
    text = re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_")
    return text.replace("_", "-") or "unnamed"


def mint(kind: str, *keys: str, base: str | None = None) -> URIRef:
    """Mint the IRI of a ``kind`` of thing from its stable keys (each percent-encoded).

    Keys are used as given (callers pass :func:`slug` output or identifiers as the archive
    writes them); this is the one place where IRIs are percent-encoded.
    """
    parts = [quote(kind, safe="")] + [quote(unicodedata.normalize("NFC", k), safe="-._~") for k in keys]
    return URIRef((base or base_iri()) + "/".join(parts))
