# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The Zelfredzaamheid-Matrix's resident version: the same 13 domains (same codes and categories), each as a
question in plain Dutch (B1), and the 5 levels in the resident's own voice. Our own words (docs/assessments.md)."""

from django.db import migrations

QUESTIONS = {
    "financien": ("Geld", "Hoe gaat het met uw geld? Denk aan inkomen, rekeningen en schulden."),
    "werk_opleiding": ("Werk en school", "Hoe gaat het met werk, school of een opleiding?"),
    "tijdsbesteding": ("Uw dag", "Heeft u genoeg te doen op een dag, dat u fijn of nuttig vindt?"),
    "huisvesting": ("Wonen", "Hoe gaat het met uw huis? Is het veilig, betaalbaar en past het bij u?"),
    "huiselijke_relaties": ("Thuis", "Hoe gaat het thuis, met de mensen met wie u woont?"),
    "geestelijke_gezondheid": ("Hoe u zich voelt", "Hoe voelt u zich? Denk aan zorgen, stress of somber zijn."),
    "lichamelijke_gezondheid": ("Uw lichaam", "Hoe gaat het met uw gezondheid? Denk aan ziekte, pijn of een beperking."),
    "middelengebruik": ("Alcohol, drugs en gokken", "Heeft u last van alcohol, drugs, medicijnen of gokken?"),
    "basale_adl": ("Voor uzelf zorgen", "Lukt het om zelf te eten, te wassen, u aan te kleden en naar de wc te gaan?"),
    "instrumentele_adl": ("Het huishouden", "Lukt het huishouden? Denk aan boodschappen, post en afspraken."),
    "sociaal_netwerk": ("Mensen om u heen", "Heeft u mensen die u kunt vragen om hulp?"),
    "participatie": ("Meedoen", "Doet u mee in de buurt of de samenleving, zoals u dat wilt?"),
    "justitie": ("Politie en justitie", "Heeft u te maken met politie of justitie?"),
}
LEVELS = [
    (1, "Het gaat heel slecht", "Ik heb nu meteen hulp nodig."),
    (2, "Het gaat slecht", "Het lukt me niet zonder veel hulp."),
    (3, "Het gaat een beetje", "Het lukt me voor een deel. Ik heb wat hulp nodig."),
    (4, "Het gaat goed", "Het lukt me. Soms helpt iemand mij een beetje."),
    (5, "Het gaat heel goed", "Het lukt me helemaal zelf."),
]


def load(apps, schema_editor):
    Instrument = apps.get_model("assessments", "Instrument")
    InstrumentDomain = apps.get_model("assessments", "InstrumentDomain")
    ScaleLevel = apps.get_model("assessments", "ScaleLevel")
    zrm = Instrument.objects.filter(code="zrm").first()
    if zrm is None:
        return
    version, _ = Instrument.objects.update_or_create(
        code="zrm-inwoner",
        defaults={
            "name": "Zelfredzaamheid-Matrix (inwonerversie)",
            "description": "Dezelfde 13 leefgebieden, als vragen in eenvoudige taal. De inwoner vult deze zelf in.",
            "is_default": False,
            "resident_version_of": zrm,
        },
    )
    for domain in InstrumentDomain.objects.filter(instrument=zrm):
        name, question = QUESTIONS.get(domain.code, (domain.name, domain.description))
        InstrumentDomain.objects.update_or_create(
            instrument=version,
            code=domain.code,
            defaults={
                "name": name,
                "description": question,
                "position": domain.position,
                "category_id": domain.category_id,
                "life_domain": domain.life_domain,
            },
        )
    for value, label, description in LEVELS:
        ScaleLevel.objects.update_or_create(
            instrument=version, value=value, defaults={"label": label, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0004_resident_version")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
