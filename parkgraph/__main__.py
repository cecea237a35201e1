"""``python -m parkgraph`` runs the CLI."""

from parkgraph.cli import main

main()
