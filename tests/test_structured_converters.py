"""The structured converters: CSL-JSON (Zotero), CSV/TSV with a mapping file, and JSON Lines of DA records.

The facts checked here are those of real DA records (tests/data/structured/README.md says where each
comes from); the inputs written inside the tests are small made-up tables and items that exercise one
rule each (a bad date, a missing column, a Korean name).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rdfkit.converters.csl_json import CslJsonConverter
from rdfkit.converters.jsonl import JsonLinesConverter
from rdfkit.converters.records import Records, person_name, read_date, split_cell_names
from rdfkit.converters.table import FIELDS, TableConverter
from rdfkit.errors import ConversionError
from rdfkit.graph import RK
from rdfkit.model import Document
from rdfkit.pipeline import convert, pick_converter

DATA = Path(__file__).parent / "data" / "structured"
ZOTERO = DATA / "zotero-da.json"
BOX12 = DATA / "box12"
RECORDS = DATA / "da_api_records.jsonl"
SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"
PAGES = Path(__file__).parent / "data" / "corpus" / "pages"


def by_key(docs: list[Document]) -> dict[str, Document]:
    return {d.key: d for d in docs}


def roles(attributions) -> dict[str, list[str]]:
    return {r.agent.name: sorted(r.roles) for r in attributions}


def run(converter, path: Path) -> Records:
    """Call a converter as the pipeline does, keeping the per-record errors it returns."""
    out = converter.convert(path.read_bytes(), path, path.name)
    assert isinstance(out, Records)
    return out


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


# --- the same four DA records in three formats -------------------------------------------------------


def check_four_records(docs: dict[str, Document]) -> None:
    """Facts of records 280697, 209833, 121893 and 134696 (zotero/translators test cases)."""
    assert sorted(docs) == ["da-121893", "da-134696", "da-209833", "da-280697"]

    letter = docs["da-280697"]
    assert letter.title == "Letter to the Deputy Chairman of the Soviet Committee of the MGG, Prof. Pushkov"
    assert letter.date is not None and (letter.date.iso, letter.date.datatype) == ("1958", "gYear")
    (c,) = letter.citations
    assert c.repository == "rgani"
    assert [(lvl.type, lvl.value) for lvl in c.levels] == [("fonds", "5"), ("series", "49"), ("file", "131")]
    assert c.pages is not None and (c.pages.start, c.pages.end, c.pages.unit) == ("193", "194", "leaf")
    assert letter.doctypes == ["letter"]
    assert letter.translation is not None and letter.translation.record_id == "280697"
    assert letter.translation.url == "https://digitalarchive.wilsoncenter.org/document/280697"
    assert roles(letter.translation.attributions) == {"Gary Goldberg": ["translator"]}
    assert letter.attributions == []

    memoir = docs["da-209833"]
    assert (memoir.date.iso, memoir.date.datatype) == ("1944-05-19", "date")  # type: ignore[union-attr]
    assert memoir.citations == [] and memoir.published_in is not None
    assert memoir.published_in.startswith("Milovan Djilas. Wartime.")
    assert roles(memoir.attributions) == {"Milovan Djilas": ["author"], "Joseph Stalin": ["author"],
                                          "Vyacheslav Mikhaylovich Molotov": ["author"]}
    assert memoir.summary and memoir.summary.startswith("Milovan Djilas recounts")

    report = docs["da-121893"]
    # the Source line names no archive: no citation, and the DA's own name is not made into one
    assert report.citations == [] and report.published_in is None
    assert roles(report.translation.attributions) == {  # type: ignore[union-attr]
        "Béla Révész": ["contributor"], "Barnabás Vajd": ["editor", "translator"],
        "Laura Deal": ["editor", "translator"], "Karl P. Benziger": ["editor", "translator"]}
    assert roles(report.attributions) == {"Ferenc Somogyi": ["author"]}
    assert report.doctypes == ["report"]

    digest = docs["da-134696"]
    assert (digest.date.iso, digest.date.datatype) == ("1945-10-16", "date")  # type: ignore[union-attr]
    assert [c.repository for c in digest.citations] == ["rgaspi"]
    (author,) = digest.attributions
    assert (author.agent.name, author.agent.kind, author.roles) == (
        "Telegraph Agency of the Soviet Union (TASS)", "organization", ["author"])
    assert roles(digest.translation.attributions) == {  # type: ignore[union-attr]
        "Sergey Radchenko": ["contributor"], "Gary Goldberg": ["translator"]}


def test_zotero_csl_json_export_gives_the_records_facts() -> None:
    result = convert([ZOTERO])
    assert not result.errors, [str(e) for e in result.errors]
    check_four_records(by_key(result.documents))
    assert not result.warnings


def test_librarians_table_with_mapping_gives_the_same_facts() -> None:
    result = convert([BOX12])  # the folder: the mapping file is configuration, not a source
    assert not result.errors, [str(e) for e in result.errors]
    check_four_records(by_key(result.documents))
    assert not result.warnings


def test_jsonl_records_give_the_same_facts() -> None:
    docs = by_key(run(JsonLinesConverter(), RECORDS))
    check_four_records({k: docs[k] for k in ("da-280697", "da-209833", "da-121893", "da-134696")})


def test_the_three_formats_give_the_same_graphs() -> None:
    from rdflib import Graph
    from rdflib.compare import isomorphic

    def graph(source: Path) -> Graph:
        g = Graph()
        result = convert([source])
        for s, p, o, c in result.dataset.quads((None, None, None, None)):
            if "/source/" not in s and "/source/" not in o and str(c).endswith("da-134696") \
                    and p not in (RK.firstLine, RK.lastLine):  # where the record sits differs per file
                g.add((s, p, o))
        return g

    zotero, table = graph(ZOTERO), graph(BOX12)
    assert len(zotero) > 30 and isomorphic(zotero, table)


# --- CSL-JSON ------------------------------------------------------------------------------------------


def csl(tmp_path: Path, items, name: str = "items.json") -> Records:
    path = write(tmp_path / name, json.dumps(items))
    return run(CslJsonConverter(), path)


@pytest.mark.parametrize(("issued", "iso", "datatype"), [
    ({"date-parts": [[1962, 6, 8]]}, "1962-06-08", "date"),
    ({"date-parts": [[1962, 6]]}, "1962-06", "gYearMonth"),
    ({"date-parts": [[1962]]}, "1962", "gYear"),
    ({"date-parts": [["1962", "6", "8"]]}, "1962-06-08", "date"),
    ({"raw": "1962-06-08"}, "1962-06-08", "date"),
    ({"raw": "June 1962"}, "1962-06", "gYearMonth"),
    ({"literal": "8 June 1962"}, "1962-06-08", "date"),
])
def test_csl_issued_keeps_its_precision(tmp_path: Path, issued, iso: str, datatype: str) -> None:
    (doc,) = csl(tmp_path, [{"type": "document", "title": "Minutes", "issued": issued}])
    assert doc.date is not None and (doc.date.iso, doc.date.datatype) == (iso, datatype)


def test_csl_names_and_roles(tmp_path: Path) -> None:
    (doc,) = csl(tmp_path, [{
        "type": "letter", "title": "Letter from Zhou Enlai",
        "author": [{"family": "Zhou", "given": "Enlai"}, {"family": "Kim", "given": "Il Sung"},
                   {"family": "Long", "given": "Michael"}, {"literal": "Ministry of Foreign Affairs"}],
        "recipient": [{"family": "Chervonenko", "given": "Stepan"}],
        "translator": [{"family": "Goldberg", "given": "Gary"}],
        "editor": [{"family": "Deal", "given": "Laura"}],
        "contributor": [{"family": "Radchenko", "given": "Sergey"}],
        "keyword": "China--Foreign relations", "tags": [{"tag": "Korea"}], "language": "Chinese",
    }])
    assert roles(doc.attributions) == {"Zhou Enlai": ["author"], "Kim Il Sung": ["author"],
                                       "Michael Long": ["author"], "Ministry of Foreign Affairs": ["author"],
                                       "Stepan Chervonenko": ["recipient"]}
    assert {r.agent.name: r.agent.kind for r in doc.attributions}["Ministry of Foreign Affairs"] == "organization"
    assert roles(doc.translation.attributions) == {  # type: ignore[union-attr]
        "Gary Goldberg": ["translator"], "Laura Deal": ["editor"], "Sergey Radchenko": ["contributor"]}
    assert doc.doctypes == ["letter"]  # CSL's type names one of ours


@pytest.mark.parametrize(("family", "given", "name"), [
    ("Zhou", "Enlai", "Zhou Enlai"), ("Deng", "Xiaoping", "Deng Xiaoping"), ("Kim", "Jong-il", "Kim Jong-il"),
    ("Chiang", "Kai-shek", "Chiang Kai-shek"), ("Chou", "En-lai", "Chou En-lai"),
    ("Goldberg", "Gary", "Gary Goldberg"), ("Li", "Michael", "Michael Li"), ("Young", "Marilyn B.", "Marilyn B. Young"),
])
def test_person_names_keep_east_asian_order(family: str, given: str, name: str) -> None:
    assert person_name(family, given) == name


def test_csl_archive_goes_in_front_of_a_shelfmark_that_names_none(tmp_path: Path) -> None:
    items = [
        {"type": "document", "title": "Letter", "archive": "RGANI",
         "archive_location": "f. 5, op. 49, d. 131, ll. 193-194"},
        {"type": "document", "title": "Note", "archive": "History and Public Policy Program Digital Archive",
         "archive_location": "Box 3, Folder 2"},
    ]
    letter, note = csl(tmp_path, items)
    (c,) = letter.citations
    assert c.repository == "rgani" and c.verbatim == "RGANI, f. 5, op. 49, d. 131, ll. 193-194"
    assert [(lvl.type, lvl.value) for lvl in c.levels] == [("fonds", "5"), ("series", "49"), ("file", "131")]
    (c,) = note.citations  # the DA is where the translation is published, not the holding archive
    assert c.repository is None and c.verbatim == "Box 3, Folder 2"


def test_csl_genre_names_a_document_type_and_type_document_does_not(tmp_path: Path) -> None:
    memo, other = csl(tmp_path, [
        {"type": "document", "genre": "Memorandum of Conversation", "title": "Conversation with Mao"},
        {"type": "document", "genre": "Postcard", "title": "Greetings"},
    ])
    assert memo.doctypes == ["memorandum-of-conversation"] and not memo.warnings
    assert other.doctypes == [] and any('"Postcard"' in w for w in other.warnings)


def test_csl_accepts_one_item_and_zotero_items(tmp_path: Path) -> None:
    (one,) = csl(tmp_path, {"type": "document", "title": "Cable", "issued": {"date-parts": [[1950]]}}, "one.json")
    assert one.title == "Cable" and one.doctypes == ["cable"]
    zotero = {"items": [{
        "itemType": "document", "title": "Telegram", "date": "1950-02-07",
        "creators": [{"creatorType": "author", "firstName": "Terentii", "lastName": "Shtykov"},
                     {"creatorType": "translator", "name": "Gary Goldberg"}],
        "archiveLocation": "AVPRF, f. 059a, op. 5a, d. 3, p. 11, ll. 92-93", "abstractNote": "Shtykov reports.",
        "url": "https://digitalarchive.wilsoncenter.org/document/112127", "tags": [{"tag": "Korean War"}]}]}
    (doc,) = csl(tmp_path, zotero, "zotero.json")
    assert doc.key == "da-112127" and doc.date.iso == "1950-02-07"  # type: ignore[union-attr]
    assert doc.summary == "Shtykov reports." and [c.repository for c in doc.citations] == ["avprf"]
    assert roles(doc.attributions) == {"Terentii Shtykov": ["author"]}
    assert roles(doc.translation.attributions) == {"Gary Goldberg": ["translator"]}  # type: ignore[union-attr]


def test_csl_bad_items_are_reported_and_the_others_converted(tmp_path: Path) -> None:
    path = write(tmp_path / "mixed.json", json.dumps([
        {"id": "good-1", "type": "document", "title": "Letter", "issued": {"date-parts": [[1958]]}},
        {"id": "no-title", "type": "document", "issued": {"date-parts": [[1958]]}},
        {"id": "bad-date", "type": "document", "title": "Minutes", "issued": {"date-parts": [[1962, 2, 30]]}},
        "not an item",
        {"id": "good-2", "type": "document", "title": "Cable"},
    ], indent=2))
    out = run(CslJsonConverter(), path)
    assert [d.title for d in out] == ["Letter", "Cable"]
    assert [(d.source.first_line, d.source.last_line) for d in out] == [(2, 13), (40, 44)]
    messages = [str(e) for e in out.errors]
    assert len(messages) == 3
    assert messages[0].startswith("record no-title (") and "line 14" in messages[0] and "item 2: has no title" in messages[0]
    assert "item 3" in messages[1] and "line 25" in messages[1] and 'date "1962-02-30" does not exist' in messages[1]
    assert "item 4" in messages[2] and "line 39" in messages[2] and "not a JSON object" in messages[2]
    assert all(str(path) in m for m in messages)


def test_csl_file_that_is_not_json_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.json", '[\n  {"type": "document",\n   "title": "A" "B"}\n]')
    with pytest.raises(ConversionError) as err:
        CslJsonConverter().convert(path.read_bytes(), path, "broken.json")
    assert err.value.line == 3 and "broken.json, line 3, column" in str(err.value) and "not valid JSON" in str(err.value)


# --- CSV / TSV -----------------------------------------------------------------------------------------


def test_table_reads_dates_day_first_only_as_the_mapping_says() -> None:
    docs = by_key(run(TableConverter(), BOX12 / "box12.csv"))
    assert docs["da-209833"].date.iso == "1944-05-19"  # type: ignore[union-attr]
    assert [d.source.first_line for d in docs.values()] == [2, 3, 4, 5]
    # "Goldberg, Gary" in a cell is the person Gary Goldberg, as in the Source line's credit
    assert roles(docs["da-280697"].translation.attributions) == {"Gary Goldberg": ["translator"]}  # type: ignore[union-attr]


def test_table_without_mapping_uses_columns_named_like_fields(tmp_path: Path) -> None:
    path = write(tmp_path / "sheet.csv",
                 "Title,Date,Source,Record ID,Author(s),Description,Type,Ignored column\n"
                 '"Letter to Prof. Pushkov",1958-06,"RGANI, f. 5, op. 49, d. 131, ll. 193-194",280697,'
                 '"Zhou, Enlai; Gary Goldberg",A letter.,Letter,x\n')
    (doc,) = run(TableConverter(), path)
    assert (doc.key, doc.title, doc.date.iso, doc.summary) == (  # type: ignore[union-attr]
        "da-280697", "Letter to Prof. Pushkov", "1958-06", "A letter.")
    assert doc.date.datatype == "gYearMonth"  # type: ignore[union-attr]
    assert roles(doc.attributions) == {"Zhou Enlai": ["author"], "Gary Goldberg": ["author"]}
    assert doc.citations[0].repository == "rgani" and doc.doctypes == ["letter"]


def test_tsv_and_semicolon_tables_and_bom(tmp_path: Path) -> None:
    tsv = write(tmp_path / "a.tsv", "title\tdate\tsource\nCable, urgent\t8 June 1962\tRGANI, f. 5, op. 49, d. 131\n",
                "utf-8-sig")
    (doc,) = run(TableConverter(), tsv)
    assert doc.title == "Cable, urgent" and doc.date.iso == "1962-06-08"  # type: ignore[union-attr]
    assert doc.citations[0].repository == "rgani"
    semi = write(tmp_path / "b.csv", 'Title;Date;Translators\n"Note, secret";June 8, 1962;Gary Goldberg, Laura Deal\n',
                 "utf-8-sig")
    (doc,) = run(TableConverter(), semi)
    assert doc.title == "Note, secret" and doc.date.iso == "1962-06-08"  # type: ignore[union-attr]
    assert roles(doc.translation.attributions) == {  # type: ignore[union-attr]
        "Gary Goldberg": ["translator"], "Laura Deal": ["translator"]}


BAD_ROWS = """\
Record ID,Title,Date,Summary
110404,Memorandum of Conversation with Mao,1950-01-01,"A summary
over two lines"
110405,,1950-01-02,No title
110406,Cable,31/02/1910,A date that does not exist
110407,Telegram,sometime in 1962,Not a date
110408,Note,08/06/1962,Day or month first?
MS-1234,Letter,1962-06-08,Not a DA Record ID

177859,Record of a Conversation with Fidel Castro,1961-01-21,The last good row
"""


def test_bad_rows_are_reported_with_line_and_column_and_the_rest_converted(tmp_path: Path) -> None:
    path = write(tmp_path / "box13.csv", BAD_ROWS)
    out = run(TableConverter(), path)
    assert [d.key for d in out] == ["da-110404", "da-177859"]
    assert [(d.source.first_line, d.source.last_line) for d in out] == [(2, 3), (10, 10)]
    errors = {e.record: e for e in out.errors}
    assert sorted(errors) == ["110405", "110406", "110407", "110408", "MS-1234"]
    assert all(e.path == str(path) for e in out.errors)
    assert [(errors[r].line, errors[r].column) for r in sorted(errors)] == [(4, 2), (5, 3), (6, 3), (7, 3), (8, 1)]
    assert str(errors["110406"]) == (
        f'record 110406 ({path}, line 5, column 3): date "31/02/1910" does not exist (column "Date")\n'
        "Write dates as YYYY-MM-DD, or leave the field empty.")
    assert "no title" in str(errors["110405"]) and "Fill in the title" in str(errors["110405"])
    assert "is not a date rdfkit can read" in str(errors["110407"])
    assert "ambiguous" in str(errors["110408"]) and '"date_format": "%d/%m/%Y"' in str(errors["110408"])
    assert "not a DA Record ID" in str(errors["MS-1234"])


def test_a_date_that_does_not_exist_in_the_mapping_format(tmp_path: Path) -> None:
    path = write(tmp_path / "box14.csv", "Title,Date\nLetter,31/02/1910\nNote,08/06/1962\nCable,1962-06\n")
    write(tmp_path / "box14.mapping.json", json.dumps({"columns": {"Title": "title", "Date": "date"},
                                                       "date_format": "%d/%m/%Y"}))
    out = run(TableConverter(), path)
    assert [(d.title, d.date.iso) for d in out] == [("Note", "1962-06-08"), ("Cable", "1962-06")]  # type: ignore[union-attr]
    (error,) = out.errors
    assert (error.line, error.column) == (2, 2) and 'date "31/02/1910" does not exist' in str(error)


def test_unknown_mapping_field_names_the_mapping_file_and_the_valid_fields(tmp_path: Path) -> None:
    path = write(tmp_path / "box15.csv", "Title,Datum\nLetter,1958\n")
    mapping = write(tmp_path / "mapping.json", json.dumps({"columns": {"Title": "title", "Datum": "datum"}}))
    with pytest.raises(ConversionError) as err:
        TableConverter().convert(path.read_bytes(), path, "box15.csv")
    assert err.value.path == str(mapping)
    assert "'Datum' → 'datum'" in str(err.value) and "Valid fields: " + ", ".join(FIELDS) in str(err.value)


@pytest.mark.parametrize(("mapping", "expected"), [
    ('{"columns": {"Title": "title", "Date": "date"', "not valid JSON"),
    ('{"Title": "title"}', 'no "columns" object'),
    ('{"columns": {"Title": "title"}, "seperator": ";"}', "unknown keys: seperator"),
    ('{"columns": {"Title": "title"}, "date_format": "DD/MM/YYYY"}', "is not a date format"),
])
def test_broken_mapping_files_are_named_with_what_to_fix(tmp_path: Path, mapping: str, expected: str) -> None:
    path = write(tmp_path / "box16.csv", "Title,Date\nLetter,1958\n")
    write(tmp_path / "box16.mapping.json", mapping)
    with pytest.raises(ConversionError) as err:
        TableConverter().convert(path.read_bytes(), path, "box16.csv")
    assert err.value.path == str(tmp_path / "box16.mapping.json") and expected in str(err.value)
    assert err.value.hint


def test_mapping_naming_a_missing_column_or_no_title(tmp_path: Path) -> None:
    path = write(tmp_path / "box17.csv", "Title,Date\nLetter,1958\n")
    write(tmp_path / "box17.mapping.json", json.dumps({"columns": {"Titel": "title"}}))
    with pytest.raises(ConversionError, match=r"names columns this table does not have: 'Titel'"):
        TableConverter().convert(path.read_bytes(), path, "box17.csv")
    plain = write(tmp_path / "other" / "names.csv", "Name,Born\nZhou Enlai,1898\n")
    with pytest.raises(ConversionError) as err:
        TableConverter().convert(plain.read_bytes(), plain, "names.csv")
    assert "no column is named title" in str(err.value) and "names.mapping.json" in str(err.value)


def test_table_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "latin1.csv", "Title,Date\nLetter,1958\nCaf\xe9 talks,1962\n", "latin-1")
    with pytest.raises(ConversionError) as err:
        TableConverter().convert(path.read_bytes(), path, "latin1.csv")
    assert err.value.line == 3 and "UTF-8" in str(err.value)


def test_a_mapping_file_given_as_a_source_converts_to_nothing() -> None:
    result = convert([BOX12 / "box12.csv", BOX12 / "box12.mapping.json"], kind="csv")
    assert not result.errors and len(result.documents) == 4


# --- JSON Lines ----------------------------------------------------------------------------------------


def test_every_corpus_record_converts() -> None:
    out = run(JsonLinesConverter(), RECORDS)
    assert len(out) == 24 and not out.errors and not out.skipped
    assert len({d.key for d in out}) == 24
    docs = by_key(out)
    # a title known only in part is kept as it is, with a warning and a note saying so
    partial = docs["da-208400"]
    assert partial.title == "V.V. Shcherbytsky, Head of the Council"
    assert any("title_complete: false" in w for w in partial.warnings)
    assert "Only the beginning of the title is known: the source record is incomplete." in partial.notes
    assert [c.repository for c in partial.citations] == ["chornobyl-museum"]
    # a record with no title gets a devised, bracketed one and says so
    untitled = docs["da-208406"]
    assert untitled.title == "[Untitled DA record 208406]" and untitled.translation.record_id == "208406"  # type: ignore[union-attr]
    assert any("has none" in w for w in untitled.warnings)
    # facts of other records
    assert docs["da-134845"].translation.issued.iso == "2017-02-17"  # type: ignore[union-attr]
    assert roles(docs["da-110404"].attributions) == {"N. Roshchin": ["author"]}
    avprf = next(d for d in out if d.citations and d.citations[0].repository == "avprf")
    assert avprf.title == "[Untitled]" and avprf.key.startswith("sha-")
    assert roles(avprf.translation.attributions) == {"Austin Jersild": ["contributor", "translator"]}  # type: ignore[union-attr]
    assert [d.source.first_line for d in out] == list(range(1, 25))


def test_corpus_records_through_the_pipeline_validate_without_violations() -> None:
    from rdfkit.validate import validate

    result = convert([RECORDS])
    assert not result.errors and len(result.documents) == 24
    report = validate(result.dataset)
    assert report.counts.get("Violation", 0) == 0, report.to_text()


def test_jsonl_skips_records_that_are_not_documents_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = RECORDS.read_text(encoding="utf-8").splitlines()
    path = write(tmp_path / "mixed.jsonl", "\n".join([
        lines[19],  # 280697
        '{"record_type": "collection", "id": "491", "name": "Local Nationalism in Xinjiang"}',
        '{"record_type": "document", "da_id": "1", "title": "Cable" ',  # cut short
        "",
        '["not", "an", "object"]',
        '{"record_type": "document", "da_id": "2", "title": "Note", "date": "1962-02-30"}',
        '{"record_type": "document", "da_id": "x7", "title": "Note"}',
        '{"record_type": "document"}',
        lines[22],  # 134696
    ]) + "\n")
    out = run(JsonLinesConverter(), path)
    assert [d.key for d in out] == ["da-280697", "da-134696"]
    assert [d.source.first_line for d in out] == [1, 9]
    assert [(s.line, s.record) for s in out.skipped] == [(2, "491")]
    assert "collection record, not a document" in str(out.skipped[0])
    assert [(e.line, e.record) for e in out.errors] == [(3, None), (5, None), (6, "2"), (7, "x7"), (8, None)]
    text = [str(e) for e in out.errors]
    assert "line 3, column" in text[0] and "not JSON" in text[0] and "The other lines were converted" in text[0]
    assert "JSON list, not an object" in text[1]
    assert text[2].startswith(f"record 2 ({path}, line 6)") and 'date "1962-02-30" does not exist' in text[2]
    assert "not a number" in text[3]
    assert "no title and nothing else" in text[4]


def test_jsonl_reads_the_da_api_record_shape(tmp_path: Path) -> None:
    path = write(tmp_path / "api.jsonl", "\n".join(json.dumps(r) for r in [
        {"id": "280697", "uri": "/srv/record/280697.json", "model": "Record", "doc_date": "19580000",
         "title": "Letter to the Deputy Chairman of the Soviet Committee of the MGG, Prof. Pushkov",
         "source": "RGANI, f. 5, op. 49, d. 131, ll. 193-194. Translated by Gary Goldberg.",
         "type": {"id": "3", "name": "Letter"}, "rights": [{"id": "1", "name": "CC", "rights": "Some rights"}],
         "donors": [{"id": "12", "name": "MacArthur Foundation"}], "languages": [{"id": "rus", "name": "Russian"}]},
        {"id": "110404", "doc_date": "19500101", "title": "Memorandum, Conversation of Mao and Roshchin",
         "creators": [{"id": "1067", "name": "N. Roshchin"}], "repositories": [{"id": "9", "name": "AVPRF"}]},
    ]) + "\n")
    letter, memo = run(JsonLinesConverter(), path)
    assert (letter.key, letter.date.iso, letter.date.datatype) == ("da-280697", "1958", "gYear")  # type: ignore[union-attr]
    assert letter.doctypes == ["letter"] and letter.rights == "Some rights"
    assert [c.repository for c in letter.citations] == ["rgani"]
    assert roles(letter.translation.attributions) == {  # type: ignore[union-attr]
        "Gary Goldberg": ["translator"], "MacArthur Foundation": ["donor"]}
    assert (memo.key, memo.date.iso) == ("da-110404", "1950-01-01")  # type: ignore[union-attr]
    assert [c.repository for c in memo.citations] == ["avprf"] and roles(memo.attributions) == {"N. Roshchin": ["author"]}


# --- dates and names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "fmt", "iso"), [
    ("1962-06-08", None, "1962-06-08"), ("1962-06", None, "1962-06"), ("1962", None, "1962"),
    ("June 8, 1962", None, "1962-06-08"), ("8 June 1962", None, "1962-06-08"), ("Jun. 8, 1962", None, "1962-06-08"),
    ("June 1962", None, "1962-06"), ("1962-06-08 00:00:00", None, "1962-06-08"),
    ("08/06/1962", "%d/%m/%Y", "1962-06-08"), ("06/08/1962", "%m/%d/%Y", "1962-06-08"), ("06.1962", "%m.%Y", "1962-06"),
    ("29/02/1960", "%d/%m/%Y", "1960-02-29"),
])
def test_dates_read(text: str, fmt: str | None, iso: str) -> None:
    assert read_date(text, fmt).iso == iso


@pytest.mark.parametrize(("text", "fmt", "message"), [
    ("31/02/1910", None, "does not exist"), ("31/02/1910", "%d/%m/%Y", "does not exist"),
    ("29/02/1962", "%d/%m/%Y", "does not exist"), ("1962-13-01", None, "does not exist"),
    ("June 31, 1962", None, "does not exist"), ("08/06/1962", None, "ambiguous"),
    ("1962/06/08", "%d/%m/%Y", "not written as the mapping's date_format"), ("around 1962", None, "not a date rdfkit can read"),
])
def test_bad_dates_say_what_is_wrong(text: str, fmt: str | None, message: str) -> None:
    from rdfkit.converters.records import DateProblem

    with pytest.raises(DateProblem, match=message):
        read_date(text, fmt)


def test_cell_names() -> None:
    assert split_cell_names("Goldberg, Gary; Kim, Il Sung; Ministry of Foreign Affairs, Hungary") == [
        "Gary Goldberg", "Kim Il Sung", "Ministry of Foreign Affairs, Hungary"]
    assert split_cell_names("Vajd, Barnabás; Benziger, Karl P.") == ["Barnabás Vajd", "Karl P. Benziger"]


# --- sniffing and mixed folders ------------------------------------------------------------------------


def test_auto_picks_the_right_converter_for_each_file(tmp_path: Path) -> None:
    seed = next(SEEDS.glob("*.txt"))
    cases = {
        ZOTERO: "csl-json", BOX12 / "box12.csv": "csv", RECORDS: "jsonl", seed: "da-page",
        write(tmp_path / "t.tsv", "Title\tDate\nCable\t1962\n"): "csv",
        write(tmp_path / "one.json", '{"type": "document", "title": "Cable"}'): "csl-json",
        write(tmp_path / "api.json", '{"id": "1", "doc_date": "19620608", "title": "Cable"}\n'): "jsonl",
    }
    for path, name in cases.items():
        conv = pick_converter(path.read_bytes(), path)
        assert conv is not None and conv.name == name, path


def test_da_pages_and_an_index_table_are_not_taken_for_csv() -> None:
    table = TableConverter()
    for page in [*SEEDS.glob("*.txt"), *PAGES.glob("*.txt")]:
        assert not table.sniff(page.read_bytes(), page), page
        assert not CslJsonConverter().sniff(page.read_bytes(), page) and not JsonLinesConverter().sniff(
            page.read_bytes(), page)
    index = PAGES / "index.tsv"  # a list of files, not of documents: no title column
    assert not table.sniff(index.read_bytes(), index)


def test_a_mixed_folder_converts_past_a_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(ZOTERO, folder / "zotero.json")
    shutil.copy(next(SEEDS.glob("*.txt")), folder / "page.txt")
    write(folder / "broken.json", '[{"type": "document", "title": "A",]')
    write(folder / "records.jsonl", '{"record_type": "document", "da_id": "110404", "title": "Memorandum"}\n')
    write(folder / "sheet.csv", "Title,Date\nCable,1962\n")
    write(folder / "mapping.json", '{"columns": {"Title": "title", "Date": "date"}}')
    result = convert([folder])
    (error,) = result.errors
    assert Path(error.path).name == "broken.json" and "not valid JSON" in str(error) and error.line == 1
    keys = [d.key for d in result.documents]
    assert len(keys) == 7 and {"da-110404", "da-280697", "da-134696"} <= set(keys)
    assert any(d.title == "Cable" for d in result.documents)


def test_pipeline_reports_bad_rows_and_keeps_the_good_ones(tmp_path: Path) -> None:
    path = write(tmp_path / "box13.csv", BAD_ROWS)
    result = convert([path])
    assert [d.key for d in result.documents] == ["da-110404", "da-177859"]
    assert sorted((Path(e.path).name, e.line) for e in result.errors) == [
        ("box13.csv", 4), ("box13.csv", 5), ("box13.csv", 6), ("box13.csv", 7), ("box13.csv", 8)]
