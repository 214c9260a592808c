"""Organization signing keys: created on first use, rotated, revoked from a date after a compromise.

Key windows follow docs/credential-format.md section 6: rotation closes the old key's window
(`valid_until`), a compromise sets `revoked_from`. Times are whole seconds, as the documents print them.
"""

from __future__ import annotations

from datetime import datetime

from nacl.signing import SigningKey
from tortoise.transactions import in_transaction

from service.config import Settings
from service.domain import audit, clock
from service.domain.errors import DomainError
from service.models import Organization, OrganizationKey
from service.policy import Actor, Operation, require
from service.signing.keys import SealedKey, org_method_id


def now_seconds() -> datetime:
    """Documents carry whole seconds; storing the same instant keeps windows and proofs in step."""
    return clock.now().replace(microsecond=0)


def signer(key: OrganizationKey, settings: Settings) -> tuple[SigningKey, str]:
    """The private key (unsealed for this one use) and the `verificationMethod` it signs as."""
    organization: Organization = key.organization
    sealed = SealedKey(bytes(key.public_key), bytes(key.sealed_seed))
    return sealed.signing_key(settings), org_method_id(organization.credit_code, key.number)


async def active_key(organization: Organization, settings: Settings, moment: datetime) -> OrganizationKey:
    """The key that signs at `moment`, generating key 1 (or the next one) when none is usable.

    Call inside the caller's transaction, with the organization row locked."""
    keys = await OrganizationKey.filter(organization_id=organization.id).order_by("-number")
    for key in keys:
        if (
            key.valid_from <= moment
            and key.valid_until is None
            and (key.revoked_from is None or moment < key.revoked_from)
        ):
            key.organization = organization
            return key
    return await _new_key(organization, settings, moment, (keys[0].number + 1) if keys else 1)


async def _new_key(
    organization: Organization, settings: Settings, moment: datetime, number: int
) -> OrganizationKey:
    sealed = SealedKey.generate(settings)
    key = await OrganizationKey.create(
        organization=organization,
        number=number,
        public_key=sealed.public_key,
        sealed_seed=sealed.sealed_seed,
        valid_from=moment,
    )
    await audit.append(None, "CREATE_SIGNING_KEY", "Organization", organization.id, {"keyNumber": number})
    return key


async def rotate(actor: Actor, organization_id: int, settings: Settings) -> OrganizationKey:
    """New key signs from now; the old one keeps verifying what it signed before now."""
    require(actor, Operation.MANAGE_SIGNING_KEYS, organization_id=organization_id)
    async with in_transaction():
        organization = await _locked_organization(organization_id)
        now = now_seconds()
        current = await active_key(organization, settings, now)
        if current.valid_from == now:
            # Its window would be empty: what it signed this second would stop verifying.
            raise DomainError("KEY_JUST_CREATED", "organizationId")
        current.valid_until = now
        await current.save(update_fields=["valid_until"])
        key = await _new_key(organization, settings, now, current.number + 1)
        await audit.append(
            actor.account_id, "ROTATE_SIGNING_KEY", "Organization", organization_id, {"keyNumber": key.number}
        )
    from service.domain import statuslists  # re-sign the lists with the new key

    await statuslists.rebuild_all(organization, settings)
    return key


async def revoke(
    actor: Actor, organization_id: int, number: int, revoked_from: datetime | None, settings: Settings
) -> OrganizationKey:
    """A compromised key stops verifying from `revoked_from` (default now); a fresh key takes over."""
    require(actor, Operation.MANAGE_SIGNING_KEYS, organization_id=organization_id)
    now = now_seconds()
    moment = (revoked_from or now).replace(microsecond=0)
    if moment.tzinfo is None:
        raise DomainError("NAIVE_DATETIME", "revokedFrom")
    if moment > now:
        raise DomainError("IN_FUTURE", "revokedFrom")
    async with in_transaction():
        organization = await _locked_organization(organization_id)
        key = await OrganizationKey.get_or_none(organization_id=organization_id, number=number)
        if key is None:
            raise DomainError("NOT_FOUND", "keyNumber")
        if key.revoked_from is not None:
            raise DomainError("KEY_ALREADY_REVOKED", "keyNumber")
        key.revoked_from = moment
        await key.save(update_fields=["revoked_from"])
        await audit.append(
            actor.account_id, "REVOKE_SIGNING_KEY", "Organization", organization_id, {"keyNumber": number}
        )
        await active_key(organization, settings, now)
    from service.domain import statuslists

    await statuslists.rebuild_all(organization, settings)
    return key


async def _locked_organization(organization_id: int) -> Organization:
    organization = await Organization.select_for_update().get_or_none(id=organization_id)
    if organization is None:
        raise DomainError("NOT_FOUND", "organizationId")
    return organization
