"""The local trust store: a directory with the pinned root chain, the trust list and status lists.

Layout: `roots.json` (every trusted root, the pinned one first), `trust-list.json`,
`status-lists.json` (by id). Files are replaced atomically, so a crash never leaves a half-written
trust list. All checking is done by `volrec_verify.trust`; this module only reads and writes.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from volrec_verify.errors import (
    NoTrustList,
    RollbackError,
    RootChainError,
    TrustStoreError,
    VerificationError,
)
from volrec_verify.trust import Root, TrustList, open_bundle, parse_root, verify_trust_list
from volrec_verify.verifier import check_status_list

ENV_HOME = "VOLREC_VERIFY_HOME"


def default_path() -> Path:
    """`$VOLREC_VERIFY_HOME`, else `$XDG_DATA_HOME/volrec-verify` (`~/.local/share/volrec-verify`)."""
    if os.environ.get(ENV_HOME):
        return Path(os.environ[ENV_HOME])
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "volrec-verify"


def normalize_fingerprint(text: str) -> str:
    """Accept fingerprints as printed, with spaces or colons, in any case."""
    return "".join(ch for ch in text.lower() if ch in "0123456789abcdef")


def group_fingerprint(fingerprint: str) -> str:
    """Groups of four hex digits, easier to read aloud over the phone."""
    return " ".join(fingerprint[i : i + 4] for i in range(0, len(fingerprint), 4))


@dataclass(frozen=True)
class ImportReport:
    """What an import changed, for the CLI to tell the user."""

    pinned_fingerprint: str
    newly_pinned: bool
    root_version: int
    trust_list_version: int
    trust_list_changed: bool
    status_lists: int


class TrustStore:
    """A trust store directory; nothing is written until an import fully checks out."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self, name: str) -> Any:
        file = self.path / name
        if not file.exists():
            return None
        try:
            return json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise TrustStoreError(f"{file} is unreadable: {exc}") from exc

    def _write(self, name: str, value: Any) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path, prefix=f".{name}.")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(value, handle, ensure_ascii=False, indent=1)
        os.replace(tmp, self.path / name)

    def roots(self) -> list[Root]:
        """The stored chain; it was checked link by link when imported."""
        return [parse_root(doc) for doc in self._read("roots.json") or []]

    def trust_list(self) -> TrustList:
        """The stored trust list, re-checked against the newest stored root."""
        roots = self.roots()
        document = self._read("trust-list.json")
        if not roots or document is None:
            raise NoTrustList(f"no trust list in {self.path}: run `volrec-verify trust import FILE`")
        return verify_trust_list(document, roots[-1])

    def status_lists(self) -> dict[str, dict[str, Any]]:
        stored = self._read("status-lists.json")
        return stored if isinstance(stored, dict) else {}

    def import_bundle(
        self, bundle: Any, *, now: datetime, expect_fingerprint: str | None = None
    ) -> ImportReport:
        """Check a bundle against the pinned root (pinning its first root if none) and store it."""
        stored_roots = self.roots()
        if stored_roots:
            pinned = stored_roots[0]
        else:
            first = (bundle.get("roots") or [None])[0] if isinstance(bundle, dict) else None
            pinned = parse_root(first)
        if expect_fingerprint and normalize_fingerprint(expect_fingerprint) != pinned.fingerprint:
            shown = group_fingerprint(pinned.fingerprint)
            raise RootChainError(f"root fingerprint {shown} is not the expected one")
        opened = open_bundle(bundle, stored_roots[-1] if stored_roots else None)
        known = stored_roots[-1].version if stored_roots else 0
        chain = stored_roots + [root for root in opened.roots if root.version > known]
        if chain[-1].expires <= now:
            raise RootChainError(f"root version {chain[-1].version} has expired: get a newer bundle")

        new_list = opened.trust_list
        old = self._read("trust-list.json")
        changed = True
        if isinstance(old, dict) and isinstance(old.get("version"), int):
            if new_list.version < old["version"]:
                raise RollbackError(f"trust list version {new_list.version} is older than {old['version']}")
            if new_list.version == old["version"]:
                if new_list.document != old:
                    raise RollbackError(f"trust list version {new_list.version} differs from the stored one")
                changed = False

        status_lists = self.status_lists()
        for document in opened.status_lists:
            try:
                check_status_list(document, new_list)
            except VerificationError as exc:
                raise TrustStoreError(f"status list in the bundle rejected: {exc.diagnostics()}") from exc
            previous = status_lists.get(document["id"])
            if previous is None or _list_version(document) >= _list_version(previous):
                status_lists[document["id"]] = document

        self._write("roots.json", [root.document for root in chain])
        self._write("trust-list.json", new_list.document)
        self._write("status-lists.json", status_lists)
        return ImportReport(
            pinned_fingerprint=pinned.fingerprint,
            newly_pinned=not stored_roots,
            root_version=chain[-1].version,
            trust_list_version=new_list.version,
            trust_list_changed=changed,
            status_lists=len(opened.status_lists),
        )


def _list_version(document: dict[str, Any]) -> int:
    version = document.get("credentialSubject", {}).get("version", 0)
    return version if isinstance(version, int) else 0
