"""Validation reports for people: terminal text and a self-contained HTML page.

Both renderers read the JSON-ready dict of :meth:`ValidationReport.to_json` (``conforms``,
``engine``, ``counts``, ``problems``, ``records``, ``results``), so a report saved as JSON can be
rendered again later without the data or the shapes. The counts come first, then the kinds of
problem, then the records, each record's results grouped by kind of problem. ``limit`` caps how
many results of each kind are shown; the rest are counted at the end ("… and 4,812 more like
this").

    >>> report = {
    ...     "conforms": True, "engine": "shacl",
    ...     "counts": {"Violation": 0, "Warning": 1, "Info": 0},
    ...     "problems": [{"id": "P1", "severity": "Warning", "shape": "_:b0", "shape_name": "title",
    ...                   "description": None, "component": "MinCount", "path": "dcterms:title",
    ...                   "message": "A document should have a title.", "count": 1, "records": 1}],
    ...     "records": [{"record": "https://w3id.org/rdfkit/id/graph/da-1", "label": "id:graph/da-1",
    ...                  "title": None, "source": {"file": "da-1.txt", "first_line": 3, "last_line": 9},
    ...                  "counts": {"Violation": 0, "Warning": 1, "Info": 0},
    ...                  "problems": [{"problem": "P1", "results": [0]}]}],
    ...     "results": [{"severity": "Warning", "message": "A document should have a title.",
    ...                  "problem": "P1", "display": {"focus_node": "id:document/da-1",
    ...                                               "path": "dcterms:title", "value": None}}]}
    >>> print(render_text(report))
    Conforms: 0 violations, 1 warning, 0 infos in 1 record (engine: shacl).
    <BLANKLINE>
    Problems by kind:
      Warning  1  title [MinCount dcterms:title] A document should have a title.
    <BLANKLINE>
    id:graph/da-1  (da-1.txt, lines 3-9)
      Warning  title (dcterms:title): A document should have a title.
               id:document/da-1
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import UsageError
from .terms import compact, one_line, shorten

__all__ = ["render_text", "render_html"]

_STANDARD = ("Violation", "Warning", "Info")
_WORDS = {"Violation": "violation", "Warning": "warning", "Info": "info"}

# ANSI SGR codes. Custom severities count as violations (they make the data non-conforming),
# so they get a colour of their own that is as loud as red.
_ANSI = {"Violation": "31", "Warning": "33", "Info": "36"}
_ANSI_OTHER = "35"
_BOLD = "1"

#: Longest value (in characters) written in full; longer ones are cut with "…".
_VALUE_WIDTH = 80
_TITLE_WIDTH = 70
_HTML_VALUE_WIDTH = 300


# ---------------------------------------------------------------------------------------------
# What to show: shared by both formats


@dataclass
class _Group:
    """The shown results of one kind of problem in one record."""

    problem: dict[str, Any]
    results: list[dict[str, Any]]


@dataclass
class _Record:
    """A record that has at least one shown result."""

    record: dict[str, Any]
    groups: list[_Group]


@dataclass
class _Selection:
    """What a renderer shows: records in order, and the results left out, per kind."""

    records: list[_Record] = field(default_factory=list)
    hidden: list[tuple[dict[str, Any], int]] = field(default_factory=list)


def _select(report: dict[str, Any], limit: int | None) -> _Selection:
    """Walk the records in order and keep at most ``limit`` results of each kind of problem.

    Raises :class:`~rdfkit.errors.UsageError` when ``limit`` is negative.
    """
    if limit is not None and limit < 0:
        raise UsageError(f"The limit must be 0 or more, not {limit}.",
                         hint="Use 0 (or no limit) to show every result.")
    cap = limit or None  # 0 means no limit, like None
    problems = {p["id"]: p for p in report.get("problems") or []}
    results = report.get("results") or []
    shown: Counter[str] = Counter()
    total: Counter[str] = Counter()
    selection = _Selection()
    for record in report.get("records") or []:
        groups = []
        for entry in record.get("problems") or []:
            pid = entry["problem"]
            indices = list(entry.get("results") or [])
            total[pid] += len(indices)
            if cap is not None:
                indices = indices[: max(cap - shown[pid], 0)]
            if not indices:
                continue
            shown[pid] += len(indices)
            picked = [results[i] for i in indices]
            groups.append(_Group(problems.get(pid) or _stand_in(pid, picked[0]), picked))
        if groups:
            selection.records.append(_Record(record, groups))
    for pid, problem in problems.items():
        if total[pid] > shown[pid]:
            selection.hidden.append((problem, total[pid] - shown[pid]))
    return selection


def _stand_in(pid: str, result: dict[str, Any]) -> dict[str, Any]:
    """A problem entry for a result whose kind is missing from ``problems``."""
    display = result.get("display") or {}
    component = str(result.get("constraint_component") or "")
    return {
        "id": pid, "severity": result.get("severity", "Violation"), "shape": "",
        "shape_name": result.get("shape_name"), "description": None,
        "component": component.rsplit("#", 1)[-1].removesuffix("ConstraintComponent"),
        "constraint_component": component, "path": display.get("path"),
        "message": result.get("message", ""), "count": 0, "records": 0,
    }


# ---------------------------------------------------------------------------------------------
# Wording shared by both formats


def _number(n: int) -> str:
    return f"{n:,}"


def _count_text(n: int, severity: str) -> str:
    """``3 violations``, ``1 warning``; custom severities keep their own name (``2 Critical``)."""
    word = _WORDS.get(severity)
    if word is None:
        return f"{_number(n)} {severity}"
    return f"{_number(n)} {word}" if n == 1 else f"{_number(n)} {word}s"


def _plural(n: int, word: str) -> str:
    return f"{_number(n)} {word}" if n == 1 else f"{_number(n)} {word}s"


def _headline(report: dict[str, Any]) -> str:
    """``Does not conform: 3 violations, 0 warnings, 1 info in 2 records (engine: shacl).``"""
    counts = dict(report.get("counts") or {})
    parts = [_count_text(counts.pop(sev, 0), sev) for sev in _STANDARD]
    parts += [_count_text(n, sev) for sev, n in counts.items()]
    records = report.get("records") or []
    inside = sum(1 for r in records if r.get("record") is not None)
    outside = sum(sum((r.get("counts") or {}).values()) for r in records if r.get("record") is None)
    where = ""
    if inside:
        where = f" in {_plural(inside, 'record')}"
        if outside:
            where += f" and {_number(outside)} outside any record"
    engine = report.get("engine")
    tail = f" (engine: {one_line(str(engine))})" if engine else ""
    head = "Conforms" if report.get("conforms") else "Does not conform"
    return f"{head}: {', '.join(parts)}{where}{tail}."


def _shape_label(problem: dict[str, Any]) -> str:
    """The shape's ``sh:name``, else its compact IRI; nothing for an unnamed blank node."""
    name = problem.get("shape_name")
    if name:
        return one_line(str(name))
    shape = str(problem.get("shape") or "")
    if not shape or shape.startswith("_:"):
        return ""
    return compact(shape)


def _kind_label(problem: dict[str, Any]) -> str:
    """``date [MinCount dcterms:date]``: which shape, which constraint, which property."""
    inner = " ".join(str(x) for x in (problem.get("component"), problem.get("path")) if x)
    name = _shape_label(problem)
    bracket = f"[{inner}]" if inner else ""
    return " ".join(x for x in (name, bracket) if x) or str(problem.get("id", "?"))


def _group_label(problem: dict[str, Any]) -> str:
    """``date (dcterms:date)`` for the heading of a kind of problem within a record."""
    name, path = _shape_label(problem), problem.get("path")
    if name and path:
        return f"{name} ({path})"
    if name or path:
        return str(name or path)
    return f"[{problem.get('component') or problem.get('id', '?')}]"


def _lines_text(source: dict[str, Any], dash: str) -> str:
    first, last = source.get("first_line"), source.get("last_line")
    if first is not None and last is not None and first != last:
        return f"lines {first}{dash}{last}"
    if first is not None or last is not None:
        return f"line {first if first is not None else last}"
    return ""


def _source_text(source: dict[str, Any] | None, dash: str = "-") -> str:
    """``data/seeds/da-1.txt, lines 12-80``, or whatever part of it is known."""
    if not source:
        return ""
    return ", ".join(x for x in (one_line(str(source.get("file") or "")), _lines_text(source, dash)) if x)


def _has_records(report: dict[str, Any]) -> bool:
    """True when some results belong to a record (the data was a dataset of named graphs)."""
    return any(r.get("record") is not None for r in report.get("records") or [])


def _severity_class(severity: str) -> str:
    return f"sev-{severity.lower()}" if severity in _STANDARD else "sev-other"


# ---------------------------------------------------------------------------------------------
# Text


def render_text(report: dict[str, Any], *, limit: int | None = 10, color: bool = False) -> str:
    """The report as terminal text: counts, kinds of problem, then records.

    :param report: the dict of :meth:`ValidationReport.to_json`.
    :param limit: at most this many results of each kind of problem are listed (walking the
        records in order); the rest are counted at the end. ``None`` or ``0`` lists them all.
    :param color: add ANSI colours (Violation red, Warning yellow, Info cyan, headings bold).
    :raises UsageError: when ``limit`` is negative.

    Messages stay on one line however long they are: the terminal wraps them.
    """
    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if color and text else text

    def severity(sev: str, width: int) -> str:
        return paint(sev, _ANSI.get(sev, _ANSI_OTHER)) + " " * (width - len(sev))

    lines = [paint(_headline(report), _BOLD)]
    problems = report.get("problems") or []
    if not problems:
        return lines[0]
    selection = _select(report, limit)
    width = max(len(str(p["severity"])) for p in problems)
    count_width = max(len(_number(int(p.get("count") or 0))) for p in problems)

    lines += ["", paint("Problems by kind:", _BOLD)]
    for p in problems:
        count = _number(int(p.get("count") or 0)).rjust(count_width)
        lines.append(f"  {severity(p['severity'], width)}  {count}  {_kind_label(p)} "
                     f"{one_line(p.get('message') or '')}".rstrip())

    mixed = _has_records(report)
    for shown in selection.records:
        lines += ["", _record_heading(shown.record, paint, mixed)]
        for group in shown.groups:
            message = one_line(group.results[0].get("message") or group.problem.get("message") or "")
            lines.append(f"  {severity(group.problem['severity'], width)}  "
                         f"{_group_label(group.problem)}: {message}".rstrip())
            for result in group.results:
                line = _result_line(result, shown.record, group.problem, message)
                if line:
                    lines.append(" " * (width + 4) + line)

    if selection.hidden:
        lines.append("")
        for problem, n in selection.hidden:
            lines.append(f"… and {_number(n)} more like this: {severity(problem['severity'], 0)} "
                         f"{_kind_label(problem)} {one_line(problem.get('message') or '')}".rstrip())
    return "\n".join(lines)


def _record_heading(record: dict[str, Any], paint: Callable[[str, str], str], mixed: bool) -> str:
    """``id:graph/da-1  "Title"  (file, lines 12-80)``.

    A group of results outside any record is named by its focus node, and says so when other
    results do belong to records (``mixed``).
    """
    parts = [paint(one_line(str(record.get("label") or record.get("record") or "")), _BOLD)]
    if record.get("title"):
        parts.append(f'"{shorten(one_line(str(record["title"])), _TITLE_WIDTH)}"')
    source = _source_text(record.get("source"))
    if source:
        parts.append(f"({source})")
    elif mixed and record.get("record") is None:
        parts.append("(not in any record)")
    return "  ".join(parts)


def _result_line(result: dict[str, Any], record: dict[str, Any], problem: dict[str, Any],
                 group_message: str) -> str:
    """What one result adds to the heading of its kind: focus node, path, value, message.

    Each part is left out when the reader already has it: the focus node when it names the
    record itself, the path when it is the kind's path, the value when the message quotes it,
    the message when it is the heading's.
    """
    display = result.get("display") or {}
    message = one_line(result.get("message") or "")
    parts = []
    focus = display.get("focus_node")
    if focus and focus != record.get("label") and focus not in message:
        parts.append(str(focus))
    path = display.get("path")
    if path and path != problem.get("path"):
        parts.append(f"path {path}")
    value = display.get("value")
    if value and value not in message:
        parts.append(f"value {shorten(one_line(str(value)), _VALUE_WIDTH)}")
    text = "  ".join(parts)
    if message and message != group_message:
        text = f"{text}: {message}" if text else message
    return text


# ---------------------------------------------------------------------------------------------
# HTML

_CSS = """\
:root { --violation: #b3261e; --warning: #8a5300; --info: #0b5cad; --other: #7b1fa2;
        --ok: #1a7f37; --line: #d0d7de; --muted: #57606a; --head: #f6f8fa; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328;
       max-width: 80rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left;
         vertical-align: top; overflow-wrap: anywhere; }
thead th, tr.group th { background: var(--head); }
tr.group th { font-weight: normal; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.num { text-align: right; white-space: nowrap; }
.desc, .meta { color: var(--muted); font-size: .9em; }
.verdict { font-weight: 600; padding: .5rem .75rem; border-left: 6px solid var(--violation); }
.verdict.ok { border-color: var(--ok); }
.sev-violation { --c: var(--violation); } .sev-warning { --c: var(--warning); }
.sev-info { --c: var(--info); } .sev-other { --c: var(--other); }
.sev { color: var(--c); font-weight: 600; white-space: nowrap; }
tbody.item { border-left: 4px solid var(--c); }
.record { border-top: 1px solid var(--line); margin-top: 1rem; padding-top: .75rem; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; }
.filters fieldset { border: 1px solid var(--line); padding: .25rem .75rem; margin: 0; }
.filters label { margin-right: .75rem; white-space: nowrap; }
.off { opacity: .45; }
[hidden] { display: none !important; }
.nojs .filter { display: none; }
@media print {
  .filter { display: none !important; }
  body { max-width: none; margin: 0; font-size: 10pt; }
  tr { break-inside: avoid; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""

# Filters: an item (a kind of problem in a record, or an "and N more" line) is shown when both its
# severity and its kind are ticked; a record is shown while one of its items is. Without
# JavaScript the "nojs" class stays and hides the (useless) controls; everything is visible.
_JS = """\
(function () {
  "use strict";
  document.documentElement.classList.remove("nojs");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  function each(selector, fn) { Array.prototype.forEach.call(document.querySelectorAll(selector), fn); }
  function update() {
    var on = { severity: {}, problem: {} };
    boxes.forEach(function (b) { on[b.getAttribute("data-filter")][b.value] = b.checked; });
    each(".item", function (el) {
      el.hidden = !(on.severity[el.getAttribute("data-severity")] &&
                    on.problem[el.getAttribute("data-problem")]);
    });
    each("tr.kind", function (row) {
      row.classList.toggle("off", !on.severity[row.getAttribute("data-severity")]);
    });
    each("section.record, section.more", function (s) {
      s.hidden = !s.querySelector(".item:not([hidden])");
    });
  }
  boxes.forEach(function (b) { b.addEventListener("change", update); });
  each("button[data-kinds]", function (button) {
    button.addEventListener("click", function () {
      var show = button.getAttribute("data-kinds") === "all";
      boxes.forEach(function (b) { if (b.getAttribute("data-filter") === "problem") b.checked = show; });
      update();
    });
  });
  update();
})();
"""


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _term_value(term: Any) -> str:
    """The full text of a JSON term (IRI, ``_:label`` or the literal's value), for tooltips."""
    if not isinstance(term, dict):
        return ""
    value = str(term.get("value", ""))
    return f"_:{value}" if term.get("type") == "bnode" else value


def _titled(text: str, full: str, tag: str = "span") -> str:
    """``text`` in ``tag``, with ``full`` as a tooltip when it says more."""
    if full and full != text:
        return f'<{tag} title="{_esc(full)}">{_esc(text)}</{tag}>'
    return f"<{tag}>{_esc(text)}</{tag}>"


def _sev_span(severity: str) -> str:
    return f'<span class="sev {_severity_class(severity)}">{_esc(severity)}</span>'


def render_html(report: dict[str, Any], *, limit: int | None = None,
                title: str = "Validation report") -> str:
    """The report as one self-contained HTML page (inline CSS and script, nothing fetched).

    The page has the summary, a table of the kinds of problem, then one section per record with
    its results grouped by kind. Checkboxes (by severity, and by kind in the kinds table) hide
    and show results with a small inline script; without JavaScript everything is shown and the
    checkboxes are hidden. Every string of the report is escaped. Same report, same bytes: no
    timestamps, no random identifiers.

    :param report: the dict of :meth:`ValidationReport.to_json`.
    :param limit: at most this many results of each kind of problem are listed; the rest are
        counted at the end. ``None`` (the default) or ``0`` lists them all.
    :param title: the page title and main heading.
    :raises UsageError: when ``limit`` is negative.
    """
    selection = _select(report, limit)
    conforms = bool(report.get("conforms"))
    out = [
        "<!DOCTYPE html>",
        '<html lang="en" class="nojs">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(title)}</title>",
        f"<style>\n{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_esc(title)}</h1>",
        f'<p class="verdict {"ok" if conforms else "fail"}">{_esc(_headline(report))}</p>',
        "</header>",
    ]
    problems = report.get("problems") or []
    if problems:
        out += _html_filters(report)
        out += _html_kinds(problems)
    if selection.records:
        out += ['<section class="records">', "<h2>Records</h2>"]
        mixed = _has_records(report)
        for shown in selection.records:
            out += _html_record(shown, mixed)
        out.append("</section>")
    if selection.hidden:
        out += ['<section class="more">', "<h2>Not listed</h2>", "<ul>"]
        for problem, n in selection.hidden:
            sev = str(problem["severity"])
            out.append(f'<li class="item" data-severity="{_esc(sev)}" data-problem="{_esc(problem["id"])}">'
                       f"… and {_esc(_number(n))} more like this: {_sev_span(sev)} "
                       f"{_esc(_kind_label(problem))} {_esc(one_line(problem.get('message') or ''))}</li>")
        out += ["</ul>", "</section>"]
    out += [f"<script>\n{_JS}</script>", "</body>", "</html>", ""]
    return "\n".join(out)


def _html_filters(report: dict[str, Any]) -> list[str]:
    """The severity checkboxes and the all/none buttons for the kinds of problem."""
    out = ['<form class="filters filter" aria-label="Filters">',
           "<fieldset>", "<legend>Severity</legend>"]
    for sev, n in (report.get("counts") or {}).items():
        disabled = "" if n else " disabled"
        out.append(f'<label><input type="checkbox" data-filter="severity" value="{_esc(sev)}" '
                   f"checked{disabled}> {_sev_span(str(sev))} ({_esc(_number(int(n)))})</label>")
    out += ["</fieldset>",
            "<fieldset>", "<legend>Kinds of problem</legend>",
            '<button type="button" data-kinds="all">Show all</button>',
            '<button type="button" data-kinds="none">Hide all</button>',
            "</fieldset>", "</form>"]
    return out


def _html_kinds(problems: list[dict[str, Any]]) -> list[str]:
    """The table of kinds of problem, with a show/hide checkbox in each row."""
    out = ['<section class="kinds">', "<h2>Problems by kind</h2>", "<table>", "<thead>",
           '<tr><th class="filter">Show</th><th>Severity</th><th>Problem</th><th>Component</th>'
           '<th>Path</th><th>Message</th><th class="num">Results</th><th class="num">Records</th></tr>',
           "</thead>", "<tbody>"]
    for p in problems:
        sev = str(p["severity"])
        name = _shape_label(p) or "(unnamed shape)"
        desc = p.get("description")
        desc_html = f'<div class="desc">{_esc(one_line(str(desc)))}</div>' if desc else ""
        out.append(
            f'<tr class="kind" data-severity="{_esc(sev)}">'
            f'<td class="filter"><input type="checkbox" data-filter="problem" value="{_esc(p["id"])}" '
            f'checked aria-label="Show {_esc(_kind_label(p))}"></td>'
            f"<td>{_sev_span(sev)}</td>"
            f"<td>{_titled(name, str(p.get('shape') or ''))}{desc_html}</td>"
            f"<td>{_titled(str(p.get('component') or ''), str(p.get('constraint_component') or ''))}</td>"
            f"<td><code>{_esc(p.get('path') or '')}</code></td>"
            f"<td>{_esc(one_line(p.get('message') or ''))}</td>"
            f'<td class="num">{_esc(_number(int(p.get("count") or 0)))}</td>'
            f'<td class="num">{_esc(_number(int(p.get("records") or 0)))}</td></tr>')
    out += ["</tbody>", "</table>", "</section>"]
    return out


def _html_record(shown: _Record, mixed: bool) -> list[str]:
    """One record: heading, where it comes from, then its results grouped by kind of problem."""
    record = shown.record
    iri = record.get("record")
    label = one_line(str(record.get("label") or iri or ""))
    heading = one_line(str(record.get("title") or "")) or label
    meta = []
    if iri is not None:
        meta.append(f"Record <code>{_esc(iri)}</code>")
    elif mixed:
        meta.append("Not in any record")
    source = _source_text(record.get("source"), "–")
    if source:
        meta.append(f"from {_esc(source)}")
    counts = [_count_text(int(n), str(sev)) for sev, n in (record.get("counts") or {}).items() if n]
    if counts:
        meta.append(_esc(", ".join(counts)))
    out = ['<section class="record">', f"<h3>{_esc(heading)}</h3>",
           f'<p class="meta">{" · ".join(meta)}</p>',
           "<table>", "<thead>",
           "<tr><th>Focus node</th><th>Path</th><th>Value</th><th>Message</th></tr>",
           "</thead>"]
    for group in shown.groups:
        problem = group.problem
        sev = str(problem["severity"])
        message = one_line(group.results[0].get("message") or problem.get("message") or "")
        out += [f'<tbody class="item {_severity_class(sev)}" data-severity="{_esc(sev)}" '
                f'data-problem="{_esc(problem["id"])}">',
                f'<tr class="group"><th colspan="4" scope="rowgroup">{_sev_span(sev)} '
                f"{_esc(_group_label(problem))}: {_esc(message)}</th></tr>"]
        for result in group.results:
            display = result.get("display") or {}
            value = one_line(str(display.get("value") or ""))
            own = one_line(result.get("message") or "")
            out.append(
                "<tr>"
                f"<td>{_titled(str(display.get('focus_node') or ''), _term_value(result.get('focus_node')), 'code')}</td>"
                f"<td>{_titled(str(display.get('path') or ''), str(result.get('path') or ''), 'code')}</td>"
                f"<td>{_titled(shorten(value, _HTML_VALUE_WIDTH), value, 'code')}</td>"
                f"<td>{_esc(own if own != message else '')}</td></tr>")
        out.append("</tbody>")
    out += ["</table>", "</section>"]
    return out
