"""Helpers for the certificate tests: a clock the test moves by hand, the CLIs, the offline verifier."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result
from strawberry import relay
from volrec_verify import Reason, open_bundle, verify
from volrec_verify.trust import verify_trust_list

from service import db
from service.cli import main as volrec_cli
from service.config import Settings
from service.domain import accounts
from service.models import Organization, Volunteer

ASSOCIATION = "北京市海淀区志愿者协会"
COMMITTEE = "海淀区学院路街道学院路社区居民委员会"

ISSUE = """
mutation($input: IssueCertificateInput!) {
  issueCertificate(input: $input) {
    certificate { id number status personInCharge handler qrPayload credential }
    userErrors { field code }
  }
}
"""
STATUS_MUTATION = """
mutation($input: CertificateStatusInput!) {
  %s(input: $input) { certificate { id status reason } userErrors { field code } }
}
"""
VERIFY = """
query($p: String!) { verifyCertificate(payload: $p) { valid reason warnings liveStatus } }
"""
CERTIFICATE_NODE = """
query($id: ID!) { node(id: $id) { ... on Certificate { number status reason replacedByNumber credential } } }
"""


class FrozenClock:
    """`service.domain.clock.now`, standing still until the test moves it (whole seconds, UTC).

    Certificates, keys and lists carry whole-second times, so a test that needs "before" and
    "after" moves this clock instead of sleeping. It starts at the real time, so the offline
    verifier (which reads the real clock) sees nothing in the future beyond its tolerated skew."""

    def __init__(self) -> None:
        self.moment = datetime.now(UTC).replace(microsecond=0)

    def now(self) -> datetime:
        return self.moment

    def advance(self, seconds: int) -> datetime:
        self.moment += timedelta(seconds=seconds)
        return self.moment


def gid(type_name: str, pk: int) -> str:
    return relay.to_base64(type_name, pk)


async def organization_id(name: str) -> str:
    return gid("Organization", (await Organization.get(name=name)).id)


async def volunteer_id(name: str) -> str:
    return gid("Volunteer", (await Volunteer.get(name=name)).id)


async def volunteer_login(demo: Any, name: str, username: str) -> str:
    """A log-in for a demo volunteer who has none yet (the demo gives one only to 张伟)."""
    volunteer = await Volunteer.get(name=name)
    await accounts.create_account(username, demo.password, display_name=name, volunteer_id=volunteer.id)
    token: str = await demo.token(username)
    return token


async def issue(gql: Any, token: str, org: str = ASSOCIATION, holder: str = "张伟", **extra: Any) -> dict[str, Any]:
    variables = {
        "input": {
            "organizationId": await organization_id(org),
            "volunteerId": await volunteer_id(holder),
            "handler": "钱晓明",
            **extra,
        }
    }
    payload: dict[str, Any] = (await gql(ISSUE, variables, token=token))["data"]["issueCertificate"]
    return payload


async def change_status(gql: Any, token: str, mutation: str, certificate_id: str, reason: str) -> dict[str, Any]:
    variables = {"input": {"certificateId": certificate_id, "reason": reason}}
    payload: dict[str, Any] = (await gql(STATUS_MUTATION % mutation, variables, token=token))["data"][mutation]
    return payload


def codes(payload: dict[str, Any]) -> list[str]:
    return [e["code"] for e in payload["userErrors"]]


async def service_verdict(gql: Any, credential: dict[str, Any]) -> dict[str, Any]:
    result = await gql(VERIFY, {"p": json.dumps(credential, ensure_ascii=False)})
    verdict: dict[str, Any] = result["data"]["verifyCertificate"]
    return verdict


async def bundle_reason(client: httpx.AsyncClient, credential: dict[str, Any]) -> Reason:
    """What the offline verifier says with the bundle a verifier downloads from `/trust/bundle.json`."""
    response = await client.get("/trust/bundle.json")
    assert response.status_code == 200
    return offline_reason(response.json(), credential)


def offline_reason(bundle: dict[str, Any], credential: dict[str, Any]) -> Reason:
    opened = open_bundle(bundle, trusted_root=None)
    lists = {d["id"]: d for d in opened.status_lists}
    return verify(credential, opened.trust_list, status_lists=lists).reason


async def graphql_reason(gql: Any, bundle: dict[str, Any], credential: dict[str, Any], org: str) -> Reason:
    """The offline verifier with the root pinned from an earlier bundle and the trust list and both
    status lists fetched fresh over GraphQL, as a verifier that refreshes would."""
    root = open_bundle(bundle, trusted_root=None).roots[-1]
    query = """
    query($org: ID!) {
      trustList
      revocation: statusList(organizationId: $org, purpose: "revocation")
      suspension: statusList(organizationId: $org, purpose: "suspension")
    }
    """
    data = (await gql(query, {"org": await organization_id(org)}))["data"]
    trust_list = verify_trust_list(data["trustList"], root)
    lists = {d["id"]: d for d in (data["revocation"], data["suspension"])}
    return verify(credential, trust_list, status_lists=lists).reason


async def run_volrec(settings: Settings, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    """`volrec ARGS` as an operator runs it: its own event loop and its own database connection."""
    monkeypatch.setenv("VOLREC_DB_URL", settings.db_url)
    monkeypatch.setenv("VOLREC_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("VOLREC_PUBLIC_URL", settings.public_url)
    await db.disconnect()
    try:
        return await asyncio.to_thread(CliRunner().invoke, volrec_cli, list(args))
    finally:
        await db.connect(settings.db_url)


async def export_bundle(settings: Settings, monkeypatch: pytest.MonkeyPatch, out: Path) -> dict[str, Any]:
    result = await run_volrec(settings, monkeypatch, "trust", "export", "--out", str(out))
    assert result.exit_code == 0, result.output
    bundle: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return bundle
