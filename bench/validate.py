"""Benchmark: SHACL validation of DA-like data, rdfkit beside plain pySHACL: seconds, peak memory, same results.

Generates N synthetic documents shaped like ``rdfkit build`` output, with about 1% of them carrying one
injected error of every kind the shapes check (``tests/synthetic.py``; at least one of each kind), into a
folder that is kept and reused by later runs with the same N and seed. Then validates that one N-Quads
file against ``shapes/*.ttl``, each measurement in a fresh process so its peak RSS is its own:

- pySHACL, the reference: the N-Quads parsed with rdflib into one graph (the union of all graphs) and
  ``pyshacl.validate(..., inference="none", advanced=True)`` called directly, not through rdfkit.
  Skipped above N = 20,000 (it needs about 100 ms per document, because it parses the SPARQL of each
  sh:sparql constraint again for every focus node); ``--pyshacl`` forces it;
- rdfkit's pySHACL engine (``engine="pyshacl"``: pySHACL with each SPARQL query parsed once), up to
  N = 20,000: the fallback rdfkit uses for shapes the compiled engine does not support;
- rdfkit, compiled engine, whole graph at once (``engine="shacl", workers=1``), up to N = 20,000;
- rdfkit, compiled engine, sharded by record (shards of 500 records, validated 2 at a time in threads:
  the engine releases the GIL) (``workers=2``; what ``rdfkit validate`` does with large inputs).

Seconds are for reading the N-Quads and validating; importing the modules (once per process) is shown
apart. Each run writes its results as keys (focus node, path, constraint component, severity, value), in
N-Triples syntax (every blank node written ``_:``, as labels differ between parsers), and the script
checks that every rdfkit run gives the same set as pySHACL, that the sharded run gives the same set as
the whole-graph run, and that each run reports every injected error on the node the catalogue names.

    python bench/validate.py                   # N = 10,000 (pySHACL takes about 17 minutes here)
    python bench/validate.py --n 1000          # a quick look
    python bench/validate.py --n 100000        # pySHACL skipped; add --pyshacl for it (hours)

Targets: N = 10,000 at least 20x faster than pySHACL with the same results; N = 100,000 under 60 s and
under 2 GiB.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.synthetic import Generated, write_nquads  # noqa: E402

SPEEDUP, AT_N = 20, 10_000
LIMIT_SECONDS, LIMIT_MIB, LIMIT_N = 60, 2048, 100_000
PYSHACL_UP_TO = 20_000
WHOLE_UP_TO = 20_000

RUNNER = r"""
import json, resource, sys, time
t0 = time.perf_counter()
mode, data, out, shapes_dir = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
options = json.loads(sys.argv[5])
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
if mode == "pyshacl":
    import glob
    import pyshacl
    from rdflib import Dataset
else:
    from rdflib.paths import InvPath
    from rdfkit.validate import validate
    from rdfkit.validate.terms import path_text
imports = time.perf_counter() - t0


def term(node):
    if node is None:
        return None
    return "_:" if isinstance(node, BNode) else node.n3()


def bare(node):
    return "_:" if isinstance(node, BNode) else str(node)


start = time.perf_counter()
if mode == "pyshacl":
    ds = Dataset()
    ds.parse(data, format="nquads")
    union = Graph()
    union.addN((s, p, o, union) for s, p, o, _ in ds.quads((None, None, None, None)))
    del ds
    shapes = Graph()
    for f in sorted(glob.glob(shapes_dir + "/*.ttl")):
        shapes.parse(f, format="turtle")
    loaded = time.perf_counter() - start
    _, report, _ = pyshacl.validate(union, shacl_graph=shapes, inference="none", advanced=True)
    seconds = time.perf_counter() - start
    rows = []
    for r in report.objects(None, SH.result):
        path = report.value(r, SH.resultPath)
        if isinstance(path, BNode) and report.value(path, SH.inversePath) is not None:
            path = "^" + report.value(path, SH.inversePath).n3()
        elif path is not None:
            path = path.n3()
        severity = str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        focus = report.value(r, SH.focusNode)
        rows.append(([term(focus), path, report.value(r, SH.sourceConstraintComponent).n3(), severity,
                      term(report.value(r, SH.value))], str(report.value(r, SH.sourceShape)), bare(focus)))
else:
    loaded = None
    result = validate(data, **options)
    seconds = time.perf_counter() - start
    rows = []
    for r in result.results:
        focus, path, component, severity, value = r.key()
        if path is not None:
            path = path.n3() if isinstance(path, URIRef) else (
                "^" + path.arg.n3() if isinstance(path, InvPath) and isinstance(path.arg, URIRef) else path_text(path, full=True))
        rows.append(([term(focus), path, component.n3(), severity, term(value)], str(r.source_shape), bare(focus)))
self_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
counts = {}
for key, _, _ in rows:
    counts[key[3]] = counts.get(key[3], 0) + 1
with open(out, "w", encoding="utf-8") as f:
    json.dump({"keys": sorted({json.dumps(k) for k, _, _ in rows}),
               "found": sorted({json.dumps([shape, focus]) for _, shape, focus in rows})}, f)
print(json.dumps({"seconds": seconds, "loaded": loaded, "imports": imports, "self_kib": self_kib,
                  "children_kib": children_kib, "results": len(rows), "counts": counts}))
"""


def dataset(folder: Path, n: int, seed: int, error_rate: float) -> tuple[Path, Generated, float | None]:
    """The N-Quads file for (n, seed), generated unless an earlier run left it in ``folder``."""
    version = hashlib.sha256((ROOT / "tests" / "synthetic.py").read_bytes()).hexdigest()[:10]
    where = folder / f"n{n}-seed{seed}-rate{error_rate}-{version}"
    data, manifest = where / "da.nq", where / "generated.json"
    if manifest.exists() and data.exists():
        return data, Generated.from_json(manifest.read_text(encoding="utf-8")), None
    where.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    generated = write_nquads(data, n, error_rate=error_rate, seed=seed, every_kind=True)
    took = time.perf_counter() - t
    manifest.write_text(generated.to_json(), encoding="utf-8")
    return data, generated, took


def run(mode: str, data: Path, out: Path, options: dict[str, Any] | None = None) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-c", RUNNER, mode, str(data), str(out), str(ROOT / "shapes"),
                           json.dumps(options or {})], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        sys.exit(f"{mode} {options or ''} failed:\n{proc.stderr[-3000:]}")
    figures: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    saved = json.loads(out.read_text(encoding="utf-8"))
    figures["keys"] = set(saved["keys"])
    figures["found"] = {tuple(json.loads(x)) for x in saved["found"]}
    return figures


def rdfkit_runs(n: int) -> list[tuple[str, dict[str, Any], bool]]:
    """(label, keyword arguments, sharded) for the rdfkit measurements: the compiled engine on the whole
    graph (only up to N = 20,000: its time grows faster than N) and in shards validated 2 at a time."""
    runs = [("rdfkit pyshacl engine", {"engine": "pyshacl", "workers": 1}, False)] if n <= PYSHACL_UP_TO else []
    runs += [("rdfkit shacl, whole graph", {"engine": "shacl", "workers": 1}, False)] if n <= WHOLE_UP_TO else []
    return runs + [("rdfkit shacl, shards, 2 threads", {"engine": "shacl", "workers": 2}, True)]


def differences(a: set[str], b: set[str], limit: int = 5) -> str:
    lines = [f"    only in the first: {x}" for x in sorted(a - b)[:limit]]
    lines += [f"    only in the second: {x}" for x in sorted(b - a)[:limit]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of documents (default 10,000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated data")
    parser.add_argument("--error-rate", type=float, default=0.01, help="share of documents with an error")
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "rdfkit-bench-validate",
                        help="where generated data is kept and reused (default: a folder in the temp dir)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the result keys of each run (results-*.json beside the data)")
    parser.add_argument("--pyshacl", action="store_true", help=f"run pySHACL even above N = {PYSHACL_UP_TO:,}")
    parser.add_argument("--no-pyshacl", action="store_true", help="never run pySHACL")
    args = parser.parse_args()

    data, generated, took = dataset(args.dir, args.n, args.seed, args.error_rate)
    size = data.stat().st_size
    how = f"generated in {took:.1f} s" if took is not None else f"reused from {data.parent}"
    print(f"data: {args.n:,} documents, {generated.triples:,} quads ({generated.triples / args.n:.1f} per "
          f"document), {generated.distinct_triples:,} distinct triples, {len(generated.errors)} injected errors, "
          f"{size / 2**20:.0f} MiB of N-Quads ({how})")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")

    rows: list[tuple[str, dict[str, Any] | None, bool]] = []
    do_pyshacl = not args.no_pyshacl and (args.n <= PYSHACL_UP_TO or args.pyshacl)
    out = data.parent
    try:
        if do_pyshacl:
            rows.append(("pySHACL (reference)", run("pyshacl", data, out / "results-pyshacl.json"), False))
        else:
            rows.append(("pySHACL (reference)", None, False))
        for k, (label, options, workers) in enumerate(rdfkit_runs(args.n)):
            rows.append((label, run("rdfkit", data, out / f"results-rdfkit-{k}.json", options), workers))
    finally:
        if not args.keep:
            for f in out.glob("results-*.json"):
                f.unlink()

    reference = rows[0][1]
    expected = {(x.shape, x.focus) for e in generated.errors for x in e.expected}
    print(f"\n{'':34}{'seconds':>9}{'vs pySHACL':>12}{'peak RSS':>12}{'Violation':>11}{'Warning':>9}{'Info':>7}"
          f"{'imports':>9}  same results as pySHACL")
    for label, r, workers in rows:
        if r is None:
            why = "--no-pyshacl" if args.no_pyshacl else f"N > {PYSHACL_UP_TO:,}; --pyshacl runs it"
            print(f"{label:34}{'skipped':>9}   ({why})")
            continue
        peak = (r["self_kib"] + r["children_kib"]) / 1024 if workers else r["self_kib"] / 1024
        ratio = f"{reference['seconds'] / r['seconds']:.1f}x" if reference and r is not reference else "-"
        same = "-" if r is reference else "n/a" if reference is None else (
            "yes" if r["keys"] == reference["keys"] else "NO")
        c = r["counts"]
        print(f"{label:34}{r['seconds']:>9.2f}{ratio:>12}{peak:>8.0f} MiB{c.get('Violation', 0):>11}"
              f"{c.get('Warning', 0):>9}{c.get('Info', 0):>7}{r['imports']:>8.2f}s  {same}")
    if reference is not None and reference.get("loaded") is not None:
        print(f"(pySHACL's seconds include {reference['loaded']:.1f} s reading the N-Quads with rdflib)")
    print("(seconds: reading the N-Quads and validating, after imports; shards run in threads of the same "
          "process, so its peak RSS covers them)")
    if args.n > WHOLE_UP_TO:
        print(f"(rdfkit on the whole graph at once is not run above N = {WHOLE_UP_TO:,}: its time grows faster "
              "than N; rdfkit shards large inputs by default)")

    print()
    for label, r, _ in rows:
        if r is None:
            continue
        missing = expected - r["found"]
        print(f"{label}: {len(expected) - len(missing)}/{len(expected)} results the {len(generated.errors)} injected "
              f"errors must cause (shape and focus node) reported"
              + ("" if not missing else f"; missing e.g. {sorted(missing)[:3]}"))
    measured = [(label, r) for label, r, _ in rows if r is not None]
    if reference is not None:
        for label, r in measured[1:]:
            if r["keys"] != reference["keys"]:
                print(f"{label} differs from pySHACL:\n{differences(r['keys'], reference['keys'])}")
    sharded = [(label, r) for label, r, w in rows if w and r is not None]
    whole = [(label, r) for label, r, w in rows if not w and r is not None and label.startswith("rdfkit shacl")]
    if sharded and whole:
        same = sharded[0][1]["keys"] == whole[0][1]["keys"]
        print(f"shards = whole graph: {'yes' if same else 'NO'}")
        if not same:
            print(differences(sharded[0][1]["keys"], whole[0][1]["keys"]))

    print()
    fast = [r for label, r, _ in rows[1:] if r is not None and label.startswith("rdfkit shacl")]
    best = min(fast, key=lambda r: r["seconds"]) if fast else None
    if args.n == AT_N and reference is not None and best is not None:
        ratio = reference["seconds"] / best["seconds"]
        ok = ratio >= SPEEDUP and all(r["keys"] == reference["keys"] for r in fast)
        print(f"target: N = {AT_N:,} at least {SPEEDUP}x faster than pySHACL with the same results: "
              f"{'meets' if ok else 'MISSES'} ({ratio:.0f}x)")
    else:
        why = ("pySHACL skipped" if args.n == AT_N and reference is None else
               "no compiled engine" if best is None else f"run with --n {AT_N}")
        print(f"target: N = {AT_N:,} at least {SPEEDUP}x faster than pySHACL with the same results: "
              f"not measured here ({why})")
    if args.n == LIMIT_N and best is not None:
        peak = (best["self_kib"] + best["children_kib"]) / 1024
        ok = best["seconds"] < LIMIT_SECONDS and peak < LIMIT_MIB
        print(f"target: N = {LIMIT_N:,} under {LIMIT_SECONDS} s and under {LIMIT_MIB // 1024} GiB: "
              f"{'meets' if ok else 'MISSES'} ({best['seconds']:.1f} s, peak {peak:.0f} MiB)")
    else:
        why = "no compiled engine" if best is None else f"run with --n {LIMIT_N}"
        print(f"target: N = {LIMIT_N:,} under {LIMIT_SECONDS} s and under {LIMIT_MIB // 1024} GiB: "
              f"not measured here ({why})")
    print(f"result keys kept in {out}" if args.keep else f"(the data stays in {args.dir} for the next run)")


if __name__ == "__main__":
    main()
