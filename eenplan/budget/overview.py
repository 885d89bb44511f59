# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The wijkbudget overview for the team and the budget holder: budgeted, awaiting approval, committed, realised and
left, in total and per month, life domain, purpose and payee kind. Amounts only, never names. The page and its CSV
and XLSX exports are built from the same rows, so an export holds exactly what the page shows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import formats
from django.utils.translation import gettext as _

from eenplan.budget.models import (
    HOLDING_STATES,
    ZERO,
    Commitment,
    CommitmentState,
    NeighbourhoodBudget,
    PayeeKind,
    Purpose,
)
from eenplan.domains import LifeDomain

MONEY = DecimalField(max_digits=14, decimal_places=2)


@dataclass(frozen=True)
class Row:
    label: str
    pending: Decimal
    committed: Decimal
    realised: Decimal
    budgeted: Decimal | None = None

    @property
    def left(self) -> Decimal | None:
        if self.budgeted is None:
            return None
        return self.budgeted - self.pending - self.committed - self.realised


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: list[Row]


def _sums() -> dict[str, Any]:
    return {
        "pending": Coalesce(Sum("amount", filter=Q(state=CommitmentState.AANGEVRAAGD)), ZERO, output_field=MONEY),
        "committed": Coalesce(Sum("amount", filter=Q(state=CommitmentState.TOEGEKEND)), ZERO, output_field=MONEY),
        "realised": Coalesce(Sum("paid_amount", filter=Q(state=CommitmentState.BETAALD)), ZERO, output_field=MONEY),
    }


def _grouped(budget: NeighbourhoodBudget, key: Any) -> list[dict[str, Any]]:
    groups: Any = (
        Commitment.objects.filter(budget=budget, state__in=HOLDING_STATES)
        .annotate(group=key)
        .values("group")
        .annotate(**_sums())
        .order_by("group")
    )
    return list(groups)


def _rows(groups: Iterable[dict[str, Any]], label: Any) -> list[Row]:
    return [Row(label(g["group"]), g["pending"], g["committed"], g["realised"]) for g in groups]


def total_row(budget: NeighbourhoodBudget) -> Row:
    return Row(_("Total"), budget.pending, budget.committed, budget.realised, budget.amount)


def sections(budget: NeighbourhoodBudget) -> list[Section]:
    """The overview of one budget: its total, then per month (of payment, or the expected payment while not paid),
    per life domain and per payee kind. Four queries, whatever the number of commitments."""
    month = TruncMonth(Coalesce(F("paid_on"), F("expected_on")))
    domains = dict(LifeDomain.choices)
    payees = dict(PayeeKind.choices)
    return [
        Section("totaal", _("Total"), [total_row(budget)]),
        Section(
            "maand",
            _("Per month"),
            _rows(_grouped(budget, month), lambda m: formats.date_format(m, "YEAR_MONTH_FORMAT") if m else "—"),
        ),
        Section(
            "leefgebied",
            _("Per life domain"),
            _rows(_grouped(budget, F("domain")), lambda d: str(domains.get(d, _("No life domain")))),
        ),
        Section(
            "ontvanger",
            _("Per payee kind"),
            _rows(_grouped(budget, F("payee_kind")), lambda p: str(payees.get(p, p))),
        ),
    ]


def purpose_rows(budgets: QuerySet[NeighbourhoodBudget]) -> list[Row]:
    """Per purpose over these budgets: budgeted and the running totals (one query)."""
    purposes = dict(Purpose.choices)
    groups = (
        budgets.order_by()
        .values("purpose")
        .annotate(
            budgeted=Sum("amount"),
            pending_sum=Sum("pending"),
            committed_sum=Sum("committed"),
            realised_sum=Sum("realised"),
        )
        .order_by("purpose")
    )
    return [
        Row(
            str(purposes.get(g["purpose"], g["purpose"])),
            g["pending_sum"],
            g["committed_sum"],
            g["realised_sum"],
            g["budgeted"],
        )
        for g in groups
    ]


def columns() -> list[str]:
    return [_("Part"), _("What"), _("Budgeted"), _("Awaiting approval"), _("Committed"), _("Realised"), _("Left")]


def table(budget: NeighbourhoodBudget, parts: list[Section]) -> list[list[Any]]:
    """The page's rows as one table (section, label, amounts); empty cells where the page shows none."""
    return [
        [section.title, row.label, row.budgeted, row.pending, row.committed, row.realised, row.left]
        for section in parts
        for row in section.rows
    ]


def as_csv(rows: list[list[Any]]) -> str:
    """CSV as Dutch spreadsheets read it: semicolons between fields, a comma before the cents."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(columns())
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    return out.getvalue()


def _csv_cell(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        return f"{cell:.2f}".replace(".", ",")
    return str(cell)


def as_xlsx(title: str, rows: list[list[Any]]) -> bytes:
    """An XLSX workbook with the same table; amounts are numbers in euro format."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Overview")[:31]
    sheet.append([title])
    sheet.append(columns())
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=3, min_col=3, max_col=7):
        for cell in cells:
            cell.number_format = "#,##0.00"
    for letter, width in zip("ABCDEFG", (22, 30, 14, 18, 14, 14, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
