# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
# Run by bench/run.py through `manage.py shell -c`: the sociale kaart search's server time at the seeded number of
# services (about 2,000) and at a regional directory of 20,000, without touching the seeded data.
#
# Each search is requested REPEAT times in this process through the whole page (middleware, session, TOTP, view,
# template; the time is the Server-Timing header's, inside Django), and REPEAT times as the search alone
# (search_services: the words analysed, the first 25 results and their count capped at 501, through the ORM). For 20,000 services the directory is grown in
# a transaction (copies of the seeded services under other organisations' names, as several municipalities' maps
# in one database would be), ANALYZEd, measured, and rolled back. Prints one JSON line.
import json
import os
import statistics
import time
from urllib.parse import parse_qs

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from eenplan.accounts.models import User
from eenplan.directory.models import Service
from eenplan.directory.search import CappedPaginator, search_services

REPEAT = int(os.environ.get("BENCH_SEARCH_REPEAT", "60"))
TARGET = int(os.environ.get("BENCH_SEARCH_SERVICES", "20000"))
QUERIES = [
    "?q=schulden",
    "?q=huur",
    "?leefgebied=financien",
    "?q=opvoeden+ouders",
    "?q=schuldhulp",
    "?q=schuldhlp",
    "?q=schuldh",
]


class Rollback(Exception):
    pass


def client() -> Client:
    user = User.objects.get(email="regisseur@demo.eenplan.nl")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session["otp_device_id"] = TOTPDevice.objects.filter(user=user).first().persistent_id
    session.save()
    c = Client(HTTP_HOST="127.0.0.1")
    c.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return c


def percentile95(values: list[float]) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 1)


def measure(c: Client) -> dict:
    out = {}
    for query in QUERIES:
        times = []
        for number in range(REPEAT + 5):
            response = c.get(f"/sociale-kaart/{query}")
            assert response.status_code == 200, (query, response.status_code)
            if number >= 5:  # the first five warm the caches
                parts = dict(p.strip().split(";", 1) for p in response["Server-Timing"].split(",") if ";" in p)
                times.append(float(parts["app"].split("dur=")[1]))
        parameters = parse_qs(query[1:])
        words, domain = parameters.get("q", [""])[0], parameters.get("leefgebied", [""])[0]
        # The search alone, as the page runs it: the query words analysed, the first page of results, the count.
        search_times = []
        for number in range(REPEAT + 5):
            started = time.perf_counter()
            services = search_services(words, domain=domain)
            list(services[:25])
            found = CappedPaginator(services, 25).count  # as the page counts: at most 501 ("more than 500")
            if number >= 5:
                search_times.append((time.perf_counter() - started) * 1000)
        out[query] = {
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": percentile95(times),
            "search_p50_ms": round(statistics.median(search_times), 1),
            "search_p95_ms": percentile95(search_times),
            "found": found,
        }
    return out


c = client()
result = {"services": Service.objects.count(), "at_seeded": measure(c)}
try:
    with transaction.atomic():
        with connection.cursor() as cursor:
            copies = 0
            while Service.objects.count() < TARGET:
                copies += 1
                cursor.execute(
                    """
                    INSERT INTO directory_service (uid, organisation_id, name, description, target_group, eligibility,
                        how_to_refer, expected_response_days, waiting_time_days, opening_hours, street, postcode, city,
                        phone, email, url, status, updated_at, version)
                    SELECT gen_random_uuid(), organisation_id, name || ' (regio ' || %s || ')', description,
                        target_group, eligibility, how_to_refer, expected_response_days, waiting_time_days,
                        opening_hours, street, postcode, 'Gemeente ' || %s, phone, email, url, status, updated_at, 1
                    FROM directory_service WHERE name NOT LIKE '%%(regio %%' LIMIT %s
                    """,
                    [copies, copies, TARGET - Service.objects.count()],
                )
                cursor.execute(
                    """
                    INSERT INTO directory_servicedomain (service_id, code)
                    SELECT s.id, d.code FROM directory_service s
                    JOIN directory_service o ON o.organisation_id = s.organisation_id
                        AND s.name = o.name || ' (regio ' || %s || ')'
                    JOIN directory_servicedomain d ON d.service_id = o.id
                    """,
                    [copies],
                )
            # New GIN entries wait in the index's pending list until a VACUUM (autovacuum, in production) merges
            # them; a search through 18,000 pending entries would measure that list, not the index.
            cursor.execute("SELECT gin_clean_pending_list('service_search_document'::regclass)")
            cursor.execute("SELECT gin_clean_pending_list('directory_search_word_trgm'::regclass)")
            cursor.execute("ANALYZE directory_service")
            cursor.execute("ANALYZE directory_servicedomain")
            cursor.execute("ANALYZE directory_search_word")
        result["grown_to"] = Service.objects.count()
        result["at_grown"] = measure(c)
        raise Rollback
except Rollback:
    pass
print(json.dumps(result))
