"""``python -m rdfkit.queries docs/queries.md``: rewrite the generated part of that page."""

from . import main

main()
