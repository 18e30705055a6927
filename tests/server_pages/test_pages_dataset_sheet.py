"""The dataset sheet (/dataset as a page) and one statement count everywhere, over real
HTTP against the store built from the sample records."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import requests

from kg.rdf.vocab import K
from kg.store.layout import current_store_path


def _number(text: str) -> int:
    return int(text.replace(" ", "").replace("\u00a0", ""))


def test_one_statement_count_on_home_dumps_health_and_sheet(real_server: str,
                                                            built_store: Path) -> None:
    store = ox.Store.read_only(str(current_store_path(built_store)))
    quads = len(store)
    del store
    assert requests.get(f"{real_server}/health", timeout=60).json()["statements"] == quads
    dump = requests.get(f"{real_server}/dumps/kuhy.nq", timeout=120).text
    assert len([line for line in dump.splitlines() if line.strip()]) == quads
    home = requests.get(f"{real_server}/", params={"lang": "en"}, timeout=60).text
    assert _number(re.search(r"<strong>([\d ]+)</strong> statements", home).group(1)) == quads
    sheet = requests.get(f"{real_server}/dataset", params={"lang": "en"},
                         headers={"Accept": "text/html"}, timeout=60).text
    assert _number(re.search(r'id="statements">([\d ]+) statements', sheet).group(1)) == quads


def test_the_sheet_counts_sources_languages_and_gaps(real_server: str,
                                                     built_store: Path) -> None:
    store = ox.Store.read_only(str(current_store_path(built_store)))
    documents = len(list(store.query(f"SELECT ?d WHERE {{ ?d a <{K.Document}> }}",
                                     use_default_graph_as_union=True)))
    projects = {row[0].value for row in store.query(
        f"SELECT DISTINCT ?p WHERE {{ ?p a <{K.Project}> }}", use_default_graph_as_union=True)}
    started = {row[0].value for row in store.query(
        f"SELECT DISTINCT ?p WHERE {{ ?p <{K.startDate}> ?d }}", use_default_graph_as_union=True)}
    del store
    html = requests.get(f"{real_server}/dataset", params={"lang": "en"},
                        headers={"Accept": "text/html"}, timeout=60).text
    for section in ("Scope", "Method", "Sources", "Known gaps", "How to cite", "CC BY 4.0"):
        assert section in html, section
    sources = re.search(r'id="sources">(.*?)</table>', html, re.S).group(1)
    assert sum(int(n) for n in re.findall(r'class="number">(\d+)<', sources)) == documents
    languages = re.search(r'id="languages">(.*?)</table>', html, re.S).group(1)
    assert sum(int(n) for n in re.findall(r'class="number">(\d+)<', languages)) == documents
    missing_start = int(re.search(r'data-missing="start">(\d+)<', html).group(1))
    assert missing_start == len(projects - started)
    assert 'data-dimension="year"' in html
