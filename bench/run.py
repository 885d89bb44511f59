# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Load bench: seed a PostgreSQL database, serve EenPlan with gunicorn on loopback, drive a bounded load.

Run through `make bench` (which starts a throwaway PostgreSQL 15 per scale). One scale per run:

    DATABASE_URL=postgres://... python bench/run.py --scale large --out bench/results/large.json

Per page it records the server time (Server-Timing header, app time inside Django), queries per request, requests
per second; then it restarts the server with the access log switched off and measures the household page again.
The load client follows no redirects: a page that answers anything but 200 (a lost session redirects to the login
page) counts as an error, per status, and its time is left out of the figures. gunicorn's own messages go to
bench/results/gunicorn-<scale>.log.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "eenplan.settings",
    "SECRET_KEY": "bench-only-secret-key-not-for-production",
    "ACCESS_LOG_KEYS": "bench-only-access-log-key-not-for-production",
    "FIELD_ENCRYPTION_KEYS": "bench-only-field-encryption-key-not-for-production",
    "SECURE_SSL_REDIRECT": "0",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_COOKIES": "0",
    "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    "WHITENOISE_USE_FINDERS": "1",
    "SERVER_TIMING": "1",
    "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
}


SLOW_PAGE_MS = 3000  # a page slower than this at p50 alone is left out of the Locust load (see main)


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, **BENCH_ENV, **extra}


def manage(*args: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env(), check=True, capture_output=True, text=True
    ).stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand a 3xx back as it is (an `HTTPError`) instead of following it to, say, the login page."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


OPENER = urllib.request.build_opener(NoRedirect)


@dataclass
class Server:
    log_path: Path
    log_off: bool = False
    worker_class: str = "sync"
    threads: int = 1
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    log: IO[bytes] | None = None

    def __enter__(self) -> Server:
        extra = {"ACCESS_LOG_OFF_FOR_BENCH": "1"} if self.log_off else {}
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log = self.log_path.open("ab")  # read by nobody while it runs, so a file, not a pipe that fills up
        self.process = subprocess.Popen(
            self.command(),
            cwd=ROOT,
            env=env(**extra),
            stdout=subprocess.DEVNULL,  # no gunicorn access log, as in production (the app's request log replaces it)
            stderr=self.log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2)
                return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError(f"the app server did not start; see {self.log_path}")

    def command(self) -> list[str]:
        """Two worker processes, as gunicorn (sync or gthread) or as granian (a Rust HTTP server running the same
        WSGI application in `threads` Python threads per worker)."""
        if self.worker_class == "granian":
            return [
                PYTHON,
                "-m",
                "granian",
                "--interface",
                "wsgi",
                "eenplan.wsgi:application",
                "--workers",
                "2",
                "--blocking-threads",
                str(self.threads),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
                "--no-access-log",
            ]
        return [
            PYTHON,
            "-m",
            "gunicorn",
            "eenplan.wsgi",
            "--workers",
            "2",
            "--worker-class",
            self.worker_class,
            "--threads",
            str(self.threads),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--log-level",
            "warning",
        ]

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None
        if self.log is not None:
            self.log.close()
            self.log = None


def prepare() -> dict:
    """Sessions that passed TOTP for realistic roles, and the URLs to load (from the seeded data)."""
    out = manage("shell", "-c", (ROOT / "bench" / "prepare.py").read_text())
    return json.loads(out.strip().splitlines()[-1])


@dataclass
class Sample:
    app_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)  # by HTTP status, or the exception's name
    wall_s: float = 0.0
    requests: int = 0


def bearer_token(port: int, token_request: dict) -> str:
    """An OAuth 2.0 access token for an API page (client credentials, bench/prepare.py's `token`)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{token_request['url']}",
        data=token_request["body"].encode(),
        headers=token_request["headers"],
        method="POST",
    )
    with OPENER.open(request, timeout=30) as response:
        return str(json.loads(response.read())["access_token"])


def page_headers(port: int, page: dict) -> dict[str, str]:
    """The headers of a page's requests: its session cookie, its own headers (a token request's client
    credentials), or a bearer token asked once for the whole load (an API page)."""
    headers = {"Cookie": page["cookie"]} if page.get("cookie") else {}
    headers.update(page.get("headers", {}))
    if "token" in page:
        headers["Authorization"] = f"Bearer {bearer_token(port, page['token'])}"
    return headers


def load(port: int, page: dict, requests: int, concurrency: int, time_limit: float) -> Sample:
    """A bounded load of one page (bench/prepare.py's `pages`): at most `requests` requests and `time_limit`
    seconds, from `concurrency` threads."""
    urls: list[str] = page["urls"]
    headers = page_headers(port, page)
    body = page["body"].encode() if page.get("body") else None
    method = page.get("method", "GET")
    sample = Sample()
    lock = threading.Lock()
    counter = iter(range(requests))
    started = time.monotonic()
    rng = random.Random(7)

    def worker() -> None:
        while time.monotonic() - started < time_limit:
            with lock:
                if next(counter, None) is None:
                    return
                url = rng.choice(urls)
            request = urllib.request.Request(f"http://127.0.0.1:{port}{url}", data=body, headers=headers, method=method)
            try:
                with OPENER.open(request, timeout=30) as response:
                    response.read()
                    timing = response.headers.get("Server-Timing", "")
                    status = response.status
            except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
                error.read()
                status = error.code
            except Exception as error:  # refused, reset, timed out
                with lock:
                    sample.requests += 1
                    sample.errors[type(error).__name__] += 1
                continue
            with lock:
                sample.requests += 1
                if status != 200:  # a redirect to the login page is a lost session, not a fast page
                    sample.errors[str(status)] += 1
                    continue
                parts = dict(p.strip().split(";", 1) for p in timing.split(",") if ";" in p)
                sample.app_ms.append(float(parts.get("app", "dur=0").split("dur=")[1]))
                sample.queries.append(int(float(parts.get("db", "dur=0").split("dur=")[1])))

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sample.wall_s = time.monotonic() - started
    return sample


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def summary(sample: Sample) -> dict:
    return {
        "requests": sample.requests,
        "errors": sum(sample.errors.values()),
        "errors_by_status": dict(sorted(sample.errors.items())),
        "p50_ms": round(percentile(sample.app_ms, 50), 1),
        "p95_ms": round(percentile(sample.app_ms, 95), 1),
        "p99_ms": round(percentile(sample.app_ms, 99), 1),
        "median_ms": round(statistics.median(sample.app_ms), 2) if sample.app_ms else None,
        # Answered pages per second (errors are not pages).
        "rps": round(len(sample.app_ms) / sample.wall_s, 1) if sample.wall_s else 0,
        # The usual count: a request that renews the session (once a minute) runs three statements more.
        "queries": statistics.median_low(sample.queries) if sample.queries else None,
    }


def locust(port: int, roles: dict, users: int, seconds: float, max_requests: int) -> dict:
    """Locust users in their roles (bench/locustfile.py) for `seconds`, at most `max_requests` requests: per page
    the client-observed p50/p95/p99 and throughput, with the server time (Server-Timing) beside it.

    The load client runs on the same two cores as gunicorn and PostgreSQL; the CPU it used is reported (from the
    child's resource usage) with the load average before and after, so a reader can judge what it took away."""
    with tempfile.TemporaryDirectory(prefix="eenplan-bench-") as tmp:
        plan, samples_path = Path(tmp) / "plan.json", Path(tmp) / "samples.json"
        plan.write_text(json.dumps(roles))
        before_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
        load_before = os.getloadavg()
        started = time.monotonic()
        subprocess.run(
            [
                PYTHON,
                "-m",
                "locust",
                "-f",
                "bench/locustfile.py",
                "--headless",
                "--only-summary",
                "--host",
                f"http://127.0.0.1:{port}",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{int(seconds)}s",
                "--stop-timeout",
                "5",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=env(BENCH_PLAN=str(plan), BENCH_SAMPLES=str(samples_path), BENCH_MAX_REQUESTS=str(max_requests)),
            check=False,  # Locust exits 1 when any request failed; failures are counted per page below
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=seconds + 120,
        )
        wall = time.monotonic() - started
        after_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
        samples = json.loads(samples_path.read_text()) if samples_path.exists() else []
    by_page: dict[str, list] = {}
    for name, client_ms, app_ms, queries, status in samples:
        by_page.setdefault(name, []).append((client_ms, app_ms, queries, status))
    pages = {}
    for name, rows in sorted(by_page.items()):
        ok = [r for r in rows if r[3] == 200]
        client = [r[0] for r in ok]
        app = [r[1] for r in ok if r[1] is not None]
        errors = Counter(str(r[3]) for r in rows if r[3] != 200)
        pages[name] = {
            "requests": len(rows),
            "errors": sum(errors.values()),
            "errors_by_status": dict(sorted(errors.items())),
            "p50_ms": round(percentile(client, 50), 1),
            "p95_ms": round(percentile(client, 95), 1),
            "p99_ms": round(percentile(client, 99), 1),
            "rps": round(len(ok) / seconds, 2),
            "app_p50_ms": round(percentile(app, 50), 1),
            "app_p95_ms": round(percentile(app, 95), 1),
            "queries": statistics.median_low([r[2] for r in ok if r[2] is not None]) if ok else None,
        }
    client_cpu = (after_cpu.ru_utime - before_cpu.ru_utime) + (after_cpu.ru_stime - before_cpu.ru_stime)
    return {
        "users": users,
        "seconds": round(wall, 1),
        "requests": len(samples),
        "rps": round(sum(p["rps"] for p in pages.values()), 1),
        "client_cpu_s": round(client_cpu, 1),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "pages": pages,
    }


PRIORITY = -10


def prioritise() -> dict[str, str]:
    """Give the bench's processes (this one and its children: gunicorn, Locust; and PostgreSQL) a higher CPU
    priority than the machine's other work, where allowed (root), and say what was done.

    With the kernel's autogroup scheduling (`/proc/sys/kernel/sched_autogroup_enabled`) a process's nice value only
    counts within its session's group; across groups the group's own nice value counts, so both are set. pg_ctl
    starts PostgreSQL in a session of its own: its group is set through the postmaster's pid."""
    done: dict[str, str] = {}
    try:
        os.nice(PRIORITY - os.nice(0))
        done["nice"] = str(os.nice(0))
    except OSError as error:
        done["nice"] = f"not changed ({error.strerror})"
    pids = {"bench": os.getpid()}
    try:
        data_directory = (
            manage(
                "shell",
                "-c",
                "from django.db import connection; c = connection.cursor(); "
                "c.execute(\"SELECT current_setting('data_directory')\"); print(c.fetchone()[0])",
            )
            .strip()
            .splitlines()[-1]
        )
        pids["postgresql"] = int((Path(data_directory) / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError, subprocess.CalledProcessError) as error:
        done["postgresql"] = f"not found ({error})"
    for name, pid in pids.items():
        try:
            Path(f"/proc/{pid}/autogroup").write_text(str(PRIORITY))
            done[f"autogroup {name}"] = Path(f"/proc/{pid}/autogroup").read_text().strip()
        except OSError as error:
            done[f"autogroup {name}"] = f"not changed ({error.strerror})"
    return done


SEED_PART = re.compile(r"^\s+(?P<seconds>\d+(?:\.\d+)?)s\s{2}(?P<part>\S.*)$")


def seed(scale: str) -> dict[str, float]:
    """Runs seed_demo, passing its progress lines through; returns the seconds per part it reports at the end."""
    parts: dict[str, float] = {}
    with subprocess.Popen(
        [PYTHON, "manage.py", "seed_demo", "--scale", scale, "--batch-size", "5000", "--if-empty"],
        cwd=ROOT,
        env=env(DEBUG="1"),  # demo data is refused outside development; the server still runs with DEBUG off
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            print(line, end="", flush=True)
            if match := SEED_PART.match(line):
                parts[match["part"]] = float(match["seconds"])
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, process.args)
    return parts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="large")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--users", default="1,16,64", help="Locust levels: concurrent users, comma-separated")
    parser.add_argument("--locust-seconds", type=float, default=60.0, help="Locust run time per level")
    parser.add_argument("--locust-max-requests", type=int, default=20000, help="Locust request bound per level")
    parser.add_argument(
        "--worker-class", default="gthread", help="gunicorn's worker class (sync or gthread), or granian (its server)"
    )
    parser.add_argument("--threads", type=int, default=4, help="Python threads per worker (gthread, granian)")
    parser.add_argument("--skip-seed", action="store_true", help="the database is already seeded (a second run)")
    parser.add_argument("--seed-only", action="store_true", help="seed, analyse and stop (measure later: --skip-seed)")
    parser.add_argument(
        "--no-migrate", action="store_true", help="with --skip-seed: leave the database's migrations as they are"
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("bench/run.py needs DATABASE_URL pointing at PostgreSQL (make bench starts one).")
    priority = prioritise()
    print("priority", priority, flush=True)
    started = time.monotonic()
    seed_parts: dict[str, float] = {}
    if not args.skip_seed:
        manage("migrate", "--no-input", "-v", "0")
        print(f"seeding {args.scale} …", flush=True)
        seed_parts = seed(args.scale)
        manage("shell", "-c", "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')")
    seed_seconds = round(time.monotonic() - started, 1)
    migrated: list[str] = []
    if args.skip_seed and not args.no_migrate:
        # A database seeded earlier gets the migrations committed since (the pages would fail on a missing column);
        # what was applied is recorded in the results.
        planned = manage("migrate", "--plan").split("Planned operations:", 1)[-1]
        migrated = [line.strip() for line in planned.splitlines() if line and not line.startswith(" ")]
        migrated = [name for name in migrated if "." in name and " " not in name]
        if migrated:
            print("migrating the kept database:", ", ".join(migrated), flush=True)
            manage("migrate", "--no-input", "-v", "0")
    if args.seed_only:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        seeded = {"scale": args.scale, "seed_seconds": seed_seconds, "seed_parts": seed_parts}
        args.out.with_suffix(".seed.json").write_text(json.dumps(seeded, indent=2))
        print(f"seeded {args.scale} in {seed_seconds} s", flush=True)
        return
    seeded_file = args.out.with_suffix(".seed.json")
    if args.skip_seed and seeded_file.exists():
        # Seeded by an earlier `--seed-only` run: its seeding time is the one to report.
        earlier = json.loads(seeded_file.read_text())
        if earlier.get("scale") == args.scale:
            seed_seconds, seed_parts = earlier["seed_seconds"], earlier["seed_parts"]
    plan = prepare()
    results: dict = {
        "scale": args.scale,
        "seed_seconds": seed_seconds,
        "seed_parts": seed_parts,
        "migrated_after_seed": migrated,
        "counts": plan["counts"],
        "priority": priority,
        "pages": {},
    }
    log_path = ROOT / "bench" / "results" / f"gunicorn-{args.scale}.log"
    threaded = args.worker_class in ("gthread", "granian")
    workers = {"worker_class": args.worker_class, "threads": args.threads if threaded else 1}
    results["server"] = {"workers": 2, **workers}
    with Server(log_path, **workers) as server:
        for name, page in plan["pages"].items():
            load(server.port, page, 20, 1, 30)  # warm up
            sample = load(server.port, page, args.requests, args.concurrency, args.time_limit)
            results["pages"][name] = summary(sample)
            print(name, results["pages"][name], flush=True)
            if sample.errors:
                print(f"  !! {name}: {dict(sample.errors)} — not 200; left out of the figures", flush=True)
        # A page far over its budget alone (p50 server time over SLOW_PAGE_MS with two sessions) would hold the
        # workers' threads for the other users and measure only itself: it stays out of the users' load and is
        # listed in the results instead (bench/report.py says so under the tables).
        results["left_out_of_load"] = {
            name: row["p50_ms"] for name, row in results["pages"].items() if row["p50_ms"] > SLOW_PAGE_MS
        }
        roles = {
            role: {**spec, "pages": {n: p for n, p in spec["pages"].items() if n not in results["left_out_of_load"]}}
            for role, spec in plan["roles"].items()
        }
        roles = {role: spec for role, spec in roles.items() if spec["pages"]}
        results["load"] = {}
        for users in [int(u) for u in args.users.split(",") if u]:
            run = locust(server.port, roles, users, args.locust_seconds, args.locust_max_requests)
            results["load"][str(users)] = run
            print(f"locust {users} users:", json.dumps(run), flush=True)
    # The sociale kaart search in one process at the seeded ~2,000 services and at 20,000 (grown and rolled back).
    results["search"] = json.loads(
        manage("shell", "-c", (ROOT / "bench" / "search_timing.py").read_text()).strip().splitlines()[-1]
    )
    print("search", json.dumps(results["search"]), flush=True)
    household = plan["pages"]["household page"]
    with Server(log_path, log_off=True, **workers) as server:
        load(server.port, household, 20, 1, 30)
        sample = load(server.port, household, args.requests, args.concurrency, args.time_limit)
        results["household_page_log_off"] = summary(sample)
        print("household page, access log off", results["household_page_log_off"], flush=True)
    results["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print(f"wrote {args.out}", flush=True)


if __name__ == "__main__":
    main()
