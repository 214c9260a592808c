"""API-wide guarantees: constant SQL per nested page, limits, schema drift, production hardening, audit CLI."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
from click.testing import CliRunner

from service.app import create_app
from service.cli import main as cli
from service.config import Settings
from service.models import AuditEntry
from service.schema import build_schema

NESTED = """query($o: ID!, $n: Int!) { serviceRecords(organizationId: $o, first: $n) { edges { node {
  hours volunteer { name } organization { name } activity { name recordingOrganization { name } } } } } }"""


async def test_nested_query_sql_count_does_not_grow_with_page_size(demo: Any, gql: Any, count_queries: Any) -> None:
    orgs = (await gql("{ organizations { edges { node { id name } } } }"))["data"]["organizations"]["edges"]
    association = next(e["node"]["id"] for e in orgs if e["node"]["name"] == "北京市海淀区志愿者协会")
    token = await demo.token("association-admin")
    counts = []
    for page_size in (1, 5):
        with count_queries() as counter:
            result = await gql(NESTED, {"o": association, "n": page_size}, token=token)
        assert len(result["data"]["serviceRecords"]["edges"]) == page_size
        counts.append(counter.count)
    assert counts[0] == counts[1], counts


async def test_too_deep_or_too_costly_queries_are_refused(demo: Any, gql: Any) -> None:
    deep = "{ me { volunteer { serviceRecords { edges { node { volunteer { serviceRecords { edges { node {"
    deep += " volunteer { serviceRecords { edges { node { volunteer { name } } } } } } } } } } } } } } }"
    result = await gql(deep)
    assert "errors" in result and "depth" in result["errors"][0]["message"]
    costly = "{ organizations(first: 100) { edges { node { activities(first: 100) { edges { node {"
    costly += " organization { activities(first: 100) { edges { node { name } } } } } } } } } } }"
    result = await gql(costly)
    assert "errors" in result and "cost" in result["errors"][0]["message"]


def test_exported_schema_is_up_to_date() -> None:
    """Frontend developers read schema.graphql: regenerate with `make schema` when this fails."""
    committed = (Path(__file__).parents[2] / "schema.graphql").read_text(encoding="utf-8")
    assert committed == build_schema().as_str() + "\n"


async def test_introspection_is_off_in_production(settings: Settings, database: str) -> None:
    app = create_app(Settings(**{**settings.__dict__, "env": "production"}), manage_database=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
        response = await http.post("/graphql", json={"query": "{ __schema { types { name } } }"})
        assert "errors" in response.json()
        response = await http.post("/graphql", json={"query": "{ organizations { totalCount } }"})
        assert response.json()["data"]["organizations"]["totalCount"] == 0


async def test_audit_verify_names_the_first_tampered_entry(demo: Any, settings: Settings, monkeypatch: Any) -> None:
    monkeypatch.setenv("VOLREC_DB_URL", settings.db_url)
    monkeypatch.setenv("VOLREC_DATA_DIR", str(settings.data_dir))
    entry = await AuditEntry.get(sequence=5)
    entry.details = {**entry.details, "tampered": True}
    await entry.save(update_fields=["details"])
    from service import db

    await db.disconnect()  # the CLI opens its own connection, as it would in production
    try:
        result = await asyncio.to_thread(CliRunner().invoke, cli, ["audit", "verify"])
    finally:
        await db.connect(settings.db_url)
    assert result.exit_code == 1
    assert "entry 5" in result.output



def test_volrec_serve_answers_graphql(tmp_path: Path) -> None:
    """The real server: lifespan in one task, requests in others (what ASGI test clients hide)."""
    import os
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "VOLREC_DATA_DIR": str(tmp_path), "VOLREC_DB_URL": f"sqlite://{tmp_path / 'db.sqlite3'}"}
    subprocess.run([sys.executable, "-m", "service.cli", "migrate"], env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        response = httpx.post(
            f"http://127.0.0.1:{port}/graphql", json={"query": "{ organizations { totalCount } }"}, timeout=5
        )
        assert response.json() == {"data": {"organizations": {"totalCount": 0}}}
    finally:
        server.terminate()
        server.wait(timeout=10)


async def test_bad_ids_and_cursors_are_client_errors_in_the_callers_language(demo: Any, gql: Any) -> None:
    """Never "Unexpected error": a malformed ID in a mutation is a userError; in a query, a GraphQL
    error with the code and field in `extensions`."""
    created = await gql(
        """mutation { createActivity(input: {organizationId: "not-an-id", name: "x", startsOn: "2026-01-01",
        endsOn: "2026-01-02"}) { userErrors { field code } } }"""
    )
    assert created["data"]["createActivity"]["userErrors"] == [{"field": ["organizationId"], "code": "INVALID_ID"}]
    page = await gql('{ organizations(first: -1) { totalCount } }', language="en")
    assert page["errors"][0]["message"] == "The page size must be between 0 and 100"
    assert page["errors"][0]["extensions"] == {"code": "INVALID_PAGE_SIZE", "field": ["first"]}
    cursor = await gql('{ organizations(after: "zzz") { totalCount } }')
    assert cursor["errors"][0]["message"] == "无效的分页游标"


async def test_cli_creates_the_first_authority_account(database: str, settings: Settings, monkeypatch: Any) -> None:
    from service import db
    from service.domain import accounts

    monkeypatch.setenv("VOLREC_DB_URL", settings.db_url)
    monkeypatch.setenv("VOLREC_DATA_DIR", str(settings.data_dir))
    await db.disconnect()
    try:
        runner = CliRunner()
        created = await asyncio.to_thread(
            runner.invoke, cli, ["accounts", "create-authority", "mca", "--password", "a-long-password"]
        )
        weak = await asyncio.to_thread(
            runner.invoke, cli, ["accounts", "create-authority", "mca2", "--password", "short"]
        )
    finally:
        await db.connect(settings.db_url)
    assert created.exit_code == 0, created.output
    assert weak.exit_code == 1 and "at least 10 characters" in weak.output
    actor = await accounts.actor_for_token((await accounts.log_in("mca", "a-long-password", 60)).token)
    assert actor.is_inspector
