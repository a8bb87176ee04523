"""rdfkit: publish archival documents as validated, queryable Linked Data."""

from __future__ import annotations

from .errors import RdfkitError
from .resources import jsonld_context, ontology_graph, shapes_graph

__version__ = "0.1.0"

__all__ = ["RdfkitError", "ontology_graph", "shapes_graph", "jsonld_context", "__version__"]
