"""W3C SHACL core conformance: every ``sht:Validate`` test of the W3C suite through rdfkit.

The test data in ``tests/data/w3c/shacl-core/`` is the W3C suite's ``tests/core/`` folder, copied
byte for byte (provenance and licence in ``tests/data/w3c/README.md``; never edit those files).
``core/manifest.ttl`` pulls in one manifest per folder through ``mf:include``; each of those
includes test files whose ``mf:entries`` list the tests. Every file is parsed with its own
``file://`` URI as the base, as the suite requires, so ``<>`` and relative IRIs resolve to it.

Each test runs :func:`rdfkit.validate.validate` on its ``sht:dataGraph`` and ``sht:shapesGraph``
and compares ``report.graph`` with the expected ``mf:result`` using pySHACL's own comparison,
``pyshacl.validator_conformance.check_sht_result`` (focus node, value and path of every result,
the result count, and ``sh:conforms``). It also checks that rdfkit's ``conforms`` (which ignores
Warnings and Infos) agrees with the expected results.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from pyshacl.validator_conformance import check_sht_result
from rdflib import RDF, Namespace, URIRef
from rdflib.term import Node

from rdfkit.errors import ShapesError
from rdfkit.rdfio import read_graph
from rdfkit.validate import validate

SUITE = Path(__file__).parent / "data" / "w3c" / "shacl-core"
ROOT_MANIFEST = SUITE / "manifest.ttl"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
SH = Namespace("http://www.w3.org/ns/shacl#")

#: Tests expected to fail, with the reason. strict: a test that starts passing fails the run,
#: so this list only ever shrinks. Currently empty:
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
XFAIL: dict[str, str] = {}


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


def _params() -> list:
    params = []
    for test_id, path, entry in ENTRIES:
        marks = [pytest.mark.xfail(reason=XFAIL[test_id], strict=True)] if test_id in XFAIL else []
        params.append(pytest.param(path, entry, id=test_id, marks=marks))
    return params


def test_suite_is_complete() -> None:
    assert len(ENTRIES) == 98, [e[0] for e in ENTRIES]
    assert len({e[0] for e in ENTRIES}) == 98
    unknown = set(XFAIL) - {e[0] for e in ENTRIES}
    assert not unknown, f"xfail entries for tests that do not exist: {unknown}"


@pytest.mark.parametrize(("manifest_path", "entry"), _params())
def test_w3c_shacl_core(manifest_path: Path, entry: URIRef, caplog: pytest.LogCaptureFixture) -> None:
    manifest = read_graph([manifest_path])
    action = manifest.value(entry, MF.action)
    expected = manifest.value(entry, MF.result)
    assert action is not None and expected is not None
    data_path = _path_of(manifest.value(action, SHT.dataGraph))
    shapes_path = _path_of(manifest.value(action, SHT.shapesGraph))

    try:
        report = validate([data_path], [shapes_path])
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
