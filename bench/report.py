"""Write bench/RESULTS.md from bench/results/*.json (the figures of the last `make bench`)."""

from __future__ import annotations

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
}


def main() -> None:
    results = {p.stem: json.loads(p.read_text()) for p in sorted((HERE / "results").glob("*.json"))}
    if "large" not in results:
        sys.exit("no bench/results/large.json: run make bench first")
    large, tenth = results["large"], results.get("tenth")
    lines = [
        "# Bench results",
        "",
        "Written by `bench/report.py` from the last `make bench` (see bench/README.md for the method).",
        "",
        f"- Machine: {large['machine']['cpus']} cores, Python {large['machine']['python']}, {large['machine']['platform']}",
        f"- Data (large): {large['counts']} — seeded in {large['seed_seconds']} s",
    ]
    if tenth:
        lines.append(f"- Data (one tenth): {tenth['counts']} — seeded in {tenth['seed_seconds']} s")
    lines += [
        "- Commands: `make bench` (seeds and measures both scales, then runs `bench/report.py`); one scale by hand:",
        "  `bash scripts/with-postgres.sh .venv/bin/python bench/run.py --scale tenth --out bench/results/tenth.json`.",
        "- Server: gunicorn, 2 sync workers, production settings (DEBUG off) on PostgreSQL 15 (throwaway server,",
        "  durability off, `random_page_cost=1.1`), loopback;",
        "  load: 2 concurrent logged-in sessions, 300 requests per page after 20 warm-up requests.",
        "- Server time = time inside Django (Server-Timing header), not the network.",
        "",
        "| page | p50 ms | p95 ms | p99 ms | req/s | queries | budget p95 | p95 at 1/10 | growth |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, row in large["pages"].items():
        budget = BUDGET_MS.get(name)
        small = tenth["pages"].get(name) if tenth else None
        growth = f"{row['p95_ms'] / small['p95_ms']:.2f}×" if small and small["p95_ms"] else "—"
        verdict = "" if budget is None else (" ✓" if row["p95_ms"] <= budget else " ✗")
        lines.append(
            f"| {name} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | {row['rps']} | {row['queries']} "
            f"| {f'≤ {budget}{verdict}' if budget else '—'} | {small['p95_ms'] if small else '—'} | {growth} |"
        )
    floor, household = large["pages"]["floor (minimal page)"], large["pages"]["household page"]
    off = large["household_page_log_off"]
    lines += [
        "",
        f"- Household page throughput vs floor: {household['rps']} / {floor['rps']} req/s = "
        f"{100 * household['rps'] / floor['rps']:.0f}% (budget ≥ 50%).",
    ]
    layout = large["pages"].get("floor with layout")
    if layout:
        lines.append(
            f"- Household page throughput vs the floor with the standard layout: {household['rps']} / "
            f"{layout['rps']} req/s = {100 * household['rps'] / layout['rps']:.0f}% (for context, not a budget)."
        )
    lines += [
        f"- Access logging overhead on the household page: median {household['median_ms']} ms with logging, "
        f"{off['median_ms']} ms without = {100 * (household['median_ms'] / off['median_ms'] - 1):+.1f}% (budget ≤ 10%).",
        "- Neighbourhood dashboard: does not exist yet (reports arrive with a later issue).",
    ]
    notes = HERE / "NOTES.md"  # the analysis written by hand after a run: why a page misses, what changed
    if notes.exists():
        lines += ["", notes.read_text().rstrip()]
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
