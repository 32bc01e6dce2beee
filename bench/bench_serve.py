"""`dragoman serve` under load on loopback: N requests from C clients against the examples' store.

    .venv/bin/python bench/bench_serve.py [--requests 2000] [--clients 20]

The examples are coded into a store (rules alone) in a temporary folder, `dragoman serve` is
started on 127.0.0.1 as its own process, and C threads each send their share of the requests over
one kept-alive connection: a mix of the review page's reads (a page of events, the review queue,
one event with its evidence, a document, a series, dyads, health). Every answer must be 200;
latency percentiles and the rate go to bench/reports/serve_load.md. The server is stopped at the end,
whatever happens.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "bench" / "reports" / "serve_load.md"
DRAGOMAN = str(Path(sys.executable).with_name("dragoman"))
TOKEN = "bench-token"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(connection: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    connection.request("GET", path, headers={"Authorization": f"Bearer {TOKEN}"})
    answer = connection.getresponse()
    return answer.status, answer.read()


def wait_for(port: int, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: {server.stderr.read().decode()[-2000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            if get(connection, "/health")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer in time")


def paths(port: int) -> list[str]:
    """The requests of the mix, with real ids from the store."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    events = json.loads(get(connection, "/events?limit=20")[1])["events"]
    first = json.loads(get(connection, f"/events/{events[0]['event_id']}")[1])["mentions"][0]
    return (["/events?limit=25", "/events?order=confidence&unreviewed=true&limit=25", "/events?plover=ASSAULT&limit=25",
             "/series?by=country&period=month", "/dyads?period=year", "/health", f"/documents/{first['doc_id']}"]
            + [f"/events/{e['event_id']}" for e in events[:8]])


def client(port: int, mix: list[str], n: int, start: int, latencies: list[float], errors: list[str]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for i in range(n):
        path = mix[(start + i) % len(mix)]
        began = time.perf_counter()
        try:
            status, _ = get(connection, path)
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{path}: {exc}")
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - began)
        if status != 200:
            errors.append(f"{path}: HTTP {status}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    env = {**os.environ, "DRAGOMAN_RULES_ONLY": "1"}
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "examples.duckdb")
        subprocess.run([DRAGOMAN, "ingest", str(ROOT / "examples"), "--db", db, "--quiet"], env=env, check=True,
                       timeout=600)
        port = free_port()
        server = subprocess.Popen([DRAGOMAN, "serve", "--db", db, "--port", str(port), "--token", TOKEN,
                                   "--protect-reads"], env=env, stderr=subprocess.PIPE)
        try:
            wait_for(port, server)
            mix = paths(port)
            latencies: list[float] = []
            errors: list[str] = []
            share = args.requests // args.clients
            threads = [threading.Thread(target=client, args=(port, mix, share, i * 3, latencies, errors))
                       for i in range(args.clients)]
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=600)
            elapsed = time.perf_counter() - began
        finally:
            server.terminate()
            server.wait(timeout=30)
    lines = [
        "# `dragoman serve` under load (bench/bench_serve.py)",
        "",
        f"{share * args.clients} requests from {args.clients} clients (threads, one kept-alive connection each) "
        f"on 127.0.0.1, against the examples' store ({len(mix)} kinds of read: events pages, the review queue, "
        "one event with its evidence, a document, a monthly series by country, yearly dyads, health), reads "
        f"protected by the token. {os.cpu_count()} cores.",
        "",
        "| requests | errors | seconds | requests/s | p50 ms | p90 ms | p99 ms | max ms |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        f"| {share * args.clients} | {len(errors)} | {elapsed:.1f} | "
        f"{len(latencies) / elapsed:.0f} | {percentile(latencies, .5):.1f} | {percentile(latencies, .9):.1f} | "
        f"{percentile(latencies, .99):.1f} | {max(latencies) * 1000:.1f} |",
    ]
    if errors:
        lines += ["", "Errors:", "", *[f"- {e}" for e in errors[:20]]]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
