# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`{% may_import_hsds as may_import %}`: whether the current user may import an HSDS file into the sociale kaart."""

from __future__ import annotations

from typing import Any

from django import template

from eenplan.accounts.models import User
from eenplan.directory.hsds.importer import may_import_directory

register = template.Library()


@register.simple_tag(takes_context=True)
def may_import_hsds(context: dict[str, Any]) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    return isinstance(user, User) and may_import_directory(user)
