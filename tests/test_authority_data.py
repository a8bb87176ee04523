"""The shipped starter authority file (data/authorities/authorities.csv) keeps the format of docs/authorities.md."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict

import pytest

from .conftest import ROOT

AUTHORITIES = ROOT / "data" / "authorities" / "authorities.csv"
HEADER = ["id", "kind", "label", "aliases", "positions", "wikidata", "viaf", "born", "died", "note"]
SEP = " | "

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
WIKIDATA = re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9]\d*$")
VIAF = re.compile(r"^http://viaf\.org/viaf/\d+$")
POSITION = re.compile(r"^.+ \((\d{4})?-(\d{4})?\)$")
YEAR = re.compile(r"^\d{4}$")


def read() -> tuple[list[str], list[dict[str, str]]]:
    with AUTHORITIES.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


HEADER_READ, ROWS = read()
BY_ID = {row["id"]: row for row in ROWS}


def split(cell: str) -> list[str]:
    return cell.split(SEP) if cell else []


def key(name: str) -> str:
    """NFC and casefold, as the contract's matching starts."""
    return unicodedata.normalize("NFC", name).casefold()


def loose_key(name: str) -> str:
    """Also hyphens and spaces made equivalent, as the contract's matching does."""
    return " ".join(key(name).replace("-", " ").split())


def names(row: dict[str, str]) -> list[str]:
    return [row["label"], *split(row["aliases"])]


def test_file_is_utf8_without_bom_and_ends_with_a_newline() -> None:
    raw = AUTHORITIES.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    raw.decode("utf-8")
    assert raw.endswith(b"\n")


def test_header_is_exactly_the_contract() -> None:
    assert HEADER_READ == HEADER


def test_every_row_has_every_column() -> None:
    for row in ROWS:
        assert None not in row, f"{row.get('id')}: too many cells"
        assert all(row[column] is not None for column in HEADER), f"{row.get('id')}: too few cells"


def test_enough_entries_and_organisations() -> None:
    assert len(ROWS) >= 150
    assert sum(row["kind"] == "organization" for row in ROWS) >= 40
    assert sum(row["kind"] == "person" for row in ROWS) >= 100


def test_ids_are_unique_slugs_sorted() -> None:
    ids = [row["id"] for row in ROWS]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for identifier in ids:
        assert ID.match(identifier), identifier
    assert ids == sorted(ids)


def test_kind_is_person_or_organization() -> None:
    for row in ROWS:
        assert row["kind"] in {"person", "organization"}, row["id"]


def test_labels_are_present_and_trimmed() -> None:
    for row in ROWS:
        assert row["label"] and row["label"] == row["label"].strip(), row["id"]


def test_multi_valued_cells_have_no_empty_or_untrimmed_items() -> None:
    for row in ROWS:
        for column in ("aliases", "positions"):
            for item in split(row[column]):
                assert item and item == item.strip() and "|" not in item, (row["id"], column, item)


def test_no_alias_shared_by_two_entries_or_equal_to_another_label() -> None:
    for normalise in (key, loose_key):
        owners: dict[str, set[str]] = defaultdict(set)
        for row in ROWS:
            for name in names(row):
                owners[normalise(name)].add(row["id"])
        shared = {name: sorted(ids) for name, ids in owners.items() if len(ids) > 1}
        assert not shared, shared


def test_no_alias_repeats_within_an_entry() -> None:
    for row in ROWS:
        keys = [key(name) for name in names(row)]
        assert len(keys) == len(set(keys)), row["id"]


def test_links_are_empty_or_well_formed_iris() -> None:
    for row in ROWS:
        assert not row["wikidata"] or WIKIDATA.match(row["wikidata"]), row["id"]
        assert not row["viaf"] or VIAF.match(row["viaf"]), row["id"]
    wikidata = [row["wikidata"] for row in ROWS if row["wikidata"]]
    assert len(wikidata) == len(set(wikidata)), "one Wikidata entity linked from two entries"


def test_positions_are_office_and_years() -> None:
    for row in ROWS:
        for position in split(row["positions"]):
            match = POSITION.match(position)
            assert match, (row["id"], position)
            start, end = match.groups()
            if start and end:
                assert int(start) <= int(end), (row["id"], position)


def test_life_years() -> None:
    for row in ROWS:
        for column in ("born", "died"):
            assert not row[column] or YEAR.match(row[column]), (row["id"], column, row[column])
        if row["born"] and row["died"]:
            assert int(row["born"]) < int(row["died"]), row["id"]
        if row["kind"] == "organization":
            assert not row["born"] and not row["died"], row["id"]


def test_positions_fall_within_a_life() -> None:
    for row in ROWS:
        for position in split(row["positions"]):
            start, end = POSITION.match(position).groups()  # type: ignore[union-attr]
            for year in (start, end):
                if year and row["born"]:
                    assert int(year) > int(row["born"]), (row["id"], position)
                if year and row["died"]:
                    assert int(year) <= int(row["died"]), (row["id"], position)


@pytest.mark.parametrize(("identifier", "kind", "label", "aliases"), [
    ("zhou-enlai", "person", "Zhou Enlai", ["Chou En-lai"]),
    ("mao-zedong", "person", "Mao Zedong", ["Mao Tse-tung"]),
    ("stepan-chervonenko", "person", "Stepan Chervonenko", []),
    ("andrei-gromyko", "person", "Andrei Gromyko", ["A. Gromyko", "A.A. Gromyko"]),
    ("nikita-khrushchev", "person", "Nikita Khrushchev", ["N.S. Khrushchev"]),
    ("joseph-stalin", "person", "Joseph Stalin", ["I.V. Stalin"]),
    ("kim-il-sung", "person", "Kim Il Sung", ["Kim Ir Sen"]),
    ("zhang-hanfu", "person", "Zhang Hanfu", []),
    ("chen-yi", "person", "Chen Yi", ["Ch'en I"]),
    ("wladyslaw-gomulka", "person", "Władysław Gomułka", ["Wladyslaw Gomulka"]),
    ("ministry-of-foreign-affairs-of-the-people-s-republic-of-china", "organization",
     "Ministry of Foreign Affairs of the People's Republic of China",
     ["PRC Ministry of Foreign Affairs", "Chinese Ministry of Foreign Affairs", "Chinese Foreign Ministry", "MFA PRC",
      "Waijiaobu"]),
    ("central-committee-of-the-communist-party-of-the-soviet-union", "organization",
     "Central Committee of the Communist Party of the Soviet Union", ["CC CPSU", "CPSU CC"]),
    ("ministry-of-foreign-affairs-of-the-ussr", "organization", "Ministry of Foreign Affairs of the USSR",
     ["USSR Foreign Ministry", "Soviet Foreign Ministry", "MID SSSR", "USSR MFA"]),
    ("government-of-the-soviet-union", "organization", "Government of the Soviet Union",
     ["Soviet Government", "Government of the USSR", "USSR Government"]),
    ("7brands", "organization", "7Brands", []),
    ("macarthur-foundation", "organization", "MacArthur Foundation", ["John D. and Catherine T. MacArthur Foundation"]),
    ("henry-luce-foundation", "organization", "Henry Luce Foundation", []),
    ("carnegie-corporation-of-new-york", "organization", "Carnegie Corporation of New York", ["CCNY"]),
    ("cold-war-international-history-project", "organization", "Cold War International History Project", ["CWIHP"]),
])
def test_must_have_entries(identifier: str, kind: str, label: str, aliases: list[str]) -> None:
    row = BY_ID.get(identifier)
    assert row is not None, identifier
    assert row["kind"] == kind
    assert row["label"] == label
    for alias in aliases:
        assert alias in split(row["aliases"]), (identifier, alias)


def test_names_seen_in_the_seed_documents_are_covered() -> None:
    """The people and organisations the two seed pages name, as they write them."""
    known = {loose_key(name) for row in ROWS for name in names(row)}
    for name in ("Zhang Hanfu", "Chen Yi", "Stepan Chervonenko", "Yu Man", "MacArthur Foundation",
                 "Henry Luce Foundation", "7Brands", "Ministry of Foreign Affairs of the People's Republic of China",
                 "Soviet government"):
        assert loose_key(name) in known, name


def test_no_bare_single_word_aliases_for_people() -> None:
    """Surnames alone are the matcher's business: a person's alias has at least two words, unless it is in a
    CJK script, an initialism (JFK) or the person is known by one name (Sukarno: Soekarno)."""
    for row in ROWS:
        if row["kind"] != "person" or len(row["label"].split()) == 1:
            continue
        for alias in split(row["aliases"]):
            cjk = any(unicodedata.name(char, "").startswith(("CJK", "HANGUL")) for char in alias)
            initialism = alias.isupper() and alias.isalpha() and len(alias) <= 4
            assert cjk or initialism or len(alias.replace("-", " ").split()) >= 2, (row["id"], alias)


def test_the_authority_loads_the_file_and_every_name_finds_its_own_entry() -> None:
    """Through rdfkit's own loader and matcher: no name of one entry is taken by (or ambiguous with) another."""
    from rdfkit.authority import Authority

    authority = Authority.load(AUTHORITIES.parent)
    curated = [entry for entry in authority.entries() if entry.source == "authorities.csv"]
    assert [entry.id for entry in curated] == [row["id"] for row in ROWS]
    wrong = []
    for entry in curated:
        for name in entry.names:
            found = authority.match(name, kind=entry.kind)
            if found is None or found.id != entry.id:
                wrong.append((entry.id, name, found.id if found else None))
    assert not wrong, wrong


@pytest.mark.parametrize(("name", "kind", "identifier"), [
    ("[Stepan] Chervonenko", "person", "stepan-chervonenko"),
    ("Ambassador Chervonenko", "person", "stepan-chervonenko"),
    ("Vice Minister Zhang Hanfu", "person", "zhang-hanfu"),
    ("Chou Enlai", "person", "zhou-enlai"),
    ("A.A. Gromyko", "person", "andrei-gromyko"),
    ("Iu. V. Andropov", "person", "yuri-andropov"),
    ("P.F. Iudin", "person", "pavel-yudin"),
    ("N.V. Roshchin", "person", "nikolai-roshchin"),
    ("Kim Il-sung", "person", "kim-il-sung"),
    ("Soviet government", "organization", "government-of-the-soviet-union"),
    ("Presidium of the CC CPSU", "organization", "presidium-of-the-central-committee-of-the-communist-party-of-the-soviet-union"),
])
def test_names_as_documents_write_them(name: str, kind: str, identifier: str) -> None:
    from rdfkit.authority import Authority

    found = Authority.load(AUTHORITIES.parent).match(name, kind=kind)
    assert found is not None and found.id == identifier, (name, found)
