"""End to end: what the service signs, the offline verifier accepts (and refuses when it should)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from nacl.signing import SigningKey
from volrec_verify import Policy, Reason, open_bundle, verify
from volrec_verify.qrcodec import decode_qr_payload

from service.signing.credential import build_credential, sign_credential
from service.signing.keys import KeyWindow, org_method_id, root_method_id
from service.signing.qr import qr_payload
from service.signing.samples import SAMPLE_ISSUER_CODE, SAMPLE_ISSUER_NAME, sample_content
from service.signing.statuslist import build_status_list_credential
from service.signing.trustlist import (
    IssuingRight,
    Organization,
    OrgKey,
    RootKey,
    build_root,
    build_trust_bundle,
    build_trust_list,
)

GRANTED = datetime(2026, 1, 1, tzinfo=UTC)
ROTATED = datetime(2026, 6, 1, tzinfo=UTC)
ISSUED = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
BASE_URL = "http://127.0.0.1:8000"
OLD_ORG_KEY, ORG_KEY = SigningKey.generate(), SigningKey.generate()
ROOT_1, ROOT_2 = SigningKey.generate(), SigningKey.generate()


def _bundle(revoked: list[int]) -> dict[str, Any]:
    year = timedelta(days=365)
    root_1 = build_root(
        1, [RootKey(1, bytes(ROOT_1.verify_key))], 1, GRANTED, GRANTED + year, [(ROOT_1, root_method_id(1))]
    )
    root_2 = build_root(
        2,
        [RootKey(2, bytes(ROOT_2.verify_key))],
        1,
        ROTATED,
        ROTATED + year,
        [(ROOT_1, root_method_id(1)), (ROOT_2, root_method_id(2))],
    )
    organization = Organization(
        code=SAMPLE_ISSUER_CODE,
        name=SAMPLE_ISSUER_NAME,
        category="VOLUNTEER_SERVICE_ORG",
        issuing_rights=[IssuingRight("GRANTED", GRANTED)],
        keys=[
            OrgKey(1, bytes(OLD_ORG_KEY.verify_key), KeyWindow(GRANTED, ROTATED)),
            OrgKey(2, bytes(ORG_KEY.verify_key), KeyWindow(ROTATED)),
        ],
    )
    trust_list = build_trust_list(
        3, 2, ISSUED, ISSUED + timedelta(days=30), "北京市民政局", [organization], ROOT_2, root_method_id(2)
    )
    status_lists = [
        build_status_list_credential(
            SAMPLE_ISSUER_CODE,
            purpose,
            revoked if purpose == "revocation" else [],
            1,
            ISSUED,
            ISSUED + timedelta(days=7),
            BASE_URL,
            ORG_KEY,
            org_method_id(SAMPLE_ISSUER_CODE, 2),
        )
        for purpose in ("revocation", "suspension")
    ]
    return build_trust_bundle([root_1, root_2], trust_list, status_lists)


def _check(credential: dict[str, Any], revoked: list[int], id_number: str | None = None) -> Reason:
    opened = open_bundle(_bundle(revoked), trusted_root=None)
    status_lists = {document["id"]: document for document in opened.status_lists}
    policy = Policy(now=ISSUED + timedelta(days=1))
    return verify(
        credential, opened.trust_list, status_lists=status_lists, policy=policy, id_number=id_number
    ).reason


def _certificate(
    key: SigningKey = ORG_KEY, number: int = 2, status_index: int = 94567
) -> tuple[dict[str, Any], str]:
    content = replace(sample_content(10, ISSUED, BASE_URL), status_index=status_index)
    credential = sign_credential(
        build_credential(content), key, org_method_id(SAMPLE_ISSUER_CODE, number), ISSUED
    )
    return credential, content.id_number


def test_issued_certificate_verifies_offline_with_the_exported_bundle() -> None:
    credential, id_number = _certificate()
    assert _check(credential, revoked=[7], id_number=id_number) is Reason.VALID


def test_certificate_read_back_from_its_qr_verifies() -> None:
    credential, _ = _certificate()
    assert _check(decode_qr_payload(qr_payload(credential)), revoked=[]) is Reason.VALID


def test_revoked_certificate_is_reported_revoked() -> None:
    credential, _ = _certificate(status_index=94567)
    assert _check(credential, revoked=[94567]) is Reason.REVOKED


def test_someone_else_showing_the_certificate_is_a_holder_mismatch() -> None:
    credential, _ = _certificate()
    assert _check(credential, revoked=[], id_number="110105194912310021") is Reason.HOLDER_MISMATCH


def test_certificate_signed_with_a_rotated_out_key_is_refused() -> None:
    credential, _ = _certificate(key=OLD_ORG_KEY, number=1)
    assert _check(credential, revoked=[]) is Reason.KEY_NOT_VALID
