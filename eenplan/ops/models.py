# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""What the metrics need to remember between processes: the result of the last access-log chain check."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessLogCheck(models.Model):
    """One run of `manage.py check_access_log` (the daily chain verification); no personal data."""

    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)
    intact = models.BooleanField(_("intact"))
    # The newest entry's id when the check started (the chain was read up to there).
    entries_checked = models.PositiveBigIntegerField(_("entries checked"))

    class Meta:
        verbose_name = _("access log check")
        verbose_name_plural = _("access log checks")
        ordering = ["-checked_at", "-id"]

    def __str__(self) -> str:
        return f"{self.checked_at:%Y-%m-%d %H:%M} {'intact' if self.intact else 'broken'}"
