# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Computing the outcomes summary (`OutcomeFact`): counts per neighbourhood, month and measure, from every household's
assessments, plans, referrals, intakes, barriers and budget payments. Run nightly (`manage.py refresh_reports`, or the
task `refresh_summary`); the outcomes page reads only the newest finished run and says when it was computed.

The counts are not suppressed here: suppression depends on the table a page shows (the neighbourhoods and months it
adds up), so `reports.outcomes` protects each table after adding the facts up (eenplan.lib.disclosure).
"""

from __future__ import annotations

import datetime
import time
from collections import defaultdict
from collections.abc import Iterator

from django.db import transaction
from django.db.models import Count, Min, Q
from django.utils import timezone

from eenplan.assessments.models import Instrument, Score
from eenplan.budget.models import Commitment, CommitmentState
from eenplan.collaboration.models import Barrier
from eenplan.intake.models import Intake
from eenplan.plans.models import Plan, PlanStatus
from eenplan.referrals.models import Referral, ReferralState
from eenplan.reports.models import Measure, OutcomeFact, SummaryRun

FINISHED = (PlanStatus.GEEVALUEERD, PlanStatus.AFGESLOTEN)
# The outcome of a referral as a report counts it: one column each, together all sent referrals.
REFERRAL_OUTCOMES = {
    ReferralState.VERZONDEN: "waiting",
    ReferralState.ONTVANGEN: "waiting",
    ReferralState.GEACCEPTEERD: "accepted",
    ReferralState.IN_BEHANDELING: "accepted",
    ReferralState.AFGEROND: "completed",
    ReferralState.AFGEWEZEN: "declined",
    ReferralState.GESTOPT: "stopped",
    ReferralState.INGETROKKEN: "stopped",
}
# Days from the request for help to the intake, in these bands (upper bounds; the last is open).
CONTACT_BANDS = ((3, "0-3"), (7, "4-7"), (14, "8-14"), (28, "15-28"))
CONTACT_LAST_BAND = "29+"
BATCH = 5000

Key = tuple[str, int | None, datetime.date, str, str]


def month_of(day: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(day, datetime.datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    return day.replace(day=1)


def contact_band(days: int) -> str:
    return next((label for upper, label in CONTACT_BANDS if days <= upper), CONTACT_LAST_BAND)


class _Tally:
    def __init__(self) -> None:
        self.counts: dict[Key, list[int]] = defaultdict(lambda: [0, 0])

    def add(self, key: Key, amount: int = 0) -> None:
        cell = self.counts[key]
        cell[0] += 1
        cell[1] += amount


def _zrm(tally: _Tally) -> None:
    """Per resident with two or more assessments on the default instrument: per life domain, whether the latest score
    is higher, the same or lower than the first; `amount` adds up the change. Counted in the month of the latest."""
    instrument_id = Instrument.objects.filter(is_default=True).values_list("pk", flat=True).first()
    if instrument_id is None:
        return
    scores = (
        Score.objects.filter(assessment__instrument_id=instrument_id)
        .order_by("assessment__resident_id", "assessment__assessed_on", "assessment_id")
        .values_list(
            "assessment__resident_id",
            "assessment_id",
            "assessment__assessed_on",
            "assessment__household__neighbourhood_id",
            "domain__code",
            "value",
        )
    )
    resident: int | None = None
    first: dict[str, int] = {}
    latest: dict[str, int] = {}
    assessments: set[int] = set()
    last_day: datetime.date | None = None
    neighbourhood: int | None = None

    def close() -> None:
        if resident is None or len(assessments) < 2 or last_day is None:
            return
        for code, value in latest.items():
            if code not in first:
                continue
            change = value - first[code]
            outcome = "better" if change > 0 else "worse" if change < 0 else "same"
            tally.add((Measure.ZRM, neighbourhood, month_of(last_day), code, outcome), change)

    for resident_id, assessment_id, day, neighbourhood_id, code, value in scores.iterator(chunk_size=BATCH):
        if resident_id != resident:
            close()
            resident, first, latest, assessments = resident_id, {}, {}, set()
        assessments.add(assessment_id)
        first.setdefault(code, value)
        latest[code] = value
        last_day, neighbourhood = day, neighbourhood_id
    close()


def _plans(tally: _Tally) -> None:
    """Finished plans (evaluated or closed) by how many of their goals were reached, in the month they finished (the
    first version of the plan in that state)."""
    finished_on = dict(
        Plan.history.filter(status__in=FINISHED).values("id").annotate(at=Min("history_date")).values_list("id", "at")
    )
    plans = (
        Plan.objects.filter(status__in=FINISHED)
        .annotate(goal_count=Count("goals"), reached=Count("goals", filter=Q(goals__achieved=True)))
        .values_list("id", "household__neighbourhood_id", "goal_count", "reached", "created_at")
    )
    for plan_id, neighbourhood_id, goals, reached, created_at in plans.iterator(chunk_size=BATCH):
        outcome = "no_goals" if goals == 0 else "all" if reached == goals else "some" if reached else "none"
        tally.add((Measure.PLANS, neighbourhood_id, month_of(finished_on.get(plan_id, created_at)), "plans", outcome))


def _referrals(tally: _Tally) -> None:
    """Sent referrals per organisation and service by where they stand now, in the month they were sent; `amount`
    adds up the days to acceptance of those accepted."""
    referrals = Referral.objects.exclude(state=ReferralState.CONCEPT).values_list(
        "to_organisation_id",
        "service_id",
        "household__neighbourhood_id",
        "state",
        "sent_at",
        "created_at",
        "accepted_at",
    )
    for organisation_id, service_id, neighbourhood_id, state, sent_at, created_at, accepted_at in referrals.iterator(
        chunk_size=BATCH
    ):
        sent = sent_at or created_at
        days = (accepted_at - sent).days if accepted_at is not None else 0
        outcome = REFERRAL_OUTCOMES.get(ReferralState(state), "waiting")
        tally.add(
            (Measure.REFERRALS, neighbourhood_id, month_of(sent), f"{organisation_id}:{service_id}", outcome), days
        )


def _first_contact(tally: _Tally) -> None:
    """Days from a request for help to its intake (the first conversation), per band, in the month of the intake."""
    intakes = Intake.objects.filter(request__isnull=False).values_list(
        "household__neighbourhood_id", "conducted_on", "request__submitted_at"
    )
    for neighbourhood_id, conducted_on, submitted_at in intakes.iterator(chunk_size=BATCH):
        days = max((conducted_on - timezone.localtime(submitted_at).date()).days, 0)
        tally.add((Measure.FIRST_CONTACT, neighbourhood_id, month_of(conducted_on), "intake", contact_band(days)), days)


def _barriers(tally: _Tally) -> None:
    """Barriers raised, per kind (a barrier has no household: eenplan.collaboration)."""
    for neighbourhood_id, kind, raised_at in Barrier.objects.values_list("neighbourhood_id", "kind", "raised_at"):
        tally.add((Measure.BARRIERS, neighbourhood_id, month_of(raised_at), kind, "raised"))


def _budget(tally: _Tally) -> None:
    """Wijkbudget paid out, per purpose of the budget, in the month paid; `amount` in euro cents."""
    paid = Commitment.objects.filter(state=CommitmentState.BETAALD, paid_on__isnull=False).values_list(
        "budget__neighbourhood_id", "budget__purpose", "paid_on", "paid_amount"
    )
    for neighbourhood_id, purpose, paid_on, amount in paid.iterator(chunk_size=BATCH):
        if paid_on is None or amount is None:
            continue
        tally.add((Measure.BUDGET, neighbourhood_id, month_of(paid_on), purpose, "paid"), int(amount * 100))


def _facts(run: SummaryRun, tally: _Tally) -> Iterator[OutcomeFact]:
    for (measure, neighbourhood_id, month, dimension, outcome), (count, amount) in tally.counts.items():
        yield OutcomeFact(
            run=run,
            measure=measure,
            neighbourhood_id=neighbourhood_id,
            month=month,
            dimension=dimension[:40],
            outcome=outcome,
            count=count,
            amount=amount,
        )


def refresh() -> SummaryRun:
    """Compute the whole summary anew as one run, then drop the older runs. Pages keep reading the previous run until
    this one is finished."""
    started = time.monotonic()
    run = SummaryRun.objects.create()
    tally = _Tally()
    for part in (_zrm, _plans, _referrals, _first_contact, _barriers, _budget):
        part(tally)
    with transaction.atomic():
        OutcomeFact.objects.bulk_create(_facts(run, tally), batch_size=BATCH)
        run.fact_count = len(tally.counts)
        run.finished_at = timezone.now()
        run.seconds = round(time.monotonic() - started, 2)
        run.save(update_fields=["fact_count", "finished_at", "seconds"])
        SummaryRun.objects.exclude(pk=run.pk).filter(started_at__lte=run.started_at).delete()
    from eenplan.reports.outcomes import keep_protected  # the page's module reads this one's bands

    keep_protected(run)
    return run


def latest_run() -> SummaryRun | None:
    return SummaryRun.objects.filter(finished_at__isnull=False).order_by("-finished_at", "-id").first()
