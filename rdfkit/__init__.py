"""rdfkit: publish archival documents as validated, queryable Linked Data.

    >>> import rdfkit
    >>> result = rdfkit.convert(["data/seeds"])            # doctest: +SKIP
    >>> report = rdfkit.validate(result.dataset)            # doctest: +SKIP
    >>> rdfkit.publish(["out/rdfkit.trig"], "http://127.0.0.1:7878")   # doctest: +SKIP
    >>> rdfkit.serialize(result.dataset, "turtle")[:7]      # doctest: +SKIP
    b'@prefix'
"""

from __future__ import annotations

__version__ = "0.1.0"  # before the imports: modules read it (the publisher's User-Agent)

from .errors import RdfkitError
from .export import export, serialize
from .pipeline import build, convert
from .publish import PublishSummary, publish
from .resources import jsonld_context, ontology_graph, shapes_graph
from .store import query, write_store
from .validate import ValidationReport, validate

__all__ = [
    "PublishSummary", "RdfkitError", "ValidationReport", "build", "convert", "export", "jsonld_context",
    "ontology_graph", "publish", "query", "serialize", "shapes_graph", "validate", "write_store", "__version__",
]
