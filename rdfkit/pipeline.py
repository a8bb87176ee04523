"""Convert source files into one RDF dataset: a named graph per source record.

    >>> from rdfkit.pipeline import convert
    >>> result = convert(["data/seeds"])          # doctest: +SKIP
    >>> len(result.documents), len(result.errors)  # doctest: +SKIP
    (2, 0)

A bad file does not stop the batch: its error is kept in ``result.errors`` (with file, line and what
to do) and every other file is converted.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterable, Iterator

from rdflib import Dataset

from .converters import Converter, converters
from .converters.records import SkippedRecord
from .errors import ConversionError, RdfkitError, SourceError, SourceNotFound, UsageError
from .authority import Authority
from .identity import resolve
from .mapping import document_triples, graph_iri
from .model import Document

if TYPE_CHECKING:
    from .validate import ValidationReport

#: Files in a source folder that are documentation, not records.
IGNORED_NAMES = ("readme", "provenance", "license", "licence")
#: Folders in a source folder that hold rdfkit's own data, not records.
IGNORED_FOLDERS = ("authorities",)
#: Files that configure a converter (a CSV file's column mapping), not records.
IGNORED_SUFFIXES = (".mapping.json", ".md")


@dataclass
class ConversionResult:
    """What a batch conversion produced: documents, the dataset, and what went wrong where."""

    documents: list[Document] = field(default_factory=list)
    dataset: Dataset = field(default_factory=Dataset)
    errors: list[SourceError] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    #: records a converter left out on purpose (a collection in a file of documents), with the reason
    skipped_records: list[SkippedRecord] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return [f"{d.source.path}: {w}" for d in self.documents for w in d.warnings]


def iter_source_files(sources: Iterable[str | Path]) -> Iterable[tuple[Path, Path, bool]]:
    """Yield ``(file, root, explicit)``: folders are walked (sorted, hidden and documentation files left
    out); ``explicit`` is True for files named on the command line; ``-`` stands for stdin."""
    for s in sources:
        path = Path(s)
        if path.is_dir():
            for child in _walk(path):
                if child.stem.lower().startswith(IGNORED_NAMES) or child.name.lower().endswith(IGNORED_SUFFIXES):
                    continue
                yield child, path, False
        else:
            yield path, path.parent, True


def _walk(folder: Path) -> Iterator[Path]:
    """The files below ``folder`` in a fixed order (entries sorted by name, a folder's files before its
    sub-folders), one folder listing in memory at a time; hidden and ``authorities`` folders left out."""
    with os.scandir(folder) as it:
        entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    folders = []
    for entry in entries:
        if entry.is_dir():
            if entry.name not in IGNORED_FOLDERS:
                folders.append(entry.path)
        elif entry.is_file():
            yield Path(entry.path)
    for sub in folders:
        yield from _walk(Path(sub))


def pick_converter(data: bytes, path: Path, kind: str = "auto") -> Converter | None:
    """The converter named by ``kind``, or the first whose ``sniff`` accepts the source."""
    if kind != "auto":
        return converters.get(kind)()
    for conv in _instances():
        if conv.sniff(data, path):
            return conv
    return None


_INSTANCES: list[Converter] = []


def _instances() -> list[Converter]:
    """One instance of each registered converter, in name order (converters keep no state between files)."""
    if not _INSTANCES:
        _INSTANCES.extend(converters.get(name)() for name in converters.names())
    return _INSTANCES


def read_source(path: Path) -> bytes:
    """The bytes of one source: the file, or stdin for ``-``."""
    if str(path) == "-":
        return sys.stdin.buffer.read()
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceNotFound("no such file or folder", path=path, hint="Check the path and try again.") from None
    except OSError as exc:
        raise SourceNotFound(f"cannot read: {exc.strerror}", path=path, hint="Check the path and its permissions.") from None


def _relative(path: Path, root: Path) -> str:
    if str(path) == "-":
        return "stdin"
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def convert_file(path: Path, root: Path, explicit: bool, kind: str = "auto"
                 ) -> tuple[list[Document], list[SourceError], bool]:
    """Convert one source file: its documents, its errors, and whether no converter took it.

    Never raises: a bad file, or a bug on one file, becomes an error naming the file.
    """
    try:
        data = read_source(path)
        conv = pick_converter(data, path, kind)
        if conv is None:
            if explicit:
                raise ConversionError(
                    "no converter recognises this file", path=path,
                    hint=f"Name the kind with --from (one of: {', '.join(converters.names())}).")
            return [], [], True
        documents = conv.convert(data, path, _relative(path, root))
        # A file of many records (CSV, JSON Lines, CSL-JSON) returns a Records list that also carries the
        # records it could not convert: they are this file's errors, and its good records are kept.
        return documents, list(getattr(documents, "errors", ())), False
    except RdfkitError as exc:
        return [], [exc if isinstance(exc, SourceError) else SourceError(str(exc), path=path)], False
    except Exception as exc:  # a bug on one file must not lose the rest of the batch
        error = ConversionError(
            f"rdfkit failed on this file ({type(exc).__name__}: {exc})", path=path,
            hint="This is a bug in rdfkit: please report it with the file. The other files were converted.")
        error.__cause__ = exc
        return [], [error], False


def convert(sources: Iterable[str | Path], *, kind: str = "auto", base: str | None = None,
            authority: Authority | None = None) -> ConversionResult:
    """Convert every source (folders expanded, ``-`` for stdin) into a dataset, one named graph per record.

    Names are resolved through ``authority`` (see :mod:`rdfkit.authority`; None: no authority file);
    entries it mints are in ``authority`` afterwards, for :meth:`Authority.save_minted`. A source that
    fails is recorded in ``result.errors`` and the others are converted.
    """
    result = ConversionResult()
    for path, root, explicit in iter_source_files(sources):
        documents, errors, skipped = convert_file(path, root, explicit, kind)
        result.documents.extend(documents)
        result.errors.extend(errors)
        result.skipped_records.extend(getattr(documents, "skipped", ()))
        if skipped:
            result.skipped.append(path)
    result.documents = _unique(result.documents, result.errors)
    resolve(result.documents, authority)
    for doc in result.documents:
        ctx = result.dataset.graph(graph_iri(doc, base))
        ctx.addN((s, p, o, ctx) for s, p, o in set(document_triples(doc, base)))
    return result


@dataclass
class StreamResult:
    """What :func:`stream` wrote: counts, and what went wrong where."""

    documents: int = 0
    quads: int = 0
    errors: list[SourceError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def _convert_task(task: tuple[Path, Path, bool, str]) -> tuple[Path, list[Document], list[SourceError], bool]:
    return (task[0], *convert_file(*task))


def stream(sources: Iterable[str | Path], out: IO[bytes], *, fmt: str = "nquads", kind: str = "auto",
           base: str | None = None, authority: Authority | None = None, workers: int = 1) -> StreamResult:
    """Convert a large collection straight to N-Quads (or N-Triples) without holding it in memory.

    Documents are written as they are converted, in source order, each document's lines sorted; memory
    stays flat (one document and the authority). Names are resolved through ``authority`` one document at
    a time, minting as it goes: a surname met before any full name of that person gets its own entry,
    which :meth:`Authority.merge` can fold in later (batch :func:`convert` unifies those itself). With
    ``workers`` > 1 the pages are read and parsed in that many processes.

        >>> import io
        >>> buffer = io.BytesIO()
        >>> stream(["data/seeds"], buffer).documents          # doctest: +SKIP
        2
    """
    import multiprocessing

    import pyoxigraph as ox

    from .rdfio import get_format, to_ox

    rdf_format = get_format(fmt)
    if rdf_format.name not in ("nquads", "nt"):
        raise UsageError(f"cannot stream {rdf_format.name}", hint="Streaming writes nquads or nt; use -f nquads.")
    authority = authority if authority is not None else Authority.load(None)
    result = StreamResult()
    seen: dict[str, str] = {}
    sources = list(sources)
    tasks = ((path, root, explicit, kind) for path, root, explicit in iter_source_files(sources))
    if any(str(s) == "-" for s in sources):
        workers = 1  # stdin can only be read here
    pool = multiprocessing.get_context("spawn").Pool(workers) if workers > 1 else None
    try:
        converted = pool.imap(_convert_task, tasks, chunksize=8) if pool else map(_convert_task, tasks)
        for path, documents, errors, skipped in converted:
            result.errors.extend(errors)
            if skipped:
                result.skipped.append(path)
            for doc in _unique_stream(documents, seen, result.errors):
                resolve([doc], authority)
                graph = to_ox(graph_iri(doc, base))
                quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph)  # type: ignore[arg-type]
                         for s, p, o in set(document_triples(doc, base))]
                data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) if rdf_format.name == "nquads" else \
                    ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
                lines = sorted((data or b"").splitlines())  # same document, same bytes
                out.write(b"\n".join(lines) + b"\n")
                result.documents += 1
                result.quads += len(lines)
                result.warnings += [f"{doc.source.path}: {w}" for w in doc.warnings]
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return result


def _unique_stream(documents: list[Document], seen: dict[str, str], errors: list[SourceError]) -> list[Document]:
    """The documents whose key was not seen before; ``seen`` maps keys to the file that had them first."""
    out = []
    for doc in documents:
        if doc.key in seen:
            errors.append(ConversionError(f"same record as {seen[doc.key]} ({doc.key}); this copy was left out",
                                          path=doc.source.path, hint="Remove one of the two copies."))
        else:
            seen[doc.key] = doc.source.path
            out.append(doc)
    return out


def _unique(documents: list[Document], errors: list[SourceError]) -> list[Document]:
    """Keep the first of several records with the same key and report the others."""
    return _unique_stream(documents, {}, errors)


@dataclass
class BuildResult:
    """What :func:`build` did: the conversion, the validation report, the files written and the counts."""

    conversion: ConversionResult
    report: "ValidationReport"
    files: dict[str, Path]
    counts: dict[str, int]

    @property
    def exit_code(self) -> int:
        """0 done and conforming, 1 violations found, 2 nothing could be converted."""
        if not self.conversion.documents:
            return 2
        return self.report.exit_code

    def summary(self) -> str:
        """The short summary ``rdfkit build`` prints to stderr."""
        c = self.counts
        lines = [
            f"documents {c['documents']}, people {c['people']}, organisations {c['organisations']}, "
            f"events {c['events']}, citations {c['citations']}, triples {c['triples']}, "
            f"violations {c['violations']}, warnings {c['warnings']}",
        ]
        if self.conversion.errors:
            lines.append(f"{len(self.conversion.errors)} file(s) or record(s) could not be converted "
                         "(see the errors above)")
        return "\n".join(lines)


#: The files ``build`` writes, by role, named inside the output folder.
BUILD_FILES = {
    "turtle": "rdfkit.ttl",
    "json-ld": "rdfkit.jsonld",
    "nt": "rdfkit.nt",
    "trig": "rdfkit.trig",
    "void": "void.ttl",
    "report-text": "validation.txt",
    "report-html": "validation.html",
    "report-turtle": "validation.ttl",
    "store": "store",
}


def count(dataset: Dataset) -> dict[str, int]:
    """Count documents, people, organisations, events, citations and triples in a built dataset."""
    from rdflib.namespace import DCTERMS, RDF

    from .graph import RK

    union = set()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    typed = lambda cls: {s for s, p, o in union if p == RDF.type and o == cls}  # noqa: E731
    referenced = {o for s, p, o in union if p == DCTERMS.references}
    return {
        "documents": len(typed(RK.Document) - referenced),
        "people": len(typed(RK.Person)),
        "organisations": len(typed(RK.Organization)),
        "events": len(typed(RK.Meeting)),
        "citations": len({s for s, p, o in union if p == DCTERMS.bibliographicCitation}),
        "triples": len(union),
    }


def build(sources: Iterable[str | Path], out_dir: str | Path = "out", *, base: str | None = None,
          store: bool = True, authority: Authority | None = None) -> BuildResult:
    """The main job: convert, validate, write every export, the VoID description and the store.

    Files written to ``out_dir`` are listed in :data:`BUILD_FILES`. Raises nothing for bad records
    (they are in ``result.conversion.errors``); raises :class:`~rdfkit.errors.RdfkitError` when the
    output folder cannot be written.
    """
    from .export import serialize, void_description
    from .store import write_store
    from .validate import validate

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    conversion = convert(sources, base=base, authority=authority)
    ds = conversion.dataset
    report = validate(ds, workers=None)  # in shards when the data is large
    files: dict[str, Path] = {}
    for fmt in ("turtle", "json-ld", "nt", "trig"):
        files[fmt] = out / BUILD_FILES[fmt]
        files[fmt].write_bytes(serialize(ds, fmt, base=base))
    files["void"] = out / BUILD_FILES["void"]
    void = void_description(ds, base=base, dumps=[files[f].name for f in ("turtle", "json-ld", "nt", "trig")])
    files["void"].write_bytes(serialize(void, "turtle", base=base))
    files["report-text"] = out / BUILD_FILES["report-text"]
    files["report-text"].write_text(report.to_text(limit=None) + "\n", encoding="utf-8")
    files["report-html"] = out / BUILD_FILES["report-html"]
    files["report-html"].write_text(report.to_html(), encoding="utf-8")
    files["report-turtle"] = out / BUILD_FILES["report-turtle"]
    files["report-turtle"].write_text(report.to_turtle(), encoding="utf-8")
    if store:
        files["store"] = out / BUILD_FILES["store"]
        write_store(ds, files["store"])
    counts = count(ds)
    counts["violations"] = report.counts.get("Violation", 0)
    counts["warnings"] = report.counts.get("Warning", 0)
    return BuildResult(conversion, report, files, counts)
