# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Refuse text that identifies a resident: a BSN (elfproef), a postcode with a house number, an e-mail address, a
phone number or a date of birth. Used by the helpdesk (questions, answers, the knowledge base), the barriers log and
the parts of a case conference that leave EenPlan (place, the agenda without personal data).

The check errs on the side of refusing: a professional can always rephrase ("about 40 years old", "in Noord").
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.nl import bsn as stdnum_bsn

# Nine digits, possibly written in groups (123456782, 1234.56.782, 123 456 782), not part of a longer number.
BSN = re.compile(r"(?<![\d.,-])(\d(?:[ .-]?\d){8})(?![\d]|[.,-]\d)")
# A Dutch postcode (four digits, the first not 0, two letters) next to a house number, either order:
# "3511 AB 12", "3511AB, 12a", "nr 12, 3511 AB", "Oudegracht 12 3511 AB".
POSTCODE = r"[1-9]\d{3}\s?(?!SA|SD|SS)[A-Za-z]{2}"
HOUSE_NUMBER = r"\d{1,5}(?:\s?[A-Za-z]{1,2}\b|-\d{1,4})?"
POSTCODE_WITH_NUMBER = re.compile(
    rf"\b{POSTCODE}\b[\s,]*(?:(?:huis)?nr\.?|nummer)?\s*{HOUSE_NUMBER}"
    rf"|\b{HOUSE_NUMBER}[\s,]+{POSTCODE}\b",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+\s?(?:@|\(at\)|\[at\])\s?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Dutch phone numbers: 06-12345678, 06 1234 5678, 030-1234567, 0031 6 12345678, +31 (0)6 12 34 56 78.
PHONE = re.compile(
    r"(?<![\d])(?:\+31|0031)\s?(?:\(0\))?[\s-]?[1-9](?:[\s-]?\d){8}(?!\d)|(?<![\d+])0[1-9](?:[\s-]?\d){8}(?!\d)"
)
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan", "january"),
            ("februari", "feb", "february"),
            ("maart", "mrt", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("augustus", "aug", "august"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?!\d)")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
WRITTEN_DATE = re.compile(
    r"(?<!\d)(\d{1,2})\s+(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{4})", re.I
)
BIRTH_WORDS = re.compile(r"\b(geb(?:oren|\.|oortedatum)?|geboortedag|dob|born|birth)\b", re.IGNORECASE)
# A full date this long ago or more is taken for a date of birth, with or without the word "geboren".
BIRTH_DATE_AGE = datetime.timedelta(days=366)


@dataclass(frozen=True)
class Finding:
    kind: str
    message: str


MESSAGES = {
    "bsn": _(
        "This text contains a BSN (citizen service number). Leave it out: the helpdesk must not be able to tell who "
        "the resident is."
    ),
    "postcode": _(
        "This text contains a postcode with a house number: that is an address. Name the neighbourhood instead, for "
        "example 'in Noord'."
    ),
    "email": _("This text contains an e-mail address. Leave it out: it can identify the resident."),
    "phone": _("This text contains a phone number. Leave it out: it can identify the resident."),
    "birth_date": _(
        "This text contains a date that looks like a date of birth. Give an age instead, for example 'about 40 "
        "years old'."
    ),
}


def _is_bsn(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    return len(digits) == 9 and stdnum_bsn.is_valid(digits)


def _dates(text: str) -> list[tuple[int, datetime.date]]:
    found: list[tuple[int, datetime.date]] = []
    for match in NUMERIC_DATE.finditer(text):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year += 1900 if year > timezone.localdate().year % 100 else 2000
        found.extend(_safe_date(match.start(), year, month, day))
    for match in ISO_DATE.finditer(text):
        year, month, day = (int(g) for g in match.groups())
        found.extend(_safe_date(match.start(), year, month, day))
    for match in WRITTEN_DATE.finditer(text):
        found.extend(
            _safe_date(match.start(), int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
        )
    return found


def _safe_date(position: int, year: int, month: int, day: int) -> list[tuple[int, datetime.date]]:
    try:
        return [(position, datetime.date(year, month, day))]
    except ValueError:
        return []


def _has_birth_date(text: str) -> bool:
    today = timezone.localdate()
    for position, day in _dates(text):
        if day <= today - BIRTH_DATE_AGE:
            return True
        if day <= today and BIRTH_WORDS.search(text[max(0, position - 30) : position]):
            return True
    return False


def findings(text: str) -> list[Finding]:
    """What in this text identifies a person, one finding per kind, in a fixed order."""
    if not text:
        return []
    kinds: list[str] = []
    if any(_is_bsn(m.group(1)) for m in BSN.finditer(text)):
        kinds.append("bsn")
    if POSTCODE_WITH_NUMBER.search(text):
        kinds.append("postcode")
    if EMAIL.search(text):
        kinds.append("email")
    if PHONE.search(text):
        kinds.append("phone")
    if _has_birth_date(text):
        kinds.append("birth_date")
    return [Finding(kind, str(MESSAGES[kind])) for kind in kinds]


def validate_no_identifiers(text: str) -> None:
    """A form field validator: raise one ValidationError with a Dutch message per kind of identifier found."""
    found = findings(text)
    if found:
        raise ValidationError([ValidationError(f.message, code=f.kind) for f in found])
