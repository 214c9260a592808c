"""The authority's signed documents: the root chain (TUF-style rotation) and the trust list.

The root key is created, sealed, on first use. A trust list is published when asked, and
automatically whenever what it would say (organizations, rights, keys) differs from the latest one
or the latest one is getting old, so the bundle a verifier downloads is never behind the database.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import rfc8785
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from service.config import Settings
from service.domain import audit, clock
from service.domain.keys import now_seconds
from service.models import (
    IssuingRightEvent,
    Organization,
    OrganizationKey,
    RootKey,
    RootVersion,
    Sanction,
    TrustListVersion,
)
from service.models.enums import IssuingRightAction, SanctionKind
from service.policy import Actor, Operation, require
from service.signing import trustlist
from service.signing.keys import KeyWindow, SealedKey, root_method_id
from service.signing.timefmt import parse_utc_timestamp

AUTHORITY_NAME = "北京市民政局"
ROOT_LIFETIME = timedelta(days=365)
TRUST_LIST_LIFETIME = timedelta(days=30)
# Re-publish an unchanged trust list once it is this old, so verifiers never see it go stale.
TRUST_LIST_REFRESH = timedelta(days=1)

_RIGHT_STATUS = {
    IssuingRightAction.GRANT: "GRANTED",
    IssuingRightAction.SUSPEND: "SUSPENDED",
    IssuingRightAction.REVOKE: "REVOKED",
}


def dumps(document: dict[str, Any]) -> str:
    """Stored form of a signed document: its canonical (JCS) text, the bytes its proof covers."""
    return rfc8785.dumps(document).decode("utf-8")


def _sealed(row: RootKey | OrganizationKey) -> SealedKey:
    return SealedKey(bytes(row.public_key), bytes(row.sealed_seed))


async def _root_keys() -> list[RootKey]:
    return list(await RootKey.all().order_by("number"))


async def ensure_root(settings: Settings) -> RootVersion:
    """Root version 1, self-signed by root key 1, created on first use."""
    latest = await RootVersion.all().order_by("-version").first()
    if latest is not None:
        return latest
    try:
        return await _create_first_root(settings)
    except IntegrityError:  # a concurrent first use created it
        return await RootVersion.get(version=1)


async def _create_first_root(settings: Settings) -> RootVersion:
    async with in_transaction():
        sealed = SealedKey.generate(settings)
        key = await RootKey.create(number=1, public_key=sealed.public_key, sealed_seed=sealed.sealed_seed)
        now = now_seconds()
        document = trustlist.build_root(
            1,
            [trustlist.RootKey(1, sealed.public_key)],
            1,
            now,
            now + ROOT_LIFETIME,
            [(sealed.signing_key(settings), root_method_id(key.number))],
        )
        row = await RootVersion.create(version=1, document=dumps(document))
        await audit.append(None, "CREATE_ROOT", "RootVersion", 1)
    return row


async def _latest_root_locked(settings: Settings) -> RootVersion:
    """The latest root, with root 1 locked (call inside a transaction). Root 1 always exists, so
    rotations and trust-list publications take turns on it and read N only after the lock."""
    await ensure_root(settings)
    await RootVersion.select_for_update().get(version=1)
    latest = await RootVersion.all().order_by("-version").first()
    assert latest is not None
    return latest


async def rotate_root(actor: Actor, settings: Settings) -> tuple[RootVersion, TrustListVersion]:
    """Root N+1 with a new key, signed by the old key and the new one; then a trust list under it."""
    require(actor, Operation.PUBLISH_TRUST_LIST)
    async with in_transaction():
        previous = await _latest_root_locked(settings)
        old_key = (await _root_keys())[-1]
        sealed = SealedKey.generate(settings)
        new_key = await RootKey.create(
            number=old_key.number + 1, public_key=sealed.public_key, sealed_seed=sealed.sealed_seed
        )
        now = now_seconds()
        version = previous.version + 1
        document = trustlist.build_root(
            version,
            [trustlist.RootKey(new_key.number, sealed.public_key)],
            1,
            now,
            now + ROOT_LIFETIME,
            [
                (_sealed(old_key).signing_key(settings), root_method_id(old_key.number)),
                (sealed.signing_key(settings), root_method_id(new_key.number)),
            ],
        )
        row = await RootVersion.create(version=version, document=dumps(document))
        await audit.append(actor.account_id, "ROTATE_ROOT", "RootVersion", version)
    return row, await publish(actor, settings)


def _period(status: str, start: datetime, until: datetime | None) -> trustlist.IssuingRight:
    """A period in the whole seconds that signed documents carry. A certificate is dated by its
    second rounded down and was issued only while the right held (checked to the microsecond), so
    a GRANTED period widens to whole seconds and a withdrawal narrows: one issued in the same
    second as a later suspension never looks issued without the right."""
    floor = start.replace(microsecond=0)
    if status == "GRANTED":
        return trustlist.IssuingRight(status, floor, clock.ceil_second(until) if until else None)
    return trustlist.IssuingRight(status, clock.ceil_second(start), until.replace(microsecond=0) if until else None)


def _rights(events: list[IssuingRightEvent], sanctions: list[Sanction]) -> list[trustlist.IssuingRight]:
    """Issuing-right events as periods; an order to stop activities is a SUSPENDED period too."""
    periods: list[trustlist.IssuingRight] = []
    for event, following in zip(events, [*events[1:], None], strict=True):
        until = following.effective_at if following is not None else None
        periods.append(_period(_RIGHT_STATUS[event.action], event.effective_at, until))
    periods.extend(
        _period("SUSPENDED", s.starts_at, s.ends_at) for s in sanctions if s.kind is SanctionKind.STOP_ACTIVITIES
    )
    return periods


async def _organizations() -> list[trustlist.Organization]:
    """Every organization that has a key, in a fixed order, so equal content compares equal."""
    keys = await OrganizationKey.all().order_by("organization_id", "number")
    by_org: dict[int, list[OrganizationKey]] = {}
    for key in keys:
        by_org.setdefault(key.organization_id, []).append(key)
    organizations = {o.id: o for o in await Organization.filter(id__in=list(by_org))}
    events: dict[int, list[IssuingRightEvent]] = {}
    for event in await IssuingRightEvent.filter(organization_id__in=list(by_org)).order_by(
        "effective_at", "id"
    ):
        events.setdefault(event.organization_id, []).append(event)  # type: ignore[attr-defined]
    sanctions: dict[int, list[Sanction]] = {}
    for sanction in await Sanction.filter(organization_id__in=list(by_org)).order_by("starts_at", "id"):
        sanctions.setdefault(sanction.organization_id, []).append(sanction)  # type: ignore[attr-defined]
    return [
        trustlist.Organization(
            code=organizations[org_id].credit_code,
            name=organizations[org_id].name,
            category=organizations[org_id].category.value,
            issuing_rights=_rights(events.get(org_id, []), sanctions.get(org_id, [])),
            keys=[
                trustlist.OrgKey(
                    k.number, bytes(k.public_key), KeyWindow(k.valid_from, k.valid_until, k.revoked_from)
                )
                for k in org_keys
            ],
        )
        for org_id, org_keys in sorted(by_org.items())
    ]


async def _publish(settings: Settings, actor_id: int | None, *, force: bool) -> TrustListVersion:
    async with in_transaction():
        root = await _latest_root_locked(settings)
        root_key = (await _root_keys())[-1]
        organizations = await _organizations()
        now = now_seconds()
        latest = await TrustListVersion.all().order_by("-version").first()
        if latest is not None and not force and latest.root_version == root.version:
            previous = json.loads(latest.document)
            draft = trustlist.build_trust_list(
                latest.version,
                root.version,
                now,
                now + TRUST_LIST_LIFETIME,
                AUTHORITY_NAME,
                organizations,
                _sealed(root_key).signing_key(settings),
                root_method_id(root_key.number),
            )
            fresh = now - parse_utc_timestamp(previous["issued"]) < TRUST_LIST_REFRESH
            if fresh and draft["organizations"] == previous["organizations"]:
                return latest
        version = (latest.version + 1) if latest is not None else 1
        document = trustlist.build_trust_list(
            version,
            root.version,
            now,
            now + TRUST_LIST_LIFETIME,
            AUTHORITY_NAME,
            organizations,
            _sealed(root_key).signing_key(settings),
            root_method_id(root_key.number),
        )
        row = await TrustListVersion.create(
            version=version,
            root_version=root.version,
            document=dumps(document),
            issued_at=now,
            expires_at=now + TRUST_LIST_LIFETIME,
        )
        await audit.append(actor_id, "PUBLISH_TRUST_LIST", "TrustListVersion", version)
    return row


async def publish(actor: Actor, settings: Settings) -> TrustListVersion:
    """A new trust list version now, whatever changed (the authority's explicit act)."""
    require(actor, Operation.PUBLISH_TRUST_LIST)
    return await _publish(settings, actor.account_id, force=True)


async def current_trust_list(settings: Settings) -> dict[str, Any]:
    """The latest trust list, re-published first if the database says something newer."""
    row = await _publish(settings, None, force=False)
    document: dict[str, Any] = json.loads(row.document)
    return document


async def roots() -> list[dict[str, Any]]:
    return [json.loads(r.document) for r in await RootVersion.all().order_by("version")]


async def bundle(settings: Settings) -> dict[str, Any]:
    """What `volrec trust export` writes and `/trust/bundle.json` serves (credential-format.md s. 6)."""
    from service.domain import statuslists

    lists = await statuslists.all_current(settings)  # first: signing may create a key the list must name
    trust_list = await current_trust_list(settings)
    return trustlist.build_trust_bundle(await roots(), trust_list, lists)

