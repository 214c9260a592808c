"""Organizations (registered by the authority), their issuing right, and sanctions (Art 24)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from service.domain import audit, clock
from service.domain.accounts import NewMember, check_new_password, create_member
from service.domain.credit_code import validate_credit_code
from service.domain.errors import DomainError, raise_all
from service.models import IssuingRightEvent, Organization, Sanction
from service.models.enums import IssuingRightAction, OrganizationCategory, SanctionKind
from service.policy import Actor, Operation, require


@dataclass(frozen=True)
class NewOrganization:
    credit_code: str
    name: str
    category: OrganizationCategory
    region: str = ""
    person_in_charge: str = ""
    admin: NewMember | None = None


async def register_organization(actor: Actor, data: NewOrganization) -> Organization:
    require(actor, Operation.REGISTER_ORGANIZATION)
    errors: list[DomainError] = []
    code = data.credit_code.strip().upper()
    try:
        code = validate_credit_code(code, "creditCode")
    except DomainError as error:
        errors.append(error)
    if not data.name.strip():
        errors.append(DomainError("REQUIRED", "name"))
    if data.admin is not None:
        try:
            check_new_password(data.admin.password, "admin.password")
        except DomainError as error:
            errors.append(error)
    raise_all(errors)
    async with in_transaction():
        if await Organization.filter(credit_code=code).exists():
            raise DomainError("DUPLICATE_CREDIT_CODE", "creditCode")
        organization = await Organization.create(
            credit_code=code,
            name=data.name.strip(),
            category=data.category,
            region=data.region.strip(),
            person_in_charge=data.person_in_charge.strip(),
        )
        await audit.append(actor.account_id, "REGISTER_ORGANIZATION", "Organization", organization.id)
        if data.admin is not None:  # its first admin, who then adds the rest of the staff
            await create_member(actor, organization.id, data.admin, "admin.")
    return organization


async def get_organization(organization_id: int) -> Organization:
    organization = await Organization.get_or_none(id=organization_id)
    if organization is None:
        raise DomainError("NOT_FOUND", "organizationId")
    return organization


async def has_issuing_right_at(organization_id: int, moment: datetime) -> bool:
    """The last issuing-right event at or before `moment` decides; no event means no right."""
    last = (
        await IssuingRightEvent.filter(organization_id=organization_id, effective_at__lte=clock.utc(moment))
        .order_by("-effective_at", "-id")
        .first()
    )
    return last is not None and last.action is IssuingRightAction.GRANT


async def is_stopped_at(organization_id: int, moment: datetime) -> bool:
    """Ordered to stop activities (Art 24): no recording and no issuing meanwhile."""
    moment = clock.utc(moment)
    return await Sanction.filter(
        Q(ends_at__isnull=True) | Q(ends_at__gt=moment),
        organization_id=organization_id,
        kind=SanctionKind.STOP_ACTIVITIES,
        starts_at__lte=moment,
    ).exists()


async def change_issuing_right(
    actor: Actor, organization_id: int, action: IssuingRightAction, reason: str
) -> IssuingRightEvent:
    require(actor, Operation.MANAGE_ISSUING_RIGHT)
    if action is not IssuingRightAction.GRANT and not reason.strip():
        raise DomainError("REASON_REQUIRED", "reason")
    async with in_transaction():
        organization = await Organization.select_for_update().get_or_none(id=organization_id)
        if organization is None:
            raise DomainError("NOT_FOUND", "organizationId")
        now = clock.now()
        active = await has_issuing_right_at(organization_id, now)
        if active == (action is IssuingRightAction.GRANT):
            raise DomainError("ISSUING_RIGHT_ALREADY", "organizationId")
        event = await IssuingRightEvent.create(
            organization=organization, action=action, effective_at=now, reason=reason.strip(),
            decided_by_id=actor.account_id,
        )
        await audit.append(actor.account_id, f"ISSUING_RIGHT_{action.value}", "Organization", organization_id)
    return event


async def impose_sanction(
    actor: Actor, organization_id: int, kind: SanctionKind, reason: str, ends_at: datetime | None
) -> Sanction:
    require(actor, Operation.SANCTION_ORGANIZATION)
    if not reason.strip():
        raise DomainError("REASON_REQUIRED", "reason")
    now = clock.now()
    if ends_at is not None and ends_at <= now:
        raise DomainError("INVALID_DATE_RANGE", "endsAt")
    async with in_transaction():
        await get_organization(organization_id)
        sanction = await Sanction.create(
            organization_id=organization_id, kind=kind, reason=reason.strip(), starts_at=now, ends_at=ends_at,
            decided_by_id=actor.account_id,
        )
        await audit.append(actor.account_id, f"SANCTION_{kind.value}", "Organization", organization_id)
    return sanction
