"""Who records, certifies (Art 26): may organization X certify volunteer Y for these records?

`decide` is the rule in plain Python over plain facts; `can_issue` gathers the facts from the
database. Both the `canIssue` query and certificate issuing call `can_issue`, so the answer a
volunteer is shown is the rule that is enforced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from service.domain import clock
from service.domain.errors import DomainError
from service.domain.organizations import has_issuing_right_at, is_stopped_at
from service.models import Organization, ServiceRecord
from service.models.enums import OrganizationCategory, RecordStatus, Recruitment


@dataclass(frozen=True)
class RecordFacts:
    record_id: int
    recorded_by: int
    recruitment: Recruitment


@dataclass(frozen=True)
class OrganizationFacts:
    organization_id: int
    category: OrganizationCategory
    stopped: bool
    has_issuing_right: bool


def decide(organization: OrganizationFacts, records: list[RecordFacts]) -> str:
    """Return `MAY_ISSUE` or the code of the first rule that refuses, in the order the Measures
    give them: the organization may act at all, holds the right, recorded this service itself,
    and (unless it is a volunteer service organization) recruited those volunteers itself."""
    if organization.stopped:
        return "ORGANIZATION_STOPPED"
    if not organization.has_issuing_right:
        return "NO_ISSUING_RIGHT"
    if not records:
        return "NO_RECORDS"
    if any(record.recorded_by != organization.organization_id for record in records):
        return "NOT_RECORDED_HERE"
    if organization.category is not OrganizationCategory.VOLUNTEER_SERVICE_ORG and any(
        record.recruitment is not Recruitment.SELF_RECRUITED for record in records
    ):
        return "NOT_SELF_RECRUITED"
    return "MAY_ISSUE"


@dataclass(frozen=True)
class IssueDecision:
    allowed: bool
    rule: str
    organization: Organization
    records: list[ServiceRecord]
    able_organizations: list[Organization] = field(default_factory=list)


async def _facts(organization: Organization, moment: datetime) -> OrganizationFacts:
    return OrganizationFacts(
        organization_id=organization.id,
        category=organization.category,
        stopped=await is_stopped_at(organization.id, moment),
        has_issuing_right=await has_issuing_right_at(organization.id, moment),
    )


def _record_facts(records: list[ServiceRecord]) -> list[RecordFacts]:
    return [
        RecordFacts(r.id, r.organization_id, r.activity.recruitment)  # type: ignore[attr-defined]
        for r in records
    ]


async def can_issue(
    organization_id: int,
    volunteer_id: int,
    record_ids: list[int] | None = None,
    moment: datetime | None = None,
) -> IssueDecision:
    """Decide for the chosen records (default: all current service this organization recorded).

    When the answer is no, `able_organizations` names those that could certify this volunteer's
    service instead, the answer the seed article gives for a volunteer association."""
    moment = moment or clock.now()
    organization = await Organization.get_or_none(id=organization_id)
    if organization is None:
        raise DomainError("NOT_FOUND", "organizationId")
    current = ServiceRecord.filter(volunteer_id=volunteer_id, status=RecordStatus.CURRENT).select_related(
        "activity"
    )
    if record_ids is None:
        records = await current.filter(organization_id=organization_id)
    else:
        records = await current.filter(id__in=record_ids)
        if len(records) != len(set(record_ids)):
            raise DomainError("NOT_FOUND", "recordIds")
    rule = decide(await _facts(organization, moment), _record_facts(records))
    if rule == "MAY_ISSUE":
        return IssueDecision(True, rule, organization, records)
    return IssueDecision(False, rule, organization, records, await _able_organizations(volunteer_id, moment))


async def _able_organizations(volunteer_id: int, moment: datetime) -> list[Organization]:
    all_records = await ServiceRecord.filter(volunteer_id=volunteer_id, status=RecordStatus.CURRENT).select_related(
        "activity", "organization"
    )
    by_organization: dict[int, list[ServiceRecord]] = {}
    for record in all_records:
        by_organization.setdefault(record.organization_id, []).append(record)  # type: ignore[attr-defined]
    able: list[Organization] = []
    for records in by_organization.values():
        organization = records[0].organization
        if decide(await _facts(organization, moment), _record_facts(records)) == "MAY_ISSUE":
            able.append(organization)
    return sorted(able, key=lambda o: o.id)
