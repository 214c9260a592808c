"""Requests per second for a typical query, and SQL statements per nested query by page size.

Runs in process through httpx's ASGI transport, so the numbers measure volrec (GraphQL, domain,
ORM, database) without a network. A trivial `{ __typename }` query is measured in the same run as
the baseline the typical query is compared with.
"""

from __future__ import annotations

import asyncio
import logging
import os
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from service import db
from service import demo as demo_data
from service.app import create_app
from service.config import Settings

TYPICAL = """{ me { volunteer { name totalHours stars serviceRecords(first: 10) { edges { node {
  hours startsAt activity { name } organization { name } } } } } } }"""
NESTED = """query($o: ID!, $n: Int!) { serviceRecords(organizationId: $o, first: $n) { edges { node {
  hours volunteer { name } organization { name } activity { name recordingOrganization { name } } } } } }"""
DURATION_SECONDS = 3.0


class _Counter(logging.Handler):
    count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE", "%S")):
            self.count += 1


async def _rate(http: httpx.AsyncClient, body: dict[str, Any], headers: dict[str, str]) -> float:
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < DURATION_SECONDS:
        response = await http.post("/graphql", json=body, headers=headers)
        assert "errors" not in response.json(), response.text
        done += 1
    return done / (time.perf_counter() - started)


async def _login(http: httpx.AsyncClient, username: str) -> dict[str, str]:
    query = 'mutation($u: String!, $p: String!) { logIn(input: {username: $u, password: $p}) { token } }'
    response = await http.post("/graphql", json={"query": query, "variables": {"u": username, "p": demo_data.DEMO_PASSWORD}})
    return {"Authorization": f"Bearer {response.json()['data']['logIn']['token']}"}


async def _bench(label: str, url: str, data_dir: Path) -> None:
    await db.migrate(url)
    await db.connect(url)
    settings = replace(Settings.from_env(), data_dir=data_dir, db_url=url, env="bench")
    try:
        await demo_data.seed(settings)
        app = create_app(settings, manage_database=False)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as http:
            volunteer = await _login(http, "zhangwei")
            staff = await _login(http, "association-admin")
            baseline = await _rate(http, {"query": "{ __typename }"}, {})
            typical = await _rate(http, {"query": TYPICAL}, volunteer)
            print(f"[{label}] trivial query {baseline:8.0f} req/s | typical volunteer query {typical:8.0f} req/s "
                  f"| ratio {typical / baseline:.2f}")
            orgs = (await http.post("/graphql", json={"query": "{ organizations { edges { node { id } } } }"})).json()
            org_id = orgs["data"]["organizations"]["edges"][0]["node"]["id"]
            counter = _Counter()
            sql_log = logging.getLogger("tortoise.db_client")
            sql_log.setLevel(logging.DEBUG)
            sql_log.addHandler(counter)
            counts = []
            for size in (1, 5, 50):
                counter.count = 0
                await http.post("/graphql", json={"query": NESTED, "variables": {"o": org_id, "n": size}}, headers=staff)
                counts.append(f"first={size}: {counter.count} SQL")
            sql_log.removeHandler(counter)
            print(f"[{label}] nested query (records -> volunteer, organization, activity -> organization): "
                  + ", ".join(counts))
    finally:
        await db.disconnect()


async def _postgres_url() -> tuple[str, str] | None:
    admin = os.environ.get("VOLREC_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/test")
    name = f"volrec_bench_{os.getpid()}"
    try:
        conn = await asyncpg.connect(admin, timeout=5)
    except OSError:
        return None
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return admin, f"{admin.rpartition('/')[0]}/{name}"


async def _drop(admin: str, url: str) -> None:
    conn = await asyncpg.connect(admin)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{url.rpartition("/")[2]}" WITH (FORCE)')
    finally:
        await conn.close()


async def run() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        await _bench("sqlite", f"sqlite://{tmp}/bench.sqlite3", Path(tmp))
        postgres = await _postgres_url()
        if postgres is None:
            print("[postgresql] not reachable: skipped")
            return
        admin, url = postgres
        try:
            await _bench("postgresql", url, Path(tmp))
        finally:
            await _drop(admin, url)


def main() -> None:
    asyncio.run(run())


if __name__ == "__main__":
    main()
