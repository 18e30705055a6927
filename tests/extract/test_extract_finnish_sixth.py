"""Finnish mechanisms from held-out set 6 (issue 11): role cues in the past tense, as
project pages written after the end report them; "<owner>:n X-rahoitteinen hanke"; prose lists
of "-hanke <sum>" grants. All texts are synthetic."""

from __future__ import annotations

import pytest
from extract_helpers import only_project, projects_of


def test_past_tense_role_cues_name_lead_partner_and_funder() -> None:
    project = only_project(
        "Lauluja kylille\n\nLauluja kylille -hanke vei musiikkia palvelutaloihin vuosina "
        "2019–2021. Hankkeen päätoteuttajana toimi Kylämusiikki ry ja osatoteuttajina olivat "
        "Pohjolan Kuoroliitto ry sekä Laulun Ystävät ry. Toimintaa rahoitti Koneen Säätiö.\n")
    assert project["lead_organisations"] == ["Kylämusiikki ry"]
    assert project["partner_organisations"] == ["Pohjolan Kuoroliitto ry", "Laulun Ystävät ry"]
    assert project["funders"] == ["Koneen Säätiö"]


def test_past_tense_cue_before_a_distributed_genitive_list_gives_one_lead_each() -> None:
    project = only_project(
        "Soiva Savo\n\nSoiva Savo -hanketta toteuttivat Iisalmen, Keiteleen ja Vieremän "
        "kuntien kulttuuripalvelut vuonna 2021.\n")
    assert project["lead_organisations"] == [
        "Iisalmen kulttuuripalvelut", "Keiteleen kulttuuripalvelut", "Vieremän kulttuuripalvelut"]


def test_funded_kind_names_the_funder_and_the_genitive_owners_lead() -> None:
    project = only_project(
        "Minun ääneni\n\nMinun ääneni -hanke oli Arvokas vanhuus ARVA ry:n kolmivuotinen "
        "STEA-rahoitteinen hanke. Hanke toi musiikkia palvelutaloihin.\n")
    assert project["lead_organisations"] == ["Arvokas vanhuus ARVA ry"]
    assert project["funders"] == ["Sosiaali- ja terveysjärjestöjen avustuskeskus"]


def test_funded_kind_with_a_programme_and_two_owners_one_unknown_to_voikko() -> None:
    project = only_project(
        "Lähde! -hankkeet\n\nOnnistumisen iloa – Oulunkaaren kuntayhtymän ja Taidekeskus "
        "KulttuuriKauppilan ESR-rahoitteisissa Lähde! -hankkeissa luodaan toimintamalleja.\n")
    assert project["lead_organisations"] == ["Oulunkaaren kuntayhtymä",
                                             "Taidekeskus KulttuuriKauppila"]
    assert project["funding_programmes"] == ["Euroopan sosiaalirahasto"]


def test_prose_list_of_hanke_grants_gives_one_entry_each_with_elliptic_sums() -> None:
    projects = projects_of(
        "Avustuksia kulttuuritoimintaan\n\nOpetus- ja kulttuuriministeriö on myöntänyt 300 000 "
        "euroa hankkeille. Kylä soi - Musiikkiyhteistyön kehittämishanke sai 56 000, Lahden "
        "kaupungin Laulu kulkee -hanke 31 000 ja Porin Runot kotiin -hanke 22 000 euroa.\n")
    found = [(p["title"]["fi"], p["lead_organisations"], p["municipalities"]) for p in projects]
    assert found == [
        ("Kylä soi - Musiikkiyhteistyön kehittämishanke", [], []),
        ("Laulu kulkee", ["Lahden kaupunki"], ["Lahti"]),
        ("Runot kotiin", [], ["Pori"]),
    ]


def test_a_name_opening_with_an_exclamation_keeps_it() -> None:
    project = projects_of(
        "Hankkeet\n\nTule mukaan! Taiteesta iloa -hanke tarjosi tukea nuorille vuosina "
        "2020–2022.\n")[0]
    assert project["title"]["fi"] == "Tule mukaan! Taiteesta iloa"


def test_a_participle_phrase_before_the_name_is_no_part_of_it() -> None:
    project = only_project(
        "Tule mukaan! -hanke\n\nVuosina 2017-2020 toteutettavan Tule mukaan! -hankkeen "
        "tavoitteena on syrjäytymisen ehkäiseminen taiteen keinoin.\n")
    assert project["title"]["fi"] == "Tule mukaan!"
    assert all("toteutettavan" not in alt for alt in project["alt_titles"])


def test_first_line_owner_after_a_dash_is_no_part_of_the_title_and_partner_in_essive() -> None:
    project = only_project(
        "Laulupolku – Kemijärven kaupunki\n\nHanke tuo laulua kotihoitoon.\nHallinnoija: "
        "Kemijärven kaupunki\nOsatoteuttajana Pohjolan Laulajat ry, kaksi taiteilijaa, vastaa "
        "ryhmistä.\n")
    assert project["title"]["fi"] == "Laulupolku"
    assert project["partner_organisations"] == ["Pohjolan Laulajat ry"]


def test_a_first_line_naming_only_an_organisation_is_no_title() -> None:
    projects = projects_of(
        "Siirry sisältöön\nKemijärven kaupunki\n\nKulttuurihyvinvointi tarkoittaa kokemusta "
        "siitä, että kulttuuri ja taide lisäävät hyvinvointia. Alueet ovat lisänneet "
        "kulttuurihyvinvointisuunnitelmien laatimista.\n")
    assert all(p["title"]["fi"] != "Kemijärven kaupunki" for p in projects)


def test_labelled_fields_in_bullets_are_fields() -> None:
    project = only_project(
        "TAITO-hanke\n\nMikä?\n\n • Monitieteinen tutkimushanke taiteen saavutettavuudesta.\n"
        " • Rahoittaja: Suomen Akatemia\n • Konsortiopartnerit: Turun yliopisto ja "
        "Lappeenrannan yliopisto\n")
    assert project["funders"] == ["Suomen Akatemia"]
    assert project["partner_organisations"] == ["Turun yliopisto", "Lappeenrannan yliopisto"]


def test_a_registered_association_on_a_line_of_its_own_leads_even_with_a_long_name() -> None:
    project = only_project(
        "Hanke\nKehittämishanke - 7467\n\nKylän juuret\n\nKulttuuriyhdistys Pelto, metsä ja "
        "järvi ry\n\n12.05.2015 - 29.01.2019\n\nPäättynyt\n\nJulkinen hankekuvaus\n\nKylän "
        "juuret on pilottiprojekti, jolla luodaan taiteen keskus kylään.\n")
    assert project["lead_organisations"] == ["Kulttuuriyhdistys Pelto, metsä ja järvi ry"]


def test_a_municipality_named_as_a_partner_is_its_municipal_organisation() -> None:
    project = only_project(
        "Kulttuuripolku\n\nHallinnoija: Rovaniemen kaupunki\nMuut osatoteuttajat: Posio ja "
        "Ranua\n\nHanke tuo kulttuuria ikäihmisille vuosina 2025–2027.\n")
    assert project["lead_organisations"] == ["Rovaniemen kaupunki"]
    assert project["partner_organisations"] == ["Posion kunta", "Ranuan kunta"]


def test_an_owned_project_as_the_grantee_gives_owner_as_lead_and_title_apart() -> None:
    projects = projects_of(
        "Avustuksia iäkkäiden kulttuuritoimintaan\n\nHelsingin kaupunki myönsi avustuksia "
        "kulttuurihankkeisiin.\nTeatteriyhdistys Kuu ry:n Kirjeet Malmilla -hanke sai 40 000 "
        "euroa. Hanke kokoaa tarinoita.\nKukkaseura ry:n Kukkia kaikille -hanke sai 64 000 "
        "euroa. Hanke vie kukkia kotiin.\n")
    found = [(p["title"]["fi"], p["lead_organisations"], p["budget"]["shares"][0]["eur"])
             for p in projects]
    assert found == [("Kirjeet Malmilla", ["Teatteriyhdistys Kuu ry"], 40000),
                     ("Kukkia kaikille", ["Kukkaseura ry"], 64000)]


ROLE_SENTENCES = [
    ("Taiteen edistämiskeskus on myöntänyt hankkeelle 50 000 euroa.",
     "funders", ["Taiteen edistämiskeskus"]),
    ("Hankkeen päärahoittaja on Svenska kulturfonden.", "funders", ["Svenska kulturfonden"]),
    ("Hanketta tukee Suomen Kulttuurirahasto.", "funders", ["Suomen Kulttuurirahasto"]),
    ("Hankkeen on rahoittanut Sosiaali- ja terveysministeriö.",
     "funders", ["Sosiaali- ja terveysministeriö"]),
    ("Hanke rahoitetaan Pohjois-Karjalan liiton myöntämällä AKKE-rahoituksella.",
     "funders", ["Pohjois-Karjalan liitto"]),
    ("Hanketta rahoittaa Euroopan sosiaalirahasto Pohjois-Savon ELY-keskuksen kautta.",
     "funders", ["Pohjois-Savon elinkeino-, liikenne- ja ympäristökeskus"]),
    ("Hanke toteutetaan Euroopan sosiaalirahaston tuella.",
     "funding_programmes", ["Euroopan sosiaalirahasto"]),
    ("Hankkeen toteuttavat yhteistyössä Kuopion kaupunki ja Savonia-ammattikorkeakoulu.",
     "lead_organisations", ["Kuopion kaupunki", "Savonia-ammattikorkeakoulu"]),
    ("Hanketta koordinoi Humak, ja kumppaneina toimivat Jyväskylän kaupunki ja Keski-Suomen "
     "hyvinvointialue.", "partner_organisations",
     ["Jyväskylän kaupunki", "Keski-Suomen hyvinvointialue"]),
    ("Hanketta ovat tukeneet Raaseporin kaupunki ja ”Stiftelsen för hem” -säätiö.",
     "funders", ["Raaseporin kaupunki"]),
]


@pytest.mark.parametrize(("sentence", "field", "expected"), ROLE_SENTENCES)
def test_finnish_role_sentences(sentence: str, field: str, expected: list[str]) -> None:
    project = only_project("Soiva silta -hanke\n\nSoiva silta -hanke tuo musiikkia kyliin. "
                           + sentence + "\n")
    assert project[field] == expected


def test_grants_to_owned_projects_in_the_potential_mood() -> None:
    projects = projects_of(
        "Avustuksia iäkkäiden kulttuuritoimintaan\n\nHelsingin kaupunki myönsi hankerahaa "
        "eri toimijoille.\nKuuseura ry:n Laulua Kaikille hanke saanee 30 000 euroa. Hanke vie "
        "laulua kotiin.\nTeatteriyhdistys Kuu ry:n Kirjeet Malmilla hanke saanee 40 000 euroa. "
        "Hanke kokoaa tarinoita.\n")
    found = [(p["title"]["fi"], p["lead_organisations"]) for p in projects]
    assert found == [("Laulua Kaikille", ["Kuuseura ry"]),
                     ("Kirjeet Malmilla", ["Teatteriyhdistys Kuu ry"])]


def test_the_first_member_of_a_list_of_sums_after_a_colon_is_an_entry() -> None:
    projects = projects_of(
        "Taike tukee taideyhteisöjä\n\nTaiteen edistämiskeskus rahoittaa taideyhteisöjen "
        "toimintaa 900 000 eurolla.\n\nVarsinais-Suomeen avustuksia jaettiin seuraavasti: "
        "Bryggman-säätiö 20 000 euroa, Arte ry 35 000 euroa, Turun Taiteilijaseura ry 25 000 "
        "euroa.\n")
    assert [p["lead_organisations"] for p in projects] == [
        ["Bryggman-säätiö"], ["Arte ry"], ["Turun Taiteilijaseura ry"]]


def test_a_reports_cover_line_gives_the_project_not_the_report() -> None:
    project = projects_of(
        "Soiva Savo kuuden kunnan kumppanuushanke Yhteinen loppuraportti 1/2019\n\nHankkeessa "
        "kehitettiin musiikkitoimintaa kuuden kunnan ikäihmisille vuosina 2017–2019.\n")[0]
    assert project["title"]["fi"] == "Soiva Savo kuuden kunnan kumppanuushanke"


def test_an_illustrators_or_layout_credit_names_no_one_of_the_project() -> None:
    project = only_project(
        "Kesätaidetta kylille\n\nTeksti: Päivi Alanen Kuvitukset: Emil Varjo Taitto: Emil Varjo"
        "\n\nKesätaidetta kylille -hankkeen projektikoordinaattori Päivi Alanen kertoo "
        "kesätaiteilijoiden työstä.\n")
    assert [p["name"] for p in project["people"]] == ["Päivi Alanen"]


def test_a_named_practice_model_is_a_project_and_its_partners_units_count() -> None:
    project = only_project(
        "Kulttuuriresepti\n\nVaasan museot ovat kehittäneet Taideresepti-toimintamallin "
        "yhteistyössä Pohjanmaan hyvinvointialueen HYTE-yksikön kanssa. Resepti oikeuttaa "
        "maksuttomaan vierailuun.\n")
    assert project["title"]["fi"] == "Taideresepti"
    assert project["partner_organisations"] == ["Pohjanmaan hyvinvointialue"]


def test_a_programme_read_with_and_without_its_years_is_one() -> None:
    project = only_project(
        "Hanke\nKehittämishanke - 209728\n\nTanssia kylille\n\nKyläyhdistys ry\n\n31.10.2022 - "
        "04.07.2024\n\nJulkinen hankekuvaus\n\nHanke tuo tanssia kyliin.\n\nOhjelma/Rahasto\n\n"
        "Manner-Suomen maaseudun kehittämisohjelma 2014–2020\n\nOnko kyseessä Leader-hanke?\n\n"
        "kyllä\n")
    assert project["funding_programmes"] == [
        "Manner-Suomen maaseudun kehittämisohjelma 2014–2020", "Leader"]


def test_an_abbreviation_in_brackets_and_a_programmes_administrator() -> None:
    project = only_project(
        "Kortteleihin kulttuuria -hanke\n\nSosiaali- ja terveysjärjestöjen avustuskeskus (STEA) "
        "on myöntänyt Kortteleihin kulttuuria -hankkeelle avustusta. Hanke kuuluu "
        "Elämänote-hankekokonaisuuteen, jota koordinoi Ikäinstituutti. Hanke on osa "
        "Sosiaali- ja terveysministeriön (STM) hallinnoimaa Kansallista ikäohjelmaa.\n")
    assert project["funders"] == ["Sosiaali- ja terveysjärjestöjen avustuskeskus"]
    assert project["lead_organisations"] == []


def test_a_capitalised_name_before_the_project_word_written_apart() -> None:
    project = only_project(
        "Taide auttaa toipumisessa\n\nOlen mukana Parasta Pohjois-Savoon hankkeessa. Hanke on "
        "kaksivuotinen ja antaa valmiuksia taiteen käyttämiseen. Työ tehtiin aiemmin Kuopion "
        "Kaupunginteatterin hankkeessa.\n")
    assert project["title"]["fi"] == "Parasta Pohjois-Savoon"


def test_an_older_esr_register_entry_names_its_implementer() -> None:
    project = only_project(
        "Euroopan sosiaalirahaston (ESR) rahoittaman projektin kuvaus\n\n1. Projekti\n\n"
        "Projektin nimi: Taide kohtaamisalustana (TAIKA)\n\nSuunnitelman mukainen toteutusaika: "
        "Alkaa 1.8.2008 ja päättyy 31.5.2011\n\n2. Projektin toteuttaja\n\n"
        "Toteuttajaorganisaation nimi: Helsingin yliopiston koulutus- ja kehittämiskeskus "
        "Palmenia\n\nOrganisaatiotyyppi: Yliopisto\n")
    assert project["lead_organisations"] == [
        "Helsingin yliopiston koulutus- ja kehittämiskeskus Palmenia"]


def test_the_responsible_person_of_an_older_esr_entry_has_role_and_organisation() -> None:
    project = only_project(
        "Euroopan sosiaalirahaston (ESR) rahoittaman projektin kuvaus\n\nProjektin nimi: Taide "
        "kohtaamisalustana\n\nToteuttajaorganisaation nimi: Kulttuuriyhdistys Aalto ry\n\n"
        "Vastuuhenkilön nimi: Anja Kuusela\n\nAsema: Kehittämispäällikkö\n")
    (person,) = project["people"]
    assert person["roles"] == ["kehittämispäällikkö", "vastuuhenkilö"]
    assert person["organisation"] == "Kulttuuriyhdistys Aalto ry"


def test_a_bracketed_acronym_after_a_title_is_its_short_name() -> None:
    project = only_project(
        "1 Hanke\n\nHankekoodi: S20498\n\nHankkeen nimi: Taiteilijan ansaintamallit ja "
        "toimeentulo (TaideART)\n\n"
        "Hakijan virallinen nimi: Turun ammattikorkeakoulu oy\n")
    assert project["title"]["fi"] == "Taiteilijan ansaintamallit ja toimeentulo"
    assert project["alt_titles"] == ["TaideART"]
