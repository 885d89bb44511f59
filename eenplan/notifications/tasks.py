"""Background work for notifications (django-tasks; the database backend runs it in `manage.py db_worker`)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task


@task()
def send_notification_email(notification_id: int) -> None:
    """E-mail that there is a notification, with a link. Never the message itself: it stays behind the login."""
    from eenplan.notifications.models import Notification

    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or not notification.user.email or not notification.user.is_active:
        return
    with translation.override(settings.LANGUAGE_CODE):
        link = f"{settings.SITE_URL}{notification.link or '/meldingen/'}"
        send_mail(
            subject=_("EenPlan: you have a new notification"),
            message=_("There is a new notification for you in EenPlan. Log in to read it:\n\n%(link)s")
            % {"link": link},
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[notification.user.email],
        )
