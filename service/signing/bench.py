"""Numbers for `make bench`: signing throughput, PDF render time, QR size of a ten-line certificate.

Run `python -m service.signing.bench`. Each function returns its number so the project's benchmark
runner can collect them; `main` prints them. Tests never assert on times.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from nacl.signing import SigningKey

from service.signing.credential import build_credential, sign_credential
from service.signing.keys import org_method_id
from service.signing.pdf import render_pdf
from service.signing.qr import qr_payload, qr_version
from service.signing.samples import (
    DIFFERENT_ACTIVITIES,
    REGULAR_ACTIVITIES,
    SAMPLE_ISSUER_CODE,
    sample_content,
)

_KEY = SigningKey.generate()
_METHOD = org_method_id(SAMPLE_ISSUER_CODE, 1)


def _signed(lines: int = 10, activities: Sequence[tuple[str, str]] = DIFFERENT_ACTIVITIES) -> dict[str, Any]:
    now = datetime.now(UTC)
    return sign_credential(build_credential(sample_content(lines, now, activities=activities)), _KEY, _METHOD, now)


def signs_per_second(seconds: float = 2.0) -> float:
    """Certificates built and signed per second on one core (content prepared outside the loop)."""
    content = sample_content(10)
    now = datetime.now(UTC)
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        sign_credential(build_credential(content), _KEY, _METHOD, now)
        count += 1
    return count / elapsed


def median_pdf_ms(runs: int = 9) -> float:
    """Median wall time of one synchronous render of a ten-line Chinese certificate, after warm-up."""
    credential = _signed()
    render_pdf(credential)  # first render loads fonts; a pool worker pays this once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render_pdf(credential)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def ten_line_qr_version(samples: int = 20, activities: Sequence[tuple[str, str]] = DIFFERENT_ACTIVITIES) -> int:
    """The largest QR version (level M) over `samples` random ten-line certificates."""
    return max(qr_version(qr_payload(_signed(10, activities))) for _ in range(samples))


def main() -> None:
    print(f"signing: {signs_per_second():,.0f} certificates built+signed per second")
    print(f"pdf: median {median_pdf_ms():.0f} ms per ten-line certificate")
    regular = ten_line_qr_version(activities=REGULAR_ACTIVITIES)
    print(f"qr: version {regular} at level M for ten lines over three regular activities (contract: <= 20)")
    print(f"qr: version {ten_line_qr_version()} at level M for ten lines of ten different activities")


if __name__ == "__main__":
    main()
