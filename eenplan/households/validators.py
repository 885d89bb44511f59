# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Validation of Dutch identifiers with python-stdnum, with messages in the UI language (Dutch by default)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode


def normalise_bsn(value: str) -> str:
    """Validate a BSN (*burgerservicenummer*) with the elfproef and return its nine digits."""
    digits = stdnum_bsn.compact(value)
    if digits.isdigit() and len(digits) != 9:
        # stdnum pads 8 digits with a leading zero; a professional types all nine, so a short number is a typo.
        raise ValidationError(_("A BSN has 9 digits."), code="bsn_length")
    try:
        return str(stdnum_bsn.validate(digits))
    except InvalidLength as exc:
        raise ValidationError(_("A BSN has 9 digits."), code="bsn_length") from exc
    except InvalidFormat as exc:
        raise ValidationError(_("A BSN contains only digits."), code="bsn_format") from exc
    except InvalidChecksum as exc:
        raise ValidationError(
            _("This is not a valid BSN: it does not pass the eleven test (elfproef). Check the number."),
            code="bsn_checksum",
        ) from exc
    except StdnumError as exc:
        raise ValidationError(_("This is not a valid BSN."), code="bsn_invalid") from exc


def mask_bsn(value: str) -> str:
    """Show only the last three digits: ●●●●●●789."""
    if not value:
        return ""
    return "●" * (len(value) - 3) + value[-3:]


def normalise_postcode(value: str) -> str:
    """Validate a Dutch postcode and return it as "1234 AB"."""
    try:
        return str(stdnum_postcode.validate(value))
    except StdnumError as exc:
        raise ValidationError(
            _("Enter a Dutch postcode of four digits and two letters, for example 1234 AB."), code="postcode"
        ) from exc
