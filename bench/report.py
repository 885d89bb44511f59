# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Write bench/RESULTS.md from bench/results/*.json (the figures of the last `make bench`).

    python bench/report.py                                   # bench/results/{large,tenth}.json → bench/RESULTS.md
    python bench/report.py --large /tmp/large.json --tenth /tmp/tenth.json --out /tmp/RESULTS.md

The second form writes a report of a run by hand without touching bench/RESULTS.md; without `--tenth` it reports
the one file given with `--large` alone (no growth column).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUDGET_MS = {
    "caseload list": 150,
    "household page": 150,
    "plan page": 150,
    "directory search": 150,
    "referral inbox": 150,
    "wijkbudget overview": 300,  # a dashboard: totals per month, life domain and payee kind
    "wijkbudget approvals": 150,
    "household working together": 150,
    "helpdesk and knowledge base": 150,
    "team leader's view": 300,  # a dashboard: escalations, conferences, barriers and questions of the team
    "barriers overview": 300,  # a dashboard: barriers counted per kind, organisation, neighbourhood and month
    "escalations to decide": 150,
    "barriers list": 150,
    "household wijkbudget": 150,
    "team dashboard": 300,  # a dashboard (docs/reports.md): the team's caseload, actions and referrals counted
    "outcomes": 300,  # a dashboard: outcomes from the nightly summary, per period
    "HSDS API services": 150,
    "API: token": 150,
    "API: token (start)": 150,
    "API: FHIR CarePlan by patient": 150,
    "API: REST plan of a household": 150,
    "start page": 150,
    "intake queue": 150,
    "portal: home": 150,
    "portal: plan": 150,
    "portal: messages": 150,
    "portal: consents": 150,
    "portal: access log": 150,
    "portal: referrals": 150,
}
GROWTH_LIMIT = 1.5  # the limit on p95 growth from one tenth of the data to the full data
# DESIGN.md §6: the large municipality. Counted tables without a target are shown for what they are.
TARGETS = {
    "households": 60_000,
    "residents": 150_000,
    "professionals": 600,
    "organisations": 40,
    "services": 2_000,
    "actions": 400_000,
    "referrals": 150_000,
    "access_log_entries": 5_000_000,
}
TARGET_MARGIN = 0.05  # a generated count within 5% of its target meets it (the generator draws per household)
LABELS = {
    "households": "households",
    "residents": "residents",
    "professionals": "professionals",
    "organisations": "organisations",
    "services": "services",
    "consents": "consents",
    "plans": "plans",
    "goals": "goals",
    "actions": "actions",
    "assessments": "assessments",
    "referrals": "referrals",
    "referral_events": "referral events",
    "intake_requests": "requests for help",
    "intakes": "intakes",
    "access_log_entries": "access log entries",
    "history_plan": "history: plans",
    "history_goal": "history: goals",
    "history_action": "history: actions",
    "history_consent": "history: consents",
    "history_referral": "history: referrals",
}


def number(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) else "—"


def volumes(large: dict, tenth: dict | None) -> list[str]:
    """The data the pages were measured against, beside DESIGN.md §6's volumes."""
    counts, small = large.get("counts", {}), (tenth or {}).get("counts", {})
    lines = [
        f"| data | {large.get('scale', 'large')} | target (DESIGN.md §6) | one tenth |",
        "|---|---|---|---|",
    ]
    missing = []
    for key in [*LABELS, *(k for k in counts if k not in LABELS)]:
        if key not in counts and key not in TARGETS:
            continue
        target = TARGETS.get(key)
        value = counts.get(key)
        if target is None:
            verdict = "—"
        elif value is None:
            verdict = f"{number(target)} (not counted)"
            missing.append(LABELS.get(key, key))
        else:
            verdict = f"{number(target)} {'✓' if value >= target * (1 - TARGET_MARGIN) else '✗'}"
        lines.append(f"| {LABELS.get(key, key)} | {number(value)} | {verdict} | {number(small.get(key))} |")
    if missing:
        lines.append("")
        lines.append(
            f"- Not counted in this run: {', '.join(missing)} (results from before bench/prepare.py counted them)."
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--large", type=Path)
    parser.add_argument("--tenth", type=Path)
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    if args.large is None:
        args.large = HERE / "results" / "large.json"
        args.tenth = args.tenth or HERE / "results" / "tenth.json"
    if not args.large.exists():
        sys.exit(f"no {args.large}: run make bench first")
    large = json.loads(args.large.read_text())
    tenth = json.loads(args.tenth.read_text()) if args.tenth and args.tenth.exists() else None
    lines = [
        "# Bench results",
        "",
        "Written by `bench/report.py` from the last `make bench` (see bench/README.md for the method).",
        "",
        f"- Machine: {large['machine']['cpus']} cores, Python {large['machine']['python']}, {large['machine']['platform']}",
        f"- Data ({large.get('scale', 'large')}): seeded in {large['seed_seconds']} s{seed_parts(large)}",
    ]
    if tenth:
        lines.append(f"- Data (one tenth): seeded in {tenth['seed_seconds']} s{seed_parts(tenth)}")
    lines += [
        "- Commands: `make bench` (seeds and measures both scales, then runs `bench/report.py`); one scale by hand:",
        "  `bash scripts/with-postgres.sh .venv/bin/python bench/run.py --scale tenth --out bench/results/tenth.json`.",
        f"- Server: 2 workers, {worker_label(large)}, production settings (DEBUG off) on PostgreSQL 15",
        "  (throwaway server, durability off, `random_page_cost=1.1`), loopback. First table (server time, the",
        "  floor and the growth series): 2 concurrent logged-in sessions, 300 requests per page after 20 warm-up",
        "  requests, one page at a time. The client-observed tables (Locust, users in their roles) follow it.",
        "- Server time = time inside Django (Server-Timing header), not the network. Only answers with status 200",
        "  count; redirects are not followed, and any other status is an error of its page.",
        "",
        *volumes(large, tenth),
        "",
        "| page | p50 ms | p95 ms | p99 ms | req/s | queries | errors | budget p95 | p95 at 1/10 | growth |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    over_growth, over_budget, with_errors = [], [], []
    for name, row in large["pages"].items():
        budget = BUDGET_MS.get(name)
        small = tenth["pages"].get(name) if tenth else None
        growth_cell = "—"
        if small and small["p95_ms"]:
            growth = row["p95_ms"] / small["p95_ms"]
            growth_cell = f"{growth:.2f}×"
            if growth > GROWTH_LIMIT:
                growth_cell += " ✗"
                over_growth.append(f"{name} ({growth:.2f}×)")
        verdict = ""
        if budget is not None:
            verdict = " ✓" if row["p95_ms"] <= budget else " ✗"
            if row["p95_ms"] > budget:
                over_budget.append(f"{name} ({row['p95_ms']} ms)")
        errors = row.get("errors", 0) + (small.get("errors", 0) if small else 0)
        if errors:
            by_status = {**(small or {}).get("errors_by_status", {}), **row.get("errors_by_status", {})}
            with_errors.append(f"{name} ({errors}: {', '.join(f'{k} × {v}' for k, v in by_status.items()) or '?'})")
        lines.append(
            f"| {name} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | {row['rps']} | {row['queries']} "
            f"| {row.get('errors', 0)} | {f'≤ {budget}{verdict}' if budget else '—'} "
            f"| {small['p95_ms'] if small else '—'} | {growth_cell} |"
        )
    lines.append("")
    if tenth:
        lines.append(
            f"- Growth over {GROWTH_LIMIT}× (p95, one tenth → full data): {', '.join(over_growth)}."
            if over_growth
            else f"- Growth within {GROWTH_LIMIT}× (p95, one tenth → full data) for every page."
        )
    if over_budget:
        lines.append(f"- Over the p95 budget: {', '.join(over_budget)}.")
    scales = "both scales" if tenth else "this scale"
    lines.append(
        f"- Errors (answers other than 200, {scales}): {'; '.join(with_errors)}."
        if with_errors
        else f"- Errors: none (every answer at {scales} was a 200)."
    )
    floor, household = large["pages"]["floor (minimal page)"], large["pages"]["household page"]
    off = large["household_page_log_off"]
    lines += [
        f"- Household page throughput vs floor: {household['rps']} / {floor['rps']} req/s = "
        f"{100 * household['rps'] / floor['rps']:.0f}% (for context: the plain floor reads no household and renders nothing).",
    ]
    layout = large["pages"].get("floor with layout")
    if layout:
        lines.append(
            f"- Household page throughput vs the floor with the standard layout: {household['rps']} / "
            f"{layout['rps']} req/s = {100 * household['rps'] / layout['rps']:.0f}% (budget ≥ 50%, issue 19)."
        )
    lines += [
        f"- Access logging overhead on the household page: median {household['median_ms']} ms with logging, "
        f"{off['median_ms']} ms without = {100 * (household['median_ms'] / off['median_ms'] - 1):+.1f}% (budget ≤ 10%).",
        "- Dashboards (team dashboard, outcomes, the wijkbudget overview, the team leader's view, the barriers "
        "overview): budget p95 ≤ 300 ms; every other page and API call ≤ 150 ms.",
    ]
    slow = large.get("left_out_of_load")
    if slow:
        lines.append(
            "- Left out of the users' load (p50 server time over 3 s with two sessions; it would have held the "
            f"workers for everyone): {', '.join(f'{name} ({ms} ms)' for name, ms in slow.items())}."
        )
    lines += load_tables(large, tenth)
    lines += search_lines(large)
    notes = HERE / "NOTES.md"  # the analysis written by hand after a run: why a page misses, what changed
    if notes.exists():
        lines += ["", notes.read_text().rstrip()]
    args.out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def worker_label(results: dict) -> str:
    server = results.get("server", {})
    worker_class = server.get("worker_class", "sync")
    if worker_class == "granian":
        return f"granian ({server.get('threads')} Python threads each)"
    if worker_class == "gthread":
        return f"gunicorn gthread ({server.get('threads')} threads each)"
    return "gunicorn sync"


def search_lines(results: dict) -> list[str]:
    """The sociale kaart search's server time at the seeded number of services and at a grown directory."""
    search = results.get("search")
    if not search:
        return []
    grown = search.get("at_grown", {})
    lines = [
        "",
        "## Sociale kaart search, server time (bench/search_timing.py)",
        "",
        f"In one process, {search['services']:,} services as seeded, then {search.get('grown_to', 0):,} (grown in a "
        "transaction and rolled back). *Search*: `search_services` alone (words analysed, first 25 results, count); "
        "*page*: the whole page through middleware, session, OTP, layout (Server-Timing). Budget p95 of the search: "
        "≤ 15 ms at 2,000, ≤ 25 ms at 20,000.",
        "",
        f"| search | found | search p50 / p95 ms | page p50 / p95 ms | found at {search.get('grown_to', 0):,} "
        "| search p50 / p95 ms | page p50 / p95 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for query, row in search["at_seeded"].items():
        big = grown.get(query, {})

        def cells(r: dict, budget: int) -> str:
            if not r:
                return "— | —"
            mark = "✓" if r.get("search_p95_ms", 1e9) <= budget else "✗"
            return (
                f"{r.get('search_p50_ms', '—')} / {r.get('search_p95_ms', '—')} {mark} | {r['p50_ms']} / {r['p95_ms']}"
            )

        lines.append(f"| `{query}` | {row['found']} | {cells(row, 15)} | {big.get('found', '—')} | {cells(big, 25)} |")
    return lines


def load_tables(large: dict, tenth: dict | None) -> list[str]:
    """The client-observed tables (Locust, bench/locustfile.py): per number of users, per page."""
    load = large.get("load")
    if not load:
        return []
    lines = [
        "",
        "## Client-observed, users at work (Locust)",
        "",
        f"App server: 2 workers, {worker_label(large)}. "
        "Users in their roles (regisseur 6, partner 3, team leader 1, policy officer 1, resident 2 "
        "where the portal is installed, and 1 API client: a partner system with an OAuth token) with think "
        "time 0.5–2 s between pages; times are what the client waited (request sent → last byte), beside the "
        "server time (Server-Timing, inside Django). The load client shares the two cores; its CPU time and the "
        "machine's load average (1, 5, 15 min) before and after each level are given so the reader can judge.",
    ]
    small_load = (tenth or {}).get("load", {})
    for users, run in load.items():
        lines += [
            "",
            f"### {users} concurrent user{'s' if users != '1' else ''} — {run['requests']} requests in "
            f"{run['seconds']} s, {run['rps']} pages/s; load client CPU {run['client_cpu_s']} s; load average "
            f"{' / '.join(map(str, run['loadavg_before']))} before, {' / '.join(map(str, run['loadavg_after']))} after",
            "",
            "| page | p50 ms | p95 ms | p99 ms | pages/s | server p50 ms | server p95 ms | queries | errors "
            "| budget p95 | p95 at 1/10 | growth |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for name, row in run["pages"].items():
            budget = BUDGET_MS.get(name)
            small = small_load.get(users, {}).get("pages", {}).get(name) if tenth is not large else None
            growth = f"{row['p95_ms'] / small['p95_ms']:.2f}×" if small and small.get("p95_ms") else "—"
            verdict = f"≤ {budget} {'✓' if row['p95_ms'] <= budget else '✗'}" if budget else "—"
            lines.append(
                f"| {name} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | {row['rps']} | {row['app_p50_ms']} "
                f"| {row['app_p95_ms']} | {row['queries']} | {row['errors']} | {verdict} "
                f"| {small['p95_ms'] if small else '—'} | {growth} |"
            )
    return lines


def seed_parts(results: dict) -> str:
    parts = results.get("seed_parts")
    if not parts:
        return ""
    return " (" + "; ".join(f"{part} {seconds:.0f} s" for part, seconds in parts.items()) + ")"


if __name__ == "__main__":
    main()
