"""The one table of settings (kg.config.SETTINGS) is what the README and `kg serve --help`
show and what the code reads: a setting added, renamed or dropped in one place fails here."""

from __future__ import annotations

import dataclasses
import re

from click.testing import CliRunner

from kg import config
from kg.cli import main
from server.settings import Settings

ROOT = config.PROJECT_ROOT
VARIABLE = re.compile(r"KUHY_[A-Z_]+[A-Z]")


def readme_settings_block() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    begin = text.index("<!-- settings:begin")
    body_start = text.index("\n", begin) + 1
    return text[body_start:text.index("<!-- settings:end -->")].strip()


def test_the_readme_shows_the_table() -> None:
    assert readme_settings_block() == config.settings_markdown()


def test_serve_help_lists_every_setting_with_its_default() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for setting in config.SETTINGS:
        assert any(line.strip().startswith(f"{setting.variable}={setting.default} ")
                   for line in lines), setting.variable


def test_every_variable_the_code_reads_is_in_the_table() -> None:
    named = set()
    for package in ("kg", "server"):
        for path in (ROOT / package).rglob("*.py"):
            named |= set(VARIABLE.findall(path.read_text(encoding="utf-8")))
    assert named - {setting.variable for setting in config.SETTINGS} == set()


def test_every_server_setting_has_a_field_and_every_field_a_setting(monkeypatch) -> None:
    for setting in config.SETTINGS:
        if setting.default and setting.read_by != "pipeline":
            monkeypatch.setenv(setting.variable, setting.default)
    fields = {field.name for field in dataclasses.fields(Settings)}
    assert len(fields) == len([s for s in config.SETTINGS if s.read_by != "pipeline"])
    read = Settings()
    assert read.query_timeout_s == float(config.BY_NAME["QUERY_TIMEOUT"].default)
    assert read.public_url == config.BY_NAME["PUBLIC_URL"].default


def test_an_environment_variable_overrides_the_default(monkeypatch) -> None:
    monkeypatch.setenv("KUHY_QUERY_WORKERS", "7")
    monkeypatch.setenv("KUHY_RESULT_CACHE_DIR", "")
    settings = Settings()
    assert settings.query_workers == 7
    assert settings.result_cache_dir is None
