# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Profile the server under load: py-spy samples gunicorn's workers while Locust users work (bench/locustfile.py).

On a seeded bench database (bench/run.py seeds one; keep it with `--skip-seed` runs), as root (py-spy reads the
workers' memory):

    DATABASE_URL=postgres://... python bench/profile.py --users 16 --seconds 40 --out /tmp/profile

writes `<out>/stacks.txt` (collapsed stacks, for a flame graph viewer such as speedscope) and prints, per page
kind, where the workers' time went: the share of samples in which a function is on the stack (inclusive), for the
frames that name the cost (database round trips, template rendering, the access door and log, sessions, OTP).
py-spy is installed on demand (`pip install py-spy`), it is not a project dependency.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import ROOT, Server, locust, prepare, prioritise

# Each sample of a busy thread is put in the first class whose marker is on its stack (so a query run from a
# template counts as database, a template's own work as template rendering). Threads waiting for a request are idle.
CLASSES = [
    ("database: driver and round trip (psycopg)", "(psycopg/"),
    ("template rendering (without its queries)", "(django/template/"),
    ("forms rendering", "(django/forms/"),
    ("ORM: building SQL, making objects", "(django/db/"),
    ("access log entry", "(eenplan/access/log"),
    ("access door and policy", "(eenplan/access/"),
    ("sessions", "(django/contrib/sessions/"),
    ("OTP", "(django_otp/"),
    ("logging (request log)", "(structlog"),
    ("views and the rest of EenPlan", "(eenplan/"),
    ("Django request handling, middleware", "(django/"),
]
IDLE_MARKERS = ("wait_for_and_dispatch", "select (selectors.py", "poll (selectors.py", "accept (")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--worker-class", default="gthread")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "profile")
    args = parser.parse_args()
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(py_spy).exists():
        sys.exit("py-spy is missing: pip install py-spy")
    print("priority", prioritise(), flush=True)
    plan = prepare()
    args.out.mkdir(parents=True, exist_ok=True)
    stacks = args.out / "stacks.txt"
    threads = args.threads if args.worker_class == "gthread" else 1
    with Server(
        ROOT / "bench" / "results" / "gunicorn-profile.log", worker_class=args.worker_class, threads=threads
    ) as server:
        assert server.process is not None
        record = subprocess.Popen(
            [
                py_spy,
                "record",
                "--pid",
                str(server.process.pid),
                "--subprocesses",
                "--format",
                "raw",
                "--rate",
                "200",
                "--duration",
                str(int(args.seconds)),
                "--output",
                str(stacks),
                "--nonblocking",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        result: dict = {}
        runner = threading.Thread(
            target=lambda: result.update(locust(server.port, plan["roles"], args.users, args.seconds, 20000))
        )
        runner.start()
        runner.join()
        record.wait(timeout=args.seconds + 60)
    print(json.dumps({name: (p["p95_ms"], p["app_p95_ms"]) for name, p in result["pages"].items()}))
    summarise(stacks)


def summarise(stacks: Path) -> None:
    busy, idle, counts = 0, 0, Counter()
    for line in stacks.read_text().splitlines():
        stack, _, number = line.rpartition(" ")
        if not number.isdigit():
            continue
        samples = int(number)
        if "(django/" not in stack and "(eenplan/" not in stack:
            idle += samples  # a thread waiting for a request, or gunicorn's own housekeeping
            continue
        busy += samples
        counts[next((name for name, marker in CLASSES if marker in stack), "other")] += samples
    print(f"{busy} samples of threads serving a request, {idle} of idle threads")
    for name, samples in counts.most_common():
        print(f"{100 * samples / max(busy, 1):5.1f}%  {name}")


if __name__ == "__main__":
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        main()
    else:
        sys.exit("bench/profile.py needs DATABASE_URL pointing at a seeded bench PostgreSQL")
