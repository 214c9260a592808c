"""Each organization's signed revocation and suspension lists (W3C Bitstring Status List v1.0).

The set bits are derived from certificate statuses every time, so a list can never drift from the
certificates; a change of status rebuilds and re-signs both lists in the same transaction.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from tortoise.transactions import in_transaction

from service.config import Settings
from service.domain import keys
from service.domain.errors import DomainError
from service.models import Certificate, Organization, OrganizationKey, StatusList
from service.models.certificates import CertificateStatus
from service.signing.credential import STATUS_PURPOSES
from service.signing.statuslist import build_status_list_credential

LIFETIME = timedelta(days=7)
# Re-sign an unchanged list when less than this remains, so a cached copy never expires unseen.
REFRESH_BEFORE = timedelta(days=1)

_SET_BY = {"revocation": CertificateStatus.REVOKED, "suspension": CertificateStatus.SUSPENDED}


async def rebuild(organization: Organization, purpose: str, settings: Settings) -> StatusList:
    """Re-sign one list with the organization's current key and a version one higher."""
    now = keys.now_seconds()
    key = await keys.active_key(organization, settings, now)
    signing_key, method = keys.signer(key, settings)
    indexes = await Certificate.filter(organization_id=organization.id, status=_SET_BY[purpose]).values_list(
        "status_index", flat=True
    )
    row, _ = await StatusList.get_or_create(organization_id=organization.id, purpose=purpose)
    row.version += 1
    document = build_status_list_credential(
        organization.credit_code,
        purpose,
        [int(str(i)) for i in indexes],
        row.version,
        now,
        now + LIFETIME,
        settings.public_url,
        signing_key,
        method,
    )
    row.document = json.dumps(document, ensure_ascii=False)
    row.valid_until = now + LIFETIME
    await row.save()
    return row


async def rebuild_all(organization: Organization, settings: Settings) -> None:
    for purpose in STATUS_PURPOSES:
        await rebuild(organization, purpose, settings)


def _publishable(row: StatusList | None) -> bool:
    return row is not None and bool(row.document) and not _stale(row.valid_until)


async def current(organization: Organization, purpose: str, settings: Settings) -> dict[str, Any]:
    """The published list, re-signed first if it is missing or about to expire.

    A public read may re-sign, but never creates a key: an organization that has never signed
    anything has no list (NOT_FOUND). Re-signing holds the organization's row lock and checks again,
    so concurrent readers of a stale list publish one new version, not two with the same number."""
    if purpose not in STATUS_PURPOSES:
        raise DomainError("UNKNOWN_STATUS_PURPOSE", "purpose")
    row = await StatusList.get_or_none(organization_id=organization.id, purpose=purpose)
    if row is None or not _publishable(row):
        if not await OrganizationKey.filter(organization_id=organization.id).exists():
            raise DomainError("NOT_FOUND", "organizationId")
        async with in_transaction():
            await Organization.select_for_update().get(id=organization.id)
            row = await StatusList.get_or_none(organization_id=organization.id, purpose=purpose)
            if row is None or not _publishable(row):
                row = await rebuild(organization, purpose, settings)
    document: dict[str, Any] = json.loads(row.document)
    return document


async def all_current(settings: Settings) -> list[dict[str, Any]]:
    """Both lists of every organization that has a signing key, fresh (for the trust bundle)."""
    organizations = await Organization.filter(keys__id__isnull=False).distinct().order_by("id")
    return [await current(o, purpose, settings) for o in organizations for purpose in STATUS_PURPOSES]


def _stale(valid_until: datetime | None) -> bool:
    return valid_until is None or valid_until - keys.now_seconds() < REFRESH_BEFORE
