"""Linked-data pages over real HTTP: 303 + conneg, Vary, extensions, 404/406, HTML content."""

from __future__ import annotations

import pytest
import requests
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.rdf.vocab import K

BASE = "https://w3id.org/kuhy/"
PROJECT = "id/project/laulusilta-2021"
RDF_TYPES = {
    "text/turtle": ("ttl", "turtle"),
    "application/ld+json": ("jsonld", "json-ld"),
    "application/n-triples": ("nt", "nt"),
    "application/rdf+xml": ("rdf", "xml"),
}


def _get(url: str, **headers: str) -> requests.Response:
    return requests.get(url, headers=headers, allow_redirects=False, timeout=30)


def _graph(response: requests.Response, rdflib_format: str) -> Graph:
    graph = Graph()
    graph.parse(data=response.content, format=rdflib_format)
    return graph


def test_html_is_a_303_to_the_page(sample_server: str) -> None:
    response = _get(f"{sample_server}/{PROJECT}", Accept="text/html,*/*;q=0.8")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/page/project/laulusilta-2021")
    assert "Accept" in response.headers["Vary"]


@pytest.mark.parametrize("media", sorted(RDF_TYPES))
def test_rdf_by_conneg_reads_back(sample_server: str, media: str) -> None:
    ext, rdflib_format = RDF_TYPES[media]
    response = _get(f"{sample_server}/{PROJECT}", Accept=f"{media}, text/html;q=0.5")
    assert response.status_code == 303
    assert "Accept" in response.headers["Vary"]
    location = response.headers["Location"]
    assert location.endswith(f"/data/project/laulusilta-2021.{ext}")
    document = _get(sample_server + location, Accept=media)
    assert document.status_code == 200
    assert document.headers["Content-Type"].startswith(media)
    graph = _graph(document, rdflib_format)
    project = URIRef(BASE + PROJECT)
    assert (project, K.title, Literal("Sångbron", lang="sv")) in graph
    # hanging nodes, the labels of linked resources and the annotation come along
    participation = URIRef(BASE + PROJECT + "#participation-a")
    assert (participation, K.role, K.Lead) in graph
    assert Literal("Vasa", lang="sv") in set(graph.objects(URIRef(BASE + "id/municipality/905")))
    assert any(str(o).startswith("Hanketta rahoittaa") for o in graph.objects())


@pytest.mark.parametrize("ext", ["ttl", "jsonld", "nt", "rdf"])
def test_extensions_work_directly(sample_server: str, ext: str) -> None:
    rdflib_format = {e: f for e, f in RDF_TYPES.values()}[ext]
    for path in (f"/data/project/laulusilta-2021.{ext}", f"/{PROJECT}.{ext}"):
        response = _get(sample_server + path)
        assert response.status_code == 200, path
        graph = _graph(response, rdflib_format)
        assert (URIRef(BASE + PROJECT), K.startDate, None) in graph


@pytest.mark.parametrize("media", sorted(RDF_TYPES))
def test_unknown_resource_is_404_in_the_asked_format(sample_server: str, media: str) -> None:
    response = _get(f"{sample_server}/id/project/no-such-project", Accept=media)
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith(media)
    assert len(_graph(response, RDF_TYPES[media][1])) == 0


def test_unknown_resource_and_kind_are_404_html(sample_server: str) -> None:
    for path in ("/id/project/no-such-project", "/id/spaceship/x", "/page/project/nope"):
        response = _get(sample_server + path, Accept="text/html")
        assert response.status_code == 404, path
        assert response.headers["Content-Type"].startswith("text/html")


def test_nothing_acceptable_is_406(sample_server: str) -> None:
    response = _get(f"{sample_server}/{PROJECT}", Accept="application/pdf")
    assert response.status_code == 406
    assert "Accept" in response.headers["Vary"]


def test_literals_are_escaped(sample_server: str) -> None:
    html = _get(f"{sample_server}/page/project/laulusilta-2021").text
    assert "<script>alert(1)</script>" not in html
    assert "Laulusilta &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Vaasassa &amp; Mustasaaressa" in html


def test_project_page_shows_facts_roles_provenance(sample_server: str) -> None:
    html = _get(f"{sample_server}/page/project/laulusilta-2021", **{"Accept-Language": "fi"}).text
    for expected in ("Pohjanmaan kuoroliitto", "päätoteuttaja", "Vaasan kaupunki",
                     "yhteistyökumppani", "Taiteen edistämiskeskus", "2021-01-01", "2022-12",
                     "Vaasa", "Pohjanmaa", "ikääntyneet", "Maija Meikäläinen",
                     "https://example.org/hanke/laulu", "Hanketta rahoittaa",
                     'href="/id/municipality/905"'):
        assert expected in html, expected


def test_language_from_header_switcher_and_cookie(sample_server: str) -> None:
    page = f"{sample_server}/page/project/laulusilta-2021"
    swedish = _get(page, **{"Accept-Language": "sv-FI,sv;q=0.9"})
    assert '<h1 id="title">Sångbron</h1>' in swedish.text
    assert "Vasa" in swedish.text and "huvudgenomförare" in swedish.text
    session = requests.Session()
    english = session.get(f"{page}?lang=en", headers={"Accept-Language": "sv"}, timeout=30)
    assert english.headers["Content-Language"] == "en"
    assert "kuhy_lang" in english.cookies
    remembered = session.get(page, headers={"Accept-Language": "sv"}, timeout=30)
    assert remembered.headers["Content-Language"] == "en"
    assert "(lead)" in remembered.text


def test_organisation_page_lists_projects_with_roles(sample_server: str) -> None:
    html = _get(f"{sample_server}/page/organisation/pohjanmaan-kuoroliitto").text
    assert 'href="/id/project/laulusilta-2021"' in html
    assert 'href="/id/project/teaterkraft-2019"' in html
    assert "päätoteuttaja" in html and "yhteistyökumppani" in html


def test_place_and_concept_pages_list_projects_and_external_links(sample_server: str) -> None:
    municipality = _get(f"{sample_server}/page/municipality/905").text
    assert 'href="/id/project/laulusilta-2021"' in municipality
    assert 'href="http://uri.suomi.fi/codelist/jhs/kunta_1_20240101/code/905"' in municipality
    assert 'href="http://www.wikidata.org/entity/Q4735"' in municipality
    concept = _get(f"{sample_server}/page/concept/yso-p2433").text
    assert 'href="/id/project/laulusilta-2021"' in concept
    assert 'href="http://www.yso.fi/onto/yso/p2433"' in concept
    funder = _get(f"{sample_server}/page/organisation/0245872-8").text
    assert 'href="https://ror.org/05example"' in funder
    assert 'href="/id/project/laulusilta-2021"' in funder


def test_every_built_project_has_a_page_and_rdf(real_server: str, built_store) -> None:
    import pyoxigraph as ox

    from kg.store.layout import current_store_path

    store = ox.Store.read_only(str(current_store_path(built_store)))
    projects = [row[0].value for row in store.query(
        f"SELECT DISTINCT ?p WHERE {{ ?p a <{K.Project}> }}", use_default_graph_as_union=True)]
    del store
    assert len(projects) >= 16
    for uri in projects:
        path = uri[len(BASE):]
        page = requests.get(f"{real_server}/{path}", timeout=30)
        assert page.status_code == 200 and page.url.endswith(path.replace("id/", "page/", 1))
        assert 'class="src"' in page.text
        turtle = requests.get(f"{real_server}/{path}", headers={"Accept": "text/turtle"},
                              timeout=30)
        graph = Graph().parse(data=turtle.text, format="turtle")
        titled = (URIRef(uri), K.title, None) in graph
        generated = (URIRef(uri), K.labelGenerated, Literal(True)) in graph  # untitled grant
        assert titled != generated and (URIRef(uri), RDFS.label, None) in graph
