"""Fixtures of the certificate tests (helpers live in `support.py`)."""

from __future__ import annotations

import pytest

from service.domain import clock
from tests.certificates.support import FrozenClock


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    """The service's clock, standing still from now on until the test advances it."""
    fake = FrozenClock()
    monkeypatch.setattr(clock, "now", fake.now)
    return fake
