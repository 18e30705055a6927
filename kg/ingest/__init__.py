"""Ingest: read input files (texts, records) safely, with size limits and clear errors."""

from kg.ingest.errors import InputError

__all__ = ["InputError"]
