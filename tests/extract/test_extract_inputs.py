"""Bad inputs and the ``kg extract`` command: each bad file is reported by name and reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.extract import extract_path, extract_text
from kg.ingest.errors import InputError

FINNISH = "Hankkeen nimi: Kulttuurista iloa\nHankkeen toteuttaja: Lapuan kaupunki\n"


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty.txt: empty file"):
        extract_path(path)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    with pytest.raises(InputError, match="binary"):
        extract_path(path)


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(FINNISH.encode("latin-1"))
    project = extract_path(path)["projects"][0]
    assert project["title"]["fi"] == "Kulttuurista iloa"
    assert project["lead_organisations"] == ["Lapuan kaupunki"]


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + FINNISH.encode("utf-8"))
    assert extract_path(path)["projects"][0]["title"]["fi"] == "Kulttuurista iloa"


def test_oversized_file_is_refused_by_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = "Hanke kehittää kulttuuripalveluja kunnissa ja maakunnissa vuosina 2021-2022.\n"
    path.write_text(line * (20 * 1024 * 1024 // len(line) + 1), encoding="utf-8")
    with pytest.raises(InputError, match="over the limit"):
        extract_path(path)


def test_text_without_a_project_gives_no_projects() -> None:
    record = extract_text("Tänään satoi lunta. Huomenna paistaa aurinko ja tuulee.", "sää.txt")
    assert record == {"source": "sää.txt", "language": "fi", "projects": []}


def test_extract_command_reports_bad_files_and_goes_on(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(FINNISH, encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", str(inputs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "empty.txt: empty file" in result.output
    record = json.loads((out / "good.json").read_text(encoding="utf-8"))
    assert record["source"] == "good.txt"
    assert not (out / "empty.json").exists()


def test_extract_command_fails_when_nothing_could_be_read(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "empty.txt"), "--out",
                                       str(tmp_path / "out")])
    assert result.exit_code == 1
