from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from nacl.signing import SigningKey
from volrec_verify.cryptosuite import verify_proof
from volrec_verify.statuslist import MIN_ENTRIES, decode_list, is_set

from service.signing.samples import SAMPLE_ISSUER_CODE
from service.signing.statuslist import build_status_list_credential

from .conftest import ISSUED

URL = "http://127.0.0.1:8000/status/51110000MJ0000000X/revocation"


def _status_list(key: SigningKey, method: str, indexes: list[int], **changes: Any) -> dict[str, Any]:
    arguments: dict[str, Any] = {
        "org_code": SAMPLE_ISSUER_CODE,
        "purpose": "revocation",
        "set_indexes": indexes,
        "version": 12,
        "valid_from": ISSUED,
        "valid_until": ISSUED + timedelta(days=7),
        "base_url": "http://127.0.0.1:8000/",
        "signing_key": key,
        "verification_method": method,
    }
    return build_status_list_credential(**(arguments | changes))


def test_status_list_has_the_documented_shape(issuer_key: SigningKey, issuer_method: str) -> None:
    document = _status_list(issuer_key, issuer_method, [94567])
    assert document["@context"] == ["https://www.w3.org/ns/credentials/v2"]
    assert document["id"] == URL
    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert document["issuer"] == "urn:volrec:org:51110000MJ0000000X"
    assert (document["validFrom"], document["validUntil"]) == ("2026-12-03T08:00:00Z", "2026-12-10T08:00:00Z")
    subject = document["credentialSubject"]
    assert subject["id"] == URL + "#list"
    assert subject["type"] == "BitstringStatusList"
    assert (subject["statusPurpose"], subject["version"]) == ("revocation", 12)
    assert subject["encodedList"].startswith("u")


def test_exactly_the_given_indexes_are_set(issuer_key: SigningKey, issuer_method: str) -> None:
    revoked = [0, 7, 8, 94567, MIN_ENTRIES - 1]
    bits = decode_list(
        _status_list(issuer_key, method=issuer_method, indexes=revoked)["credentialSubject"]["encodedList"]
    )
    assert len(bits) * 8 == MIN_ENTRIES
    assert [index for index in range(MIN_ENTRIES) if is_set(bits, index)] == revoked


def test_status_list_is_signed_by_the_organization_key(issuer_key: SigningKey, issuer_method: str) -> None:
    document = _status_list(issuer_key, issuer_method, [5])
    assert document["proof"]["verificationMethod"] == issuer_method
    assert verify_proof(document, document["proof"], bytes(issuer_key.verify_key))


def test_index_outside_the_list_is_refused(issuer_key: SigningKey, issuer_method: str) -> None:
    with pytest.raises(ValueError, match="outside"):
        _status_list(issuer_key, issuer_method, [MIN_ENTRIES])


def test_lists_shorter_than_the_herd_privacy_minimum_are_refused(
    issuer_key: SigningKey, issuer_method: str
) -> None:
    with pytest.raises(ValueError, match="at least"):
        _status_list(issuer_key, issuer_method, [], size=MIN_ENTRIES // 2)


def test_unknown_purpose_is_refused(issuer_key: SigningKey, issuer_method: str) -> None:
    with pytest.raises(ValueError, match="purpose"):
        _status_list(issuer_key, issuer_method, [], purpose="expiry")


def test_list_that_expires_before_it_starts_is_refused(issuer_key: SigningKey, issuer_method: str) -> None:
    with pytest.raises(ValueError, match="expire"):
        _status_list(issuer_key, issuer_method, [], valid_until=ISSUED)
