# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""EXPLAIN ANALYZE every query of one page, as a logged-in demo user sees it (PostgreSQL).

    EXPLAIN_USER=regisseur@demo.eenplan.nl EXPLAIN_URL=/huishoudens/ DATABASE_URL=postgres://... SECRET_KEY=... \\
        python manage.py shell -c "$(cat bench/explain.py)"

Prints each query's execution time, and the whole plan of any query slower than EXPLAIN_MS (default 2) ms. Used to find why a page
grows with the data (bench/NOTES.md).
"""

import os

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice

from eenplan.accounts.models import User

email, url = os.environ["EXPLAIN_USER"], os.environ["EXPLAIN_URL"]
user = User.objects.get(email=email)
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(user)
session = client.session
session["otp_device_id"] = TOTPDevice.objects.filter(user=user).first().persistent_id
session.save()
client.get(url)  # warm up; renews the session
with CaptureQueriesContext(connection) as captured:
    status = client.get(url).status_code
print(f"{url}: HTTP {status}, {len(captured)} queries")
for query in captured.captured_queries:
    sql = query["sql"]
    if not sql.startswith("SELECT") or "access_log_append" in sql:
        continue
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF) " + sql)
        plan = [row[0] for row in cursor.fetchall()]
    execution = next(line for line in plan if line.startswith("Execution Time"))
    print(f"-- {execution} | {sql[:160]}")
    if float(execution.split(":")[1].split()[0]) > float(os.environ.get("EXPLAIN_MS", "2")):
        print("\n".join(plan))
