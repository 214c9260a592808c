"""Art 13 over the API: the volunteer asks, the recording organization corrects or answers."""

from __future__ import annotations

from typing import Any

from tests.records.test_records_api import ASSOCIATION, COMMITTEE, org_ids

MY_RECORDS = """{ me { volunteer { serviceRecords(first: 20) { edges { node { id hours organization { name } } } } } } }"""
REQUEST = """mutation($id: ID!, $message: String!) { requestRecordCorrection(input: {recordId: $id, message: $message}) {
  correctionRequest { id status message organization { name } } userErrors { field code } } }"""
PENDING = """query($o: ID!) { correctionRequests(organizationId: $o) { totalCount edges { node { id message
  record { id ... on ServiceRecord { hours } } } } } }"""


async def _association_record(gql: Any, token: str) -> str:
    edges = (await gql(MY_RECORDS, token=token))["data"]["me"]["volunteer"]["serviceRecords"]["edges"]
    return str(next(e["node"]["id"] for e in edges if e["node"]["organization"]["name"] == ASSOCIATION))


async def test_volunteer_asks_and_the_organization_corrects_in_one_step(demo: Any, gql: Any) -> None:
    zhang = await demo.token("zhangwei")
    record_id = await _association_record(gql, zhang)
    asked = (await gql(REQUEST, {"id": record_id, "message": "实际服务了2.5小时，不是3小时"}, token=zhang))["data"]
    request = asked["requestRecordCorrection"]["correctionRequest"]
    assert request["status"] == "PENDING" and request["organization"]["name"] == ASSOCIATION
    orgs = await org_ids(gql)
    admin = await demo.token("association-admin")
    pending = (await gql(PENDING, {"o": orgs[ASSOCIATION]}, token=admin))["data"]["correctionRequests"]
    assert [e["node"]["id"] for e in pending["edges"]] == [request["id"]]
    correct = """mutation($id: ID!, $req: ID!) { correctServiceRecord(input: {id: $id, hours: "2.5",
      reason: "经核实更正", correctionRequestId: $req}) { record { version } userErrors { field code } } }"""
    corrected = (await gql(correct, {"id": record_id, "req": request["id"]}, token=admin))["data"]["correctServiceRecord"]
    assert corrected == {"record": {"version": 2}, "userErrors": []}
    mine = (await gql(
        "{ myCorrectionRequests { edges { node { status answer correctedRecord { ... on ServiceRecord { hours } } } } } }",
        token=zhang,
    ))["data"]["myCorrectionRequests"]["edges"]
    assert mine[0]["node"] == {"status": "CORRECTED", "answer": "经核实更正", "correctedRecord": {"hours": "2.5"}}
    assert (await gql(PENDING, {"o": orgs[ASSOCIATION]}, token=admin))["data"]["correctionRequests"]["totalCount"] == 0


async def test_rejection_needs_an_answer_and_closes_the_request(demo: Any, gql: Any) -> None:
    zhang = await demo.token("zhangwei")
    record_id = await _association_record(gql, zhang)
    request = (await gql(REQUEST, {"id": record_id, "message": "日期不对"}, token=zhang))["data"][
        "requestRecordCorrection"]["correctionRequest"]
    reject = """mutation($id: ID!, $answer: String!) { rejectCorrectionRequest(input: {id: $id, answer: $answer}) {
      correctionRequest { status answer } userErrors { field code } } }"""
    admin = await demo.token("association-admin")
    empty = (await gql(reject, {"id": request["id"], "answer": ""}, token=admin))["data"]["rejectCorrectionRequest"]
    assert empty["userErrors"] == [{"field": ["answer"], "code": "REASON_REQUIRED"}]
    other_org = await demo.token("committee-admin")
    denied = (await gql(reject, {"id": request["id"], "answer": "不是我们的"}, token=other_org))["data"]
    assert denied["rejectCorrectionRequest"]["userErrors"] == [{"field": None, "code": "FORBIDDEN"}]
    done = (await gql(reject, {"id": request["id"], "answer": "签到表显示日期无误"}, token=admin))["data"]
    assert done["rejectCorrectionRequest"]["correctionRequest"] == {"status": "REJECTED", "answer": "签到表显示日期无误"}
    again = (await gql(reject, {"id": request["id"], "answer": "再次"}, token=admin))["data"]["rejectCorrectionRequest"]
    assert again["userErrors"][0]["code"] == "CORRECTION_ALREADY_ANSWERED"


async def test_only_the_volunteer_may_ask_about_their_record(demo: Any, gql: Any) -> None:
    zhang = await demo.token("zhangwei")
    record_id = await _association_record(gql, zhang)
    for username in ("association-admin", "authority"):
        token = await demo.token(username)
        result = (await gql(REQUEST, {"id": record_id, "message": "代为申请"}, token=token))["data"]
        assert result["requestRecordCorrection"]["userErrors"] == [{"field": None, "code": "FORBIDDEN"}]
    blank = (await gql(REQUEST, {"id": record_id, "message": "  "}, token=zhang))["data"]["requestRecordCorrection"]
    assert blank["userErrors"] == [{"field": ["message"], "code": "REQUIRED"}]
    orgs = await org_ids(gql)
    not_a_record = (await gql(REQUEST, {"id": orgs[COMMITTEE], "message": "x"}, token=zhang))["data"]
    assert not_a_record["requestRecordCorrection"]["userErrors"] == [{"field": ["recordId"], "code": "WRONG_TYPE"}]
