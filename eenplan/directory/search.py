"""Searching the sociale kaart: PostgreSQL full-text search in the Dutch configuration, a plain fallback elsewhere.

The search vector is the same expression as the GIN index of migration 0002, so PostgreSQL uses the index.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from eenplan.directory.models import Service, ServiceStatus

SEARCH_FIELDS = ("name", "description", "target_group")


def search_vector() -> SearchVector:
    return SearchVector(*SEARCH_FIELDS, config="dutch")


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
    if domain:
        services = services.filter(domains__code=domain)
    if neighbourhood_id is not None:
        # A service without neighbourhoods serves the whole municipality.
        services = services.filter(Q(neighbourhoods__id=neighbourhood_id) | Q(neighbourhoods__isnull=True))
    if organisation_type:
        services = services.filter(organisation__type=organisation_type)
    query = query.strip()
    if not query:
        return services.distinct().order_by("name", "id")
    if connection.vendor == "postgresql":
        search = SearchQuery(query, config="dutch", search_type="websearch")
        # Match on the vector itself (uses the GIN index); ts_rank is only for ordering, it is never exactly 0.
        return (
            services.annotate(document=search_vector(), rank=SearchRank(search_vector(), search))
            .filter(Q(document=search) | Q(organisation__name__icontains=query))
            .distinct()
            .order_by("-rank", "name", "id")
        )
    for term in query.split():
        services = services.filter(
            Q(name__icontains=term)
            | Q(description__icontains=term)
            | Q(target_group__icontains=term)
            | Q(organisation__name__icontains=term)
        )
    return services.distinct().order_by("name", "id")
