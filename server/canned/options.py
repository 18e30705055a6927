"""Choices for the canned queries' parameters, taken from the served build: the value a
choice sends is the literal the query matches (a Finnish label, a code, a year)."""

from __future__ import annotations

from collections.abc import Callable

from server import i18n
from server.browse.catalogue import Catalogue, catalogue
from server.search.index import SearchIndex, index_for
from server.web import settings

Choice = tuple[str, str]  # (value sent, text shown)


def _labelled(index: SearchIndex, uris: set[str], lang: str) -> list[Choice]:
    choices = {}
    for uri in uris:
        value = i18n.pick_label(index.labels.get(uri, []), "fi")
        if value:
            choices[value] = i18n.pick_label(index.labels[uri], lang) or value
    return sorted(choices.items(), key=lambda choice: choice[1].casefold())


def _years(known: Catalogue) -> list[Choice]:
    return [(str(year), str(year)) for year in sorted(set(known.start_year.values()))]


def _target_groups(index: SearchIndex) -> set[str]:
    return {group for facets in index.facets.values() for group in facets.get("target_group", ())}


def _municipalities(known: Catalogue, index: SearchIndex, lang: str) -> list[Choice]:
    named = {code: i18n.pick_label(index.labels.get(uri, []), lang) or code
             for uri, code in known.municipality_code.items()}
    return sorted(((code, f"{name} ({code})") for code, name in named.items()),
                  key=lambda choice: choice[1].casefold())


# parameter name (as in kg/queries/*.rq) -> its choices in a UI language
SOURCES: dict[str, Callable[[Catalogue, SearchIndex, str], list[Choice]]] = {
    "funderName": lambda known, index, lang: _labelled(index, known.funders(), lang),
    "orgName": lambda known, index, lang: _labelled(index, known.organisations, lang),
    "title": lambda known, index, lang: _labelled(index, known.projects, lang),
    "groupName": lambda known, index, lang: _labelled(index, _target_groups(index), lang),
    "code": lambda known, index, lang: _municipalities(known, index, lang),
    "year": lambda known, index, lang: _years(known),
    "fromYear": lambda known, index, lang: _years(known),
}


def choices(param: str, lang: str) -> list[Choice] | None:
    """The choices of a parameter, or None when it is typed in (a number)."""
    source = SOURCES.get(param)
    if source is None:
        return None
    return source(catalogue(), index_for(settings()), lang)
