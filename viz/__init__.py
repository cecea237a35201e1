"""parkgraph.viz."""
