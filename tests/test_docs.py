"""The README stays a true user guide: every command documented, the set-up commands are what CI runs."""

from __future__ import annotations

import re

import pytest

from rdfkit.cli import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_a_readme_section(command: str) -> None:
    assert re.search(rf"^### `rdfkit {command}\b", README, re.MULTILINE), f"README has no section for {command}"


def setup_commands() -> list[str]:
    section = README.split("## Set up and run", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_has_exactly_two_setup_commands_and_ci_runs_them() -> None:
    build, tests = setup_commands()
    assert "rdfkit build" in build and "pytest" in tests
    assert tests in CI.splitlines(), ".ci/run must call the README's test command exactly"
    assert build in CI.splitlines(), ".ci/run must run the README's build command"


def test_readme_lists_every_exit_code() -> None:
    for code in ("0", "1", "2", "3"):
        assert re.search(rf"^\| {code} \|", README, re.MULTILINE)
