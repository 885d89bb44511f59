# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The identifiers and taxonomies EenPlan uses in HSDS 3.0 documents (see docs/hsds.md, "Identifiers" and "Mapping").

Organisations have no identifier of their own in EenPlan, so their HSDS ``id`` is derived: a UUID 5 of a fixed
namespace and the organisation's name. All other derived ids (phones, schedules, areas, attributes, terms) are UUID 5
too, so exporting the same directory twice gives the same document.

EenPlan's own data without an HSDS field (life domains, kind of organisation, target group, response and waiting
time, a contact person's neighbourhoods) travels as HSDS attributes: a term of one of EenPlan's taxonomies below.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from eenplan.accounts.models import OrganisationType
from eenplan.domains import LifeDomain

NAMESPACE = uuid.UUID("5cdaeb3f-43fa-4f3f-8b77-b8657362200f")
HSDS_VERSION = "3.0"


def derived_id(*parts: str) -> str:
    """A stable UUID for something that has no identifier of its own in EenPlan."""
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


def organisation_uid(name: str) -> str:
    """The HSDS id of an organisation: stable as long as its name stays the same."""
    return derived_id("organisation", name)


@dataclass(frozen=True)
class Taxonomy:
    key: str
    description: str

    @property
    def id(self) -> str:
        return derived_id("taxonomy", self.key)

    def term_id(self, code: str) -> str:
        return derived_id("taxonomy_term", self.key, code)


LIFE_DOMAINS = Taxonomy(
    "eenplan-leefgebieden", "De leefgebieden (Zelfredzaamheid-Matrix) waarop een dienst van de sociale kaart werkt."
)
ORGANISATION_TYPES = Taxonomy("eenplan-organisatiesoorten", "De soort organisatie op de sociale kaart van EenPlan.")
SERVICE_PROPERTIES = Taxonomy(
    "eenplan-dienstkenmerken",
    "Gegevens van een dienst in EenPlan waarvoor HSDS 3.0 geen eigen veld heeft; de waarde staat in value.",
)
NEIGHBOURHOODS = Taxonomy("eenplan-wijken", "De wijken van de gemeente waarvoor een contactpersoon werkt.")
TAXONOMIES = {t.key: t for t in (LIFE_DOMAINS, ORGANISATION_TYPES, SERVICE_PROPERTIES, NEIGHBOURHOODS)}
TAXONOMY_BY_ID = {t.id: t.key for t in TAXONOMIES.values()}

TARGET_GROUP = "doelgroep"
RESPONSE_DAYS = "reactietermijn-dagen"
WAITING_DAYS = "wachttijd-dagen"
PROPERTY_TERMS = {
    TARGET_GROUP: ("Doelgroep", "Voor wie de dienst bedoeld is (vrije tekst)."),
    RESPONSE_DAYS: ("Reactietermijn (dagen)", "Binnen hoeveel dagen de dienst op een verwijzing reageert."),
    WAITING_DAYS: ("Wachttijd (dagen)", "Hoeveel dagen een inwoner nu wacht voordat de hulp begint."),
}

# Our terms by id, for an attribute that gives only its taxonomy_term_id (no embedded taxonomy_term).
TERM_BY_ID: dict[str, tuple[str, str]] = {
    **{LIFE_DOMAINS.term_id(c): (LIFE_DOMAINS.key, c) for c in LifeDomain.values},
    **{ORGANISATION_TYPES.term_id(c): (ORGANISATION_TYPES.key, c) for c in OrganisationType.values},
    **{SERVICE_PROPERTIES.term_id(c): (SERVICE_PROPERTIES.key, c) for c in PROPERTY_TERMS},
}


def attribute(
    taxonomy: Taxonomy, code: str, name: str, description: str, *, link_entity: str, link_id: str, value: str = ""
) -> dict[str, Any]:
    """An HSDS attribute: the term `code` of our `taxonomy` applied to an object, with the term embedded."""
    attribute: dict[str, Any] = {
        "id": derived_id("attribute", link_entity, link_id, taxonomy.key, code),
        "link_id": link_id,
        "link_entity": link_entity,
        "taxonomy_term_id": taxonomy.term_id(code),
        "taxonomy_term": {
            "id": taxonomy.term_id(code),
            "code": code,
            "name": name,
            "description": description,
            "taxonomy": taxonomy.key,
            "taxonomy_id": taxonomy.id,
            "language": "nl",
            "taxonomy_detail": {
                "id": taxonomy.id,
                "name": taxonomy.key,
                "description": taxonomy.description,
                "version": "1",
            },
        },
    }
    if value:
        attribute["value"] = value
    return attribute
