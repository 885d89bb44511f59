# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The access log becomes a keyed chain (eenplan.access.log_hash).

Entries already written keep their unkeyed SHA-256 and get the key id "legacy": they are not re-chained, because
re-chaining would replace hashes a verifier or an export may already hold with new ones nobody can check against the
old. verify_access_log reports how many legacy entries exist and accepts them only before the first keyed entry.

The column is added with ALTER TABLE ... ADD COLUMN on both databases: Django's SQLite schema editor would copy the
table to a new one and lose the append-only triggers of migration 0002 on the way. PostgreSQL drops the default at
once (new entries always name their key); SQLite cannot drop a column default without copying the table, so it keeps
"legacy" as the default there (the code always writes the key id).

On PostgreSQL access_log_append now takes the inner and outer pad of the hour key (log_hash.hour_key) and computes
HMAC-SHA256 (RFC 2104) with the built-in sha256(): no extension is needed and the key itself never reaches the
database.
"""

import importlib

from django.db import migrations, models

previous = importlib.import_module("eenplan.access.migrations.0004_append_function")

APPEND_FUNCTION = """
CREATE OR REPLACE FUNCTION access_log_append(
    body text, at timestamptz, by_user bigint, in_role varchar, organisation bigint, household bigint,
    resident bigint, what varchar, kind varchar, object bigint, why varchar, emergency boolean, request varchar,
    signed_with varchar, inner_pad bytea, outer_pad bytea, genesis varchar, lock_key bigint
) RETURNS TABLE (entry_id bigint, previous varchar, hash varchar) AS $$
DECLARE
    last_hash varchar;
BEGIN
    PERFORM pg_advisory_xact_lock(lock_key);
    SELECT e.entry_hash INTO last_hash FROM access_accesslogentry e ORDER BY e.id DESC LIMIT 1;
    previous := coalesce(last_hash, genesis);
    hash := encode(sha256(outer_pad || sha256(inner_pad || convert_to(previous || body, 'UTF8'))), 'hex');
    INSERT INTO access_accesslogentry (
        timestamp, user_id, role, organisation_id_at_time, household_id, resident_id, action, object_type,
        object_id, justification, break_glass, request_id, key_id, previous_hash, entry_hash
    ) VALUES (
        at, by_user, in_role, organisation, household, resident, what, kind, object, why, emergency, request,
        signed_with, previous, hash
    ) RETURNING id INTO entry_id;
    RETURN NEXT;
END;
$$ LANGUAGE plpgsql VOLATILE;
"""
DROP_FUNCTION = """
DROP FUNCTION IF EXISTS access_log_append(
    text, timestamptz, bigint, varchar, bigint, bigint, bigint, varchar, varchar, bigint, varchar, boolean, varchar,
    varchar, bytea, bytea, varchar, bigint
);
"""


def add_key_column(apps, schema_editor):
    schema_editor.execute(
        "ALTER TABLE access_accesslogentry ADD COLUMN key_id varchar(16) NOT NULL DEFAULT 'legacy'", params=None
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE access_accesslogentry ALTER COLUMN key_id DROP DEFAULT", params=None)
        schema_editor.execute(previous.DROP_FUNCTION, params=None)
        schema_editor.execute(APPEND_FUNCTION, params=None)


def drop_key_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_FUNCTION, params=None)
        schema_editor.execute(previous.APPEND_FUNCTION, params=None)
    schema_editor.execute("ALTER TABLE access_accesslogentry DROP COLUMN key_id", params=None)


class Migration(migrations.Migration):
    dependencies = [("access", "0004_append_function")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(add_key_column, drop_key_column)],
            state_operations=[
                migrations.AddField(
                    model_name="accesslogentry",
                    name="key_id",
                    field=models.CharField(default="legacy", max_length=16),
                    preserve_default=False,
                )
            ],
        )
    ]
