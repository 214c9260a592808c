"""The demo scenario over HTTP, as a new user would try it."""

from __future__ import annotations

from typing import Any

ME = """{ me { username volunteer { name idNumberMasked idNumber totalHours stars
  serviceRecords(first: 10) { totalCount edges { node { hours organization { name } activity { name } } } } } } }"""


async def test_volunteer_sees_every_record_across_organizations(demo: Any, gql: Any) -> None:
    token = await demo.token("zhangwei")
    result = await gql(ME, token=token)
    assert "errors" not in result, result
    volunteer = result["data"]["me"]["volunteer"]
    organizations = {e["node"]["organization"]["name"] for e in volunteer["serviceRecords"]["edges"]}
    assert organizations == {"北京市海淀区志愿者协会", "海淀区学院路街道学院路社区居民委员会"}
    assert volunteer["totalHours"] == "11.5"
    assert volunteer["idNumber"].startswith("110108")
    assert "*" in volunteer["idNumberMasked"]
