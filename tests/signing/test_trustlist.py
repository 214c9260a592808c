from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from nacl.signing import SigningKey
from volrec_verify.cryptosuite import verify_proof
from volrec_verify.multikey import decode_public_key

from service.signing.keys import KeyWindow, root_method_id
from service.signing.trustlist import (
    IssuingRight,
    Organization,
    OrgKey,
    RootKey,
    build_root,
    build_trust_bundle,
    build_trust_list,
)

from .conftest import ISSUED

YEAR = timedelta(days=365)
ROOT_1, ROOT_2 = SigningKey.generate(), SigningKey.generate()


def _root(version: int, key: SigningKey, signers: list[tuple[SigningKey, str]]) -> dict[str, Any]:
    return build_root(version, [RootKey(version, bytes(key.verify_key))], 1, ISSUED, ISSUED + YEAR, signers)


def _organization(org_key: SigningKey) -> Organization:
    granted = datetime(2026, 1, 1, tzinfo=UTC)
    return Organization(
        code="51110000MJ0000000X",
        name="北京市海淀区志愿者协会",
        category="VOLUNTEER_SERVICE_ORG",
        issuing_rights=[
            IssuingRight("GRANTED", granted),
            IssuingRight("SUSPENDED", granted + timedelta(days=30), granted + timedelta(days=60)),
        ],
        keys=[
            OrgKey(
                1, bytes(SigningKey.generate().verify_key), KeyWindow(granted, granted + timedelta(days=90))
            ),
            OrgKey(2, bytes(org_key.verify_key), KeyWindow(granted + timedelta(days=90))),
        ],
    )


def _trust_list(org_key: SigningKey) -> dict[str, Any]:
    return build_trust_list(
        version=7,
        root_version=1,
        issued=ISSUED,
        expires=ISSUED + timedelta(days=30),
        authority_name="北京市民政局",
        organizations=[_organization(org_key)],
        signing_key=ROOT_1,
        verification_method=root_method_id(1),
    )


def test_trust_list_lists_rights_and_keys_as_multikeys(issuer_key: SigningKey) -> None:
    trust_list = _trust_list(issuer_key)
    assert (trust_list["type"], trust_list["version"], trust_list["rootVersion"]) == ("VolrecTrustList", 7, 1)
    assert trust_list["authority"] == {"id": "urn:volrec:authority", "name": "北京市民政局"}
    (org,) = trust_list["organizations"]
    assert org["id"] == "urn:volrec:org:51110000MJ0000000X"
    assert org["issuingRights"] == [
        {"status": "GRANTED", "from": "2026-01-01T00:00:00Z", "until": None},
        {"status": "SUSPENDED", "from": "2026-01-31T00:00:00Z", "until": "2026-03-02T00:00:00Z"},
    ]
    rotated, current = org["verificationMethods"]
    assert rotated["validUntil"] == current["validFrom"] == "2026-04-01T00:00:00Z"
    assert current == {
        "id": "urn:volrec:org:51110000MJ0000000X#key-2",
        "type": "Multikey",
        "controller": "urn:volrec:org:51110000MJ0000000X",
        "publicKeyMultibase": current["publicKeyMultibase"],
        "validFrom": "2026-04-01T00:00:00Z",
        "validUntil": None,
        "revokedFrom": None,
    }
    assert decode_public_key(current["publicKeyMultibase"]) == bytes(issuer_key.verify_key)


def test_trust_list_is_signed_by_the_root_key(issuer_key: SigningKey) -> None:
    trust_list = _trust_list(issuer_key)
    assert trust_list["proof"]["verificationMethod"] == "urn:volrec:root#key-1"
    assert verify_proof(trust_list, trust_list["proof"], bytes(ROOT_1.verify_key))


def test_unknown_category_is_refused(issuer_key: SigningKey) -> None:
    org = _organization(issuer_key)
    company = Organization(org.code, org.name, "COMPANY", [], [])
    with pytest.raises(ValueError, match="category"):
        build_trust_list(1, 1, ISSUED, ISSUED + YEAR, "北京市民政局", [company], ROOT_1, root_method_id(1))


def test_first_root_is_self_signed_as_a_proof_set() -> None:
    root = _root(1, ROOT_1, [(ROOT_1, root_method_id(1))])
    assert root["type"] == "VolrecRoot"
    assert root["keys"] == [
        {
            "id": "urn:volrec:root#key-1",
            "type": "Multikey",
            "controller": "urn:volrec:root",
            "publicKeyMultibase": root["keys"][0]["publicKeyMultibase"],
        }
    ]
    (proof,) = root["proof"]
    assert verify_proof(root, proof, bytes(ROOT_1.verify_key))


def test_rotated_root_is_signed_by_the_old_and_the_new_key() -> None:
    root = _root(2, ROOT_2, [(ROOT_1, root_method_id(1)), (ROOT_2, root_method_id(2))])
    old, new = root["proof"]
    assert (old["verificationMethod"], new["verificationMethod"]) == (
        "urn:volrec:root#key-1",
        "urn:volrec:root#key-2",
    )
    assert verify_proof(root, old, bytes(ROOT_1.verify_key))
    assert verify_proof(root, new, bytes(ROOT_2.verify_key))


def test_root_not_signed_by_its_own_keys_is_refused() -> None:
    with pytest.raises(ValueError, match="own keys"):
        _root(2, ROOT_2, [(ROOT_1, root_method_id(1))])


def test_root_signer_named_with_the_wrong_method_does_not_count() -> None:
    with pytest.raises(ValueError, match="own keys"):
        _root(2, ROOT_2, [(ROOT_2, root_method_id(1))])


def test_bundle_carries_the_whole_root_chain(issuer_key: SigningKey) -> None:
    roots = [_root(1, ROOT_1, [(ROOT_1, root_method_id(1))])]
    trust_list = _trust_list(issuer_key)
    bundle = build_trust_bundle(roots, trust_list, [])
    assert bundle == {"type": "VolrecTrustBundle", "roots": roots, "trustList": trust_list, "statusLists": []}


def test_bundle_with_a_gap_in_the_root_chain_is_refused(issuer_key: SigningKey) -> None:
    root_2 = _root(2, ROOT_2, [(ROOT_1, root_method_id(1)), (ROOT_2, root_method_id(2))])
    with pytest.raises(ValueError, match="complete chain"):
        build_trust_bundle([root_2], _trust_list(issuer_key), [])


def test_bundle_with_a_trust_list_under_an_older_root_is_refused(issuer_key: SigningKey) -> None:
    roots = [
        _root(1, ROOT_1, [(ROOT_1, root_method_id(1))]),
        _root(2, ROOT_2, [(ROOT_1, root_method_id(1)), (ROOT_2, root_method_id(2))]),
    ]
    with pytest.raises(ValueError, match="newest root"):
        build_trust_bundle(roots, _trust_list(issuer_key), [])
