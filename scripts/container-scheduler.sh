#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
# The periodic jobs of docs/deployment.md, for a container without cron: once a minute, run the jobs whose time has
# come, one after the other, in the local time of TZ (the image sets Europe/Amsterdam). Output goes to the
# container log. A failing job is reported and retried at its next time; the loop keeps going.
#
#   container-scheduler.sh             run forever
#   container-scheduler.sh --at HH:MM  print the jobs due at that time and exit (for tests and checks)
set -u

# minute hour command   ("*" = every hour)
JOBS='
00 *  flag_overdue_referrals
17 *  anchor_access_log
30 03 purge_intake_requests
45 03 check_access_log
00 04 retention_due
15 04 retention_apply
'

due() {  # due HH MM → the commands due at that time
  echo "$JOBS" | while read -r minute hour job; do
    [ -n "${job:-}" ] || continue
    if [ "$minute" = "$2" ] && { [ "$hour" = "*" ] || [ "$hour" = "$1" ]; }; then
      echo "$job"
    fi
  done
}

if [ "${1:-}" = "--at" ]; then
  due "${2%%:*}" "${2##*:}"
  exit 0
fi

cd "${APP_DIR:-/app}" || exit 1
echo "scheduler started (TZ=${TZ:-UTC})"
while :; do
  for job in $(due "$(date +%H)" "$(date +%M)"); do
    echo "scheduled job started: $job"
    if python manage.py "$job"; then
      echo "scheduled job finished: $job"
    else
      echo "scheduled job FAILED: $job (exit $?)" >&2
    fi
  done
  seconds=$(date +%S | sed 's/^0//')
  sleep $((60 - seconds))
done
