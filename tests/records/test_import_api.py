"""Excel sign-in sheets (Art 4): imported through the API, all rows or none."""

from __future__ import annotations

import base64
import io
from datetime import date, datetime
from typing import Any

import openpyxl

from tests.records.test_records_api import ASSOCIATION, _activity, org_ids

IMPORT = """mutation($o: ID!, $a: ID!, $file: String!) { importSignInSheet(input: {organizationId: $o, activityId: $a, file: $file}) {
  records { hours source volunteer { name } } userErrors { field code message } } }"""


def sheet(rows: list[list[Any]]) -> str:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.append(["社区垃圾分类宣传 签到表"])  # a title row above the header, as paper forms have
    worksheet.append(["姓名", "证件号码", "开始时间", "结束时间", "服务时长", "服务内容"])
    for row in rows:
        worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return base64.b64encode(buffer.getvalue()).decode()


async def _day(gql: Any, activity: str) -> date:
    result = await gql("query($a: ID!) { node(id: $a) { ... on Activity { startsOn } } }", {"a": activity})
    return date.fromisoformat(result["data"]["node"]["startsOn"])


async def test_sign_in_sheet_rows_are_recorded_with_source_import(demo: Any, gql: Any) -> None:
    orgs = await org_ids(gql)
    admin = await demo.token("association-admin")
    activity = await _activity(gql, orgs[ASSOCIATION], "社区垃圾分类宣传")
    day = await _day(gql, activity)
    file = sheet([
        ["李娜", "110105200106013686", datetime(day.year, day.month, day.day, 18, 0), f"{day} 20:00", 2, "分拣指导"],
        ["陈小明", "110108201409100158", f"{day}T18:00:00+08:00", f"{day}T19:30:00+08:00", "1.5", None],
    ])
    result = (await gql(IMPORT, {"o": orgs[ASSOCIATION], "a": activity, "file": file}, token=admin))["data"]
    payload = result["importSignInSheet"]
    assert payload["userErrors"] == []
    assert [(r["volunteer"]["name"], r["hours"], r["source"]) for r in payload["records"]] == [
        ("李娜", "2", "IMPORT"), ("陈小明", "1.5", "IMPORT"),
    ]


async def test_a_sheet_with_bad_rows_records_nothing_and_names_the_rows(demo: Any, gql: Any) -> None:
    orgs = await org_ids(gql)
    admin = await demo.token("association-admin")
    activity = await _activity(gql, orgs[ASSOCIATION], "社区垃圾分类宣传")
    day = await _day(gql, activity)
    file = sheet([
        ["李娜", "110105200106013686", f"{day} 18:00", f"{day} 20:00", 2, ""],
        ["某人", "110105194912310021", f"{day} 18:00", f"{day} 20:00", 2, ""],
        ["陈小明", "110108201409100158", "昨天下午", f"{day} 20:00", 2, ""],
        ["李娜", "110105200106013686", f"{day} 21:00", f"{day} 22:00", 3, ""],
    ])
    payload = (await gql(IMPORT, {"o": orgs[ASSOCIATION], "a": activity, "file": file}, token=admin, language="en"))[
        "data"]["importSignInSheet"]
    assert payload["records"] == []
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["rows", "4", "idNumber"], "UNKNOWN_VOLUNTEER"),
        (["rows", "5", "startsAt"], "INVALID_DATETIME"),
        (["rows", "6", "hours"], "HOURS_EXCEED_DURATION"),
    ]


async def test_not_an_excel_file_is_a_user_error(demo: Any, gql: Any) -> None:
    orgs = await org_ids(gql)
    admin = await demo.token("association-admin")
    activity = await _activity(gql, orgs[ASSOCIATION], "社区垃圾分类宣传")
    for file, code in ((base64.b64encode(b"name,hours\n").decode(), "INVALID_SPREADSHEET"), ("%%%", "INVALID_FILE_ENCODING")):
        payload = (await gql(IMPORT, {"o": orgs[ASSOCIATION], "a": activity, "file": file}, token=admin))["data"]
        assert payload["importSignInSheet"]["userErrors"] == [{"field": ["file"], "code": code, "message": payload[
            "importSignInSheet"]["userErrors"][0]["message"]}]
    stranger = await demo.token("committee-admin")
    denied = (await gql(IMPORT, {"o": orgs[ASSOCIATION], "a": activity, "file": sheet([])}, token=stranger))["data"]
    assert denied["importSignInSheet"]["userErrors"][0]["code"] == "FORBIDDEN"
