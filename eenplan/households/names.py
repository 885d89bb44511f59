# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Dutch family names with a *tussenvoegsel* (van, van den, de, 't, ...): how lists sort and search them.

A Dutch list sorts "van Baalen" under B: on the main part of the family name, with the tussenvoegsel after it
("Baalen, van"). People search either way, so "Baalen, van" and "van Baalen" find the same household.
"""

from __future__ import annotations

# Longest first, so "van der" is taken before "van". Lower case; a name is compared in lower case.
TUSSENVOEGSELS = sorted(
    {
        "van",
        "van de",
        "van den",
        "van der",
        "van het",
        "van 't",
        "de",
        "den",
        "der",
        "het",
        "'t",
        "te",
        "ten",
        "ter",
        "in 't",
        "in de",
        "in den",
        "in het",
        "op de",
        "op den",
        "op 't",
        "uit de",
        "uit den",
        "uit het",
        "d'",
        "van de la",
        "la",
        "le",
        "du",
        "da",
        "di",
        "von",
        "zum",
    },
    key=lambda prefix: (-len(prefix), prefix),
)


def split_family_name(name: str) -> tuple[str, str]:
    """("van der", "Berg") for "van der Berg"; ("", "Jansen") for "Jansen". A name that is only a tussenvoegsel
    ("Van") is its own main part."""
    clean = " ".join(name.split())
    lower = clean.lower()
    for prefix in TUSSENVOEGSELS:
        if lower.startswith(prefix + " ") and len(clean) > len(prefix) + 1:
            return clean[: len(prefix)], clean[len(prefix) + 1 :]
    return "", clean


def sort_key(name: str) -> str:
    """The key a Dutch list sorts a family name by: "baalen, van" for "van Baalen"; "jansen" for "Jansen"."""
    prefix, main = split_family_name(name)
    return f"{main}, {prefix}".lower() if prefix else main.lower()


def search_forms(query: str) -> tuple[str, str, str] | None:
    """A name typed with its tussenvoegsel in either order, as (the name as shown, tussenvoegsel, main part):
    "Baalen, van" and "van Baalen" both give ("van Baalen", "van", "Baalen"). None for a name without one."""
    clean = " ".join(query.split())
    if "," in clean:
        main, _comma, prefix = (part.strip() for part in clean.partition(","))
        if main and prefix.lower() in TUSSENVOEGSELS:
            return f"{prefix} {main}", prefix, main
        return None
    prefix, main = split_family_name(clean)
    return (clean, prefix, main) if prefix else None
