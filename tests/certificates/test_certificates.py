"""Certificates through the public surface: GraphQL and HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from nacl.signing import SigningKey
from strawberry import relay
from volrec_verify import Reason, open_bundle, verify
from volrec_verify.statuslist import decode_list, is_set

from service.domain import organizations
from service.models import Certificate, Organization, Volunteer
from service.models.enums import IssuingRightAction
from service.policy import Actor
from service.signing.credential import sign_credential

ISSUE = """
mutation($input: IssueCertificateInput!) {
  issueCertificate(input: $input) {
    certificate { id number status qrPayload credential }
    userErrors { field code message }
  }
}
"""
REVOKE = """
mutation($input: CertificateStatusInput!) {
  revokeCertificate(input: $input) { certificate { status reason } userErrors { field code } }
}
"""
VERIFY = """
query($p: String!) { verifyCertificate(payload: $p) { valid reason warnings liveStatus } }
"""


async def _ids(org_name: str, volunteer_name: str) -> tuple[str, str]:
    org = await Organization.get(name=org_name)
    volunteer = await Volunteer.get(name=volunteer_name)
    return relay.to_base64("Organization", org.id), relay.to_base64("Volunteer", volunteer.id)


ASSOCIATION = "北京市海淀区志愿者协会"


async def _issue(gql: Any, token: str, **extra: Any) -> dict[str, Any]:
    org_id, volunteer_id = await _ids(ASSOCIATION, "张伟")
    variables = {"input": {"organizationId": org_id, "volunteerId": volunteer_id, "handler": "钱晓明", **extra}}
    result = await gql(ISSUE, variables, token=token)
    payload: dict[str, Any] = result["data"]["issueCertificate"]
    return payload


async def _bundle_verdict(client: httpx.AsyncClient, credential: dict[str, Any]) -> Reason:
    response = await client.get("/trust/bundle.json")
    assert response.status_code == 200
    opened = open_bundle(response.json(), trusted_root=None)
    lists = {d["id"]: d for d in opened.status_lists}
    return verify(credential, opened.trust_list, status_lists=lists).reason


@pytest.mark.db
async def test_issued_certificate_verifies_offline_and_its_revocation_reaches_the_verifier(
    demo: Any, gql: Any, client: httpx.AsyncClient
) -> None:
    token = await demo.token("association-admin")
    payload = await _issue(gql, token)
    assert payload["userErrors"] == []
    certificate = payload["certificate"]
    assert await _bundle_verdict(client, certificate["credential"]) is Reason.VALID

    result = await gql(REVOKE, {"input": {"certificateId": certificate["id"], "reason": "信息有误"}}, token=token)
    assert result["data"]["revokeCertificate"]["certificate"]["status"] == "REVOKED"
    assert await _bundle_verdict(client, certificate["credential"]) is Reason.REVOKED

    code = (await Organization.get(name=ASSOCIATION)).credit_code
    status = await client.get(f"/status/{code}/revocation")
    bits = decode_list(status.json()["credentialSubject"]["encodedList"])
    index = int(certificate["credential"]["credentialStatus"][0]["statusListIndex"])
    assert is_set(bits, index)
    again = await client.get(f"/status/{code}/revocation", headers={"If-None-Match": status.headers["etag"]})
    assert again.status_code == 304

    verdict = await gql(VERIFY, {"p": certificate["qrPayload"]})
    assert verdict["data"]["verifyCertificate"] == {
        "valid": False, "reason": "REVOKED", "warnings": [], "liveStatus": "REVOKED"
    }


@pytest.mark.db
async def test_flipping_any_field_of_a_signed_credential_makes_it_invalid(demo: Any, gql: Any) -> None:
    payload = await _issue(gql, await demo.token("association-admin"))
    credential = payload["certificate"]["credential"]
    ok = await gql(VERIFY, {"p": json.dumps(credential, ensure_ascii=False)})
    assert ok["data"]["verifyCertificate"]["reason"] == "VALID"
    subject = credential["credentialSubject"]
    for path, value in (
        (("credentialSubject", "totalHours"), "99"),
        (("credentialSubject", "name"), "李四"),
        (("validFrom",), "2020-01-01T00:00:00Z"),
        (("credentialSubject", "idMasked"), "110105********0000"),
    ):
        altered = json.loads(json.dumps(credential))
        target = altered
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        if path[-1] == "totalHours":  # keep the sum consistent so only the signature can object
            altered["credentialSubject"]["services"] = [{**subject["services"][0], "hours": "99"}]
        result = await gql(VERIFY, {"p": json.dumps(altered, ensure_ascii=False)})
        assert result["data"]["verifyCertificate"]["valid"] is False, path


@pytest.mark.db
async def test_certificate_signed_with_a_key_the_organization_never_had_is_invalid(demo: Any, gql: Any) -> None:
    payload = await _issue(gql, await demo.token("association-admin"))
    credential = payload["certificate"]["credential"]
    proof = credential.pop("proof")
    forged = sign_credential(credential, SigningKey.generate(), proof["verificationMethod"], datetime.now(UTC))
    result = await gql(VERIFY, {"p": json.dumps(forged, ensure_ascii=False)})
    assert result["data"]["verifyCertificate"]["reason"] == "BAD_SIGNATURE"


@pytest.mark.db
async def test_organization_with_suspended_issuing_right_is_refused_at_issue_time(
    demo: Any, gql: Any, settings: Any
) -> None:
    association = await Organization.get(name=ASSOCIATION)
    before = await Certificate.filter(organization_id=association.id).count()
    await organizations.change_issuing_right(
        Actor(is_inspector=True), association.id, IssuingRightAction.SUSPEND, "专项检查"
    )
    payload = await _issue(gql, await demo.token("association-admin"))
    assert payload["certificate"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(["organizationId"], "NO_ISSUING_RIGHT")]
    assert await Certificate.filter(organization_id=association.id).count() == before


@pytest.mark.db
async def test_same_idempotency_key_returns_the_same_certificate_and_a_different_body_is_refused(
    demo: Any, gql: Any
) -> None:
    token = await demo.token("association-admin")
    first = await _issue(gql, token, idempotencyKey="retry-1")
    second = await _issue(gql, token, idempotencyKey="retry-1")
    assert first["certificate"]["number"] == second["certificate"]["number"]
    other = await _issue(gql, token, idempotencyKey="retry-1", handler="别人")
    assert [(e["field"], e["code"]) for e in other["userErrors"]] == [(["idempotencyKey"], "IDEMPOTENCY_KEY_REUSED")]


@pytest.mark.db
@pytest.mark.slow
async def test_pdf_carries_the_credential_byte_for_byte_and_the_png_decodes_to_the_qr_payload(
    demo: Any, gql: Any, client: httpx.AsyncClient
) -> None:
    import pypdf
    import zxingcpp
    from PIL import Image

    token = await demo.token("zhangwei")
    admin = await demo.token("association-admin")
    number = (await _issue(gql, admin))["certificate"]["number"]
    auth = {"Authorization": f"Bearer {token}"}
    try:
        json_bytes = (await client.get(f"/certificates/{number}.json", headers=auth)).content
        pdf = await client.get(f"/certificates/{number}.pdf", headers=auth)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        attachments = pypdf.PdfReader(io.BytesIO(pdf.content)).attachments
        assert attachments["credential.json"][0] == json_bytes
        png = await client.get(f"/certificates/{number}.png", headers=auth)
        decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))
        from service.signing.qr import qr_payload

        assert decoded[0].text == qr_payload(json.loads(json_bytes))
    finally:
        await client._transport.app.state.pdf_renderer.aclose()  # type: ignore[attr-defined]


@pytest.mark.db
async def test_certificate_files_are_not_found_for_strangers_whether_or_not_they_exist(
    demo: Any, gql: Any, client: httpx.AsyncClient
) -> None:
    number = (await _issue(gql, await demo.token("association-admin")))["certificate"]["number"]
    stranger = {"Authorization": f"Bearer {await demo.token('committee-admin')}"}
    hidden = await client.get(f"/certificates/{number}.json", headers=stranger)
    missing = await client.get("/certificates/V2000010100000000.json", headers=stranger)
    anonymous = await client.get(f"/certificates/{number}.pdf")
    assert hidden.status_code == missing.status_code == anonymous.status_code == 404
    assert hidden.content == missing.content
