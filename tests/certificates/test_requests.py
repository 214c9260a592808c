"""The request queue (Art 14): the volunteer asks, a rule refuses at once or the organization decides."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from service.domain.clock import local_today
from service.models import Activity, Certificate, CertificateRequest
from service.models.certificates import RequestStatus
from tests.certificates.support import (
    ASSOCIATION,
    COMMITTEE,
    codes,
    gid,
    organization_id,
    service_verdict,
    volunteer_id,
    volunteer_login,
)

REQUEST = """
mutation($input: RequestCertificateInput!) {
  requestCertificate(input: $input) {
    request { id scope status refusalRule refusalReason }
    certificate { id }
    userErrors { field code }
  }
}
"""
APPROVE = """
mutation($input: ApproveCertificateRequestInput!) {
  approveCertificateRequest(input: $input) {
    request { id status refusalRule }
    certificate { id number status personInCharge handler credential }
    userErrors { field code }
  }
}
"""
REFUSE = """
mutation($input: RefuseCertificateRequestInput!) {
  refuseCertificateRequest(input: $input) {
    request { id status refusalRule refusalReason }
    userErrors { field code }
  }
}
"""


async def _request(
    gql: Any, token: str, org: str, holder: str, scope: dict[str, Any] | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {"organizationId": await organization_id(org), "volunteerId": await volunteer_id(holder)}
    if scope is not None:
        data["scope"] = scope
    payload: dict[str, Any] = (await gql(REQUEST, {"input": data}, token=token))["data"]["requestCertificate"]
    return payload


async def _approve(gql: Any, token: str, request_id: str, **extra: Any) -> dict[str, Any]:
    variables = {"input": {"requestId": request_id, "handler": "钱晓明", **extra}}
    payload: dict[str, Any] = (await gql(APPROVE, variables, token=token))["data"]["approveCertificateRequest"]
    return payload


def _lines(certificate: dict[str, Any]) -> list[tuple[str, str]]:
    return [(s["activity"], s["hours"]) for s in certificate["credential"]["credentialSubject"]["services"]]


@pytest.mark.db
async def test_request_to_an_organization_that_never_recorded_the_volunteer_is_refused_at_once_with_no_records(
    demo: Any, gql: Any
) -> None:
    """The seed article's case: 王芳 serves with the committee and asks the volunteer association."""
    token = await volunteer_login(demo, "王芳", "wangfang")
    payload = await _request(gql, token, ASSOCIATION, "王芳")
    assert payload["userErrors"] == []
    assert payload["certificate"] is None
    assert payload["request"]["status"] == "REFUSED"
    assert payload["request"]["refusalRule"] == "NO_RECORDS"
    # Refused by the rule, so nothing waits in the association's queue.
    assert await CertificateRequest.filter(status=RequestStatus.PENDING).count() == 0


@pytest.mark.db
async def test_request_for_activities_another_organization_recorded_is_refused_as_not_recorded_here(
    demo: Any, gql: Any
) -> None:
    elderly = await Activity.get(name="敬老院陪伴老人")  # the committee's activity
    payload = await _request(
        gql, await demo.token("zhangwei"), ASSOCIATION, "张伟",
        {"kind": "ACTIVITIES", "activityIds": [gid("Activity", elderly.id)]},
    )
    assert (payload["request"]["status"], payload["request"]["refusalRule"]) == ("REFUSED", "NOT_RECORDED_HERE")


@pytest.mark.db
async def test_queued_request_approved_by_staff_is_issued_with_person_in_charge_and_handler(
    demo: Any, gql: Any
) -> None:
    requested = await _request(gql, await demo.token("zhangwei"), ASSOCIATION, "张伟")
    assert requested["userErrors"] == []
    assert (requested["request"]["status"], requested["request"]["refusalRule"]) == ("PENDING", None)
    request_id = requested["request"]["id"]

    recorder = await demo.token("association-recorder")  # staff: recorders issue too
    approved = await _approve(gql, recorder, request_id, personInCharge="刘主任", handler="周经办")
    assert approved["userErrors"] == []
    assert approved["request"]["status"] == "APPROVED"
    certificate = approved["certificate"]
    assert (certificate["status"], certificate["personInCharge"], certificate["handler"]) == (
        "ISSUED", "刘主任", "周经办"
    )
    subject = certificate["credential"]["credentialSubject"]
    assert (subject["personInCharge"], subject["handler"]) == ("刘主任", "周经办")
    # Everything the association recorded for 张伟 (its own activity twice, the partner one once).
    assert subject["totalHours"] == "9"
    assert sorted(_lines(certificate)) == [("冬季助老送温暖", "3"), ("社区垃圾分类宣传", "3"), ("社区垃圾分类宣传", "3")]
    assert (await service_verdict(gql, certificate["credential"]))["reason"] == "VALID"
    row = await Certificate.get(number=certificate["number"]).prefetch_related("request")
    assert row.request is not None and gid("CertificateRequest", row.request.id) == request_id

    again = await _approve(gql, recorder, request_id)
    assert codes(again) == ["REQUEST_ALREADY_DECIDED"]


@pytest.mark.db
async def test_approved_certificate_person_in_charge_defaults_to_the_organizations(demo: Any, gql: Any) -> None:
    requested = await _request(gql, await demo.token("zhangwei"), ASSOCIATION, "张伟")
    approved = await _approve(gql, await demo.token("association-admin"), requested["request"]["id"])
    assert approved["certificate"]["personInCharge"] == "赵建国"


@pytest.mark.db
async def test_period_and_activity_scopes_certify_only_the_service_asked_for(demo: Any, gql: Any) -> None:
    zhangwei, admin = await demo.token("zhangwei"), await demo.token("association-admin")
    month_ago = local_today() - timedelta(days=30)
    by_period = await _request(
        gql, zhangwei, ASSOCIATION, "张伟",
        {"kind": "PERIOD", "periodStart": month_ago.isoformat(), "periodEnd": month_ago.isoformat()},
    )
    assert by_period["request"]["status"] == "PENDING"
    certificate = (await _approve(gql, admin, by_period["request"]["id"]))["certificate"]
    assert _lines(certificate) == [("社区垃圾分类宣传", "3")]
    assert certificate["credential"]["credentialSubject"]["periodStart"] == month_ago.isoformat()

    sorting = await Activity.get(name="社区垃圾分类宣传")
    by_activity = await _request(
        gql, zhangwei, ASSOCIATION, "张伟", {"kind": "ACTIVITIES", "activityIds": [gid("Activity", sorting.id)]}
    )
    certificate = (await _approve(gql, admin, by_activity["request"]["id"]))["certificate"]
    assert _lines(certificate) == [("社区垃圾分类宣传", "3")] * 2
    assert certificate["credential"]["credentialSubject"]["totalHours"] == "6"


@pytest.mark.db
async def test_period_scope_without_an_end_is_a_user_error_and_queues_nothing(demo: Any, gql: Any) -> None:
    payload = await _request(
        gql, await demo.token("zhangwei"), ASSOCIATION, "张伟", {"kind": "PERIOD", "periodStart": "2026-01-01"}
    )
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(["scope", "periodEnd"], "REQUIRED")]
    assert await CertificateRequest.all().count() == 0


@pytest.mark.db
async def test_refused_request_records_the_organizations_reason(demo: Any, gql: Any) -> None:
    requested = await _request(gql, await demo.token("zhangwei"), ASSOCIATION, "张伟")
    admin = await demo.token("association-admin")
    request_id = requested["request"]["id"]

    blank = (await gql(REFUSE, {"input": {"requestId": request_id, "reason": "  "}}, token=admin))
    assert codes(blank["data"]["refuseCertificateRequest"]) == ["REASON_REQUIRED"]

    result = await gql(REFUSE, {"input": {"requestId": request_id, "reason": "服务记录尚在核实"}}, token=admin)
    payload = result["data"]["refuseCertificateRequest"]
    assert payload["userErrors"] == []
    assert payload["request"] == {
        "id": request_id, "status": "REFUSED", "refusalRule": "REFUSED_BY_ORGANIZATION", "refusalReason": "服务记录尚在核实"
    }
    assert codes(await _approve(gql, admin, request_id)) == ["REQUEST_ALREADY_DECIDED"]
    assert await Certificate.filter(request_id__isnull=False).count() == 0


@pytest.mark.db
async def test_nobody_requests_a_certificate_on_another_volunteers_behalf(demo: Any, gql: Any) -> None:
    for username in ("zhangwei", "association-admin"):
        payload = await _request(gql, await demo.token(username), COMMITTEE, "王芳")
        assert payload["request"] is None
        assert codes(payload) == ["FORBIDDEN"], username
    anonymous = await _request(gql, "", COMMITTEE, "王芳")
    assert codes(anonymous) == ["UNAUTHENTICATED"]
    assert await CertificateRequest.all().count() == 0


@pytest.mark.db
async def test_an_organization_cannot_decide_another_organizations_request(demo: Any, gql: Any) -> None:
    requested = await _request(gql, await demo.token("zhangwei"), ASSOCIATION, "张伟")
    request_id = requested["request"]["id"]
    committee = await demo.token("committee-admin")  # 张伟 is enrolled there too

    approved = await _approve(gql, committee, request_id)
    assert approved["certificate"] is None and approved["request"] is None
    assert codes(approved) == ["NOT_FOUND"], "another organization does not learn that the request exists"
    refused = await gql(REFUSE, {"input": {"requestId": request_id, "reason": "不是我们的"}}, token=committee)
    assert codes(refused["data"]["refuseCertificateRequest"]) == ["NOT_FOUND"]
    volunteer = await _approve(gql, await demo.token("zhangwei"), request_id)
    assert codes(volunteer) == ["FORBIDDEN"]  # the holder sees the request but does not decide it

    row = await CertificateRequest.get(organization__name=ASSOCIATION)
    assert row.status is RequestStatus.PENDING
    assert await Certificate.filter(request_id=row.id).count() == 0


@pytest.mark.db
async def test_volunteer_follows_their_request_by_id_and_strangers_see_nothing(demo: Any, gql: Any) -> None:
    zhangwei = await demo.token("zhangwei")
    request_id = (await _request(gql, zhangwei, ASSOCIATION, "张伟"))["request"]["id"]
    await _approve(gql, await demo.token("association-admin"), request_id)

    query = "query($id: ID!) { node(id: $id) { ... on CertificateRequest { id status } } }"
    for username in ("zhangwei", "association-recorder", "authority"):
        result = await gql(query, {"id": request_id}, token=await demo.token(username))
        assert "errors" not in result, (username, result)
        assert result["data"]["node"] == {"id": request_id, "status": "APPROVED"}, username
    for token in (await demo.token("committee-admin"), await volunteer_login(demo, "王芳", "wangfang"), None):
        result = await gql(query, {"id": request_id}, token=token)
        assert "errors" not in result and result["data"]["node"] is None


QUEUE = """query($o: ID!, $status: RequestStatus) { certificateRequests(organizationId: $o, status: $status) {
  totalCount edges { node { id status volunteer { name } organization { name } certificate { number } } } } }"""
MINE = "{ myCertificateRequests { edges { node { id status certificate { number } } } } }"


@pytest.mark.db
async def test_staff_see_the_pending_queue_and_the_volunteer_follows_their_requests(demo: Any, gql: Any) -> None:
    zhang = await demo.token("zhangwei")
    request_id = (await _request(gql, zhang, ASSOCIATION, "张伟"))["request"]["id"]
    association = await organization_id(ASSOCIATION)
    recorder = await demo.token("association-recorder")
    queue = (await gql(QUEUE, {"o": association}, token=recorder))["data"]["certificateRequests"]
    assert [(e["node"]["id"], e["node"]["volunteer"]["name"]) for e in queue["edges"]] == [(request_id, "张伟")]
    stranger = await demo.token("committee-admin")
    assert (await gql(QUEUE, {"o": association}, token=stranger))["data"]["certificateRequests"]["totalCount"] == 0

    number = (await _approve(gql, recorder, request_id))["certificate"]["number"]
    assert (await gql(QUEUE, {"o": association}, token=recorder))["data"]["certificateRequests"]["totalCount"] == 0
    decided = (await gql(QUEUE, {"o": association, "status": "APPROVED"}, token=recorder))["data"]
    assert decided["certificateRequests"]["edges"][0]["node"]["certificate"] == {"number": number}
    mine = (await gql(MINE, token=zhang))["data"]["myCertificateRequests"]["edges"]
    assert [(e["node"]["id"], e["node"]["status"], e["node"]["certificate"]) for e in mine] == [
        (request_id, "APPROVED", {"number": number})
    ]
    assert (await gql(MINE, token=recorder))["data"]["myCertificateRequests"]["edges"] == []
