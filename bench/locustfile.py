# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The client-observed load of the bench: Locust users in the roles of EenPlan, each with its pages and think time.

Run by bench/run.py (never on its own against anything but a loopback bench server):

    BENCH_PLAN=/tmp/plan.json BENCH_SAMPLES=/tmp/samples.json BENCH_MAX_REQUESTS=20000 \\
        locust -f bench/locustfile.py --headless -H http://127.0.0.1:PORT -u 16 -r 16 -t 45s

BENCH_PLAN is the "roles" part of bench/prepare.py's output: per role a weight (share of the users), a logged-in
session cookie and its pages, each with a weight and URLs. Every request records the time the client waited
(`response_time`, from sending the request to the last byte of the answer) beside the `Server-Timing` header (time
inside Django, queries); at the end the samples go to BENCH_SAMPLES for bench/run.py to summarise. Bounded: the
run stops after BENCH_MAX_REQUESTS requests or at Locust's time limit, whichever comes first; only 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import gevent
from locust import FastHttpUser, between, events, task
from locust.env import Environment

PLAN: dict[str, Any] = json.loads(Path(os.environ["BENCH_PLAN"]).read_text()) if "BENCH_PLAN" in os.environ else {}
MAX_REQUESTS = int(os.environ.get("BENCH_MAX_REQUESTS", "20000"))
# Think time: a professional reads a page before the next click. Compressed to 0.5–2 s (a real user reads for 5–30
# s), so each simulated user stands for several colleagues; 16 users here are a busy team, not 16 idle screens.
THINK = between(0.5, 2.0)

samples: list[tuple[str, float, float | None, int | None, int]] = []  # page, client ms, app ms, queries, status


ENVIRONMENT: Environment | None = None


@events.init.add_listener
def only_loopback(environment: Environment, **kwargs: Any) -> None:
    global ENVIRONMENT
    ENVIRONMENT = environment
    host = urlparse(environment.host or "").hostname
    if host not in {"127.0.0.1", "localhost"}:
        raise SystemExit(f"bench/locustfile.py only loads a loopback server, not {host!r}")


@events.request.add_listener
def record(name: str, response_time: float, response: Any, exception: Any, **kwargs: Any) -> None:
    status = getattr(response, "status_code", 0) or 0
    app_ms = queries = None
    timing = response.headers.get("Server-Timing", "") if response is not None and response.headers else ""
    parts = dict(p.strip().split(";", 1) for p in timing.split(",") if ";" in p)
    if "app" in parts:
        app_ms = float(parts["app"].split("dur=")[1])
    if "db" in parts:
        queries = int(float(parts["db"].split("dur=")[1]))
    samples.append((name, response_time, app_ms, queries, status if exception is None else (status or -1)))
    if len(samples) == MAX_REQUESTS and ENVIRONMENT and ENVIRONMENT.runner is not None:
        gevent.spawn(ENVIRONMENT.runner.quit)  # not from this user's own greenlet, which quit() stops


@events.quitting.add_listener
def write_samples(environment: Environment, **kwargs: Any) -> None:
    if out := os.environ.get("BENCH_SAMPLES"):
        Path(out).write_text(json.dumps(samples))


class RoleUser(FastHttpUser):
    """A professional in one role: opens its pages in proportion to their weights, with think time between."""

    abstract = True
    role = ""
    wait_time = THINK

    def on_start(self) -> None:
        self.random = random.Random()
        spec = PLAN[self.role]
        self.headers = {"Cookie": spec["cookie"]} if spec.get("cookie") else {}
        self.pages = list(spec["pages"].items())
        self.weights = [page["weight"] for _, page in self.pages]
        if token := spec.get("token"):  # an API client: client credentials once, then a bearer token
            self.headers["Authorization"] = f"Bearer {self.ask_token(token, 'API: token (start)')}"

    def ask_token(self, token: dict[str, Any], name: str) -> str:
        with self.client.post(
            token["url"], name=name, data=token["body"], headers=token["headers"], catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                return ""
            return str(json.loads(response.text or "{}").get("access_token", ""))

    @task
    def open_a_page(self) -> None:
        name, page = self.random.choices(self.pages, weights=self.weights)[0]
        url = self.random.choice(page["urls"])
        if page.get("method") == "POST":  # the API client's token request, now and then
            token = self.ask_token(page, name)
            if token:
                self.headers["Authorization"] = f"Bearer {token}"
            return
        with self.client.get(
            url, name=name, headers=self.headers, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:  # a redirect to the login page is a lost session, not a fast page
                response.failure(f"status {response.status_code}")


def _role_class(role: str, weight: int) -> type[RoleUser]:
    name = f"{role.title().replace(' ', '')}User"
    return type(name, (RoleUser,), {"role": role, "weight": weight, "__module__": __name__})


# One user class per role in the plan: regisseur, partner, team leader, policy officer, and "resident" once the
# portal's pages are in bench/prepare.py's roles (the hook: a role there becomes a user class here, nothing else).
for _role, _spec in PLAN.items():
    globals()[f"{_role.title().replace(' ', '')}User"] = _role_class(_role, _spec["weight"])
