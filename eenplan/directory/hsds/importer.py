# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Import of an Open Referral HSDS 3.0 document into the sociale kaart, with a report per record (docs/hsds.md).

Every document we read is validated against the official HSDS 3.0 schemas first (`schema.document_validator`), then
checked record by record (an organization, a service), and imported only when every record is accepted, in one
transaction: all or nothing.
"""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, fields
from functools import partial
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import postcode as stdnum_postcode

from eenplan.accounts.models import Neighbourhood, Organisation, OrganisationType, User, organisations_maintained_by
from eenplan.directory.hsds.schema import document_validator, json_path
from eenplan.directory.hsds.vocabulary import (
    LIFE_DOMAINS,
    NEIGHBOURHOODS,
    ORGANISATION_TYPES,
    RESPONSE_DAYS,
    SERVICE_PROPERTIES,
    TARGET_GROUP,
    TAXONOMIES,
    TAXONOMY_BY_ID,
    TERM_BY_ID,
    WAITING_DAYS,
    organisation_uid,
)
from eenplan.directory.models import ContactPerson, HSDSImportJob, Service, ServiceDomain
from eenplan.directory.versioning import IMPORT_REASON, State, entry_state, save_as_one_version
from eenplan.domains import LifeDomain

CHANGE_REASON = IMPORT_REASON
# A sane upper bound, far above EenPlan's own export of a regional sociale kaart (20,000 services: about 55 MB;
# 2,000 services: about 5.5 MB). Django spools an upload of this size to a temporary file, not to memory.
MAX_UPLOAD_MEGABYTES = 200
MAX_UPLOAD_BYTES = MAX_UPLOAD_MEGABYTES * 1024 * 1024

# Progress of an import: `progress(stage, done, total)`, stage CHECKING (every record is checked, no writes) or
# SAVING (inside the import's transaction). Called at the start of each stage, every PROGRESS_EVERY records and at
# its end; it only observes, the report is the same with or without it.
CHECKING = HSDSImportJob.Stage.CHECKING  # the stages a job keeps (directory.models): one vocabulary
SAVING = HSDSImportJob.Stage.SAVING
PROGRESS_EVERY = 100
ProgressCallback = Callable[[str, int, int], None]


def may_import_directory(user: User) -> bool:
    """Importing changes every organisation's entries, so only who maintains all organisations may do it."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    maintained = organisations_maintained_by(user)
    return maintained.exists() and maintained.count() == Organisation.objects.count()


def _reject_constant(value: str) -> None:
    raise ValueError(value)


def parse_document(data: bytes) -> Any:
    """The JSON in an uploaded file; ValueError (with a message for the user) when it is not JSON."""
    try:
        return json.loads(data, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise ValueError(
            _("The file is not valid JSON (line %(line)s, column %(column)s).")
            % {"line": error.lineno, "column": error.colno}
        ) from error
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise ValueError(_("The file is not valid JSON.")) from error


# --- the import report ---------------------------------------------------------------------------------------------


ORGANIZATION = "organization"
SERVICE = "service"


@dataclass
class RecordResult:
    """What the import decided about one organization or service of the file."""

    kind: str
    id: str
    name: str
    path: str
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    action: str = ""  # "created", "updated" or "unchanged" once imported

    @property
    def accepted(self) -> bool:
        return not self.reasons


@dataclass
class ImportReport:
    records: list[RecordResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # problems of the document as a whole
    schema_valid: bool = True
    imported: bool = False

    @property
    def rejected(self) -> list[RecordResult]:
        return [r for r in self.records if not r.accepted]

    @property
    def accepted_count(self) -> int:
        return sum(1 for r in self.records if r.accepted)

    def to_data(self) -> dict[str, Any]:
        """The report as plain JSON data (kept with a background import; never a pickle)."""
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ImportReport:
        """The report kept by `to_data`; unknown keys are ignored, missing ones take their defaults."""
        names = {f.name for f in fields(RecordResult)}
        records = [
            RecordResult(**{k: v for k, v in record.items() if k in names})
            for record in data.get("records", [])
            if isinstance(record, dict)
        ]
        return cls(
            records=records,
            errors=[str(e) for e in data.get("errors", [])],
            schema_valid=bool(data.get("schema_valid", True)),
            imported=bool(data.get("imported", False)),
        )


def _schema_reason(error: Any) -> str:
    path = list(error.absolute_path)
    if error.validator == "required":
        missing = [p for p in error.validator_value if isinstance(error.instance, dict) and p not in error.instance]
        return _("Required field %(path)s is missing.") % {"path": json_path([*path, *(missing[:1] or ["?"])])}
    where = json_path(path)
    if error.validator == "enum":
        return _("%(path)s has the value %(value)s, which is not one of: %(allowed)s.") % {
            "path": where,
            "value": repr(error.instance),
            "allowed": ", ".join(repr(v) for v in error.validator_value),
        }
    if error.validator == "type":
        return _("%(path)s must be of type %(type)s.") % {"path": where, "type": error.validator_value}
    if error.validator == "format":
        return _("%(path)s is not a valid %(format)s: %(value)s.") % {
            "path": where,
            "format": error.validator_value,
            "value": repr(error.instance),
        }
    return _("%(path)s is invalid: %(problem)s") % {"path": where, "problem": error.message}


# --- reading the document safely -----------------------------------------------------------------------------------


def _text(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    return value if isinstance(value, str) else ""


def _objects(obj: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = obj.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _as_uuid(value: object) -> uuid.UUID | None:
    if not isinstance(value, str):
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _classify(attribute: dict[str, Any]) -> tuple[str | None, str | None]:
    """(our taxonomy key, term code) of an attribute, or (None, None) for a taxonomy that is not ours."""
    term = attribute.get("taxonomy_term")
    if not isinstance(term, dict):
        return TERM_BY_ID.get(_text(attribute, "taxonomy_term_id"), (None, None))
    detail = term.get("taxonomy_detail") if isinstance(term.get("taxonomy_detail"), dict) else {}
    assert isinstance(detail, dict)
    key = next((k for k in (_text(term, "taxonomy"), _text(detail, "name")) if k in TAXONOMIES), None)
    key = key or TAXONOMY_BY_ID.get(_text(term, "taxonomy_id")) or TAXONOMY_BY_ID.get(_text(detail, "id"))
    return key, _text(term, "code") if key else None


def _first_number(phones: list[dict[str, Any]], notes: list[str], owner: str) -> str:
    if len(phones) > 1:
        notes.append(
            _("%(owner)s: only the first of %(count)s phone numbers is kept.") % {"owner": owner, "count": len(phones)}
        )
    return _text(phones[0], "number") if phones else ""


def _validation_reasons(instance: models.Model, error: ValidationError, prefix: str = "") -> list[str]:
    reasons = []
    for name, messages in error.message_dict.items():
        label = "" if name == NON_FIELD_ERRORS else str(getattr(instance._meta.get_field(name), "verbose_name", name))
        for message in messages:
            reasons.append(f"{prefix}{label}: {message}" if label else f"{prefix}{message}")
    return reasons


def _check_model(instance: models.Model, *, exclude: list[str], validate_unique: bool = False) -> list[str]:
    """Model validation, plus the text limits a form would enforce (a TextField's max_length is a form limit)."""
    reasons = []
    try:
        instance.full_clean(exclude=exclude, validate_unique=validate_unique, validate_constraints=False)
    except ValidationError as error:
        reasons.extend(_validation_reasons(instance, error))
    for model_field in instance._meta.concrete_fields:
        value = getattr(instance, model_field.attname)
        if (
            isinstance(model_field, models.TextField)
            and model_field.max_length
            and len(value or "") > model_field.max_length
        ):
            reasons.append(
                _("%(field)s: at most %(limit)s characters, this has %(length)s.")
                % {"field": model_field.verbose_name, "limit": model_field.max_length, "length": len(value)}
            )
    return reasons


_ORGANIZATION_MAPPED = {"id", "name", "description", "website", "phones", "contacts", "attributes", "services"}
_SERVICE_MAPPED = {
    "id",
    "organization_id",
    "name",
    "description",
    "status",
    "url",
    "email",
    "eligibility_description",
    "application_process",
    "last_modified",
    "phones",
    "contacts",
    "schedules",
    "service_areas",
    "service_at_locations",
    "attributes",
}


def _unmapped_note(obj: dict[str, Any], mapped: set[str]) -> str | None:
    ignored = sorted(k for k, v in obj.items() if k not in mapped and v not in (None, "", [], {}))
    if not ignored:
        return None
    return _("Not imported, EenPlan has no place for it: %(fields)s.") % {"fields": ", ".join(ignored)}


# --- planning: every check, no writes ------------------------------------------------------------------------------


@dataclass
class _ContactPlan:
    instance: ContactPerson
    neighbourhood_ids: set[int]
    changed: bool


@dataclass
class _ServicePlan:
    record: RecordResult
    instance: Service
    neighbourhood_ids: set[int]
    domain_codes: set[str]
    contacts: list[_ContactPlan]
    changed: bool


@dataclass
class _OrganisationPlan:
    record: RecordResult
    instance: Organisation
    changed: bool
    contacts: list[_ContactPlan]
    services: list[_ServicePlan] = field(default_factory=list)


def _state(entry: Service | ContactPerson) -> State:
    """What an entry of the sociale kaart is now, as the forms compare it (relations from the prefetched lists)."""
    neighbourhood_ids = [n.pk for n in entry.neighbourhoods.all()]
    if isinstance(entry, Service):
        return entry_state(
            entry, neighbourhood_ids=neighbourhood_ids, domain_codes=[d.code for d in entry.domains.all()]
        )
    return entry_state(entry, neighbourhood_ids=neighbourhood_ids)


def _walk(document: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any], list[tuple[int, dict[str, Any]]]]]:
    contents = document.get("contents")
    for index, organisation in enumerate(contents if isinstance(contents, list) else []):
        if isinstance(organisation, dict):
            services = organisation.get("services")
            listed = [
                (j, s) for j, s in enumerate(services if isinstance(services, list) else []) if isinstance(s, dict)
            ]
            yield index, organisation, listed


class _Importer:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        service_uids: set[uuid.UUID] = set()
        contact_uids: set[uuid.UUID] = set()
        for _index, organisation, services in _walk(document):
            contact_uids.update(filter(None, (_as_uuid(c.get("id")) for c in _objects(organisation, "contacts"))))
            for _j, service in services:
                service_uids.update(filter(None, [_as_uuid(service.get("id"))]))
                contact_uids.update(filter(None, (_as_uuid(c.get("id")) for c in _objects(service, "contacts"))))
        self.organisations = list(Organisation.objects.all())
        self.by_uid = {organisation_uid(o.name): o for o in self.organisations}
        self.by_name = {o.name: o for o in self.organisations}
        self.services = {
            s.uid: s for s in Service.objects.filter(uid__in=service_uids).prefetch_related("neighbourhoods", "domains")
        }
        self.contacts = {
            c.uid: c for c in ContactPerson.objects.filter(uid__in=contact_uids).prefetch_related("neighbourhoods")
        }
        self.neighbourhoods = list(Neighbourhood.objects.all())
        self.seen_organisations: set[int] = set()
        self.seen_ids: set[str] = set()
        self.seen_names: set[str] = set()
        self.seen_contacts: set[uuid.UUID] = set()

    # neighbourhoods ------------------------------------------------------------------------------------------------

    def neighbourhood_named(self, name: str) -> Neighbourhood | None:
        exact = next((n for n in self.neighbourhoods if n.name == name), None)
        return exact or next((n for n in self.neighbourhoods if n.name.casefold() == name.strip().casefold()), None)

    def neighbourhood_coded(self, code: str) -> Neighbourhood | None:
        return next((n for n in self.neighbourhoods if n.code == code), None)

    # contacts ------------------------------------------------------------------------------------------------------

    def plan_contacts(
        self,
        items: list[dict[str, Any]],
        organisation: Organisation,
        reasons: list[str],
        notes: list[str],
        *,
        model_checks: bool = True,
    ) -> list[_ContactPlan]:
        plans = []
        for item in items:
            uid = _as_uuid(item.get("id"))
            if uid is None:
                continue  # reported by the schema
            label = _("Contact %(name)s") % {"name": _text(item, "name") or str(uid)}
            if uid in self.seen_contacts:
                # The same contact listed again (HSDS's examples list one under the organization and its service):
                # kept once, as first listed, and reported.
                notes.append(
                    _("%(contact)s: the id %(id)s appears more than once in the file; imported once, as first listed.")
                    % {"contact": label, "id": uid}
                )
                continue
            self.seen_contacts.add(uid)
            existing = self.contacts.get(uid)
            if existing is not None and existing.organisation_id != organisation.pk:
                reasons.append(_("%(contact)s belongs to another organisation in EenPlan.") % {"contact": label})
                continue
            if not _text(item, "name").strip():
                reasons.append(
                    _("%(contact)s has no name; EenPlan needs the name of a contact person.") % {"contact": label}
                )
                continue
            contact = existing or ContactPerson(uid=uid)
            before = _state(existing) if existing else {}
            contact.name = _text(item, "name")
            contact.role = _text(item, "title")
            contact.email = _text(item, "email")
            contact.phone = _first_number(_objects(item, "phones"), notes, label)
            neighbourhood_ids = set()
            for attribute in _objects(item, "attributes"):
                taxonomy, code = _classify(attribute)
                if taxonomy != NEIGHBOURHOODS.key:
                    notes.append(
                        _("%(contact)s: an attribute outside EenPlan's taxonomies is not imported.")
                        % {"contact": label}
                    )
                    continue
                neighbourhood = self.neighbourhood_coded(code or "")
                if neighbourhood is None:
                    reasons.append(
                        _("%(contact)s: %(code)s is not the code of a neighbourhood in EenPlan.")
                        % {"contact": label, "code": repr(code)}
                    )
                else:
                    neighbourhood_ids.add(neighbourhood.pk)
            for reason in _check_model(contact, exclude=["organisation", "service", "uid"]) if model_checks else []:
                reasons.append(f"{label}: {reason}")
            changed = existing is None or before != entry_state(contact, neighbourhood_ids=neighbourhood_ids)
            plans.append(_ContactPlan(contact, neighbourhood_ids, changed))
        return plans

    # organisations -------------------------------------------------------------------------------------------------

    def plan_organisation(self, record: RecordResult, item: dict[str, Any], *, model_checks: bool) -> _OrganisationPlan:
        record.id = str(uuid.UUID(record.id))
        name = _text(item, "name")
        existing = self.by_uid.get(record.id) or self.by_name.get(name)
        if record.id in self.seen_ids:
            record.reasons.append(_("The id %(id)s appears more than once in the file.") % {"id": record.id})
        if name in self.seen_names:
            record.reasons.append(
                _("An organisation named %(name)s appears more than once in the file.") % {"name": name}
            )
        if existing is not None and existing.pk in self.seen_organisations:
            record.reasons.append(_("This organisation appears more than once in the file."))
        self.seen_ids.add(record.id)
        self.seen_names.add(name)
        if existing is not None:
            self.seen_organisations.add(existing.pk)
        organisation = existing or Organisation()
        before = (organisation.name, organisation.website, organisation.phone)
        organisation.name = name
        organisation.website = _text(item, "website")
        organisation.phone = _first_number(_objects(item, "phones"), record.notes, _("Organisation"))
        kinds = [
            code
            for taxonomy, code in map(_classify, _objects(item, "attributes"))
            if taxonomy == ORGANISATION_TYPES.key
        ]
        if existing is None:
            organisation.type = next((k for k in kinds if k in OrganisationType.values), OrganisationType.OVERIG)
            if kinds and kinds[0] not in OrganisationType.values:
                record.notes.append(
                    _("Unknown kind of organisation %(code)s: imported as “Other”.") % {"code": repr(kinds[0])}
                )
        elif kinds and kinds[0] != existing.type:
            record.notes.append(
                _("The kind of an existing organisation is not changed by an import; change it in Management.")
            )
        if len(kinds) < len(_objects(item, "attributes")):
            record.notes.append(_("Attributes outside EenPlan's taxonomies are not imported."))
        if model_checks:
            record.reasons.extend(
                _check_model(organisation, exclude=["type"] if existing else [], validate_unique=True)
            )
        contacts = self.plan_contacts(
            _objects(item, "contacts"), organisation, record.reasons, record.notes, model_checks=model_checks
        )
        if note := _unmapped_note(item, _ORGANIZATION_MAPPED):
            record.notes.append(note)
        changed = existing is None or before != (organisation.name, organisation.website, organisation.phone)
        return _OrganisationPlan(record, organisation, changed, contacts)

    # services ------------------------------------------------------------------------------------------------------

    def plan_service(
        self, record: RecordResult, item: dict[str, Any], parent: _OrganisationPlan, *, model_checks: bool
    ) -> _ServicePlan:
        uid = uuid.UUID(record.id)
        record.id = str(uid)
        reasons, notes = record.reasons, record.notes
        if record.id in self.seen_ids:
            reasons.append(_("The id %(id)s appears more than once in the file.") % {"id": record.id})
        self.seen_ids.add(record.id)
        organisation = parent.instance
        existing = self.services.get(uid)
        if existing is not None and existing.organisation_id != organisation.pk:
            reasons.append(_("This service belongs to another organisation in EenPlan; an import cannot move it."))
        organization_id = _text(item, "organization_id")
        if organization_id and _as_uuid(organization_id) != _as_uuid(parent.record.id):
            reasons.append(
                _("Its organization_id %(id)s is not the id of the organization it is listed under.")
                % {"id": organization_id}
            )
        service = existing or Service(uid=uid)
        before = _state(existing) if existing else {}
        service.name = _text(item, "name")
        service.description = _text(item, "description")
        service.status = _text(item, "status")
        service.url = _text(item, "url")
        service.email = _text(item, "email")
        service.eligibility = _text(item, "eligibility_description")
        service.how_to_refer = _text(item, "application_process")
        service.phone = _first_number(_objects(item, "phones"), notes, _("Service"))
        schedules = _objects(item, "schedules")
        service.opening_hours = "; ".join(d for d in (_text(s, "description").strip() for s in schedules) if d)
        if any(s.get(k) for s in schedules for k in ("freq", "byday", "opens_at", "closes_at", "bymonthday")):
            notes.append(_("Structured opening hours are not imported, only their description."))
        self.plan_address(item, service, reasons, notes)
        neighbourhood_ids = set()
        areas = _objects(item, "service_areas")
        for area in areas:
            area_name = _text(area, "name")
            neighbourhood = self.neighbourhood_named(area_name) if area_name.strip() else None
            if neighbourhood is None:
                # Dropped and reported, so a directory of elsewhere (or HSDS's own examples) still imports.
                notes.append(
                    _("Service area %(name)s is not a neighbourhood in EenPlan; left out.") % {"name": repr(area_name)}
                )
            else:
                neighbourhood_ids.add(neighbourhood.pk)
        if areas and not neighbourhood_ids:
            notes.append(_("No service area is a neighbourhood in EenPlan: the service is shown for every wijk."))
        domain_codes = self.plan_attributes(item, service, reasons, notes)
        service.updated_at = self.last_modified(item) or (existing.updated_at if existing else timezone.now())
        if model_checks:
            reasons.extend(_check_model(service, exclude=["organisation", "uid"]))
        contacts = self.plan_contacts(
            _objects(item, "contacts"), organisation, reasons, notes, model_checks=model_checks
        )
        if note := _unmapped_note(item, _SERVICE_MAPPED):
            notes.append(note)
        changed = existing is None or before != entry_state(
            service, neighbourhood_ids=neighbourhood_ids, domain_codes=domain_codes
        )
        if existing is not None:
            changed = changed or ("last_modified" in item and existing.updated_at != service.updated_at)
            if changed and "last_modified" not in item:
                service.updated_at = timezone.now()
        return _ServicePlan(record, service, neighbourhood_ids, domain_codes, contacts, changed)

    @staticmethod
    def last_modified(item: dict[str, Any]) -> datetime.datetime | None:
        """The service's last_modified; a malformed one is reported by the schema."""
        try:
            parsed = datetime.datetime.fromisoformat(_text(item, "last_modified"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo is not None else None

    @staticmethod
    def plan_address(item: dict[str, Any], service: Service, reasons: list[str], notes: list[str]) -> None:
        addresses = [
            address
            for at_location in _objects(item, "service_at_locations")
            if isinstance(at_location.get("location"), dict)
            for address in _objects(at_location["location"], "addresses")
        ]
        physical = [a for a in addresses if a.get("address_type") == "physical"] or addresses
        address = physical[0] if physical else {}
        if len(addresses) > 1:
            notes.append(_("Only the first of %(count)s addresses is kept.") % {"count": len(addresses)})
        service.street = _text(address, "address_1")
        service.city = _text(address, "city")
        postcode = _text(address, "postal_code").strip()
        service.postcode = postcode
        if postcode:
            try:
                service.postcode = str(stdnum_postcode.validate(postcode))
            except StdnumError:
                service.postcode = ""
                notes.append(_("Postcode %(value)s is not a Dutch postcode; left out.") % {"value": repr(postcode)})

    @staticmethod
    def plan_attributes(item: dict[str, Any], service: Service, reasons: list[str], notes: list[str]) -> set[str]:
        domain_codes: set[str] = set()
        service.target_group = ""
        service.expected_response_days = Service._meta.get_field("expected_response_days").get_default()
        service.waiting_time_days = None
        foreign = 0
        for attribute in _objects(item, "attributes"):
            taxonomy, code = _classify(attribute)
            value = _text(attribute, "value")
            if taxonomy == LIFE_DOMAINS.key:
                if code in LifeDomain.values:
                    domain_codes.add(str(code))
                else:
                    reasons.append(
                        _("Taxonomy code %(code)s of %(taxonomy)s is not a life domain.")
                        % {"code": repr(code), "taxonomy": LIFE_DOMAINS.key}
                    )
            elif taxonomy == SERVICE_PROPERTIES.key:
                if code == TARGET_GROUP:
                    service.target_group = value
                elif code in (RESPONSE_DAYS, WAITING_DAYS):
                    try:
                        days = int(value)
                    except ValueError:
                        reasons.append(
                            _("%(code)s must be a whole number of days, not %(value)s.")
                            % {"code": code, "value": repr(value)}
                        )
                        continue
                    if code == RESPONSE_DAYS:
                        service.expected_response_days = days
                    else:
                        service.waiting_time_days = days
                else:
                    reasons.append(
                        _("Taxonomy code %(code)s of %(taxonomy)s is unknown.")
                        % {"code": repr(code), "taxonomy": SERVICE_PROPERTIES.key}
                    )
            else:
                foreign += 1
        if foreign:
            notes.append(_("%(count)s attributes outside EenPlan's taxonomies are not imported.") % {"count": foreign})
        return domain_codes


# --- import --------------------------------------------------------------------------------------------------------


def _records(document: dict[str, Any]) -> tuple[list[RecordResult], dict[tuple[int, ...], RecordResult]]:
    records: list[RecordResult] = []
    by_position: dict[tuple[int, ...], RecordResult] = {}
    contents = document.get("contents")
    for index, organisation in enumerate(contents if isinstance(contents, list) else []):
        item = organisation if isinstance(organisation, dict) else {}
        record = RecordResult(ORGANIZATION, _text(item, "id"), _text(item, "name"), json_path(["contents", index]))
        records.append(record)
        by_position[(index,)] = record
        services = item.get("services")
        for j, service in enumerate(services if isinstance(services, list) else []):
            service_item = service if isinstance(service, dict) else {}
            service_record = RecordResult(
                SERVICE,
                _text(service_item, "id"),
                _text(service_item, "name"),
                json_path(["contents", index, "services", j]),
            )
            records.append(service_record)
            by_position[(index, j)] = service_record
    return records, by_position


def _owner(path: list[str | int]) -> tuple[int, ...] | None:
    if len(path) >= 2 and path[0] == "contents" and isinstance(path[1], int):
        if len(path) >= 4 and path[2] == "services" and isinstance(path[3], int):
            return (path[1], path[3])
        return (path[1],)
    return None


class _Counter:
    """Counts the records of one stage and tells `progress` at its start, every PROGRESS_EVERY records and at its
    end."""

    def __init__(self, progress: ProgressCallback | None, stage: str, total: int) -> None:
        self.progress, self.stage, self.total = progress, stage, total
        self.done = self.told = 0
        if progress is not None:
            progress(stage, 0, total)

    def add(self, count: int = 1) -> None:
        self.done += count
        if self.done - self.told >= PROGRESS_EVERY:
            self._tell()

    def finish(self) -> None:
        if self.done != self.told:
            self._tell()

    def _tell(self) -> None:
        self.told = self.done
        if self.progress is not None:
            self.progress(self.stage, self.done, self.total)


def import_directory(
    document: Any, *, user: User | None = None, progress: ProgressCallback | None = None
) -> ImportReport:
    """Validate the document, check every record, and import all of it in one transaction, or nothing.

    `progress(stage, done, total)`, when given, is told how far the check (CHECKING) and the saving (SAVING, inside
    the transaction) are, counted in records of the report.
    """
    report = ImportReport()
    if not isinstance(document, dict):
        report.schema_valid = False
        report.errors.append(_("The file must hold one JSON object: an HSDS 3.0 page of organizations."))
        return report
    report.records, by_position = _records(document)
    checked = _Counter(progress, CHECKING, len(report.records))
    schema_failed: set[tuple[int, ...]] = set()
    for error in sorted(document_validator().iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        report.schema_valid = False
        owner = _owner(list(error.absolute_path))
        if owner is None or owner not in by_position:
            report.errors.append(_schema_reason(error))
        else:
            by_position[owner].reasons.append(_schema_reason(error))
            schema_failed.add(owner)
    if not report.schema_valid and not report.records:
        checked.finish()
        return report

    # Records the schema rejected are checked too, so one attempt shows every problem; only the model validation,
    # which would repeat the schema's findings, is left out for them. A record without a valid id cannot be checked.
    importer = _Importer(document)
    plans: list[_OrganisationPlan] = []
    for index, organisation, services in _walk(document):
        record = by_position[(index,)]
        checked.add(1 + len(services))
        if _as_uuid(organisation.get("id")) is None:
            for j, _service in services:
                by_position[(index, j)].notes.append(_("Not checked further: its organization has no valid id."))
            continue
        parent = importer.plan_organisation(record, organisation, model_checks=(index,) not in schema_failed)
        plans.append(parent)
        for j, service in services:
            if _as_uuid(service.get("id")) is not None:
                parent.services.append(
                    importer.plan_service(
                        by_position[(index, j)], service, parent, model_checks=(index, j) not in schema_failed
                    )
                )

    checked.done = len(report.records)  # also the records that are not dictionaries, which _walk skips
    checked.finish()
    if report.errors or report.rejected:
        return report
    try:
        _apply(plans, user, _Counter(progress, SAVING, len(report.records)))
    except IntegrityError:
        report.errors.append(_("The directory changed while importing. Nothing was imported; try again."))
        return report
    report.imported = True
    return report


def _save_history(instance: Service | ContactPerson, user: User | None, save_relations: Callable[[], None]) -> None:
    """Save an entry with its relations as one version, marked as imported.

    A changed entry gets a new version number, so that a form opened before the import is a conflict, not a
    silent undo of the import.
    """
    instance._change_reason = CHANGE_REASON  # type: ignore[union-attr]
    if user is not None:
        instance._history_user = user  # type: ignore[union-attr]
    existed = instance.pk is not None
    if existed:
        instance.version = F("version") + 1
    save_as_one_version(instance, save_relations)
    if existed:
        instance.refresh_from_db(fields=["version"])


def _save_contact_neighbourhoods(contact: ContactPerson, plan: _ContactPlan, is_new: bool) -> None:
    if is_new or {n.pk for n in contact.neighbourhoods.all()} != plan.neighbourhood_ids:
        contact.neighbourhoods.set(plan.neighbourhood_ids)


def _save_service_relations(service: Service, plan: _ServicePlan, created: bool) -> None:
    if created or {n.pk for n in service.neighbourhoods.all()} != plan.neighbourhood_ids:
        service.neighbourhoods.set(plan.neighbourhood_ids)
    service.domains.exclude(code__in=plan.domain_codes).delete()
    existing = set(service.domains.values_list("code", flat=True))
    ServiceDomain.objects.bulk_create(
        ServiceDomain(service=service, code=code) for code in sorted(plan.domain_codes - existing)
    )


def _apply_contacts(
    plans: list[_ContactPlan], organisation: Organisation, service: Service | None, user: User | None
) -> None:
    for plan in plans:
        contact = plan.instance
        is_new = contact.pk is None
        contact.organisation = organisation
        moved = contact.service_id != (service.pk if service else None)
        contact.service = service
        if plan.changed or moved:
            _save_history(contact, user, partial(_save_contact_neighbourhoods, contact, plan, is_new))


@transaction.atomic
def _apply(plans: list[_OrganisationPlan], user: User | None, saved: _Counter) -> None:
    listed_contacts = {c.instance.uid for p in plans for c in p.contacts} | {
        c.instance.uid for p in plans for s in p.services for c in s.contacts
    }
    for plan in plans:
        organisation = plan.instance
        created = organisation.pk is None
        if plan.changed:
            organisation.save()
        plan.record.action = "created" if created else "updated" if plan.changed else "unchanged"
        _apply_contacts(plan.contacts, organisation, None, user)
        ContactPerson.objects.filter(organisation=organisation, service__isnull=True).exclude(
            uid__in=listed_contacts
        ).delete()
        saved.add()
        for service_plan in plan.services:
            service = service_plan.instance
            created = service.pk is None
            service.organisation = organisation
            if service_plan.changed:
                _save_history(service, user, partial(_save_service_relations, service, service_plan, created))
            service_plan.record.action = "created" if created else "updated" if service_plan.changed else "unchanged"
            _apply_contacts(service_plan.contacts, organisation, service, user)
            service.contacts.exclude(uid__in=listed_contacts).delete()
            saved.add()
    saved.finish()
