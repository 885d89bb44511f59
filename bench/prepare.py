# Run by bench/run.py through `manage.py shell -c`: sessions for realistic roles and the URLs of each page.
import json
import random

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django_otp.plugins.otp_totp.models import TOTPDevice

from eenplan.access.models import AccessLogEntry
from eenplan.accounts.models import User
from eenplan.households.models import Household
from eenplan.plans.models import Action
from eenplan.referrals.models import Referral

rng = random.Random(11)


def cookie(email):
    user = User.objects.get(email=email)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session["otp_device_id"] = TOTPDevice.objects.filter(user=user).first().persistent_id
    session.set_expiry(3600 * 6)
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}", user


regisseur_cookie, regisseur = cookie("regisseur@demo.eenplan.nl")
partner_cookie, partner = cookie("partner@demo.eenplan.nl")
team_ids = [m.team_id for m in regisseur.active_memberships()]
own = list(Household.objects.filter(owning_team_id__in=team_ids).values_list("id", flat=True)[:2000])
planned = list(
    Household.objects.filter(owning_team_id__in=team_ids, plans__is_active=True).values_list("id", flat=True)[:2000]
)
pages = {
    "floor (minimal page)": {"cookie": regisseur_cookie, "urls": ["/ping/"]},
    "floor with layout": {"cookie": regisseur_cookie, "urls": ["/ping/?opmaak=1"]},
    "caseload list": {"cookie": regisseur_cookie, "urls": ["/huishoudens/", "/huishoudens/?pagina=2", "/"]},
    "household page": {
        "cookie": regisseur_cookie,
        "urls": [f"/huishoudens/{pk}/" for pk in rng.sample(own, min(200, len(own)))],
    },
    "plan page": {
        "cookie": regisseur_cookie,
        "urls": [f"/huishoudens/{pk}/plan/" for pk in rng.sample(planned, min(200, len(planned)))],
    },
    "directory search": {
        "cookie": regisseur_cookie,
        "urls": [
            "/sociale-kaart/?q=schulden",
            "/sociale-kaart/?q=huur",
            "/sociale-kaart/?leefgebied=financien",
            "/sociale-kaart/?q=opvoeden+ouders",
        ],
    },
    "referral inbox": {"cookie": partner_cookie, "urls": ["/verwijzingen/", "/verwijzingen/?pagina=2"]},
}
counts = {
    "households": Household.objects.count(),
    "actions": Action.objects.count(),
    "referrals": Referral.objects.count(),
    "access_log_entries": AccessLogEntry.objects.count(),
}
print(json.dumps({"pages": pages, "counts": counts}))
