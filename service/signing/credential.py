"""Build and sign a VolunteerServiceCertificate (docs/credential-format.md, section 3).

Building and signing are separate steps so the domain layer can store the exact unsigned content
it certified, and so tests can inspect a credential before a key touches it.
"""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from nacl.signing import SigningKey
from volrec_verify.cryptosuite import create_proof, nfc
from volrec_verify.holder import id_digest
from volrec_verify.statuslist import MIN_ENTRIES

from service.signing.keys import org_id
from service.signing.timefmt import CHINA_TZ, utc_timestamp

CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/volrec/v1"]
ID_TYPES = frozenset(
    {"CN_RESIDENT_ID", "PASSPORT", "HK_MACAO_PERMIT", "TAIWAN_PERMIT", "FOREIGN_PERMANENT_RESIDENT_ID"}
)
STATUS_PURPOSES = ("revocation", "suspension")


@dataclass(frozen=True)
class ServiceLine:
    """One certified service record (Art 7): what, when, how many hours actually given, doing what."""

    activity: str
    date: date
    hours: Decimal
    content: str


@dataclass(frozen=True, repr=False)
class CertificateContent:
    """Everything a certificate states. `id_number` is plaintext only so its salted digest can be
    computed; it is never written into the credential."""

    certificate_number: str
    issuer_code: str
    issuer_name: str
    holder_name: str
    volunteer_number: str
    id_type: str
    id_masked: str
    id_number: str
    person_in_charge: str
    handler: str
    services: Sequence[ServiceLine]
    issued_at: datetime
    status_index: int
    status_base_url: str

    def __repr__(self) -> str:
        # Keep the ID number and the holder out of logs and tracebacks.
        return f"CertificateContent(certificate_number={self.certificate_number!r}, ...)"


def format_hours(hours: Decimal) -> str:
    """`Decimal("3.50")` → `"3.5"`, `Decimal("12.0")` → `"12"`; at most two decimals, never floats."""
    if not hours.is_finite() or hours <= 0:
        raise ValueError("hours must be a positive number")
    exponent = hours.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValueError("hours have more than two decimal places")
    return format(hours.normalize(), "f")


def status_list_url(base_url: str, issuer_code: str, purpose: str) -> str:
    """`<public base URL>/status/<code>/<purpose>`: where a status list is published."""
    if purpose not in STATUS_PURPOSES:
        raise ValueError("unknown status purpose")
    org_id(issuer_code)  # validates the code
    return f"{base_url.rstrip('/')}/status/{issuer_code}/{purpose}"


def build_credential(content: CertificateContent) -> dict[str, Any]:
    """The unsigned credential, NFC-normalized, with a fresh random salt for the ID digest."""
    if not content.services:
        raise ValueError("a certificate needs at least one service line")
    if content.id_type not in ID_TYPES:
        raise ValueError("unknown ID type")
    if content.status_index < 0:
        raise ValueError("status index must not be negative")
    salt = base64.urlsafe_b64encode(secrets.token_bytes(16)).rstrip(b"=").decode("ascii")
    dates = [line.date for line in content.services]
    services = [
        {
            "activity": line.activity,
            "date": line.date.isoformat(),
            "hours": format_hours(line.hours),
            "content": line.content,
        }
        for line in content.services
    ]
    credential = {
        "@context": CONTEXTS,
        "id": f"urn:volrec:cert:{content.certificate_number}",
        "type": ["VerifiableCredential", "VolunteerServiceCertificate"],
        "issuer": {"id": org_id(content.issuer_code), "name": content.issuer_name},
        "validFrom": utc_timestamp(content.issued_at),
        "credentialSubject": {
            "type": "Volunteer",
            "name": content.holder_name,
            "volunteerNumber": content.volunteer_number,
            "idType": content.id_type,
            "idMasked": content.id_masked,
            "idDigest": id_digest(content.id_number, salt),
            "idSalt": salt,
            "certificateNumber": content.certificate_number,
            "totalHours": format_hours(sum((line.hours for line in content.services), Decimal(0))),
            "periodStart": min(dates).isoformat(),
            "periodEnd": max(dates).isoformat(),
            "personInCharge": content.person_in_charge,
            "handler": content.handler,
            "services": services,
        },
        "credentialStatus": [
            {
                "type": "BitstringStatusListEntry",
                "statusPurpose": purpose,
                "statusListIndex": str(content.status_index),
                "statusListCredential": status_list_url(
                    content.status_base_url, content.issuer_code, purpose
                ),
            }
            for purpose in STATUS_PURPOSES
        ],
    }
    normalized: dict[str, Any] = nfc(credential)
    return normalized


def sign_credential(
    credential: dict[str, Any], signing_key: SigningKey, verification_method: str, created: datetime
) -> dict[str, Any]:
    """Attach one eddsa-jcs-2022 proof; a credential that already carries a proof is refused."""
    if "proof" in credential:
        raise ValueError("credential is already signed")
    proof = create_proof(
        credential,
        signing_key=signing_key,
        verification_method=verification_method,
        created=utc_timestamp(created),
    )
    return {**credential, "proof": proof}


def new_certificate_number(today: date | None = None) -> str:
    """`V` + issue date (China time) + 8 random digits, e.g. `V2026120300001234`.

    Random rather than sequential so numbers reveal nothing about an organization's volume; the
    database's unique constraint catches the rare collision and the caller draws again."""
    day = today or datetime.now(CHINA_TZ).date()
    return f"V{day:%Y%m%d}{secrets.randbelow(10**8):08d}"


def random_status_index(used: set[int] | None = None, size: int = MIN_ENTRIES) -> int:
    """A uniformly random free slot, so a list's set bits say nothing about issue order (W3C §6.5)."""
    taken = used or set()
    if len(taken) >= size:
        raise ValueError("status list is full")
    while True:
        index = secrets.randbelow(size)
        if index not in taken:
            return index


def credential_json(credential: dict[str, Any]) -> bytes:
    """The file form of a credential (`.json` export, PDF attachment): readable UTF-8, stable bytes.

    Verification does not depend on these bytes (the proof covers the JCS form), so they may be
    pretty-printed for people who open the file."""
    return json.dumps(credential, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
