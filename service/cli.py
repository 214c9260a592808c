"""`volrec`: the admin command line (serve, migrate, demo, audit verify, schema export)."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import click

from service import db
from service.config import Settings

T = TypeVar("T")


def _with_database(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    async def run() -> T:
        await db.connect(settings.db_url)
        try:
            return await work()
        finally:
            await db.disconnect()

    return asyncio.run(run())


@click.group()
@click.pass_context
def main(ctx: click.Context) -> None:
    """volrec: volunteer service records and signed certificates."""
    ctx.obj = Settings.from_env()


@main.command()
@click.pass_obj
def migrate(settings: Settings) -> None:
    """Apply pending database migrations."""
    asyncio.run(db.migrate(settings.db_url))
    click.echo("migrations applied")


@main.command()
@click.option("--if-empty", is_flag=True, help="Seed only when the database has no organizations yet.")
@click.pass_obj
def demo(settings: Settings, if_empty: bool) -> None:
    """Seed the demo data set and print the demo logins."""
    from service import demo as demo_data

    async def work() -> bool:
        if if_empty and not await demo_data.is_empty():
            return False
        await demo_data.seed(settings)
        return True

    seeded = _with_database(settings, work)
    click.echo("demo data seeded" if seeded else "database not empty: demo data left as it is")
    click.echo(f"\nGraphQL (GraphiQL in a browser): {settings.public_url}/graphql")
    click.echo(f"Demo logins (password for all: {demo_data.DEMO_PASSWORD}):")
    for login in demo_data.DEMO_LOGINS:
        click.echo(f"  {login.username:<22} {login.who}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.pass_obj
def serve(settings: Settings, host: str, port: int) -> None:
    """Serve GraphQL at /graphql."""
    import uvicorn

    from service.app import create_app

    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


@main.group()
def audit() -> None:
    """The hash-chained audit log."""


@audit.command("verify")
@click.pass_obj
def audit_verify(settings: Settings) -> None:
    """Re-compute the chain; exit 1 and name the first broken entry if it does not hold."""
    from service.domain import audit as audit_log

    report = _with_database(settings, audit_log.verify_chain)
    if report.intact:
        click.echo(f"audit chain intact: {report.entries} entries")
        return
    click.echo(
        f"audit chain BROKEN at entry {report.first_broken_sequence}: {report.problem} "
        f"({report.entries} entries verified before it)",
        err=True,
    )
    sys.exit(1)


@main.group()
def schema() -> None:
    """The GraphQL schema."""


@schema.command("export")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("schema.graphql"), show_default=True)
def schema_export(out: Path) -> None:
    """Write the SDL, for frontend developers and the schema-drift test."""
    from service.schema import build_schema

    out.write_text(build_schema().as_str() + "\n", encoding="utf-8")
    click.echo(f"schema written to {out}")


if __name__ == "__main__":
    main()
