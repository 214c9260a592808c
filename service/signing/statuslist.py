"""Signed W3C Bitstring Status List credentials (docs/credential-format.md, section 5).

The list is rebuilt from the set of revoked (or suspended) indexes each time it changes, so the
database keeps only indexes and a version counter, never a bitstring that could drift from them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from nacl.signing import SigningKey
from volrec_verify.cryptosuite import create_proof
from volrec_verify.statuslist import MIN_ENTRIES, encode_list, set_bit

from service.signing.credential import status_list_url
from service.signing.keys import org_id
from service.signing.timefmt import utc_timestamp


def build_status_list_credential(
    org_code: str,
    purpose: str,
    set_indexes: Iterable[int],
    version: int,
    valid_from: datetime,
    valid_until: datetime,
    base_url: str,
    signing_key: SigningKey,
    verification_method: str,
    size: int = MIN_ENTRIES,
) -> dict[str, Any]:
    """One organization's revocation or suspension list, signed by one of its current keys.

    `valid_until` bounds how long a verifier may trust this copy; publish a new version before then."""
    if size < MIN_ENTRIES or size % 8:
        raise ValueError("status list size must be a multiple of 8 and at least MIN_ENTRIES")
    if valid_until <= valid_from:
        raise ValueError("status list must expire after it becomes valid")
    bits = bytearray(size // 8)
    for index in set_indexes:
        if not 0 <= index < size:
            raise ValueError("status index outside the status list")
        set_bit(bits, index)
    list_id = status_list_url(base_url, org_code, purpose)
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": list_id,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": org_id(org_code),
        "validFrom": utc_timestamp(valid_from),
        "validUntil": utc_timestamp(valid_until),
        "credentialSubject": {
            "id": f"{list_id}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encode_list(bytes(bits)),
            "version": version,
        },
    }
    proof = create_proof(
        document,
        signing_key=signing_key,
        verification_method=verification_method,
        created=utc_timestamp(valid_from),
    )
    return {**document, "proof": proof}
