"""Swedish and English read on an eighth held-out set: names of projects across a line
break. All texts are synthetic."""

from __future__ import annotations

from extract_helpers import only_project


def test_a_project_name_across_a_line_break_is_read_not_a_crash() -> None:
    project = only_project(
        "Alfa  Beta\nGamma Project\n\nThe Alfa Beta Gamma Project is funded by the Finnish "
        "Cultural Foundation.\n")
    assert project["funders"] == ["Finnish Cultural Foundation"]
