#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
# EenPlan's container entrypoint: one image, one process per container.
#
#   web        gunicorn on :8000 (WEB_CONCURRENCY workers, default 4)
#   worker     background tasks, e.g. notification e-mails (manage.py db_worker)
#   scheduler  the periodic jobs of docs/deployment.md (scripts/container-scheduler.sh)
#   migrate    apply the database migrations, then exit (run once per release, before the others start)
#   manage …   any other manage.py command, e.g. `manage failed_tasks` or `manage createsuperuser`
set -eu
cd "${APP_DIR:-/app}"

command="${1:-web}"
[ $# -gt 0 ] && shift

case "$command" in
  web)
    # Several gunicorn workers share their Prometheus counters through files in this directory (eenplan/ops).
    export PROMETHEUS_MULTIPROC_DIR="${PROMETHEUS_MULTIPROC_DIR:-/tmp/eenplan-metrics}"
    rm -rf "$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
    # No gunicorn access log: the request log (django-structlog, without paths or query strings) is the access log.
    exec gunicorn eenplan.wsgi \
      --config python:eenplan.ops.gunicorn \
      --bind "0.0.0.0:${PORT:-8000}" \
      --workers "${WEB_CONCURRENCY:-4}" \
      --worker-tmp-dir /dev/shm \
      "$@"
    ;;
  worker)
    exec python manage.py db_worker --no-reload --queue-name '*' "$@"
    ;;
  scheduler)
    exec sh scripts/container-scheduler.sh "$@"
    ;;
  migrate)
    exec python manage.py migrate --no-input "$@"
    ;;
  manage)
    exec python manage.py "$@"
    ;;
  *)
    echo "usage: web | worker | scheduler | migrate | manage COMMAND [ARGS]" >&2
    exit 64
    ;;
esac
