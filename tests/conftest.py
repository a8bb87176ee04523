"""Shared fixtures and options for the rdfkit test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so CI never passes or fails by luck. To search
# for new failing inputs: RDFKIT_HYPOTHESIS=explore pytest tests/test_citations.py (random examples).
settings.register_profile("rdfkit", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("RDFKIT_HYPOTHESIS", "rdfkit"))

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite tests/cases/**/expected.trig from the current output.")


@pytest.fixture(autouse=True)
def isolated_authorities(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Commands run from the repository would record new names in data/authorities/minted.csv: give every
    test its own copy of the shipped authority folder instead (RDFKIT_AUTHORITIES)."""
    import shutil

    folder = tmp_path_factory.mktemp("authorities") / "authorities"
    shipped = ROOT / "data" / "authorities"
    if shipped.is_dir():
        shutil.copytree(shipped, folder, ignore=shutil.ignore_patterns("minted.csv", "candidates.csv", "decisions.csv"))
    else:
        folder.mkdir()
    monkeypatch.setenv("RDFKIT_AUTHORITIES", str(folder))
    return folder


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def seeds_result():
    """Both seed documents converted together (the build's view of data/)."""
    from rdfkit.pipeline import convert

    return convert([SEEDS])
