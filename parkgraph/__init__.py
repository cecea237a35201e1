"""parkgraph: a knowledge graph of Chinese development zones.

The design card's folders are this package's parts: ``parkgraph.ontology``,
``parkgraph.loaders``, ``parkgraph.graph``, ``parkgraph.queries`` and
``parkgraph.viz``. Importing the package has no side effects.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("parkgraph")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
