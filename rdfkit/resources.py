"""The data files rdfkit ships: the ontology, the JSON-LD context and the SHACL shapes.

In an installed wheel they live in ``rdfkit/_data/``; in a source checkout they are read from the
top-level ``ontology/`` and ``shapes/`` folders, which are the authored source of truth.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from rdflib import Graph

_CHECKOUT = Path(__file__).resolve().parent.parent


def data_dir(name: str) -> Path:
    """The folder of shipped data called ``name`` (``ontology`` or ``shapes``)."""
    packaged = Path(str(files("rdfkit"))) / "_data" / name
    if packaged.is_dir():
        return packaged
    return _CHECKOUT / name


def ontology_path() -> Path:
    """Path of the rdfkit ontology in Turtle."""
    return data_dir("ontology") / "rdfkit.ttl"


def context_path() -> Path:
    """Path of the JSON-LD context the exports use."""
    return data_dir("ontology") / "context.jsonld"


def shapes_paths() -> list[Path]:
    """The shipped SHACL shapes files, sorted."""
    return sorted(data_dir("shapes").glob("*.ttl"))


@lru_cache(maxsize=1)
def _ontology_turtle() -> str:
    return ontology_path().read_text(encoding="utf-8")


def ontology_graph() -> Graph:
    """A fresh rdflib graph of the rdfkit ontology."""
    return Graph().parse(data=_ontology_turtle(), format="turtle")


def shapes_graph() -> Graph:
    """A fresh rdflib graph holding all shipped shapes."""
    g = Graph()
    for path in shapes_paths():
        g.parse(path, format="turtle")
    return g


@lru_cache(maxsize=1)
def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context (the object under ``@context``)."""
    return json.loads(context_path().read_text(encoding="utf-8"))["@context"]
