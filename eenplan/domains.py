# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Life domains (*leefgebieden*): the shared vocabulary of goals, services and assessments.

The names follow the 13 domains of the Zelfredzaamheid-Matrix (DESIGN.md §3). Plain data shared by apps that may
not import each other (the sociale kaart holds no resident data and imports no household app).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LifeDomain(models.TextChoices):
    FINANCIEN = "financien", _("Finances")
    WERK_OPLEIDING = "werk_opleiding", _("Work and education")
    TIJDSBESTEDING = "tijdsbesteding", _("Use of time")
    HUISVESTING = "huisvesting", _("Housing")
    HUISELIJKE_RELATIES = "huiselijke_relaties", _("Domestic relationships")
    GEESTELIJKE_GEZONDHEID = "geestelijke_gezondheid", _("Mental health")
    LICHAMELIJKE_GEZONDHEID = "lichamelijke_gezondheid", _("Physical health")
    MIDDELENGEBRUIK = "middelengebruik", _("Substance use")
    BASALE_ADL = "basale_adl", _("Basic daily living")
    INSTRUMENTELE_ADL = "instrumentele_adl", _("Instrumental daily living")
    SOCIAAL_NETWERK = "sociaal_netwerk", _("Social network")
    MAATSCHAPPELIJKE_PARTICIPATIE = "participatie", _("Participation in society")
    JUSTITIE = "justitie", _("Justice")


DEFAULT_CATEGORY = {
    LifeDomain.FINANCIEN: "financien",
    LifeDomain.WERK_OPLEIDING: "werk_inkomen",
    LifeDomain.TIJDSBESTEDING: "basis",
    LifeDomain.HUISVESTING: "wonen",
    LifeDomain.HUISELIJKE_RELATIES: "gezin_opvoeding",
    LifeDomain.GEESTELIJKE_GEZONDHEID: "gezondheid",
    LifeDomain.LICHAMELIJKE_GEZONDHEID: "gezondheid",
    LifeDomain.MIDDELENGEBRUIK: "gezondheid",
    LifeDomain.BASALE_ADL: "gezondheid",
    LifeDomain.INSTRUMENTELE_ADL: "basis",
    LifeDomain.SOCIAAL_NETWERK: "basis",
    LifeDomain.MAATSCHAPPELIJKE_PARTICIPATIE: "werk_inkomen",
    LifeDomain.JUSTITIE: "justitie_veiligheid",
}
