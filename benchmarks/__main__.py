"""`python -m benchmarks`: every benchmark of the project, one after the other."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from benchmarks import certificates, records_api
from service.signing import bench as signing_bench

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    print("== records API (GraphQL over ASGI, in process) ==", flush=True)
    records_api.main()
    print("\n== certificate signing, QR and PDF ==", flush=True)
    signing_bench.main()
    print("\n== certificates issued (sign + store) vs raw signing ==", flush=True)
    certificates.main()
    print("\n== offline verifier ==", flush=True)
    sys.argv = [str(ROOT / "verifier/benchmarks/bench_verify.py")]
    runpy.run_path(sys.argv[0], run_name="__main__")


if __name__ == "__main__":
    main()
