"""The rdfkit command: every command, its output and its exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from rdfkit.cli import cli

from .conftest import SEEDS

SEED0 = SEEDS / "000_525d9bc804d8c516.txt"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "out"
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 0, result.output + result.stderr
    return out


def parse(data: bytes, fmt: ox.RdfFormat) -> list:
    return list(ox.parse(data, format=fmt))


def test_help_lists_commands_and_exit_codes(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("build", "convert", "validate", "query", "converters"):
        assert command in result.output
    assert "Exit codes" in result.output and "3  a SPARQL server failed" in result.output


@pytest.mark.parametrize("command", ["build", "convert", "validate", "query", "converters"])
def test_every_command_has_help_with_an_example(runner: CliRunner, command: str) -> None:
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output, f"`rdfkit {command} --help` has no example"


def test_build_writes_every_output_and_a_summary(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    for name in ("rdfkit.ttl", "rdfkit.jsonld", "rdfkit.nt", "rdfkit.trig", "void.ttl", "validation.txt",
                 "validation.html", "validation.ttl"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "store").is_dir()
    assert "documents 2, people 7, organisations 5, events 1, citations 2" in result.stderr
    assert "violations 0" in result.stderr
    assert result.stdout == ""  # data and messages never mix


def test_convert_to_stdout_each_format(runner: CliRunner) -> None:
    formats = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
               "trig": ox.RdfFormat.TRIG, "json-ld": ox.RdfFormat.JSON_LD}
    for name, fmt in formats.items():
        result = runner.invoke(cli, ["convert", str(SEED0), "-f", name])
        assert result.exit_code == 0, result.stderr
        assert len(parse(result.stdout_bytes, fmt)) > 50, name


def test_convert_format_from_output_extension(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "seed.nt"
    result = runner.invoke(cli, ["convert", str(SEED0), "-o", str(out)])
    assert result.exit_code == 0
    assert len(parse(out.read_bytes(), ox.RdfFormat.N_TRIPLES)) > 50


def test_convert_missing_file_is_reported_and_the_rest_converted(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["convert", str(SEED0), str(tmp_path / "nope.txt")])
    assert result.exit_code == 0
    assert "nope.txt" in result.stderr and "no such file" in result.stderr
    assert len(parse(result.stdout_bytes, ox.RdfFormat.TURTLE)) > 50


def test_convert_nothing_converted_exits_2(tmp_path: Path, runner: CliRunner) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("\n\n", encoding="utf-8")
    result = runner.invoke(cli, ["convert", str(bad), "--from", "da-page"])
    assert result.exit_code == 2
    assert "empty.txt" in result.stderr and "empty" in result.stderr


def test_convert_not_utf8_names_file_and_line(tmp_path: Path, runner: CliRunner) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"Skip to content\n\nJune 8, 1962\n\nCaf\xe9 talks\n")
    result = runner.invoke(cli, ["convert", str(bad)])
    assert result.exit_code == 2
    assert "latin1.txt, line 5" in result.stderr and "UTF-8" in result.stderr


def test_convert_unknown_converter_lists_known_ones(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["convert", str(SEED0), "--from", "nonsense"])
    assert result.exit_code == 2
    assert "da-page" in result.stderr


def test_converters_lists_da_page(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["converters"])
    assert result.exit_code == 0
    names = [line.split("\t")[0] for line in result.output.splitlines()]
    assert "da-page" in names and names == sorted(names)


def test_validate_conforming_output_exits_0(built: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate", str(built / "rdfkit.ttl")])
    assert result.exit_code == 0, result.output


def test_validate_violations_exit_1_and_json(tmp_path: Path, runner: CliRunner) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix rk: <https://w3id.org/rdfkit/ns#> . @prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "<https://w3id.org/rdfkit/id/document/x> a rk:Document ; dcterms:date \"8 June 1962\" .\n",
        encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(bad), "-f", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["conforms"] is False
    paths = {r["path"] for r in report["results"]}
    assert "http://purl.org/dc/terms/title" in paths and "http://purl.org/dc/terms/date" in paths


def test_validate_turtle_report_parses(built: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate", str(built / "rdfkit.trig"), "-f", "turtle"])
    assert result.exit_code == 0
    assert parse(result.stdout_bytes, ox.RdfFormat.TURTLE)


def test_validate_unreadable_input_exits_2(tmp_path: Path, runner: CliRunner) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b \n", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 2
    assert "broken.ttl" in result.stderr and "line" in result.stderr
    missing = runner.invoke(cli, ["validate", str(tmp_path / "missing.ttl")])
    assert missing.exit_code == 2 and "missing.ttl" in missing.stderr


def test_validate_with_user_shapes(tmp_path: Path, built: Path, runner: CliRunner) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix rk: <https://w3id.org/rdfkit/ns#> .\n"
        "@prefix schema: <https://schema.org/> .\n"
        "<urn:s> a sh:NodeShape ; sh:targetClass rk:Document ;\n"
        "  sh:property [ sh:path schema:isbn ; sh:minCount 1 ; sh:message \"needs an ISBN\" ] .\n",
        encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(built / "rdfkit.ttl"), "--shapes", str(shapes)])
    assert result.exit_code == 1
    assert "needs an ISBN" in result.stdout


LANG_SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix rk: <https://w3id.org/rdfkit/ns#> .
@prefix schema: <https://schema.org/> .
<urn:s> a sh:NodeShape ; sh:targetClass rk:Document ;
  sh:property [ sh:path schema:isbn ; sh:minCount 1 ; sh:severity sh:Warning ;
                sh:message "needs an ISBN"@en, "需要 ISBN"@zh ] .
"""


def test_validate_fail_on_lang_and_formats(tmp_path: Path, built: Path, runner: CliRunner) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(LANG_SHAPES, encoding="utf-8")
    data = str(built / "rdfkit.trig")
    warned = runner.invoke(cli, ["validate", data, "--shapes", str(shapes)])
    assert warned.exit_code == 0, warned.output  # warnings alone conform
    assert "needs an ISBN" in warned.stdout and "\x1b[" not in warned.stdout  # not a terminal: no colour
    assert runner.invoke(cli, ["validate", data, "--shapes", str(shapes), "--fail-on", "warning"]).exit_code == 1
    assert runner.invoke(cli, ["validate", data, "--shapes", str(shapes), "--fail-on", "info"]).exit_code == 1
    chinese = runner.invoke(cli, ["validate", data, "--shapes", str(shapes), "--lang", "zh"])
    assert "需要 ISBN" in chinese.stdout and "needs an ISBN" not in chinese.stdout
    french = runner.invoke(cli, ["validate", data, "--shapes", str(shapes), "--lang", "fr"])
    assert "needs an ISBN" in french.stdout  # no French message: English
    coloured = runner.invoke(cli, ["validate", data, "--shapes", str(shapes), "--color"])
    assert "\x1b[" in coloured.stdout
    page = tmp_path / "report.html"
    html = runner.invoke(cli, ["validate", data, "--shapes", str(shapes), "-f", "html", "-o", str(page)])
    assert html.exit_code == 0 and f"wrote {page}" in html.stderr and html.stdout == ""
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "needs an ISBN" in text and "Minutes of the Meeting" in text


def test_validate_engines_and_workers(tmp_path: Path, built: Path, runner: CliRunner) -> None:
    data = str(built / "rdfkit.trig")
    outputs = {}
    for engine in ("auto", "shacl", "pyshacl"):
        result = runner.invoke(cli, ["validate", data, "--engine", engine, "-f", "json", "--workers", "2"])
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        assert report["engine"] == ("pyshacl" if engine == "pyshacl" else "shacl")
        report.pop("engine")
        outputs[engine] = report
    assert outputs["auto"] == outputs["shacl"] == outputs["pyshacl"]
    rules = tmp_path / "rules.ttl"
    rules.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                     "<urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ;\n"
                     "  sh:rule [ a sh:TripleRule ; sh:subject sh:this ; sh:predicate <urn:p> ; sh:object <urn:o> ] .\n",
                     encoding="utf-8")
    auto = runner.invoke(cli, ["validate", data, "--shapes", str(rules)])
    assert auto.exit_code == 0 and "validated with pySHACL because the shapes use SHACL-AF rules" in auto.stderr
    forced = runner.invoke(cli, ["validate", data, "--shapes", str(rules), "--engine", "shacl"])
    assert forced.exit_code == 2 and "sh:rule" in forced.stderr


def test_validate_limit_and_broken_nquads(tmp_path: Path, runner: CliRunner) -> None:
    lines = [f"<urn:d{n}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/rdfkit/ns#Document> "
             f"<urn:g{n}> ." for n in range(15)]
    data = tmp_path / "docs.nq"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(data), "--limit", "3"])
    assert result.exit_code == 1
    assert "… and 12 more like this" in result.stdout
    everything = runner.invoke(cli, ["validate", str(data), "--limit", "0"])
    assert "more like this" not in everything.stdout
    broken = tmp_path / "broken.nq"
    broken.write_text(lines[0] + "\n<urn:a> <urn:b> .\n", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(broken)])
    assert result.exit_code == 2 and "broken.nq" in result.stderr and "line 2" in result.stderr


def test_cli_choices_match_the_library() -> None:
    from rdfkit import cli as cli_module
    from rdfkit.validate import ENGINES, FAIL_ON

    assert cli_module.ENGINES == ENGINES and cli_module.FAIL_ON == FAIL_ON


def test_query_store_table_csv_json(built: Path, runner: CliRunner) -> None:
    q = ("PREFIX rk: <https://w3id.org/rdfkit/ns#> PREFIX dcterms: <http://purl.org/dc/terms/> "
         "SELECT ?date WHERE { ?d a rk:Document ; dcterms:date ?date ; dcterms:bibliographicCitation ?c } ORDER BY ?date")
    table = runner.invoke(cli, ["query", q, "--store", str(built / "store")])
    assert table.exit_code == 0, table.stderr
    assert "1962-06-08" in table.stdout and "1962-06-25" in table.stdout
    csv = runner.invoke(cli, ["query", q, "--store", str(built / "store"), "-f", "csv"])
    assert csv.stdout.split() == ["date", "1962-06-08", "1962-06-25"]
    js = json.loads(runner.invoke(cli, ["query", q, "--store", str(built / "store"), "-f", "json"]).stdout)
    assert [b["date"]["value"] for b in js["results"]["bindings"]] == ["1962-06-08", "1962-06-25"]


def test_query_files_and_construct(built: Path, runner: CliRunner) -> None:
    q = "CONSTRUCT { ?p a <urn:Person> } WHERE { ?p a <https://w3id.org/rdfkit/ns#Person> }"
    result = runner.invoke(cli, ["query", q, str(built / "rdfkit.ttl"), "-f", "nt"])
    assert result.exit_code == 0, result.stderr
    assert len(parse(result.stdout_bytes, ox.RdfFormat.N_TRIPLES)) == 7


def test_query_from_file(tmp_path: Path, built: Path, runner: CliRunner) -> None:
    qf = tmp_path / "q.rq"
    qf.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    result = runner.invoke(cli, ["query", "-q", str(qf), str(built / "rdfkit.nt"), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["boolean"] is True


def test_query_errors_exit_2(tmp_path: Path, built: Path, runner: CliRunner) -> None:
    bad = runner.invoke(cli, ["query", "SELECT WHERE {", "--store", str(built / "store")])
    assert bad.exit_code == 2 and "Error" in bad.stderr
    missing = runner.invoke(cli, ["query", "ASK {}", "--store", str(tmp_path / "nostore")])
    assert missing.exit_code == 2 and "rdfkit build" in missing.stderr
    service = runner.invoke(cli, ["query", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
                                  "--store", str(built / "store")])
    assert service.exit_code == 2 and "SERVICE" in service.stderr


def test_build_goes_past_a_bad_file_and_names_it(tmp_path: Path, runner: CliRunner) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_bytes(SEED0.read_bytes())
    (src / "bad.txt").write_bytes(b"Skip to content\n\nJune 8, 1962\n\n\xff\xfe broken\n")
    result = runner.invoke(cli, ["build", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    assert "bad.txt, line 5" in result.stderr and "UTF-8" in result.stderr
    assert "documents 1," in result.stderr and "1 file(s) or record(s) could not be converted" in result.stderr
    assert (tmp_path / "out" / "rdfkit.ttl").stat().st_size > 0


def test_build_with_nothing_converted_exits_2(tmp_path: Path, runner: CliRunner) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "bad.txt").write_bytes(b"Skip to content\n\n\xff\n")
    result = runner.invoke(cli, ["build", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2


def test_an_unexpected_failure_on_one_file_does_not_lose_the_batch(tmp_path: Path, monkeypatch) -> None:
    from rdfkit.converters import da_page
    from rdfkit.pipeline import convert

    real = da_page.page_to_document

    def explode_on_reply(page, rel):
        if "Reply to" in page.title.text:
            raise KeyError("boom")
        return real(page, rel)

    monkeypatch.setattr(da_page, "page_to_document", explode_on_reply)
    result = convert([SEEDS])
    assert [d.key for d in result.documents] == ["da-118200"]
    (error,) = result.errors
    assert "001_313838d95ed2d7ea.txt" in str(error) and "bug in rdfkit" in str(error)


def test_stdin_and_stdout_pipe_convert_into_validate(runner: CliRunner) -> None:
    page = SEED0.read_bytes()
    converted = runner.invoke(cli, ["convert", "-"], input=page)
    assert converted.exit_code == 0, converted.stderr
    assert b"stdin" in converted.stdout_bytes  # the provenance names the source
    checked = runner.invoke(cli, ["validate", "-"], input=converted.stdout_bytes)
    assert checked.exit_code == 0, checked.output
    counted = runner.invoke(cli, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?p a rk:Person }", "-", "-f", "csv"],
                            input=converted.stdout_bytes)
    assert counted.stdout.split() == ["n", "5"]


def test_stdin_in_another_syntax(runner: CliRunner) -> None:
    nt = runner.invoke(cli, ["convert", str(SEED0), "-f", "nt"]).stdout_bytes
    checked = runner.invoke(cli, ["validate", "-", "--data-format", "nt"], input=nt)
    assert checked.exit_code == 0, checked.output
    wrong = runner.invoke(cli, ["validate", "-"], input=b"<a> <b> .\n")
    assert wrong.exit_code == 2 and "<stdin>" in wrong.stderr


def test_convert_stream_writes_nquads_like_the_batch_does(tmp_path: Path, runner: CliRunner) -> None:
    empty = tmp_path / "no-authorities"
    empty.mkdir()
    one, two = tmp_path / "one.nq", tmp_path / "two.nq"
    args = ["--no-record", "--authorities", str(empty)]
    streamed = runner.invoke(cli, ["convert", str(SEEDS), "--stream", "-o", str(one), *args])
    assert streamed.exit_code == 0, streamed.stderr
    assert "streamed 2 documents" in streamed.stderr
    parallel = runner.invoke(cli, ["convert", str(SEEDS), "--stream", "--workers", "2", "-o", str(two), *args])
    assert parallel.exit_code == 0 and two.read_bytes() == one.read_bytes()
    batch = runner.invoke(cli, ["convert", str(SEEDS), "-f", "nquads", *args]).stdout_bytes
    graph_of = lambda data: {line.rsplit(" ", 2)[-2] for line in data.decode().splitlines()}  # noqa: E731
    assert graph_of(one.read_bytes()) == graph_of(batch)  # one named graph per document, in both

    def people(data: bytes) -> list[str]:
        return sorted({line.split()[0] for line in data.decode().splitlines()
                       if "/person/" in line.split()[0] and "chervonenko" in line.split()[0]})

    # With no authority and one document at a time, "Chervonenko" (seed 000) is met before
    # "[Stepan] Chervonenko" (seed 001): both documents still name one person, under the key minted first.
    assert people(one.read_bytes()) == ["<https://w3id.org/rdfkit/id/person/chervonenko>"]
    # With the shipped authority file, he is its entry from the first document on.
    shipped = runner.invoke(cli, ["convert", str(SEEDS), "--stream", "--no-record"])
    assert people(shipped.stdout_bytes) == ["<https://w3id.org/rdfkit/id/person/stepan-chervonenko>"]
    refused = runner.invoke(cli, ["convert", str(SEEDS), "--stream", "-f", "turtle", *args])
    assert refused.exit_code == 2 and "nquads" in refused.stderr
