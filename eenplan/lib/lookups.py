# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`__in` on integer columns with numbers beyond the column's range: they match no row instead of crashing."""

from __future__ import annotations

from typing import Any

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    """Django already treats `id=99999999999999999999` as "no row" (IntegerFieldExact); `id__in=[...]` sends the
    number to the database, which answers OverflowError (SQLite) or an error (PostgreSQL): a 500 where a multi-select
    (ModelMultipleChoiceField) receives a typed-in huge number. Numbers outside the column's range are dropped here;
    when none is left the lookup matches nothing, as an empty `__in` does."""

    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register() -> None:
    """Called once from `LibConfig.ready`: every integer column (ids included) uses the lookup above for `__in`."""
    IntegerField.register_lookup(IntegerFieldIn)
