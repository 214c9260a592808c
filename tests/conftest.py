"""Shared fixtures. Every database test runs twice: on SQLite and on PostgreSQL.

Each backend is migrated once per session with the real migrations; each test then gets a fresh
copy (SQLite: a copy of the migrated file; PostgreSQL: all tables truncated). In CI (`CI=true`)
an unreachable PostgreSQL fails the run; elsewhere those tests skip with a visible notice.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import shutil
import uuid
import warnings
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from tortoise import Tortoise

from service import db
from service.app import create_app
from service.config import Settings

PG_ADMIN_URL = os.environ.get("VOLREC_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() == "true"
_pg_notice: list[str] = []


def _run_in_own_loop(coroutine: Any) -> Any:
    """Session setup runs in a thread of its own: the requesting test's event loop is already running."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _pg_url(database: str) -> str:
    base, _, _ = PG_ADMIN_URL.rpartition("/")
    return f"{base}/{database}"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "volrec.sqlite3"
    _run_in_own_loop(db.migrate(f"sqlite://{path}"))
    return path


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A throwaway database for this session, migrated once."""
    name = f"volrec_test_{uuid.uuid4().hex[:10]}"

    async def create() -> None:
        conn = await asyncpg.connect(PG_ADMIN_URL, timeout=5)
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()
        await db.migrate(_pg_url(name))

    async def drop() -> None:
        conn = await asyncpg.connect(PG_ADMIN_URL, timeout=5)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()

    try:
        _run_in_own_loop(create())
    except (OSError, asyncpg.PostgresError) as error:
        if IN_CI:
            pytest.fail(f"PostgreSQL at {PG_ADMIN_URL} is unreachable in CI: {error}")
        _pg_notice.append(f"PostgreSQL unreachable at {PG_ADMIN_URL} ({error}): PostgreSQL tests skipped")
        pytest.skip("PostgreSQL unreachable: PostgreSQL variants skipped (see notice at the end)")
    yield _pg_url(name)
    _run_in_own_loop(drop())


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for notice in _pg_notice:
        terminalreporter.write_line(f"NOTICE: {notice}", yellow=True, bold=True)


async def _truncate_all() -> None:
    connection = Tortoise.get_connection("default")
    tables = [model._meta.db_table for model in Tortoise.apps["volrec"].values()]
    quoted = ", ".join(f'"{t}"' for t in tables)
    await connection.execute_script(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A migrated, empty database with Tortoise connected to it; yields its URL."""
    if request.param == "sqlite":
        path = tmp_path / "volrec.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite://{path}"
    else:
        url = request.getfixturevalue("postgres_database")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        await db.connect(url)
    if request.param == "postgresql":
        await _truncate_all()
    try:
        yield url
    finally:
        await db.disconnect()


@pytest.fixture
def settings(tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    """Settings for a test: a private data dir (master key, caches), and the test database if any."""
    base = Settings.from_env()
    url = request.getfixturevalue("database") if "database" in request.fixturenames else "sqlite://:memory:"
    return replace(base, data_dir=tmp_path / "data", db_url=url, env="test", public_url="http://volrec.test")


@pytest.fixture
async def client(settings: Settings, database: str) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, manage_database=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://volrec.test") as http:
        yield http


class GraphQLClient:
    """Posts GraphQL over HTTP exactly as a frontend would."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def __call__(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        token: str | None = None,
        language: str | None = None,
    ) -> dict[str, Any]:
        headers = {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if language:
            headers["Accept-Language"] = language
        response = await self.http.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
        assert response.status_code < 500, response.text
        return response.json()  # type: ignore[no-any-return]


@pytest.fixture
def gql(client: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(client)


LOG_IN = """
mutation($u: String!, $p: String!) {
  logIn(input: {username: $u, password: $p}) { token userErrors { code } }
}
"""


@dataclass
class Demo:
    gql: GraphQLClient
    password: str

    async def token(self, username: str) -> str:
        result = await self.gql(LOG_IN, {"u": username, "p": self.password})
        token = result["data"]["logIn"]["token"]
        assert token, result
        return str(token)


@pytest.fixture
async def demo(settings: Settings, gql: GraphQLClient) -> Demo:
    from service import demo as demo_data

    await demo_data.seed(settings)
    return Demo(gql, demo_data.DEMO_PASSWORD)


class _CountingHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        message = str(record.msg).lstrip().upper()
        if message.startswith(("SELECT", "INSERT", "UPDATE", "DELETE", "%S")):
            self.count += 1


@pytest.fixture
def count_queries() -> Any:
    """`with count_queries() as counter: ...; counter.count` is the number of SQL statements run."""

    @contextmanager
    def counting() -> Iterator[_CountingHandler]:
        logger = logging.getLogger("tortoise.db_client")
        handler = _CountingHandler()
        previous = logger.level
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
        try:
            yield handler
        finally:
            logger.removeHandler(handler)
            logger.setLevel(previous)

    return counting
