"""Register names resolve to the organisations the texts name, precision first."""

from __future__ import annotations

import pytest

from kg.ingest.registers import clean_name
from kg.link.linker import default_linker


def key(name: str) -> str:
    entity = default_linker().organisation(clean_name(name, ("yritystuet",)), "fi")
    assert entity.status == "linked", (name, entity.status, entity.candidates)
    return entity.key


@pytest.mark.parametrize(("written", "as_in_texts"), [
    ("Hämeen elinkeino-  liikenne- ja ympäristökeskus  yritystuet",
     "Hämeen elinkeino-, liikenne- ja ympäristökeskus"),
    (" Pohjois-Pohjanmaan elinkeino- liikenne- ja ympäristökeskus",
     "Pohjois-Pohjanmaan ELY-keskus"),
    ("Keski-Suomen elinkeino-  liikenne- ja ympäristökeskus", "Central Finland ELY Centre"),
    ("Savonlinna kaupunki/Savonlinnan maakuntamuseo", "Savonlinnan kaupunki"),
    ("Oulun kaupungin nuorisoasiainkeskus", "City of Oulu"),
    ("Kuopion kaupunki / kulttuuripalvelut", "Kuopion kaupunki"),
    ("Helsingin yliopiston Koulutus- ja kehittämiskeskus Palmenia", "Helsingin yliopisto"),
    ("Turun yliopisto/Kulttuurituotannon ja maisemantutkimuksen laitos", "Turun yliopisto"),
    ("OULUN YLIOPISTO", "Oulun yliopisto"),
    ("Innovaatiorahoituskeskus Tekes", "Tekes"),
    ("Sosiaali- ja Terveysministeriö", "STM"),
])
def test_register_names_meet_text_names(written: str, as_in_texts: str) -> None:
    assert key(written) == key(as_in_texts)


@pytest.mark.parametrize("name", ["Ilomantsin kunta Ilomantsin Museosäätiö",
                                  "Turun ammattikorkeakoulun Taideakatemia",
                                  "Kotkan kaupunginhallitus tilapalvelu"])
def test_other_bodies_and_unclear_units_stay_unlinked(name: str) -> None:
    assert default_linker().organisation(clean_name(name), "fi").status == "unlinked"


def test_state_bodies_from_reference() -> None:
    for name in ("Taiteen edistämiskeskus", "Arts Promotion Centre Finland",
                 "Etelä-Suomen aluehallintovirasto", "Länsi-Suomen lääninhallitus"):
        assert default_linker().organisation(name, "fi").status == "linked", name
    assert key("Taike") == key("Centret för konstfrämjande")


def test_links_report_counts_organisations_by_source(default_links_run) -> None:
    exit_code, output, _csv = default_links_run  # `kg links --report`, once per test run
    assert exit_code == 0, output
    table = output.split("organisations by source", 1)[1].splitlines()
    rows = {line.split()[0]: [int(n) for n in line.split()[1:5]] for line in table[2:5]}
    assert set(rows) == {"records", "projects-2007-2013.csv", "projects-2014-2020.csv"}
    for total, linked, ambiguous, unlinked in rows.values():
        assert total == linked + ambiguous + unlinked and linked > 0
    assert rows["projects-2007-2013.csv"][1] >= 500
