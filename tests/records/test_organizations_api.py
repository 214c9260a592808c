"""Organizations, activities and volunteers through the API: who organizes, records (Art 26)."""

from __future__ import annotations

from typing import Any

from tests.records.test_records_api import (
    ASSOCIATION,
    COMMITTEE,
    RECORD,
    _activity,
    _volunteer_named,
    org_ids,
)

CREATE_ACTIVITY = """mutation($input: CreateActivityInput!) { createActivity(input: $input) {
  activity { id name recruitment recordingOrganization { name } partner { name } } userErrors { field code } } }"""


async def test_partner_organization_records_the_activity_it_recruited_for(demo: Any, gql: Any) -> None:
    """The committee worked with the association: the association records, the committee may not."""
    orgs = await org_ids(gql)
    committee_admin = await demo.token("committee-admin")
    association_admin = await demo.token("association-admin")
    winter = await _activity(gql, orgs[COMMITTEE], "冬季助老送温暖")
    authority = await demo.token("authority")
    zhang = await _volunteer_named(gql, authority, orgs[COMMITTEE], "张伟")
    activity = (await gql(
        "query($a: ID!) { node(id: $a) { ... on Activity { startsOn recordingOrganization { name } } } }", {"a": winter}
    ))["data"]["node"]
    assert activity["recordingOrganization"]["name"] == ASSOCIATION
    day = activity["startsOn"]
    entry = {"volunteerId": zhang, "activityId": winter, "startsAt": f"{day}T14:00:00+08:00",
             "endsAt": f"{day}T15:00:00+08:00", "hours": "1"}
    by_committee = await gql(RECORD, {"o": orgs[COMMITTEE], "records": [entry]}, token=committee_admin)
    assert by_committee["data"]["recordService"]["userErrors"] == [{"field": ["activityId"], "code": "RECORDER_NOT_PARTNER"}]
    by_association = await gql(RECORD, {"o": orgs[ASSOCIATION], "records": [entry]}, token=association_admin)
    assert by_association["data"]["recordService"]["userErrors"] == []


async def test_partner_must_be_a_volunteer_service_organization(demo: Any, gql: Any) -> None:
    orgs = await org_ids(gql)
    association_admin = await demo.token("association-admin")
    result = await gql(CREATE_ACTIVITY, {"input": {
        "organizationId": orgs[ASSOCIATION], "name": "联合活动", "startsOn": "2026-01-01", "endsOn": "2025-12-31",
        "recruitment": "VIA_PARTNER", "partnerId": orgs[COMMITTEE],
    }}, token=association_admin)
    errors = {(e["field"][0], e["code"]) for e in result["data"]["createActivity"]["userErrors"]}
    assert errors == {("endsOn", "INVALID_DATE_RANGE"), ("partnerId", "PARTNER_NOT_VOLUNTEER_ORG")}


async def test_organization_ordered_to_stop_cannot_record(demo: Any, gql: Any) -> None:
    orgs = await org_ids(gql)
    authority = await demo.token("authority")
    stop = """mutation($o: ID!) { sanctionOrganization(input: {organizationId: $o, kind: STOP_ACTIVITIES,
      reason: "逾期未改正", endsAt: "2099-01-01T00:00:00Z"}) { organization { stopped } userErrors { code } } }"""
    result = (await gql(stop, {"o": orgs[ASSOCIATION]}, token=authority))["data"]["sanctionOrganization"]
    assert result == {"organization": {"stopped": True}, "userErrors": []}
    admin = await demo.token("association-admin")
    li = await _volunteer_named(gql, authority, orgs[ASSOCIATION], "李娜")
    sorting = await _activity(gql, orgs[ASSOCIATION], "社区垃圾分类宣传")
    entry = {"volunteerId": li, "activityId": sorting, "startsAt": "2026-01-01T09:00:00+08:00",
             "endsAt": "2026-01-01T10:00:00+08:00", "hours": "1"}
    refused = (await gql(RECORD, {"o": orgs[ASSOCIATION], "records": [entry]}, token=admin))["data"]
    assert refused["recordService"]["userErrors"] == [{"field": ["organizationId"], "code": "ORGANIZATION_STOPPED"}]


SIGN_UP = """mutation($input: SignUpInput!) { signUp(input: $input) { volunteer { name volunteerNumber }
  userErrors { field code } } }"""


async def test_volunteer_signs_up_and_claims_records_an_organization_entered(demo: Any, gql: Any) -> None:
    """李娜 was registered by the association; signing up with her ID shows her those records."""
    person = {"name": "李娜", "gender": "FEMALE", "birthDate": "2001-06-01", "idType": "CN_RESIDENT_ID",
              "idNumber": "110105200106013686"}
    result = await gql(SIGN_UP, {"input": {"username": "lina", "password": "a-long-password", "person": person}})
    assert result["data"]["signUp"]["userErrors"] == []
    token = await demo.gql(
        'mutation { logIn(input: {username: "lina", password: "a-long-password"}) { token } }'
    )
    me = await gql("{ me { volunteer { name totalHours } } }", token=token["data"]["logIn"]["token"])
    assert me["data"]["me"]["volunteer"] == {"name": "李娜", "totalHours": "2.5"}
    again = await gql(SIGN_UP, {"input": {"username": "lina2", "password": "a-long-password", "person": person}})
    assert again["data"]["signUp"]["userErrors"] == [{"field": ["idNumber"], "code": "ID_ALREADY_REGISTERED"}]


async def test_sign_up_reports_every_bad_field(demo: Any, gql: Any) -> None:
    person = {"name": " ", "gender": "MALE", "birthDate": "1990-01-01", "idType": "CN_RESIDENT_ID",
              "idNumber": "110105199001010000"}
    result = await gql(SIGN_UP, {"input": {"username": "x", "password": "short", "person": person}}, language="en")
    errors = {(e["field"][0], e["code"]) for e in result["data"]["signUp"]["userErrors"]}
    assert errors == {("name", "REQUIRED"), ("idNumber", "INVALID_ID_NUMBER"), ("password", "WEAK_PASSWORD")}


async def test_admin_adds_a_recorder_who_can_record_but_not_void(demo: Any, gql: Any) -> None:
    orgs = await org_ids(gql)
    admin = await demo.token("association-admin")
    add = """mutation($o: ID!) { addOrganizationMember(input: {organizationId: $o, member: {username: "new-recorder",
      password: "a-long-password", role: RECORDER}}) { username userErrors { code } } }"""
    assert (await gql(add, {"o": orgs[ASSOCIATION]}, token=admin))["data"]["addOrganizationMember"]["username"] == "new-recorder"
    recorder_login = await gql('mutation { logIn(input: {username: "new-recorder", password: "a-long-password"}) { token } }')
    recorder = recorder_login["data"]["logIn"]["token"]
    records = (await gql(
        "query($o: ID!) { serviceRecords(organizationId: $o, first: 1) { edges { node { id } } } }",
        {"o": orgs[ASSOCIATION]}, token=recorder,
    ))["data"]["serviceRecords"]["edges"]
    void = """mutation($id: ID!) { voidRecord(input: {id: $id, reason: "误录"}) { userErrors { code } } }"""
    result = await gql(void, {"id": records[0]["node"]["id"]}, token=recorder)
    assert result["data"]["voidRecord"]["userErrors"] == [{"code": "FORBIDDEN"}]
    other = await gql(add, {"o": orgs[COMMITTEE]}, token=admin)
    assert other["data"]["addOrganizationMember"]["userErrors"] == [{"code": "FORBIDDEN"}]


REGISTER_WITH_ADMIN = """mutation($admin: NewMemberInput) { registerOrganization(input: {creditCode: "91110000600037341L",
  name: "某公益基金会", category: CHARITY, admin: $admin}) { organization { id } userErrors { field code } } }"""


async def test_the_authority_registers_an_organization_with_its_first_admin(demo: Any, gql: Any) -> None:
    authority = await demo.token("authority")
    weak = await gql(REGISTER_WITH_ADMIN, {"admin": {"username": "foundation-admin", "password": "short"}}, token=authority)
    assert weak["data"]["registerOrganization"]["userErrors"] == [{"field": ["admin", "password"], "code": "WEAK_PASSWORD"}]
    taken = await gql(REGISTER_WITH_ADMIN, {"admin": {"username": "zhangwei", "password": "a-long-password"}}, token=authority)
    assert taken["data"]["registerOrganization"]["userErrors"] == [{"field": ["admin", "username"], "code": "USERNAME_TAKEN"}]
    assert "某公益基金会" not in await org_ids(gql), "nothing half-written"
    created = await gql(
        REGISTER_WITH_ADMIN, {"admin": {"username": "foundation-admin", "password": "a-long-password"}}, token=authority
    )
    organization = created["data"]["registerOrganization"]["organization"]["id"]
    login = await gql('mutation { logIn(input: {username: "foundation-admin", password: "a-long-password"}) { token } }')
    admin = login["data"]["logIn"]["token"]
    activity = await gql(CREATE_ACTIVITY, {"input": {
        "organizationId": organization, "name": "助学活动", "startsOn": "2026-01-01", "endsOn": "2026-01-02"}}, token=admin)
    assert activity["data"]["createActivity"]["userErrors"] == []
