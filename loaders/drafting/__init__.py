"""Drafting extracts from new documents (issue 5)."""
