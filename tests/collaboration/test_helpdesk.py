# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The advice helpdesk: de-identified questions only, an expert pool per topic, the answer back to the asker, and
publication to the knowledge base after the expert's review."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from eenplan.collaboration import deidentify
from eenplan.collaboration.models import HelpdeskQuestion, HelpdeskTopic, QuestionStatus
from eenplan.notifications.models import Notification
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

IDENTIFYING = {
    "bsn": "Moeder heeft BSN 999990019 en een schuld bij de Belastingdienst.",
    "postcode": "Het gezin woont op 3511 AB 12 en heeft een huurachterstand.",
    "email": "Ze mailt vanaf moeder.devries@example.nl over de schulden.",
    "phone": "Bereikbaar op 06-12345678, schulden bij drie schuldeisers.",
    "birth_date": "Vader, geboren 03-02-1985, heeft een schuld bij het CJIB.",
}


def reason_shown(kind: str) -> str:
    """The form's message for this kind, as the Dutch page shows it (Dutch once the catalogue has it)."""
    with translation.override("nl"):
        return escape(str(deidentify.MESSAGES[kind]))


def ask(client, text: str, title: str = "Schulden en toeslagen"):
    return client.post(
        reverse("collaboration:question_add"),
        {"topic": HelpdeskTopic.objects.get(code="schulden").pk, "title": title, "question": text},
    )


@pytest.mark.parametrize("kind", sorted(IDENTIFYING))
def test_a_question_that_identifies_a_resident_is_refused_with_the_reason_and_nothing_is_stored(verified_client, kind):
    response = ask(verified_client, IDENTIFYING[kind])
    assert response.status_code == 400
    assert reason_shown(kind) in response.content.decode()
    assert not HelpdeskQuestion.objects.exists()
    assert not Notification.objects.exists()


def test_an_identifying_title_is_refused_too(verified_client):
    response = ask(verified_client, "Hoe zit het met de kwijtschelding?", title="Mail jan@example.nl")
    assert response.status_code == 400
    assert not HelpdeskQuestion.objects.exists()


def test_a_de_identified_question_goes_to_the_experts_of_its_topic_with_a_deadline(verified_client, professional):
    expert = factories.wijkteam_member()
    HelpdeskTopic.objects.get(code="schulden").experts.add(expert)
    response = ask(verified_client, "Een moeder van ongeveer 40 met drie schuldeisers: kan zij in de WSNP?")
    question = HelpdeskQuestion.objects.get()
    assert response.status_code == 302
    assert question.status == QuestionStatus.WAITING and question.asked_by == professional
    assert question.answer_by > question.asked_at
    assert Notification.objects.filter(user=expert).count() == 1


def _asked(asker, topic_code: str = "schulden") -> HelpdeskQuestion:
    from eenplan.collaboration import services

    return services.ask(
        HelpdeskTopic.objects.get(code=topic_code), by=asker, title="WSNP", question="Kan een moeder van 40 in de WSNP?"
    )


def test_an_expert_answers_and_the_answer_returns_to_the_asker(client, professional):
    expert = factories.wijkteam_member()
    HelpdeskTopic.objects.get(code="schulden").experts.add(expert)
    question = _asked(professional)
    login_verified(client, expert)
    response = client.post(
        reverse("collaboration:question", kwargs={"question_pk": question.pk}),
        {"answer": "Ja, als minnelijk traject is mislukt. Vraag de schuldhulp om een verklaring.", "version": 1},
    )
    question.refresh_from_db()
    assert response.status_code == 302 and question.status == QuestionStatus.ANSWERED
    assert Notification.objects.filter(user=professional).count() == 1


def test_an_expert_of_another_topic_can_neither_read_nor_answer(client, professional):
    other_expert = factories.wijkteam_member()
    HelpdeskTopic.objects.get(code="wonen").experts.add(other_expert)
    question = _asked(professional)
    login_verified(client, other_expert)
    url = reverse("collaboration:question", kwargs={"question_pk": question.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, {"answer": "Nee", "version": 1}).status_code == 403
    question.refresh_from_db()
    assert question.answer == ""


def test_publishing_needs_the_experts_review_and_then_every_professional_finds_it(client, professional):
    from eenplan.collaboration import services

    expert = factories.wijkteam_member()
    HelpdeskTopic.objects.get(code="schulden").experts.add(expert)
    question = services.answer(_asked(professional), by=expert, text="Ja, na een mislukt minnelijk traject.")
    login_verified(client, expert)
    url = reverse("collaboration:question_publish", kwargs={"question_pk": question.pk})
    data = {"title": "WSNP na minnelijk traject", "question": question.question, "answer": question.answer}
    unreviewed = client.post(url, {**data, "version": question.version})
    assert unreviewed.status_code == 400
    client.post(url, {**data, "reviewed": "on", "version": question.version})
    question.refresh_from_db()
    assert question.status == QuestionStatus.PUBLISHED
    reader = login_verified(client.__class__(), factories.wijkteam_member())
    found = reader.get(reverse("collaboration:knowledge_base"), {"q": "minnelijk"})
    assert "WSNP na minnelijk traject" in found.content.decode()


def test_publishing_refuses_an_answer_that_identifies_someone(client, professional):
    from eenplan.collaboration import services

    expert = factories.wijkteam_member()
    HelpdeskTopic.objects.get(code="schulden").experts.add(expert)
    question = services.answer(_asked(professional), by=expert, text="Ja.")
    login_verified(client, expert)
    response = client.post(
        reverse("collaboration:question_publish", kwargs={"question_pk": question.pk}),
        {"title": "WSNP", "question": question.question, "answer": "Bel 06-12345678", "reviewed": "on", "version": 2},
    )
    question.refresh_from_db()
    assert response.status_code == 400 and question.status == QuestionStatus.ANSWERED


def test_the_knowledge_base_takes_the_same_number_of_queries_for_more_entries(
    verified_client, professional, queries_of
):
    from eenplan.collaboration import services

    expert = factories.wijkteam_member()
    HelpdeskTopic.objects.get(code="schulden").experts.add(expert)

    def publish_one() -> None:
        q = services.answer(_asked(professional), by=expert, text="Ja.")
        services.publish(q, by=expert, title=q.title, text=q.question, answer_text=q.answer)

    publish_one()
    few = queries_of(verified_client, reverse("collaboration:knowledge_base"))
    for _ in range(4):
        publish_one()
    assert queries_of(verified_client, reverse("collaboration:knowledge_base")) == few


def test_the_helpdesk_page_takes_the_same_number_of_queries_for_more_questions(
    verified_client, professional, queries_of
):
    HelpdeskTopic.objects.get(code="schulden").experts.add(professional)
    _asked(professional)
    few = queries_of(verified_client, reverse("collaboration:helpdesk"))
    for _ in range(4):
        _asked(professional)
    assert queries_of(verified_client, reverse("collaboration:helpdesk")) == few
