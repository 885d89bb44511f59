# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The life of a generated referral: the state it reached, the events on the way there, and who did what when.

Every referral follows the state machine of `eenplan.referrals.states` from `concept`, one event per move, as
`eenplan.referrals.services` records them: the referrer creates, sends and withdraws; a member of the receiving
organisation receives, accepts or declines, starts, completes or stops. The timestamps on the referral
(`sent_at`, `accepted_at`, `closed_at`) and `handled_by` are those of its events; all times lie between the
creation and now. An organisation without anyone who may receive referrals (a volunteer centre has only
volunteers) never answers: its referrals wait, or the referrer withdraws them.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from eenplan.accounts.models import Role
from eenplan.referrals.models import FINAL_STATES, Referral
from eenplan.referrals.models import ReferralState as S

# Who receives a referral's notification and may answer it (as `referrals.services.send`).
RECEIVER_ROLES = (Role.PARTNER_PROFESSIONAL, Role.REGISSEUR, Role.WIJKTEAM_MEMBER, Role.TEAM_LEADER)

# The moves from `concept` to each state, without a withdrawal (`ingetrokken` is added after any open state).
PATHS: dict[str, list[str]] = {
    S.CONCEPT: [S.CONCEPT],
    S.VERZONDEN: [S.CONCEPT, S.VERZONDEN],
    S.ONTVANGEN: [S.CONCEPT, S.VERZONDEN, S.ONTVANGEN],
    S.GEACCEPTEERD: [S.CONCEPT, S.VERZONDEN, S.ONTVANGEN, S.GEACCEPTEERD],
    S.AFGEWEZEN: [S.CONCEPT, S.VERZONDEN, S.ONTVANGEN, S.AFGEWEZEN],
    S.IN_BEHANDELING: [S.CONCEPT, S.VERZONDEN, S.ONTVANGEN, S.GEACCEPTEERD, S.IN_BEHANDELING],
    S.AFGEROND: [S.CONCEPT, S.VERZONDEN, S.ONTVANGEN, S.GEACCEPTEERD, S.IN_BEHANDELING, S.AFGEROND],
}
REFERRER_MOVES = (S.CONCEPT, S.VERZONDEN, S.INGETROKKEN)

DECLINE_REASONS = [
    "Past niet bij onze doelgroep.",
    "Wij hebben een wachtlijst van meer dan drie maanden. De budgetcoach van de wijk kan sneller helpen.",
    "De vraag gaat over een uitkering. Daarvoor kunt u beter naar Werk & Inkomen verwijzen.",
    "De bewoner krijgt deze hulp al via de huisarts.",
]
OUTCOMES = [
    "Schuldregeling getroffen.",
    "Er is een betalingsregeling voor de huurachterstand. De bewoner betaalt elke maand een vast bedrag.",
    "De bewoner heeft een vaste coach gehad en doet de administratie nu zelf.",
    "De aanvraag is goedgekeurd. De bewoner krijgt de toeslag vanaf volgende maand.",
]
STOP_REASONS = [
    "De bewoner wil geen hulp meer van ons.",
    "De bewoner is verhuisd naar een andere gemeente.",
    "We kregen drie keer geen contact. We stoppen en laten het de regisseur weten.",
]
WITHDRAW_REASONS = [
    "De bewoner heeft de hulp zelf al geregeld.",
    "We verwijzen toch naar een andere dienst, dichter bij huis.",
    "Er kwam geen reactie. We zoeken samen met de bewoner een andere weg.",
]

# A `ReferralEvent` as the values of these columns (after its referral's id).
EVENT_COLUMNS = ["from_state", "to_state", "at", "by_id", "note"]
Event = tuple[str, str, datetime.datetime, int, str]

# How far each move lies between the previous event and now (as a fraction of the time left).
STEP: dict[str, tuple[float, float]] = {
    S.ONTVANGEN: (0.01, 0.15),
    S.GEACCEPTEERD: (0.1, 0.5),
    S.AFGEWEZEN: (0.05, 0.4),
    S.IN_BEHANDELING: (0.05, 0.4),
    S.AFGEROND: (0.3, 0.95),
    S.GESTOPT: (0.2, 0.9),
    S.INGETROKKEN: (0.2, 0.9),
}


@dataclass
class ReferralLives:
    """Turns a generated referral (state, send time, maybe an accept time) into a consistent history."""

    rng: random.Random
    now: datetime.datetime
    receivers: dict[int, list[int]]  # organisation id → user ids of members who may receive referrals

    def path(self, referral: Referral) -> list[str]:
        """The states the referral went through, its final state last."""
        state, roll = referral.state, self.rng.random()
        if not self.receivers.get(referral.to_organisation_id):
            return PATHS[S.VERZONDEN] + ([S.INGETROKKEN] if roll < 0.25 else [])
        if state == S.VERZONDEN and roll < 0.1:
            return PATHS[S.CONCEPT]
        if state in (S.VERZONDEN, S.ONTVANGEN) and roll > 0.92:
            return PATHS[state] + [S.INGETROKKEN]
        if state == S.IN_BEHANDELING and roll < 0.15:
            return PATHS[state] + [S.GESTOPT]
        if state == S.GEACCEPTEERD and roll < 0.05:
            return PATHS[state] + [S.GESTOPT]
        return PATHS[state]

    def live(self, referral: Referral, expected_response_days: int) -> list[Event]:
        """Sets state, times, handler, reason or outcome and version on `referral`; returns its events as the
        values of `EVENT_COLUMNS` without the referral (the caller adds its id once the referral is saved)."""
        rng = self.rng
        path = self.path(referral)
        drawn_sent = referral.sent_at or self.now
        preferred_accept = referral.accepted_at
        receivers = self.receivers.get(referral.to_organisation_id) or []
        opener = rng.choice(receivers) if receivers else None
        handler = opener if opener is None or rng.random() < 0.7 else rng.choice(receivers)
        texts: dict[str, str] = {
            S.AFGEWEZEN: rng.choice(DECLINE_REASONS),
            S.AFGEROND: rng.choice(OUTCOMES),
            S.GESTOPT: rng.choice(STOP_REASONS),
            S.INGETROKKEN: rng.choice(WITHDRAW_REASONS),
        }
        if path == PATHS[S.CONCEPT]:
            created = drawn_sent
        else:
            created = drawn_sent - datetime.timedelta(minutes=rng.randint(5, 2 * 24 * 60))
        events: list[Event] = []
        at = created
        times: dict[str, datetime.datetime] = {}
        for previous, state in zip(["", *path], path, strict=False):
            if state == S.VERZONDEN:
                at = drawn_sent
            elif state == S.GEACCEPTEERD and preferred_accept is not None and at < preferred_accept < self.now:
                at = preferred_accept
            elif state in STEP:
                low, high = STEP[state]
                at = at + (self.now - at) * rng.uniform(low, high)
            times[state] = at
            by = referral.from_user_id if state in REFERRER_MOVES else (opener if state == S.ONTVANGEN else handler)
            assert by is not None, "a receiving move needs a receiver (path() gives none without one)"
            events.append((previous, state, at, by, texts.get(state, "")))
        final = path[-1]
        referral.state = final
        referral.created_at = created
        sent = times.get(S.VERZONDEN)
        referral.sent_at = sent
        referral.response_deadline = sent + datetime.timedelta(days=expected_response_days) if sent else None
        referral.accepted_at = times.get(S.GEACCEPTEERD)
        referral.handled_by_id = handler if S.GEACCEPTEERD in times else None
        referral.closed_at = times[final] if final in FINAL_STATES else None
        referral.reason = texts[final] if final in (S.AFGEWEZEN, S.GESTOPT, S.INGETROKKEN) else ""
        referral.outcome = texts[S.AFGEROND] if final == S.AFGEROND else ""
        referral.version = len(path)
        return events
