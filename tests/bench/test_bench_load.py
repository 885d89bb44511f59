# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""bench/run.py's load client: it follows no redirect, so a lost session counts as an error, not as a fast page."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.bench.bench_modules import load_bench_module


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/weg"):
            self.send_response(302)
            self.send_header("Location", "/inloggen/")
        elif self.path.startswith("/fout"):
            self.send_response(500)
        else:
            self.send_response(200)
            self.send_header("Server-Timing", "app;dur=12.5, db;dur=4")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def run():
    return load_bench_module("run")


def test_answers_with_200_count_with_their_server_time(server, run):
    sample = run.load(server, {"cookie": "", "urls": ["/ok"]}, requests=10, concurrency=2, time_limit=10)
    assert (sample.requests, dict(sample.errors), sample.app_ms) == (10, {}, [12.5] * 10)
    assert run.summary(sample)["queries"] == 4


def test_a_redirect_is_not_followed_and_counts_as_an_error_of_its_page(server, run):
    sample = run.load(server, {"cookie": "", "urls": ["/weg"]}, requests=10, concurrency=2, time_limit=10)
    assert (sample.requests, dict(sample.errors), sample.app_ms) == (10, {"302": 10}, [])
    summary = run.summary(sample)
    assert (summary["errors"], summary["errors_by_status"], summary["rps"]) == (10, {"302": 10}, 0)


def test_server_errors_and_refused_connections_count_as_errors(server, run):
    assert dict(run.load(server, {"cookie": "", "urls": ["/fout"]}, 4, 1, 10).errors) == {"500": 4}
    closed = run.free_port()
    assert sum(run.load(closed, {"cookie": "", "urls": ["/ok"]}, 3, 1, 10).errors.values()) == 3
