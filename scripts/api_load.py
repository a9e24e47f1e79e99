"""Load-test the HTTP API: N concurrent clients against `eventwire serve` on this machine (not a test).

Starts the server on 127.0.0.1 over a database (build one with
scripts/api_bench.py: 10,000 articles), then ``--clients`` threads send
``--requests`` GETs in all, cycling through one URL per endpoint (the same
calls as api_bench.py, ids and names taken from the database), and prints
p50, p95 and max latency overall and per endpoint. Traffic goes to the
loopback address only; the run is bounded in requests and in time.

    .venv/bin/python scripts/api_load.py --db /tmp/eventwire-api-bench.db [--clients 20] [--requests 2000]

The target: p95 under 300 ms at 20 concurrent clients.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(db: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    sys.exit("the server did not start")


def _percentile(times: list[float], q: float) -> float:
    times = sorted(times)
    return times[min(len(times) - 1, int(q * len(times)))]


def load(base: str, urls: dict[str, str], *, clients: int, requests: int, seconds: float) -> dict[str, list[float]]:
    import httpx

    names = list(urls)
    counter = iter(range(requests))
    lock = threading.Lock()
    times: dict[str, list[float]] = defaultdict(list)
    failures: list[str] = []
    stop = time.monotonic() + seconds

    def client() -> None:
        with httpx.Client(base_url=base, timeout=30) as http:
            while time.monotonic() < stop:
                with lock:
                    n = next(counter, None)
                if n is None:
                    return
                name = names[n % len(names)]
                began = time.perf_counter()
                answer = http.get(urls[name])
                elapsed = (time.perf_counter() - began) * 1000
                with lock:
                    times[name].append(elapsed)
                    if answer.status_code != 200:
                        failures.append(f"{urls[name]}: {answer.status_code}")

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        print(f"{len(failures)} failed requests, e.g. {failures[0]}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-api-bench.db"))
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=600, help="Stop after this long whatever is left.")
    args = parser.parse_args()
    if not args.db.exists():
        sys.exit(f"no database at {args.db}: build it with scripts/api_bench.py --db {args.db}")
    import httpx

    from api_bench import calls

    port = _free_port()
    server = _serve(args.db, port)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as http:
            urls = calls(http)
            for url in urls.values():  # warm up: first calls load caches
                http.get(url)
        times = load(base, urls, clients=args.clients, requests=args.requests, seconds=args.seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    every = [t for ts in times.values() for t in ts]
    width = max(map(len, times))
    print(f"{'endpoint':<{width}}  p50 ms  p95 ms  max ms")
    for name, ts in times.items():
        print(f"{name:<{width}}  {statistics.median(ts):6.0f}  {_percentile(ts, 0.95):6.0f}  {max(ts):6.0f}")
    print(f"{len(every)} requests, {args.clients} clients: p50 {statistics.median(every):.0f} ms, "
          f"p95 {_percentile(every, 0.95):.0f} ms, max {max(every):.0f} ms")


if __name__ == "__main__":
    main()
