# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The path converter for database ids: `<id:pk>` matches only a number a 64-bit id column can hold."""

from __future__ import annotations

# The largest value of a BigAutoField (and of the access log's 64-bit id columns): a larger number names nothing.
MAX_ID = 2**63 - 1


class IdConverter:
    """Like Django's `<int:...>`, but a number beyond 64 bits (or of thousands of digits) does not match: 404.

    Only ASCII digits match (never "²" or other Unicode digits); 0 matches and simply names no row.
    """

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("beyond the largest database id")  # the resolver reads ValueError as "no match"
        return number

    def to_url(self, value: int | str) -> str:
        return str(value)
