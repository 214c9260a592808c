"""Build an authority, organizations, status lists and certificates exactly per credential-format.md.

Stands in for the service's signing code in these tests; every document is signed with the
package's own primitives, so a test that passes here checks the format, not a private shortcut.
Times are relative to the real clock (the CLI uses it) and fixed at construction.
"""

from __future__ import annotations

import base64
import copy
import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import nacl.signing
from volrec_verify import cryptosuite, holder, multikey, statuslist
from volrec_verify._internal.timefmt import format_time

BASE_URL = "http://127.0.0.1:8000"
ORG_CODE = "51110000MJ0000000X"
OTHER_CODE = "52110000MJ0000001Y"
ID_NUMBER = "11010519491231002X"
INDEX = 94567


def key(label: str) -> nacl.signing.SigningKey:
    """A deterministic key per label, so fixtures are reproducible."""
    return nacl.signing.SigningKey(hashlib.sha256(label.encode()).digest())


def ts(moment: datetime) -> str:
    return format_time(moment)


@dataclass
class OrgSpec:
    """An organization in the trust list: its rights and keys (label, validFrom, validUntil, revokedFrom)."""

    code: str
    name: str
    category: str = "VOLUNTEER_SERVICE_ORG"
    rights: list[dict[str, Any]] = field(default_factory=list)
    keys: list[tuple[str, datetime, datetime | None, datetime | None]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"urn:volrec:org:{self.code}"


class World:
    """One authority with a root chain, a trust list and two organizations, at a fixed `now`."""

    def __init__(self, now: datetime | None = None) -> None:
        self.now = (now or datetime.now(UTC)).replace(microsecond=0)
        year_ago = self.now - timedelta(days=365)
        self.root_keys = [key("root-1")]
        self.roots: list[dict[str, Any]] = [self._root(1, self.root_keys, [self.root_keys[0]])]
        self.orgs = {
            ORG_CODE: OrgSpec(
                ORG_CODE, "北京市海淀区志愿者协会",
                rights=[{"status": "GRANTED", "from": ts(year_ago), "until": None}],
                keys=[("org-1", year_ago, None, None)],
            ),
            OTHER_CODE: OrgSpec(
                OTHER_CODE, "朝阳区某社区居委会", category="GRASSROOTS_AUTONOMOUS",
                rights=[{"status": "GRANTED", "from": ts(year_ago), "until": None}],
                keys=[("other-1", year_ago, None, None)],
            ),
        }
        self.trust_list_version = 7
        self.trust_list_issued = self.now - timedelta(hours=1)
        self.revoked: dict[str, set[int]] = {"revocation": set(), "suspension": set()}

    # --- root and trust list -------------------------------------------------------------------

    def _root(
        self, version: int, keys: list[nacl.signing.SigningKey], signers: list[nacl.signing.SigningKey]
    ) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "type": "VolrecRoot", "version": version,
            "issued": ts(self.now - timedelta(days=400 - version)),
            "expires": ts(self.now + timedelta(days=365)), "threshold": 1,
            "keys": [
                {"id": self.root_key_id(k), "type": "Multikey", "controller": "urn:volrec:root",
                 "publicKeyMultibase": multikey.encode_public_key(bytes(k.verify_key))}
                for k in keys
            ],
        }
        for signer in signers:
            doc = cryptosuite.sign_document(
                doc, signing_key=signer, verification_method=self.root_key_id(signer),
                created=doc["issued"],
            )
        if isinstance(doc["proof"], dict):
            doc["proof"] = [doc["proof"]]
        return doc

    def root_key_id(self, k: nacl.signing.SigningKey) -> str:
        return f"urn:volrec:root#key-{self._root_key_number(k)}"

    def _root_key_number(self, k: nacl.signing.SigningKey) -> int:
        for n in range(1, 10):
            if bytes(key(f"root-{n}")) == bytes(k):
                return n
        return 99  # an attacker's key

    def rotate_root(self, signers: list[nacl.signing.SigningKey] | None = None) -> None:
        """Root version N+1 with a fresh key, signed by the old and the new key (unless told)."""
        version = len(self.roots) + 1
        new = key(f"root-{version}")
        old = self.root_keys[-1]
        self.roots.append(self._root(version, [new], signers if signers is not None else [old, new]))
        self.root_keys.append(new)

    def trust_list(self, signer: nacl.signing.SigningKey | None = None) -> dict[str, Any]:
        signer = signer or self.root_keys[-1]
        doc = {
            "type": "VolrecTrustList", "version": self.trust_list_version, "rootVersion": len(self.roots),
            "issued": ts(self.trust_list_issued), "expires": ts(self.trust_list_issued + timedelta(days=30)),
            "authority": {"id": "urn:volrec:authority", "name": "北京市民政局"},
            "organizations": [
                {
                    "id": org.id, "name": org.name, "category": org.category,
                    "issuingRights": copy.deepcopy(org.rights),
                    "verificationMethods": [
                        {
                            "id": f"{org.id}#key-{n}", "type": "Multikey", "controller": org.id,
                            "publicKeyMultibase": multikey.encode_public_key(bytes(key(label).verify_key)),
                            "validFrom": ts(start), "validUntil": ts(end) if end else None,
                            "revokedFrom": ts(revoked) if revoked else None,
                        }
                        for n, (label, start, end, revoked) in enumerate(org.keys, start=1)
                    ],
                }
                for org in self.orgs.values()
            ],
        }
        return cryptosuite.sign_document(
            doc, signing_key=signer, verification_method=self.root_key_id(signer), created=doc["issued"]
        )

    # --- status lists ------------------------------------------------------------------------------

    def status_list(self, purpose: str, code: str = ORG_CODE) -> dict[str, Any]:
        """Signed with the organization's newest key, as the service does."""
        org = self.orgs[code]
        key_number = len(org.keys)
        bits = bytearray(statuslist.MIN_ENTRIES // 8)
        for index in self.revoked[purpose] if code == ORG_CODE else ():
            statuslist.set_bit(bits, index)
        url = f"{BASE_URL}/status/{code}/{purpose}"
        issued = self.now - timedelta(minutes=30)
        doc = {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": url, "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": org.id, "validFrom": ts(issued), "validUntil": ts(issued + timedelta(days=7)),
            "credentialSubject": {
                "id": f"{url}#list", "type": "BitstringStatusList", "statusPurpose": purpose,
                "encodedList": statuslist.encode_list(bytes(bits)), "version": 12,
            },
        }
        label = org.keys[key_number - 1][0]
        return cryptosuite.sign_document(
            doc, signing_key=key(label), verification_method=f"{org.id}#key-{key_number}",
            created=ts(issued),
        )

    def status_lists(self) -> list[dict[str, Any]]:
        return [self.status_list(p, code) for code in self.orgs for p in ("revocation", "suspension")]

    def bundle(self) -> dict[str, Any]:
        return {"type": "VolrecTrustBundle", "roots": copy.deepcopy(self.roots),
                "trustList": self.trust_list(), "statusLists": self.status_lists()}

    # --- certificates ------------------------------------------------------------------------------

    def unsigned_certificate(
        self, *, code: str = ORG_CODE, issued: datetime | None = None, lines: int = 1, number: str = "0001234"
    ) -> dict[str, Any]:
        org = self.orgs[code]
        issued = issued or self.now - timedelta(days=1)
        salt = base64.urlsafe_b64encode(hashlib.sha256(number.encode()).digest()[:16]).rstrip(b"=").decode()
        services = [
            {"activity": f"社区垃圾分类宣传第{i + 1}场", "date": f"2026-03-{i + 1:02d}", "hours": "3.5",
             "content": "入户宣传垃圾分类知识，发放宣传册"}
            for i in range(lines)
        ]
        total = sum(float(s["hours"]) for s in services)
        cert_no = f"V{issued:%Y%m%d}{number}"
        status_base = f"{BASE_URL}/status/{code}"
        return {
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/volrec/v1"],
            "id": f"urn:volrec:cert:{cert_no}",
            "type": ["VerifiableCredential", "VolunteerServiceCertificate"],
            "issuer": {"id": org.id, "name": org.name},
            "validFrom": ts(issued),
            "credentialSubject": {
                "type": "Volunteer", "name": "张三", "volunteerNumber": "VN2X7KQ9P4MD",
                "idType": "CN_RESIDENT_ID", "idMasked": "110105********002X",
                "idDigest": holder.id_digest(ID_NUMBER, salt), "idSalt": salt,
                "certificateNumber": cert_no, "totalHours": f"{total:g}",
                "periodStart": services[0]["date"], "periodEnd": services[-1]["date"],
                "personInCharge": "李四", "handler": "王五", "services": services,
            },
            "credentialStatus": [
                {"type": "BitstringStatusListEntry", "statusPurpose": purpose, "statusListIndex": str(INDEX),
                 "statusListCredential": f"{status_base}/{purpose}"}
                for purpose in ("revocation", "suspension")
            ],
        }

    def sign(
        self, document: dict[str, Any], *, code: str = ORG_CODE, key_number: int = 1,
        created: datetime | None = None, signing_key: nacl.signing.SigningKey | None = None,
    ) -> dict[str, Any]:
        org = self.orgs[code]
        return cryptosuite.sign_document(
            document,
            signing_key=signing_key or key(org.keys[key_number - 1][0]),
            verification_method=f"{org.id}#key-{key_number}",
            created=ts(created) if created else document["validFrom"],
        )

    def certificate(self, **kwargs: Any) -> dict[str, Any]:
        """A valid, signed certificate (kwargs go to `unsigned_certificate`)."""
        return self.sign(self.unsigned_certificate(**kwargs), code=kwargs.get("code", ORG_CODE))
