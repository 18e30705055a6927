"""A project's period, and years that belong to something else."""

from __future__ import annotations

from extract_helpers import only_project

ESF_PAGE = ("Taidetta arjessa -hanke\n\nTaidetta arjessa -hanke on Euroopan sosiaalirahaston "
            "rahoittama hanke{own}. Hanke on osa Uudistuva ja osaava Suomi 2021–2027 "
            "-ohjelmaa. Hanketta toteuttaa Humanistinen ammattikorkeakoulu.\n")


def test_a_programmes_years_are_not_the_projects() -> None:
    alone = only_project(ESF_PAGE.format(own=""))
    assert "Uudistuva ja osaava Suomi 2021–2027" in alone["funding_programmes"]
    assert (alone["start_date"], alone["end_date"]) == (None, None)
    stated = only_project(ESF_PAGE.format(own=" vuosina 2023–2025"))
    assert (stated["start_date"], stated["end_date"]) == ("2023", "2025")
