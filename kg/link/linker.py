"""The reference-data linker handed to the RDF stage: memoised dictionary look-ups."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kg.link.concepts import ConceptIndex
from kg.link.model import Entity, slug
from kg.link.organisations import OrganisationIndex, unknown_organisation
from kg.link.places import PlaceIndex
from kg.morphology import LOOKUP_LANGUAGES, base_forms, without_possessive


class ReferenceLinker:
    """Resolves organisation, place and concept names against ``data/reference``.

    Every answer is memoised per (name, lang[, field]); the indexes are built once.
    """

    def __init__(self, reference_dir: Path | None = None) -> None:
        self.places = PlaceIndex(reference_dir)
        self.organisations = OrganisationIndex(reference_dir)
        self.concepts = ConceptIndex(reference_dir)
        self.organisation = lru_cache(maxsize=None)(self._organisation)  # type: ignore[method-assign]
        self.place = lru_cache(maxsize=None)(self._place)  # type: ignore[method-assign]
        self.concept = lru_cache(maxsize=None)(self._concept)  # type: ignore[method-assign]

    def _organisation(self, name: str, lang: str | None = None) -> Entity:
        found = self.organisations.lookup(name, lang)
        if len(found) == 1:
            return self.places.with_surface(found[0], name, lang)
        if found:
            return Entity("organisation", slug(name), name, lang, status="ambiguous",
                          candidates=tuple(e.name for e in found))
        return unknown_organisation(name, lang, self.organisations.nearest(name))

    def _place(self, name: str, lang: str | None = None) -> Entity:
        found = self.places.lookup(name)
        if not found:
            found = self._inflected_place(name, lang)
        if len(found) == 1:
            return self.places.with_surface(found[0], name, lang)
        status = "ambiguous" if found else "unlinked"
        return Entity("area", slug(name), name, lang, status=status,
                      candidates=tuple(f"{e.name} ({e.kind} {e.key})" for e in found))

    def _inflected_place(self, name: str, lang: str | None = None) -> list[Entity]:
        """'Iisalmen' -> Iisalmi, 'Österbottens' -> Österbotten, "Turku's" -> Turku: only when
        every base form (Finnish, then the name's language, or both others when it has none)
        leads to the same place."""
        words = without_possessive(name).split() if lang in (None, "en") else name.split()
        if not words:
            return []
        found: dict[str, Entity] = {}
        for language in ("fi", lang) if lang in LOOKUP_LANGUAGES else ("fi", *LOOKUP_LANGUAGES):
            found |= {e.key: e for base in base_forms(words[-1], language)
                      for e in self.places.lookup(" ".join([*words[:-1], base]))}
            if found:
                break
        return list(found.values())

    def _concept(self, name: str, lang: str | None = None, field: str = "topics") -> Entity:
        return self.concepts.entity(name, lang, self.concepts.match(name, field, lang))


@lru_cache(maxsize=1)
def default_linker() -> ReferenceLinker:
    """The process-wide linker over ``config.REFERENCE_DIR`` (built on first use)."""
    return ReferenceLinker()
