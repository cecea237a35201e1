"""parkgraph.graph."""
