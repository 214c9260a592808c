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
def accounts() -> None:
    """Accounts that the API cannot create for itself."""


@accounts.command("create-authority")
@click.argument("username")
@click.option("--display-name", default="", help="Shown in the API, e.g. the department's name.")
@click.password_option(help="Asked for twice when not given (or set VOLREC_NEW_PASSWORD).", envvar="VOLREC_NEW_PASSWORD")
@click.pass_obj
def accounts_create_authority(settings: Settings, username: str, display_name: str, password: str) -> None:
    """Create a civil affairs inspector: the first account of a new deployment.

    It registers organizations (with their first admins) through GraphQL from there."""
    from tortoise.transactions import in_transaction

    from service.domain import accounts as account_service
    from service.domain import audit as audit_log
    from service.domain.errors import DomainError
    from service.i18n import message

    async def work() -> None:
        async with in_transaction():
            account = await account_service.create_account(
                username, password, display_name=display_name, is_inspector=True
            )
            await audit_log.append(None, "CREATE_AUTHORITY_ACCOUNT", "Account", account.id)

    try:
        _with_database(settings, work)
    except DomainError as error:
        raise click.ClickException(message(error.code, "en", error.params)) from None
    click.echo(f"authority account {username} created")


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


@main.group()
def certificates() -> None:
    """Signed certificates."""


@certificates.command("export")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--organization", "code", default=None, help="Unified social credit code; default: all.")
@click.pass_obj
def certificates_export(settings: Settings, out_dir: Path, code: str | None) -> None:
    """Write each certificate as NUMBER.json, NUMBER.pdf and NUMBER.png (its QR), for batch printing."""
    from tqdm import tqdm

    from service.domain.certificates import credential_of
    from service.models import Certificate, Organization
    from service.signing.credential import credential_json
    from service.signing.pdf import PdfRenderer
    from service.signing.qr import qr_payload, render_qr_png

    async def work() -> int:
        rows = Certificate.all().order_by("id")
        if code is not None:
            organization = await Organization.get_or_none(credit_code=code.strip().upper())
            if organization is None:
                raise click.UsageError(f"no organization with credit code {code}")
            rows = rows.filter(organization_id=organization.id)
        out_dir.mkdir(parents=True, exist_ok=True)
        found = await rows
        async with PdfRenderer(settings.data_dir / "pdf-cache") as renderer:
            for row in tqdm(found, desc="certificates", unit="cert"):
                credential = credential_of(row)
                (out_dir / f"{row.number}.json").write_bytes(credential_json(credential))
                (out_dir / f"{row.number}.png").write_bytes(render_qr_png(qr_payload(credential)))
                (out_dir / f"{row.number}.pdf").write_bytes(await renderer.render(credential))
        return len(found)

    count = _with_database(settings, work)
    click.echo(f"{count} certificates written to {out_dir}")


@main.group()
def trust() -> None:
    """The authority's trust list."""


@trust.command("export")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def trust_export(settings: Settings, out: Path) -> None:
    """Write the trust bundle (roots, trust list, status lists) that `volrec-verify trust import` reads."""
    import json

    from service.domain import trust as trust_domain

    bundle = _with_database(settings, lambda: trust_domain.bundle(settings))
    out.write_text(json.dumps(bundle, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    click.echo(f"trust bundle (trust list version {bundle['trustList']['version']}) written to {out}")


@main.group()
def keys() -> None:
    """Organization signing keys."""


@keys.command("rotate")
@click.option("--organization", "code", required=True, help="Unified social credit code.")
@click.pass_obj
def keys_rotate(settings: Settings, code: str) -> None:
    """Start signing with a new key; the old key keeps verifying what it signed."""
    from service.domain import keys as keys_domain
    from service.domain.errors import DomainError
    from service.models import Organization
    from service.policy import Actor

    async def work() -> int:
        organization = await Organization.get_or_none(credit_code=code.strip().upper())
        if organization is None:
            raise click.UsageError(f"no organization with credit code {code}")
        # The command line runs as the authority: whoever holds the server holds the master key anyway.
        try:
            key = await keys_domain.rotate(Actor(is_inspector=True), organization.id, settings)
        except DomainError as error:
            raise click.ClickException(str(error)) from None
        return key.number

    number = _with_database(settings, work)
    click.echo(f"organization {code} now signs with key-{number}")


if __name__ == "__main__":
    main()
