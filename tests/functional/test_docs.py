"""Docs that cannot drift: every CLI command and every setting is described in the README."""

from __future__ import annotations

import dataclasses
import re

import typer.main
from typer.testing import CliRunner

from baogao.cli import app
from baogao.config import Settings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_names() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)


def test_every_command_is_in_the_readme_and_has_help():
    names = command_names()
    assert {"import", "list", "show", "text", "check"} <= set(names)
    for name in names:
        assert re.search(rf"baogao {re.escape(name)}\b", README), f"README does not show `baogao {name}`"
        result = CliRunner().invoke(app, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert "Usage" in result.output


def test_every_setting_is_documented():
    for field in dataclasses.fields(Settings):
        env = "BAOGAO_" + field.name.upper()
        assert env in README, f"{env} is not in the README"
