"""Readable provenance on project pages over real HTTP: record fields named in the page
language, quotes cut at word boundaries, sources named by their address, a completeness
line that agrees with the triples."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import requests

from kg.rdf.vocab import K
from kg.store.layout import current_store_path
from server.pages.present import trimmed
from server.pages.resource import Evidence

RAW_FIELD = re.compile(r"^[a-z]+([._][a-z_]+)+$")  # lead_organisations, budget.shares


def _projects_with_evidence(store_root: Path) -> dict[str, dict[str, bool]]:
    store = ox.Store.read_only(str(current_store_path(store_root)))
    ask = {
        "funder": f"?p <{K.hasFunding}>/<{K.funder}> ?x",
        "amount": f"?p <{K.hasFunding}>/<{K.amount}> ?x",
        "dates": f"?p <{K.startDate}>|<{K.endDate}> ?x",
        "place": f"?p <{K.municipality}>|<{K.region}> ?x",
    }
    projects = [row[0].value for row in store.query(
        f"SELECT DISTINCT ?p WHERE {{ ?p a <{K.Project}> }} ORDER BY ?p LIMIT 8",
        use_default_graph_as_union=True)]
    known = {p: {name: bool(store.query(f"ASK {{ {pattern} }}".replace("?p", f"<{p}>"),
                                        use_default_graph_as_union=True))
                 for name, pattern in ask.items()} for p in projects}
    del store
    return known


def test_completeness_and_field_names_on_project_pages(real_server: str,
                                                      built_store: Path) -> None:
    order = ("funder", "amount", "dates", "place")
    for project, known in _projects_with_evidence(built_store).items():
        key = project.rsplit("/id/project/", 1)[1]
        html = requests.get(f"{real_server}/page/project/{key}", params={"lang": "en"},
                            timeout=60).text
        shown = re.findall(r'data-known="(true|false)">[✓✗] (\w+)<', html)
        assert [name for _k, name in shown] == ["funder", "amount", "dates", "place"]
        assert [flag == "true" for flag, _n in shown] == [known[n] for n in order], key
        evidence = re.findall(r'<table class="evidence">(.*?)</table>', html, re.S)
        for field in re.findall(r'<tr><th scope="row">([^<]*)</th>', "".join(evidence)):
            assert not RAW_FIELD.match(field), field


def test_quotes_are_cut_at_word_boundaries_and_fields_named() -> None:
    quote = Evidence(body=None, field="lead_organisations", value=None, document=None,
                     exact="Kulttuurikaveri", prefix="rtaa -hanke vie ", suffix=" on mukana ja")
    cut = trimmed(quote, "lead organisations")
    assert cut.prefix == "… -hanke vie "
    assert cut.suffix == " on mukana …"
    assert cut.field == "lead organisations"
    whole = trimmed(Evidence(None, "title", None, None, "X", "Hanke ", " alkaa."), "title")
    assert (whole.prefix, whole.suffix) == ("Hanke ", " alkaa.")
