"""Records core through its public surface: GraphQL over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from strawberry.relay import GlobalID

ORGS = "{ organizations(first: 10) { edges { node { id name category hasIssuingRight } } } }"


def gid(type_name: str, pk: int) -> str:
    return str(GlobalID(type_name, str(pk)))


async def org_ids(gql: Any) -> dict[str, str]:
    result = await gql(ORGS)
    return {e["node"]["name"]: e["node"]["id"] for e in result["data"]["organizations"]["edges"]}


async def my_volunteer_id(gql: Any, token: str) -> str:
    result = await gql("{ me { volunteer { id } } }", token=token)
    return str(result["data"]["me"]["volunteer"]["id"])


CAN_ISSUE = """query($o: ID!, $v: ID!) { canIssue(organizationId: $o, volunteerId: $v) {
  allowed rule explanation ableOrganizations { name } userErrors { code } } }"""

ASSOCIATION = "北京市海淀区志愿者协会"
COMMITTEE = "海淀区学院路街道学院路社区居民委员会"


async def _volunteer_named(gql: Any, token: str, org_id: str, name: str) -> str:
    result = await gql(
        "query($o: ID!) { volunteers(organizationId: $o, first: 50) { edges { node { id name } } } }",
        {"o": org_id}, token=token,
    )
    return next(e["node"]["id"] for e in result["data"]["volunteers"]["edges"] if e["node"]["name"] == name)


async def test_association_cannot_certify_volunteer_it_never_recorded(demo: Any, gql: Any) -> None:
    """The seed article: 王芳 served only with the residents' committee."""
    orgs = await org_ids(gql)
    authority = await demo.token("authority")
    wang = await _volunteer_named(gql, authority, orgs[COMMITTEE], "王芳")
    refused = (await gql(CAN_ISSUE, {"o": orgs[ASSOCIATION], "v": wang}, token=authority))["data"]["canIssue"]
    assert refused["allowed"] is False
    assert refused["rule"] == "NO_RECORDS"
    assert [o["name"] for o in refused["ableOrganizations"]] == [COMMITTEE]
    allowed = (await gql(CAN_ISSUE, {"o": orgs[COMMITTEE], "v": wang}))["data"]["canIssue"]
    assert (allowed["allowed"], allowed["rule"]) == (True, "MAY_ISSUE")
    assert allowed["ableOrganizations"] == [], "anonymous callers are not told where someone served"


async def test_suspended_issuing_right_turns_the_answer_to_no(demo: Any, gql: Any) -> None:
    orgs = await org_ids(gql)
    authority = await demo.token("authority")
    wang = await _volunteer_named(gql, authority, orgs[COMMITTEE], "王芳")
    suspend = """mutation($o: ID!) { suspendIssuingRight(input: {organizationId: $o, reason: "抽查发现记录不实"}) {
      organization { hasIssuingRight } userErrors { code } } }"""
    result = await gql(suspend, {"o": orgs[COMMITTEE]}, token=authority)
    assert result["data"]["suspendIssuingRight"]["organization"]["hasIssuingRight"] is False
    answer = (await gql(CAN_ISSUE, {"o": orgs[COMMITTEE], "v": wang}, token=authority))["data"]["canIssue"]
    assert (answer["allowed"], answer["rule"]) == (False, "NO_ISSUING_RIGHT")


REGISTER_ORG = """mutation($code: String!, $name: String!) {
  registerOrganization(input: {creditCode: $code, name: $name, category: CHARITY}) {
    organization { id creditCode } userErrors { field code message } } }"""


async def test_bad_credit_code_is_a_user_error_in_chinese_or_english(demo: Any, gql: Any) -> None:
    authority = await demo.token("authority")
    variables = {"code": "91110000600037341A", "name": "某慈善基金会"}
    zh = (await gql(REGISTER_ORG, variables, token=authority))["data"]["registerOrganization"]
    assert zh["organization"] is None
    assert zh["userErrors"] == [
        {"field": ["creditCode"], "code": "INVALID_CREDIT_CODE", "message": "统一社会信用代码无效（校验位不符）"}
    ]
    en = (await gql(REGISTER_ORG, variables, token=authority, language="en-US,en;q=0.9"))["data"]
    assert en["registerOrganization"]["userErrors"][0]["message"].startswith("Invalid unified social credit code")
    ok = (await gql(REGISTER_ORG, {**variables, "code": "91110000600037341L"}, token=authority))["data"]
    assert ok["registerOrganization"]["organization"]["creditCode"] == "91110000600037341L"


async def test_only_the_authority_registers_organizations(demo: Any, gql: Any) -> None:
    variables = {"code": "91110000600037341L", "name": "某慈善基金会"}
    anonymous = (await gql(REGISTER_ORG, variables))["data"]["registerOrganization"]
    assert anonymous["userErrors"][0]["code"] == "UNAUTHENTICATED"
    admin = await demo.token("association-admin")
    denied = (await gql(REGISTER_ORG, variables, token=admin))["data"]["registerOrganization"]
    assert denied["userErrors"][0]["code"] == "FORBIDDEN"


RECORD = """mutation($o: ID!, $records: [ServiceEntryInput!]!) {
  recordService(input: {organizationId: $o, records: $records}) {
    records { id hours enteredLate version } userErrors { field code } } }"""


async def _activity(gql: Any, org_id: str, name: str) -> str:
    result = await gql(
        "query($o: ID!) { node(id: $o) { ... on Organization { activities(first: 20) { edges { node { id name } } } } } }",
        {"o": org_id},
    )
    return next(e["node"]["id"] for e in result["data"]["node"]["activities"]["edges"] if e["node"]["name"] == name)


async def _service_count(gql: Any, token: str, org_id: str) -> int:
    result = await gql(
        "query($o: ID!) { serviceRecords(organizationId: $o) { totalCount } }", {"o": org_id}, token=token
    )
    return int(result["data"]["serviceRecords"]["totalCount"])


async def test_one_organization_cannot_write_another_organizations_records(demo: Any, gql: Any) -> None:
    orgs = await org_ids(gql)
    committee_admin = await demo.token("committee-admin")
    authority = await demo.token("authority")
    li = await _volunteer_named(gql, authority, orgs[ASSOCIATION], "李娜")
    sorting = await _activity(gql, orgs[ASSOCIATION], "社区垃圾分类宣传")
    entry = {"volunteerId": li, "activityId": sorting, "startsAt": "2026-01-01T09:00:00+08:00",
             "endsAt": "2026-01-01T10:00:00+08:00", "hours": "1"}
    result = await gql(RECORD, {"o": orgs[ASSOCIATION], "records": [entry]}, token=committee_admin)
    assert result["data"]["recordService"]["userErrors"][0]["code"] == "FORBIDDEN"


async def test_a_bad_batch_writes_nothing_and_names_each_bad_entry(demo: Any, gql: Any) -> None:
    orgs = await org_ids(gql)
    admin = await demo.token("association-admin")
    authority = await demo.token("authority")
    li = await _volunteer_named(gql, authority, orgs[ASSOCIATION], "李娜")
    sorting = await _activity(gql, orgs[ASSOCIATION], "社区垃圾分类宣传")
    result = await gql(
        "query($a: ID!) { node(id: $a) { ... on Activity { startsOn } } }", {"a": sorting}
    )
    day = result["data"]["node"]["startsOn"]
    before = await _service_count(gql, admin, orgs[ASSOCIATION])
    good = {"volunteerId": li, "activityId": sorting, "startsAt": f"{day}T18:00:00+08:00",
            "endsAt": f"{day}T20:00:00+08:00", "hours": "2"}
    too_many_hours = {**good, "startsAt": f"{day}T20:00:00+08:00", "endsAt": f"{day}T21:00:00+08:00", "hours": "1.5"}
    bad_id = {**good, "volunteerId": gid("Organization", 1)}
    result = await gql(RECORD, {"o": orgs[ASSOCIATION], "records": [good, too_many_hours, bad_id]}, token=admin)
    payload = result["data"]["recordService"]
    assert payload["records"] == []
    assert payload["userErrors"] == [
        {"field": ["records", "1", "hours"], "code": "HOURS_EXCEED_DURATION"},
        {"field": ["records", "2", "volunteerId"], "code": "WRONG_TYPE"},
    ]
    assert await _service_count(gql, admin, orgs[ASSOCIATION]) == before


async def test_overlapping_service_is_refused_across_organizations(demo: Any, gql: Any) -> None:
    orgs = await org_ids(gql)
    zhang_token = await demo.token("zhangwei")
    zhang = await my_volunteer_id(gql, zhang_token)
    existing = (await gql(
        "{ me { volunteer { serviceRecords(first: 50) { edges { node { startsAt endsAt organization { name } } } } } } }",
        token=zhang_token,
    ))["data"]["me"]["volunteer"]["serviceRecords"]["edges"]
    committee_shift = next(e["node"] for e in existing if e["node"]["organization"]["name"] == COMMITTEE)
    admin = await demo.token("association-admin")
    sorting = await _activity(gql, orgs[ASSOCIATION], "社区垃圾分类宣传")
    clash = {"volunteerId": zhang, "activityId": sorting, "startsAt": committee_shift["startsAt"],
             "endsAt": committee_shift["endsAt"], "hours": "1"}
    result = await gql(RECORD, {"o": orgs[ASSOCIATION], "records": [clash]}, token=admin)
    assert result["data"]["recordService"]["userErrors"] == [{"field": ["startsAt"], "code": "OVERLAPPING_SERVICE"}]


async def test_correction_keeps_the_old_version_and_void_keeps_the_record(demo: Any, gql: Any) -> None:
    orgs = await org_ids(gql)
    admin = await demo.token("association-admin")
    records = (await gql(
        "query($o: ID!) { serviceRecords(organizationId: $o, first: 1) { edges { node { id hours } } } }",
        {"o": orgs[ASSOCIATION]}, token=admin,
    ))["data"]["serviceRecords"]["edges"]
    record_id = records[0]["node"]["id"]
    correct = """mutation($id: ID!) { correctServiceRecord(input: {id: $id, hours: "0.5", reason: "志愿者申请更正：实际服务半小时"}) {
      record { id version ... on ServiceRecord { hours history { version status hours } } } userErrors { code } } }"""
    corrected = (await gql(correct, {"id": record_id}, token=admin))["data"]["correctServiceRecord"]
    assert corrected["userErrors"] == []
    assert corrected["record"]["version"] == 2
    assert [(h["version"], h["status"]) for h in corrected["record"]["history"]] == [(1, "SUPERSEDED"), (2, "CURRENT")]
    again = (await gql(correct, {"id": record_id}, token=admin))["data"]["correctServiceRecord"]
    assert again["userErrors"][0]["code"] == "NOT_CURRENT_VERSION"
    void = """mutation($id: ID!, $reason: String!) { voidRecord(input: {id: $id, reason: $reason}) {
      record { status changeReason } userErrors { field code } } }"""
    no_reason = (await gql(void, {"id": corrected["record"]["id"], "reason": " "}, token=admin))["data"]["voidRecord"]
    assert no_reason["userErrors"] == [{"field": ["reason"], "code": "REASON_REQUIRED"}]
    voided = (await gql(void, {"id": corrected["record"]["id"], "reason": "重复录入"}, token=admin))["data"]["voidRecord"]
    assert voided["record"] == {"status": "VOIDED", "changeReason": "重复录入"}


async def test_one_volunteer_cannot_read_another_volunteers_records(demo: Any, gql: Any) -> None:
    orgs = await org_ids(gql)
    authority = await demo.token("authority")
    wang = await _volunteer_named(gql, authority, orgs[COMMITTEE], "王芳")
    zhang_token = await demo.token("zhangwei")
    result = await gql(
        "query($id: ID!) { node(id: $id) { ... on Volunteer { name serviceRecords { totalCount } } } }",
        {"id": wang}, token=zhang_token,
    )
    assert result["data"]["node"] is None
    staff_view = await gql(
        "query($id: ID!) { node(id: $id) { ... on Volunteer { idNumber idNumberMasked } } }",
        {"id": wang}, token=await demo.token("committee-admin"),
    )
    assert staff_view["data"]["node"]["idNumber"] is None
    assert "*" in staff_view["data"]["node"]["idNumberMasked"]


async def test_under_fourteen_needs_guardian_consent(demo: Any, gql: Any) -> None:
    orgs = await org_ids(gql)
    admin = await demo.token("association-admin")
    register = """mutation($o: ID!, $consents: [ConsentInput!]!) { registerVolunteer(input: {organizationId: $o,
      person: {name: "周小红", gender: FEMALE, birthDate: "2016-05-05", idType: CN_RESIDENT_ID, idNumber: "110108201605050020"},
      consents: $consents}) { volunteer { volunteerNumber idNumberMasked } alreadyRegistered userErrors { field code } } }"""
    refused = await gql(register, {"o": orgs[ASSOCIATION], "consents": [{"kind": "SELF", "givenBy": "周小红"}]}, token=admin)
    assert refused["data"]["registerVolunteer"]["userErrors"] == [{"field": ["consents"], "code": "GUARDIAN_CONSENT_REQUIRED"}]
    guardian = [{"kind": "GUARDIAN", "givenBy": "周建国", "relationship": "父亲", "evidence": "监护人同意书"}]
    accepted = (await gql(register, {"o": orgs[ASSOCIATION], "consents": guardian}, token=admin))["data"]["registerVolunteer"]
    assert accepted["userErrors"] == [] and accepted["alreadyRegistered"] is False
    assert accepted["volunteer"]["idNumberMasked"] == "110108********0020"
    assert accepted["volunteer"]["volunteerNumber"].startswith("VN")


async def test_the_same_person_registered_by_a_second_organization_is_not_duplicated(demo: Any, gql: Any) -> None:
    """李娜 is enrolled with the association; the committee registering her finds the same volunteer."""
    orgs = await org_ids(gql)
    admin = await demo.token("committee-admin")
    register = """mutation($o: ID!) { registerVolunteer(input: {organizationId: $o,
      person: {name: "李娜", gender: FEMALE, birthDate: "2001-06-01", idType: CN_RESIDENT_ID, idNumber: "110105 20010601 3686"},
      consents: [{kind: SELF, givenBy: "李娜"}]}) { volunteer { id } alreadyRegistered userErrors { code } } }"""
    result = (await gql(register, {"o": orgs[COMMITTEE]}, token=admin))["data"]["registerVolunteer"]
    assert result["alreadyRegistered"] is True
    authority = await demo.token("authority")
    assert result["volunteer"]["id"] == await _volunteer_named(gql, authority, orgs[ASSOCIATION], "李娜")
    again = (await gql(register, {"o": orgs[COMMITTEE]}, token=admin))["data"]["registerVolunteer"]
    assert again["userErrors"] == [{"code": "ALREADY_ENROLLED"}]


async def test_tokens_can_be_revoked(demo: Any, gql: Any) -> None:
    token = await demo.token("zhangwei")
    assert (await gql("{ me { username } }", token=token))["data"]["me"]["username"] == "zhangwei"
    logged_out = await gql("mutation { logOut { revoked } }", token=token)
    assert logged_out["data"]["logOut"]["revoked"] is True
    assert (await gql("{ me { username } }", token=token))["data"]["me"] is None


async def test_wrong_password_is_a_user_error(demo: Any, gql: Any) -> None:
    result = await gql(
        'mutation { logIn(input: {username: "zhangwei", password: "wrong-password"}) { token userErrors { code } } }'
    )
    assert result["data"]["logIn"] == {"token": None, "userErrors": [{"code": "INVALID_CREDENTIALS"}]}


async def test_night_shift_across_midnight_and_late_entry_are_recorded_as_such(demo: Any, gql: Any) -> None:
    """Art 11: the activity ended more than 10 working days ago, so the entry is flagged late."""
    orgs = await org_ids(gql)
    admin = await demo.token("association-admin")
    authority = await demo.token("authority")
    li = await _volunteer_named(gql, authority, orgs[ASSOCIATION], "李娜")
    sorting = await _activity(gql, orgs[ASSOCIATION], "社区垃圾分类宣传")
    activity = (await gql(
        "query($a: ID!) { node(id: $a) { ... on Activity { startsOn endsOn recordingDeadline } } }", {"a": sorting}
    ))["data"]["node"]
    next_day = (date.fromisoformat(activity["startsOn"]) + timedelta(days=1)).isoformat()
    night = {"volunteerId": li, "activityId": sorting, "startsAt": f"{activity['startsOn']}T22:00:00+08:00",
             "endsAt": f"{next_day}T02:00:00+08:00", "hours": "4"}
    assert date.fromisoformat(activity["recordingDeadline"]) < date.today(), "the demo activity ended weeks ago"
    result = (await gql(RECORD, {"o": orgs[ASSOCIATION], "records": [night]}, token=admin))["data"]["recordService"]
    assert result["userErrors"] == []
    assert result["records"][0]["hours"] == "4"
    assert result["records"][0]["enteredLate"] is True
    four_and_a_half = {**night, "startsAt": f"{next_day}T02:00:00+08:00", "endsAt": f"{next_day}T06:00:00+08:00", "hours": "4.5"}
    refused = (await gql(RECORD, {"o": orgs[ASSOCIATION], "records": [four_and_a_half]}, token=admin))["data"]
    assert refused["recordService"]["userErrors"] == [{"field": ["hours"], "code": "HOURS_EXCEED_DURATION"}]
