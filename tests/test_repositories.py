"""The repository data file (rdfkit/citations/repositories.json): shape, uniqueness, and coverage.

The structural checks read the JSON file directly, so they hold whatever the loader in
``rdfkit.citations`` does; one test checks that ``rdfkit.citations.repositories()`` loads the file.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

PATH = Path(__file__).resolve().parent.parent / "rdfkit" / "citations" / "repositories.json"

IDS = [
    "prc-fma", "aprf", "avprf", "rgani", "rgaspi", "garf", "rgae", "rgva", "gappod",
    "sapmo-barch", "bstu", "pa-aa", "mnl-ol", "aan", "amsz", "amae", "tsda", "usd", "na-cr",
    "aj", "ajbt", "nara", "truman-library", "eisenhower-library", "kennedy-library",
    "johnson-library", "nixon-library", "ford-library", "carter-library", "reagan-library",
    "loc-mss", "tna-uk", "mofa-japan", "nsarchive", "chornobyl-museum",
]

KEYS = {
    "id": str, "abbreviation": str, "variants": list, "fonds_codes": list, "name": str, "name_original": str,
    "language": str, "country": str, "wikidata": (str, type(None)), "family": str, "levels": dict,
    "parent": (str, type(None)), "notes": str,
}
FAMILIES = {"prc", "russian", "german", "hungarian", "polish", "czech", "romanian", "bulgarian",
            "yugoslav", "us", "us-presidential", "uk", "japan", "generic"}
LEVEL_TYPES = {"record_group", "fonds", "series", "box", "folder", "file", "item", "pages"}
WIKIDATA = re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9][0-9]*$")

#: Names that citations write (the issue's list and the DA pages in tests/data), and the archive they mean.
WRITTEN = {
    "PRC FMA": "prc-fma",
    "Archive of the Ministry of Foreign Affairs of the People's Republic of China": "prc-fma",
    "Archives of the Ministry of Foreign Affairs of the People's Republic of China": "prc-fma",
    "APRF": "aprf", "Archive of the President of the Russian Federation": "aprf",
    "AVPRF": "avprf", "AVP RF": "avprf",
    "RGANI": "rgani", "TsKhSD": "rgani", "Tsentr Khraneniya Sovremennoi Dokumentatsii": "rgani",
    "Center for the Storage of Contemporary Documentation": "rgani",
    "RGASPI": "rgaspi", "RTsKhIDNI": "rgaspi",
    "Russian Center for the Preservation and Study of Documents of Recent History": "rgaspi",
    "GARF": "garf", "RGAE": "rgae", "RGVA": "rgva", "GAPPOD": "gappod",
    "SAPMO-BArch": "sapmo-barch", "SAPMO-BA": "sapmo-barch", "SAPMO": "sapmo-barch",
    "Stiftung Archiv der Parteien und Massenorganisationen der DDR im Bundesarchiv": "sapmo-barch",
    "BStU": "bstu",
    "PA AA": "pa-aa", "MfAA": "pa-aa", "Politisches Archiv des Auswärtigen Amts": "pa-aa",
    "MNL OL": "mnl-ol", "MOL": "mnl-ol", "Magyar Országos Levéltár": "mnl-ol",
    "Hungarian National Archives": "mnl-ol",
    "AAN": "aan", "AMSZ": "amsz", "AMAE": "amae", "TsDA": "tsda",
    "ÚSD": "usd", "NA ČR": "na-cr", "AJ": "aj", "AJBT": "ajbt",
    "NARA": "nara", "National Archives and Records Administration": "nara",
    "U.S. National Archives": "nara", "National Archives, College Park": "nara",
    "Truman Library": "truman-library", "Harry S. Truman Library": "truman-library",
    "Truman Presidential Library": "truman-library",
    "Eisenhower Library": "eisenhower-library", "Kennedy Library": "kennedy-library",
    "Johnson Library": "johnson-library", "Nixon Library": "nixon-library", "Ford Library": "ford-library",
    "Carter Library": "carter-library", "Reagan Library": "reagan-library",
    "Library of Congress, Manuscript Division": "loc-mss",
    "The National Archives (UK)": "tna-uk", "TNA": "tna-uk", "Public Record Office": "tna-uk",
    "PRO": "tna-uk",
    "Diplomatic Archives of the Ministry of Foreign Affairs of Japan": "mofa-japan",
    "Diplomatic Archives of Japan": "mofa-japan", "Gaiko Shiryokan": "mofa-japan",
    "National Security Archive": "nsarchive",
    "Archive of the Ukrainian National Chornobyl Museum": "chornobyl-museum",
}

#: Generic words, series codes and ambiguous bare abbreviations that must not name an archive.
FORBIDDEN = {"archive", "archives", "archiv", "arkhiv", "library", "national archives", "the national archives",
             "state archive", "central state archive", "bundesarchiv", "barch", "pa", "aa", "fo", "prem", "cab",
             "rg", "na", "usd", "nsa", "fma", "mnl", "mfs", "dy 30", "ministry of foreign affairs"}

SCRIPT = {  # language -> a character range its original name must use
    "ru": "\u0400-\u04ff", "bg": "\u0400-\u04ff", "sr": "\u0400-\u04ff", "uk": "\u0400-\u04ff",
    "zh": "\u4e00-\u9fff", "ja": "\u4e00-\u9fff",
}


def key(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().strip()


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def repos(data) -> list[dict]:
    return data["repositories"]


@pytest.fixture(scope="module")
def names(repos) -> dict[str, str]:
    """Every abbreviation and variant (normalised) -> the id of its repository."""
    out: dict[str, str] = {}
    for r in repos:
        for n in [r["abbreviation"], *r["variants"]]:
            out.setdefault(key(n), r["id"])
    return out


def test_file_parses_with_the_documented_top_level(data):
    assert set(data) == {"_about", "repositories"}
    assert isinstance(data["_about"], str) and "wikidata" in data["_about"].lower()
    assert isinstance(data["repositories"], list)


def test_at_least_25_repositories(repos):
    assert len(repos) >= 25


@pytest.mark.parametrize("i", range(len(IDS)))
def test_entry_has_every_key_with_its_type(repos, i):
    r = repos[i]
    assert set(r) == set(KEYS), r.get("id")
    for k, t in KEYS.items():
        assert isinstance(r[k], t), (r["id"], k, r[k])
    for k in ("id", "abbreviation", "name", "name_original", "notes"):
        assert r[k].strip() == r[k] and r[k], (r["id"], k)
    assert all(isinstance(v, str) and v.strip() == v and v for v in r["variants"]), r["id"]
    assert all(isinstance(v, str) and v for v in r["levels"].values()), r["id"]
    assert r["parent"] is None or r["parent"].strip()


def test_ids_unique_slug_like_and_exactly_the_listed_ones_in_order(repos):
    ids = [r["id"] for r in repos]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) for i in ids), ids
    assert ids == IDS


def test_abbreviations_and_variants_unique_across_and_within_repositories(repos):
    seen: dict[str, str] = {}
    clashes = []
    for r in repos:
        for n in [r["abbreviation"], *r["variants"]]:
            k = key(n)
            if k in seen:
                clashes.append((n, seen[k], r["id"]))
            seen[k] = r["id"]
    assert not clashes


def test_no_generic_or_ambiguous_names(repos):
    bad = [(r["id"], n) for r in repos for n in [r["abbreviation"], *r["variants"]] if key(n) in FORBIDDEN]
    assert not bad


def test_names_are_nfc(repos):
    for r in repos:
        for n in [r["abbreviation"], r["name"], r["name_original"], *r["variants"]]:
            assert unicodedata.normalize("NFC", n) == n, n


def test_wikidata_is_a_full_iri_or_null(repos):
    for r in repos:
        assert r["wikidata"] is None or WIKIDATA.match(r["wikidata"]), (r["id"], r["wikidata"])


def test_family_language_and_country(repos):
    for r in repos:
        assert r["family"] in FAMILIES, r["id"]
        assert re.fullmatch(r"[a-z]{2}", r["language"]), r["id"]
        assert re.fullmatch(r"[A-Z]{2}", r["country"]), r["id"]
    by_id = {r["id"]: r for r in repos}
    assert by_id["sapmo-barch"]["country"] == by_id["bstu"]["country"] == by_id["pa-aa"]["country"] == "DE"
    assert by_id["aj"]["country"] == by_id["ajbt"]["country"] == "RS"
    assert by_id["tna-uk"]["country"] == "GB"
    assert by_id["prc-fma"]["family"] == "prc"
    assert by_id["avprf"]["family"] == "russian"
    assert all(by_id[i]["family"] == "us-presidential" for i in IDS if i.endswith("-library"))


def test_original_names_are_in_the_original_script(repos):
    for r in repos:
        if r["language"] in SCRIPT:
            assert re.search(f"[{SCRIPT[r['language']]}]", r["name_original"]), r["id"]
    by_id = {r["id"]: r for r in repos}
    assert by_id["avprf"]["name_original"] == "Архив внешней политики Российской Федерации"
    assert by_id["prc-fma"]["name_original"] == "中华人民共和国外交部档案馆"


def test_level_keys_are_level_types(repos):
    for r in repos:
        assert set(r["levels"]) <= LEVEL_TYPES, (r["id"], set(r["levels"]) - LEVEL_TYPES)
    by_id = {r["id"]: r for r in repos}
    assert by_id["avprf"]["levels"] == {"fonds": "fond", "series": "opis", "folder": "papka", "file": "delo",
                                        "pages": "list"}
    assert by_id["prc-fma"]["levels"]["series"] == "category"
    assert by_id["nara"]["levels"]["record_group"] == "Record Group"


def test_parents(repos):
    by_id = {r["id"]: r for r in repos}
    assert by_id["prc-fma"]["parent"] == "Ministry of Foreign Affairs of the People's Republic of China"
    assert all(by_id[i]["parent"] == "National Archives and Records Administration"
               for i in IDS if i.endswith("-library"))
    assert by_id["loc-mss"]["parent"] == "Library of Congress"


@pytest.mark.parametrize("written,expected", sorted(WRITTEN.items()))
def test_names_citations_write_are_found(names, written, expected):
    assert names.get(key(written)) == expected


def test_loader_reads_the_file(repos):
    from rdfkit import citations

    clear = getattr(citations.repositories, "cache_clear", None)
    if clear is not None:
        clear()
    entries = list(citations.repositories().values())
    assert {e.id for e in entries} == {r["id"] for r in repos}
