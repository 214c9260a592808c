"""Who may issue, revoke and download certificates, asked through the API as each role would."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from nacl.signing import SigningKey
from volrec_verify.multikey import encode_public_key

from service.models import Certificate, OrganizationKey
from service.models.certificates import CertificateStatus
from service.signing.credential import sign_credential
from tests.certificates.support import (
    ASSOCIATION,
    CERTIFICATE_NODE,
    COMMITTEE,
    change_status,
    codes,
    issue,
    organization_id,
    service_verdict,
    volunteer_login,
)

REISSUE = """
mutation($id: ID!) { reissueCertificate(input: {certificateId: $id, reason: "更正"}) { certificate { id } userErrors { code } } }
"""
ROTATE_KEY = """
mutation($org: ID!) { rotateOrganizationKey(input: {organizationId: $org}) { keyId userErrors { code } } }
"""


@pytest.mark.db
async def test_recorder_may_issue_but_not_revoke_suspend_or_reissue(demo: Any, gql: Any) -> None:
    recorder = await demo.token("association-recorder")
    issued = await issue(gql, recorder)
    assert issued["userErrors"] == []
    certificate_id = issued["certificate"]["id"]
    for mutation in ("revokeCertificate", "suspendCertificate"):
        payload = await change_status(gql, recorder, mutation, certificate_id, "想撤就撤")
        assert payload["certificate"] is None and codes(payload) == ["FORBIDDEN"], mutation
    reissued = await gql(REISSUE, {"id": certificate_id}, token=recorder)
    assert codes(reissued["data"]["reissueCertificate"]) == ["FORBIDDEN"]
    assert (await Certificate.get(number=issued["certificate"]["number"])).status is CertificateStatus.ISSUED


@pytest.mark.db
async def test_an_organization_cannot_issue_for_another_or_touch_its_certificates_or_keys(
    demo: Any, gql: Any
) -> None:
    committee = await demo.token("committee-admin")
    association_certificate = (await issue(gql, await demo.token("association-admin")))["certificate"]
    certificates_before = await Certificate.all().count()

    foreign = await issue(gql, committee, org=ASSOCIATION)
    assert foreign["certificate"] is None and codes(foreign) == ["FORBIDDEN"]
    assert await Certificate.all().count() == certificates_before

    # Another organization's certificate is not found for it, as if it did not exist.
    for mutation in ("revokeCertificate", "suspendCertificate"):
        payload = await change_status(gql, committee, mutation, association_certificate["id"], "不归我们管")
        assert codes(payload) == ["NOT_FOUND"], mutation
    reissued = await gql(REISSUE, {"id": association_certificate["id"]}, token=committee)
    assert codes(reissued["data"]["reissueCertificate"]) == ["NOT_FOUND"]
    node = await gql(CERTIFICATE_NODE, {"id": association_certificate["id"]}, token=committee)
    assert node["data"]["node"] is None
    row = await Certificate.get(number=association_certificate["number"])
    assert row.status is CertificateStatus.ISSUED

    keys_before = await OrganizationKey.all().count()
    rotated = await gql(ROTATE_KEY, {"org": await organization_id(ASSOCIATION)}, token=committee)
    assert codes(rotated["data"]["rotateOrganizationKey"]) == ["FORBIDDEN"]
    assert await OrganizationKey.all().count() == keys_before

    # Its own certificates it does revoke.
    own = (await issue(gql, committee, org=COMMITTEE, holder="王芳", handler="孙丽"))["certificate"]
    revoked = await change_status(gql, committee, "revokeCertificate", own["id"], "经办人填写有误")
    assert revoked["certificate"]["status"] == "REVOKED"


@pytest.mark.db
async def test_holder_cannot_revoke_their_own_certificate(demo: Any, gql: Any) -> None:
    certificate = (await issue(gql, await demo.token("association-admin")))["certificate"]
    payload = await change_status(gql, await demo.token("zhangwei"), "revokeCertificate", certificate["id"], "不要了")
    assert codes(payload) == ["FORBIDDEN"]


@pytest.mark.db
async def test_anonymous_and_strangers_get_the_same_404_for_a_certificate_file_as_for_a_missing_number(
    demo: Any, gql: Any, client: httpx.AsyncClient
) -> None:
    number = (await issue(gql, await demo.token("association-admin")))["certificate"]["number"]
    missing = await client.get("/certificates/V2000010100000000.pdf")
    assert missing.status_code == 404
    stranger = {"Authorization": f"Bearer {await volunteer_login(demo, '王芳', 'wangfang')}"}
    for kind in ("pdf", "json", "png"):
        for headers in ({}, stranger, {"Authorization": "Bearer not-a-token"}):
            response = await client.get(f"/certificates/{number}.{kind}", headers=headers)
            assert response.status_code == 404, (kind, headers)
            assert response.content == missing.content
            assert response.headers["content-type"] == missing.headers["content-type"]

    holder = {"Authorization": f"Bearer {await demo.token('zhangwei')}"}
    assert (await client.get(f"/certificates/{number}.json", headers=holder)).status_code == 200


@pytest.mark.db
async def test_verify_certificate_reveals_no_live_status_for_a_forgery_that_borrows_a_real_number(
    demo: Any, gql: Any
) -> None:
    """Only the holder of the real document learns its status on record, not whoever knows a number."""
    admin = await demo.token("association-admin")
    certificate = (await issue(gql, admin))["certificate"]
    await change_status(gql, admin, "suspendCertificate", certificate["id"], "核实中")
    forged = json.loads(json.dumps(certificate["credential"]))
    forged.pop("proof")
    key = SigningKey.generate()
    multikey = encode_public_key(bytes(key.verify_key))
    signed = sign_credential(forged, key, f"did:key:{multikey}#{multikey}", datetime.now(UTC))

    verdict = await service_verdict(gql, signed)
    assert verdict["valid"] is False and verdict["reason"] != "SUSPENDED"
    assert verdict["liveStatus"] is None
    assert (await service_verdict(gql, certificate["credential"]))["liveStatus"] == "SUSPENDED"
