"""Canned queries as forms (/query/form/{name}) over real HTTP: choices from the graph,
plain values bound as checked terms, results linking to this server's pages."""

from __future__ import annotations

import re
from html import unescape

import pytest
import requests

from kg.queries import load_queries

QUERIES = {query.name: query for query in load_queries()}


def _form(server: str, name: str, **params: str) -> str:
    response = requests.get(f"{server}/query/form/{name}", params=params, timeout=60)
    assert response.status_code == 200
    return response.text


def _options(html: str, param: str) -> list[str]:
    select = re.search(rf'<select name="{param}">(.*?)</select>', html, re.S)
    assert select, f"no choices for ?{param}"
    return [unescape(v) for v in re.findall(r'<option value="([^"]*)"', select.group(1))]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_canned_query_runs_from_its_form_with_its_defaults(real_server: str,
                                                                 name: str) -> None:
    html = _form(real_server, name, run="1")
    assert 'class="query-error"' not in html
    assert re.search(r'id="result-count">\d+<', html)
    for param in QUERIES[name].params:
        assert f'name="{param}"' in html


def test_a_funder_chosen_from_the_list_gives_rows_linking_to_local_pages(
        real_server: str) -> None:
    funders = _options(_form(real_server, "projects_by_funder"), "funderName")
    assert "Opetus- ja kulttuuriministeriö" in funders
    html = _form(real_server, "projects_by_funder", run="1",
                 funderName="Opetus- ja kulttuuriministeriö")
    assert int(re.search(r'id="result-count">(\d+)<', html).group(1)) >= 1
    links = set(re.findall(r'<td><a href="([^"]+)"', html))
    assert links and all(link.startswith("/id/") for link in links)
    for link in sorted(links)[:3]:
        assert requests.get(f"{real_server}{link}", timeout=60).status_code == 200
    assert "^^" not in html and "@fi" not in html.split("<table", 1)[1]


def test_municipality_and_year_choices_come_from_the_graph(real_server: str) -> None:
    codes = _options(_form(real_server, "projects_in_municipality"), "code")
    assert "837" in codes and "091" in codes
    years = _options(_form(real_server, "projects_active_in_year"), "year")
    assert years and all(year.isdigit() for year in years)


def test_hostile_or_wrong_values_stay_values(real_server: str) -> None:
    html = _form(real_server, "projects_in_municipality", run="1",
                 code='091" } ?s ?p ?o . { "')
    assert 'class="query-error"' not in html
    assert re.search(r'id="result-count">0<', html)
    wrong = _form(real_server, "projects_active_in_year", run="1", year="next year")
    assert 'class="query-error"' in wrong and "not a number" in wrong
    assert requests.get(f"{real_server}/query/form/nothing", timeout=60).status_code == 404


def test_forms_are_titled_in_the_page_language(real_server: str) -> None:
    for name, query in QUERIES.items():
        assert set(query.title) >= {"fi", "sv", "en"}, name
    query = QUERIES["projects_by_funder"]
    for lang in ("fi", "sv", "en"):
        html = _form(real_server, query.name, lang=lang)
        assert f"<h1>{query.title[lang]}</h1>" in html
    assert "Finansiär" in _form(real_server, query.name, lang="sv")
