"""Database configuration and lifecycle: one place that knows how Tortoise is set up."""

from __future__ import annotations

from typing import Any

from tortoise import Tortoise
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.migrations.api import migrate as run_migrations

from service.config import Settings

APP_LABEL = "volrec"


def tortoise_config(db_url: str) -> dict[str, Any]:
    return {
        "connections": {"default": db_url},
        "apps": {
            APP_LABEL: {
                "models": ["service.models"],
                "migrations": "service.migrations",
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


# For the `tortoise` CLI (`tortoise -c service.db.TORTOISE_ORM makemigrations`).
TORTOISE_ORM = tortoise_config(Settings.from_env().db_url)


def _ensure_sqlite_dir(db_url: str) -> None:
    if db_url.startswith("sqlite://") and ":memory:" not in db_url:
        from pathlib import Path

        Path(db_url.removeprefix("sqlite://").split("?", 1)[0]).parent.mkdir(parents=True, exist_ok=True)


async def migrate(db_url: str) -> None:
    """Apply every pending migration (Tortoise's own migration engine), then close connections."""
    _ensure_sqlite_dir(db_url)
    try:
        await run_migrations(config=tortoise_config(db_url))
    finally:
        await Tortoise.close_connections()


async def connect(db_url: str) -> None:
    """Connect for the whole process: requests run in other tasks than the lifespan that connects."""
    _ensure_sqlite_dir(db_url)
    # Tortoise caches compiled INSERTs per connection name, not per dialect: a process that
    # reconnects to another kind of database (tests, benchmarks) must not reuse them.
    EXECUTOR_CACHE.clear()
    await Tortoise.init(config=tortoise_config(db_url), _enable_global_fallback=True)


async def disconnect() -> None:
    await Tortoise.close_connections()
