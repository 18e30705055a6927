"""Evidence quotes in the public graph hide e-mail addresses and phone numbers (design §5)."""

from __future__ import annotations

from kg.link.model import NameOnlyLinker
from kg.rdf.contacts import scrub
from kg.rdf.mapping import RecordMapper

QUOTE = "Projektipäällikkö Maija Meikäläinen, puh. 040 704 3861, maija.meikalainen@example.fi"
RECORD = {"source": "yhteys.txt", "language": "fi", "projects": [{
    "title": {"fi": "Yhteyshanke"}, "lead_organisations": ["Savonia-ammattikorkeakoulu"],
    "people": [{"name": "Maija Meikäläinen", "roles": ["projektipäällikkö"],
                "email": "maija.meikalainen@example.fi", "phone": "040 704 3861"}],
    "evidence": [
        {"field": "people", "value": "Maija Meikäläinen", "start": 18, "end": 35,
         "quote": QUOTE},
        {"field": "people.phone", "value": "040 704 3861", "start": 43, "end": 55,
         "quote": QUOTE},
        {"field": "lead_organisations", "value": "Savonia-ammattikorkeakoulu", "quote":
         "Toteuttaja Savonia-ammattikorkeakoulu (Y-tunnus 2472908-2), p. 017 255 6000"}]}]}


def nquads(include_contacts: bool) -> str:
    return RecordMapper(NameOnlyLinker(), include_contacts).map(RECORD).nquads()


def test_quotes_hide_contacts_unless_asked() -> None:
    public = nquads(False)
    assert "Maija Meikäläinen" in public and "2472908-2" in public
    assert not [part for part in ("704 3861", "example.fi", "255 6000") if part in public]
    assert "people.phone" not in public
    full = nquads(True)
    assert "040 704 3861" in full and "maija.meikalainen@example.fi" in full


def test_numbers_that_are_no_phone_stay() -> None:
    text = "Avustus 120 000 euroa 1.1.2021 alkaen, Y-tunnus 0203135-3, vuonna 2021."
    assert scrub(text) == text
    assert scrub("p. 09 310 1691 tai +358 50 123 4567") == "p. […] tai […]"
