"""Fixtures for the certificate machinery: throwaway settings, an issuer key, a signed certificate."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from nacl.signing import SigningKey

from service.config import Settings
from service.signing.credential import build_credential, sign_credential
from service.signing.keys import org_method_id
from service.signing.samples import SAMPLE_ISSUER_CODE, sample_content

ISSUED = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path, db_url="sqlite://:memory:", env="test", public_url="http://127.0.0.1:8000"
    )


@pytest.fixture(scope="session")
def issuer_key() -> SigningKey:
    return SigningKey.generate()


@pytest.fixture(scope="session")
def issuer_method() -> str:
    return org_method_id(SAMPLE_ISSUER_CODE, 1)


@pytest.fixture(scope="session")
def ten_line_certificate(issuer_key: SigningKey, issuer_method: str) -> dict[str, Any]:
    """A realistic signed certificate: ten distinct Chinese activity lines, random ids."""
    return sign_credential(build_credential(sample_content(10, ISSUED)), issuer_key, issuer_method, ISSUED)
