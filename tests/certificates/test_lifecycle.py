"""A certificate's life after issue: suspension, re-issue after a correction, key rotation and
compromise, root rotation; each checked by the offline verifier as an employer would run it."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from volrec_verify import Reason
from volrec_verify.cli import main as volrec_verify
from volrec_verify.statuslist import decode_list, is_set
from volrec_verify.trust import parse_root, signers

from service.config import Settings
from service.domain import trust
from service.models import Certificate, Organization, RootVersion, ServiceRecord, TrustListVersion, Volunteer
from service.models.enums import RecordStatus
from service.policy import Actor
from service.signing.timefmt import parse_utc_timestamp
from tests.certificates.support import (
    ASSOCIATION,
    CERTIFICATE_NODE,
    FrozenClock,
    bundle_reason,
    change_status,
    codes,
    export_bundle,
    gid,
    graphql_reason,
    issue,
    offline_reason,
    organization_id,
    run_volrec,
    service_verdict,
)

STATUS_LISTS = """
query($org: ID!) {
  revocation: statusList(organizationId: $org, purpose: "revocation")
  suspension: statusList(organizationId: $org, purpose: "suspension")
}
"""
CORRECT = """
mutation($input: CorrectServiceRecordInput!) {
  correctServiceRecord(input: $input) { record { id } userErrors { field code } }
}
"""
REISSUE = """
mutation($input: ReissueCertificateInput!) {
  reissueCertificate(input: $input) {
    certificate { id number status handler credential } userErrors { field code }
  }
}
"""
ROTATE_KEY = """
mutation($org: ID!) { rotateOrganizationKey(input: {organizationId: $org}) { keyId userErrors { field code } } }
"""
REVOKE_KEY = """
mutation($input: RevokeOrganizationKeyInput!) {
  revokeOrganizationKey(input: $input) { keyId userErrors { field code } }
}
"""
ROTATE_ROOT = "mutation { rotateRootKey { version rootVersion userErrors { code } } }"


def _index(credential: dict[str, Any]) -> int:
    return int(credential["credentialStatus"][0]["statusListIndex"])


def _method(credential: dict[str, Any]) -> str:
    method: str = credential["proof"]["verificationMethod"]
    return method


async def _bits(gql: Any, org: str, index: int) -> tuple[bool, bool]:
    data = (await gql(STATUS_LISTS, {"org": await organization_id(org)}))["data"]
    return (
        is_set(decode_list(data["revocation"]["credentialSubject"]["encodedList"]), index),
        is_set(decode_list(data["suspension"]["credentialSubject"]["encodedList"]), index),
    )


async def _node(gql: Any, token: str, certificate_id: str) -> dict[str, Any]:
    node: dict[str, Any] = (await gql(CERTIFICATE_NODE, {"id": certificate_id}, token=token))["data"]["node"]
    return node


@pytest.mark.db
async def test_suspended_certificate_verifies_as_suspended_and_valid_again_once_reinstated(
    demo: Any, gql: Any, settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    admin = await demo.token("association-admin")
    certificate = (await issue(gql, admin))["certificate"]
    credential, index = certificate["credential"], _index(certificate["credential"])

    suspended = await change_status(gql, admin, "suspendCertificate", certificate["id"], "正在核实服务时长")
    assert suspended["userErrors"] == []
    assert (suspended["certificate"]["status"], suspended["certificate"]["reason"]) == ("SUSPENDED", "正在核实服务时长")
    assert await _bits(gql, ASSOCIATION, index) == (False, True)
    assert await service_verdict(gql, credential) == {
        "valid": False, "reason": "SUSPENDED", "warnings": [], "liveStatus": "SUSPENDED"
    }
    bundle = await export_bundle(settings, monkeypatch, tmp_path / "suspended.json")
    assert offline_reason(bundle, credential) is Reason.SUSPENDED
    assert await graphql_reason(gql, bundle, credential, ASSOCIATION) is Reason.SUSPENDED

    reinstated = await change_status(gql, admin, "reinstateCertificate", certificate["id"], "核实无误")
    assert reinstated["certificate"]["status"] == "ISSUED"
    assert await _bits(gql, ASSOCIATION, index) == (False, False)
    assert (await service_verdict(gql, credential))["reason"] == "VALID"
    # A verifier holding the old bundle refreshes over GraphQL and sees the suspension lifted.
    assert await graphql_reason(gql, bundle, credential, ASSOCIATION) is Reason.VALID
    fresh = await export_bundle(settings, monkeypatch, tmp_path / "reinstated.json")
    assert offline_reason(fresh, credential) is Reason.VALID

    again = await change_status(gql, admin, "reinstateCertificate", certificate["id"], "再次")
    assert codes(again) == ["CERTIFICATE_ISSUED"]


@pytest.mark.db
async def test_reissue_after_a_record_correction_revokes_the_old_certificate_and_points_to_the_new(
    demo: Any, gql: Any, client: httpx.AsyncClient
) -> None:
    admin = await demo.token("association-admin")
    old = (await issue(gql, admin))["certificate"]
    assert old["credential"]["credentialSubject"]["totalHours"] == "9"

    zhangwei = await Volunteer.get(name="张伟")
    association = await Organization.get(name=ASSOCIATION)
    record = await ServiceRecord.filter(
        volunteer_id=zhangwei.id, organization_id=association.id, status=RecordStatus.CURRENT
    ).order_by("starts_at").first()
    assert record is not None
    corrected = await gql(
        CORRECT,
        {"input": {"id": gid("ServiceRecord", record.id), "hours": "2.5", "reason": "扣除往返路程时间"}},
        token=await demo.token("association-recorder"),
    )
    assert corrected["data"]["correctServiceRecord"]["userErrors"] == []

    result = await gql(
        REISSUE, {"input": {"certificateId": old["id"], "reason": "服务时长更正", "handler": "周经办"}}, token=admin
    )
    payload = result["data"]["reissueCertificate"]
    assert payload["userErrors"] == []
    new = payload["certificate"]
    assert new["number"] != old["number"] and (new["status"], new["handler"]) == ("ISSUED", "周经办")
    subject = new["credential"]["credentialSubject"]
    assert subject["totalHours"] == "8.5"
    assert sorted(s["hours"] for s in subject["services"]) == ["2.5", "3", "3"]
    assert subject["personInCharge"] == old["credential"]["credentialSubject"]["personInCharge"]

    replaced = await _node(gql, admin, old["id"])
    assert (replaced["status"], replaced["reason"], replaced["replacedByNumber"]) == (
        "REVOKED", "服务时长更正", new["number"]
    )
    assert await bundle_reason(client, old["credential"]) is Reason.REVOKED
    assert await bundle_reason(client, new["credential"]) is Reason.VALID
    assert (await service_verdict(gql, old["credential"]))["liveStatus"] == "REVOKED"

    twice = await gql(REISSUE, {"input": {"certificateId": old["id"], "reason": "再次"}}, token=admin)
    assert codes(twice["data"]["reissueCertificate"]) == ["CERTIFICATE_REVOKED"]


@pytest.mark.db
async def test_certificate_signed_before_key_rotation_still_verifies_and_new_ones_are_signed_with_key_2(
    frozen_clock: FrozenClock, demo: Any, gql: Any, client: httpx.AsyncClient
) -> None:
    admin = await demo.token("association-admin")
    before = (await issue(gql, admin))["certificate"]["credential"]
    assert _method(before).endswith("#key-1")

    frozen_clock.advance(2)
    rotated = await gql(ROTATE_KEY, {"org": await organization_id(ASSOCIATION)}, token=admin)
    assert rotated["data"]["rotateOrganizationKey"] == {"keyId": "key-2", "userErrors": []}

    frozen_clock.advance(2)
    after = (await issue(gql, admin))["certificate"]["credential"]
    assert _method(after).endswith("#key-2")
    assert await bundle_reason(client, before) is Reason.VALID
    assert await bundle_reason(client, after) is Reason.VALID
    assert (await service_verdict(gql, before))["reason"] == "VALID"

    trust_list = (await gql("{ trustList }"))["data"]["trustList"]
    (org,) = [o for o in trust_list["organizations"] if o["name"] == ASSOCIATION]
    windows = {m["id"].rpartition("#")[2]: (m["validUntil"], m["revokedFrom"]) for m in org["verificationMethods"]}
    assert windows["key-1"][0] is not None and windows["key-1"][1] is None
    assert windows["key-2"] == (None, None)


@pytest.mark.db
async def test_volrec_keys_rotate_switches_new_certificates_to_the_next_key(
    frozen_clock: FrozenClock,
    demo: Any,
    gql: Any,
    client: httpx.AsyncClient,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    admin = await demo.token("association-admin")
    before = (await issue(gql, admin))["certificate"]["credential"]
    code = (await Organization.get(name=ASSOCIATION)).credit_code

    frozen_clock.advance(2)
    result = await run_volrec(settings, monkeypatch, "keys", "rotate", "--organization", code)
    assert result.exit_code == 0, result.output
    assert "key-2" in result.output

    frozen_clock.advance(2)
    after = (await issue(gql, admin))["certificate"]["credential"]
    assert _method(after).endswith("#key-2")
    assert await bundle_reason(client, before) is Reason.VALID
    assert await bundle_reason(client, after) is Reason.VALID

    unknown = await run_volrec(settings, monkeypatch, "keys", "rotate", "--organization", "911100000000000000")
    assert unknown.exit_code == 2 and "no organization" in unknown.output


@pytest.mark.db
async def test_rotating_a_key_in_the_second_it_was_created_is_refused(
    frozen_clock: FrozenClock, demo: Any, gql: Any
) -> None:
    """Its window would be empty and what it signed that second would stop verifying."""
    admin = await demo.token("association-admin")
    org = await organization_id(ASSOCIATION)
    frozen_clock.advance(2)
    assert (await gql(ROTATE_KEY, {"org": org}, token=admin))["data"]["rotateOrganizationKey"]["keyId"] == "key-2"
    again = await gql(ROTATE_KEY, {"org": org}, token=admin)
    assert codes(again["data"]["rotateOrganizationKey"]) == ["KEY_JUST_CREATED"]


@pytest.mark.db
async def test_certificate_signed_before_key_compromise_still_verifies_and_one_signed_after_is_key_not_valid(
    frozen_clock: FrozenClock, demo: Any, gql: Any, client: httpx.AsyncClient
) -> None:
    admin = await demo.token("association-admin")
    frozen_clock.advance(2)
    before = (await issue(gql, admin))["certificate"]["credential"]
    signed_before = parse_utc_timestamp(before["proof"]["created"])
    frozen_clock.advance(10)
    after = (await issue(gql, admin))["certificate"]["credential"]
    assert _method(before) == _method(after) and _method(after).endswith("#key-1")

    frozen_clock.advance(10)
    compromised_from = signed_before + timedelta(seconds=5)  # between the two signatures
    result = await gql(
        REVOKE_KEY,
        {"input": {"organizationId": await organization_id(ASSOCIATION), "keyNumber": 1,
                   "revokedFrom": compromised_from.isoformat()}},
        token=await demo.token("authority"),  # the authority revokes a compromised key too
    )
    assert result["data"]["revokeOrganizationKey"] == {"keyId": "key-1", "userErrors": []}

    assert await bundle_reason(client, before) is Reason.VALID
    assert await bundle_reason(client, after) is Reason.KEY_NOT_VALID
    assert (await service_verdict(gql, after))["reason"] == "KEY_NOT_VALID"

    frozen_clock.advance(2)
    fresh = (await issue(gql, admin))["certificate"]["credential"]
    assert _method(fresh).endswith("#key-2")
    assert await bundle_reason(client, fresh) is Reason.VALID

    twice = await gql(
        REVOKE_KEY, {"input": {"organizationId": await organization_id(ASSOCIATION), "keyNumber": 1}}, token=admin
    )
    assert codes(twice["data"]["revokeOrganizationKey"]) == ["KEY_ALREADY_REVOKED"]


@pytest.mark.db
async def test_key_compromise_cannot_be_dated_in_the_future(frozen_clock: FrozenClock, demo: Any, gql: Any) -> None:
    future = frozen_clock.now() + timedelta(days=1)
    result = await gql(
        REVOKE_KEY,
        {"input": {"organizationId": await organization_id(ASSOCIATION), "keyNumber": 1,
                   "revokedFrom": future.isoformat()}},
        token=await demo.token("association-admin"),
    )
    assert [(e["field"], e["code"]) for e in result["data"]["revokeOrganizationKey"]["userErrors"]] == [
        (["revokedFrom"], "IN_FUTURE")
    ]


@pytest.mark.db
async def test_verifier_that_pinned_root_v1_accepts_the_rotated_bundle_and_still_says_valid(
    demo: Any,
    gql: Any,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store = tmp_path / "store"
    certificate = tmp_path / "certificate.json"
    credential = (await issue(gql, await demo.token("association-admin")))["certificate"]["credential"]
    certificate.write_text(json.dumps(credential, ensure_ascii=False), encoding="utf-8")

    first = await export_bundle(settings, monkeypatch, tmp_path / "v1.json")
    assert [r["version"] for r in first["roots"]] == [1]
    assert volrec_verify(["trust", "import", str(tmp_path / "v1.json"), "--store", str(store)]) == 0

    refused = await gql(ROTATE_ROOT, token=await demo.token("association-admin"))
    assert codes(refused["data"]["rotateRootKey"]) == ["FORBIDDEN"]
    rotated = (await gql(ROTATE_ROOT, token=await demo.token("authority")))["data"]["rotateRootKey"]
    assert (rotated["rootVersion"], rotated["userErrors"]) == (2, [])

    second = await export_bundle(settings, monkeypatch, tmp_path / "v2.json")
    # The payload names the trust list it published under the new root.
    assert rotated["version"] == second["trustList"]["version"] > first["trustList"]["version"]
    v1, v2 = (parse_root(r) for r in second["roots"])
    assert (v1.version, v2.version) == (1, 2)
    assert v1.document == first["roots"][0]
    assert signers(v2.document, v1.keys) == {"urn:volrec:root#key-1"}
    assert signers(v2.document, v2.keys) == {"urn:volrec:root#key-2"}
    assert second["trustList"]["rootVersion"] == 2
    assert signers(second["trustList"], v2.keys) == {"urn:volrec:root#key-2"}

    capsys.readouterr()
    assert volrec_verify(["trust", "import", str(tmp_path / "v2.json"), "--store", str(store)]) == 0
    assert "root version 2" in capsys.readouterr().out
    assert volrec_verify([str(certificate), "--store", str(store), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["valid"], report["reason"]) == (True, "VALID")
    assert await Certificate.filter(status="ISSUED").count() >= 1


@pytest.mark.db
async def test_organizations_certificate_list_names_the_certificate_that_replaced_a_reissued_one(
    demo: Any, gql: Any
) -> None:
    admin = await demo.token("association-admin")
    old = (await issue(gql, admin))["certificate"]
    result = await gql(REISSUE, {"input": {"certificateId": old["id"], "reason": "更正"}}, token=admin)
    new = result["data"]["reissueCertificate"]["certificate"]
    query = """
    query($org: ID!) { certificates(organizationId: $org, first: 50) { edges { node { number replacedByNumber } } } }
    """
    listed = await gql(query, {"org": await organization_id(ASSOCIATION)}, token=admin)
    replaced = {e["node"]["number"]: e["node"]["replacedByNumber"] for e in listed["data"]["certificates"]["edges"]}
    assert replaced[old["number"]] == new["number"]
    assert replaced[new["number"]] is None


@pytest.mark.db
async def test_concurrent_root_rotations_make_consecutive_versions(demo: Any, settings: Settings) -> None:
    """Two authority clerks pressing "rotate" at once: versions N+1 and N+2, each signed by its predecessor."""
    authority = Actor(account_id=None, is_inspector=True)
    await trust.ensure_root(settings)
    await asyncio.gather(trust.rotate_root(authority, settings), trust.rotate_root(authority, settings))
    versions = [v.version for v in await RootVersion.all().order_by("version")]
    assert versions == [1, 2, 3]
    published = [t.version for t in await TrustListVersion.all().order_by("version")]
    assert published == list(range(1, len(published) + 1)), "each publication gets its own version"
