# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Load the information categories of DESIGN.md §3 and make the access log append-only in the database."""

from django.db import migrations

CATEGORIES = [
    ("basis", "Basisgegevens", "Basic details", "Identiteit, contactgegevens en een samenvatting van het plan."),
    ("financien", "Financiën", "Finances", "Inkomsten, uitgaven, schulden en schuldhulp."),
    ("werk_inkomen", "Werk en inkomen", "Work and income", "Werk, opleiding, uitkering en re-integratie."),
    ("wonen", "Wonen", "Housing", "Woonsituatie, huur, huurachterstand en woningcorporatie."),
    ("gezondheid", "Gezondheid", "Health", "Geestelijke en lichamelijke gezondheid en middelengebruik."),
    ("gezin_opvoeding", "Gezin en opvoeding", "Family and parenting", "Opvoeding, ontwikkeling van kinderen en jeugdhulp."),
    ("justitie_veiligheid", "Justitie en veiligheid", "Justice and safety", "Politie, justitie, veiligheid en huiselijk geweld."),
]

POSTGRES_TRIGGER = """
CREATE OR REPLACE FUNCTION access_log_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'access log entries are append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER access_log_append_only
    BEFORE UPDATE OR DELETE ON access_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
CREATE TRIGGER access_log_no_truncate
    BEFORE TRUNCATE ON access_accesslogentry
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS access_log_no_truncate ON access_accesslogentry;
DROP TRIGGER IF EXISTS access_log_append_only ON access_accesslogentry;
DROP FUNCTION IF EXISTS access_log_refuse_change();
"""
SQLITE_TRIGGERS = [
    """CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_accesslogentry
       BEGIN SELECT RAISE(ABORT, 'access log entries are append-only (UPDATE refused)'); END;""",
    """CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_accesslogentry
       BEGIN SELECT RAISE(ABORT, 'access log entries are append-only (DELETE refused)'); END;""",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS access_log_no_update;", "DROP TRIGGER IF EXISTS access_log_no_delete;"]


def load_categories(apps, schema_editor):
    InformationCategory = apps.get_model("access", "InformationCategory")
    for position, (code, name, name_en, description) in enumerate(CATEGORIES):
        InformationCategory.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "description": description, "position": position}
        )


def protect_log(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_TRIGGER, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


def unprotect_log(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("access", "0001_initial")]

    operations = [
        migrations.RunPython(load_categories, migrations.RunPython.noop),
        migrations.RunPython(protect_log, unprotect_log),
    ]
