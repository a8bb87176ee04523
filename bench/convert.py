"""Benchmark: DA page text converted to RDF, documents per second and peak memory.

Generates N synthetic DA pages, a third in each layout (the current site, the site before 2023, the
PDF export flattened to text), shaped like the pages of tests/data/corpus/pages, with varied titles,
meetings, people, citations and bodies of 2-6 KB. Each measurement runs in a fresh process so its peak
RSS is its own:

- baseline: read every file and split it into lines (the I/O and decoding floor);
- rdfkit stream, 1 worker: ``rdfkit.pipeline.stream`` to N-Quads (page -> document -> RDF, written as it goes);
- rdfkit stream, 2 workers: the same with the pages parsed in two processes (both cores);
- rdfkit batch: ``rdfkit.pipeline.convert`` (one in-memory dataset; only for N <= 5,000).

Times are for the conversion itself; importing rdfkit (once per process, about 0.3 s) is shown apart.

    python bench/convert.py                      # N = 1,000
    python bench/convert.py --n 100000           # N = 100,000 (about 400 MB of pages in a temp folder)

Targets (issue 4): at least 500 documents per second per core; memory flat as N grows.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 500

FIRST = ["Andrei", "Nikita", "Stepan", "Vasily", "Ivan", "Georgy", "Pavel", "Yuri", "Anastas", "Mikhail"]
LAST = ["Gromyko", "Kuznetsov", "Chervonenko", "Zorin", "Puzanov", "Pelishenko", "Yudin", "Roshchin",
        "Alekseev", "Ponomarev", "Suslov", "Malik"]
CHINESE = ["Zhou Enlai", "Chen Yi", "Zhang Hanfu", "Ji Pengfei", "Liu Xiao", "Wang Jiaxiang", "Geng Biao",
           "Qiao Guanhua", "Huang Hua", "Wu Xiuquan", "Zhang Wentian", "Li Xiannian"]
OFFICES = ["Ambassador of the Soviet Union to China", "Vice Minister", "Deputy Director", "Counselor",
           "First Secretary", "Minister of Foreign Affairs"]
KINDS = ["Minutes of Conversation between", "Memorandum of Conversation between", "Record of Meeting between"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WORDS = ("the government delegation border question treaty economic assistance talks position party comrade "
         "cooperation agreement proposal situation meeting representatives relations question friendly").split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    return " ".join(words).capitalize() + "."


def _body(rng: random.Random, a: str, b: str) -> list[str]:
    out = []
    for _ in range(rng.randint(8, 24)):
        speaker = rng.choice([a.split()[-1], b.split()[0]])
        out.append(f"{speaker}: " + " ".join(_sentence(rng) for _ in range(rng.randint(1, 4))))
    return out


def page(i: int) -> tuple[str, str]:
    """The text of synthetic page ``i`` and its layout."""
    rng = random.Random(i)
    soviet = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    chinese = rng.choice(CHINESE)
    office = rng.choice(OFFICES)
    year, month, day = rng.randint(1949, 1989), rng.randint(1, 12), rng.randint(1, 28)
    shown = f"{MONTHS[month - 1]} {day:02d}, {year}"
    title = f"{rng.choice(KINDS)} {chinese} and {office} {soviet}"
    record = 100000 + i
    category = rng.choice([105, 106, 109, 110, 118])
    source = f"PRC FMA {category}-{rng.randint(1, 2999):05d}-{rng.randint(1, 20):02d}, {rng.randint(1, 40)}-{rng.randint(41, 90)}"
    credit = f"Translated by {rng.choice(FIRST)} {rng.choice(LAST)}."
    summary = _sentence(rng)
    header = [f"Date: {day} {MONTHS[month - 1]} {year}, {rng.randint(9, 17)}:00",
              "Venue: Meeting Room, Ministry of Foreign Affairs",
              f"Interpreter: {rng.choice(CHINESE)}"]
    body = header + _body(rng, soviet, chinese)
    layout = ("new-html", "old-html", "pdf-export")[i % 3]
    if layout == "new-html":
        lines = ["Skip to content", shown, title, "This document was made possible with support from MacArthur Foundation",
                 *body, summary, "Document Information", "Source", f"{source}. {credit}", "Rights",
                 "The History and Public Policy Program welcomes reuse of Digital Archive materials.",
                 "Original Uploaded Date", "2014-06-30", "Language", "Record ID", str(record)]
    elif layout == "old-html":
        lines = ["Search in", "Digital Archive International History Declassified", shown,
                 "This document was made possible with support from MacArthur Foundation", "  • Citation",
                 "    get citation", f"    {summary}",
                 f'    "{title}," {shown}, History and Public Policy Program Digital Archive, {source}. {credit} '
                 f"https://digitalarchive.wilsoncenter.org/document/{record}", "  • share document", "English HTML", *body]
    else:
        lines = [f"{shown} {title}",
                 f"Digital Archive digitalarchive.wilsoncenter.org International History Declassified {shown} {title} "
                 f'Citation: “{title},” {shown}, History and Public Policy Program Digital Archive, {source}. {credit} '
                 f"https://digitalarchive.wilsoncenter.org/document/{record} Summary: {summary} "
                 f"Credits: This document was made possible with support from MacArthur Foundation "
                 f"Original Language: Chinese Contents: English Translation", *body]
    url = f"URL: https://digitalarchive.wilsoncenter.org/document/{record}"
    return url + "\n\n" + "\n\n".join(lines) + "\n", layout


def generate(folder: Path, n: int) -> int:
    """Write ``n`` pages into ``folder`` (in sub-folders of 1,000); return the bytes written."""
    total = 0
    for i in range(n):
        text, _ = page(i)
        sub = folder / f"{i // 1000:04d}"
        sub.mkdir(exist_ok=True)
        data = text.encode("utf-8")
        (sub / f"{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total


RUNNER = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from pathlib import Path
mode, folder, workers = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
if mode != "baseline":
    import rdfkit.pipeline  # the one-time import cost, reported apart from the conversion
imports = time.perf_counter() - t0
start = time.perf_counter()
if mode == "baseline":
    docs = 0
    import os
    for root, dirs, files in os.walk(folder):  # one folder listing at a time, as rdfkit walks
        dirs.sort()
        for name in sorted(files):
            Path(root, name).read_bytes().decode("utf-8").splitlines()
            docs += 1
    errors = 0
elif mode == "stream":
    from rdfkit.pipeline import stream
    with open(sys.argv[4], "wb") as out:
        result = stream([folder], out, workers=workers)
    docs, errors = result.documents, len(result.errors)
else:
    from rdfkit.pipeline import convert
    result = convert([folder])
    docs, errors = len(result.documents), len(result.errors)
seconds = time.perf_counter() - start
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"docs": docs, "errors": errors, "seconds": seconds, "imports": imports, "peak_kib": peak}))
"""


def run(mode: str, folder: Path, workers: int = 1) -> dict:
    out = folder.parent / f"{mode}-{workers}.nq"
    proc = subprocess.run([sys.executable, "-c", RUNNER, mode, str(folder), str(workers), str(out)],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="number of pages to generate")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    tmp = None
    if args.keep:
        folder = args.keep / "pages"
        folder.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="rdfkit-bench-")
        folder = Path(tmp.name) / "pages"
        folder.mkdir()
    try:
        t = time.perf_counter()
        size = generate(folder, args.n)
        print(f"generated {args.n} pages ({size / 1e6:.1f} MB, a third in each layout) in {time.perf_counter() - t:.1f} s")
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        rows = [("baseline: read + split lines", run("baseline", folder))]
        rows.append(("rdfkit stream, 1 worker", run("stream", folder, 1)))
        rows.append(("rdfkit stream, 2 workers", run("stream", folder, 2)))
        if args.n <= 5000:
            rows.append(("rdfkit batch (in memory)", run("batch", folder)))
        print(f"{'':32}{'docs':>8}{'errors':>8}{'seconds':>9}{'docs/s':>9}{'peak RSS':>11}{'imports':>9}")
        for name, r in rows:
            print(f"{name:32}{r['docs']:>8}{r['errors']:>8}{r['seconds']:>9.2f}{r['docs'] / r['seconds']:>9.0f}"
                  f"{r['peak_kib'] / 1024:>8.0f} MiB{r['imports']:>8.2f}s")
        print("(seconds: the conversion itself, after importing rdfkit; worker processes import it again inside it)")
        one, two = rows[1][1], rows[2][1]
        rate1, rate2 = one["docs"] / one["seconds"], two["docs"] / two["seconds"]
        base = rows[0][1]["docs"] / rows[0][1]["seconds"]
        print(f"ratio: baseline / stream = {base / rate1:.0f}x; 2 workers / 1 worker = {rate2 / rate1:.2f}x")
        verdict = "meets" if rate1 >= TARGET else "MISSES"
        print(f"target: >= {TARGET} docs/s per core: {verdict} ({rate1:.0f} docs/s on one core)")
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    main()
