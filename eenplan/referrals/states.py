# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The referral state machine, in one place. Every other move is refused.

concept → verzonden → ontvangen → geaccepteerd | afgewezen (reason) → in behandeling → afgerond (outcome)
| gestopt (reason); and ingetrokken (reason) by the referrer while the referral is not finished.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from eenplan.referrals.models import ReferralState as S


class Side(StrEnum):
    REFERRER = "referrer"
    RECEIVER = "receiver"


@dataclass(frozen=True)
class Move:
    side: Side
    needs: str = ""  # "reason" or "outcome": the text the move must carry


MOVES: dict[tuple[str, str], Move] = {
    (S.CONCEPT, S.VERZONDEN): Move(Side.REFERRER),
    (S.VERZONDEN, S.ONTVANGEN): Move(Side.RECEIVER),
    (S.ONTVANGEN, S.GEACCEPTEERD): Move(Side.RECEIVER),
    (S.ONTVANGEN, S.AFGEWEZEN): Move(Side.RECEIVER, "reason"),
    (S.GEACCEPTEERD, S.IN_BEHANDELING): Move(Side.RECEIVER),
    (S.IN_BEHANDELING, S.AFGEROND): Move(Side.RECEIVER, "outcome"),
    (S.GEACCEPTEERD, S.GESTOPT): Move(Side.RECEIVER, "reason"),
    (S.IN_BEHANDELING, S.GESTOPT): Move(Side.RECEIVER, "reason"),
    **{
        (state, S.INGETROKKEN): Move(Side.REFERRER, "reason")
        for state in (S.CONCEPT, S.VERZONDEN, S.ONTVANGEN, S.GEACCEPTEERD, S.IN_BEHANDELING)
    },
}


class MoveRefused(Exception):
    """A move the state machine does not allow; the message says why, for the user."""


def check(from_state: str, to_state: str, side: Side, text: str = "") -> Move:
    if to_state not in S.values or from_state not in S.values:
        raise MoveRefused(_("This is not a state a referral can have."))
    move = MOVES.get((from_state, to_state))
    if move is None:
        raise MoveRefused(
            _("A referral cannot go from %(from)s to %(to)s.") % {"from": S(from_state).label, "to": S(to_state).label}
        )
    if move.side != side:
        if move.side == Side.REFERRER:
            raise MoveRefused(_("Only the referrer can do this."))
        raise MoveRefused(_("Only the receiving organisation can do this."))
    if move.needs == "reason" and not text.strip():
        raise MoveRefused(_("Give a reason."))
    if move.needs == "outcome" and not text.strip():
        raise MoveRefused(_("Describe the outcome for the referrer and the regisseur."))
    return move


def next_moves(state: str, side: Side) -> list[str]:
    return [to for (frm, to), move in MOVES.items() if frm == state and move.side == side]
