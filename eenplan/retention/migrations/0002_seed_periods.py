# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The default retention periods (DESIGN.md §3). They are data: a functional administrator reads and changes them in
/beheer/. Participatiewet has no default: the municipality sets it from its selection list; until then nothing of it
is due."""

from django.db import migrations

PERIODS = [
    ("wmo", 15, "the day the help ended", "Wmo 2015 file: 15 years after the help ended"),
    ("jeugdwet", 20, "the day the help ended", "Jeugdwet file: 20 years after the help ended"),
    ("participatiewet", None, "the day the help ended", "to be set by the municipality (selection list)"),
    ("access_log", 5, "the entry's time", "NEN 7513: at least 5 years; the log is kept, never removed by the app"),
]


def seed(apps, schema_editor):
    RetentionPeriod = apps.get_model("retention", "RetentionPeriod")
    for subject, years, counted_from, source in PERIODS:
        RetentionPeriod.objects.get_or_create(
            subject=subject, defaults={"years": years, "counted_from": counted_from, "source": source}
        )


def unseed(apps, schema_editor):
    apps.get_model("retention", "RetentionPeriod").objects.filter(subject__in=[row[0] for row in PERIODS]).delete()


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
