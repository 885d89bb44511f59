# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The case conference invitation: an e-mail with an iCalendar attachment, sent by a background task (django-tasks,
retried like the notification e-mails: eenplan.notifications.tasks).

Neither the mail nor the calendar entry holds personal data: no resident's name, no household, no reason and no
agenda. They say that there is a case conference, when and where, and (for professionals) where to log in.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task
from icalendar import Calendar, Event

from eenplan.notifications.tasks import retry_or_raise


def invitation_calendar(conference: object, *, summary: str, description: str) -> bytes:
    """An iCalendar (RFC 5545) request for one conference: time, place, video link; nothing about the household."""
    from eenplan.collaboration.models import CaseConference

    assert isinstance(conference, CaseConference)
    calendar = Calendar()
    calendar.add("prodid", "-//EenPlan//Casusoverleg//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", f"casusoverleg-{conference.pk}@eenplan")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", conference.starts_at.astimezone(datetime.UTC))
    event.add("dtend", conference.ends_at.astimezone(datetime.UTC))
    event.add("summary", summary)
    event.add("description", description)
    if conference.location:
        event.add("location", conference.location)
    if conference.video_link:
        event.add("url", conference.video_link)
    event.add("sequence", conference.version)
    calendar.add_component(event)
    return bytes(calendar.to_ical())


@task()
def send_conference_invitation(participant_id: int, attempt: int = 1) -> None:
    """E-mail one participant their invitation; a failure is retried with backoff (TASK_MAX_ATTEMPTS)."""
    try:
        _send(participant_id)
    except Exception as error:
        retry_or_raise(send_conference_invitation, attempt, error, participant_id)


def _send(participant_id: int) -> None:
    from eenplan.collaboration.models import ConferenceParticipant, ConferenceStatus

    participant = (
        ConferenceParticipant.objects.select_related("conference", "user", "resident", "network_member")
        .filter(pk=participant_id)
        .first()
    )
    if participant is None or not participant.email or participant.conference.status != ConferenceStatus.PLANNED:
        return
    if participant.user is not None and not participant.user.is_active:
        return
    conference = participant.conference
    with translation.override(settings.LANGUAGE_CODE):
        when = date_format(timezone.localtime(conference.starts_at), "DATETIME_FORMAT")
        lines = [
            _("You are invited to a case conference on %(when)s.") % {"when": when},
            _("Place: %(place)s") % {"place": conference.location} if conference.location else "",
            _("Video link: %(link)s") % {"link": conference.video_link} if conference.video_link else "",
        ]
        if participant.user is not None:
            link = settings.SITE_URL + reverse("collaboration:invitation", kwargs={"conference_pk": conference.pk})
            lines.append(_("Log in to EenPlan to see the agenda: %(link)s") % {"link": link})
        else:
            lines.append(
                _("Your coordinator will tell you more about the conference. You are welcome to bring someone.")
            )
        body = "\n\n".join(line for line in lines if line)
        summary = _("Case conference")
        mail = EmailMessage(
            subject=_("EenPlan: invitation to a case conference"),
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[participant.email],
        )
        mail.attach(
            "casusoverleg.ics",
            invitation_calendar(conference, summary=summary, description=body),
            "text/calendar; method=REQUEST; charset=utf-8",
        )
        mail.send()
