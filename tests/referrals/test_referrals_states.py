# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The referral state machine lives in one place (eenplan/referrals/states.py) and refuses every other move.

Every pair (from, to) of states is tried from both sides: 9 × 9 × 2 = 162 cases. The expected table below is
written out from the issue, independently of `MOVES`, so a change to the machine must change this test too:

concept → verzonden → ontvangen → geaccepteerd | afgewezen (reason) → in behandeling → afgerond (outcome)
| gestopt (reason); ingetrokken (reason) by the referrer while the referral is not finished.
"""

from __future__ import annotations

import itertools

import pytest

from eenplan.referrals.models import FINAL_STATES, OPEN_STATES, ReferralState
from eenplan.referrals.states import MOVES, MoveRefused, Side, check, next_moves

S = ReferralState
R, V = Side.REFERRER, Side.RECEIVER

# (from, to): (side that may make the move, text the move must carry)
ALLOWED: dict[tuple[str, str], tuple[Side, str]] = {
    (S.CONCEPT, S.VERZONDEN): (R, ""),
    (S.VERZONDEN, S.ONTVANGEN): (V, ""),
    (S.ONTVANGEN, S.GEACCEPTEERD): (V, ""),
    (S.ONTVANGEN, S.AFGEWEZEN): (V, "reason"),
    (S.GEACCEPTEERD, S.IN_BEHANDELING): (V, ""),
    (S.IN_BEHANDELING, S.AFGEROND): (V, "outcome"),
    (S.IN_BEHANDELING, S.GESTOPT): (V, "reason"),
    # Stopping before the help has started (accepted, then the resident no longer comes) is allowed too.
    (S.GEACCEPTEERD, S.GESTOPT): (V, "reason"),
    (S.CONCEPT, S.INGETROKKEN): (R, "reason"),
    (S.VERZONDEN, S.INGETROKKEN): (R, "reason"),
    (S.ONTVANGEN, S.INGETROKKEN): (R, "reason"),
    (S.GEACCEPTEERD, S.INGETROKKEN): (R, "reason"),
    (S.IN_BEHANDELING, S.INGETROKKEN): (R, "reason"),
}

CASES = list(itertools.product(list(S), list(S), list(Side)))
assert len(CASES) == 162


def case_id(case: tuple[str, str, Side]) -> str:
    frm, to, side = case
    return f"{frm}->{to}-by-{side}"


def test_the_machine_has_exactly_the_moves_of_the_issue():
    assert {(str(f), str(t)) for f, t in MOVES} == {(str(f), str(t)) for f, t in ALLOWED}
    for pair, (side, needs) in ALLOWED.items():
        assert MOVES[pair].side == side, pair
        assert MOVES[pair].needs == needs, pair


@pytest.mark.parametrize(("from_state", "to_state", "side"), CASES, ids=[case_id(c) for c in CASES])
def test_every_pair_of_states_from_both_sides(from_state, to_state, side):
    expected = ALLOWED.get((from_state, to_state))
    if expected is None or expected[0] != side:
        with pytest.raises(MoveRefused) as refused:
            check(from_state, to_state, side, "Een reden of uitkomst")
        assert str(refused.value).strip(), "a refusal says why"
        return
    needs = expected[1]
    move = check(from_state, to_state, side, "Een reden of uitkomst")
    assert move.side == side
    assert move.needs == needs
    if needs:
        for empty in ("", "   ", "\n\t"):
            with pytest.raises(MoveRefused):
                check(from_state, to_state, side, empty)
    else:
        assert check(from_state, to_state, side) == move  # no text needed


@pytest.mark.parametrize("state", list(S))
def test_nothing_comes_after_a_final_state(state):
    if state in FINAL_STATES:
        assert next_moves(state, R) == [] and next_moves(state, V) == []


@pytest.mark.parametrize("state", list(S))
@pytest.mark.parametrize("side", list(Side))
def test_next_moves_offers_exactly_the_allowed_moves(state, side):
    expected = {str(to) for (frm, to), (who, _needs) in ALLOWED.items() if frm == state and who == side}
    assert {str(to) for to in next_moves(state, side)} == expected


def test_the_referrer_may_withdraw_until_the_referral_is_finished():
    withdrawable = {str(frm) for (frm, to) in ALLOWED if to == S.INGETROKKEN}
    assert withdrawable == {str(s) for s in (S.CONCEPT, *OPEN_STATES)}


def test_refusals_say_which_side_may_move():
    with pytest.raises(MoveRefused) as by_receiver:
        check(S.CONCEPT, S.VERZONDEN, V)
    with pytest.raises(MoveRefused) as by_referrer:
        check(S.ONTVANGEN, S.GEACCEPTEERD, R)
    assert str(by_receiver.value) != str(by_referrer.value)


def test_a_decline_needs_a_reason_and_a_completion_an_outcome():
    with pytest.raises(MoveRefused) as no_reason:
        check(S.ONTVANGEN, S.AFGEWEZEN, V, "")
    with pytest.raises(MoveRefused) as no_outcome:
        check(S.IN_BEHANDELING, S.AFGEROND, V, "")
    assert str(no_reason.value) != str(no_outcome.value)
