# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The container image's commands resolve: every manage.py command the entrypoint and the scheduler run exists, the
scheduler runs each periodic job of the docs at its documented time, and the image vendors the same front-end files
as `make vendor`. (Building the image needs a container builder and base images; see docs/deployment.md.)"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

REPO = Path(__file__).resolve().parents[2]
ENTRYPOINT = REPO / "scripts" / "container-entrypoint.sh"
SCHEDULER = REPO / "scripts" / "container-scheduler.sh"
CONTAINERFILE = REPO / "Containerfile"
CRON_LINE = re.compile(r"^\s*(\d+|\*) (\d+|\*) \* \* \* .*manage\.py (\w+)", re.MULTILINE)
# check_access_log runs verify_access_log and records its outcome for the metrics.
SCHEDULED_AS = {"verify_access_log": "check_access_log"}


def scheduler_jobs() -> list[tuple[str, str, str]]:
    block = re.search(r"JOBS='\n(.*?)'", SCHEDULER.read_text(), re.DOTALL)
    assert block is not None
    return [tuple(line.split()) for line in block.group(1).splitlines() if line.strip()]  # type: ignore[misc]


def due_at(time: str) -> list[str]:
    result = subprocess.run(["sh", str(SCHEDULER), "--at", time], capture_output=True, text=True, check=True)  # noqa: S603, S607
    return result.stdout.split()


def run_entrypoint(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "APP_DIR": str(REPO), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    return subprocess.run(["sh", str(ENTRYPOINT), *args], capture_output=True, text=True, env=env, check=False)  # noqa: S603, S607


def test_every_manage_py_command_of_the_entrypoint_exists():
    used = set(re.findall(r"python manage\.py (\w+)", ENTRYPOINT.read_text()))
    assert used >= {"db_worker", "migrate"}
    assert used <= set(get_commands())


def test_every_scheduled_job_is_a_manage_py_command():
    jobs = {job for _minute, _hour, job in scheduler_jobs()}
    assert jobs and jobs <= set(get_commands())


@pytest.mark.parametrize("doc", ["docs/deployment.md", "docs/privacy.md"])
def test_the_scheduler_runs_every_documented_cron_job_at_its_time(doc):
    lines = CRON_LINE.findall((REPO / doc).read_text())
    assert lines, f"no cron lines in {doc}"
    for minute, hour, command in lines:
        time = f"{'14' if hour == '*' else int(hour):02}:{int(minute):02}"
        assert SCHEDULED_AS.get(command, command) in due_at(time), f"{command} is not run at {time}"


def test_an_hourly_job_runs_every_hour_and_a_daily_job_once_a_day():
    assert "flag_overdue_referrals" in due_at("00:00") and "flag_overdue_referrals" in due_at("17:00")
    assert "purge_intake_requests" in due_at("03:30") and "purge_intake_requests" not in due_at("04:30")
    assert due_at("12:34") == []


def test_the_entrypoint_refuses_an_unknown_command():
    result = run_entrypoint("shell-please")
    assert result.returncode == 64 and "web | worker | scheduler" in result.stderr


def test_the_entrypoint_runs_manage_py_commands():
    result = run_entrypoint("manage", "help", "failed_tasks")
    assert result.returncode == 0, result.stderr
    assert "failed_tasks" in result.stdout and "--rerun" in result.stdout


def test_the_image_vendors_the_same_files_as_make_vendor():
    makefile = (REPO / "Makefile").read_text()
    expected = set(re.findall(r"cp (node_modules/\S+) \$\(VENDOR\)/(\S+)", makefile))
    copied = set(re.findall(r"cp (node_modules/\S+) vendor/(\S+)", CONTAINERFILE.read_text()))
    assert expected and copied == expected


def test_the_image_installs_only_hashed_locked_packages_and_runs_as_a_user():
    containerfile = CONTAINERFILE.read_text()
    assert "pip install --require-hashes -r requirements.lock" in containerfile
    assert "npm ci" in containerfile
    assert re.search(r"^USER eenplan$", containerfile, re.MULTILINE)
    assert 'ENTRYPOINT ["sh", "/app/scripts/container-entrypoint.sh"]' in containerfile


def test_compose_runs_the_three_processes_after_the_migrations_against_postgresql():
    compose = yaml.safe_load((REPO / "compose.yaml").read_text())
    services = compose["services"]
    assert {name: services[name]["command"] for name in ("migrate", "web", "worker", "scheduler")} == {
        "migrate": ["migrate"],
        "web": ["web"],
        "worker": ["worker"],
        "scheduler": ["scheduler"],
    }
    assert services["db"]["image"].startswith("docker.io/library/postgres:15")
    for name in ("web", "worker", "scheduler"):
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert services[name]["environment"]["DATABASE_URL"].startswith("postgres://")
