"""Activities: what an organization runs, and who recruited its volunteers (Art 26)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise.transactions import in_transaction

from service.domain import audit
from service.domain.errors import DomainError, raise_all
from service.domain.organizations import get_organization
from service.models import Activity, Organization
from service.models.enums import OrganizationCategory, Recruitment
from service.policy import Actor, Operation, require


@dataclass(frozen=True)
class NewActivity:
    organization_id: int
    name: str
    starts_on: date
    ends_on: date
    recruitment: Recruitment = Recruitment.SELF_RECRUITED
    partner_id: int | None = None
    content: str = ""
    place: str = ""
    person_in_charge: str = ""


async def create_activity(actor: Actor, data: NewActivity) -> Activity:
    require(actor, Operation.CREATE_ACTIVITY, organization_id=data.organization_id)
    errors: list[DomainError] = []
    if not data.name.strip():
        errors.append(DomainError("REQUIRED", "name"))
    if data.ends_on < data.starts_on:
        errors.append(DomainError("INVALID_DATE_RANGE", "endsOn"))
    partner: Organization | None = None
    if data.recruitment is Recruitment.VIA_PARTNER:
        partner = await Organization.get_or_none(id=data.partner_id) if data.partner_id else None
        if partner is None:
            errors.append(DomainError("PARTNER_REQUIRED", "partnerId"))
        elif partner.category is not OrganizationCategory.VOLUNTEER_SERVICE_ORG:
            errors.append(DomainError("PARTNER_NOT_VOLUNTEER_ORG", "partnerId"))
    raise_all(errors)
    async with in_transaction():
        organization = await get_organization(data.organization_id)
        activity = await Activity.create(
            organization=organization,
            name=data.name.strip(),
            content=data.content.strip(),
            place=data.place.strip(),
            person_in_charge=data.person_in_charge.strip(),
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            recruitment=data.recruitment,
            partner=partner,
        )
        await audit.append(actor.account_id, "CREATE_ACTIVITY", "Activity", activity.id)
    return activity
