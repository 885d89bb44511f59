# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The helpdesk's topics as data (issue 12): the administrator adds experts and may add or rename topics."""

from django.db import migrations

TOPICS = [
    ("fraude-handhaving", "Fraude en handhaving", "Fraud and enforcement"),
    ("schulden", "Schulden", "Debts"),
    ("inkomen", "Inkomen", "Income"),
    ("wmo", "Wmo", "Wmo (social support)"),
    ("jeugd", "Jeugd", "Youth"),
    ("wonen", "Wonen", "Housing"),
    ("privacy", "Privacy", "Privacy"),
    ("veiligheid", "Veiligheid", "Safety"),
]


def load(apps, schema_editor):
    HelpdeskTopic = apps.get_model("collaboration", "HelpdeskTopic")
    for position, (code, name, name_en) in enumerate(TOPICS):
        HelpdeskTopic.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "position": position}
        )


def unload(apps, schema_editor):
    apps.get_model("collaboration", "HelpdeskTopic").objects.filter(code__in=[t[0] for t in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("collaboration", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
