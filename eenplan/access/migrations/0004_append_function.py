# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""PostgreSQL: append one chained access log entry in a single round trip (eenplan.access.log.append).

The function takes the advisory lock, reads the last hash and inserts the entry, each statement with a fresh
snapshot (a VOLATILE plpgsql function under READ COMMITTED), so the chain cannot fork. The hash is SHA-256 over the
canonical JSON of the entry that Python prepared (`head`, everything but the previous hash) completed with the
previous hash, exactly as AccessLogEntry.compute_hash computes it; verify_access_log checks it in Python.
"""

from django.db import migrations

APPEND_FUNCTION = """
CREATE OR REPLACE FUNCTION access_log_append(
    head text, at timestamptz, by_user bigint, in_role varchar, organisation bigint, household bigint,
    resident bigint, what varchar, kind varchar, object bigint, why varchar, emergency boolean, request varchar,
    genesis varchar, lock_key bigint
) RETURNS TABLE (entry_id bigint, previous varchar, hash varchar) AS $$
DECLARE
    last_hash varchar;
BEGIN
    PERFORM pg_advisory_xact_lock(lock_key);
    SELECT e.entry_hash INTO last_hash FROM access_accesslogentry e ORDER BY e.id DESC LIMIT 1;
    previous := coalesce(last_hash, genesis);
    hash := encode(sha256(convert_to(head || ',"' || previous || '"]', 'UTF8')), 'hex');
    INSERT INTO access_accesslogentry (
        timestamp, user_id, role, organisation_id_at_time, household_id, resident_id, action, object_type,
        object_id, justification, break_glass, request_id, previous_hash, entry_hash
    ) VALUES (
        at, by_user, in_role, organisation, household, resident, what, kind, object, why, emergency, request,
        previous, hash
    ) RETURNING id INTO entry_id;
    RETURN NEXT;
END;
$$ LANGUAGE plpgsql VOLATILE;
"""
DROP_FUNCTION = """
DROP FUNCTION IF EXISTS access_log_append(
    text, timestamptz, bigint, varchar, bigint, bigint, bigint, varchar, varchar, bigint, varchar, boolean, varchar,
    varchar, bigint
);
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_FUNCTION, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_FUNCTION, params=None)


class Migration(migrations.Migration):
    dependencies = [("access", "0003_log_field_label")]

    operations = [migrations.RunPython(create, drop)]
