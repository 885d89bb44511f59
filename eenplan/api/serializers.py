# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The shapes of the REST API (read by drf-spectacular for the OpenAPI schema)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from eenplan.referrals.models import ReferralState


class ResidentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    name_prefix = serializers.CharField()
    last_name = serializers.CharField()
    date_of_birth = serializers.DateField()


class HouseholdSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    basis = serializers.CharField(help_text="team_task (the own wijkteam's legal task) or consent")


class HouseholdSerializer(HouseholdSummarySerializer):
    categories = serializers.ListField(child=serializers.CharField(), help_text="The information categories shared.")
    name = serializers.CharField(allow_null=True, help_text="Only when the whole household is shared.")
    street = serializers.CharField()
    house_number = serializers.CharField()
    postcode = serializers.CharField()
    city = serializers.CharField()
    regisseur = serializers.CharField(allow_null=True)
    regisseur_email = serializers.EmailField(allow_null=True)
    residents = ResidentSerializer(many=True)


class GoalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    domain = serializers.CharField()
    category = serializers.CharField(source="category.code")
    resident_words = serializers.CharField()
    professional_view = serializers.CharField()
    achieved = serializers.BooleanField()


class ActionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    goal = serializers.IntegerField(source="goal_id", allow_null=True)
    description = serializers.CharField()
    owner_kind = serializers.CharField()
    owner = serializers.CharField(source="owner_display")
    due_date = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    category = serializers.CharField(source="category.code")


class PlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    household = serializers.IntegerField(source="household_id")
    number = serializers.IntegerField()
    status = serializers.CharField()
    summary = serializers.CharField()
    agreed_on = serializers.DateField(allow_null=True)
    evaluation_date = serializers.DateField(allow_null=True)
    # The goals and actions the door let through (set by the view), never the plan's own managers.
    goals = GoalSerializer(many=True, source="goals_shown")
    actions = ActionSerializer(many=True, source="actions_shown")


class CareTeamMemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(allow_null=True)
    organisation = serializers.CharField(source="organisation.name")
    role = serializers.CharField()
    task = serializers.CharField()
    since = serializers.DateField()
    until = serializers.DateField(allow_null=True)
    is_regisseur = serializers.BooleanField()


class ConsentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation.name")
    resident = serializers.IntegerField(source="resident_id", allow_null=True)
    categories = serializers.ListField(child=serializers.CharField())
    purpose = serializers.CharField()
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    state = serializers.CharField()


class ReferralSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    household = serializers.IntegerField(source="household_id")
    action = serializers.IntegerField(source="action_id", allow_null=True)
    service = serializers.IntegerField(source="service_id")
    service_name = serializers.CharField(source="service.name")
    to_organisation = serializers.CharField(source="to_organisation.name")
    from_organisation = serializers.CharField(source="from_organisation.name")
    state = serializers.CharField()
    summary = serializers.CharField()
    shared_categories = serializers.ListField(child=serializers.CharField(), source="shared_codes")
    reason = serializers.CharField()
    outcome = serializers.CharField()
    created_at = serializers.DateTimeField()
    sent_at = serializers.DateTimeField(allow_null=True)
    response_deadline = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField()
    next_states = serializers.ListField(
        child=serializers.CharField(), help_text="The states this organisation's system may move the referral to."
    )


class ReferralCreateSerializer(serializers.Serializer):
    action = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="The plan action referred.")
    service = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="The service (sociale kaart).")
    summary = serializers.CharField(max_length=2000, help_text="Only what the receiver needs.")
    categories = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, default=list, help_text="Information shared."
    )
    send = serializers.BooleanField(required=False, default=False)


class TransitionSerializer(serializers.Serializer):
    to_state = serializers.ChoiceField(
        choices=ReferralState.choices, error_messages={"invalid_choice": _("This is not a state a referral can have.")}
    )
    text = serializers.CharField(
        max_length=2000, required=False, default="", allow_blank=True, help_text="Reason or outcome."
    )


class ServiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    uid = serializers.UUIDField()
    name = serializers.CharField()
    organisation = serializers.CharField(source="organisation.name")
    description = serializers.CharField()
    expected_response_days = serializers.IntegerField()
    status = serializers.CharField()
    updated_at = serializers.DateTimeField()
