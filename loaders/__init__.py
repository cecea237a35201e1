"""parkgraph.loaders."""
