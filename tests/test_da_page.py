"""Reading DA pages: layout detection over the corpus, and clear errors for what is not read yet."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from rdfkit.errors import ConversionError
from rdfkit.pipeline import convert
from rdfkit.sources.da_page import detect_layout, read_da_page

PAGES = Path(__file__).parent / "data" / "corpus" / "pages"
INDEX = list(csv.DictReader((PAGES / "index.tsv").open(encoding="utf-8"), delimiter="\t"))


@pytest.mark.parametrize("row", INDEX, ids=[r["file"] for r in INDEX])
def test_layout_is_detected(row: dict) -> None:
    expected = "listing" if row["kind"] == "listing" else row["layout_notes"].split()[0]
    assert detect_layout((PAGES / row["file"]).read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize("row", [r for r in INDEX if r["kind"] == "document" and r["layout_notes"].startswith("new-html")],
                         ids=lambda r: r["file"])
def test_current_layout_pages_give_the_date_and_title_a_reader_sees(row: dict) -> None:
    result = convert([PAGES / row["file"]])
    assert not result.errors, [str(e) for e in result.errors]
    (doc,) = result.documents
    assert doc.title == row["title_shown"]
    from rdfkit.converters.text import parse_date

    assert doc.date == parse_date(row["date_shown"])


@pytest.mark.parametrize("name", ["009.txt", "011.txt", "L003.txt"])
def test_other_layouts_are_refused_with_what_to_do(name: str) -> None:
    with pytest.raises(ConversionError) as err:
        read_da_page(PAGES / name)
    message = str(err.value)
    assert name in message and "current site" in message


def test_a_folder_with_unreadable_pages_converts_the_rest_and_names_each_bad_file() -> None:
    result = convert([PAGES])
    bad = sorted(Path(e.path).name for e in result.errors)
    assert bad == ["009.txt", "011.txt", "016.txt", "020.txt", "036.txt", "048.txt", "L003.txt", "L007.txt"]
    assert len(result.documents) == 10
    assert len({d.key for d in result.documents}) == 10
