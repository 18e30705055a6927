"""List pages (facets, sorting, paging, CSV/JSON export) and chart figures, over real HTTP
against the store built from the sample records; expected figures are worked out from the
store's triples here, not by the server's code."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from decimal import Decimal
from html import unescape
from pathlib import Path
from xml.etree import ElementTree

import pyoxigraph as ox
import pytest
import requests

from kg.link.reference import read_statfi_municipalities
from kg.rdf.vocab import K
from kg.store.layout import current_store_path

LISTS = ("project", "organisation", "funder", "programme", "region", "municipality")


def _select(store_root: Path, query: str) -> list[tuple[str, ...]]:
    store = ox.Store.read_only(str(current_store_path(store_root)))
    try:
        return [tuple(term.value if term is not None else None for term in row)
                for row in store.query(query, use_default_graph_as_union=True)]
    finally:
        del store


def _csv(server: str, path: str, **params: str | list[str]) -> list[dict[str, str]]:
    response = requests.get(f"{server}{path}", params=params, timeout=60)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


def _row_count(html: str) -> int:
    return int(re.search(r'id="row-count">(\d+)<', html).group(1))


@pytest.mark.parametrize("name", LISTS)
def test_every_list_page_answers_and_exports_the_same_rows(real_server: str, name: str) -> None:
    page = requests.get(f"{real_server}/page/{name}/", timeout=60)
    assert page.status_code == 200
    total = _row_count(page.text)
    assert total >= 1
    rows = _csv(real_server, f"/page/{name}.csv")
    document = requests.get(f"{real_server}/page/{name}.json", timeout=60).json()
    assert len(rows) == document["total"] == total
    assert [r["iri"] for r in rows] == [r["iri"] for r in document["rows"]]
    assert document["permalink"].startswith("https://kuhy.example.org/page/")


def test_every_reference_municipality_has_a_row_and_a_page(real_server: str) -> None:
    codes = set(read_statfi_municipalities())
    rows = _csv(real_server, "/page/municipality.csv")
    assert {row["code"] for row in rows} == codes
    tampere = requests.get(f"{real_server}/page/municipality/837", timeout=60)
    assert tampere.status_code == 200 and "Tampere" in tampere.text
    assert requests.get(f"{real_server}/id/municipality/837", timeout=60,
                        headers={"Accept": "text/turtle"}).status_code == 200


def test_a_facet_filters_the_list_and_its_exports(real_server: str, built_store: Path) -> None:
    everything = _csv(real_server, "/page/project.csv")
    regions = Counter(iri for row in everything for iri in row["regions_iri"].split())
    region, expected = regions.most_common(1)[0]
    assert expected < len(everything)
    narrowed = _csv(real_server, "/page/project.csv", region=region)
    assert len(narrowed) == expected
    assert all(region in row["regions_iri"].split() for row in narrowed)
    html = requests.get(f"{real_server}/page/project/", params={"region": region}, timeout=60).text
    assert _row_count(html) == expected
    assert f"/page/project.csv?region={region.replace(':', '%3A').replace('/', '%2F')}" in html
    assert requests.get(f"{real_server}/page/project.json", params={"region": region},
                        timeout=60).json()["total"] == expected


def test_sorting_puts_unknown_last_and_paging_splits_the_rows(real_server: str) -> None:
    rows = _csv(real_server, "/page/organisation.csv", sort="euros_granted", order="desc")
    amounts = [Decimal(r["euros_granted"]) for r in rows if r["euros_granted"]]
    assert amounts and amounts == sorted(amounts, reverse=True)
    assert all(r["euros_granted"] for r in rows[:len(amounts)])  # unknown ones come last
    first = requests.get(f"{real_server}/page/municipality/", params={"page": "1"}, timeout=60)
    second = requests.get(f"{real_server}/page/municipality/", params={"page": "2"}, timeout=60)
    links = [set(re.findall(r'href="(/id/municipality/\d+)"', r.text)) for r in (first, second)]
    assert len(links[0]) == len(links[1]) == 50 and not links[0] & links[1]
    assert 'rel="next"' in first.text and 'rel="prev"' in second.text


def test_an_unknown_list_or_chart_scope_is_404(real_server: str) -> None:
    assert requests.get(f"{real_server}/page/nothing/", timeout=60).status_code == 404
    assert requests.get(f"{real_server}/page/nothing.csv", timeout=60).status_code == 404
    assert requests.get(f"{real_server}/charts/year.csv", params={"of": "javascript:alert(1)"},
                        timeout=60).status_code == 404


def test_chart_figures_by_year_match_the_triples(real_server: str, built_store: Path) -> None:
    starts = _select(built_store,
                     f"SELECT ?p ?d WHERE {{ ?p a <{K.Project}> ; <{K.startDate}> ?d }}")
    amounts = _select(built_store, f"""SELECT ?p ?a WHERE {{ ?p a <{K.Project}> ;
        <{K.hasFunding}> ?f . ?f <{K.amount}> ?a }}""")
    year_of = {project: date[:4] for project, date in starts}
    euros: dict[str, Decimal] = {}
    for project, amount in amounts:
        euros[project] = euros.get(project, Decimal(0)) + Decimal(amount)
    rows = _csv(real_server, "/charts/year.csv")
    assert {r["year"]: int(r["projects"]) for r in rows} == Counter(year_of.values())
    for row in rows:
        known = [euros[p] for p, year in year_of.items() if year == row["year"] and p in euros]
        assert int(row["projects_with_amount"]) == len(known)
        assert row["euros"] == (format(sum(known), "f") if known else "")


def test_home_page_draws_charts_and_links_counts_to_lists(real_server: str) -> None:
    html = requests.get(f"{real_server}/", timeout=60).text
    for dimension in ("year", "region", "funder"):
        assert f'data-dimension="{dimension}"' in html
        assert f'href="/charts/{dimension}.csv"' in html
    assert html.count('<rect class="projects"') >= 3
    for name in ("project", "organisation", "municipality"):
        assert f'href="/page/{name}/"' in html


def test_an_organisation_page_charts_its_own_projects(real_server: str) -> None:
    rows = _csv(real_server, "/page/funder.csv", sort="projects", order="desc")
    funder = rows[0]["iri"]
    by_year = _csv(real_server, "/charts/year.csv", of=funder)
    assert 0 < sum(int(r["projects"]) for r in by_year) <= int(rows[0]["projects"])
    key = funder.rsplit("/", 1)[1]
    html = requests.get(f"{real_server}/page/organisation/{key}", timeout=60).text
    image = re.search(r'<img class="bars" src="(/charts/year\.svg\?[^"]+)"', html).group(1)
    svg = requests.get(f"{real_server}{unescape(image)}", timeout=60)
    assert svg.headers["Content-Type"].startswith("image/svg+xml")
    drawn = ElementTree.fromstring(svg.content)
    rects = drawn.findall(".//{http://www.w3.org/2000/svg}rect[@class='projects']")
    assert len(rects) == len(by_year)
    values = [t.text for t in drawn.findall(".//{http://www.w3.org/2000/svg}text[@class='value']")]
    for row in by_year:
        assert row["projects"] in values


def test_a_search_exports_every_hit_with_its_filters(real_server: str) -> None:
    html = requests.get(f"{real_server}/search", params={"q": "kulttuuri"}, timeout=60).text
    total = int(re.search(r'id="result-count">(\d+)<', html).group(1))
    rows = _csv(real_server, "/search.csv", q="kulttuuri")
    assert len(rows) == total > 1
    document = requests.get(f"{real_server}/search.json", params={"q": "kulttuuri"},
                            timeout=60).json()
    assert [r["iri"] for r in document["rows"]] == [r["iri"] for r in rows]
    assert document["permalink"] == "https://kuhy.example.org/search?q=kulttuuri"
    assert 'href="/search.csv?q=kulttuuri"' in html
    narrowed = _csv(real_server, "/search.csv", q="kulttuuri", year="2021")
    assert 1 <= len(narrowed) < len(rows)
    assert {r["kind"] for r in narrowed} == {"project"}
