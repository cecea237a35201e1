"""parkgraph.queries."""
