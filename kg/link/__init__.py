"""Link stage: resolve names in extraction records to one entity each (see model.py)."""

from kg.link.model import Entity, Linker, NameOnlyLinker, slug

__all__ = ["Entity", "Linker", "NameOnlyLinker", "slug"]
