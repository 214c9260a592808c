"""Shared fixtures for the verifier's tests: the vector files and a certificate factory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from factory import World

VECTORS = Path(__file__).parent / "vectors"


@pytest.fixture(scope="session")
def eddsa_vectors() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((VECTORS / "eddsa-jcs-2022.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def base45_vectors() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((VECTORS / "base45-rfc9285.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture
def world() -> World:
    return World()
