"""Every reason code from the verify core, with certificates made exactly per the format document.

Attack tests are named after the attack they stop.
"""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

from factory import INDEX, OTHER_CODE, World, key, ts
from volrec_verify import Policy, Reason, WarningCode, open_bundle, verify
from volrec_verify.trust import TrustList


def check(world: World, credential: Any, *, status: bool = True, **kwargs: Any) -> Any:
    bundle = open_bundle(world.bundle(), None)
    lists = {doc["id"]: doc for doc in bundle.status_lists} if status else {}
    return verify(credential, bundle.trust_list, status_lists=lists, policy=Policy(now=world.now), **kwargs)


def trust(world: World) -> TrustList:
    return open_bundle(world.bundle(), None).trust_list


def test_valid_certificate_is_valid_with_issuer_name_from_trust_list(world: World) -> None:
    result = check(world, world.certificate(), id_number="11010519491231002x")
    assert result.valid and result.exit_code == 0
    assert result.warnings == ()
    assert result.issuer_name == "北京市海淀区志愿者协会"
    assert result.holder_checked
    assert result.status_as_of is not None


def test_missing_status_list_is_valid_with_status_unknown_warning(world: World) -> None:
    result = check(world, world.certificate(), status=False)
    assert result.reason is Reason.VALID
    assert result.warnings == (WarningCode.STATUS_UNKNOWN,)


def test_random_json_is_not_a_certificate(world: World) -> None:
    for thing in [{"hello": "world"}, [], "VR1:", {"@context": ["x"], "type": ["VerifiableCredential"]}]:
        assert check(world, thing).reason is Reason.NOT_A_CERTIFICATE


def test_status_list_credential_passed_as_certificate_is_not_a_certificate(world: World) -> None:
    assert check(world, world.status_list("revocation")).reason is Reason.NOT_A_CERTIFICATE


def test_certificate_missing_fields_is_malformed(world: World) -> None:
    cert = world.unsigned_certificate()
    del cert["credentialSubject"]["totalHours"]
    assert check(world, world.sign(cert)).reason is Reason.MALFORMED


def test_rejects_total_hours_that_are_not_the_sum_of_the_lines(world: World) -> None:
    cert = world.unsigned_certificate(lines=2)
    cert["credentialSubject"]["totalHours"] = "70"
    assert check(world, world.sign(cert)).reason is Reason.MALFORMED


def test_rejects_hours_inflated_after_signing(world: World) -> None:
    cert = world.certificate()
    cert["credentialSubject"]["services"][0]["hours"] = "35"
    cert["credentialSubject"]["totalHours"] = "35"
    assert check(world, cert).reason is Reason.BAD_SIGNATURE


def test_rejects_name_swapped_after_signing(world: World) -> None:
    cert = world.certificate()
    cert["credentialSubject"]["name"] = "李四"
    result = check(world, cert)
    assert result.reason is Reason.BAD_SIGNATURE and result.exit_code == 1


def test_rejects_certificate_signed_by_attacker_key_claiming_org_key_id(world: World) -> None:
    cert = world.sign(world.unsigned_certificate(), signing_key=key("attacker"))
    assert check(world, cert).reason is Reason.BAD_SIGNATURE


def test_rejects_certificate_from_issuer_not_in_trust_list(world: World) -> None:
    cert = world.unsigned_certificate()
    cert["issuer"]["id"] = "urn:volrec:org:99999999MJ9999999Z"
    signed = world.sign(cert)
    signed["proof"]["verificationMethod"] = "urn:volrec:org:99999999MJ9999999Z#key-1"
    assert check(world, signed).reason is Reason.UNKNOWN_ISSUER


def test_w3c_vector_signed_with_did_key_checks_as_unknown_issuer(
    world: World, eddsa_vectors: dict[str, Any]
) -> None:
    result = check(world, eddsa_vectors["valid"][0]["signed"])
    assert result.reason is Reason.UNKNOWN_ISSUER
    tampered = eddsa_vectors["invalid"][0]["signed"]
    assert check(world, tampered).reason is Reason.BAD_SIGNATURE


def test_rejects_certificate_signed_by_another_trusted_org_in_the_issuers_name(world: World) -> None:
    cert = world.unsigned_certificate()  # issuer: the association
    signed = world.sign(cert, code=OTHER_CODE)  # signed by the residents' committee's valid key
    assert check(world, signed).reason is Reason.KEY_NOT_VALID


def test_rejects_certificate_naming_a_key_number_the_issuer_never_had(world: World) -> None:
    cert = world.certificate()
    cert["proof"]["verificationMethod"] = cert["proof"]["verificationMethod"].replace("#key-1", "#key-9")
    assert check(world, cert).reason is Reason.KEY_NOT_VALID


def test_rejects_certificate_signed_by_key_revoked_before_issuance(world: World) -> None:
    org = world.orgs[next(iter(world.orgs))]
    label, start, _, _ = org.keys[0]
    org.keys[0] = (label, start, None, world.now - timedelta(days=10))  # compromised 10 days ago
    cert = world.certificate()  # issued (claims) 1 day ago
    assert check(world, cert).reason is Reason.KEY_NOT_VALID


def test_old_key_still_verifies_what_it_signed_inside_its_window(world: World) -> None:
    org = world.orgs[next(iter(world.orgs))]
    label, start, _, _ = org.keys[0]
    rotated = world.now - timedelta(days=5)
    org.keys[0] = (label, start, rotated, None)
    org.keys.append(("org-2", rotated, None, None))
    old = world.certificate(issued=world.now - timedelta(days=30))
    assert check(world, old).reason is Reason.VALID
    late = world.certificate(issued=world.now - timedelta(days=1))  # signed with key-1 after rotation
    assert check(world, late).reason is Reason.KEY_NOT_VALID
    new = world.sign(world.unsigned_certificate(), key_number=2)
    assert check(world, new).reason is Reason.VALID


def test_rejects_certificate_issued_while_issuing_right_suspended(world: World) -> None:
    org = world.orgs[next(iter(world.orgs))]
    org.rights.append(
        {
            "status": "SUSPENDED",
            "from": ts(world.now - timedelta(days=3)),
            "until": ts(world.now + timedelta(days=30)),
        }
    )
    assert check(world, world.certificate()).reason is Reason.NO_ISSUING_RIGHT
    before = world.certificate(issued=world.now - timedelta(days=10))
    assert check(world, before).reason is Reason.VALID


def test_rejects_certificate_backdated_before_issuing_right_was_granted(world: World) -> None:
    cert = world.certificate(issued=world.now - timedelta(days=400))
    assert check(world, cert).reason is Reason.KEY_NOT_VALID  # the key did not exist yet either
    org = world.orgs[next(iter(world.orgs))]
    label, _, _, _ = org.keys[0]
    org.keys[0] = (label, world.now - timedelta(days=800), None, None)
    assert check(world, cert).reason is Reason.NO_ISSUING_RIGHT


def test_revoked_certificate_is_revoked(world: World) -> None:
    world.revoked["revocation"].add(INDEX)
    assert check(world, world.certificate()).reason is Reason.REVOKED


def test_suspended_certificate_is_suspended(world: World) -> None:
    world.revoked["suspension"].add(INDEX)
    assert check(world, world.certificate()).reason is Reason.SUSPENDED


def test_neighbouring_revoked_index_does_not_affect_certificate(world: World) -> None:
    world.revoked["revocation"].update({INDEX - 1, INDEX + 1})
    assert check(world, world.certificate()).reason is Reason.VALID


def test_rejects_status_list_forged_to_clear_a_revocation(world: World) -> None:
    world.revoked["revocation"].add(INDEX)
    cert = world.certificate()
    bundle = open_bundle(world.bundle(), None)
    lists = {doc["id"]: copy.deepcopy(doc) for doc in bundle.status_lists}
    clean = World(world.now).status_list("revocation")
    forged = lists[clean["id"]]
    forged["credentialSubject"]["encodedList"] = clean["credentialSubject"]["encodedList"]
    result = verify(cert, bundle.trust_list, status_lists=lists, policy=Policy(now=world.now))
    assert result.reason is Reason.BAD_SIGNATURE


def test_rejects_status_list_signed_by_another_organization(world: World) -> None:
    cert = world.certificate()
    bundle = open_bundle(world.bundle(), None)
    lists = {doc["id"]: doc for doc in bundle.status_lists}
    theirs = world.status_list("revocation", code=OTHER_CODE)
    lists[cert["credentialStatus"][0]["statusListCredential"]] = theirs
    result = verify(cert, bundle.trust_list, status_lists=lists, policy=Policy(now=world.now))
    assert result.reason is Reason.MALFORMED


def test_expired_status_list_gives_a_warning(world: World) -> None:
    later = Policy(now=world.now + timedelta(days=8))
    bundle = open_bundle(world.bundle(), None)
    lists = {doc["id"]: doc for doc in bundle.status_lists}
    result = verify(world.certificate(), bundle.trust_list, status_lists=lists, policy=later)
    assert result.reason is Reason.VALID
    assert WarningCode.STATUS_LIST_EXPIRED in result.warnings
    assert WarningCode.TRUST_LIST_AGING not in result.warnings  # 8 days is young for a trust list


def test_expired_certificate_is_expired_beyond_clock_skew(world: World) -> None:
    cert = world.unsigned_certificate()
    cert["validUntil"] = ts(world.now - timedelta(minutes=6))
    assert check(world, world.sign(cert)).reason is Reason.EXPIRED
    cert["validUntil"] = ts(world.now - timedelta(minutes=4))
    assert check(world, world.sign(cert)).reason is Reason.VALID


def test_future_certificate_is_not_yet_valid_beyond_clock_skew(world: World) -> None:
    soon = world.certificate(issued=world.now + timedelta(minutes=4))
    assert check(world, soon).reason is Reason.VALID
    later = world.certificate(issued=world.now + timedelta(minutes=6))
    assert check(world, later).reason is Reason.NOT_YET_VALID


def test_trust_list_warns_then_fails_with_age(world: World) -> None:
    cert = world.certificate()
    bundle = open_bundle(world.bundle(), None)
    lists = {doc["id"]: doc for doc in bundle.status_lists}
    policy = Policy(
        now=world.now, trust_list_warn_age=timedelta(minutes=10), trust_list_max_age=timedelta(days=1)
    )
    result = verify(cert, bundle.trust_list, status_lists=lists, policy=policy)
    assert result.reason is Reason.VALID and WarningCode.TRUST_LIST_AGING in result.warnings
    policy = Policy(now=world.now, trust_list_warn_age=timedelta(0), trust_list_max_age=timedelta(minutes=10))
    result = verify(cert, bundle.trust_list, status_lists=lists, policy=policy)
    assert result.reason is Reason.TRUST_LIST_STALE


def test_other_persons_id_number_is_holder_mismatch(world: World) -> None:
    result = check(world, world.certificate(), id_number="110105194912310021")
    assert result.reason is Reason.HOLDER_MISMATCH and not result.holder_checked


def test_result_json_has_the_contract_keys(world: World) -> None:
    data = check(world, world.certificate()).to_json()
    assert {"valid", "reason", "warnings", "credential"} <= data.keys()
    assert data["valid"] is True and data["reason"] == "VALID" and data["warnings"] == []
