# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Load the default instrument: the Zelfredzaamheid-Matrix's 13 domain names and 5 level labels.

Only names and labels with short descriptions in our own words; the ZRM's criteria texts are copyrighted by
GGD Amsterdam and are not included (see docs/assessments.md).
"""

from django.db import migrations

DOMAINS = [
    ("financien", "Financiën", "Inkomen, vaste lasten, schulden en omgaan met geld.", "financien", "financien"),
    ("werk_opleiding", "Werk & opleiding", "Betaald werk, school of opleiding.", "werk_inkomen", "werk_opleiding"),
    ("tijdsbesteding", "Tijdsbesteding", "Een zinvolle invulling van de dag.", "basis", "tijdsbesteding"),
    ("huisvesting", "Huisvesting", "Een veilige, betaalbare en passende woning.", "wonen", "huisvesting"),
    ("huiselijke_relaties", "Huiselijke relaties", "Hoe het gaat in het gezin en thuis.", "gezin_opvoeding", "huiselijke_relaties"),
    ("geestelijke_gezondheid", "Geestelijke gezondheid", "Hoe iemand zich psychisch voelt.", "gezondheid", "geestelijke_gezondheid"),
    ("lichamelijke_gezondheid", "Lichamelijke gezondheid", "Ziekte, beperking en lichamelijke klachten.", "gezondheid", "lichamelijke_gezondheid"),
    ("middelengebruik", "Middelengebruik", "Alcohol, drugs, medicijnen en gokken.", "gezondheid", "middelengebruik"),
    ("basale_adl", "Basale ADL", "Zelf eten, wassen, aankleden en naar het toilet gaan.", "gezondheid", "basale_adl"),
    ("instrumentele_adl", "Instrumentele ADL", "Huishouden, boodschappen, post en afspraken regelen.", "basis", "instrumentele_adl"),
    ("sociaal_netwerk", "Sociaal netwerk", "Mensen om op terug te vallen.", "basis", "sociaal_netwerk"),
    ("participatie", "Maatschappelijke participatie", "Meedoen in de buurt en de samenleving.", "werk_inkomen", "participatie"),
    ("justitie", "Justitie", "Contact met politie en justitie.", "justitie_veiligheid", "justitie"),
]
LEVELS = [
    (1, "Acute problematiek", "Er is nu direct hulp nodig."),
    (2, "Niet zelfredzaam", "Het lukt niet zonder flinke hulp."),
    (3, "Beperkt zelfredzaam", "Het lukt deels, met wat hulp."),
    (4, "Voldoende zelfredzaam", "Het lukt, soms met wat steun van anderen."),
    (5, "Volledig zelfredzaam", "Het lukt helemaal zelf."),
]


def load(apps, schema_editor):
    Instrument = apps.get_model("assessments", "Instrument")
    InstrumentDomain = apps.get_model("assessments", "InstrumentDomain")
    ScaleLevel = apps.get_model("assessments", "ScaleLevel")
    InformationCategory = apps.get_model("access", "InformationCategory")
    categories = {c.code: c for c in InformationCategory.objects.all()}
    instrument, _ = Instrument.objects.update_or_create(
        code="zrm",
        defaults={
            "name": "Zelfredzaamheid-Matrix",
            "description": "De 13 leefgebieden van de Zelfredzaamheid-Matrix op een vijfpuntsschaal. "
            "Voor de volledige criteria is toestemming van GGD Amsterdam nodig.",
            "is_default": True,
        },
    )
    for position, (code, name, description, category, life_domain) in enumerate(DOMAINS):
        InstrumentDomain.objects.update_or_create(
            instrument=instrument,
            code=code,
            defaults={
                "name": name,
                "description": description,
                "position": position,
                "category": categories[category],
                "life_domain": life_domain,
            },
        )
    for value, label, description in LEVELS:
        ScaleLevel.objects.update_or_create(
            instrument=instrument, value=value, defaults={"label": label, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial"), ("access", "0002_information_categories_and_log_protection")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
