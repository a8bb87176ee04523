"""The ``rdfkit`` command: a thin layer over the library.

Exit codes: 0 done (and conforming), 1 validation found violations, 2 bad usage or unreadable
input, 3 a SPARQL server failed or refused.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import RdfkitError, UsageError

EXIT_CODES = """\b
Exit codes:
  0  done (and the data conforms to the shapes)
  1  validation found violations
  2  bad usage or unreadable input
  3  a SPARQL server failed or refused"""


class RdfkitGroup(click.Group):
    """Turns every :class:`RdfkitError` into a clear message and its exit code, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RdfkitError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=RdfkitGroup, epilog=EXIT_CODES)
@click.version_option(__version__, prog_name="rdfkit")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn archival documents into validated, queryable Linked Data.

    \b
    Example:
        rdfkit build data/ -o out/
    """
    ctx.obj = {"debug": debug}


def _write_stdout(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _authority(folder: Path | None) -> Any:
    """The authority folder in use, loaded; None when there is none."""
    from .authority import Authority, default_folder

    folder = folder or default_folder()
    return Authority.load(folder) if folder is not None else None


def _save_minted(authority: Any, record: bool) -> None:
    if authority is not None and record:
        path = authority.save_minted()
        if path is not None:
            click.echo(f"recorded new names in {path}", err=True)


AUTHORITIES_HELP = ("Authority folder for names (default: RDFKIT_AUTHORITIES, else data/authorities if it exists; "
                    "see docs/authorities.md).")


def _echo_errors(errors: list, warnings: list[str], quiet: bool = False) -> None:
    debug = bool((click.get_current_context().find_root().obj or {}).get("debug"))
    for err in errors:
        if debug and err.__cause__ is not None:
            traceback.print_exception(err.__cause__)
        click.echo(f"error: {err}", err=True)
    if not quiet:
        for warning in warnings:
            click.echo(f"warning: {warning}", err=True)


@cli.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", default="out", show_default=True, type=click.Path(path_type=Path),
              help="Folder for the exports, the validation report and the store.")
@click.option("--base", envvar="RDFKIT_BASE", help="Base IRI for minted data IRIs (or RDFKIT_BASE).")
@click.option("--no-store", is_flag=True, help="Do not fill the embedded store.")
@click.option("--authorities", "authorities", type=click.Path(path_type=Path), envvar="RDFKIT_AUTHORITIES",
              help=AUTHORITIES_HELP)
@click.option("--no-record", is_flag=True, help="Do not record names the authority does not know (minted.csv).")
def build(sources: tuple[Path, ...], out_dir: Path, base: str | None, no_store: bool, authorities: Path | None,
          no_record: bool) -> None:
    """Build everything: convert, validate, export (Turtle, JSON-LD, N-Triples, TriG, VoID) and fill the store.

    SOURCES are files or folders (default: data/). A bad file is reported and the rest is built.

    \b
    Example:
        rdfkit build data/ -o out/
    """
    from .pipeline import build as run_build

    authority = _authority(authorities)
    result = run_build(sources or [Path("data")], out_dir, base=base, store=not no_store, authority=authority)
    _save_minted(authority, not no_record)
    _echo_errors(result.conversion.errors, result.conversion.warnings)
    click.echo(result.summary(), err=True)
    click.echo(f"wrote {out_dir}/ ({', '.join(sorted(p.name for p in result.files.values()))})", err=True)
    sys.exit(result.exit_code)


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--from", "kind", default="auto", show_default=True,
              help="Kind of input (see `rdfkit converters`); auto recognises it.")
@click.option("-f", "--format", "fmt", help="turtle, json-ld, nt, nquads or trig (default: from -o, else turtle).")
@click.option("-o", "--output", default="-", show_default=True, type=click.Path(allow_dash=True, path_type=Path),
              help="Output file; - is stdout.")
@click.option("--base", envvar="RDFKIT_BASE", help="Base IRI for minted data IRIs (or RDFKIT_BASE).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings.")
@click.option("--authorities", "authorities", type=click.Path(path_type=Path), envvar="RDFKIT_AUTHORITIES",
              help=AUTHORITIES_HELP)
@click.option("--no-record", is_flag=True, help="Do not record names the authority does not know (minted.csv).")
@click.option("--stream", "streaming", is_flag=True,
              help="Write N-Quads (or -f nt) as documents are converted, for collections too big for memory.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="With --stream: processes that read and parse the sources.")
def convert(sources: tuple[Path, ...], kind: str, fmt: str | None, output: Path, base: str | None,
            quiet: bool, authorities: Path | None, no_record: bool, streaming: bool, workers: int) -> None:
    """Convert source files (DA page text) to RDF; - reads a source from stdin.

    Bad files are reported on stderr and the rest is converted (exit 0); exit 2 if nothing converted.

    \b
    Examples:
        rdfkit convert data/seeds/*.txt -f trig -o seeds.trig
        cat page.txt | rdfkit convert - -f nt
        rdfkit convert pages/ --stream --workers 2 -o collection.nq
    """
    from .export import serialize
    from .pipeline import convert as run_convert
    from .rdfio import format_for_path, get_format

    if kind != "auto":
        from .converters import converters

        converters.get(kind)  # an unknown name fails here, listing the known ones
    rdf_format = get_format(fmt) if fmt else (
        format_for_path(output, default="turtle") if str(output) != "-" else get_format("turtle"))
    authority = _authority(authorities)
    if streaming:
        from .pipeline import stream

        fmt_name = rdf_format.name if (fmt or str(output) != "-") else "nquads"
        with (open(output, "wb") if str(output) != "-" else contextlib.nullcontext(sys.stdout.buffer)) as sink:
            streamed = stream(sources, sink, fmt=fmt_name, kind=kind, base=base, authority=authority, workers=workers)
        _save_minted(authority, not no_record)
        _echo_errors(streamed.errors, streamed.warnings, quiet)
        click.echo(f"streamed {streamed.documents} documents, {streamed.quads} quads", err=True)
        sys.exit(0 if streamed.documents else 2)
    result = run_convert(sources, kind=kind, base=base, authority=authority)
    _save_minted(authority, not no_record)
    _echo_errors(result.errors, result.warnings, quiet)
    if not quiet:
        for note in result.skipped_records:
            click.echo(f"note: {note}", err=True)
    if not result.documents:
        click.echo("Error: nothing was converted.", err=True)
        sys.exit(2)
    data = serialize(result.dataset, rdf_format.name, base=base)
    if str(output) == "-":
        _write_stdout(data)
    else:
        output.write_bytes(data)
        click.echo(f"wrote {output} ({len(result.documents)} documents)", err=True)


#: ``rdfkit.validate.FAIL_ON`` and ``ENGINES``, written out so that ``--help`` does not import rdflib
#: (tests/test_cli.py checks they agree).
FAIL_ON = ("violation", "warning", "info")
ENGINES = ("auto", "shacl", "pyshacl")


@cli.command()
@click.argument("data", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--shapes", multiple=True, type=click.Path(path_type=Path),
              help="Shapes file or folder (repeatable); default: rdfkit's shapes.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "html", "json", "turtle"]), default="text",
              show_default=True, help="Report format: text for the terminal, html for a page to open and "
              "share, json for programs, turtle for the standard SHACL report graph.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the report to this file instead of stdout.")
@click.option("--limit", type=click.IntRange(min=0), default=None, metavar="N",
              help="Show at most N results of each kind of problem, then \"… and 4,812 more like this\" "
              "(text: default 10; html: default all; 0 = all).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="violation", show_default=True,
              help="The least severe result that makes the exit code 1.")
@click.option("--lang", metavar="LANG", help="Messages in this language where the shapes give one "
              "(sh:message \"…\"@zh); English otherwise.")
@click.option("--engine", type=click.Choice(ENGINES), default="auto", show_default=True,
              help="auto: the compiled shacl engine unless the shapes need pySHACL; or name one.")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Validate in N shards in parallel (default: all cores for large inputs, else 1).")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: when a terminal).")
@click.option("--data-format", help="Syntax of DATA when the extension does not tell (default for - is turtle).")
def validate(data: tuple[Path, ...], shapes: tuple[Path, ...], fmt: str, output: Path | None, limit: int | None,
             fail_on: str, lang: str | None, engine: str, workers: int | None, color: bool | None,
             data_format: str | None) -> None:
    """Validate RDF files (any syntax, or folders of them) against SHACL shapes.

    The report groups results by record (source document or row), then by kind of problem, with
    the record's title, its file and lines, the value at fault and what to do. Exit 0 when
    nothing reaches --fail-on (by default: no violations), 1 otherwise, 2 on unreadable input or
    broken shapes. DATA may be - to read Turtle (or --data-format) from stdin.

    \b
    Examples:
        rdfkit validate out/rdfkit.trig
        rdfkit validate out/rdfkit.trig -f html -o report.html
        rdfkit validate their-data.ttl --shapes my-shapes.ttl --fail-on warning
        rdfkit convert page.txt | rdfkit validate -
    """
    import json

    from .validate import validate as run_validate

    report = run_validate(list(data), list(shapes) or None, data_format=data_format, engine=engine,
                          workers=workers)
    if report.engine_note:
        click.echo(f"note: validated with pySHACL because {report.engine_note}", err=True)
    if fmt == "json":
        text = json.dumps(report.to_json(lang), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "turtle":
        text = report.to_turtle()
    elif fmt == "html":
        text = report.to_html(limit=limit or None, lang=lang)
    else:
        use_color = color if color is not None else (output is None and sys.stdout.isatty()
                                                       and "NO_COLOR" not in os.environ)
        text = report.to_text(limit=10 if limit is None else limit or None, lang=lang, color=use_color) + "\n"
    if output is None:
        click.echo(text, nl=False, color=bool(color) if fmt == "text" else None)
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror}",
                             hint="Choose a folder you can write to.") from None
        click.echo(f"wrote {output}", err=True)
    sys.exit(1 if report.fails(fail_on) else 0)


@cli.command()
@click.argument("query", required=False)
@click.argument("data", nargs=-1, type=click.Path(path_type=Path))
@click.option("-q", "--query-file", type=click.File("r"), help="Read the query from a file (- is stdin).")
@click.option("-n", "--name", "name", metavar="NAME",
              help="Run a named query shipped with rdfkit (see --list) instead of QUERY.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries: name, parameters, description.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind the variable ?NAME to VALUE: <iri>, id:person/…, \"text\", text@en, 12, 1962-06-08 "
                   "(see docs/queries.md). Repeat for more variables, or for several values of one.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path),
              help="The embedded store to query (default: out/store, when no DATA or --endpoint is given).")
@click.option("--endpoint", metavar="URL", help="Query a SPARQL 1.1 endpoint (http or https) instead of the store.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              metavar="SECONDS", help="Seconds to wait for the endpoint.")
@click.option("-f", "--format", "fmt", default="table", show_default=True,
              help="table, csv, tsv or json for SELECT/ASK; an RDF format for CONSTRUCT/DESCRIBE.")
@click.option("--data-format", help="Syntax of DATA when the extension does not tell (default for - is turtle).")
@click.option("--allow-service", is_flag=True, help="Let SERVICE reach other SPARQL servers (refused otherwise).")
@click.option("--with-validation", is_flag=True,
              help="Validate the data first and let the query see the results (store or DATA only).")
@click.option("--show", is_flag=True, help="Print the query as it would run (parameters bound) and stop.")
def query(query: str | None, data: tuple[Path, ...], query_file: Any, name: str | None, list_queries: bool,
          params: tuple[str, ...], store_dir: Path | None, endpoint: str | None, timeout: float, fmt: str,
          data_format: str | None, allow_service: bool, with_validation: bool, show: bool) -> None:
    """Run a SPARQL query over the built store, RDF files or a SPARQL endpoint.

    Queries only read: updates are refused, and SERVICE unless --allow-service. FROM picks graphs
    of the store or files (nothing is downloaded); on an --endpoint it names the server's graphs.

    \b
    Examples:
        rdfkit query 'SELECT ?title WHERE { ?d a rk:Document ; dcterms:title ?title }'
        rdfkit query -q meetings.rq out/rdfkit.trig -f csv
        rdfkit query --list
        rdfkit query --name meetings-of --param person=id:person/zhang-hanfu
        rdfkit query --name documents-between -p from=1962-06 -p to=1962-12 --endpoint http://localhost:7878/query
    """
    from . import queries
    from .store import parse_param, prepare
    from .store import query as run_query

    if list_queries:
        click.echo(queries.list_text(), nl=False)
        return
    if name is not None or query_file is not None:
        if query is not None:  # the first argument is a data file, not a query
            data = (Path(query), *data)
        if name is not None and query_file is not None:
            raise UsageError("give either --name or -q FILE, not both")
        query = query_file.read() if query_file is not None else None
    if not query and name is None:
        raise UsageError("no query given", hint="Pass the query as an argument, with -q FILE, or --name NAME "
                                                "(rdfkit query --list shows the named queries).")
    if sum(bool(x) for x in (data, store_dir, endpoint)) > 1:
        raise UsageError("give one of --store, --endpoint or DATA files")
    values: dict[str, list[str]] = {}
    for text in params:
        key, value = parse_param(text)
        values.setdefault(key, []).append(value)
    named = queries.get(name) if name is not None else None
    sparql = named.text if named is not None else str(query)
    bound: dict[str, Any] = named.values(values) if named is not None else dict(values)
    if show:
        text = prepare(sparql, bound, for_server=endpoint is not None, allow_service=allow_service)
        click.echo(text, nl=not text.endswith("\n"))
        return
    needs_validation = with_validation or (named is not None and "validation" in named.needs)
    result = run_query(sparql, store=None if (data or endpoint) else (store_dir or Path("out/store")),
                       data=list(data) or None, data_format=data_format, endpoint=endpoint, params=bound,
                       allow_service=allow_service, with_validation=needs_validation, timeout=timeout)
    out = result.render(fmt)
    if isinstance(out, bytes):
        _write_stdout(out)
    else:
        click.echo(out, nl=not out.endswith("\n"))


@cli.command()
@click.argument("citation")
@click.option("-f", "--format", "fmt", default="json", show_default=True,
              help="json, or an RDF format (turtle, nt, json-ld) for the repository and record sets.")
@click.option("--base", envvar="RDFKIT_BASE", help="Base IRI for minted data IRIs (or RDFKIT_BASE).")
def cite(citation: str, fmt: str, base: str | None) -> None:
    """Parse an archival citation (a DA "Source" line) into repository, levels, pages and credits.

    Prints one object per archive the string names; what no grammar explains is in "unparsed".

    \b
    Examples:
        rdfkit cite "RGANI, f. 5, op. 49, d. 131, ll. 193-194. Translated by Gary Goldberg."
        rdfkit cite "PRC FMA 118-01765-03, 24-26" -f turtle
    """
    import json

    from .citations import parse_source

    parsed = parse_source(citation)
    if fmt == "json":
        click.echo(json.dumps(parsed.to_json(), indent=2, ensure_ascii=False))
        return
    from .export import serialize
    from .mapping import citation_graph

    _write_stdout(serialize(citation_graph(parsed.citations, parsed.published_in, base), fmt, base=base))


@cli.group()
def authorities() -> None:
    """List, merge and export the people and organisations names are resolved to.

    \b
    Examples:
        rdfkit authorities list --minted
        rdfkit authorities merge zhou-enlai chou-en-lai
        rdfkit authorities export -f turtle -o authorities.ttl
    """


def _load_authority(folder: Path | None) -> Any:
    """The authority folder in use, loaded; an error when there is none."""

    authority = _authority(folder)
    if authority is None:
        raise UsageError("no authority folder", hint="Give one with --authorities DIR (see docs/authorities.md).")
    return authority


@authorities.command("list")
@click.option("--authorities", "folder", type=click.Path(path_type=Path), envvar="RDFKIT_AUTHORITIES",
              help=AUTHORITIES_HELP)
@click.option("--kind", type=click.Choice(["person", "organization"]), help="Only people or only organisations.")
@click.option("--minted", is_flag=True, help="Only the entries rdfkit minted (to review).")
@click.option("--unlinked", is_flag=True, help="Only entries with no Wikidata or VIAF link.")
def authorities_list(folder: Path | None, kind: str | None, minted: bool, unlinked: bool) -> None:
    """List authority entries: id, kind, label, links, file.

    \b
    Example:
        rdfkit authorities list --minted --kind person
    """
    for e in _load_authority(folder).entries():
        if (kind and e.kind != kind) or (minted and e.source != "minted.csv") or (unlinked and e.links):
            continue
        click.echo("\t".join([e.id, e.kind, e.label, " ".join(e.links) or "-", e.source]))


@authorities.command("merge")
@click.argument("keep")
@click.argument("drop")
@click.option("--authorities", "folder", type=click.Path(path_type=Path), envvar="RDFKIT_AUTHORITIES",
              help=AUTHORITIES_HELP)
def authorities_merge(keep: str, drop: str, folder: Path | None) -> None:
    """Merge a minted entry (DROP) into another (KEEP): its names become KEEP's aliases.

    \b
    Example:
        rdfkit authorities merge andrei-gromyko a-gromyko
    """
    entry = _load_authority(folder).merge(keep, drop)
    click.echo(f"merged {drop} into {entry.id} ({entry.label})", err=True)


@authorities.command("export")
@click.option("--authorities", "folder", type=click.Path(path_type=Path), envvar="RDFKIT_AUTHORITIES",
              help=AUTHORITIES_HELP)
@click.option("-f", "--format", "fmt", default="csv", show_default=True, help="csv, or an RDF format (turtle, nt, json-ld).")
@click.option("-o", "--output", default="-", type=click.Path(allow_dash=True, path_type=Path), help="Output file.")
@click.option("--base", envvar="RDFKIT_BASE", help="Base IRI for minted data IRIs (or RDFKIT_BASE).")
def authorities_export(folder: Path | None, fmt: str, output: Path, base: str | None) -> None:
    """Export every entry, curated and minted, for review (CSV) or as RDF.

    \b
    Example:
        rdfkit authorities export -o review.csv
    """
    authority = _load_authority(folder)
    if fmt == "csv":
        data = authority.to_csv().encode("utf-8")
    else:
        from .export import serialize
        from .mapping import authority_graph

        data = serialize(authority_graph(authority.entries(), base), fmt, base=base)
    if str(output) == "-":
        _write_stdout(data)
    else:
        output.write_bytes(data)


@cli.command()
@click.option("--authorities", "folder", type=click.Path(path_type=Path), envvar="RDFKIT_AUTHORITIES",
              help=AUTHORITIES_HELP)
@click.option("--endpoint", envvar="RDFKIT_WIKIDATA_ENDPOINT", metavar="URL",
              help="SPARQL endpoint holding Wikidata (or RDFKIT_WIKIDATA_ENDPOINT; default: the public "
                   "Wikidata Query Service, https://query.wikidata.org/sparql).")
@click.option("--limit", type=click.IntRange(min=0), metavar="N", help="Ask about at most N entries (in id order).")
@click.option("--apply", "apply_", is_flag=True,
              help="Record the decisions typed in candidates.csv instead of asking the endpoint.")
@click.option("--min-interval", type=click.FloatRange(min=0), default=1.0, show_default=True, metavar="S",
              help="Wait at least S seconds between two requests (be polite to public endpoints).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              metavar="S", help="Give up on a request after S seconds (it is retried a few times).")
@click.option("--languages", default=None, metavar="CODES",
              help="Comma-separated language codes of the labels to look up, or 'any' to compare labels in "
                   "every language (slow on the public service; default: English, mul and the archives' "
                   "languages).")
def reconcile(folder: Path | None, endpoint: str | None, limit: int | None, apply_: bool, min_interval: float,
              timeout: float, languages: str | None) -> None:
    """Propose Wikidata links for unlinked authority entries, or apply the decisions a person made.

    Without --apply, asks the endpoint about every entry with no Wikidata link and no decision, and
    writes candidates.csv (with score and evidence) in the authority folder. Type accept or reject
    in its decision column, then run with --apply: accepted links are written into the authority
    files and every decision is kept in decisions.csv, so no later run asks again.

    \b
    Examples:
        rdfkit reconcile --authorities data/authorities --limit 20
        rdfkit reconcile --authorities data/authorities --apply
    """
    from . import reconcile as rec

    authority = _load_authority(folder)
    if apply_:
        if not (authority.folder / rec.CANDIDATES_FILE).is_file():
            click.echo(f"nothing to apply: no {rec.CANDIDATES_FILE} in {authority.folder}; "
                       "run rdfkit reconcile first", err=True)
            return
        counts = rec.apply(authority)
        click.echo(f"accepted {counts['accepted']} (linked in the authority files), rejected {counts['rejected']}; "
                   f"recorded in {authority.folder / rec.DECISIONS_FILE}; "
                   f"{counts['pending']} candidates still await a decision", err=True)
        return
    found = rec.propose(authority, endpoint or rec.WIKIDATA_ENDPOINT, limit=limit, min_interval=min_interval,
                        timeout=timeout, languages=rec.DEFAULT_LANGUAGES if languages is None else languages)
    left_out = f" ({len(found.excluded)} left out: dates contradict)" if found.excluded else ""
    click.echo(f"asked about {len(found.asked)} entries: {len(found)} candidates{left_out}; "
               f"{found.pending} rows await a decision in {found.path}", err=True)
    if found.pending:
        click.echo("Type accept or reject in the decision column, then run: rdfkit reconcile --apply", err=True)


@cli.command("converters")
def list_converters() -> None:
    """List the converters that can read sources (`--from NAME`).

    \b
    Example:
        rdfkit converters
    """
    from .converters import converters

    for name in converters.names():
        cls = converters.get(name)
        doc = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        click.echo(f"{name}\t{doc}")


#: ``rdfkit.publish.SERVERS`` and ``METHODS``, written out so that ``--help`` does not import requests
#: (tests/test_publish.py checks they agree).
PUBLISH_SERVERS = ("auto", "oxigraph", "fuseki", "virtuoso", "generic")
PUBLISH_METHODS = ("put", "update", "batch")


@cli.command()
@click.argument("data", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--endpoint", envvar="RDFKIT_SPARQL_ENDPOINT", metavar="URL",
              help="The server (or RDFKIT_SPARQL_ENDPOINT): http://host:7878 for Oxigraph, the dataset "
                   "http://host:3030/ds for Fuseki, http://host:8890 for Virtuoso, the SPARQL endpoint itself "
                   "for others.")
@click.option("--graph-per-document", "per_document", is_flag=True,
              help="One named graph per source document, as in the data (the default).")
@click.option("--graph", metavar="IRI", help="Put every triple into this one graph instead.")
@click.option("--server", type=click.Choice(PUBLISH_SERVERS), default="auto", show_default=True,
              help="The kind of server (its endpoint paths and limits); auto asks it (Server header).")
@click.option("--method", type=click.Choice(PUBLISH_METHODS),
              help="put: a Graph Store PUT per graph; update: SPARQL Update, many graphs per request; batch: "
                   "N-Quads POSTs of many graphs (default: batch for Oxigraph and Fuseki, put for Virtuoso, "
                   "update for others).")
@click.option("--connections", type=click.IntRange(1, 32), default=3, show_default=True,
              help="Requests in flight at once.")
@click.option("--batch-graphs", type=click.IntRange(min=1), default=1000, show_default=True, metavar="N",
              help="Graphs per request (and per count check) at most.")
@click.option("--batch-bytes", type=click.IntRange(min=1024), metavar="BYTES",
              help="Request body size at most (default: the server profile's limit).")
@click.option("--resume", is_flag=True, help="Skip graphs already published and verified (journal + server count).")
@click.option("--replace", is_flag=True,
              help="Then drop the server's graphs under the data's graph namespace that the data no longer has.")
@click.option("--scope", metavar="PREFIX", help="The graph IRI prefix --replace may drop under (default: the data's).")
@click.option("--dry-run", is_flag=True, help="Print the plan (graphs, triples, requests, URLs) and send nothing.")
@click.option("--journal", type=click.Path(path_type=Path, dir_okay=False),
              help="The journal of verified graphs (default: .rdfkit-publish.sqlite beside the data).")
@click.option("--data-format", help="Syntax of DATA when the extension does not tell (default for - is turtle).")
@click.option("--query-url", metavar="URL", help="A query endpoint other than the server profile's.")
@click.option("--update-url", metavar="URL", help="An update endpoint other than the server profile's.")
@click.option("--gsp-url", metavar="URL", help="A Graph Store Protocol endpoint other than the server profile's.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=120.0, show_default=True,
              metavar="S", help="Seconds to wait for the answer to one request.")
@click.option("--retries", type=click.IntRange(0, 20), default=5, show_default=True, metavar="N",
              help="Tries again after a timeout, a lost connection or a 5xx, waiting longer each time.")
@click.option("--bulk", is_flag=True, help="Load with the server's own bulk loader instead (oxigraph load on a "
              "stopped server's store; a Virtuoso ld_dir script); needs --location.")
@click.option("--location", type=click.Path(path_type=Path, file_okay=False),
              help="With --bulk: the Oxigraph store folder, or a folder Virtuoso may read (DirsAllowed).")
@click.option("--silent", is_flag=True, help="No progress bar.")
def publish(data: tuple[Path, ...], endpoint: str | None, per_document: bool, graph: str | None, server: str,
            method: str | None, connections: int, batch_graphs: int, batch_bytes: int | None, resume: bool,
            replace: bool, scope: str | None, dry_run: bool, journal: Path | None, data_format: str | None,
            query_url: str | None, update_url: str | None, gsp_url: str | None, timeout: float, retries: int,
            bulk: bool, location: Path | None, silent: bool) -> None:
    """Publish RDF to a SPARQL 1.1 server: one named graph per source document, replaced, then checked.

    Graphs are written with the Graph Store Protocol (or SPARQL Update), so publishing twice changes
    nothing; each graph's triple count is checked afterwards. Credentials come from RDFKIT_SPARQL_USER
    and RDFKIT_SPARQL_PASSWORD (or RDFKIT_SPARQL_TOKEN) and go to the endpoint's host only. Exit 3
    when the server is unreachable, refuses or keeps failing: run again with --resume.

    \b
    Examples:
        rdfkit publish out/rdfkit.trig --endpoint http://127.0.0.1:7878
        rdfkit publish out/rdfkit.trig --endpoint http://127.0.0.1:3030/ds --dry-run
        rdfkit publish out/rdfkit.trig --endpoint http://127.0.0.1:7878 --resume --replace
        rdfkit publish out/rdfkit.trig --bulk --location db/
    """
    from .publish import bulk_load, publish as run_publish

    if graph and per_document:
        raise UsageError("give either --graph-per-document or --graph IRI, not both")
    if bulk:
        if location is None:
            raise UsageError("--bulk needs --location DIR (the store folder)", hint="See docs/publishing.md.")
        summary = bulk_load(data, location, server="oxigraph" if server == "auto" else server, graph=graph,
                            replace=replace, scope=scope, data_format=data_format, endpoint=endpoint,
                            dry_run=dry_run, plan=click.echo if dry_run else None)
    else:
        if not endpoint:
            raise UsageError("no --endpoint", hint="Give the server's URL with --endpoint (or RDFKIT_SPARQL_ENDPOINT).")
        with contextlib.ExitStack() as stack:
            bar = None
            if not (silent or dry_run) and sys.stderr.isatty():
                bar = stack.enter_context(click.progressbar(length=1, label="publishing", file=sys.stderr))

            def progress(p: Any) -> None:
                if bar is not None and p.total:
                    bar.length = p.total
                    bar.update(p.done - bar.pos)

            try:
                summary = run_publish(
                    data, endpoint, graph=graph, server=server, method=method, connections=connections,
                    batch_graphs=batch_graphs, batch_bytes=batch_bytes, resume=resume, replace=replace, scope=scope,
                    dry_run=dry_run, journal=journal, data_format=data_format, query_url=query_url,
                    update_url=update_url, gsp_url=gsp_url, timeout=timeout, retries=retries, progress=progress,
                    plan=click.echo)
            except KeyboardInterrupt:
                click.echo("\ninterrupted: run the same command with --resume to go on", err=True)
                sys.exit(130)
    for warning in summary.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(summary.text(), err=True)


if __name__ == "__main__":  # python -m rdfkit.cli
    cli()
