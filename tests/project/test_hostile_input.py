# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""No request answers 500 on hostile input (DESIGN.md §5.7, issue 18).

Ids beyond 64 bits in a URL, oversized integers in a multi-select, NUL bytes in a query string or form value and a
bare word in `?next=` each get a 400 or 404 with the Dutch page (or a Dutch form error). The focused tests name each
case; the sweeps at the end throw such values (Hypothesis, derandomized) at every URL pattern and every form.
"""

from __future__ import annotations

import html
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from urllib.parse import quote, urlsplit

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse
from django.urls.converters import IntConverter
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from eenplan.access.forms import AccessLogSearchForm
from eenplan.access.models import BreakGlassAccess, Consent, InformationCategory
from eenplan.accounts.admin import site as admin_site
from eenplan.accounts.models import User
from eenplan.demo.data import DEMO_EMAIL_DOMAIN
from eenplan.directory.forms import SearchForm
from eenplan.directory.models import ContactPerson, HSDSImportJob, Service
from eenplan.households.models import Household
from eenplan.intake.models import Intake, IntakeRequest
from eenplan.plans.models import Action, CareTeamMember, Goal, NetworkMember, Plan
from eenplan.referrals.models import Referral
from tests import factories
from tests.access_helpers import grant_consent, partner_organisation
from tests.conftest import login_verified
from tests.url_walk import walk

pytestmark = pytest.mark.django_db

BEYOND_64_BITS = str(2**64)  # the largest id a BigAutoField holds is 2**63 - 1
LARGEST_ID = str(2**63 - 1)
DUTCH_404 = "Pagina niet gevonden"


def is_the_dutch_400_page(response) -> bool:
    """The 400 page of the site (its own template, in the site's Dutch layout), not a bare error."""
    names = [template.name for template in response.templates]
    return response.status_code == 400 and "400.html" in names and "Naar de startpagina" in response.text


# --- ids beyond 64 bits in a URL ---------------------------------------------------------------------------------


def test_a_household_id_beyond_64_bits_is_the_dutch_404(verified_client):
    response = verified_client.get(f"/huishoudens/{BEYOND_64_BITS}/")

    assert response.status_code == 404
    assert DUTCH_404 in response.text


def test_a_referral_id_beyond_64_bits_is_the_dutch_404(verified_client):
    response = verified_client.get(f"/verwijzingen/{BEYOND_64_BITS}/")

    assert response.status_code == 404
    assert DUTCH_404 in response.text


def test_the_largest_64_bit_id_is_still_a_url_of_the_site(verified_client):
    """The converter refuses only what no row can have: 2**63 - 1 resolves, and names no household: the door answers
    it as a household the user may not see (403, docs/privacy.md "Unknown or forbidden")."""
    response = verified_client.get(f"/huishoudens/{LARGEST_ID}/")

    assert response.resolver_match is not None
    assert response.status_code == 403


def test_every_id_in_a_url_goes_through_the_id_converter():
    """`<int:...>` would let 2**64 reach a view; every EenPlan URL uses `<id:...>` (eenplan/lib/converters.py).
    The admin's own URLs are Django's (its ids are text and looked up safely)."""
    plain = [
        f"{name}: {pattern.pattern}"
        for name, pattern in walk(get_resolver().url_patterns)
        if not name.startswith("admin:")
        and any(type(converter) is IntConverter for converter in pattern.pattern.converters.values())
    ]
    assert plain == []


def test_an_id_of_thousands_of_digits_is_the_dutch_404(verified_client):
    """Python refuses to read an int of more than 4300 digits; the URL simply does not match."""
    response = verified_client.get(f"/huishoudens/{'9' * 5000}/")

    assert response.status_code == 404
    assert DUTCH_404 in response.text


# --- NUL bytes in a query string or a form value -----------------------------------------------------------------


def test_a_nul_byte_in_a_query_string_is_the_dutch_400(verified_client):
    response = verified_client.get("/sociale-kaart/", {"q": "schuld\x00hulp"})

    assert is_the_dutch_400_page(response)


def test_a_nul_byte_in_a_form_value_is_the_dutch_400_and_saves_nothing(verified_client, team):
    count = Household.objects.count()

    response = verified_client.post(
        "/huishoudens/nieuw/",
        {
            "street": "Lange\x00straat",
            "house_number": "1",
            "postcode": "3512 AB",
            "city": "Utrecht",
            "first_name": "Anna",
            "last_name": "Vries",
            "owning_team": team.pk,
        },
    )

    assert is_the_dutch_400_page(response)
    assert Household.objects.count() == count


def test_an_encoded_nul_in_a_query_string_key_is_the_dutch_400(verified_client):
    response = verified_client.get("/sociale-kaart/?q%00=schuld")

    assert response.status_code == 400


# --- oversized integers in a multi-select ------------------------------------------------------------------------


@pytest.fixture
def consent_page(household, professional):
    household.regisseur = professional
    household.save()
    consent = grant_consent(household, partner_organisation(), ["financien"], recorded_by=professional)
    return f"/huishoudens/{household.pk}/toestemmingen/{consent.pk}/", consent


def consent_post(consent: Consent, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "organisation": consent.organisation_id,
        "purpose": consent.purpose,
        "valid_from": consent.valid_from.isoformat(),
        "method": consent.method,
        "categories": list(consent.categories.values_list("pk", flat=True)),
        "version": consent.version,
    }
    data.update(overrides)
    return data


def test_an_oversized_id_in_a_multi_select_is_a_form_error(verified_client, consent_page):
    url, consent = consent_page

    response = verified_client.post(url, consent_post(consent, categories=["99999999999999999999999"]))

    assert response.status_code == 400
    assert list(consent.categories.all()) == list(InformationCategory.objects.filter(consents=consent))
    assert "is niet een van de beschikbare keuzes" in response.text or "Selecteer een geldige keuze" in response.text


def test_an_oversized_id_in_a_single_select_is_a_form_error(verified_client, consent_page, household):
    _url, consent = consent_page
    count = Consent.objects.count()

    response = verified_client.post(
        f"/huishoudens/{household.pk}/toestemmingen/nieuw/",
        consent_post(consent, organisation="99999999999999999999999"),
    )

    assert response.status_code == 400
    assert Consent.objects.count() == count


# --- a bare word in ?next= ---------------------------------------------------------------------------------------


def test_a_bare_word_in_next_after_the_code_step_goes_to_the_start_page(verified_client):
    response = verified_client.get("/inloggen/code/", {"next": "foo"})

    assert response.status_code == 302
    assert response.url == reverse("start")


def test_a_bare_word_in_next_after_login_goes_to_the_start_page(professional):
    client = Client()

    response = client.post(
        "/inloggen/", {"username": professional.email, "password": factories.PASSWORD, "next": "foo"}
    )

    assert response.status_code == 302
    assert response.url == reverse("start")


def test_a_bare_word_in_next_of_the_language_choice_goes_to_the_start_page(client):
    response = client.post("/taal/", {"language": "en", "next": "foo"})

    assert response.status_code == 302
    assert response.url == reverse("start")


def test_a_same_site_path_in_next_of_the_language_choice_is_followed(client):
    response = client.post("/taal/", {"language": "nl", "next": "/sociale-kaart/"})

    assert response.url == "/sociale-kaart/"


def test_another_site_in_next_of_the_language_choice_goes_to_the_start_page(client):
    response = client.post("/taal/", {"language": "nl", "next": "//elders.example/"})

    assert response.url == reverse("start")


# --- the sweeps --------------------------------------------------------------------------------------------------

# What a URL's id can be made of. Only digit strings reach a view; the rest must not match (404).
HOSTILE_IDS = st.one_of(
    st.sampled_from([BEYOND_64_BITS, str(2**63), LARGEST_ID, "0", "00000000000000000000001", "9" * 5000]),
    st.integers(min_value=2**63, max_value=10**80).map(str),
    st.sampled_from(["²", "١٢", "\x00", "1\x00", "-1", "1e9", " 1", "1.0", "0x10", "../1"]),
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=30),
)
# What a query string or form value can be: huge numbers, NUL, bare words, other sites, very long text.
HOSTILE_VALUES = st.one_of(
    st.sampled_from(
        [
            "99999999999999999999999",
            BEYOND_64_BITS,
            str(10**30),
            "-99999999999999999999999",
            "\x00",
            "a\x00b",
            "foo",
            "//elders.example/",
            "https://elders.example/",
            "javascript:alert(1)",
            "²",
            "1e400",
            "NaN",
            "-1",
            "0",
            "",
            "9" * 5000,
            "2026-02-30",
            "99999-12-31",
        ]
    ),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
)
# The query-string keys the views read (grep request.GET), and the fields of the forms filled from a query string.
QUERY_KEYS = sorted(
    {
        *[
            "pagina",
            "status",
            "next",
            "wijk",
            "side",
            "q",
            "instrument",
            "doel",
            "bewoner",
            "organisaties",
            "organisatie",
            "opmaak",
            "mensen",
        ],
        *["leefgebied", "huishouden", "handeling", "dienst", "contacten", "alle", "acties", "language"],
        *AccessLogSearchForm.base_fields,
        *SearchForm.base_fields,
    }
)
SWEEP = settings(
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: every failure is reported with its URL below
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


@dataclass
class Tally:
    """What a sweep sent, and what answered 500 or raised."""

    requests: int = 0
    inputs: int = 0

    def __post_init__(self) -> None:
        self.failures: list[str] = []
        self.statuses: Counter[int] = Counter()

    def send(
        self, client: Client, method: str, path: str, data: dict[str, object] | None = None
    ) -> HttpResponse | None:
        self.requests += 1
        try:
            response = getattr(client, method)(path, data or {})
        except Exception as error:  # the test client re-raises what a view raised: that would have been a 500
            self.failures.append(f"{method.upper()} {path!r} {data!r}: {type(error).__name__}: {error}"[:500])
            return None
        self.statuses[response.status_code] += 1
        if response.status_code >= 500:
            self.failures.append(f"{method.upper()} {path!r} {data!r}: {response.status_code}"[:500])
        return response


SENTINEL = 7_654_321


def path_with(pattern: URLPattern, name: str, values: dict[str, str]) -> str | None:
    """The path of a URL pattern with each parameter replaced by a (hostile) value, percent-encoded."""
    parameters = [*pattern.pattern.converters] or list(pattern.pattern.regex.groupindex)
    sentinels = {parameter: str(SENTINEL + index) for index, parameter in enumerate(parameters)}
    try:
        path = reverse(name, kwargs=sentinels) if parameters else reverse(name)
    except Exception:  # a parameter of the admin restricted by a regex (app_label): nothing to throw at
        return None
    for parameter, sentinel in sentinels.items():
        path = path.replace(sentinel, quote(values.get(parameter, sentinel), safe=""))
    return path


def named_patterns() -> list[tuple[str, URLPattern]]:
    return [(name, pattern) for name, pattern in walk(get_resolver().url_patterns) if name]


def test_no_url_pattern_answers_500_to_a_hostile_id(professional, functional_admin):
    """Every URL pattern with each id replaced by huge, odd or unreadable values; GET or POST, anonymous, as a
    professional and as a functional administrator (the admin's own URLs take any text as an id)."""
    clients = [Client(), login_verified(Client(), professional), login_verified(Client(), functional_admin)]
    for client in clients:
        client.raise_request_exception = True
    patterns = [(name, pattern) for name, pattern in named_patterns() if pattern.pattern.converters]
    tally = Tally()
    started = time.monotonic()

    @settings(SWEEP, max_examples=5)
    @given(data=st.data())
    def sweep(data: st.DataObject) -> None:
        for name, pattern in patterns:
            values = {parameter: data.draw(HOSTILE_IDS) for parameter in pattern.pattern.converters}
            tally.inputs += len(values)
            path = path_with(pattern, name, values)
            if path is None:
                continue
            for client in clients:
                tally.send(client, data.draw(st.sampled_from(["get", "post"])), path)

    sweep()
    print(
        f"hostile ids: {tally.requests} requests, {tally.inputs} inputs, {time.monotonic() - started:.1f} s, "
        f"{dict(tally.statuses)}"
    )
    assert not tally.failures, "\n".join(tally.failures)


@pytest.fixture
def demo_world(settings) -> Iterator[None]:
    """The demo data (every table filled); demo data exists only with DEBUG, the sweep itself runs without."""
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    settings.DEBUG = False
    yield


def demo_user(local: str) -> User:
    return User.objects.get(email=f"{local}@{DEMO_EMAIL_DOMAIN}")


def the_household() -> Household:
    """A demo household with as much as possible: a referral, an intake, a network member, a consent."""
    full = Household.objects.filter(regisseur__isnull=False, plans__actions__referrals__isnull=False)
    for extra in ({"intakes__isnull": False, "network_members__isnull": False, "consents__isnull": False}, {}):
        household = full.filter(**extra).order_by("id").first()
        if household is not None:
            return household
    household = Household.objects.filter(regisseur__isnull=False).order_by("id").first()
    assert household is not None
    return household


def admin_models() -> dict[str, type]:
    """URL name of each admin page with an object id -> the model it edits."""
    return {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}": model
        for model in admin_site._registry
        for view in ("change", "delete", "history")
    }


def valid_kwargs(name: str, parameters: list[str], household: Household) -> dict[str, object] | None:
    """Ids of the household (and its objects) for a URL pattern's parameters, or None when there is none."""
    if name.startswith("admin:"):
        model = admin_models().get(name)
        row = model.objects.order_by("pk").first() if model is not None and parameters == ["object_id"] else None
        return {"object_id": row.pk} if row is not None else None
    referral = Referral.objects.filter(household=household).order_by("id").first()
    member_model = NetworkMember if "network" in name else CareTeamMember
    by_parameter = {
        "pk": household,
        "resident_pk": household.residents.first(),
        "consent_pk": Consent.objects.filter(household=household).first(),
        "goal_pk": Goal.objects.filter(plan__household=household).first(),
        "action_pk": referral.action if referral else Action.objects.filter(plan__household=household).first(),
        "plan_pk": Plan.objects.filter(household=household).first(),
        "intake_pk": Intake.objects.filter(household=household).first(),
        "request_pk": IntakeRequest.objects.first(),
        "referral_pk": referral,
        "access_pk": BreakGlassAccess.objects.first(),
        "service_pk": Service.objects.first(),
        "contact_pk": ContactPerson.objects.first(),
        "job_pk": HSDSImportJob.objects.first(),
        "member_pk": member_model.objects.filter(household=household).first(),
    }
    kwargs = {}
    for parameter in parameters:
        found = by_parameter.get(parameter)
        if found is None:
            return None
        kwargs[parameter] = found.pk
    return kwargs


FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
ACTION = re.compile(r'\baction="([^"]*)"')
FIELD = re.compile(r'<(?:input|select|textarea)\b[^>]*?\bname="([^"]+)"')


def forms_on(page_path: str, text: str) -> Iterator[tuple[str, set[str]]]:
    """(target path, field names) of every form on a page that posts to this site."""
    for attributes, body in FORM.findall(text):
        action = ACTION.search(attributes)
        target = urlsplit(html.unescape(action.group(1))).path if action and action.group(1) else page_path
        if target.startswith("/"):
            # A formset's management fields are left out: Django caps TOTAL_FORMS at 2000 forms, and validating and
            # rendering 2000 inline forms is slow (seconds to minutes, the admin only), not a 500.
            yield (
                target,
                {name for name in FIELD.findall(body) if not name.endswith("_FORMS")} - {"csrfmiddlewaretoken"},
            )


def test_no_page_or_form_answers_500_to_hostile_values(demo_world):
    """Every page with real ids (the admin's included), with hostile query strings; and every form found on them
    posted with hostile values in each field (huge numbers in selects, NUL, bare words, other sites, long text), by
    the users who can open it: anonymous, the regisseur, a referral's receiver, privacy officer and functional
    administrator."""
    household = the_household()
    referral = Referral.objects.filter(household=household).first()
    receiver = (
        User.objects.filter(memberships__organisation=referral.to_organisation)
        .exclude(pk=household.regisseur_id)
        .first()
        if referral
        else None
    )
    locals_ = ("privacy", "beheer")
    users = [household.regisseur, receiver, *(demo_user(local) for local in locals_)]
    clients = [Client(), *(login_verified(Client(), user) for user in users if user is not None)]
    for client in clients:
        client.raise_request_exception = True
    pages: dict[str, list[Client]] = {}
    forms: dict[str, set[str]] = {}
    skipped = []
    tally = Tally()
    for name, pattern in named_patterns():
        parameters = [*pattern.pattern.converters] or list(pattern.pattern.regex.groupindex)
        kwargs = valid_kwargs(name, parameters, household) if parameters else {}
        if kwargs is None:
            skipped.append(name)
            continue
        path = reverse(name, kwargs=kwargs)
        openers = pages.setdefault(path, [])
        for client in clients:
            response = tally.send(client, "get", path)
            if response is None or response.status_code != 200:
                continue
            openers.append(client)
            if response.get("Content-Type", "").startswith("text/html"):
                for target, names in forms_on(path, response.text):
                    forms.setdefault(target, set()).update(names)
                    pages.setdefault(target, [])
                    if client not in pages[target]:
                        pages[target].append(client)
    sweep_pages = [(path, openers or clients[:2], sorted(forms.get(path, ()))) for path, openers in pages.items()]
    started = time.monotonic()

    @settings(SWEEP, max_examples=3)
    @given(data=st.data())
    def sweep(data: st.DataObject) -> None:
        for path, openers, names in sweep_pages:
            client = data.draw(st.sampled_from(openers))
            query = data.draw(st.dictionaries(st.sampled_from(QUERY_KEYS), HOSTILE_VALUES, min_size=1, max_size=3))
            tally.inputs += len(query)
            tally.send(client, "get", path, query)
            if names:
                form = {
                    name: data.draw(st.one_of(HOSTILE_VALUES, st.lists(HOSTILE_VALUES, min_size=2, max_size=3)))
                    for name in names
                }
                tally.inputs += len(form)
                tally.send(client, "post", path, form)

    sweep()
    print(
        f"hostile values: {len(sweep_pages)} pages, {sum(bool(names) for *_, names in sweep_pages)} forms, "
        f"{tally.requests} requests, {tally.inputs} inputs, {time.monotonic() - started:.1f} s, "
        f"{dict(tally.statuses)}; no real ids for {skipped}"
    )
    assert not tally.failures, "\n".join(tally.failures)
