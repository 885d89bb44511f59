# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
# Run by bench/run.py through `manage.py shell -c`: sessions for realistic roles and the URLs of each page.
import json
import random

from django.apps import apps
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.urls import Resolver404, resolve
from django_otp.plugins.otp_totp.models import TOTPDevice

from eenplan.access.models import AccessLogEntry, Consent
from eenplan.accounts.models import Organisation, User
from eenplan.assessments.models import Assessment
from eenplan.budget.models import NeighbourhoodBudget
from eenplan.directory.models import Service
from eenplan.households.models import Household, Resident
from eenplan.intake.models import Intake, IntakeRequest
from eenplan.plans.models import Action, Goal, Plan
from eenplan.referrals.models import Referral, ReferralEvent

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
team_leader_cookie, _ = cookie("teamleider@demo.eenplan.nl")
policy_cookie, _ = cookie("beleid@demo.eenplan.nl")
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
    # The wijkbudget (docs/budget.md): the team leader's list and overviews of the team's budgets, and the approvals.
    "wijkbudget overview": {
        "cookie": team_leader_cookie,
        "urls": ["/wijkbudget/"]
        + [
            f"/wijkbudget/{pk}/"
            for pk in NeighbourhoodBudget.objects.filter(team_id__in=team_ids).values_list("pk", flat=True)
        ],
    },
    "wijkbudget approvals": {"cookie": team_leader_cookie, "urls": ["/wijkbudget/beslissen/"]},
    # Working together (docs/collaboration.md): a household's conferences and escalations, the helpdesk and the
    # knowledge base, the team leader's view and the barriers counted for the policy officer.
    "household working together": {
        "cookie": regisseur_cookie,
        "urls": [f"/huishoudens/{pk}/samenwerken/" for pk in rng.sample(planned, min(200, len(planned)))],
    },
    "helpdesk and knowledge base": {
        "cookie": regisseur_cookie,
        "urls": ["/vraagbaak/", "/kennisbank/", "/kennisbank/?q=schulden"],
    },
    "team leader's view": {"cookie": team_leader_cookie, "urls": ["/samenwerken/team/"]},
    "escalations to decide": {"cookie": team_leader_cookie, "urls": ["/opschalingen/"]},
    "barriers list": {"cookie": regisseur_cookie, "urls": ["/knelpunten/"]},
    "barriers overview": {"cookie": policy_cookie, "urls": ["/knelpunten/overzicht/"]},
    "household wijkbudget": {
        "cookie": regisseur_cookie,
        "urls": [f"/huishoudens/{pk}/wijkbudget/" for pk in rng.sample(planned, min(50, len(planned)))],
    },
    # The public HSDS 3.0 API of the sociale kaart (docs/api.md): no session needed, the cookie is ignored.
    "HSDS API services": {"cookie": partner_cookie, "urls": ["/hsds/services", "/hsds/services?page=2&per_page=25"]},
    # Reports (docs/reports.md): dashboards, budget 300 ms. The outcomes read the nightly summary, computed here once.
    "team dashboard": {"cookie": team_leader_cookie, "urls": ["/rapportages/team/", "/rapportages/team/?periode=3m"]},
    "outcomes": {
        "cookie": policy_cookie,
        "urls": [
            "/rapportages/uitkomsten/",
            "/rapportages/uitkomsten/?periode=alles",
            "/rapportages/uitkomsten/?periode=3m",
        ],
    },
}
if apps.is_installed("eenplan.reports"):
    from eenplan.reports.summary import latest_run, refresh

    if latest_run() is None:
        refresh()
SEARCHES = [
    "/sociale-kaart/?q=schulden",
    "/sociale-kaart/?q=huur",
    "/sociale-kaart/?leefgebied=financien",
    "/sociale-kaart/?q=opvoeden+ouders",
    "/sociale-kaart/?q=schuldhlp",
    "/sociale-kaart/?q=schuldh",
]
# The Locust load (bench/locustfile.py): per role a session and its pages, each with a weight (how often a user of
# that role opens it among their other pages). The weights of the roles say how many of the users have that role.
# Team leaders and policy officers have no start page of their own: "/" sends them on (access.policy.start_page).
# The resident's role is added below when the portal (eenplan/portal) is installed.
roles = {
    "regisseur": {
        "weight": 6,
        "cookie": regisseur_cookie,
        "pages": {
            "caseload list": {"weight": 3, "urls": pages["caseload list"]["urls"]},
            "household page": {"weight": 4, "urls": pages["household page"]["urls"]},
            "plan page": {"weight": 3, "urls": pages["plan page"]["urls"]},
            "directory search": {"weight": 2, "urls": SEARCHES},
            "household working together": {"weight": 1, "urls": pages["household working together"]["urls"]},
            "household wijkbudget": {"weight": 1, "urls": pages["household wijkbudget"]["urls"]},
            "helpdesk and knowledge base": {"weight": 1, "urls": pages["helpdesk and knowledge base"]["urls"]},
        },
    },
    "partner": {
        "weight": 3,
        "cookie": partner_cookie,
        "pages": {
            "referral inbox": {"weight": 4, "urls": pages["referral inbox"]["urls"]},
            "directory search": {"weight": 2, "urls": SEARCHES},
        },
    },
    "team leader": {
        "weight": 1,
        "cookie": team_leader_cookie,
        "pages": {
            "caseload list": {"weight": 3, "urls": ["/huishoudens/", "/huishoudens/?pagina=2"]},
            "intake queue": {"weight": 2, "urls": ["/aanmeldingen/"]},
            "team dashboard": {"weight": 2, "urls": pages["team dashboard"]["urls"]},
            "team leader's view": {"weight": 2, "urls": pages["team leader's view"]["urls"]},
            "escalations to decide": {"weight": 1, "urls": pages["escalations to decide"]["urls"]},
            "wijkbudget overview": {"weight": 1, "urls": pages["wijkbudget overview"]["urls"]},
            "wijkbudget approvals": {"weight": 1, "urls": pages["wijkbudget approvals"]["urls"]},
        },
    },
    "policy officer": {
        "weight": 1,
        "cookie": policy_cookie,
        "pages": {
            "directory search": {"weight": 3, "urls": SEARCHES},
            "outcomes": {"weight": 3, "urls": pages["outcomes"]["urls"]},
            "barriers overview": {"weight": 2, "urls": pages["barriers overview"]["urls"]},
        },
    },
}
# The resident in Mijn EenPlan (eenplan/portal), once the portal is installed: a portal session as DigiD sign-in
# leaves it (eenplan.portal.services.sign_in), for the eldest resident of a household with a plan in the demo
# regisseur's team; the portal account is made as at a first sign-in.
if apps.is_installed("eenplan.portal"):
    from eenplan.access.resident_door import RESIDENT_ACTOR_SESSION_KEY, RESIDENT_SESSION_KEY
    from eenplan.portal.services import account_for

    resident = Resident.objects.filter(household_id__in=planned[:50]).order_by("date_of_birth", "id").first()
    if resident is not None:
        account = account_for(resident)
        portal_session = SessionStore()
        portal_session[RESIDENT_SESSION_KEY] = account.resident_id
        portal_session[RESIDENT_ACTOR_SESSION_KEY] = account.user_id
        portal_session.set_expiry(3600 * 6)
        portal_session.save()
        roles["resident"] = {
            "weight": 2,
            "cookie": f"{settings.SESSION_COOKIE_NAME}={portal_session.session_key}",
            "pages": {
                "portal: home": {"weight": 3, "urls": ["/mijn/"]},
                "portal: plan": {"weight": 3, "urls": ["/mijn/plan/"]},
                "portal: messages": {"weight": 2, "urls": ["/mijn/berichten/"]},
                "portal: consents": {"weight": 1, "urls": ["/mijn/toestemmingen/"]},
                "portal: access log": {"weight": 1, "urls": ["/mijn/inzage/"]},
                "portal: referrals": {"weight": 1, "urls": ["/mijn/verwijzingen/"]},
            },
        }
        # Only the portal pages this tree has (a page added later enters when its URL exists).
        for name, page in list(roles["resident"]["pages"].items()):
            try:
                resolve(page["urls"][0])
            except Resolver404:
                del roles["resident"]["pages"][name]
# A partner system through the API (docs/api.md): the wijkteam's own registration system with its demo client
# (eenplan/demo/api.py, every scope), which signs in with OAuth 2.0 client credentials and then reads FHIR CarePlans
# by patient, the REST plan of a household and the public HSDS services. Its Locust user asks a token when it
# starts (bench/locustfile.py: "token") and again now and then ("API: token"), and sends it as a bearer token.
if apps.is_installed("eenplan.api"):
    import base64

    from oauth2_provider.models import get_application_model

    from eenplan.demo.api import DEMO_CLIENTS

    name, client_id, secret = next((c[1], c[2], c[3]) for c in DEMO_CLIENTS if c[2] == "demo-wijkteam")
    if get_application_model().objects.filter(client_id=client_id).exists():
        basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
        token_request = {
            "url": "/api/oauth/token/",
            "body": "grant_type=client_credentials",
            "headers": {"Authorization": f"Basic {basic}", "Content-Type": "application/x-www-form-urlencoded"},
        }
        patients = (
            list(
                Resident.objects.filter(household_id__in=planned[:200])
                .order_by("household_id", "date_of_birth", "id")
                .distinct("household_id")
                .values_list("id", flat=True)
            )
            if connection.vendor == "postgresql"
            else list(Resident.objects.filter(household_id__in=planned[:200]).values_list("id", flat=True)[:200])
        )
        pages["API: token"] = {"cookie": "", "method": "POST", **token_request, "urls": [token_request["url"]]}
        pages["API: FHIR CarePlan by patient"] = {
            "cookie": "",
            "token": token_request,
            "urls": [f"/fhir/CarePlan?patient={pk}" for pk in patients],
        }
        pages["API: REST plan of a household"] = {
            "cookie": "",
            "token": token_request,
            "urls": [f"/api/v1/households/{pk}/plan/" for pk in planned[:200]],
        }
        roles["API client"] = {
            "weight": 1,
            "cookie": "",
            "token": token_request,
            "pages": {
                "API: token": {"weight": 1, "method": "POST", **token_request, "urls": [token_request["url"]]},
                "API: FHIR CarePlan by patient": {"weight": 4, "urls": pages["API: FHIR CarePlan by patient"]["urls"]},
                "API: REST plan of a household": {"weight": 4, "urls": pages["API: REST plan of a household"]["urls"]},
                "HSDS API services": {"weight": 2, "urls": pages["HSDS API services"]["urls"]},
            },
        }
# One COUNT per table: what the pages were measured against (bench/report.py sets them against DESIGN.md §6).
counted = {
    "households": Household,
    "residents": Resident,
    "professionals": User,
    "organisations": Organisation,
    "services": Service,
    "consents": Consent,
    "plans": Plan,
    "goals": Goal,
    "actions": Action,
    "assessments": Assessment,
    "referrals": Referral,
    "referral_events": ReferralEvent,
    "intake_requests": IntakeRequest,
    "intakes": Intake,
    "access_log_entries": AccessLogEntry,
}
counts = {name: model.objects.count() for name, model in counted.items()}
for model in (Plan, Goal, Action, Consent, Referral):  # simple-history's tables
    counts[f"history_{model._meta.model_name}"] = model.history.count()
print(json.dumps({"pages": pages, "roles": roles, "counts": counts}))
