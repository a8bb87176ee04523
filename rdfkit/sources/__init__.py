"""Sources: read input files into records (plain Python, no RDF yet)."""
