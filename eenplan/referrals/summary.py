# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""What of a referral's shared information its receiver may read: what the resident's consent allows today.

A referral is sent under the consent of that moment; when the resident narrows or withdraws it later, the summary
written for the receiver is no longer theirs to read (DESIGN.md §5.11). The access policy decides, at display time.
"""

from __future__ import annotations

from eenplan.referrals.models import Referral
from eenplan.referrals.services import missing_consent
from eenplan.referrals.states import Side


def withheld_categories(referral: Referral, sides: set[Side]) -> list[str]:
    """Names of the shared categories that the receiving organisation's consent no longer covers, for a viewer who
    sees the referral only as its receiver; empty when the summary may be shown. The referrer's side (the household's
    own team) works on its own legal task and always reads it."""
    if Side.REFERRER in sides:
        return []
    return missing_consent(referral.household, referral.to_organisation, list(referral.shared_categories.all()))
