"""Who a text names: agencies written in lower case, and speakers who are no project's people."""

from __future__ import annotations

import pytest
from extract_helpers import only_project

FUNDED = ("Kulttuurihyvinvoinnin osaamiskeskus\n\nKulttuurihyvinvoinnin osaamiskeskus on hanke, "
          "jota rahoittaa {funder}. Hanketta toteuttaa Turun ammattikorkeakoulu.\n")


@pytest.mark.parametrize(("written", "funder"), [
    ("opetus- ja kulttuuriministeriö", "Opetus- ja kulttuuriministeriö"),
    ("sosiaali- ja terveysministeriö", "Sosiaali- ja terveysministeriö"),
    ("museovirasto", "Museovirasto"),
])
def test_a_known_agency_in_lower_case_is_read_after_a_role_cue(written: str, funder: str) -> None:
    assert only_project(FUNDED.format(funder=written))["funders"] == [funder]


def test_a_lower_case_word_after_a_role_cue_is_no_organisation() -> None:
    project = only_project(FUNDED.format(funder="kaupunki yhdessä järjestöjen kanssa"))
    assert project["funders"] == []


SEMINAR = """Kulttuurihyvinvoinnin seminaari 12.5.2025

Ohjelma
9.00 Avaus, Maija Virtanen, Taiteen edistämiskeskus
9.30 Taide ja terveys, professori Kari Laine, Helsingin yliopisto
10.15 Kulttuuriluotsit Turussa, Anna Korhonen, Turun kaupunki
11.00 Lounas

Seminaari järjestetään osana Kulttuurihyvinvoinnin osaamiskeskus -hanketta.

Lisätietoja: projektipäällikkö Liisa Mäkinen, liisa.makinen@example.fi
"""


def test_speakers_of_an_event_programme_are_no_project_people() -> None:
    people = only_project(SEMINAR)["people"]
    assert [(person["name"], person["roles"]) for person in people] == [
        ("Liisa Mäkinen", ["projektipäällikkö"])]
