"""The audit log: every change appends an entry whose hash covers the previous entry's hash.

Appending must run inside the caller's transaction, so a change and its audit entry land together
or not at all. Details hold ids and field names, never personal data.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import rfc8785
from tortoise.exceptions import IntegrityError

from service.models import AuditEntry, AuditHead

GENESIS_HASH = "0" * 64


def entry_hash(
    *,
    sequence: int,
    at: datetime,
    actor_id: int | None,
    action: str,
    entity: str,
    entity_id: str,
    details: dict[str, Any],
    prev_hash: str,
) -> str:
    body: dict[str, Any] = {
        "sequence": sequence,
        "at": at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "actorId": actor_id,
        "action": action,
        "entity": entity,
        "entityId": entity_id,
        "details": details,
        "prevHash": prev_hash,
    }
    return hashlib.sha256(rfc8785.dumps(body)).hexdigest()


async def _locked_head() -> AuditHead:
    head = await AuditHead.select_for_update().get_or_none(id=1)
    if head is not None:
        return head
    with contextlib.suppress(IntegrityError):  # a concurrent first writer created it
        await AuditHead.create(id=1, sequence=0, entry_hash=GENESIS_HASH)
    return await AuditHead.select_for_update().get(id=1)


async def append(
    actor_id: int | None, action: str, entity: str, entity_id: object, details: dict[str, Any] | None = None
) -> AuditEntry:
    head = await _locked_head()
    at = datetime.now(UTC).replace(microsecond=0)
    sequence = head.sequence + 1
    fields: dict[str, Any] = {
        "sequence": sequence,
        "at": at,
        "actor_id": actor_id,
        "action": action,
        "entity": entity,
        "entity_id": str(entity_id),
        "details": details or {},
        "prev_hash": head.entry_hash,
    }
    digest = entry_hash(**fields)
    entry = await AuditEntry.create(**fields, entry_hash=digest)
    head.sequence = sequence
    head.entry_hash = digest
    await head.save(update_fields=["sequence", "entry_hash"])
    return entry


@dataclass(frozen=True)
class ChainReport:
    entries: int
    first_broken_sequence: int | None
    problem: str | None

    @property
    def intact(self) -> bool:
        return self.first_broken_sequence is None


async def verify_chain(batch_size: int = 1000) -> ChainReport:
    """Walk the chain in order; name the first entry whose hash or link does not hold."""
    prev_hash = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    while True:
        batch = await AuditEntry.filter(sequence__gte=expected_sequence).order_by("sequence").limit(batch_size)
        if not batch:
            break
        for entry in batch:
            if entry.sequence != expected_sequence:
                return ChainReport(checked, expected_sequence, "missing entry")
            if entry.prev_hash != prev_hash:
                return ChainReport(checked, entry.sequence, "link to previous entry broken")
            recomputed = entry_hash(
                sequence=entry.sequence,
                at=entry.at,
                actor_id=entry.actor_id,
                action=entry.action,
                entity=entry.entity,
                entity_id=entry.entity_id,
                details=entry.details,
                prev_hash=entry.prev_hash,
            )
            if recomputed != entry.entry_hash:
                return ChainReport(checked, entry.sequence, "entry altered")
            prev_hash = entry.entry_hash
            expected_sequence += 1
            checked += 1
    head = await AuditHead.get_or_none(id=1)
    if head is not None and (head.sequence != checked or head.entry_hash != prev_hash):
        return ChainReport(checked, checked + 1, "entries missing at the end")
    return ChainReport(checked, None, None)
