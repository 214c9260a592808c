"""How fast volrec-verify checks certificates: run `python verifier/benchmarks/bench_verify.py`.

Prints verifications per second from JSON text next to raw PyNaCl Ed25519 verifications per
second measured in the same run (so the overhead of JCS, hashing and policy is visible): with the
two status lists checked on every call, with them checked once per batch (`StatusListCache`, as
the CLI does), and with none; then milliseconds per PNG image and per PDF, each through the same
path the CLI takes.
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import nacl.signing
import segno
from pypdf import PdfWriter

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from factory import World
from volrec_verify import Policy, StatusListCache, open_bundle, qrcodec, verify
from volrec_verify._internal import inputs


def rate(action: Callable[[], object], seconds: float = 2.0) -> float:
    """Calls per second over about `seconds`."""
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        for _ in range(50):
            action()
        count += 50
    return count / elapsed


def median_ms(action: Callable[[], object], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    world = World()
    bundle = open_bundle(world.bundle(), None)
    lists = {doc["id"]: doc for doc in bundle.status_lists}
    policy = Policy(now=world.now)
    cert = world.certificate(lines=10)
    text = json.dumps(cert, ensure_ascii=False)

    def from_json() -> None:
        result = verify(json.loads(text), bundle.trust_list, status_lists=lists, policy=policy)
        assert result.valid

    cache = StatusListCache()

    def from_json_cached() -> None:
        result = verify(json.loads(text), bundle.trust_list, status_lists=lists, policy=policy,
                        status_cache=cache)
        assert result.valid

    def from_json_no_status() -> None:
        assert verify(json.loads(text), bundle.trust_list, policy=policy).valid

    key = nacl.signing.SigningKey.generate()
    signed = key.sign(b"\x00" * 64)
    verify_key = key.verify_key

    def raw() -> None:
        verify_key.verify(signed)

    png = io.BytesIO()
    code = segno.make_qr(qrcodec.encode_qr_payload(cert), error="m", mode="alphanumeric")
    code.save(png, kind="png", scale=4)
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("credential.json", text.encode())
    pdf = io.BytesIO()
    writer.write(pdf)

    def check(data: bytes, name: str) -> None:
        loaded = inputs.load_bytes(data, name)
        assert verify(loaded.credential, bundle.trust_list, status_lists=lists, policy=policy,
                      status_cache=cache).valid

    print(f"raw PyNaCl Ed25519 verify:             {rate(raw):10.0f} /s")
    print(f"verify from JSON (10 lines, 2 lists):  {rate(from_json):10.0f} /s   lists checked every time")
    print(f"verify from JSON (2 lists, cached):    {rate(from_json_cached):10.0f} /s   lists checked once")
    print(f"verify from JSON (no status lists):    {rate(from_json_no_status):10.0f} /s")
    png_ms = median_ms(lambda: check(png.getvalue(), "c.png"))
    pdf_ms = median_ms(lambda: check(pdf.getvalue(), "c.pdf"))
    print(f"PNG image (decode QR + verify):        {png_ms:10.1f} ms")
    print(f"PDF (read attachment + verify):        {pdf_ms:10.1f} ms")


if __name__ == "__main__":
    main()
