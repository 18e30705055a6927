"""English read on a tenth held-out set: worded and glued periods, role cues of English
project pages. All texts are synthetic."""

from __future__ import annotations

import pytest
from extract_helpers import only_project, projects_of

from kg.extract.country_rows import is_country, split_row
from kg.extract.dates import find_periods
from kg.extract.instruments import instrument_mentions
from kg.extract.segment import segment
from kg.extract.titles import copula_candidates


@pytest.mark.parametrize(("text", "start", "end"), [
    ("The project runs between August 2024 and January 2025.", "2024-08", "2025-01"),
    ("Projektet pågår mellan maj 2021 och mars 2022.", "2021-05", "2022-03"),
    ("Duration of project1.1.2023–31.12.2025", "2023-01-01", "2025-12-31"),
])
def test_worded_and_glued_periods(text: str, start: str, end: str) -> None:
    period = find_periods(text)[0]
    assert (period.start, period.end) == (start, end)


def test_a_worded_period_of_an_english_project_page() -> None:
    project = only_project("Alfa Beta\n\nThe Alfa Beta project will take place between "
                           "August 2024 and January 2025 in Gammala.\n")
    assert (project["start_date"], project["end_date"]) == ("2024-08", "2025-01")


def test_administrated_by_and_a_lower_case_head_of_an_english_name() -> None:
    project = only_project(
        "Alfa Beta\n\nThe Alfa Beta project (2020–2023) offers art workshops. The project is "
        "administrated by Gammala joint authority and Deltala municipality. The main "
        "collaborator of the project is Epsilon Art Centre.\n")
    assert project["lead_organisations"] == ["Gammala joint authority", "Deltala municipality"]
    assert project["partner_organisations"] == ["Epsilon Art Centre"]


def test_numbered_items_of_a_list_of_activities_are_no_projects() -> None:
    project = only_project(
        "Alfa Beta\n\nAlfa Beta is an art program for families. The project is organized by "
        "Gamma Culture Center.\n\n  1. Mother and child language cafe\n\n  2. Theater group "
        "for children\n\nIn general, the program's goal is to offer the participants a meeting "
        "place where they can get to know one another. Volunteers may join the planning of the "
        "project.\n")
    assert project["title"]["en"] == "Alfa Beta"


def test_a_contact_block_role_is_no_project_name() -> None:
    project = only_project(
        "Alfa 2020-2023\n\nLähde! Art for Young People -project (2020–2023) offers art "
        "workshops for young people.\n\nThe project is administrated by Gammala "
        "municipality.\n\nContact us\n\n"
        "Sanna Deltanen\nProject Manager\nArja Epsilonen\nProject Assistant\n")
    assert [[r.lower() for r in p["roles"]] for p in project["people"]] == \
        [["project manager"], ["project assistant"]]


def test_an_english_heading_ending_in_dash_project_is_cut_there() -> None:
    project = only_project("Inclusion through Art -project\n\nThe project is funded by the Alfa "
                           "Foundation. It offers art workshops for young people.\n")
    assert project["title"]["en"] == "Inclusion through Art"


def test_a_name_opening_with_the_before_an_eu_funded_project() -> None:
    project = only_project(
        "In English\n\nThe Agency for Cultural Well-being is a three-year-long EU-funded project "
        "that aims to develop participatory art services.\n")
    assert project["title"]["en"] == "The Agency for Cultural Well-being"


def test_an_organisation_opening_with_the_is_no_copula_title() -> None:
    assert copula_candidates("The City of Alfala is a partner in the project.") == []


def test_the_project_word_completes_no_title() -> None:
    project = only_project(
        "Culture for All Ages - project\nThe ’Culture for All Ages’ project is funded by the "
        "Alfa Foundation. The project started in August 2018.\n")
    assert project["title"]["en"] == "Culture for All Ages"


@pytest.mark.parametrize("sentence", [
    "Eight grants were awarded in the thematic funding call.",
    "In addition to the grants, the foundation donated 2 million euros.",
])
def test_a_number_or_a_preposition_opens_no_grant_type(sentence: str) -> None:
    assert instrument_mentions(segment(sentence).sentences) == []


def test_rows_of_an_english_table_of_grants_are_projects() -> None:
    projects = projects_of(
        "Largest grants\n\nThe Alfa Foundation awarded 300 grants in 2017.\n\nLargest grants:\n\n"
        "RESEARCH & ARTS Dance artist Maria Betanen & work group €685,600 Singing Rivers of "
        "the North\n\nARTS Gamma Theatre Association (Gamma) €530,000 Dialogue on the Stage\n")
    assert [p["title"]["en"] for p in projects] == ["Singing Rivers of the North",
                                                    "Dialogue on the Stage"]
    assert [p["lead_organisations"] for p in projects] == [[], ["Gamma Theatre Association"]]
    assert [p["budget"]["shares"][0]["eur"] for p in projects] == [685600, 530000]
    assert [x["name"] for x in projects[0]["people"]] == ["Maria Betanen"]


@pytest.mark.parametrize(("body", "recipient", "title"), [
    ("Alfa Beta Enabling Inclusion through Theatre", "Alfa Beta",
     "Enabling Inclusion through Theatre"),
    ("Galeria Gamma BETTER", "Galeria Gamma", "BETTER"),
    ("ABC (Alfa Summer School) Feeling Well", "Alfa Summer School", "Feeling Well"),
    ("Delta konsultacijas The Beauty of Life", "Delta konsultacijas", "The Beauty of Life"),
    ("Epsilon University Dance for People with Parkinson’s Disease", "Epsilon University",
     "Dance for People with Parkinson’s Disease"),
    ("Zeta City Municipality Administration CREATIVE HOME(less)",
     "Zeta City Municipality Administration", "CREATIVE HOME(less)"),
    ("Eta Biennial of Art Let’s sign the art", None, None),
])
def test_recipient_and_title_of_a_row_ending_in_a_country(body: str, recipient: str | None,
                                                          title: str | None) -> None:
    found, _at, found_title = split_row(body)
    assert (found, found_title) == (recipient, title)


def test_a_list_of_funded_projects_each_ending_in_its_country() -> None:
    projects = projects_of(
        "Funded projects\n\nThe programme selected these projects.\n\nFunded projects:\n\n"
        "Alfa Beta Enabling Inclusion through Theatre, Lithuania.\nGaleria Gamma BETTER, Poland.\n"
        "Epsilon University Dance for Everyone, Sweden.\n", name="synthetic_en.txt")
    assert [p["lead_organisations"] for p in projects] == [["Alfa Beta"], ["Galeria Gamma"],
                                                           ["Epsilon University"]]


def test_two_addresses_ending_in_a_country_are_no_list() -> None:
    project = only_project("Alfa Beta project\n\nThe Alfa Beta project is run by Gamma "
                           "University.\n\nGamma University, Finland.\nDelta Museum, Sweden.\n")
    assert project["title"]["en"] == "Alfa Beta"


def test_the_work_a_grant_list_entry_names_is_its_title() -> None:
    projects = projects_of(
        "Alfa Foundation Grants\n\nThe Alfa Foundation gives out annual grants.\n\n"
        "  • Maria Betanen, 10.500 € for a movie script called \"Utopia\", an ironic comedy.\n"
        "  • Ismo Gammanen, 9.000 € for an interplanetary animation film Robonauts.\n"
        "  • Anna Deltanen, 8.000 € for a dance piece in Turku.\n", name="synthetic_en.txt")
    assert [p["title"]["en"] or p["title"]["fi"] for p in projects] == ["Utopia", "Robonauts",
                                                                        None]


def test_a_country_after_a_funders_name_is_no_funder() -> None:
    project = only_project(
        "Culture for All Ages\n\nThe Culture for All Ages project is funded by Alfa Foundation, "
        "Beta Centre for Social Welfare, Finland. The project started in August 2018.\n")
    assert "Finland" not in project["funders"]
    assert is_country("Lettland") and not is_country("Turku")


def test_news_of_a_grant_round_naming_no_project_gives_none() -> None:
    assert projects_of(
        "Grants for cultural activities for older persons boost wellbeing\n\nIn 2025, the City "
        "of Alfala will provide support of EUR 2 million for cultural activities for older "
        "persons. The projects awarded a grant promote local services. The selected projects "
        "include theatre and dance.\n", name="synthetic_en.txt") == []
