"""Settings read once from the environment, so every part of volrec agrees on them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """Explicit configuration; build one with `Settings.from_env()` or by hand in tests."""

    data_dir: Path
    db_url: str
    env: str
    public_url: str
    token_ttl_seconds: int = 8 * 3600

    @property
    def production(self) -> bool:
        return self.env == "production"

    @classmethod
    def from_env(cls) -> Settings:
        data_dir = Path(os.environ.get("VOLREC_DATA_DIR", "var")).resolve()
        default_db = f"sqlite://{data_dir / 'volrec.sqlite3'}"
        return cls(
            data_dir=data_dir,
            db_url=os.environ.get("VOLREC_DB_URL", default_db),
            env=os.environ.get("VOLREC_ENV", "development"),
            public_url=os.environ.get("VOLREC_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/"),
            token_ttl_seconds=int(os.environ.get("VOLREC_TOKEN_TTL", str(8 * 3600))),
        )
