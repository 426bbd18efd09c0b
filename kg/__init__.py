"""kg: Arabic news in, a queryable geopolitical knowledge graph out."""

__version__ = "0.1.0"
