# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Refused requests are logged (action "refused"), with two small partial indexes for the privacy officer.

The choices of `action` live in Django's state only: the AlterField changes nothing in either database (and so
does not copy the SQLite table, which would lose the append-only triggers of migration 0002). The indexes cover
only refused entries: the "only refusals" filter of the log search (newest first) and the alert on many refusals
by one user in a short time (by time, then user).
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0005_keyed_access_log"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="accesslogentry",
            name="action",
            field=models.CharField(
                choices=[
                    ("view", "viewed"),
                    ("create", "created"),
                    ("update", "changed"),
                    ("delete", "deleted"),
                    ("export", "exported"),
                    ("print", "printed"),
                    ("break_glass", "emergency access"),
                    ("refused", "refused"),
                ],
                max_length=20,
                verbose_name="what happened",
            ),
        ),
        migrations.AddIndex(
            model_name="accesslogentry",
            index=models.Index(condition=models.Q(("action", "refused")), fields=["-id"], name="accesslog_refused"),
        ),
        migrations.AddIndex(
            model_name="accesslogentry",
            index=models.Index(
                condition=models.Q(("action", "refused")), fields=["timestamp", "user"], name="accesslog_refused_time"
            ),
        ),
    ]
