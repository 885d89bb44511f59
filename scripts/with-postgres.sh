#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
# Runs a command against a throwaway PostgreSQL 15 server: a new cluster in a temporary directory, owned by an
# unprivileged user (PostgreSQL refuses to run as root), listening on a free loopback port. The server is
# stopped and its directory removed when the command ends, also when it fails or is interrupted.
# Durability is off (a throwaway server); random_page_cost=1.1 is the setting for data on SSD or in memory, which
# docs/deployment.md recommends for production too (bench/RESULTS.md shows what the default 4 costs).
#
#   scripts/with-postgres.sh pytest ...   → runs with DATABASE_URL=postgres://...
#
# PG_KEEP_DIR=/some/dir keeps the cluster instead: created there on first use, started again from it later, stopped
# (not removed) at the end. The bench uses it to seed the full scale once and measure it in later runs
# (`bench/run.py --seed-only`, then `--skip-seed`).
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PGBIN/initdb" ]; then
  echo "PostgreSQL 15 is missing; run scripts/ensure-system-packages.sh" >&2
  exit 1
fi

PGUSER_OS=$(id -un)
AS_USER=()
if [ "$(id -u)" -eq 0 ]; then
  PGUSER_OS=eenplan-pg
  id "$PGUSER_OS" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PGUSER_OS"
  AS_USER=(runuser -u "$PGUSER_OS" --)
fi

KEEP=${PG_KEEP_DIR:-}
if [ -n "$KEEP" ]; then
  PGDIR=$KEEP
  mkdir -p "$PGDIR"
else
  PGDIR=$(mktemp -d /tmp/eenplan-pg.XXXXXX)
fi
chmod 755 "$PGDIR"
if [ "$(id -u)" -eq 0 ]; then chown "$PGUSER_OS" "$PGDIR"; fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

cleanup() {
  if [ -n "$KEEP" ]; then
    "${AS_USER[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true
  else
    "${AS_USER[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
  fi
}
trap cleanup EXIT INT TERM

NEW_CLUSTER=1
if [ -f "$PGDIR/data/PG_VERSION" ]; then
  NEW_CLUSTER=0
else
  "${AS_USER[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
"${AS_USER[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $PORT -k $PGDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100 -c random_page_cost=1.1" \
  start >/dev/null
if [ "$NEW_CLUSTER" -eq 1 ]; then
  "${AS_USER[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres eenplan
fi

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/eenplan"
KIND=throwaway; [ -n "$KEEP" ] && KIND=kept
echo "PostgreSQL 15 on 127.0.0.1:$PORT ($KIND, $PGDIR)"
set +e
"$@"
status=$?
set -e
exit $status
