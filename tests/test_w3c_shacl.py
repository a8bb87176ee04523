"""W3C SHACL core conformance: every ``sht:Validate`` test of the W3C suite through rdfkit.

The test data in ``tests/data/w3c/shacl-core/`` is the W3C suite's ``tests/core/`` folder, copied
byte for byte (provenance and licence in ``tests/data/w3c/README.md``; never edit those files).
``core/manifest.ttl`` pulls in one manifest per folder through ``mf:include``; each of those
includes test files whose ``mf:entries`` list the tests. Every file is parsed with its own
``file://`` URI as the base, as the suite requires, so ``<>`` and relative IRIs resolve to it.

Each test runs :func:`rdfkit.validate.validate` with each engine (the compiled ``shacl`` engine and
pySHACL) on its ``sht:dataGraph`` and ``sht:shapesGraph``
and compares ``report.graph`` with the expected ``mf:result`` using pySHACL's own comparison,
``pyshacl.validator_conformance.check_sht_result`` (focus node, value and path of every result,
the result count, and ``sh:conforms``). It also checks that rdfkit's ``conforms`` (which ignores
Warnings and Infos) agrees with the expected results. ``test_engines_agree`` asserts that both
engines give the same set of results (focus node, path, component, severity, value) on every test.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from pyshacl.validator_conformance import check_sht_result
from rdflib import RDF, BNode, Graph, Namespace, URIRef
from rdflib.term import Node

from rdfkit.errors import ShapesError
from rdfkit.rdfio import read_graph
from rdfkit.validate import validate

SUITE = Path(__file__).parent / "data" / "w3c" / "shacl-core"
ROOT_MANIFEST = SUITE / "manifest.ttl"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
SH = Namespace("http://www.w3.org/ns/shacl#")

#: Tests expected to fail, with the reason. strict: a test that starts passing fails the run.
#: One, on purpose:
#:
#: - ``path/path-strange-002`` gives a shape whose ``sh:path`` is both a list and an
#:   ``sh:inversePath``, and expects processors to report on the valid part. rdfkit checks every
#:   shapes graph against SHACL-SHACL first and refuses ill-formed shapes with an error that names
#:   the shape (SHACL leaves the outcome of validating with an ill-formed shapes graph
#:   undefined); a librarian is better served by "this shape is broken" than by half a check.
#:
#: And two that pass and explain why:
#:
#: - ``misc/severity-001`` expects ``sh:conforms false`` when the only result is a Warning.
#:   It passes because rdfkit runs pySHACL with ``allow_warnings=False`` (the report graph keeps
#:   SHACL's meaning of ``sh:conforms``) and applies its own Warning/Info rule to
#:   ``ValidationReport.conforms`` instead.
#: - ``property/uniqueLang-002`` uses ``sh:uniqueLang "1"^^xsd:boolean``, which the suite says
#:   must NOT switch the constraint on (only ``true`` does). rdflib's literal normalisation
#:   rewrites ``"1"^^xsd:boolean`` to ``"true"`` while building the term, so shapes read through
#:   rdflib with default settings report a violation. pySHACL turns normalisation off while it
#:   parses shapes; rdfkit does the same when it reads shapes files (``_pyshacl_literals`` in
#:   ``rdfkit/validate.py``), so the test passes.
XFAIL: dict[str, str] = {
    "path/path-strange-002": "rdfkit refuses shapes that SHACL-SHACL finds ill-formed",
}


def _path_of(uri: Node) -> Path:
    parsed = urlparse(str(uri))
    assert parsed.scheme == "file", f"not a local file: {uri}"
    return Path(unquote(parsed.path))


def _manifest_files(path: Path, seen: set[Path] | None = None) -> list[Path]:
    """``path`` and every manifest or test file it includes, depth first."""
    seen = set() if seen is None else seen
    path = path.resolve()
    if path in seen:
        return []
    seen.add(path)
    out = [path]
    graph = read_graph([path])
    for included in sorted(graph.objects(URIRef(path.as_uri()), MF.include), key=str):
        out += _manifest_files(_path_of(included), seen)
    return out


def _validate_entries() -> list[tuple[str, Path, URIRef]]:
    """``(test id, file, entry IRI)`` for every ``sht:Validate`` entry of the suite."""
    found = []
    for path in _manifest_files(ROOT_MANIFEST):
        graph = read_graph([path])
        for manifest in graph.subjects(RDF.type, MF.Manifest):
            for entries in graph.objects(manifest, MF.entries):
                for entry in graph.items(entries):
                    if (entry, RDF.type, SHT.Validate) in graph:
                        test_id = _path_of(entry).relative_to(SUITE.resolve()).as_posix()
                        found.append((test_id.removesuffix(".ttl"), path, entry))
    return sorted(found)


ENTRIES = _validate_entries()


def _params(engines: tuple[str, ...] = ("shacl", "pyshacl"), xfail: bool = True) -> list:
    params = []
    for engine in engines:
        for test_id, path, entry in ENTRIES:
            marks = [pytest.mark.xfail(reason=XFAIL[test_id], strict=True)] if xfail and test_id in XFAIL else []
            params.append(pytest.param(path, entry, engine, id=f"{engine}:{test_id}", marks=marks))
    return params


def _files(manifest_path: Path, entry: URIRef) -> tuple[Graph, Path, Path, Node]:
    manifest = read_graph([manifest_path])
    action = manifest.value(entry, MF.action)
    expected = manifest.value(entry, MF.result)
    assert action is not None and expected is not None
    return (manifest, _path_of(manifest.value(action, SHT.dataGraph)),
            _path_of(manifest.value(action, SHT.shapesGraph)), expected)


def test_suite_is_complete() -> None:
    assert len(ENTRIES) == 98, [e[0] for e in ENTRIES]
    assert len({e[0] for e in ENTRIES}) == 98
    unknown = set(XFAIL) - {e[0] for e in ENTRIES}
    assert not unknown, f"xfail entries for tests that do not exist: {unknown}"


@pytest.mark.parametrize(("manifest_path", "entry", "engine"), _params())
def test_w3c_shacl_core(manifest_path: Path, entry: URIRef, engine: str, caplog: pytest.LogCaptureFixture) -> None:
    manifest, data_path, shapes_path, expected = _files(manifest_path, entry)
    try:
        report = validate([data_path], [shapes_path], engine=engine)
    except ShapesError:
        # The suite's way of saying "the processor must refuse these shapes".
        assert expected == SHT.Failure, "rdfkit refused shapes the suite considers valid"
        return
    assert expected != SHT.Failure, "the suite expects a failure, rdfkit produced a report"

    # What rdfkit calls conforming: no result other than Warnings and Infos.
    severities = {manifest.value(r, SH.resultSeverity) for r in manifest.objects(expected, SH.result)}
    assert report.conforms == severities.issubset({SH.Warning, SH.Info})

    log = logging.getLogger("w3c-shacl")
    with caplog.at_level(logging.ERROR, logger="w3c-shacl"):
        passed = check_sht_result(report.graph, manifest, expected, log=log)
    assert passed, (
        f"report differs from the expected result of {entry}:\n{caplog.text}\n"
        f"got:\n{report.graph.serialize(format='turtle')}"
    )


def _comparable(report: object) -> Counter[tuple[str, ...]]:
    """Result keys with blank nodes written as ``_:`` (each engine parses the files itself, so
    blank node labels differ between them)."""
    def text(term: object) -> str:
        return "_:" if isinstance(term, BNode) else "" if term is None else str(term)

    return Counter(tuple(text(t) for t in r.key()) for r in report.results)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("manifest_path", "entry", "engine"), _params(("shacl",), xfail=False))
def test_engines_agree(manifest_path: Path, entry: URIRef, engine: str) -> None:
    _, data_path, shapes_path, _ = _files(manifest_path, entry)
    reports = []
    for name in ("shacl", "pyshacl"):
        try:
            reports.append(validate([data_path], [shapes_path], engine=name))
        except ShapesError as exc:
            reports.append(type(exc).__name__)  # type: ignore[arg-type]
    fast, reference = reports
    if isinstance(reference, str) or isinstance(fast, str):
        assert fast == reference, "one engine refused the shapes, the other did not"
        return
    assert _comparable(fast) == _comparable(reference)
