"""What the extractor finds in a synthetic text, for the extraction tests."""

from __future__ import annotations

from kg.extract import extract_text


def projects_of(text: str, name: str = "synthetic.txt") -> list[dict]:
    return extract_text(text, name)["projects"]


def only_project(text: str) -> dict:
    """The one project of `text` (the test fails when there are none or several)."""
    projects = projects_of(text)
    assert len(projects) == 1, projects
    return projects[0]
