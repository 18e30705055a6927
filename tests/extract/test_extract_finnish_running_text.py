"""Finnish grant news that names its projects in running text by the organisation running
each ("Mäntyharjun kirjaston hankkeessa X ...", "Satakunnan museossa kehitetään ..."), from the
dev sets of issue 11 round 2. All texts are synthetic."""

from __future__ import annotations

from extract_helpers import projects_of

from kg.extract.grants import owner_grants
from kg.extract.segment import Sentence

_NEWS = (
    "Avustuksia kirjastoille\n\nAluehallintovirastot ovat myöntäneet avustuksia 40 hankkeelle. "
    "Hankkeissa edistetään lukuharrastusta.\n\n"
    "Kuopion kirjaston hankkeessa Lukeva koti kehitetään perheiden lukupiirejä. "
    "Oulun kaupunginmuseossa luodaan malli, jossa näyttelyt viedään kyliin. "
    "Tanssiva kylä -hankkeessa tavoitellaan liikettä ikäihmisille.\n")


def _owners(text: str) -> list[tuple[str | None, str | None]]:
    return [(g.recipient, g.title) for g in owner_grants(Sentence(text, 0, len(text), 0, None),
                                                         "fi")]


def test_a_genitive_owner_before_the_project_noun_runs_the_project_named_after_it() -> None:
    assert _owners("Esimerkiksi Kuopion kirjaston hankkeessa Lukeva koti kehitetään piirejä.") \
        == [("Kuopion kirjasto", "Lukeva koti")]


def test_an_inessive_owner_before_a_passive_verb_runs_an_untitled_project() -> None:
    assert _owners("Oulun kaupunginmuseossa luodaan malli.") == [("Oulun kaupunginmuseo", None)]


def test_a_place_or_a_lone_head_word_is_no_owner() -> None:
    assert _owners("Oulussa luodaan malli.") == []
    assert _owners("Kirjaston hankkeessa kehitetään piirejä.") == []


def test_grant_news_gives_one_project_per_owner_and_per_named_project() -> None:
    projects = projects_of(_NEWS)
    assert [(p["title"]["fi"], p["lead_organisations"]) for p in projects] == [
        ("Lukeva koti", ["Kuopion kirjasto"]), (None, ["Oulun kaupunginmuseo"]),
        ("Tanssiva kylä", [])]


def test_owners_without_a_verb_of_granting_give_no_grant_list() -> None:
    text = _NEWS.replace("ovat myöntäneet avustuksia", "tekevät työtä")
    assert all(p["lead_organisations"] != ["Oulun kaupunginmuseo"] for p in projects_of(text))


_GRANTS = (
    "Taike tukee hyvinvointia\n\nTaike jakoi avustuksia. Sirkus Lumo ry sai 21 000 euron "
    "avustuksen Tähtisirkus-hankkeelleen, joka tukee nuoria. Porin Ammattikorkeakoulun "
    "Laulava sydän -hanke sai 50 000 euroa.\n")


def test_a_title_before_a_project_noun_with_a_possessive_suffix_is_the_title() -> None:
    titled = {p["title"]["fi"]: p["lead_organisations"] for p in projects_of(_GRANTS)}
    assert titled["Tähtisirkus"] == ["Sirkus Lumo ry"]


def test_a_genitive_organisation_opening_a_project_name_runs_the_project() -> None:
    titled = {p["title"]["fi"]: p["lead_organisations"] for p in projects_of(_GRANTS)}
    assert titled["Laulava sydän"] == ["Porin Ammattikorkeakoulu"]


def test_a_headline_on_what_the_project_did_gives_the_project_its_name() -> None:
    project = projects_of("Laulava kylä -hankkeen tulokset\n\nLaulava kylä -hanke kokosi "
                          "kyläläiset laulamaan. Hankkeen toteutti Kylien liitto ry.\n")[0]
    assert project["title"]["fi"] == "Laulava kylä"


def test_the_period_after_a_first_line_name_is_no_part_of_the_title() -> None:
    project = projects_of("Laulava kylä 2012-3/2016\n\nLaulava kylä -hanke kokosi kyläläiset "
                          "laulamaan. Hankkeen toteutti Kylien liitto ry.\n")[0]
    assert project["title"]["fi"] == "Laulava kylä"


def test_a_town_in_another_projects_sentence_is_not_this_projects_town() -> None:
    projects = projects_of(
        "Kirjastot kehittävät palvelujaan\n\nAluehallintovirasto on myöntänyt avustuksia "
        "kirjastoille. Porissa toteutetaan Lukeva kylä -hanke. Oulussa toteutetaan "
        "Pohjoinen sana -hanke.\n")
    towns = {p["title"]["fi"]: p["municipalities"] for p in projects}
    assert towns["Lukeva kylä"] == ["Pori"]  # a project named in passing: its own sentence


def test_an_organisation_and_its_staff_on_one_line_is_no_sub_project() -> None:
    projects = projects_of(
        "Kylätalot -hanke\n\nKylätalot -hankkeessa kunnostettiin kylätaloja. Hankkeen "
        "päätoteuttaja oli Kylien liitto ry.\n\nHankkeessa työskentelivät\n\n"
        "Kylien liitto ry: Anna Virta, Pekka Koski, Liisa Mäki\n\n"
        "Lapin yliopisto: Jari Aho, Eeva Laine, Timo Salo\n")
    assert [p["title"]["fi"] for p in projects] == ["Kylätalot"]


_REGISTER = (
    "Projektin nimi: Laulava kylä - hanke. Kyläkuorojen kehittäminen ja arviointi.\n\n"
    "Toteuttajaorganisaation nimi: Kylien liitto ry\n\n"
    "Maakunnat: Pohjois-Karjala\n\nKunnat: Nurmes, Juuka, Kitee\n")


def test_a_register_title_ends_at_its_project_word_before_a_subtitle_sentence() -> None:
    assert [p["title"]["fi"] for p in projects_of(_REGISTER)] == ["Laulava kylä"]


def test_a_plural_noun_before_a_colon_labels_a_field_and_owns_no_project() -> None:
    project = projects_of(_REGISTER)[0]
    assert project["lead_organisations"] == ["Kylien liitto ry"]
    assert project["municipalities"] == ["Nurmes", "Juuka", "Kitee"]


def test_a_headline_before_a_dash_and_the_name_it_opens_are_one_project() -> None:
    projects = projects_of(
        "Kylät kohtaavat – Laulava kylä -hanke kokosi kuorot yhteen...\n"
        "Laulava kylä -hanke yhdisti Pohjois-Karjalan kylien kuorot. Hanketta toteutti Kylien "
        "liitto ry.\n")
    assert [p["title"]["fi"] for p in projects] == ["Laulava kylä"]


def test_words_before_an_agency_acronym_in_the_genitive_are_no_title() -> None:
    project = projects_of(
        "Maahanmuuttajille tarkoitetun lukumateriaalin yhteiskehittäminen etämenetelmin THL:n "
        "SILTA-hankkeessa\n\nKorona-aika on tuonut uusia toimintatapoja. Toimintamallissa "
        "kuvataan THL:n SILTA-hankkeen maahanmuuttajille tarkoitetun materiaalin "
        "prosessia.\n")[0]
    assert project["title"]["fi"] == "SILTA"


def test_a_known_agency_before_the_project_word_is_no_acronym_title() -> None:
    assert all(p["title"]["fi"] != "ELY" for p in projects_of(
        "Kylät kuntoon\n\nKylät kuntoon -hanketta rahoittaa ELY-keskus. ELY-hanke "
        "jatkuu.\n"))
