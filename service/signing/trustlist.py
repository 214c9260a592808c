"""The authority's signed documents (docs/credential-format.md, section 6): root, trust list, bundle.

Inputs are plain dataclasses so the domain layer maps its rows onto them and nothing here knows
about the database. Checking these documents is the verifier package's job, not this module's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from nacl.signing import SigningKey
from volrec_verify.cryptosuite import create_proof
from volrec_verify.multikey import encode_public_key

from service.signing.keys import ROOT_ID, KeyWindow, org_id, org_method_id, root_method_id
from service.signing.timefmt import utc_timestamp

AUTHORITY_ID = "urn:volrec:authority"
CATEGORIES = frozenset(
    {
        "VOLUNTEER_SERVICE_ORG",
        "CHARITY",
        "GRASSROOTS_AUTONOMOUS",
        "PUBLIC_WELFARE_ORGANIZER",
        "PUBLIC_SERVICE_BODY",
    }
)
RIGHT_STATUSES = frozenset({"GRANTED", "SUSPENDED", "REVOKED"})

# A key that signs: the private key and the `verificationMethod` its proofs name.
Signer = tuple[SigningKey, str]


@dataclass(frozen=True)
class IssuingRight:
    """A period in which an organization's right to issue was granted, suspended or revoked."""

    status: str
    start: datetime
    until: datetime | None = None


@dataclass(frozen=True)
class OrgKey:
    """An organization's n-th public key and when it may have signed."""

    number: int
    public_key: bytes
    window: KeyWindow


@dataclass(frozen=True)
class Organization:
    code: str
    name: str
    category: str
    issuing_rights: Sequence[IssuingRight]
    keys: Sequence[OrgKey]


@dataclass(frozen=True)
class RootKey:
    number: int
    public_key: bytes


def _optional_timestamp(moment: datetime | None) -> str | None:
    return None if moment is None else utc_timestamp(moment)


def _organization(org: Organization) -> dict[str, Any]:
    if org.category not in CATEGORIES:
        raise ValueError("unknown organization category")
    if any(right.status not in RIGHT_STATUSES for right in org.issuing_rights):
        raise ValueError("unknown issuing-right status")
    controller = org_id(org.code)
    return {
        "id": controller,
        "name": org.name,
        "category": org.category,
        "issuingRights": [
            {
                "status": right.status,
                "from": utc_timestamp(right.start),
                "until": _optional_timestamp(right.until),
            }
            for right in org.issuing_rights
        ],
        "verificationMethods": [
            {
                "id": org_method_id(org.code, key.number),
                "type": "Multikey",
                "controller": controller,
                "publicKeyMultibase": encode_public_key(key.public_key),
                "validFrom": utc_timestamp(key.window.valid_from),
                "validUntil": _optional_timestamp(key.window.valid_until),
                "revokedFrom": _optional_timestamp(key.window.revoked_from),
            }
            for key in org.keys
        ],
    }


def build_trust_list(
    version: int,
    root_version: int,
    issued: datetime,
    expires: datetime,
    authority_name: str,
    organizations: Iterable[Organization],
    signing_key: SigningKey,
    verification_method: str,
) -> dict[str, Any]:
    """Every organization with its issuing rights and keys, signed by a key of root `root_version`."""
    if expires <= issued:
        raise ValueError("trust list must expire after it is issued")
    document = {
        "type": "VolrecTrustList",
        "version": version,
        "rootVersion": root_version,
        "issued": utc_timestamp(issued),
        "expires": utc_timestamp(expires),
        "authority": {"id": AUTHORITY_ID, "name": authority_name},
        "organizations": [_organization(org) for org in organizations],
    }
    proof = create_proof(
        document,
        signing_key=signing_key,
        verification_method=verification_method,
        created=utc_timestamp(issued),
    )
    return {**document, "proof": proof}


def build_root(
    version: int,
    keys: Sequence[RootKey],
    threshold: int,
    issued: datetime,
    expires: datetime,
    signers: Sequence[Signer],
) -> dict[str, Any]:
    """Root version `version`, carrying one proof per signer (always a proof set).

    Version 1 is signed by its own keys; version N+1 must be signed by `threshold` keys of version N
    *and* of N+1 (TUF rotation), so pass both generations in `signers`. Only the second half can be
    checked here: the previous root is not an input."""
    if not 1 <= threshold <= len(keys):
        raise ValueError("threshold must be between 1 and the number of keys")
    if expires <= issued:
        raise ValueError("root must expire after it is issued")
    entries = [
        {
            "id": root_method_id(key.number),
            "type": "Multikey",
            "controller": ROOT_ID,
            "publicKeyMultibase": encode_public_key(key.public_key),
        }
        for key in keys
    ]
    own = {(entry["id"], key.public_key) for entry, key in zip(entries, keys, strict=True)}
    own_signers = sum((method, bytes(key.verify_key)) in own for key, method in signers)
    if own_signers < threshold:
        raise ValueError("a root must be signed by at least `threshold` of its own keys")
    document = {
        "type": "VolrecRoot",
        "version": version,
        "issued": utc_timestamp(issued),
        "expires": utc_timestamp(expires),
        "threshold": threshold,
        "keys": entries,
    }
    created = utc_timestamp(issued)
    proofs = [
        create_proof(document, signing_key=key, verification_method=method, created=created)
        for key, method in signers
    ]
    return {**document, "proof": proofs}


def build_trust_bundle(
    roots: Sequence[dict[str, Any]], trust_list: dict[str, Any], status_lists: Iterable[dict[str, Any]]
) -> dict[str, Any]:
    """What `volrec trust export` writes: the whole root chain, so a verifier can walk from version 1."""
    if [root["version"] for root in roots] != list(range(1, len(roots) + 1)):
        raise ValueError("roots must be the complete chain, versions 1..N in order")
    if trust_list["rootVersion"] != len(roots):
        raise ValueError("trust list must be signed under the newest root")
    return {
        "type": "VolrecTrustBundle",
        "roots": list(roots),
        "trustList": trust_list,
        "statusLists": list(status_lists),
    }
