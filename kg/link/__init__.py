"""Link stage: resolve names in extraction records to one entity each (see model.py)."""

from kg.link.model import Entity, Linker, NameOnlyLinker, slug


def default_linker() -> Linker:
    """The cached reference-data linker (indexes loaded once per process)."""
    from kg.link.linker import default_linker as build  # the indexes load on first use

    return build()


__all__ = ["Entity", "Linker", "NameOnlyLinker", "default_linker", "slug"]
