"""Topics (issue 11, third round): the domain's own topic phrases and the words too general to
be topics are cue-table data in every language; a grant list's entries share the list's domain
topic; Swedish and English YSO labels of several words. All texts are synthetic."""

from __future__ import annotations

import pytest
from extract_helpers import projects_of

from kg.extract.content import domain_topics
from kg.extract.cues import LANGUAGES, cue_table


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_domain_topics_and_generic_words(language: str) -> None:
    table = cue_table(language)
    assert table.get("domain_topic") and table.get("generic_topic")
    for cue in table["domain_topic"]:
        label, separator, stems = cue.partition("|")
        assert label and separator and stems, cue


@pytest.mark.parametrize(("text", "topic"), [
    ("Hanke edistää kulttuurin hyvinvointivaikutuksia maakunnassa.",
     "kulttuurin hyvinvointivaikutukset"),
    ("Työpajoissa kokeillaan osallistavan taiteen menetelmiä.", "osallistava taide"),
    ("Nätverket arbetar för kulturellt välbefinnande i regionen.",
     "kulturellt välbefinnande"),
    ("The course explores cultural wellbeing in eldercare.", "cultural well-being"),
])
def test_a_domain_phrase_is_found_in_any_inflected_form(text: str, topic: str) -> None:
    assert topic in domain_topics(text)


def test_an_unrelated_text_names_no_domain_topic() -> None:
    assert domain_topics("Kaupunki korjaa siltoja ja katuja kesällä.") == []


def test_generic_words_are_never_topics_however_often_named() -> None:
    (project,) = projects_of(
        "Hyvä ilta\n\nHyvä ilta -hanke järjestää hyvää tekeviä iltoja. Hyvä ilta maksaa euron "
        "ja kaksi euroa.\n", "topics.txt")
    assert "hyvä" not in project["topics"] and "euro" not in project["topics"]
    assert "ilta" in project["topics"]  # named as often, and a topic


def test_every_entry_of_a_grant_list_shares_the_lists_domain_topic() -> None:
    projects = projects_of(
        "Taike tukee taiteen hyvinvointivaikutuksia 90 000 eurolla\n\n"
        "Taiteen edistämiskeskus jakoi avustuksia taiteen hyvinvointivaikutusten "
        "edistämiseen.\n\n"
        "Tampereen kaupunki sai 35 000 euroa vanhustyön kehittämiseen. "
        "Laulajat ry sai 25 000 euroa lauluhetkiin palvelutaloissa. "
        "Tanssijat ry sai 30 000 euroa tanssiin nuorisotyössä.\n", "topics.txt")
    assert len(projects) == 3
    for project in projects:
        assert project["topics"][0] == "taiteen hyvinvointivaikutukset"
    assert "vanhustyö" in projects[0]["topics"]


def test_an_english_yso_label_of_two_words_is_a_topic() -> None:
    (project,) = projects_of(
        "Creative Bridges\n\nThe project Creative Bridges connects the creative industries "
        "with care homes. Partners from the creative industries train care staff.\n", "topics.txt")
    assert "creative industries" in project["topics"]
