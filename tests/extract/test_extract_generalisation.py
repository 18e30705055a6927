"""Rules added for unseen layouts: titles inside sentences, register header lines, listed
partners with business IDs, implausible organisation names, people cut by role words.
All texts are synthetic."""

from __future__ import annotations

from extract_helpers import only_project

from kg.extract import extract_text
from kg.extract.normalise import normalise_text
from kg.extract.orgs import plausible_name
from kg.extract.people import find_people
from kg.extract.segment import segment
from kg.extract.titles import label_value_is_title, name_before_hanke


def test_title_is_cut_from_the_sentence_before_hanke() -> None:
    assert name_before_hanke("Joensuun kaupunki sai 20 000 euroa Laulu kantaa") == "Laulu kantaa"
    assert name_before_hanke("Museo on yhdessä Kuopion kanssa mukana Taidetta kaikille") == \
        "Taidetta kaikille"
    assert name_before_hanke("Ohjelma julkistettiin Kulttuurista iloa Pohjois-Savoon") == \
        "Kulttuurista iloa Pohjois-Savoon"
    assert name_before_hanke("Liitto käynnisti Vahvan kulttuurin Kainuu 3") == \
        "Vahvan kulttuurin Kainuu 3"
    # titles with their own verbs and no later name stay whole
    assert name_before_hanke("Kylässä kelpaa elää") == "Kylässä kelpaa elää"
    assert name_before_hanke("Valtakunnallinen Sirkus Kaikille") == "Sirkus Kaikille"


def test_register_codes_are_not_titles() -> None:
    assert not label_value_is_title("Kehittämishanke - 123456")
    assert not label_value_is_title("Vuoden 2019 AVI")
    assert label_value_is_title("Laulu kantaa - yhteislaulua kylille")


def test_register_header_gives_funder_and_year_not_title() -> None:
    text = ("Lukuiloa kyliin\nVuoden 2017 AVI-hanke (Hanke on saanut rahoitusta)\n\n"
            "Hankkeen tavoite:\nKirjasto vie lukupiirejä kyliin ja palvelutaloihin.\n")
    project = only_project(text)
    assert project["title"]["fi"] == "Lukuiloa kyliin"
    assert project["funders"] == ["Aluehallintovirasto"]
    assert project["start_date"] == "2017"
    swedish = ("Läsglädje i byarna\nÅr 2014 RFV-ansökan (Projekt fått finansiering)\n\n"
               "Projektet för läsecirklar till byarna och servicehusen.\n")
    assert only_project(swedish)["funders"] == ["Aluehallintovirasto"]


def test_partners_listed_one_a_line_with_business_ids() -> None:
    text = ("Hankkeen nimi: Soiva kylä\nOsatoteuttajat\n\nKylän kuoroyhdistys. Yhdistys muutti "
            "nimensä 2019., 1234567-8\nMäntyharjun kunta, 0123456-7\nSavon opisto, 7654321-0\n")
    project = only_project(text)
    assert project["partner_organisations"] == ["Kylän kuoroyhdistys", "Mäntyharjun kunta",
                                                "Savon opisto"]


def test_clauses_and_projects_are_not_organisation_names() -> None:
    assert not plausible_name("Vastuun otti Kainuun liitto")
    assert not plausible_name("Laulu kantaa -hanke")
    assert not plausible_name("Kuoro ry. Yhdistys muutti nimensä")
    assert plausible_name("Opetus- ja kulttuuriministeriö")
    assert plausible_name("Kainuun liitto")


def test_people_are_not_cut_by_role_words_and_genitive_surnames_are_based() -> None:
    text = normalise_text("Artistic Director Maija Koskela, maija@example.org\n"
                          "Hankkeessa ovat mukana Pekka Huuskon ja Liisa Leskisen ryhmät.")
    names = [person.name for person in find_people(text, segment(text))]
    assert names == ["Maija Koskela", "Pekka Huusko", "Liisa Leskinen"]


def test_grant_list_gives_one_project_per_recipient() -> None:
    text = ("Taiteen edistämiskeskus myönsi avustuksia yhteisöille\n\n"
            "Avustukset vuonna 2019\n\n"
            "Laulukerho ry, Kuopio, 3 000 euroa\nlaulutuokioihin palvelutaloissa\n\n"
            "Tanssiryhmä Pyörre ry, Oulu, 4500 euroa\ntanssityöpajoihin nuorille\n")
    projects = extract_text(text, "grants.txt")["projects"]
    assert [p["lead_organisations"] for p in projects] == [["Laulukerho ry"],
                                                          ["Tanssiryhmä Pyörre ry"]]
    assert [p["municipalities"] for p in projects] == [["Kuopio"], ["Oulu"]]
    assert projects[1]["budget"]["shares"] == [{"organisation": "Taiteen edistämiskeskus",
                                               "eur": 4500}]
    assert projects[0]["description"] == "laulutuokioihin palvelutaloissa"


def test_grant_news_without_a_project_word_is_a_project() -> None:
    text = "Seniorförbundet får 40 000 euro för kulturprogram. Bidraget delas ut i maj."
    assert len(extract_text(text, "bidrag.txt")["projects"]) == 1


SWEDISH_ENTRY = """Kultur i byarna
Projektägare: Österbottens förbund
Samarbetspartner: Korsholms kommun och Närpes stad
Finansiär: Svenska kulturfonden
Beviljat belopp: 45 000 €
Projekttid: 1.3.2022–28.2.2024
Målgrupp: närståendevårdare
Kontaktperson: Anna Lindholm, projektledare, anna.lindholm@example.fi
Projektets mål är att föra kultur till äldre på landsbygden.
"""


def test_swedish_database_labels() -> None:
    project = only_project(SWEDISH_ENTRY)
    assert project["title"] == {"fi": None, "sv": "Kultur i byarna", "en": None}
    assert project["lead_organisations"] == ["Österbottens förbund"]
    assert project["partner_organisations"] == ["Korsholms kommun", "Närpes stad"]
    assert project["funders"] == ["Svenska kulturfonden"]
    assert project["budget"]["shares"] == [{"organisation": "Svenska kulturfonden", "eur": 45000}]
    assert (project["start_date"], project["end_date"]) == ("2022-03-01", "2024-02-28")
    # the label names a role as "Yhteyshenkilö:" does in Finnish (gold: "kontaktperson")
    assert project["people"][0]["roles"] == ["kontaktperson", "projektledare"]
    # the prose after a one-line target group is not a target group (only its group word is)
    assert project["target_groups"] == ["äldre", "närståendevårdare"]
    assert project["goals"] == ["Projektets mål är att föra kultur till äldre på landsbygden."]


def test_english_database_labels_keep_known_names_whole() -> None:
    text = ("Songs Together\nProject owner: Example University of Applied Sciences\n"
            "Funding: Ministry of Education and Culture\nDuration: 1.9.2021 - 31.8.2023\n"
            "The project aims to bring choir singing to care homes.\n")
    project = only_project(text)
    assert project["title"]["en"] == "Songs Together"
    assert project["lead_organisations"] == ["Example University of Applied Sciences"]
    assert project["funders"] == ["Opetus- ja kulttuuriministeriö"]
    assert project["end_date"] == "2023-08-31"


def test_candidate_people_join_the_rules_which_win_on_overlap() -> None:
    from kg.extract.people import add_candidate_people

    text = normalise_text("Projektipäällikkö Maija Koskela vastaa hankkeesta.\n"
                          "Kuvat otti Zyrax Xylanderin. zyrax.xylander@example.fi")
    seg = segment(text)
    people = find_people(text, seg)
    assert [p.name for p in people] == ["Maija Koskela"]  # an unknown first name: no rule
    maija, zyrax = text.index("Maija"), text.index("Zyrax")
    candidates = [("Maija Koskel", maija, maija + 12), ("Zyrax Xylanderin", zyrax, zyrax + 16)]
    add_candidate_people(people, candidates, seg, text)
    assert [p.name for p in people] == ["Maija Koskela", "Zyrax Xylanderin"]
    assert (people[1].start, people[1].end) == (zyrax, zyrax + 16)


def test_swedish_funder_cues_status_and_dotted_legal_forms() -> None:
    from kg.extract.orgs import canonical_org

    text = ("Sång i skärgården\nStatus: Är igång\n"
            "Projektet genomförs med stöd från Svenska kulturfonden under åren 2022–2023.\n")
    project = only_project(text)
    assert project["funders"] == ["Svenska kulturfonden"]
    assert project["status"] == "ongoing"
    assert canonical_org("Kuopion Kuoro r.y.") == "Kuopion Kuoro ry"


def test_indicators_with_counted_nouns_and_number_words() -> None:
    from kg.extract.content import indicators
    from kg.extract.segment import Sentence

    def found(text: str) -> list[tuple[int, str, str]]:
        sentence = Sentence(text, 0, len(text), 0, None)
        return [(i["value"], i["unit"], i["text"]) for i in indicators([sentence])]

    assert found("Hankkeessa kokeillaan 15 kyläpilottia, joista osa jatkuu.") == [
        (15, "count", "15 kyläpilottia")]
    assert found("Kevään aikana järjestetään kolme lauluiltaa.") == [
        (3, "count", "kolme lauluiltaa")]
    assert found("Projektet omfattar fyra delprojekt.") == [(4, "count", "fyra delprojekt")]
    assert found("Yli 60 % osallistujista jatkaa.")[0][:2] == (60, "percent")
    # dates, money, list letters and words that merely contain a number word are no indicators
    assert found("Seminaari on 14 maaliskuuta ja maksaa 2 miljoonaa euroa.") == []
    assert found("Kohdat 3 a ja 4 b. Sexton personer.") == []
