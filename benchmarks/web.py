"""Web app figures: server time of the reader and of search (p50/p95), and a load run.

    .venv/bin/python benchmarks/web.py [--duration 60] [--connections 100] [--workers 2] [--each 10]

1. In process: the app over a library (BAOGAO_DB if it has documents, else a temporary SQLite
   library with the whole corpus imported), repeated requests; "server time" is the app's own
   Server-Timing header (request in -> response start), "client" adds the test client.
   "uncached" rows empty the page, view and result caches before each request (the worker's
   once-a-second library stamp is kept: it is not a per-page cost).
2. Load: ``baogao serve --workers N`` on a free loopback port, then ``wrk`` with N connections for
   the duration against a mix of reader pages, searches and API calls (a Lua script rotates the
   URLs and collects each response's Server-Timing), plus a shorter run against each group alone.
   Prints requests/s, p50/p99 latency as the client saw it, p99 of the app's own server time (so a
   tail made by queueing in the server is told apart from slow views), and errors (socket errors
   + non-2xx/3xx responses). The machine's load average is printed too: other processes on the
   machine move these figures.

   wrk is the load client (``make bench-deps`` installs the Debian package). Without it the
   script falls back to a Python httpx asyncio client and says so loudly: that client spends more
   CPU per request than the server does, so its requests/s and latencies describe the client, not
   the app.

   ``--loop asyncio|uvloop`` runs the same app under uvicorn with that event loop instead of
   ``baogao serve`` (a diagnostic for the server's tail latency; the default, ``serve``, is what
   users run).

Goals (issue 4): reader p95 <= 50 ms; under load 0 errors and p99 <= 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent / "baogao"
LONGEST = "100000-1955-gzbg"
READER = [f"/d/{LONGEST}", "/d/310101-2025-gzbg", "/d/440000-2025-gzbg", "/d/310000-2026-gzbg"]
SEARCH = ["/search?q=%E7%94%B5%E6%A2%AF", "/search?q=%E6%96%B0%E8%B4%A8%E7%94%9F%E4%BA%A7%E5%8A%9B",
          "/search?q=%E4%BD%8E%E7%A9%BA%E7%BB%8F%E6%B5%8E&year=2025", "/api/v1/search?q=%E6%97%A7%E6%94%B9"]
API = ["/api/v1/documents?region=%E4%B8%8A%E6%B5%B7", f"/api/v1/documents/{LONGEST}",
       "/api/v1/documents/310101-2025-gzbg/text?start=100&end=400",
       f"/api/v1/documents/{LONGEST}/find?q=%E5%B7%A5%E4%B8%9A", "/api/v1/documents?year=2025&limit=20"]


def corpus_dir() -> Path:
    env = os.environ.get("BAOGAO_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


def library(tmp: Path) -> tuple[str, Path]:
    """-> (database URL, BAOGAO_HOME) of a library with the corpus."""
    from baogao.config import load_settings
    from baogao.services.importing import import_paths
    from baogao.store.db import Database

    url = os.environ.get("BAOGAO_DB")
    if url:
        db = Database(url)
        with db.session() as s:
            from baogao.services.library import library_stats

            if library_stats(s)["documents"]:
                db.dispose()
                return url, Path(os.environ.get("BAOGAO_HOME", tmp / "home"))
    url = f"sqlite:///{tmp / 'bench.db'}"
    home = tmp / "home"
    t = time.perf_counter()
    db = Database(url)
    summary = import_paths(db, [corpus_dir()], load_settings(env={"BAOGAO_HOME": str(home)}))
    db.dispose()
    print(f"library: imported {summary.count('imported')} documents in {time.perf_counter() - t:.1f} s -> {url}")
    return url, home


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def in_process(url: str, home: Path, n: int) -> dict:
    from fastapi.testclient import TestClient

    from baogao.config import load_settings
    from baogao.web.app import create_app

    settings = load_settings(env={"BAOGAO_HOME": str(home)}, db=url)
    client = TestClient(create_app(settings))
    out = {}
    cases = {"reader (1955, longest)": f"/d/{LONGEST}", "reader (Huangpu 2025)": "/d/310101-2025-gzbg",
             "search page 电梯": SEARCH[0], "search API 旧改": SEARCH[3], "find in 1955 (API)": API[3],
             "library page": "/", "documents API": API[0]}
    cold = {"reader (1955) uncached": f"/d/{LONGEST}", "search page 电梯 uncached": SEARCH[0],
            "find in 1955 uncached": API[3]}
    cases.update(cold)
    print(f"\nserver time, in process ({n} requests each after one warm-up; 'uncached' empties the page/result caches first)")
    print(f"{'':26} {'p50 ms':>8} {'p95 ms':>8} {'client p95':>11}")
    for name, path in cases.items():
        r = client.get(path)
        assert r.status_code == 200, (path, r.status_code)
        server, wall = [], []
        for _ in range(n):
            if name in cold:
                clear_web_caches()
            t = time.perf_counter()
            r = client.get(path)
            wall.append((time.perf_counter() - t) * 1000)
            server.append(float(r.headers["server-timing"].split("dur=")[1]))
        out[name] = (pct(server, 50), pct(server, 95))
        print(f"{name:26} {pct(server, 50):8.1f} {pct(server, 95):8.1f} {pct(wall, 95):11.1f}")
    return out


def clear_web_caches() -> None:
    from baogao.web import presenters, render, searching
    from baogao.web.routes import api, reader

    presenters.clear_caches(stamp=False)  # pages and results, not the once-a-second library stamp
    render._PAGES.clear()
    searching._RESULTS.clear()
    reader._ANON_PAGES.clear()
    api._BODIES.clear()
    api._LISTINGS.clear()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(url: str, home: Path, workers: int, tmp: Path, loop: str = "serve") -> tuple[subprocess.Popen, str]:
    import httpx

    port = free_port()
    env = {**os.environ, "BAOGAO_DB": url, "BAOGAO_HOME": str(home)}
    if loop == "serve":
        cmd = [str(BIN), "serve", "--port", str(port), "--workers", str(workers)]
    else:  # the same app under uvicorn with another event loop (what `baogao serve` runs, loop aside)
        from baogao.config import load_settings

        env["BAOGAO_SECRET_KEY"] = load_settings(env={"BAOGAO_HOME": str(home)}, db=url).secret_key
        code = ("import uvicorn\nif __name__ == '__main__':\n uvicorn.run('baogao.web.app:create_app_from_env', "
                f"factory=True, host='127.0.0.1', port={port}, workers={workers}, loop={loop!r}, http='httptools', "
                "log_level='warning', server_header=False)")
        script = tmp / "serve_with_loop.py"
        script.write_text(code)
        cmd = [sys.executable, str(script)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.kill()
        raise SystemExit("baogao serve did not start: " + proc.stderr.read().decode()[-2000:])
    # warm every worker's caches: a fresh connection per request, so that all workers get some
    for _ in range(workers * 4):
        for path in READER + SEARCH + API:
            httpx.get(base + path, timeout=30)
    return proc, base


def server_loop(loop: str) -> str:
    if loop != "serve":
        return loop
    return "asyncio (baogao serve sets it)"


# Rotates the paths; collects the app's Server-Timing of every response (each thread's own table,
# merged in done()) and prints its percentiles on the last line.
LUA = """
local paths = {%s}
local counter = 0
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function(args) durs = {} end
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
response = function(status, headers, body)
  local st = headers["server-timing"] or headers["Server-Timing"]
  if st then
    local d = st:match("dur=([%%d%%.]+)")
    if d then durs[#durs + 1] = tonumber(d) end
  end
end
done = function(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads) do
    for _, v in ipairs(t:get("durs")) do all[#all + 1] = v end
  end
  table.sort(all)
  local n = #all
  if n > 0 then
    io.write(string.format("SERVER %%d %%.3f %%.3f %%.3f\\n", n, all[math.max(1, math.floor(n * 0.5))],
      all[math.max(1, math.floor(n * 0.99))], all[n]))
  end
end
"""


def run_wrk(base: str, paths: list[str], seconds: int, connections: int, tmp: Path) -> dict:
    script = tmp / f"mix{abs(hash(tuple(paths)))}.lua"
    script.write_text(LUA % ", ".join(f'"{p}"' for p in paths))
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", "-s", str(script), base]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout

    def ms(label: str) -> float:
        m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return float("nan")
        v = float(m.group(1))
        return v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = (sum(int(x) for x in sock.groups()) if sock else 0) + (int(non2xx.group(1)) if non2xx else 0)
    server = re.search(r"^SERVER (\d+) ([\d.]+) ([\d.]+) ([\d.]+)$", out, re.M)
    return {"rps": rps, "p50": ms("50"), "p99": ms("99"), "errors": errors, "requests": total,
            "server_p99": float(server.group(3)) if server else float("nan")}


async def _httpx_load(base: str, paths: list[str], seconds: int, connections: int) -> dict:
    import httpx

    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)

    async with httpx.AsyncClient(base_url=base, timeout=10, limits=limits) as client:
        async def worker(i: int) -> None:
            nonlocal errors
            k = i
            while time.perf_counter() < stop:
                path = paths[k % len(paths)]
                k += 1
                t = time.perf_counter()
                try:
                    r = await client.get(path)
                    if r.status_code >= 400:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append((time.perf_counter() - t) * 1000)

        t0 = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(connections)))
        elapsed = time.perf_counter() - t0
    return {"rps": len(latencies) / elapsed, "p50": statistics.median(latencies), "p99": pct(latencies, 99),
            "errors": errors, "requests": len(latencies), "server_p99": float("nan")}


def load(base: str, paths: list[str], seconds: int, connections: int, tmp: Path) -> dict:
    if shutil.which("wrk"):
        return run_wrk(base, paths, seconds, connections, tmp)
    return asyncio.run(_httpx_load(base, paths, seconds, connections))


def load_client() -> str:
    if shutil.which("wrk"):
        version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0].split(" [")[0]
        return f"{version} (C, keep-alive connections)"
    return "httpx asyncio client (Python fallback: wrk not found)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--duration", type=int, default=60, help="seconds of the mixed load run")
    ap.add_argument("--each", type=int, default=10, help="seconds of the run per group (0: skip)")
    ap.add_argument("--connections", type=int, default=100)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--requests", type=int, default=200, help="in-process requests per case")
    ap.add_argument("--loop", choices=("serve", "asyncio", "uvloop"), default="serve",
                    help="serve: `baogao serve` as shipped; asyncio|uvloop: the app under uvicorn with that loop")
    args = ap.parse_args()
    client = load_client()
    if not shutil.which("wrk"):
        print("WARNING: wrk is not installed (`make bench-deps` installs it). Falling back to a Python httpx client,\n"
              "         which needs more CPU per request than the server: its req/s and latencies measure the\n"
              "         client, not the app. Do not quote them.", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="baogao-bench-") as d:
        tmp = Path(d)
        url, home = library(tmp)
        timings = in_process(url, home, args.requests)
        proc, base = start_server(url, home, args.workers, tmp, args.loop)
        server = ("baogao serve" if args.loop == "serve" else "uvicorn (diagnostic)") + f" --workers {args.workers}"
        try:
            print(f"\nload: {args.connections} concurrent clients on loopback against {server}; event loop: {server_loop(args.loop)}")
            print(f"load client: {client}; {os.cpu_count()} CPUs, load average before: {os.getloadavg()[0]:.2f}")
            print("'server p99' is the app's own time to the response start (Server-Timing); the rest of the\n"
                  "client's p99 is waiting in the server's queues")
            print(f"{'':34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'server p99':>11} {'errors':>7} {'requests':>9}")
            runs = [(f"mix reader+search+API, {args.duration} s", READER + SEARCH + API, args.duration)]
            if args.each:
                runs += [(f"reader only, {args.each} s", READER, args.each), (f"search only, {args.each} s", SEARCH, args.each),
                         (f"API only, {args.each} s", API, args.each)]
            results = {}
            for name, paths, seconds in runs:
                r = load(base, paths, seconds, args.connections, tmp)
                results[name] = r
                print(f"{name:34} {r['rps']:8.0f} {r['p50']:8.1f} {r['p99']:8.1f} {r['server_p99']:11.1f} "
                      f"{r['errors']:7d} {r['requests']:9d}", flush=True)
            print(f"load average after: {os.getloadavg()[0]:.2f}")
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
    reader_p95 = max(timings["reader (1955, longest)"][1], timings["reader (1955) uncached"][1])
    mix = next(iter(results.values()))
    print(f"\ngoals: reader p95 {reader_p95:.1f} ms (<= 50) {'OK' if reader_p95 <= 50 else 'MISSED'}; "
          f"load p99 {mix['p99']:.0f} ms (<= 300) {'OK' if mix['p99'] <= 300 else 'MISSED'}, "
          f"errors {mix['errors']} (0) {'OK' if mix['errors'] == 0 else 'MISSED'}  [load client: {client}]")


if __name__ == "__main__":
    main()
