"""A folder of mixed inputs: every kind is recognised, bad files are named, everything else is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from rdfkit.cli import cli

from .conftest import SEEDS

STRUCTURED = Path(__file__).parent / "data" / "structured"


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    src = tmp_path / "inbox"
    src.mkdir()
    shutil.copy(SEEDS / "000_525d9bc804d8c516.txt", src / "page.txt")
    shutil.copy(STRUCTURED / "zotero-da.json", src / "zotero.json")
    shutil.copytree(STRUCTURED / "box12", src / "box12")
    shutil.copy(STRUCTURED / "da_api_records.jsonl", src / "records.jsonl")
    (src / "broken.json").write_text('[{"type": "document", "title": "Half a record"', encoding="utf-8")
    (src / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    (src / "notes.md").write_text("# my notes\n", encoding="utf-8")  # documentation: left out quietly
    return src


def test_build_goes_past_bad_files_and_writes_everything_else(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(mixed), "-o", str(out), "--no-record"])
    assert result.exit_code in (0, 1), result.stderr  # 1 only if the data has violations
    assert "broken.json" in result.stderr
    assert "notes.md" not in result.stderr
    summary = [line for line in result.stderr.splitlines() if line.startswith("documents ")][0]
    documents = int(summary.split()[1].rstrip(","))
    # the page and the 24 JSON Lines records; the Zotero items and spreadsheet rows are four of those
    # records again, reported as copies instead of being converted twice
    assert documents == 25
    assert result.stderr.count("same record as") == 8
    assert (out / "rdfkit.trig").stat().st_size > 0


def test_convert_names_each_bad_file_with_the_reason(mixed: Path) -> None:
    result = CliRunner().invoke(cli, ["convert", str(mixed), "-f", "nquads", "--no-record"])
    assert result.exit_code == 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert any("broken.json" in e for e in errors)
    graphs = {line.rsplit(" ", 2)[-2] for line in result.stdout.splitlines()}
    assert len(graphs) == 25


def test_convert_exits_2_when_nothing_converts(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("[{", encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", str(tmp_path / "broken.json"), "--no-record"])
    assert result.exit_code == 2
    assert "broken.json" in result.stderr
