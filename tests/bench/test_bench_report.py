# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""bench/report.py: the volumes against DESIGN.md §6, and pages whose cost grows more than 1.5× flagged."""

from __future__ import annotations

import json
import sys

import pytest

from tests.bench.bench_modules import BENCH, load_bench_module


def page(p95: float, errors: dict[str, int] | None = None) -> dict:
    errors = errors or {}
    return {
        "requests": 300,
        "errors": sum(errors.values()),
        "errors_by_status": errors,
        "p50_ms": p95 / 2,
        "p95_ms": p95,
        "p99_ms": p95 * 1.2,
        "median_ms": p95 / 2,
        "rps": 1000 / p95,
        "queries": 5,
    }


def results(scale: str, pages: dict[str, dict], counts: dict[str, int]) -> dict:
    return {
        "scale": scale,
        "seed_seconds": 12.5,
        "seed_parts": {"historie": 3.0, "logging van inzage": 5.0},
        "counts": counts,
        "pages": pages,
        "household_page_log_off": page(20.0),
        "machine": {"cpus": 2, "python": "3.11", "platform": "test"},
    }


@pytest.fixture
def report(tmp_path, monkeypatch):
    """Runs bench/report.py on the given results; returns what it wrote (to a temporary file)."""

    def run(large: dict, tenth: dict) -> str:
        (tmp_path / "large.json").write_text(json.dumps(large))
        (tmp_path / "tenth.json").write_text(json.dumps(tenth))
        out = tmp_path / "RESULTS.md"
        argv = ["report.py", "--large", str(tmp_path / "large.json"), "--tenth", str(tmp_path / "tenth.json")]
        monkeypatch.setattr(sys, "argv", [*argv, "--out", str(out)])
        load_bench_module("report").main()
        return out.read_text()

    return run


FULL_COUNTS = {
    "households": 60_000,
    "residents": 150_000,
    "professionals": 600,
    "organisations": 40,
    "services": 1_989,
    "consents": 36_000,
    "referral_events": 560_000,
    "actions": 398_491,
    "referrals": 149_333,
    "access_log_entries": 5_000_000,
}


def pages(caseload: float, household: float, errors: dict[str, int] | None = None) -> dict[str, dict]:
    return {
        "floor (minimal page)": page(2.0),
        "caseload list": page(caseload, errors),
        "household page": page(household),
    }


def test_a_page_whose_p95_grows_more_than_one_and_a_half_times_is_flagged_and_listed(report, capsys):
    text = report(
        results("large", pages(caseload=40.0, household=20.0), FULL_COUNTS),
        results("tenth", pages(caseload=20.0, household=19.0), {"households": 6_000}),
    )
    caseload_row = next(line for line in text.splitlines() if line.startswith("| caseload list |"))
    household_row = next(line for line in text.splitlines() if line.startswith("| household page |"))
    assert "2.00× ✗" in caseload_row
    assert "✗" not in household_row.split("|")[-2]
    assert "- Growth over 1.5× (p95, one tenth → full data): caseload list (2.00×)." in text


def test_growth_within_the_limit_for_every_page_says_so(report):
    text = report(
        results("large", pages(caseload=25.0, household=20.0), FULL_COUNTS),
        results("tenth", pages(caseload=20.0, household=19.0), {}),
    )
    assert "- Growth within 1.5× (p95, one tenth → full data) for every page." in text
    assert "✗" not in text


def test_the_volumes_table_sets_every_count_against_design_targets(report):
    text = report(
        results("large", pages(25.0, 20.0), {**FULL_COUNTS, "residents": 100_000}),
        results("tenth", pages(20.0, 19.0), {"households": 6_000, "residents": 15_000}),
    )
    assert "| households | 60,000 | 60,000 ✓ | 6,000 |" in text
    assert "| residents | 100,000 | 150,000 ✗ | 15,000 |" in text
    assert "| services | 1,989 | 2,000 ✓ | — |" in text  # within 5%
    assert "| referral events | 560,000 | — | — |" in text  # counted, no target
    assert "| access log entries | 5,000,000 | 5,000,000 ✓ | — |" in text


def test_errors_are_reported_per_page(report):
    text = report(
        results("large", pages(25.0, 20.0, errors={"302": 4}), FULL_COUNTS),
        results("tenth", pages(20.0, 19.0), {}),
    )
    assert "- Errors (answers other than 200, both scales): caseload list (4: 302 × 4)." in text


def test_the_report_writes_where_it_is_told_and_leaves_results_md_alone(report):
    before = (BENCH / "RESULTS.md").read_text()
    report(results("large", pages(25.0, 20.0), FULL_COUNTS), results("tenth", pages(20.0, 19.0), {}))
    assert (BENCH / "RESULTS.md").read_text() == before


def test_a_single_result_file_is_reported_alone(tmp_path, monkeypatch):
    (tmp_path / "tenth.json").write_text(json.dumps(results("tenth", pages(25.0, 20.0), FULL_COUNTS)))
    out = tmp_path / "RESULTS.md"
    monkeypatch.setattr(sys, "argv", ["report.py", "--large", str(tmp_path / "tenth.json"), "--out", str(out)])
    load_bench_module("report").main()
    text = out.read_text()
    assert "| caseload list | 12.5 | 25.0 |" in text
    report_itself = text.split("## Analysis")[0]  # the hand-written notes follow it and may say anything
    assert "Growth" not in report_itself and "p95 at 1/10 | growth |" in report_itself


# --- the client-observed tables (Locust) and the sociale kaart search ------------------------------------------


def locust_level(users: int, household_p95: float) -> dict:
    row = {**page(household_p95), "rps": 2.0, "app_p50_ms": 10.0, "app_p95_ms": 20.0}
    return {
        "users": users,
        "seconds": 40.0,
        "requests": 100,
        "rps": 2.0,
        "client_cpu_s": 1.0,
        "loadavg_before": [9.5, 9.0, 8.0],
        "loadavg_after": [9.7, 9.1, 8.1],
        "pages": {"household page": row},
    }


def with_load(result: dict, **levels: float) -> dict:
    result["server"] = {"workers": 2, "worker_class": "gthread", "threads": 4}
    result["load"] = {users.lstrip("u"): locust_level(int(users.lstrip("u")), p95) for users, p95 in levels.items()}
    return result


def test_each_number_of_users_gets_a_client_observed_table_with_the_load_average(report):
    text = report(
        with_load(results("large", pages(20, 20), FULL_COUNTS), u1=40.0, u16=180.0),
        with_load(results("tenth", pages(20, 20), {}), u1=30.0, u16=100.0),
    )
    assert "### 1 concurrent user —" in text
    assert "### 16 concurrent users —" in text
    assert "load average 9.5 / 9.0 / 8.0 before" in text
    assert "| household page | 90.0 | 180.0 | 216.0 | 2.0 | 10.0 | 20.0 | 5 | 0 | ≤ 150 ✗ | 100.0 | 1.80× |" in text
    assert "App server: 2 workers, gunicorn gthread (4 threads each)." in text


def test_a_run_under_granian_names_granian_as_its_app_server(report):
    large = with_load(results("large", pages(20, 20), FULL_COUNTS), u1=40.0, u16=100.0)
    large["server"] = {"workers": 2, "worker_class": "granian", "threads": 4}
    text = report(large, with_load(results("tenth", pages(20, 20), {}), u1=30.0, u16=100.0))
    assert "App server: 2 workers, granian (4 Python threads each)." in text
    assert "gunicorn" not in text.split("## Analysis")[0]


def test_the_search_table_holds_the_search_against_its_budget_at_both_sizes(report):
    large = results("large", pages(20, 20), FULL_COUNTS)
    timing = {"p50_ms": 30.0, "p95_ms": 40.0, "search_p50_ms": 5.0, "search_p95_ms": 12.0, "found": 255}
    large["search"] = {
        "services": 1989,
        "grown_to": 20000,
        "at_seeded": {"?q=schulden": timing},
        "at_grown": {"?q=schulden": {**timing, "search_p95_ms": 30.0, "found": 2601}},
    }
    text = report(large, results("tenth", pages(20, 20), {}))
    assert "| `?q=schulden` | 255 | 5.0 / 12.0 ✓ | 30.0 / 40.0 | 2601 | 5.0 / 30.0 ✗ | 30.0 / 40.0 |" in text
