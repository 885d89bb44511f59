# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Where the household page spends its time, in one process: the whole page against the floor pages, and the parts
(the access decision, the log entry, the consents, the assessment signal, the template, each model's queries).

On a seeded bench database (bench/run.py --seed-only; a kept cluster with PG_KEEP_DIR), as the bench's regisseur:

    PG_KEEP_DIR=/work/benchpg/tenth bash scripts/with-postgres.sh .venv/bin/python bench/household_breakdown.py

The figures are milliseconds per request through Django's test client (no HTTP server, no other users), so they
compare parts of one page with each other and with the floor; bench/run.py measures what a user waits for.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import BENCH_ENV

PARTS = [
    ("eenplan.access.door", "decide", "the access decision (policy, memberships)"),
    ("eenplan.access.log", "log_request", "the hash-chained log entry"),
    ("eenplan.household_pages.views", "consents_with_categories", "the consents with their categories"),
    ("eenplan.household_pages.views", "household_signal", "the assessment signal"),
    ("eenplan.household_pages.views", "render", "rendering the template (layout included)"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=150)
    parser.add_argument("--email", default="regisseur@demo.eenplan.nl")
    args = parser.parse_args()
    os.environ.update({**BENCH_ENV, "ALLOWED_HOSTS": "testserver"})
    if not os.environ.get("DATABASE_URL"):
        sys.exit("DATABASE_URL is missing: run under scripts/with-postgres.sh on a seeded bench database")
    import django

    django.setup()
    client, urls = _regisseur_client(args.email, args.requests)
    timings: Counter[str] = Counter()
    for module, name, _label in PARTS:
        _time_calls(module, name, timings)
    for url in urls[:20]:  # warm the caches and the connection
        client.get(url)
    pages = {
        "household page": urls,
        "floor with layout (/ping/?opmaak=1)": ["/ping/?opmaak=1"] * args.requests,
        "floor (/ping/)": ["/ping/"] * args.requests,
    }
    household_parts: dict[str, float] = {}
    print(f"{'page':<40} {'ms/request':>10} {'queries':>8} {'database ms':>12}")
    for label, page_urls in pages.items():
        timings.clear()
        with _counting_queries() as database:
            started = time.perf_counter()
            for url in page_urls:
                assert client.get(url).status_code == 200, url
            elapsed = time.perf_counter() - started
        count = len(page_urls)
        print(
            f"{label:<40} {1000 * elapsed / count:>10.1f} {database['queries'] / count:>8.1f} "
            f"{1000 * database['seconds'] / count:>12.1f}"
        )
        if label == "household page":
            household_parts = {name: timings[name] / count for _module, name, _label in PARTS}
    print("\nhousehold page, its parts (ms per request, each with its own queries):")
    for _module, name, label in PARTS:
        print(f"  {label:<50} {1000 * household_parts[name]:>6.1f}")


def _regisseur_client(email: str, requests: int) -> tuple[Any, list[str]]:
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from eenplan.accounts.models import User
    from eenplan.households.models import Household

    user = User.objects.get(email=email)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    assert device is not None, "the bench regisseur has a TOTP device"
    session["otp_device_id"] = device.persistent_id
    session.save()
    team_ids = [membership.team_id for membership in user.active_memberships()]
    own = list(Household.objects.filter(owning_team_id__in=team_ids).values_list("id", flat=True)[:2000])
    rng = random.Random(11)
    return client, [f"/huishoudens/{pk}/" for pk in rng.choices(own, k=requests)]


def _time_calls(module_name: str, name: str, timings: Counter[str]) -> None:
    """Replace module.name by a wrapper that adds its time to timings[name]."""
    module = importlib.import_module(module_name)
    original: Callable[..., Any] = getattr(module, name)

    @functools.wraps(original)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            timings[name] += time.perf_counter() - started

    setattr(module, name, timed)


@contextmanager
def _counting_queries() -> Iterator[dict[str, float]]:
    from django.db import connection

    counted = {"queries": 0, "seconds": 0.0}

    def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            counted["queries"] += 1
            counted["seconds"] += time.perf_counter() - started

    with connection.execute_wrapper(wrapper):
        yield counted


if __name__ == "__main__":
    main()
