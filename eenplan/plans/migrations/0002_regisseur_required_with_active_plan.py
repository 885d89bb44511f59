# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Invariant 1 in the database: a household with an active plan always has its one regisseur.

The single column Household.regisseur gives "at most one"; these triggers give "at least one" while a plan is
active: no active plan without a regisseur, and no removing the regisseur while a plan is active.
"""

from django.db import migrations

POSTGRES = """
CREATE OR REPLACE FUNCTION plans_plan_needs_regisseur() RETURNS trigger AS $$
BEGIN
    IF NEW.is_active AND (SELECT regisseur_id FROM households_household WHERE id = NEW.household_id) IS NULL THEN
        RAISE EXCEPTION 'an active plan needs a regisseur on its household' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER plans_plan_needs_regisseur BEFORE INSERT OR UPDATE ON plans_plan
    FOR EACH ROW EXECUTE FUNCTION plans_plan_needs_regisseur();

CREATE OR REPLACE FUNCTION households_keep_regisseur() RETURNS trigger AS $$
BEGIN
    IF NEW.regisseur_id IS NULL AND EXISTS (
        SELECT 1 FROM plans_plan WHERE household_id = NEW.id AND is_active
    ) THEN
        RAISE EXCEPTION 'a household with an active plan keeps its regisseur' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER households_keep_regisseur BEFORE UPDATE OF regisseur_id ON households_household
    FOR EACH ROW EXECUTE FUNCTION households_keep_regisseur();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS households_keep_regisseur ON households_household;
DROP FUNCTION IF EXISTS households_keep_regisseur();
DROP TRIGGER IF EXISTS plans_plan_needs_regisseur ON plans_plan;
DROP FUNCTION IF EXISTS plans_plan_needs_regisseur();
"""
SQLITE = [
    """CREATE TRIGGER plans_plan_needs_regisseur_insert BEFORE INSERT ON plans_plan
       WHEN NEW.is_active AND (SELECT regisseur_id FROM households_household WHERE id = NEW.household_id) IS NULL
       BEGIN SELECT RAISE(ABORT, 'an active plan needs a regisseur on its household'); END;""",
    """CREATE TRIGGER plans_plan_needs_regisseur_update BEFORE UPDATE ON plans_plan
       WHEN NEW.is_active AND (SELECT regisseur_id FROM households_household WHERE id = NEW.household_id) IS NULL
       BEGIN SELECT RAISE(ABORT, 'an active plan needs a regisseur on its household'); END;""",
    """CREATE TRIGGER households_keep_regisseur BEFORE UPDATE OF regisseur_id ON households_household
       WHEN NEW.regisseur_id IS NULL AND EXISTS (SELECT 1 FROM plans_plan WHERE household_id = NEW.id AND is_active)
       BEGIN SELECT RAISE(ABORT, 'a household with an active plan keeps its regisseur'); END;""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS plans_plan_needs_regisseur_insert;",
    "DROP TRIGGER IF EXISTS plans_plan_needs_regisseur_update;",
    "DROP TRIGGER IF EXISTS households_keep_regisseur;",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial"), ("households", "0002_household_regisseur")]

    operations = [migrations.RunPython(forwards, backwards)]
