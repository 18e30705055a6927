"""Several projects in one text: grants named in running text (fi/sv/en) and two consecutive
phases of one project. All texts are synthetic."""

from __future__ import annotations

from extract_helpers import projects_of

from kg.extract.grants import find_grants
from kg.extract.normalise import normalise_text
from kg.extract.segment import segment

FI_NEWS = """Säätiö jakoi 90 000 euroa taiteen hyvinvointivaikutuksiin

Kulttuurisäätiö on jakanut 90 000 euroa yhdeksälle hankkeelle. Avustusten suuruus vaihteli \
3 000 eurosta 30 000 euroon.

Lappeenrannan kaupunki sai 30 000 euroa Laulu kantaa -hankkeeseen, jossa ikäihmiset laulavat \
yhdessä. Suuria avustuksia saivat myös Kaarnan kyläyhdistys ry 12 000 €, Savonlinnan \
Taideyhdistys ry 8 000 € ja Rantasalmen kunta 5 000 €. Lisäksi 4 000 € myönnettiin Vihreän \
rannan seniorit ry:n projektiin, jossa tanssitaan. Porilainen Sävel ry vie muusikoita \
hoivakoteihin Soiva koti -hankkeessa.
"""


def _by_lead(projects: list[dict]) -> dict[str, dict]:
    return {p["lead_organisations"][0]: p for p in projects if p["lead_organisations"]}


def test_finnish_grant_news_gives_one_project_per_recipient() -> None:
    projects = _by_lead(projects_of(FI_NEWS))
    assert set(projects) == {"Lappeenrannan kaupunki", "Kaarnan kyläyhdistys ry",
                             "Savonlinnan Taideyhdistys ry", "Rantasalmen kunta",
                             "Vihreän rannan seniorit ry", "Sävel ry"}
    first = projects["Lappeenrannan kaupunki"]
    assert first["title"]["fi"] == "Laulu kantaa"
    assert first["budget"]["shares"] == [{"organisation": "Kulttuurisäätiö", "eur": 30000}]
    assert projects["Savonlinnan Taideyhdistys ry"]["budget"]["shares"][0]["eur"] == 8000
    assert projects["Vihreän rannan seniorit ry"]["budget"]["shares"][0]["eur"] == 4000
    # the funder named in the lead paragraph is every project's funder; a bare "Säätiö" is not
    assert all(p["funders"] == ["Kulttuurisäätiö"] for p in projects.values())
    # a demonym before the recipient is its municipality and is no part of its name
    assert projects["Sävel ry"]["municipalities"] == ["Pori"]
    assert projects["Sävel ry"]["title"]["fi"] == "Soiva koti"
    assert projects["Sävel ry"]["budget"]["shares"] == []


def test_ranges_of_grant_sizes_are_no_grants() -> None:
    text = normalise_text(FI_NEWS)
    grants = find_grants(segment(text).sentences, "fi")
    assert all(g.eur not in (3000, 90000) for g in grants)


def test_swedish_and_english_grant_news() -> None:
    swedish = _by_lead(projects_of(
        "Kulturfonden delade ut 40 000 euro\n\nStiftelsen beviljade bidrag till tre projekt.\n\n"
        "Teaterföreningen Kulissen rf får 15 000 euro för projektet Scen för alla. "
        "Vasa Sångkör rf får 5 000 euro för projektet Sång i vården.\n"))
    assert swedish["Teaterföreningen Kulissen rf"]["title"]["sv"] == "Scen för alla"
    assert swedish["Vasa Sångkör rf"]["budget"]["shares"][0]["eur"] == 5000
    english = _by_lead(projects_of(
        "Foundation awards EUR 60,000 to arts and health projects\n\n"
        "The Arts Foundation awarded grants to two projects this spring.\n\n"
        "The Helsinki Dance Association received EUR 25,000 for Dancing Homes. "
        "The Oulu Music Society received EUR 10,000 for Songs of Memory.\n"))
    assert english["Oulu Music Society"]["title"]["en"] == "Songs of Memory"
    assert english["Helsinki Dance Association"]["budget"]["shares"] == \
        [{"organisation": "Arts Foundation", "eur": 25000}]


def test_grants_in_kronor_and_verbs_with_an_adverb_inside() -> None:
    projects = _by_lead(projects_of(
        "Kommuner får 3 miljoner till kultur för äldre\n\n"
        "Kulturrådet har fördelat bidrag för att stärka äldres kulturliv.\n\n"
        "Malmö stad har fått 2 miljoner kronor för ett projekt med sång. "
        "Region Halland har också fått en halv miljon kronor för att utveckla dans. "
        "Borås kommun har fått 480 000 kr för forskning.\n"))
    assert set(projects) == {"Malmö stad", "Region Halland", "Borås kommun"}
    # a sum in kronor has no euro value
    assert all(p["budget"]["total_eur"] is None for p in projects.values())
    english = _by_lead(projects_of(
        "Arts council grants for older people\n\n"
        "The Lund Choir Society received SEK 200,000 for singing in care homes. "
        "The Umeå Dance Association has also received SEK 150,000 for dance workshops.\n"))
    assert set(english) == {"Lund Choir Society", "Umeå Dance Association"}


def test_a_funders_verb_with_its_recipient_after_till_and_a_name_ending_in_a_genitive() -> None:
    projects = _by_lead(projects_of(
        "Kulturfonden delar ut 2 miljoner\n\n"
        "Österbottens kulturfond utdelade ett stipendium på 3 000 euro till Humorgruppen KAJ. "
        "Föreningen Karl Johans vänner, får 12 000 euro för en utställning i Vasa.\n"))
    assert set(projects) == {"Humorgruppen KAJ", "Föreningen Karl Johans vänner"}
    assert projects["Humorgruppen KAJ"]["budget"]["shares"][0]["eur"] == 3000
    english = _by_lead(projects_of(
        "Grants for arts and health\n\n"
        "The Arts Foundation awarded EUR 8,000 to the Tampere Song Society for choir visits. "
        "The Oulu Dance Association received EUR 6,000 for dance in care homes.\n"))
    assert set(english) == {"Tampere Song Society", "Oulu Dance Association"}


def test_one_grant_and_common_subjects_do_not_split_a_text() -> None:
    single = projects_of(
        "Laulu kantaa -hanke\n\nLappeenrannan kaupunki sai 30 000 euroa Laulu kantaa "
        "-hankkeeseen. Hanke on saanut myös 5 000 euroa kunnalta. Kompisarna har fått skolning.\n")
    assert len(single) == 1
    assert single[0]["title"]["fi"] == "Laulu kantaa"


def test_two_phases_of_one_project_are_two_projects() -> None:
    projects = projects_of(
        "Kultur för alla\n\nProjektets syfte är att föra kultur till äldre i regionen.\n\n"
        "Kultur för alla -projektets första skede 1.3.2018–28.2.2019 genomfördes med stöd "
        "från Undervisnings- och kulturministeriet. Projektet Kultur för alla II startade i "
        "september 2019 och kommer att pågå till 31.12.2020.\n")
    assert [p["title"]["sv"] for p in projects] == ["Kultur för alla", "Kultur för alla II"]
    first, second = projects
    assert (first["start_date"], first["end_date"]) == ("2018-03-01", "2019-02-28")
    assert (second["start_date"], second["end_date"]) == ("2019-09", "2020-12-31")
    assert first["funders"] == ["Opetus- ja kulttuuriministeriö"]
    assert second["funders"] == []


def test_a_list_entry_takes_no_activity_or_group_from_the_lists_lead_paragraph() -> None:
    projects = projects_of(
        "Taike myönsi avustuksia\n\n"
        "Kaikkiaan Taike sai hakukierroksella 17 hakemusta, joista toteutetaan kaksi hanketta. "
        "Hakijoina oli taiteilijoita.\n\n"
        "Taiteen edistämiskeskus myönsi avustuksia seuraaville:\n\n"
        "Hollolan kunta 10 000 euroa\ntyöpajatoimintaan Lahden seudulla\n\n"
        "Hämeenlinnan kaupunki 15 000 euroa\nnuoria osallistavaan taideprojektiin\n")
    entries = [p for p in projects if p["lead_organisations"] in (["Hollolan kunta"],
                                                                  ["Hämeenlinnan kaupunki"])]
    assert len(entries) == 2
    for entry in entries:
        assert entry["activities"] and not any("hakemusta" in a for a in entry["activities"])
        assert "taiteilijat" not in entry["target_groups"]


def test_a_grantee_written_with_and_without_hyphens_is_one_entry() -> None:
    projects = projects_of(
        "Säätiö jakoi avustuksia\n\n"
        "KO-KOO-MO ry sai 10 000 euroa nukketeatteriin. Sävel ry sai 5 000 euroa "
        "lauluhetkiin. Porilainen KOKOOMO ry käyttää nukketeatteria nuorisotyössä.\n")
    leads = [name for project in projects for name in project["lead_organisations"]]
    assert leads.count("KO-KOO-MO ry") == 1 and "KOKOOMO ry" not in leads


# Grant list entries that say after the amount what the grant is for, one a line.
PURPOSE_LISTS = {
    "sv": ("Kulturfonden beviljar bidrag\n\nFöljande fick bidrag:\n\n"
           "Kulturföreningen Sävel rf: 5 000 euro för projektet Sjung med oss\n"
           "Teaterföreningen Scen rf: 3 000 euro för projektet Teater på hemmet\n"
           "Musikhuset Ab: 2 500 euro för projektet Musik i vården\n"),
    "en": ("Grants awarded\n\nThe following grants were awarded:\n\n"
           "Helsinki Dance Association: EUR 10,000 for the project Dancing Together\n"
           "Turku Music Society: EUR 8,000 for the project Songs at Home\n"
           "Oulu Theatre Collective: EUR 5,000 for the project Stage for All\n"),
    "fi": ("Avustukset myönnetty\n\nTaiteen edistämiskeskus myönsi avustukset:\n\n"
           "Tanssiyhdistys Liike ry, Helsinki: 10 000 euroa hankkeeseen Tanssien yhdessä\n"
           "Laulukerho Sävel ry, Turku: 8 000 euroa hankkeeseen Laulua kotiin\n"
           "Teatteri Kulma ry, Oulu: 5 000 euroa hankkeeseen Näyttämö kaikille\n"),
}


def test_grant_list_entries_with_their_purpose_give_recipient_and_title() -> None:
    for language, text in PURPOSE_LISTS.items():
        projects = projects_of(text)
        assert len(projects) == 3, language
        first = projects[0]
        assert first["title"][language] in ("Sjung med oss", "Dancing Together",
                                            "Tanssien yhdessä"), language
        assert len(first["lead_organisations"]) == 1, language
        assert first["budget"]["shares"] == [] or first["budget"]["shares"][0]["eur"] in (
            5000, 10000), language


def test_a_title_and_its_recipient_on_either_side_of_a_dash() -> None:
    text = ("Projects funded\n\nDancing Together – Helsinki Dance Association, EUR 10,000\n"
            "Songs at Home – Turku Music Society, EUR 8,000\n")
    projects = projects_of(text)
    assert [p["title"]["en"] for p in projects] == ["Dancing Together", "Songs at Home"]
    assert [p["lead_organisations"] for p in projects] == [["Helsinki Dance Association"],
                                                           ["Turku Music Society"]]


def test_a_sentence_with_an_amount_is_no_grant_list_entry() -> None:
    text = ("Bidrag beviljade\n\n"
            "• Kulturföreningen Sävel rf får 5 000 euro för projektet Sjung med oss.\n"
            "• Teaterföreningen Scen rf får 3 000 euro för projektet Teater på hemmet.\n")
    leads = [p["lead_organisations"] for p in projects_of(text)]
    assert leads == [["Kulturföreningen Sävel rf"], ["Teaterföreningen Scen rf"]]


def test_a_second_project_named_in_the_text_is_an_entry_of_its_own() -> None:
    text = ("Nuorisohanke Myrsky\n\nMyrsky-hanke tuki nuorten taiteen tekemistä vuosina "
            "2008-2011. Hanketta rahoitti Suomen Kulttuurirahasto. Myrskyn rinnalle "
            "käynnistettiin tutkimus, ja Nuoret taiteen tekijöinä -hankkeen raportti julkaistiin "
            "vuonna 2012.\n")
    titles = [p["title"]["fi"] for p in projects_of(text)]
    assert titles == ["Myrsky", "Nuoret taiteen tekijöinä"]


def test_one_project_named_twice_stays_one_entry() -> None:
    text = ("Laulava kylä\n\nLaulava kylä -hanke vie musiikkia kyliin. Laulava kylä -hankkeen "
            "koordinoi Lapuan kaupunki.\n")
    assert [p["title"]["fi"] for p in projects_of(text)] == ["Laulava kylä"]


def test_a_pilot_told_beside_its_umbrella_project_is_an_entry_of_its_own() -> None:
    text = ("Laulava maakunta\n\nLaulava maakunta -hanke vie musiikkia kuntiin. Hankkeessa "
            "toteutetaan pilottikokeiluja eri puolilla maakuntaa. Sarja alkaa Kylän kuoro – "
            "pilotista, jossa ikäihmiset laulavat yhdessä.\n")
    titles = [p["title"]["fi"] for p in projects_of(text)]
    assert titles == ["Laulava maakunta", "Kylän kuoro"]
