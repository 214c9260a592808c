"""What must hold beyond the signatures: clock skew, trust-list freshness, and the time of checking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True)
class Policy:
    """The verifier's knobs; the defaults suit an HR desk that updates its trust list monthly.

    A trust list older than `trust_list_warn_age` (or past its own `expires`) gives the warning
    TRUST_LIST_AGING; older than `trust_list_max_age` it fails with TRUST_LIST_STALE. `now` fixes
    the time of checking (tests, re-checking as of a date); None means the system clock.
    """

    clock_skew: timedelta = timedelta(minutes=5)
    trust_list_warn_age: timedelta = timedelta(days=30)
    trust_list_max_age: timedelta = timedelta(days=180)
    now: datetime | None = None

    def current_time(self) -> datetime:
        return self.now if self.now is not None else datetime.now(UTC)
