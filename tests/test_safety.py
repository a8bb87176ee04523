"""DESIGN.md section 8: reading input never touches the network or files outside the inputs."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from rdfkit.errors import SourceSyntaxError
from rdfkit.graph import clean_text
from rdfkit.rdfio import read_dataset


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("rdfkit tried to open a network connection while reading input")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_remote_jsonld_context_is_never_fetched(tmp_path: Path, no_network) -> None:
    doc = tmp_path / "remote.jsonld"
    doc.write_text('{"@context": "http://127.0.0.1:9/ctx.jsonld", "@id": "http://e/a", "name": "x"}')
    with pytest.raises(SourceSyntaxError) as err:
        read_dataset([doc])
    assert "remote @context" in str(err.value) and "remote.jsonld" in str(err.value)
    assert "inline" in str(err.value)


def test_rdfxml_external_entities_are_not_expanded(tmp_path: Path, no_network) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    doc = tmp_path / "xxe.rdf"
    doc.write_text(
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rdf:RDF [ <!ENTITY secret SYSTEM "{secret.as_uri()}"> ]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://e/">\n'
        '  <rdf:Description rdf:about="http://e/a"><ex:p>&secret;</ex:p></rdf:Description>\n'
        "</rdf:RDF>\n")
    try:
        ds = read_dataset([doc])
    except SourceSyntaxError as exc:
        assert "xxe.rdf" in str(exc)
    else:
        assert "TOP SECRET" not in {str(o) for o in ds.objects()}


def test_owl_imports_in_data_are_not_followed(tmp_path: Path, no_network) -> None:
    from rdfkit.validate import validate

    data = tmp_path / "imports.ttl"
    data.write_text("<urn:a> <http://www.w3.org/2002/07/owl#imports> <http://127.0.0.1:9/onto.ttl> .\n")
    assert validate([data]).conforms


def test_text_is_normalised_before_it_becomes_a_literal() -> None:
    assert clean_text("Cafe\u0301\x00 \ud800talks\u00a0 ") == "Caf\u00e9 talks"
