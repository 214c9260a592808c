"""Certificates issued per second (sign + store through the domain service, no PDF), on SQLite and
PostgreSQL, beside raw build+sign per second measured in the same run; demo QR versions; PDF median."""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
import uuid
from dataclasses import replace
from pathlib import Path

import asyncpg

from service import db
from service.config import Settings
from service.signing import bench as signing_bench

PG_ADMIN_URL = os.environ.get("VOLREC_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/test")


async def _issue_rate(settings: Settings, count: int) -> tuple[float, list[int]]:
    from service import demo
    from service.domain import accounts, certificates
    from service.models import Account, Certificate, Organization, Volunteer
    from service.signing.qr import qr_payload, qr_version

    await db.migrate(settings.db_url)
    await db.connect(settings.db_url)
    try:
        await demo.seed(settings)
        versions = [qr_version(qr_payload(certificates.credential_of(c))) for c in await Certificate.all()]
        admin = await accounts.actor_for_account(await Account.get(username="association-admin"))
        org = await Organization.get(name="北京市海淀区志愿者协会")
        volunteer = await Volunteer.get(name="张伟")
        start = time.perf_counter()
        for _ in range(count):
            await certificates.issue(admin, settings, certificates.IssueInput(org.id, volunteer.id, handler="钱晓明"))
        return count / (time.perf_counter() - start), versions
    finally:
        await db.disconnect()


async def _postgres(settings: Settings, count: int) -> float | None:
    name = f"volrec_bench_{uuid.uuid4().hex[:8]}"
    try:
        conn = await asyncpg.connect(PG_ADMIN_URL, timeout=5)
    except (OSError, asyncpg.PostgresError):
        return None
    await conn.execute(f'CREATE DATABASE "{name}"')
    try:
        base, _, _ = PG_ADMIN_URL.rpartition("/")
        rate, _ = await _issue_rate(replace(settings, db_url=f"{base}/{name}"), count)
        return rate
    finally:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()


def main(count: int = 300) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = replace(Settings.from_env(), data_dir=Path(tmp), db_url=f"sqlite://{tmp}/bench.sqlite3")
        raw = signing_bench.signs_per_second(2.0)
        sqlite_rate, versions = asyncio.run(_issue_rate(settings, count))
        pg_rate = asyncio.run(_postgres(settings, count))
    print(f"raw build+sign:        {raw:8,.0f} certificates/s")
    print(f"issue on SQLite:       {sqlite_rate:8,.0f} certificates/s  ({sqlite_rate / raw:.1%} of raw)")
    if pg_rate is None:
        print("issue on PostgreSQL:   unreachable, skipped")
    else:
        print(f"issue on PostgreSQL:   {pg_rate:8,.0f} certificates/s  ({pg_rate / raw:.1%} of raw)")
    print(f"demo certificates QR versions (level M): {sorted(versions)}")
    print(f"pdf: median {signing_bench.median_pdf_ms():.0f} ms per ten-line Chinese certificate")


if __name__ == "__main__":
    main()
