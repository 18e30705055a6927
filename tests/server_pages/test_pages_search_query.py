"""Search with facets (base forms, Swedish names, folding) and the query page, over real HTTP."""

from __future__ import annotations

import re

import requests

from kg.queries import load_queries

LAULU = 'href="/id/project/laulusilta-2021"'
TEATER = 'href="/id/project/teaterkraft-2019"'


def _search(server: str, **params: str) -> str:
    response = requests.get(f"{server}/search", params=params, timeout=60)
    assert response.status_code == 200
    return response.text


def _projects(html: str) -> set[str]:
    block = html.split('<ol class="results projects">', 1)[1].split("</ol>", 1)[0]
    return set(re.findall(r'href="(/id/project/[^"]+)"', block))


def test_finnish_base_forms_swedish_names_and_folding_find_the_same(sample_server: str) -> None:
    expected = {"/id/project/laulusilta-2021"}
    for query in ("Vaasa", "Vasa", "vaasan", "VAASA", "Vasa stad"):
        assert _projects(_search(sample_server, q=query)) == expected, query
    # the region by its Finnish name, inflected, and by its Swedish name (which is also in the
    # Swedish name of the choir association, a partner of the other project)
    region = _projects(_search(sample_server, q="Pohjanmaan"))
    assert region == _projects(_search(sample_server, q="osterbotten")) == {
        "/id/project/laulusilta-2021", "/id/project/teaterkraft-2019"}


def test_search_finds_organisations_places_and_concepts(sample_server: str) -> None:
    html = _search(sample_server, q="kuoroliitto", lang="en")
    assert 'href="/id/organisation/pohjanmaan-kuoroliitto"' in html
    assert _projects(html) == {"/id/project/laulusilta-2021", "/id/project/teaterkraft-2019"}
    assert _projects(_search(sample_server, q="ikääntyneille")) == {"/id/project/laulusilta-2021"}
    assert _projects(_search(sample_server, q="unga")) == {"/id/project/teaterkraft-2019"}
    assert _projects(_search(sample_server, q="sångbron teaterkraft")) == set()
    assert _projects(_search(sample_server, q="sångbron laulu")) == {"/id/project/laulusilta-2021"}


def test_facet_links_narrow_the_results(sample_server: str) -> None:
    html = _search(sample_server, q="kuoroliitto", lang="fi")
    facets = dict(re.findall(r'data-facet="(\w+)"(.*?)</div>', html, flags=re.S))
    assert set(facets) == {"funder", "region", "year", "target_group"}
    region_link = re.search(r'href="([^"]*region=[^"]*)">Uusimaa</a>', facets["region"])
    narrowed = requests.get(f"{sample_server}{region_link.group(1).replace('&amp;', '&')}",
                            timeout=60).text
    assert _projects(narrowed) == {"/id/project/teaterkraft-2019"}
    assert 'class="selected"' in narrowed
    by_year = _projects(_search(sample_server, q="kuoroliitto", year="2022"))
    assert by_year == {"/id/project/laulusilta-2021"}
    funder = "https://w3id.org/kuhy/id/organisation/svenska-kulturfonden"
    assert _projects(_search(sample_server, funder=funder)) == {"/id/project/teaterkraft-2019"}
    concept = "https://w3id.org/kuhy/id/concept/yso-p2433"
    assert _projects(_search(sample_server, target_group=concept)) == {
        "/id/project/laulusilta-2021"}


def test_query_page_offers_canned_queries_and_vendored_yasgui(real_server: str) -> None:
    html = requests.get(f"{real_server}/query", timeout=60).text
    queries = load_queries()
    assert queries
    for query in queries:
        assert f'data-name="{query.name}"' in html
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html) + re.findall(
        r'<link[^>]+href="([^"]+)"', html)
    assert all(src.startswith("/") for src in scripts), scripts
    for asset in ("/static/vendor/yasgui/yasgui.min.js", "/static/vendor/yasgui/yasgui.min.css",
                  "/static/vendor/yasgui/LICENSE", "/static/kuhy-query.js"):
        assert requests.get(real_server + asset, timeout=60).status_code == 200, asset
    terms = requests.get(f"{real_server}/query/terms.json", timeout=60).json()
    assert "https://w3id.org/kuhy/ontology#Project" in terms["classes"]
    assert "https://w3id.org/kuhy/ontology#hasParticipation" in terms["properties"]


def test_english_and_swedish_words_find_projects_first_with_years_and_funder(
        sample_server: str) -> None:
    for query in ("elderly", "äldre", "music", "ikääntyneet"):
        html = _search(sample_server, q=query, lang="en")
        assert _projects(html) == {"/id/project/laulusilta-2021"}, query
        assert html.index('class="results projects"') < html.index('class="results entities"')
    snippet = re.search(r'href="/id/project/laulusilta-2021">.*?<span class="snippet">(.*?)<',
                        _search(sample_server, q="elderly"), re.S).group(1)
    assert re.match(r"20\d\d(–20\d\d)? · \S", snippet), snippet
    assert 'rel="icon"' in _search(sample_server, q="elderly")
