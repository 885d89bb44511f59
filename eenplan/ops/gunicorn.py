# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""gunicorn settings for the container's web process (`gunicorn --config python:eenplan.ops.gunicorn`)."""

from __future__ import annotations

import os
from typing import Any

# No access log: the request log of the app (django-structlog) names the URL pattern, gunicorn's would name the
# full path and query string, which can hold a resident's name.
accesslog = None
errorlog = "-"
# Threads: a page waits on PostgreSQL for much of its time; with threads another request of the same worker uses
# the CPU meanwhile (bench/NOTES.md, issue 19). Each thread holds its own database connection.
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
# Seconds; a plan PDF is the slowest page.
timeout = 60
graceful_timeout = 30
# Behind a TLS proxy on another host, set FORWARDED_ALLOW_IPS to its address (gunicorn reads it from the env).


def child_exit(server: Any, worker: Any) -> None:
    """A worker that ends leaves its Prometheus files behind; mark them dead so gauges do not count it."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
