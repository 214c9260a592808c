"""`Volunteer.certificates`: a volunteer's certificates, only those the viewer may see."""

from __future__ import annotations

from typing import Any

import pytest

from tests.certificates.support import (
    ASSOCIATION,
    COMMITTEE,
    change_status,
    issue,
    organization_id,
    volunteer_id,
    volunteer_login,
)

MY_CERTIFICATES = """
query($first: Int, $after: String) {
  me { volunteer { certificates(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { number status replacedByNumber } }
  } } }
}
"""
VOLUNTEER_CERTIFICATES = """
query($id: ID!) {
  node(id: $id) { ... on Volunteer { name certificates { totalCount edges { node { number } } } } }
}
"""
ENROLLED = """
query($org: ID!) {
  volunteers(organizationId: $org, first: 50) { edges { node { name certificates { edges { node { number } } } } } }
}
"""
REISSUE = """
mutation($id: ID!) { reissueCertificate(input: {certificateId: $id, reason: "更正"}) { certificate { number } } }
"""


def _numbers(connection: dict[str, Any]) -> list[str]:
    return [e["node"]["number"] for e in connection["edges"]]


@pytest.mark.db
async def test_holder_sees_all_their_certificates_newest_first_with_what_replaced_them(demo: Any, gql: Any) -> None:
    admin, zhangwei = await demo.token("association-admin"), await demo.token("zhangwei")
    first = (await issue(gql, admin))["certificate"]
    reissued = (await gql(REISSUE, {"id": first["id"]}, token=admin))["data"]["reissueCertificate"]["certificate"]
    committee = (await issue(gql, await demo.token("committee-admin"), org=COMMITTEE, handler="孙丽"))["certificate"]

    result = await gql(MY_CERTIFICATES, {"first": 50}, token=zhangwei)
    connection = result["data"]["me"]["volunteer"]["certificates"]
    nodes = [e["node"] for e in connection["edges"]]
    # The demo issued 张伟 one certificate; this test three more.
    assert connection["totalCount"] == len(nodes) == 4
    assert [n["number"] for n in nodes[:3]] == [committee["number"], reissued["number"], first["number"]]
    by_number = {n["number"]: n for n in nodes}
    assert by_number[first["number"]] == {
        "number": first["number"], "status": "REVOKED", "replacedByNumber": reissued["number"]
    }
    assert by_number[reissued["number"]]["replacedByNumber"] is None

    page = (await gql(MY_CERTIFICATES, {"first": 3}, token=zhangwei))["data"]["me"]["volunteer"]["certificates"]
    assert page["pageInfo"]["hasNextPage"] is True
    rest = await gql(MY_CERTIFICATES, {"first": 3, "after": page["pageInfo"]["endCursor"]}, token=zhangwei)
    assert len(rest["data"]["me"]["volunteer"]["certificates"]["edges"]) == 1


@pytest.mark.db
async def test_another_volunteer_sees_none_of_the_holders_certificates(demo: Any, gql: Any) -> None:
    await issue(gql, await demo.token("association-admin"))
    wangfang = await volunteer_login(demo, "王芳", "wangfang")

    theirs = await gql(VOLUNTEER_CERTIFICATES, {"id": await volunteer_id("张伟")}, token=wangfang)
    assert theirs["data"]["node"] is None
    own = (await gql(MY_CERTIFICATES, {"first": 50}, token=wangfang))["data"]["me"]["volunteer"]["certificates"]
    (number,) = _numbers(own)  # the demo's certificate from the committee, and nothing of 张伟's
    holder_numbers = _numbers(
        (await gql(MY_CERTIFICATES, {"first": 50}, token=await demo.token("zhangwei")))["data"]["me"]["volunteer"][
            "certificates"
        ]
    )
    assert number not in holder_numbers


@pytest.mark.db
async def test_staff_see_only_the_certificates_their_own_organization_issued_to_a_shared_volunteer(
    demo: Any, gql: Any
) -> None:
    """张伟 serves with both organizations: each sees its own certificates of his, not the other's."""
    association = (await issue(gql, await demo.token("association-admin")))["certificate"]
    committee_token = await demo.token("committee-admin")
    committee = (await issue(gql, committee_token, org=COMMITTEE, handler="孙丽"))["certificate"]
    await change_status(gql, committee_token, "suspendCertificate", committee["id"], "核实中")

    result = await gql(ENROLLED, {"org": await organization_id(COMMITTEE)}, token=committee_token)
    (zhangwei,) = [e["node"] for e in result["data"]["volunteers"]["edges"] if e["node"]["name"] == "张伟"]
    assert _numbers(zhangwei["certificates"]) == [committee["number"]]

    recorder = await demo.token("association-recorder")
    result = await gql(ENROLLED, {"org": await organization_id(ASSOCIATION)}, token=recorder)
    (zhangwei,) = [e["node"] for e in result["data"]["volunteers"]["edges"] if e["node"]["name"] == "张伟"]
    assert association["number"] in _numbers(zhangwei["certificates"])
    assert committee["number"] not in _numbers(zhangwei["certificates"])

    authority = await gql(VOLUNTEER_CERTIFICATES, {"id": await volunteer_id("张伟")}, token=await demo.token("authority"))
    assert {association["number"], committee["number"]} <= set(_numbers(authority["data"]["node"]["certificates"]))


@pytest.mark.db
async def test_volunteers_certificates_cost_one_query_for_a_whole_page_of_volunteers(
    demo: Any, gql: Any, count_queries: Any
) -> None:
    token = await demo.token("association-admin")
    variables = {"org": await organization_id(ASSOCIATION)}
    await gql(ENROLLED, variables, token=token)  # warm up (log-in, caches)
    with count_queries() as without:
        await gql("query($org: ID!) { volunteers(organizationId: $org, first: 50) { edges { node { name } } } }",
                  variables, token=token)
    with count_queries() as with_certificates:
        await gql(ENROLLED, variables, token=token)
    assert with_certificates.count - without.count == 1
