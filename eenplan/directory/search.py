# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Searching the sociale kaart.

On PostgreSQL every service carries a stored search document (`directory_service.search_document`, migration
0004): the Dutch full-text vector of its name, target group, organisation name and description, kept up to date by
triggers and served by a GIN index, so no query computes a vector per row. A query word matches

- its Dutch stem or any word starting with it ("schulden" → schuld… finds "Schuldhulpverlening"; "schuldh" finds
  "schuldhulp": prefix search while typing), and
- when the sociale kaart knows no word starting with it, the words most like it ("schuldhlp" → "schuldhulp"): a
  trigram similarity search in the table of known words (`directory_search_word`, pg_trgm).

All words of the query must match (AND); results are ranked by `ts_rank` (a match in the name counts most).

SQLite (development, tests) has no stored document: there every word must occur, in any case, in the name,
description, target group or organisation name (a plain, unindexed fallback for small directories).
"""

from __future__ import annotations

import re

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BooleanField, Exists, FloatField, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property

from eenplan.directory.models import Service, ServiceDomain, ServiceStatus

MAX_TERMS = 8
COUNT_CAP = 500  # results counted at most (the page says "more than 500")
MAX_TERM_LENGTH = 60
CORRECTIONS_PER_TERM = 3
MIN_SIMILARITY = 0.45  # trigram similarity of a correction: "schuldhlp" ~ "schuldhulp" is 0.67
WORD = re.compile(r"[^\W_]+")

# One round trip for all query words: each word's Dutch stems, whether the sociale kaart knows a word starting with
# the stem or with the word itself, and for an unknown word the stems of the known words most like it (as written
# or as stem) that a service still has.
# Ranges (`>= x AND < x || U+10FFFF`) on the "C"-collated primary key are index scans, unlike LIKE with a parameter.
ANALYSE_TERMS = """
WITH term AS (
    SELECT t.word, t.position,
           ARRAY(SELECT lexeme FROM unnest(to_tsvector('dutch', t.word))) AS stems
    FROM unnest(%s::text[]) WITH ORDINALITY AS t(word, position)
), known AS (
    SELECT term.*, EXISTS (
        SELECT 1 FROM directory_search_word w, unnest(array_append(term.stems, term.word)) AS start(prefix)
        WHERE w.word >= start.prefix AND w.word < start.prefix || chr(1114111)
    ) AS is_known
    FROM term
)
SELECT known.word, known.stems, ARRAY(
    SELECT DISTINCT stem.lexeme
    FROM (
        SELECT w.word FROM directory_search_word w
        WHERE NOT known.is_known AND w.word %% known.word AND similarity(w.word, known.word) >= %s
        ORDER BY similarity(w.word, known.word) DESC, w.word
        LIMIT %s
    ) AS candidate, unnest(to_tsvector('dutch', candidate.word)) AS stem
    WHERE EXISTS (
        SELECT 1 FROM directory_service s WHERE s.search_document @@ to_tsquery('simple', quote_literal(stem.lexeme))
    )
) AS corrections
FROM known ORDER BY known.position
"""


class CappedPaginator(Paginator):
    """A paginator that counts at most COUNT_CAP + 1 results: a broad word ("hulp") or a filter without words does
    not make the database count every match; the page says "more than 500" and offers the first pages."""

    @cached_property
    def count(self) -> int:
        found: int = self.object_list.order_by()[: COUNT_CAP + 1].count()  # type: ignore[attr-defined]
        return found

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


def query_terms(query: str) -> list[str]:
    """The words of a query as a user typed them: letters and digits, lower case, at most eight."""
    return [word[:MAX_TERM_LENGTH] for word in WORD.findall(query.lower())][:MAX_TERMS]


def _lexeme(word: str) -> str:
    """A word as a quoted lexeme of to_tsquery's syntax (words are letters and digits; quotes doubled anyway)."""
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "'"


def postgres_tsquery(terms: list[str]) -> str:
    """The to_tsquery('simple', …) text for the words: per word its stems and the word as prefixes, or its
    corrections when the sociale kaart knows no word starting with it; all words must match."""
    with connection.cursor() as cursor:
        cursor.execute(ANALYSE_TERMS, [terms, MIN_SIMILARITY, CORRECTIONS_PER_TERM])
        rows = cursor.fetchall()
    parts = []
    for word, stems, corrections in rows:
        if not stems:  # a Dutch stop word ("de", "en", "voor"): it would match nearly everything
            continue
        alternatives = {f"{_lexeme(stem)}:*" for stem in stems} | {f"{_lexeme(word)}:*"}
        alternatives |= {f"{_lexeme(correction)}:*" for correction in corrections}  # as if typed right
        parts.append("(" + " | ".join(sorted(alternatives)) + ")")
    return " & ".join(parts)


def search_services(
    query: str = "",
    *,
    domain: str = "",
    neighbourhood_id: int | None = None,
    organisation_type: str = "",
    include_inactive: bool = False,
) -> QuerySet[Service]:
    services = Service.objects.select_related("organisation")
    if not include_inactive:
        services = services.filter(status=ServiceStatus.ACTIVE)
    # Filters on related rows as EXISTS, so a service is listed once without DISTINCT over the whole result.
    if domain:
        services = services.filter(Exists(ServiceDomain.objects.filter(service=OuterRef("pk"), code=domain)))
    if neighbourhood_id is not None:
        served = Service.neighbourhoods.through.objects.filter(service_id=OuterRef("pk"))
        # A service without neighbourhoods serves the whole municipality.
        services = services.filter(Exists(served.filter(neighbourhood_id=neighbourhood_id)) | ~Exists(served))
    if organisation_type:
        services = services.filter(organisation__type=organisation_type)
    terms = query_terms(query)
    if not query.strip():
        return services.order_by("name", "id")
    if not terms:
        return services.none()
    if connection.vendor == "postgresql":
        tsquery = postgres_tsquery(terms)
        if not tsquery:  # only stop words
            return services.none()
        return (
            services.filter(
                RawSQL(
                    "directory_service.search_document @@ to_tsquery('simple', %s)",
                    [tsquery],
                    output_field=BooleanField(),
                )
            )
            .annotate(
                rank=RawSQL(
                    "ts_rank(directory_service.search_document, to_tsquery('simple', %s))",
                    [tsquery],
                    output_field=FloatField(),
                )
            )
            .order_by("-rank", "name", "id")
        )
    for term in terms:
        services = services.filter(
            Q(name__icontains=term)
            | Q(description__icontains=term)
            | Q(target_group__icontains=term)
            | Q(organisation__name__icontains=term)
        )
    return services.order_by("name", "id")
