"""Benchmark: rdfkit publish to a local ``oxigraph serve``, beside one raw POST and ``oxigraph load``.

Generates N synthetic documents shaped like ``rdfkit build`` output (``tests/synthetic.py``: N-Quads, one
named graph per document, about 44.5 triples each), into a folder that is kept and reused by later runs
with the same N and seed. Then loads that one file into Oxigraph in five ways, each on a fresh store,
each client in a fresh process (so its peak RSS is its own), the server on 127.0.0.1:

- raw POST: one ``requests.post`` of the whole file (streamed from disk) to ``/store`` as N-Quads, the
  way the issue measured it (one transaction on the server);
- raw POST, no transaction: the same to ``/store?no_transaction`` (Oxigraph's bulk loader behind HTTP);
- rdfkit publish: ``rdfkit.publish.publish`` with its defaults for Oxigraph (batches of 1,000 graphs: a
  ``DROP SILENT GRAPH`` update and an N-Quads POST without a transaction, 3 connections, every graph's
  triple count checked afterwards, the journal written);
- oxigraph load: ``oxigraph load --location NEW --file data.nq``, offline (no server);
- rdfkit --bulk: ``rdfkit.publish.bulk_load`` into a new store (checks and counts the data, runs
  ``oxigraph load --lenient`` on it, checks every graph's count in the store).

Seconds are wall time from the start of the load to its end (for rdfkit, the whole call: reading,
sending, checking); the server is started before and stopped after. Each run ends with a count of the
quads in the store, which must equal the data's. Client peak RSS is the client process's (the loader's
own for oxigraph load; for --bulk, the larger of rdfkit's process and the oxigraph load it runs); server
peak RSS is ``VmHWM`` of ``oxigraph serve``.

    python bench/publish.py                    # N = 10,000
    python bench/publish.py --n 100000         # a few minutes: the raw POST alone takes most of it
    python bench/publish.py --n 10000 --n 100000

Targets (issue 6): rdfkit publish at least as fast as the single raw POST; client memory flat in the
dataset size (compare the two Ns); --bulk at least 80% of oxigraph load's rate.
"""

from __future__ import annotations

import argparse
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

from tests.servers import _start, _stop, oxigraph_command  # noqa: E402
from tests.synthetic import write_nquads  # noqa: E402

BULK_SHARE = 0.80

RUNNER = r"""
import json, resource, sys, time
mode, data, url, work = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
if mode.startswith("raw"):
    import requests
    t0 = time.perf_counter()
    target = url + "/store" + ("?no_transaction" if mode == "raw-nt" else "")
    with open(data, "rb") as body:
        r = requests.post(target, data=body, headers={"Content-Type": "application/n-quads"}, timeout=3600)
    r.raise_for_status()
    info = {"requests": 1}
elif mode == "publish":
    from rdfkit.publish import publish
    t0 = time.perf_counter()
    s = publish([data], url, journal=work + "/journal.sqlite")
    info = {"requests": s.requests, "retries": s.retries, "graphs": s.graphs, "method": s.method}
else:
    from rdfkit.publish import bulk_load
    t0 = time.perf_counter()
    s = bulk_load([data], work + "/store")
    info = {"graphs": s.graphs}
seconds = time.perf_counter() - t0
self_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "rss_mib": max(self_kib, child_kib) / 1024, "self_mib": self_kib / 1024,
                  **info}))
"""


def dataset(folder: Path, n: int, seed: int) -> tuple[Path, int, int, float | None]:
    """The N-Quads file, its lines, its distinct quads (the generator repeats a few lines; a store keeps one
    of each), and the seconds it took to generate (None when reused)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"da-{n}-seed{seed}.nq"
    meta = folder / f"da-{n}-seed{seed}.json"
    if path.exists() and meta.exists():
        known = json.loads(meta.read_text())
        return path, int(known["lines"]), int(known["distinct"]), None
    t0 = time.perf_counter()
    generated = write_nquads(path, n, seed=seed)
    seconds = time.perf_counter() - t0
    distinct = subprocess.run(f"LC_ALL=C sort -u -S 25% -T '{folder}' '{path}' | wc -l", shell=True, check=True,
                              capture_output=True, text=True).stdout
    meta.write_text(json.dumps({"lines": generated.triples, "distinct": int(distinct)}))
    return path, generated.triples, int(distinct), seconds


def client(mode: str, data: Path, url: str, work: Path) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-c", RUNNER, mode, str(data), url, str(work)], capture_output=True,
                          text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def peak_rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def quads_in(location: Path) -> int:
    out = subprocess.run([oxigraph_command(), "query", "--location", str(location), "--query",
                          "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--results-format", "tsv"],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    return int(out[1].split("^^")[0].strip('"'))


def served(mode: str, data: Path, work: Path) -> dict[str, Any]:
    """One client run against a fresh ``oxigraph serve``."""
    location = work / "store"
    location.mkdir(parents=True)
    server = _start(location, work / "server.log", read_only=False)
    try:
        result = client(mode, data, server.url, work)
        result["server_mib"] = peak_rss_mib(server.process.pid)
    finally:
        _stop(server.process)
    result["quads"] = quads_in(location)
    return result


def oxigraph_load(data: Path, work: Path) -> dict[str, Any]:
    location = work / "store"
    t0 = time.perf_counter()
    proc = subprocess.Popen([oxigraph_command(), "load", "--location", str(location), "--file", str(data)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"oxigraph load failed: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
    return {"seconds": seconds, "rss_mib": usage.ru_maxrss / 1024, "quads": quads_in(location), "requests": 0}


def bulk(data: Path, work: Path) -> dict[str, Any]:
    result = client("bulk", data, "-", work)
    result["quads"] = quads_in(work / "store")
    return result


RUNS = [
    ("raw POST (one transaction)", "raw"),
    ("raw POST ?no_transaction", "raw-nt"),
    ("rdfkit publish", "publish"),
    ("oxigraph load (offline)", "load"),
    ("rdfkit publish --bulk", "bulk"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="documents (repeatable; default 10,000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "rdfkit-bench-publish",
                        help="where the generated data is kept between runs")
    parser.add_argument("--skip", action="append", default=[], choices=[m for _, m in RUNS],
                        help="leave a run out (repeatable)")
    args = parser.parse_args()
    ns = args.n or [10_000]
    print(f"rdfkit publish benchmark: oxigraph {subprocess.run([oxigraph_command(), '--version'], capture_output=True, text=True).stdout.strip()}, "
          f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")
    rss_by_n: dict[int, float] = {}
    for n in ns:
        data, lines, triples, generated = dataset(args.dir, n, args.seed)
        note = f"generated in {generated:.1f} s" if generated is not None else "reused"
        print(f"\nN = {n:,} documents: {triples:,} distinct quads ({lines:,} lines), "
              f"{data.stat().st_size / 2**20:,.0f} MiB N-Quads ({note}, {data})")
        results: dict[str, dict[str, Any]] = {}
        for label, mode in RUNS:
            if mode in args.skip:
                continue
            with tempfile.TemporaryDirectory(prefix="rdfkit-bench-", dir=args.dir) as tmp:
                work = Path(tmp)
                if mode == "load":
                    r = oxigraph_load(data, work)
                elif mode == "bulk":
                    r = bulk(data, work)
                else:
                    r = served(mode, data, work)
            r["rate"] = triples / r["seconds"]
            results[mode] = r
            ok = "ok" if r["quads"] == triples else f"WRONG: {r['quads']:,} quads in the store"
            server = f"{r['server_mib']:,.0f} MiB" if "server_mib" in r else "-"
            print(f"  {label:<28} {r['seconds']:8.1f} s {r['rate']:>10,.0f} triples/s   client peak RSS "
                  f"{r['rss_mib']:>7,.0f} MiB   server peak RSS {server:>9}   requests {r.get('requests', '-')!s:>5}   {ok}",
                  flush=True)
        if "publish" in results:
            rss_by_n[n] = results["publish"]["rss_mib"]
            for base in ("raw", "raw-nt"):
                if base in results:
                    ratio = results["publish"]["rate"] / results[base]["rate"]
                    verdict = ("target met" if ratio >= 1 else "target NOT met") if base == "raw" else "for reference"
                    print(f"  rdfkit publish / {dict((m, l) for l, m in RUNS)[base]}: {ratio:.2f}x ({verdict})")
        if "bulk" in results and "load" in results:
            share = results["bulk"]["rate"] / results["load"]["rate"]
            print(f"  rdfkit --bulk / oxigraph load: {share:.0%} "
                  f"({'target met' if share >= BULK_SHARE else 'target NOT met'}: at least {BULK_SHARE:.0%})")
    if len(rss_by_n) > 1:
        low, high = min(rss_by_n), max(rss_by_n)
        print(f"\nrdfkit publish client peak RSS: {rss_by_n[low]:,.0f} MiB at N = {low:,}, {rss_by_n[high]:,.0f} MiB at "
              f"N = {high:,} ({rss_by_n[high] / rss_by_n[low]:.2f}x for {high / low:.0f}x the data)")


if __name__ == "__main__":
    main()
