"""Authority files: matching names, minting and recording, merging, links, export, and the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from rdfkit.authority import Authority
from rdfkit.cli import cli
from rdfkit.errors import SourceError, UsageError
from rdfkit.graph import mint
from rdfkit.pipeline import convert

from .conftest import SEEDS

HEADER = "id,kind,label,aliases,positions,wikidata,viaf,born,died,note\n"
ROWS = """\
andrei-gromyko,person,Andrei Gromyko,A.A. Gromyko | Andrey Gromyko,Minister of Foreign Affairs of the USSR (1957-1985),,,1909,1989,
anatoly-gromyko,person,Anatoly Gromyko,,Director of the Africa Institute (1976-1992),,,1932,2017,his son
central-committee-of-the-cpsu,organization,Central Committee of the CPSU,CC CPSU | CPSU CC,,,,,,
zhang-hanfu,person,Zhang Hanfu,Chang Han-fu,Vice Minister of Foreign Affairs of the People's Republic of China (1949-1967),,,,,
zhang-wentian,person,Zhang Wentian,Chang Wen-t'ien,Vice Minister of Foreign Affairs of the People's Republic of China (1954-1959),,,,,
zhou-enlai,person,Zhou Enlai,Chou En-lai | 周恩来,Premier of the People's Republic of China (1949-1976),http://www.wikidata.org/entity/Q17000001,,1898,1976,
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "authorities"
    d.mkdir()
    (d / "authorities.csv").write_text(HEADER + ROWS, encoding="utf-8")
    return d


@pytest.fixture
def auth(folder: Path) -> Authority:
    return Authority.load(folder)


def test_a_leading_article_does_not_stop_a_match(auth: Authority) -> None:
    assert auth.match("the Central Committee of the CPSU", kind="organization").id == "central-committee-of-the-cpsu"


@pytest.mark.parametrize("name", ["Zhou Enlai", "Chou En-lai", "Chou Enlai", "chou en-lai", "Premier Zhou Enlai",
                                  "Comrade Zhou Enlai", "[Zhou] Enlai", "周恩来"])
def test_names_match_through_aliases_and_normalisation(auth: Authority, name: str) -> None:
    assert auth.match(name, kind="person").id == "zhou-enlai"


def test_initials_match_only_the_entry_they_fit(auth: Authority) -> None:
    assert auth.match("A.A. Gromyko", kind="person").id == "andrei-gromyko"  # an alias
    assert auth.match("A. Gromyko", kind="person") is None  # Andrei and Anatoly both fit: not guessed
    assert auth.match("Anatoly Gromyko", kind="person").id == "anatoly-gromyko"
    assert auth.match("B. Gromyko", kind="person") is None
    assert auth.match("Z. Hanfu", kind="person") is None  # Chinese names: the family name comes first


def test_a_surname_alone_is_not_guessed_unless_the_office_decides(auth: Authority) -> None:
    assert auth.match("Gromyko", kind="person") is None  # two Gromykos
    assert auth.match("Gromyko", kind="person", position="Minister of Foreign Affairs").id == "andrei-gromyko"
    assert auth.match("Zhou", kind="person").id == "zhou-enlai"  # only one Zhou
    assert auth.match("Zhang", kind="person", position="Vice Minister") is None  # two vice ministers named Zhang


def test_kinds_do_not_mix(auth: Authority) -> None:
    assert auth.match("CC CPSU", kind="organization").id == "central-committee-of-the-cpsu"
    assert auth.match("CC CPSU", kind="person") is None


def test_minted_entries_are_recorded_and_reused(folder: Path) -> None:
    first = Authority.load(folder)
    result = convert([SEEDS], authority=first)
    assert not result.errors
    path = first.save_minted()
    assert path == folder / "minted.csv"
    minted = path.read_text(encoding="utf-8")
    assert "stepan-chervonenko,person,Stepan Chervonenko," in minted
    assert "zhang-hanfu" not in minted  # known: resolved to the curated entry
    assert ",Zhang," not in minted and "Chervonenko," not in minted.replace("Stepan Chervonenko,", "")  # no bare surnames
    second = Authority.load(folder)
    again = convert([SEEDS], authority=second)
    assert second.save_minted() is None  # nothing new: the next run reuses what was recorded
    assert path.read_text(encoding="utf-8") == minted
    assert sorted(again.dataset.quads((None, None, None, None)), key=str) == \
        sorted(result.dataset.quads((None, None, None, None)), key=str)


def test_curated_links_reach_the_output(folder: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    text = (SEEDS / "000_525d9bc804d8c516.txt").read_text(encoding="utf-8")
    page.write_text(text.replace("Yu Man, Deputy", "Chou En-lai, Deputy"), encoding="utf-8")
    result = convert([page], authority=Authority.load(folder))
    zhou = mint("person", "zhou-enlai")
    objects = {str(o) for _, p, o, _ in result.dataset.quads((zhou, None, None, None)) if str(p).endswith("sameAs")}
    assert objects == {"http://www.wikidata.org/entity/Q17000001"}


def test_merge_moves_names_and_keeps_the_next_run_on_the_kept_entry(folder: Path) -> None:
    auth = Authority.load(folder)
    auth.mint("Zhou En Lai", kind="person", first_source="x.txt")
    auth.save_minted()
    merged = Authority.load(folder).merge("zhou-enlai", "zhou-en-lai")
    assert "Zhou En Lai" in merged.aliases or Authority.load(folder).match("Zhou En Lai", kind="person").id == "zhou-enlai"
    reloaded = Authority.load(folder)
    assert reloaded.get("zhou-en-lai") is None
    with pytest.raises(UsageError):
        reloaded.merge("zhou-enlai", "zhang-hanfu")  # curated entries are edited by hand


def test_set_link_validates_and_writes_the_file(folder: Path) -> None:
    auth = Authority.load(folder)
    auth.set_link("zhang-hanfu", wikidata="http://www.wikidata.org/entity/Q12345")
    assert Authority.load(folder).get("zhang-hanfu").wikidata == "http://www.wikidata.org/entity/Q12345"
    with pytest.raises(UsageError):
        auth.set_link("zhang-hanfu", wikidata="Q12345")


@pytest.mark.parametrize("row,expected", [
    ("x,person,,,,,,,,", "line 2"),
    ("x,people,Someone,,,,,,,", "neither person nor organization"),
    ("x,person,Someone,,,Q5,,,,", "wikidata"),
])
def test_a_bad_authority_row_names_file_and_line(tmp_path: Path, row: str, expected: str) -> None:
    (tmp_path / "authorities.csv").write_text(HEADER + row + "\n", encoding="utf-8")
    with pytest.raises(SourceError) as err:
        Authority.load(tmp_path)
    assert "authorities.csv" in str(err.value) and expected in str(err.value)


def test_cli_list_merge_export(folder: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["authorities", "list", "--authorities", str(folder), "--kind", "organization"])
    assert listed.exit_code == 0 and listed.stdout.startswith("central-committee-of-the-cpsu\torganization")
    unlinked = runner.invoke(cli, ["authorities", "list", "--authorities", str(folder), "--unlinked"])
    assert "zhou-enlai" not in unlinked.stdout and "zhang-hanfu" in unlinked.stdout
    ttl = runner.invoke(cli, ["authorities", "export", "--authorities", str(folder), "-f", "turtle"])
    assert ttl.exit_code == 0
    assert len(list(ox.parse(ttl.stdout_bytes, format=ox.RdfFormat.TURTLE))) > 20
    csv_out = runner.invoke(cli, ["authorities", "export", "--authorities", str(folder)])
    assert csv_out.stdout.splitlines()[0].endswith("first_source,file")
    bad = runner.invoke(cli, ["authorities", "merge", "zhou-enlai", "nobody", "--authorities", str(folder)])
    assert bad.exit_code == 2 and "nobody" in bad.stderr


def test_build_records_new_names_unless_told_not_to(folder: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    quiet = runner.invoke(cli, ["build", str(SEEDS), "-o", str(out), "--authorities", str(folder), "--no-record"])
    assert quiet.exit_code == 0 and not (folder / "minted.csv").exists()
    loud = runner.invoke(cli, ["build", str(SEEDS), "-o", str(out), "--authorities", str(folder)])
    assert loud.exit_code == 0 and (folder / "minted.csv").exists()
    assert "recorded new names" in loud.stderr


def test_the_shipped_authority_keeps_the_seed_identities(tmp_path: Path) -> None:
    shipped = Path(__file__).resolve().parent.parent / "data" / "authorities"
    assert (shipped / "authorities.csv").is_file(), "rdfkit ships a starter authority file"
    copy = tmp_path / "authorities"
    shutil.copytree(shipped, copy)
    result = convert([SEEDS], authority=Authority.load(copy))
    keys = {a.key for d in result.documents for a in d.agents()}
    assert {"zhang-hanfu", "stepan-chervonenko", "ministry-of-foreign-affairs-of-the-people-s-republic-of-china",
            "chen-yi"} <= keys
