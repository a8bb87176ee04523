"""Tests of rdfkit.validate.render: validation reports as terminal text and as an HTML page.

The reports are built by hand (``build``) in the shape of ``ValidationReport.to_json()``, so these
tests do not depend on pySHACL or on the shapes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser
from typing import Any

import pytest

from rdfkit.errors import UsageError
from rdfkit.validate.render import render_html, render_text

ID = "https://w3id.org/rdfkit/id/"
SHAPES = "https://w3id.org/rdfkit/shapes#"
RANK = {"Violation": 0, "Warning": 1, "Info": 2}
NS = {"dcterms": "http://purl.org/dc/terms/", "rico": "https://www.ica.org/standards/RiC/ontology#",
      "skos": "http://www.w3.org/2004/02/skos/core#"}
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def res(severity: str = "Violation", *, shape: str = "date", component: str = "MinCount",
        path: str | None = "dcterms:date", record: str | None = "da-1", focus: str = "document/da-1",
        value: str | None = None, message: str = "A document needs a date.",
        description: str | None = None) -> dict[str, Any]:
    """One result, in a few words: ``record`` and ``focus`` are local names under ``id:``."""
    return {"severity": severity, "shape": shape, "component": component, "path": path,
            "record": record, "focus": focus, "value": value, "message": message,
            "description": description}


def build(specs: list[dict[str, Any]], *, engine: str = "shacl", conforms: bool | None = None,
          titles: dict[str, str] | None = None,
          sources: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """A report dict made consistently from result specs, ordered as ValidationReport.to_json()."""
    titles, sources = titles or {}, sources or {}

    def counts(sevs: list[str]) -> dict[str, int]:
        out = {"Violation": 0, "Warning": 0, "Info": 0}
        for extra in sorted(set(sevs) - set(out)):
            out[extra] = 0
        for s in sevs:
            out[s] += 1
        return out

    results = []
    kinds: dict[tuple[str, str, str, str | None], list[int]] = defaultdict(list)
    for i, s in enumerate(specs):
        kinds[(s["severity"], s["shape"], s["component"], s["path"])].append(i)
        record = ID + "graph/" + s["record"] if s["record"] else None
        value = s["value"]
        results.append({
            "severity": s["severity"], "message": s["message"], "problem": None,
            "record": record, "records": [record] if record else [],
            "focus_node": {"type": "uri", "value": ID + s["focus"]},
            "path": NS[s["path"].split(":")[0]] + s["path"].split(":")[1] if s["path"] else None,
            "value": {"type": "literal", "value": value} if value is not None else None,
            "source_shape": {"type": "uri", "value": SHAPES + s["shape"]},
            "shape_name": s["shape"],
            "constraint_component": f"http://www.w3.org/ns/shacl#{s['component']}ConstraintComponent",
            "display": {"focus_node": "id:" + s["focus"], "path": s["path"],
                        "value": f'"{value}"' if value is not None else None},
        })
    order = sorted(kinds.items(), key=lambda kv: (RANK.get(kv[0][0], 0), -len(kv[1])))
    problems = []
    for n, ((sev, shape, component, path), members) in enumerate(order, 1):
        first = specs[members[0]]
        for i in members:
            results[i]["problem"] = f"P{n}"
        problems.append({
            "id": f"P{n}", "severity": sev, "shape": SHAPES + shape, "shape_name": shape,
            "description": first["description"], "component": component,
            "constraint_component": f"http://www.w3.org/ns/shacl#{component}ConstraintComponent",
            "path": path, "message": first["message"], "count": len(members),
            "records": len({specs[i]["record"] or specs[i]["focus"] for i in members}),
        })
    groups: dict[tuple[str | None, str], list[int]] = defaultdict(list)
    for i, s in enumerate(specs):
        groups[(s["record"], "" if s["record"] else s["focus"])].append(i)
    records: list[dict[str, Any]] = []
    for (rec, focus), members in groups.items():
        by_problem: dict[str, list[int]] = defaultdict(list)
        for i in members:
            by_problem[results[i]["problem"]].append(i)
        records.append({
            "record": ID + "graph/" + rec if rec else None,
            "label": "id:graph/" + rec if rec else "id:" + focus,
            "title": titles.get(rec or focus),
            "source": sources.get(rec or focus),
            "counts": counts([specs[i]["severity"] for i in members]),
            "problems": [{"problem": pid, "results": idx}
                         for pid, idx in sorted(by_problem.items(), key=lambda kv: int(kv[0][1:]))],
        })
    records.sort(key=lambda r: (min(RANK.get(s, 0) for s, n in r["counts"].items() if n),
                                r["record"] is None, r["label"]))
    all_counts = counts([s["severity"] for s in specs])
    if conforms is None:
        conforms = not any(s["severity"] not in ("Warning", "Info") for s in specs)
    return {"conforms": conforms, "engine": engine, "counts": all_counts, "problems": problems,
            "records": records, "results": results}


def small_report() -> dict[str, Any]:
    return build(
        [
            res("Warning", shape="title", path="dcterms:title", record="da-2", focus="document/da-2",
                message="A document should have a title."),
            res(value="1910-02-31", shape="date", component="Datatype",
                message="The date must be written YYYY-MM-DD."),
            res(record="da-2", focus="document/da-2"),
            res("Info", shape="place", component="Class", path="rico:hasOrHadLocation",
                record="da-1", focus="place/x", value="Peking",
                message='The place "Peking" is not linked to an authority file.'),
        ],
        titles={"da-1": "Record of Conversation between Zhou Enlai and Kissinger"},
        sources={"da-1": {"file": "data/seeds/da-1.txt", "first_line": 12, "last_line": 80},
                 "da-2": {"file": "data/seeds/da-2.txt", "first_line": None, "last_line": None}},
    )


# --------------------------------------------------------------------------------------- text


def test_text_whole_small_report() -> None:
    assert render_text(small_report()) == """\
Does not conform: 2 violations, 1 warning, 1 info in 2 records (engine: shacl).

Problems by kind:
  Violation  1  date [Datatype dcterms:date] The date must be written YYYY-MM-DD.
  Violation  1  date [MinCount dcterms:date] A document needs a date.
  Warning    1  title [MinCount dcterms:title] A document should have a title.
  Info       1  place [Class rico:hasOrHadLocation] The place "Peking" is not linked to an authority file.

id:graph/da-1  "Record of Conversation between Zhou Enlai and Kissinger"  (data/seeds/da-1.txt, lines 12-80)
  Violation  date (dcterms:date): The date must be written YYYY-MM-DD.
             id:document/da-1  value "1910-02-31"
  Info       place (rico:hasOrHadLocation): The place "Peking" is not linked to an authority file.
             id:place/x

id:graph/da-2  (data/seeds/da-2.txt)
  Violation  date (dcterms:date): A document needs a date.
             id:document/da-2
  Warning    title (dcterms:title): A document should have a title.
             id:document/da-2"""


def test_text_header_counts_use_singular_plural_and_thousands() -> None:
    specs = [res("Warning", shape="title", path="dcterms:title", record=f"r{i}") for i in range(1234)]
    first = render_text(build(specs)).splitlines()[0]
    assert first == "Conforms: 0 violations, 1,234 warnings, 0 infos in 1,234 records (engine: shacl)."
    one = render_text(build([res()], engine="pyshacl")).splitlines()[0]
    assert one == "Does not conform: 1 violation, 0 warnings, 0 infos in 1 record (engine: pyshacl)."


def test_text_conforming_report_is_one_line() -> None:
    assert render_text(build([])) == "Conforms: 0 violations, 0 warnings, 0 infos (engine: shacl)."


def test_text_conforms_with_warnings() -> None:
    text = render_text(build([res("Warning", shape="title", path="dcterms:title")]))
    assert text.startswith("Conforms: 0 violations, 1 warning, 0 infos in 1 record (engine: shacl).\n")
    assert "Problems by kind:" in text


def test_text_records_in_report_order_and_problems_in_record_order() -> None:
    text = render_text(small_report())
    headings = [line for line in text.splitlines() if line.startswith("id:")]
    assert [h.split()[0] for h in headings] == ["id:graph/da-1", "id:graph/da-2"]
    da2 = text.split("id:graph/da-2", 1)[1]
    assert da2.index("date (dcterms:date)") < da2.index("title (dcterms:title)")


def big_report() -> dict[str, Any]:
    """One Violation, then 4,822 Warnings of one kind spread over 2,411 records."""
    specs = [res(record="r0000", focus="document/r0000")]
    for i in range(4822):
        rec = f"r{i // 2:04d}"
        specs.append(res("Warning", shape="title", path="dcterms:title", record=rec,
                         focus=f"document/{rec}-{i % 2}", message="A document should have a title."))
    return build(specs)


def test_text_limit_per_kind_and_the_more_line() -> None:
    text = render_text(big_report(), limit=10)
    lines = text.splitlines()
    assert lines[-1] == ("… and 4,812 more like this: Warning title [MinCount dcterms:title] "
                         "A document should have a title.")
    assert sum(1 for line in lines if line.startswith("… and")) == 1  # the Violation is not cut
    warnings = [line for line in lines if line.strip().startswith("id:document/r")]
    assert len(warnings) == 10 + 1
    # only the records that still have something to show: r0000 .. r0004
    headings = [line for line in lines if line.startswith("id:graph/")]
    assert headings == [f"id:graph/r000{i}" for i in range(5)]
    assert "  Violation      1  date [MinCount dcterms:date]" in text
    assert "  Warning    4,822  title [MinCount dcterms:title]" in text


def test_text_limit_counts_each_kind_separately() -> None:
    specs = [res(record=f"a{i}", focus=f"document/a{i}") for i in range(3)]
    specs += [res("Warning", shape="title", path="dcterms:title", record=f"a{i}", focus=f"document/a{i}",
                  message="A document should have a title.") for i in range(3)]
    lines = render_text(build(specs), limit=2).splitlines()
    assert lines[-2:] == [
        "… and 1 more like this: Violation date [MinCount dcterms:date] A document needs a date.",
        "… and 1 more like this: Warning title [MinCount dcterms:title] A document should have a title.",
    ]
    assert [line for line in lines if line.startswith("id:graph/")] == ["id:graph/a0", "id:graph/a1"]


@pytest.mark.parametrize("limit", [None, 0])
def test_text_no_limit_shows_everything(limit: int | None) -> None:
    text = render_text(big_report(), limit=limit)
    assert "more like this" not in text
    assert sum(1 for line in text.splitlines() if line.startswith("id:graph/")) == 2411
    assert sum(1 for line in text.splitlines() if line.strip().startswith("id:document/")) == 4823


def test_text_negative_limit_is_refused() -> None:
    with pytest.raises(UsageError, match="limit"):
        render_text(small_report(), limit=-1)


def test_text_without_color_has_no_escape_codes() -> None:
    assert "\x1b" not in render_text(small_report())
    assert "\x1b" not in render_text(big_report(), limit=3)


def test_text_with_color() -> None:
    text = render_text(small_report(), color=True)
    lines = text.splitlines()
    assert lines[0] == ("\x1b[1mDoes not conform: 2 violations, 1 warning, 1 info in 2 records "
                        "(engine: shacl).\x1b[0m")
    assert lines[2] == "\x1b[1mProblems by kind:\x1b[0m"
    assert lines[3] == ("  \x1b[31mViolation\x1b[0m  1  date [Datatype dcterms:date] "
                        "The date must be written YYYY-MM-DD.")
    assert "  \x1b[33mWarning\x1b[0m    1  title" in text
    assert "  \x1b[36mInfo\x1b[0m       1  place" in text
    assert "\x1b[1mid:graph/da-2\x1b[0m  (data/seeds/da-2.txt)" in lines
    # the colours change nothing else
    assert ANSI.sub("", text) == render_text(small_report())


def test_text_custom_severity() -> None:
    report = build([res("Critical", shape="id", component="MaxCount", path="dcterms:identifier",
                        message="Two identifiers."),
                    res("Warning", shape="title", path="dcterms:title")])
    assert report["counts"] == {"Violation": 0, "Warning": 1, "Info": 0, "Critical": 1}
    text = render_text(report)
    assert text.splitlines()[0] == ("Does not conform: 0 violations, 1 warning, 0 infos, 1 Critical "
                                    "in 1 record (engine: shacl).")
    assert "  Critical  1  id [MaxCount dcterms:identifier] Two identifiers." in text
    assert "  Critical  id (dcterms:identifier): Two identifiers." in text
    assert "\x1b[35mCritical\x1b[0m" in render_text(report, color=True)


def test_text_record_without_title_or_source_and_results_outside_records() -> None:
    report = build([res(record="da-9", focus="document/da-9"),
                    res(record=None, focus="person/zhou", shape="name", path="skos:prefLabel",
                        message="A person needs a name.")],
                   sources={"da-9": {"file": None, "first_line": 4, "last_line": 4}})
    text = render_text(report)
    lines = text.splitlines()
    assert lines[0] == ("Does not conform: 2 violations, 0 warnings, 0 infos in 1 record and 1 outside "
                        "any record (engine: shacl).")
    assert "id:graph/da-9  (line 4)" in lines
    assert text.endswith("id:person/zhou  (not in any record)\n"
                         "  Violation  name (skos:prefLabel): A person needs a name.")


def test_text_plain_graph_has_no_record_count() -> None:
    report = build([res(record=None, focus="document/da-1")], engine="pyshacl")
    text = render_text(report)
    assert text.splitlines()[0] == "Does not conform: 1 violation, 0 warnings, 0 infos (engine: pyshacl)."
    # the focus node names the group: not repeated under the heading
    assert text.endswith("\n\nid:document/da-1\n"
                         "  Violation  date (dcterms:date): A document needs a date.")


def test_text_result_lines_say_only_what_the_heading_does_not() -> None:
    report = build([
        res(focus="document/da-1", value="1910-02-31", component="Datatype",
            message='The date "1910-02-31" does not exist.'),
        res(focus="document/da-1b", value="1910-13-01", component="Datatype",
            message='The date "1910-13-01" does not exist.'),
    ])
    text = render_text(report)
    assert text.endswith('  Violation  date (dcterms:date): The date "1910-02-31" does not exist.\n'
                         "             id:document/da-1\n"
                         '             id:document/da-1b: The date "1910-13-01" does not exist.')


def test_text_long_message_stays_on_one_line() -> None:
    long = "A document needs a date.\nAdd it " + "very " * 60 + "carefully."
    text = render_text(build([res(message=long)]))
    heading = "  Violation  date (dcterms:date): A document needs a date. Add it " + "very " * 60 + "carefully."
    assert heading in text.splitlines()


# --------------------------------------------------------------------------------------- HTML

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class TagChecker(HTMLParser):
    """Every element opened is closed, in order (we write all end tags, so we can be strict)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def check_html(page: str) -> TagChecker:
    checker = TagChecker()
    checker.feed(page)
    checker.close()
    assert checker.errors == []
    assert checker.stack == []
    return checker


def test_html_is_well_formed_and_self_contained() -> None:
    page = render_html(small_report())
    assert page.startswith('<!DOCTYPE html>\n<html lang="en"')
    tags = check_html(page).tags
    names = [t for t, _ in tags]
    assert names.count("section") >= 3 and "table" in names
    assert "<link" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert not any("src" in attrs or "href" in attrs for _, attrs in tags)
    assert names.count("script") == 1 and names.count("style") == 1


def test_html_is_deterministic() -> None:
    assert render_html(big_report(), limit=10) == render_html(big_report(), limit=10)
    assert render_html(small_report()) == render_html(small_report())


def test_html_escapes_everything_from_the_report() -> None:
    evil = "<script>alert(1)</script>"
    report = build([res(message=evil, value='"><img src=x onerror=alert(2)>', description=evil)],
                   titles={"da-1": evil}, sources={"da-1": {"file": evil, "first_line": 1, "last_line": 2}})
    report["problems"][0]["shape_name"] = evil
    page = render_html(report, title=evil)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page
    tags = check_html(page).tags
    assert [t for t, _ in tags].count("script") == 1


def test_html_has_a_filter_per_severity_and_per_kind() -> None:
    report = small_report()
    tags = check_html(render_html(report)).tags
    boxes = [a for t, a in tags if t == "input" and a.get("type") == "checkbox"]
    severities = [a["value"] for a in boxes if a.get("data-filter") == "severity"]
    kinds = [a["value"] for a in boxes if a.get("data-filter") == "problem"]
    assert severities == ["Violation", "Warning", "Info"]
    assert kinds == [p["id"] for p in report["problems"]] == ["P1", "P2", "P3", "P4"]
    # every filtered item names a known severity and kind
    items = [a for _, a in tags if "item" in (a.get("class") or "").split()]
    assert len(items) == 4
    assert {a["data-severity"] for a in items} <= set(severities)
    assert {a["data-problem"] for a in items} == set(kinds)


def test_html_contents() -> None:
    page = render_html(small_report(), title="Box 12 & co")
    assert "<title>Box 12 &amp; co</title>" in page
    assert "<h1>Box 12 &amp; co</h1>" in page
    assert ('<p class="verdict fail">Does not conform: 2 violations, 1 warning, 1 info in 2 records '
            "(engine: shacl).</p>") in page
    assert "<h3>Record of Conversation between Zhou Enlai and Kissinger</h3>" in page
    assert "Record <code>https://w3id.org/rdfkit/id/graph/da-1</code>" in page
    assert "from data/seeds/da-1.txt, lines 12–80" in page
    assert '<code title="https://w3id.org/rdfkit/id/document/da-1">id:document/da-1</code>' in page
    assert "<td><code>&quot;1910-02-31&quot;</code></td>" in page


def test_html_conforming_report() -> None:
    page = render_html(build([]))
    check_html(page)
    assert '<p class="verdict ok">Conforms: 0 violations, 0 warnings, 0 infos (engine: shacl).</p>' in page
    assert 'class="record"' not in page


def test_html_limit_and_more_lines() -> None:
    page = render_html(big_report(), limit=10)
    check_html(page)
    assert page.count("<tr><td>") == 11
    assert page.count('<section class="record">') == 5
    assert ('… and 4,812 more like this: <span class="sev sev-warning">Warning</span> '
            "title [MinCount dcterms:title] A document should have a title.</li>") in page
    everything = render_html(big_report())
    assert everything.count("<tr><td>") == 4823 and "more like this" not in everything


def test_html_record_outside_any_record_and_custom_severity() -> None:
    report = build([res("Critical", record=None, focus="person/zhou", shape="name",
                        path="skos:prefLabel", message="A person needs a name."), res()])
    page = render_html(report)
    check_html(page)
    assert "<h3>id:person/zhou</h3>" in page
    assert '<p class="meta">Not in any record · 1 Critical</p>' in page
    assert "Not in any record" not in render_html(build([res(record=None)]))
    assert '<span class="sev sev-other">Critical</span>' in page
    assert 'data-filter="severity" value="Critical"' in page
