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


SECTIONS = {
    "en": ("Our projects\n\nCulture Buddies\nVolunteers take older people to concerts and "
           "museums. The project is coordinated by Helsinki Music Association.\n\n"
           "Singing Homes\nMusicians visit care homes every week. The project is run by Turku "
           "Music Society.\n"),
    "sv": ("Våra projekt\n\nKulturkompis\nFrivilliga följer äldre till konserter och museer. "
           "Projektet drivs av Helsingfors stad.\n\nSjung med oss\nÄldre sjunger i kör varje "
           "vecka. Projektet koordineras av Vasa stad.\n"),
    "fi": ("Hankkeemme\n\nKulttuurikaveri\nVapaaehtoiset saattavat ikäihmisiä konsertteihin. "
           "Hanketta koordinoi Helsingin kaupunki.\n\nLaulava koti\nMuusikot vierailevat "
           "hoivakodeissa viikoittain. Hanketta toteuttaa Turun musiikkiyhdistys ry.\n"),
}


@pytest.mark.parametrize("language", ["en", "sv", "fi"])
def test_a_page_of_project_sections_gives_one_entry_per_section(language: str) -> None:
    found = _entries(SECTIONS[language])
    assert len(found) == 2
    assert all(len(lead) == 1 for _title, lead, _eur in found)


def test_subheadings_of_one_project_do_not_split_it() -> None:
    text = ("Laulava kylä\n\nLaulava kylä -hanke vie musiikkia kyliin. Hanketta koordinoi Lapuan "
            "kaupunki.\n\nErityishuomio yksin asuviin\nHanke kiinnittää huomiota yksin asuviin "
            "ikäihmisiin, joita on kylissä paljon.\n\nKonsertit kylätaloilla\nKonsertteja "
            "järjestetään kylätaloilla kerran kuussa koko vuoden ajan.\n")
    assert len(_entries(text)) == 1


@pytest.mark.parametrize("text", [
    "Seminarium 15.9.2023\n\nkl. 9.00 Välkommen\nkl. 9.15 Projektet Kulturkompis, Helsingfors "
    "stad\nkl. 10.00 Projektet Sjung med oss, Vasa stad\nkl. 11.00 Lunch\n",
    "Seminaari 15.9.2023\n\nklo 9.00 Avaus\nklo 9.15 Kulttuurikaveri-hanke, Helsingin kaupunki\n"
    "klo 10.00 Laulava koti -hanke, Turun musiikkiyhdistys ry\nklo 11.00 Lounas\n",
])
def test_a_programme_presenting_projects_gives_one_entry_each(text: str) -> None:
    assert len(_entries(text)) == 2
