"""Grant and project list entries read from their parts (kg.extract.entries), in fi/sv/en.
All texts are synthetic."""

from __future__ import annotations

import pytest

from kg.extract import extract_text


def _entries(text: str) -> list[tuple[str | None, list[str], float | None]]:
    projects = extract_text(text, "list.txt")["projects"]
    return [(next((t for t in p["title"].values() if t), None), p["lead_organisations"],
             p["budget"]["shares"][0]["eur"] if p["budget"]["shares"] else None)
            for p in projects]


@pytest.mark.parametrize("text", [
    "Avustukset\n\nSäätiö myönsi avustukset seuraaville:\n\n1. Tanssiyhdistys Liike ry, "
    "10 000 €\n2. Laulukerho Sävel ry, 8 000 €\n3. Teatteri Kulma ry, 5 000 €\n",
    "Grants\n\nThe foundation awarded:\n\nEUR 10,000 – Tanssiyhdistys Liike ry\n"
    "EUR 8,000 – Laulukerho Sävel ry\nEUR 5,000 – Teatteri Kulma ry\n",
    "Bidrag\n\nBidrag beviljades till:\n\nTanssiyhdistys Liike ry (Helsingfors) 10 000 euro\n"
    "Laulukerho Sävel ry (Åbo) 8 000 euro\nTeatteri Kulma ry (Uleåborg) 5 000 euro\n",
])
def test_one_entry_per_recipient_whatever_the_order_of_its_parts(text: str) -> None:
    leads = [lead for _title, lead, _eur in _entries(text)]
    assert leads == [["Tanssiyhdistys Liike ry"], ["Laulukerho Sävel ry"], ["Teatteri Kulma ry"]]


def test_title_and_amount_beside_the_recipient() -> None:
    text = ("Avustukset\n\nKulttuurisäätiö myönsi avustukset:\n\n"
            "Tanssiyhdistys Liike ry: Tanssien yhdessä (10 000 €)\n"
            "Laulukerho Sävel ry: Laulua kotiin (8 000 €)\n")
    assert _entries(text) == [("Tanssien yhdessä", ["Tanssiyhdistys Liike ry"], 10000),
                              ("Laulua kotiin", ["Laulukerho Sävel ry"], 8000)]


def test_entries_in_blocks_of_lines() -> None:
    text = ("Funded projects\n\nDancing Together\nHelsinki Dance Association\nEUR 10,000\n\n"
            "Songs at Home\nTurku Music Society\nEUR 8,000\n")
    assert [(title, lead) for title, lead, _eur in _entries(text)] == [
        ("Dancing Together", ["Helsinki Dance Association"]),
        ("Songs at Home", ["Turku Music Society"])]


def test_a_list_of_recipients_without_amounts_under_an_announcement() -> None:
    text = ("Projects selected\n\nThe following projects were selected for funding:\n\n"
            "- Dancing Together (Helsinki Dance Association)\n"
            "- Songs at Home (Turku Music Society)\n"
            "- Stage for All (Oulu Theatre Association)\n")
    assert [title for title, _lead, _eur in _entries(text)] == [
        "Dancing Together", "Songs at Home", "Stage for All"]


def test_a_list_of_partners_under_a_project_is_no_grant_list() -> None:
    text = ("Laulava kylä -hanke\n\nLaulava kylä -hanke vie musiikkia kyliin vuosina 2022-2023. "
            "Hankkeen kumppanit ovat:\n\n- Tanssiyhdistys Liike ry\n- Laulukerho Sävel ry\n"
            "- Teatteri Kulma ry\n")
    assert len(_entries(text)) == 1
