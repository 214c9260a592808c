"""`volrec-verify`: check certificates offline, and manage the local trust store.

    volrec-verify [verify] INPUT... [--json] [--lang zh|en] [--id-number N] [--trust FILE] [--status FILE]
                  [--now TIMESTAMP]
    volrec-verify trust import FILE [--expect-root-fingerprint HEX]
    volrec-verify trust update URL  [--expect-root-fingerprint HEX]   (the only network use)
    volrec-verify trust show

Exit codes (DESIGN.md section 4): 0 valid, 1 checked and not valid, 2 not a certificate or a
usage error; with several inputs, the worst.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from volrec_verify._internal import inputs, render
from volrec_verify._internal.store import TrustStore, default_path, group_fingerprint
from volrec_verify._internal.timefmt import format_time, parse_time
from volrec_verify.errors import TrustStoreError, VerificationError, VolrecVerifyError, WarningCode
from volrec_verify.policy import Policy
from volrec_verify.trust import TrustList, open_bundle
from volrec_verify.verifier import Result, StatusListCache, verify

USAGE_ERROR = 2
MAX_BUNDLE_BYTES = 64 * 2**20  # a bundle for thousands of organizations is a few MiB
_DIRECTORY_SUFFIXES = (".json", ".pdf", ".png", ".jpg", ".jpeg")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", type=Path, default=None,
                        help="trust store directory (default: $VOLREC_VERIFY_HOME, "
                        "else ~/.local/share/volrec-verify)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the report")


def _verify_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="volrec-verify", description="Verify volrec volunteer service certificates offline.",
        epilog="Also: volrec-verify trust import|update|show. Exit: 0 valid, 1 invalid, 2 not a certificate.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="a .json, .pdf or image file, a directory of them, the QR text, or - for stdin")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--id-number", help="check that the certificate belongs to this ID number")
    parser.add_argument("--trust", type=Path,
                        help="use this trust bundle (or trust list) instead of the store")
    parser.add_argument("--status", type=Path, action="append", default=[],
                        help="a status list credential (or bundle) to use; repeatable")
    parser.add_argument("--warn-age", type=float, default=30, metavar="DAYS",
                        help="warn when the trust list is older (default 30)")
    parser.add_argument("--max-age", type=float, default=180, metavar="DAYS",
                        help="fail when the trust list is older (default 180)")
    parser.add_argument("--clock-skew", type=float, default=5, metavar="MINUTES",
                        help="clock difference tolerated for validity dates (default 5)")
    parser.add_argument("--now", metavar="TIMESTAMP",
                        help="check as of this moment instead of the clock, RFC 3339 with an offset "
                        "(e.g. 2027-01-15T09:00:00+08:00): validity dates, trust-list and status-list "
                        "age; a certificate issued after it is not yet valid")
    _common(parser)
    return parser


def _trust_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="volrec-verify trust", description="Manage the local trust store.")
    sub = parser.add_subparsers(dest="action", required=True)
    for name, meta, text in (("import", "FILE", "import a trust bundle file"),
                             ("update", "URL", "download a trust bundle (http or https) and import it")):
        command = sub.add_parser(name, help=text)
        command.add_argument("source", metavar=meta)
        command.add_argument("--expect-root-fingerprint", metavar="HEX",
                             help="refuse unless the pinned root has this SHA-256 fingerprint")
        if name == "update":
            command.add_argument("--timeout", type=float, default=30, metavar="SECONDS",
                                 help="give up when the server does not answer in time (default 30)")
        _common(command)
    show = sub.add_parser("show", help="show the pinned root, trust list and status lists")
    show.add_argument("--json", action="store_true")
    _common(show)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args[:1] == ["trust"]:
            return _trust(_trust_parser().parse_args(args[1:]))
        if args[:1] == ["verify"]:
            args = args[1:]
        return _verify(_verify_parser().parse_args(args))
    except KeyboardInterrupt:
        return 130


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise TrustStoreError(f"cannot read {path}: {exc}") from exc


def _trust_data(args: argparse.Namespace) -> tuple[TrustList, dict[str, dict[str, Any]], list[WarningCode]]:
    """Load phase: the trust list and status lists to verify with, checked before any certificate."""
    store = TrustStore(args.store or default_path())
    warnings: list[WarningCode] = []
    if args.trust:
        roots = store.roots()
        opened = open_bundle(_load_json(args.trust), roots[-1] if roots else None)
        if not roots:
            warnings.append(WarningCode.ROOT_NOT_PINNED)
        trust_list = opened.trust_list
        status_lists = {doc["id"]: doc for doc in opened.status_lists if isinstance(doc.get("id"), str)}
    else:
        trust_list = store.trust_list()
        status_lists = store.status_lists()
    for path in args.status:
        document = _load_json(path)
        docs = document.get("statusLists", []) if document.get("type") == "VolrecTrustBundle" else [document]
        status_lists.update({doc["id"]: doc for doc in docs if isinstance(doc, dict) and "id" in doc})
    return trust_list, status_lists, warnings


def _expand(arguments: Sequence[str]) -> list[str]:
    """Directories stand for the certificate files in them, so a whole export can be checked at once."""
    expanded: list[str] = []
    for argument in arguments:
        path = Path(argument)
        if inputs.names_a(path, "dir"):
            expanded += sorted(str(p) for p in path.iterdir() if p.suffix.lower() in _DIRECTORY_SUFFIXES)
        elif argument == "-":
            expanded.append(sys.stdin.read())
        else:
            expanded.append(argument)
    return expanded


class _Progress:
    """A one-line progress bar on stderr, shown only on a terminal once a batch takes over a second."""

    def __init__(self, total: int) -> None:
        self.total, self.start = total, time.monotonic()
        self.enabled = total > 1 and sys.stderr.isatty()

    def update(self, done: int) -> None:
        if self.enabled and time.monotonic() - self.start > 1:
            filled = 30 * done // self.total
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{self.total}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and time.monotonic() - self.start > 1:
            sys.stderr.write("\n")


def _verify(args: argparse.Namespace) -> int:
    try:
        now = parse_time(args.now) if args.now is not None else None
    except ValueError:
        print(f"volrec-verify: --now {args.now!r} is not an RFC 3339 timestamp with an offset, "
              "e.g. 2027-01-15T09:00:00+08:00 or 2027-01-15T01:00:00Z", file=sys.stderr)
        return USAGE_ERROR
    try:
        trust_list, status_lists, load_warnings = _trust_data(args)
    except VolrecVerifyError as error:
        print(f"volrec-verify: {error.diagnostics()}", file=sys.stderr)
        return USAGE_ERROR
    policy = Policy(
        clock_skew=timedelta(minutes=args.clock_skew),
        trust_list_warn_age=timedelta(days=args.warn_age),
        trust_list_max_age=timedelta(days=args.max_age),
        now=now,
    )
    sources = _expand(args.inputs)
    cache = StatusListCache()  # one per run: a batch checks each status list's signature once
    progress = _Progress(len(sources))
    rows: list[tuple[str, Result]] = []
    for done, source in enumerate(sources, start=1):
        label = source if len(source) < 80 else source[:40] + "…"
        try:
            loaded = inputs.load(source)
            result = verify(loaded.credential, trust_list, status_lists=status_lists, policy=policy,
                            id_number=args.id_number, status_cache=cache)
            label = loaded.source if loaded.form != "text" else label
        except VerificationError as error:
            result = Result.from_error(error)
        if load_warnings and result.credential is not None:
            result = dataclasses.replace(result, warnings=(*load_warnings, *result.warnings))
        rows.append((label, result))
        progress.update(done)
    progress.close()

    if args.json:
        objects = [{"input": label, **result.to_json()} for label, result in rows]
        print(json.dumps(objects[0] if len(objects) == 1 else objects, ensure_ascii=False, indent=2))
    elif len(rows) == 1:
        print(render.render_result(rows[0][1], rows[0][0], args.lang))
    else:
        for label, result in rows:
            if not result.valid:
                print(render.render_result(result, label, args.lang), end="\n\n")
        print(render.render_table(rows, args.lang))
    return max(result.exit_code for _, result in rows)


class _FetchError(Exception):
    """The bundle could not be fetched at all (no such file, server unreachable): exit 2."""


def _download(url: str, timeout: float) -> Any:
    """The JSON at `url` (http or https only), read whole; the trust bundle's signatures protect it."""
    if urllib.parse.urlsplit(url).scheme.lower() not in ("http", "https"):
        raise _FetchError(f"{url}: only http:// and https:// URLs can be updated from")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read(MAX_BUNDLE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise _FetchError(f"cannot download {url}: the server answered HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise _FetchError(f"cannot download {url}: {exc.reason}") from exc
    except (TimeoutError, OSError) as exc:
        raise _FetchError(f"cannot download {url}: {exc}") from exc
    if len(body) > MAX_BUNDLE_BYTES:
        raise TrustStoreError(f"the response from {url} is larger than {MAX_BUNDLE_BYTES // 2**20} MiB")
    try:
        return json.loads(body.decode("utf-8-sig"))
    except ValueError as exc:
        raise TrustStoreError(f"the response from {url} is not a trust bundle (not JSON)") from exc


def _trust(args: argparse.Namespace) -> int:
    """Exit 0 imported, 1 the bundle was refused, 2 it could not be read or downloaded."""
    store = TrustStore(args.store or default_path())
    try:
        if args.action == "show":
            return _show(store, args)
        if args.action == "update":
            bundle = _download(args.source, args.timeout)
        else:
            path = Path(args.source)
            if not path.is_file():
                raise _FetchError(f"no such file: {args.source}")
            bundle = _load_json(path)
        report = store.import_bundle(bundle, now=Policy().current_time(),
                                     expect_fingerprint=args.expect_root_fingerprint)
    except _FetchError as error:
        print(f"volrec-verify trust: {error}", file=sys.stderr)
        return USAGE_ERROR
    except VolrecVerifyError as error:
        print(f"volrec-verify trust: rejected: {error.diagnostics()}", file=sys.stderr)
        return 1
    if report.newly_pinned:
        print(f"pinned root fingerprint (SHA-256): {group_fingerprint(report.pinned_fingerprint)}")
        print("compare it with the fingerprint the civil affairs department publishes")
    state = "updated" if report.trust_list_changed else "unchanged"
    print(f"trust list version {report.trust_list_version} {state}; root version {report.root_version}; "
          f"{report.status_lists} status lists; store {store.path}")
    return 0


def _show(store: TrustStore, args: argparse.Namespace) -> int:
    roots = store.roots()
    trust_list = store.trust_list()
    status = store.status_lists()
    info = {
        "store": str(store.path),
        "pinnedRootFingerprint": roots[0].fingerprint,
        "rootVersion": roots[-1].version,
        "trustListVersion": trust_list.version,
        "trustListIssued": format_time(trust_list.issued),
        "trustListExpires": format_time(trust_list.expires),
        "authority": trust_list.authority_name,
        "organizations": [{"id": o.id, "name": o.name, "category": o.category}
                          for o in trust_list.organizations.values()],
        "statusLists": [{"id": i, "validFrom": d.get("validFrom"), "validUntil": d.get("validUntil")}
                        for i, d in sorted(status.items())],
    }
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return 0
    print(f"store: {info['store']}\npinned root: {group_fingerprint(roots[0].fingerprint)} "
          f"(now at root version {info['rootVersion']})")
    print(f"trust list: version {trust_list.version} by {trust_list.authority_name}, "
          f"issued {info['trustListIssued']}, expires {info['trustListExpires']}")
    for org in trust_list.organizations.values():
        print(f"  {org.id}  {org.category}  {org.name}")
    for entry in info["statusLists"]:  # type: ignore[attr-defined]
        print(f"  status list {entry['id']}  {entry['validFrom']} .. {entry['validUntil']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
