"""Art 10: an optional star rating from total hours, under a configurable policy."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class StarPolicy:
    """Hour thresholds for one to five stars; the common national practice is the default."""

    thresholds: tuple[int, ...] = (100, 300, 600, 1000, 1500)

    def stars(self, total_hours: Decimal) -> int:
        return sum(1 for threshold in self.thresholds if total_hours >= threshold)


DEFAULT_STAR_POLICY = StarPolicy()
