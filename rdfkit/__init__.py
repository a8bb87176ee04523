"""rdfkit: publish archival documents as validated, queryable Linked Data.

    >>> import rdfkit
    >>> result = rdfkit.convert(["data/seeds"])            # doctest: +SKIP
    >>> report = rdfkit.validate(result.dataset)            # doctest: +SKIP
    >>> rdfkit.serialize(result.dataset, "turtle")[:7]      # doctest: +SKIP
    b'@prefix'
"""

from __future__ import annotations

from .errors import RdfkitError
from .export import export, serialize
from .pipeline import build, convert
from .resources import jsonld_context, ontology_graph, shapes_graph
from .store import query, write_store
from .validate import ValidationReport, validate

__version__ = "0.1.0"

__all__ = [
    "RdfkitError", "ValidationReport", "build", "convert", "export", "jsonld_context", "ontology_graph",
    "query", "serialize", "shapes_graph", "validate", "write_store", "__version__",
]
