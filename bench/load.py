"""Load on the running app: many clients asking at once through gradio_client.

Usage: .venv/bin/python bench/load.py [--clients 30] [--questions 20] [--queue-size N]
                                      [--max-seconds 900] [--url URL]
                                      [--new-session-each-question]

Without --url it serves app.py itself on a free loopback port (the project's corpus and
index), and stops it afterwards. It is bounded in clients, requests and time: each client
asks its questions one after another and gives up when the time is over. It reports
latency (p50, p95, max), errors by kind (a full queue is "busy"), and the server's
resident memory after a warm-up and at the end. Results go to bench/results/load.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from tests.served_app import free_port  # noqa: E402


def questions() -> list[str]:
    rows = (ROOT / "tests" / "data" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(r)["q"] for r in rows if r.strip()]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def start_app(port: int, queue_size: int | None) -> subprocess.Popen:
    env = {**os.environ, "ASSISTANT_SERVER__PORT": str(port)}
    if queue_size:
        env["ASSISTANT_SERVER__QUEUE_SIZE"] = str(queue_size)
    subprocess.run([sys.executable, "-m", "assistant", "index"], cwd=ROOT, env=env, check=True)
    log = open(ROOT / "bench" / "results" / "load-app.log", "w")  # noqa: SIM115
    return subprocess.Popen(
        [sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )


def wait_ready(url: str, deadline: float) -> None:
    from gradio_client import Client

    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)
            Client(url, verbose=False).predict("warm up", [], [], [], None, None, api_name="/chat")
            return
        except Exception:
            time.sleep(1)
    raise TimeoutError(f"{url} did not answer")


def client_run(
    url: str,
    asks: list[str],
    deadline: float,
    out: list,
    lock: threading.Lock,
    fresh: bool = False,
):
    from gradio_client import Client

    client = Client(url, verbose=False)
    for q in asks:
        if time.monotonic() > deadline:
            break
        started = time.perf_counter()
        try:
            if fresh:  # a new visitor for every question: sessions pile up on the server
                client = Client(url, verbose=False)
            messages, _ = client.predict(q, [], [], [], None, None, api_name="/chat")
            kind = "ok" if messages and messages[0]["content"] else "empty answer"
        except Exception as exc:  # the client raises on queue-full and server errors
            text = str(exc).lower()
            kind = "busy" if "queue is full" in text or "too many" in text else f"error: {exc}"
        with lock:
            out.append((kind, time.perf_counter() - started))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--questions", type=int, default=20, help="per client")
    parser.add_argument("--queue-size", type=int, help="override the app's queue size")
    parser.add_argument("--max-seconds", type=float, default=900)
    parser.add_argument("--url", help="drive an app that is already running")
    parser.add_argument(
        "--new-session-each-question",
        action="store_true",
        help="open a new session for every question, as many short visits would",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "load.json")
    args = parser.parse_args()
    proc = None
    lock = threading.Lock()
    url = args.url
    if url is None:
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        proc = start_app(port, args.queue_size)
    try:
        wait_ready(url, time.monotonic() + 300)
        pool = questions()
        # Warm-up at full concurrency (not counted): threads, sessions and allocator arenas
        # settle, so the memory figure below is growth across the run, not start-up.
        warm: list[tuple[str, float]] = []
        with ThreadPoolExecutor(args.clients) as workers:
            for c in range(args.clients):
                workers.submit(client_run, url, [pool[c % len(pool)]], float("inf"), warm, lock)
        rss_start = rss_kib(proc.pid) if proc else 0
        plans = [
            [pool[(c * 7 + i) % len(pool)] for i in range(args.questions)]
            for c in range(args.clients)
        ]
        results: list[tuple[str, float]] = []
        peak = rss_start
        started = time.perf_counter()
        deadline = time.monotonic() + args.max_seconds
        with ThreadPoolExecutor(args.clients) as workers:
            fresh = args.new_session_each_question
            jobs = [
                workers.submit(client_run, url, p, deadline, results, lock, fresh) for p in plans
            ]
            while not all(j.done() for j in jobs):
                if proc:
                    peak = max(peak, rss_kib(proc.pid))
                time.sleep(0.5)
            for j in jobs:
                j.result()
        wall = time.perf_counter() - started
        rss_end = rss_kib(proc.pid) if proc else 0
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=30)
    ok = [s for k, s in results if k == "ok"]
    kinds: dict[str, int] = {}
    for k, _ in results:
        kinds[k] = kinds.get(k, 0) + 1
    report = {
        "machine": f"{os.cpu_count()} CPUs, {platform.machine()}, "
        f"Python {platform.python_version()}",
        "clients": args.clients,
        "questions_per_client": args.questions,
        "queue_size": args.queue_size or "default",
        "new_session_each_question": args.new_session_each_question,
        "requests": len(results),
        "outcomes": kinds,
        "wall_seconds": round(wall, 1),
        "throughput_per_second": round(len(results) / wall, 2),
        "latency_seconds": {
            "p50": round(percentile(ok, 50), 3) if ok else None,
            "p95": round(percentile(ok, 95), 3) if ok else None,
            "max": round(max(ok), 3) if ok else None,
            "mean": round(statistics.fmean(ok), 3) if ok else None,
        },
        "warm_up_requests": len(warm),
        "server_rss_mib": {
            "after_warm_up": round(rss_start / 1024, 1),
            "end": round(rss_end / 1024, 1),
            "peak": round(peak / 1024, 1),
            "growth_percent": round(100 * (rss_end - rss_start) / rss_start, 1)
            if rss_start
            else None,
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
