# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The access log's cost on the household page, measured in one process with logging on and off interleaved.

`bench/run.py` measures logging off in a second gunicorn start; on this 2-core machine two server starts differ
by more than the log entry costs, so that pair can show +30% one run and -9% the next. Here the same client asks
200 household pages with logging on and 200 with it off, alternating request by request, and times
`log.log_request` on its own. Run it against seeded data (PostgreSQL, as `bench/run.py` leaves it), e.g.:

    bash scripts/with-postgres.sh bash -c '
      export SECRET_KEY=bench-only FIELD_ENCRYPTION_KEYS=bench-only-field-key ALLOWED_HOSTS=127.0.0.1,testserver \
        ACCESS_LOG_KEYS=bench-only-access-log-key-not-for-production SECURE_COOKIES=0 SECURE_SSL_REDIRECT=0 \
        STATICFILES_BACKEND=django.contrib.staticfiles.storage.StaticFilesStorage WHITENOISE_USE_FINDERS=1
      .venv/bin/python manage.py migrate -v0 && DEBUG=1 .venv/bin/python manage.py seed_demo --scale large
      .venv/bin/python manage.py shell < bench/log_overhead.py'
"""

import statistics
import time

from django.test import Client, RequestFactory, override_settings

from eenplan.access import log
from eenplan.access.models import LogAction
from eenplan.accounts.models import User
from eenplan.households.models import Household
from tests.conftest import login_verified

REQUESTS = 400

user = User.objects.get(email="regisseur@demo.eenplan.nl")
client = login_verified(Client(), user)
team_ids = [m.team_id for m in user.active_memberships() if m.team_id]
ids = list(Household.objects.filter(owning_team_id__in=team_ids).values_list("pk", flat=True)[:200])
for pk in ids[:20]:  # warm up
    client.get(f"/huishoudens/{pk}/", secure=True)

timings: dict[bool, list[float]] = {True: [], False: []}
for number in range(REQUESTS):
    logging_on = number % 2 == 0
    with override_settings(ACCESS_LOG_OFF_FOR_BENCH=not logging_on):
        started = time.perf_counter()
        response = client.get(f"/huishoudens/{ids[number % len(ids)]}/", secure=True)
        timings[logging_on].append((time.perf_counter() - started) * 1000)
    assert response.status_code == 200, response.status_code
on, off = statistics.median(timings[True]), statistics.median(timings[False])
print(
    f"household page, {REQUESTS // 2} each, interleaved: median {on:.2f} ms logged, {off:.2f} ms not: {100 * (on / off - 1):+.1f}%"
)

entry_times = []
for _ in range(200):
    request = RequestFactory().get("/bench/")
    request.user = user
    started = time.perf_counter()
    log.log_request(
        request,
        action=LogAction.VIEW,
        justification="team_task",
        role="regisseur",
        organisation_id=None,
        household_id=ids[0],
        object_type="household",
        object_id=ids[0],
    )
    entry_times.append((time.perf_counter() - started) * 1000)
entry_times.sort()
print(f"log.log_request alone: median {statistics.median(entry_times):.2f} ms, p95 {entry_times[189]:.2f} ms")
