"""Unit tests of the extraction components: normaliser, language id, base forms, dates, money,
segmenter, people and places."""

from __future__ import annotations

import pytest

from kg.extract import extract_text
from kg.extract.dates import find_periods, find_times
from kg.extract.langid import identify_language
from kg.extract.money import find_amounts
from kg.extract.normalise import normalise_text
from kg.extract.orgs import canonical_org, split_names
from kg.extract.people import find_people
from kg.extract.places import find_places
from kg.extract.segment import segment
from kg.morphology import phrase_base_form


def test_normaliser_cleans_spaces_hyphens_markup_and_obfuscation() -> None:
    raw = ("Hanke\u00a0alkaa\u00adpian <b>nyt</b> &amp; 2021\u20122023\r\n"
           "nimi(at)xamk.fi, a [at] b [dot] fi")
    text = normalise_text(raw)
    assert text == "Hanke alkaapian nyt & 2021–2023\nnimi@xamk.fi, a@b.fi"


def test_language_identification() -> None:
    assert identify_language("Hankkeen tavoitteena on lisätä hyvinvointia ja osallisuutta.") == "fi"
    assert identify_language("Projektet har som mål att stöda äldre och det är viktigt.") == "sv"
    assert identify_language("The project was funded by the ministry and is ongoing.") == "en"


def test_base_forms_change_only_the_head_word() -> None:
    assert phrase_base_form("Etelä-Pohjanmaan liiton") == "Etelä-Pohjanmaan liitto"
    assert phrase_base_form("Iisalmen") == "Iisalmi"
    assert canonical_org("Opetus- ja kulttuuriministeriön") == "Opetus- ja kulttuuriministeriö"
    assert canonical_org("XAMK") == "Kaakkois-Suomen ammattikorkeakoulu"


def test_periods_in_many_forms() -> None:
    cases = {
        "Toteutus ajalla 1.1.2020 - 31.12.2021": ("2020-01-01", "2021-12-31"),
        "01.04.2015 – 31.12.2017": ("2015-04-01", "2017-12-31"),
        "hanke (8/2021–12/2022) on": ("2021-08", "2022-12"),
        "toteutetaan vuosina 2021‒2022": ("2021", "2022"),
        "mallinnettiin vuoden 2021 ajan": ("2021", "2021"),
        "Kulturvård II 1.5.-31.12.2019": ("2019-05-01", "2019-12-31"),
        "Alkaa 1.1.2015 ja päättyy 31.5.2017": ("2015-01-01", "2017-05-31"),
        "startat under hösten 2021 och aktivt fram till slutet av år 2023": ("2021", "2023"),
    }
    for text, expected in cases.items():
        periods = find_periods(normalise_text(text))
        assert periods, text
        assert (periods[0].start, periods[0].end) == expected, text
    assert find_periods("ohjelmakaudella 2014-2020") == []


def test_clock_times() -> None:
    assert find_times("26.6.2018 klo 9.30-12.00")[0][:2] == ("09:30", "12:00")
    assert find_times("kl. 12–16")[0][:2] == ("12:00", "16:00")


def test_money_amounts() -> None:
    text = "Kokonaisbudjetti: 1 502 328 €, 28 000 euroa, 190433 euroa ja 1,5 milj. euroa"
    assert [a.eur for a in find_amounts(text)] == [1502328, 28000, 190433, 1500000]


def test_segmenter_reads_label_layouts() -> None:
    text = normalise_text(
        "Hankkeen toteuttaja: Etelä-Pohjanmaan liitto\n\nRahoittaja\nOpetus- ja "
        "kulttuuriministeriö\nTavoitteet\nKunnat saavat uusia palveluja.\n"
    )
    seg = segment(text)
    assert [(f.key, f.value) for f in seg.fields] == [
        ("lead", "Etelä-Pohjanmaan liitto"), ("funder", "Opetus- ja kulttuuriministeriö")]
    assert [(s.section, s.text) for s in seg.sentences][-1] == (
        "goals", "Kunnat saavat uusia palveluja.")


def test_split_names_keeps_coordinated_compounds() -> None:
    value = "Hämeen elinkeino-, liikenne- ja ympäristökeskus, Pohjanmaan liitto ja Luckan ry"
    assert split_names(value) == [
        "Hämeen elinkeino-, liikenne- ja ympäristökeskus", "Pohjanmaan liitto", "Luckan ry"]
    assert split_names("Södra Österbottens och Norra Savolax förbund") == [
        "Södra Österbottens förbund", "Norra Savolax förbund"]


def test_people_with_roles_phone_and_template_email() -> None:
    text = normalise_text("Lisätietoja: Projektipäällikkö Esa Vienamo, Etelä-Pohjanmaan liitto, "
                          "p. 0400 883317\nOsoite • etunimi.sukunimi@etela-pohjanmaa.fi")
    person = find_people(text, segment(text))[0]
    assert person.as_record() == {
        "name": "Esa Vienamo", "roles": ["projektipäällikkö"],
        "organisation": "Etelä-Pohjanmaan liitto", "email": "esa.vienamo@etela-pohjanmaa.fi",
        "phone": "0400 883317"}


def test_places_in_base_form_outside_organisation_names() -> None:
    text = "Työpajat Kymenlaaksossa ja vantaalaisille perheille. Lapuan kaupunki toteuttaa."
    names = [m.name for m in find_places(text, "fi", excluded=[(text.index("Lapuan"), len(text))])]
    assert names == ["Kymenlaakso", "Vantaa"]
    swedish = "I Södra Österbotten och Egentliga Finland."
    assert [m.name for m in find_places(swedish, "sv", [])] == ["Södra Österbotten",
                                                                 "Egentliga Finland"]


def test_quotes_read_across_a_line_break_stay_verbatim() -> None:
    from kg.extract.quotes import verbatim

    text = "Ota yhteyttä:\nHanketyöntekijä Maija Meikäläinen\np. 040 123 4567\n"
    assert verbatim(text, "Hanketyöntekijä Maija Meikäläinen p. 040 123 4567", 17) == \
        "Hanketyöntekijä Maija Meikäläinen\np. 040 123 4567"
    assert verbatim(text, "Ota yhteyttä:") == "Ota yhteyttä:"
    assert verbatim(text, "not in the text") == "not in the text"


def test_a_funder_field_naming_an_eu_fund_gives_funder_and_programme() -> None:
    record = extract_text("Kylätaide\n\nRahoittaja: Hämeen ELY-keskus Euroopan sosiaalirahastosta\n"
                          "\nKylätaide-hanke vie taidetta kyliin.\n", "funder.txt")
    (project,) = record["projects"]
    assert not any("Euroopan" in name for name in project["funders"])
    assert any("sosiaalirahasto" in name.lower() for name in project["funding_programmes"])


@pytest.mark.parametrize(("name", "base"), [
    ("Lakeuden Omaishoitajat", "Lakeuden Omaishoitajat"),
    ("Porin museoiden", "Porin museot"),
    ("Seinäjoen kaupungin kulttuuripalveluilla", "Seinäjoen kaupungin kulttuuripalvelut"),
    ("Varsinais-Suomen Muistiyhdistys ry:ssä", "Varsinais-Suomen Muistiyhdistys ry"),
    ("Pohjanmaan liitosta", "Pohjanmaan liitto"),
])
def test_organisation_base_forms_keep_plural_names_and_legal_forms(name: str, base: str) -> None:
    assert canonical_org(name) == base


def test_register_labels_under_an_address_line_stay_labels() -> None:
    text = ("Tervolan kunnankirjasto\nKirjaston osoite : \nPuistotie 1\n95300\nKirjaston "
            "puhelin : \n040 486 6994\nYhteyshenkilön nimi : \nKati Oinas\n")
    fields = {f.label.strip(): f.value for f in segment(text).fields}
    assert fields["Kirjaston puhelin"] == "040 486 6994"
    assert fields["Yhteyshenkilön nimi"] == "Kati Oinas"


def test_a_date_stamp_opening_the_text_is_a_line_of_its_own() -> None:
    text = normalise_text("date 2023-01 Lapuan kaupunki selvitti asiaa.\nToinen rivi.")
    assert text.split("\n")[0] == "date 2023-01"
    assert "Lapuan kaupunki selvitti asiaa." in text.split("\n")


def test_a_place_inside_a_name_with_a_listed_compound_is_no_region() -> None:
    record = extract_text(
        "Soiva kylä\n\nSoiva kylä -hanke tuo musiikkia Kuopion kyliin. Vastuuviranomainen on "
        "Etelä-Savon elinkeino-, liikenne- ja ympäristökeskus.\n", "places.txt")
    assert record["projects"][0]["regions"] == []
