"""Shared fixtures and options for the rdfkit test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite tests/cases/**/expected.trig from the current output.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def seeds_result():
    """Both seed documents converted together (the build's view of data/)."""
    from rdfkit.pipeline import convert

    return convert([SEEDS])
