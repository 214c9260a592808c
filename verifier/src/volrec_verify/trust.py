"""The authority's signed metadata: the root chain (TUF-style rotation) and the trust list.

Nothing here touches a file or the network (like python-tuf's trusted metadata set): callers
hand in parsed JSON and get back checked, typed objects, or a `TrustStoreError`. The order is
fixed: a root is trusted only by chaining from an already trusted root, and a trust list only by
the signatures of the newest trusted root.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from volrec_verify._internal.timefmt import parse_optional_time, parse_time
from volrec_verify.cryptosuite import canonicalize, verify_proof
from volrec_verify.errors import RootChainError, TrustStoreError
from volrec_verify.multikey import decode_public_key

ISSUING_STATUSES = ("GRANTED", "SUSPENDED", "REVOKED")


@dataclass(frozen=True)
class Root:
    """One version of the authority's root: the keys (and how many) that sign the next metadata."""

    version: int
    issued: datetime
    expires: datetime
    threshold: int
    keys: Mapping[str, bytes]
    document: dict[str, Any]

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the canonical signed root document: what a user pins and compares."""
        return hashlib.sha256(canonicalize(self.document)).hexdigest()


@dataclass(frozen=True)
class Period:
    """An issuing-right period: `status` from `start` until `end` (None = open-ended)."""

    status: str
    start: datetime
    end: datetime | None

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment and (self.end is None or moment < self.end)


@dataclass(frozen=True)
class Method:
    """An organization key (W3C Multikey) with its validity window."""

    id: str
    controller: str
    public_key: bytes
    valid_from: datetime
    valid_until: datetime | None
    revoked_from: datetime | None

    def valid_at(self, moment: datetime) -> bool:
        """Whether the key may sign at `moment`: inside its window and before any compromise."""
        return (
            self.valid_from <= moment
            and (self.valid_until is None or moment < self.valid_until)
            and (self.revoked_from is None or moment < self.revoked_from)
        )


@dataclass(frozen=True)
class Organization:
    """A registered organization: its category, issuing-right history and keys."""

    id: str
    name: str
    category: str
    rights: tuple[Period, ...]
    methods: tuple[Method, ...]

    def has_right_at(self, moment: datetime) -> bool:
        """In a GRANTED period and in no SUSPENDED or REVOKED one (credential-format.md s. 6)."""
        granted = any(p.status == "GRANTED" and p.contains(moment) for p in self.rights)
        blocked = any(p.status != "GRANTED" and p.contains(moment) for p in self.rights)
        return granted and not blocked


@dataclass(frozen=True)
class TrustList:
    """A trust list whose signature by the current root has been checked."""

    version: int
    root_version: int
    issued: datetime
    expires: datetime
    authority_name: str
    organizations: Mapping[str, Organization]
    document: dict[str, Any]

    def method(self, method_id: str) -> tuple[Organization, Method] | None:
        """The organization and key that a `verificationMethod` names, if any."""
        org = self.organizations.get(method_id.partition("#")[0])
        for method in org.methods if org else ():
            if method.id == method_id:
                return org, method  # type: ignore[return-value]
        return None


@dataclass(frozen=True)
class Bundle:
    """What a trust bundle holds once checked: the new roots, the trust list, raw status lists."""

    roots: tuple[Root, ...]
    trust_list: TrustList
    status_lists: tuple[dict[str, Any], ...]


def _field(doc: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    value = doc.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise TrustStoreError(f"{where}: field {key!r} is missing or has the wrong type")
    return value


def _time(doc: Mapping[str, Any], key: str, where: str, *, optional: bool = False) -> Any:
    try:
        return parse_optional_time(doc.get(key)) if optional else parse_time(doc.get(key))
    except ValueError as exc:
        raise TrustStoreError(f"{where}: field {key!r} is not a timestamp") from exc


def _key(entry: Any, where: str) -> tuple[str, bytes]:
    if not isinstance(entry, dict) or entry.get("type") != "Multikey":
        raise TrustStoreError(f"{where}: a key is not a Multikey object")
    try:
        return _field(entry, "id", str, where), decode_public_key(entry.get("publicKeyMultibase"))  # type: ignore[arg-type]
    except ValueError as exc:
        raise TrustStoreError(f"{where}: {exc}") from exc


def signers(document: dict[str, Any], keys: Mapping[str, bytes]) -> set[str]:
    """Ids of the `keys` with a valid proof on `document` (one proof or a proof set)."""
    proofs = document.get("proof")
    found = set()
    for proof in proofs if isinstance(proofs, list) else [proofs]:
        if isinstance(proof, dict):
            method = proof.get("verificationMethod")
            if isinstance(method, str) and method in keys and verify_proof(document, proof, keys[method]):
                found.add(method)
    return found


def parse_root(document: Any) -> Root:
    """A root document's fields, checked for shape only (signatures are `verify_root_chain`'s job)."""
    if not isinstance(document, dict) or document.get("type") != "VolrecRoot":
        raise TrustStoreError("not a VolrecRoot document")
    where = f"root version {document.get('version')}"
    keys = dict(_key(entry, where) for entry in _field(document, "keys", list, where))
    threshold = _field(document, "threshold", int, where)
    if threshold < 1 or threshold > len(keys):
        raise TrustStoreError(f"{where}: threshold must be between 1 and the number of keys")
    version = _field(document, "version", int, where)
    if version < 1:
        raise TrustStoreError(f"{where}: version must be 1 or more")
    return Root(
        version=version,
        issued=_time(document, "issued", where),
        expires=_time(document, "expires", where),
        threshold=threshold,
        keys=keys,
        document=document,
    )


def verify_root_chain(trusted: Root | None, roots: Sequence[Any]) -> list[Root]:
    """The roots that chain, one version at a time, from `trusted` (or, if None, the first root).

    Version N+1 counts only when signed by `threshold` keys of version N and `threshold` of its
    own; versions not above the trusted one must be identical to it or are skipped.
    """
    chain: list[Root] = []
    if trusted is None:
        if not roots:
            raise RootChainError("the bundle holds no root to pin")
        first = parse_root(roots[0])
        if len(signers(first.document, first.keys)) < first.threshold:
            raise RootChainError(f"root version {first.version} is not signed by its own keys")
        trusted = first
        chain.append(first)
    for document in roots:
        root = parse_root(document)
        if root.version <= trusted.version:
            if root.version == trusted.version and root.document != trusted.document:
                raise RootChainError(f"root version {root.version} differs from the trusted one")
            continue
        if root.version != trusted.version + 1:
            raise RootChainError(f"root version {root.version} does not follow version {trusted.version}")
        if len(signers(document, trusted.keys)) < trusted.threshold:
            raise RootChainError(f"root version {root.version} is not signed by version {trusted.version}")
        if len(signers(document, root.keys)) < root.threshold:
            raise RootChainError(f"root version {root.version} is not signed by its own keys")
        trusted = root
        chain.append(root)
    return chain


def _period(entry: Any, where: str) -> Period:
    if not isinstance(entry, dict) or entry.get("status") not in ISSUING_STATUSES:
        raise TrustStoreError(f"{where}: an issuing-right period has no valid status")
    return Period(entry["status"], _time(entry, "from", where), _time(entry, "until", where, optional=True))


def _method(entry: Any, org_id: str, where: str) -> Method:
    method_id, public_key = _key(entry, where)
    controller = _field(entry, "controller", str, where)
    if controller != org_id or method_id.partition("#")[0] != org_id:
        raise TrustStoreError(f"{where}: key {method_id} is not controlled by {org_id}")
    return Method(
        id=method_id,
        controller=controller,
        public_key=public_key,
        valid_from=_time(entry, "validFrom", where),
        valid_until=_time(entry, "validUntil", where, optional=True),
        revoked_from=_time(entry, "revokedFrom", where, optional=True),
    )


def _organization(entry: Any) -> Organization:
    if not isinstance(entry, dict):
        raise TrustStoreError("trust list: an organization is not an object")
    org_id = _field(entry, "id", str, "trust list")
    where = f"trust list, {org_id}"
    return Organization(
        id=org_id,
        name=_field(entry, "name", str, where),
        category=_field(entry, "category", str, where),
        rights=tuple(_period(p, where) for p in _field(entry, "issuingRights", list, where)),
        methods=tuple(_method(m, org_id, where) for m in _field(entry, "verificationMethods", list, where)),
    )


def verify_trust_list(document: Any, root: Root) -> TrustList:
    """The trust list, once signed by `threshold` keys of `root` (its `rootVersion` must match)."""
    if not isinstance(document, dict) or document.get("type") != "VolrecTrustList":
        raise TrustStoreError("not a VolrecTrustList document")
    root_version = _field(document, "rootVersion", int, "trust list")
    if root_version != root.version:
        raise TrustStoreError(f"trust list is for root version {root_version}, not {root.version}")
    if len(signers(document, root.keys)) < root.threshold:
        raise TrustStoreError("trust list is not signed by the trusted root")
    organizations = [_organization(entry) for entry in _field(document, "organizations", list, "trust list")]
    authority = document.get("authority")
    return TrustList(
        version=_field(document, "version", int, "trust list"),
        root_version=root_version,
        issued=_time(document, "issued", "trust list"),
        expires=_time(document, "expires", "trust list"),
        authority_name=str(authority.get("name", "")) if isinstance(authority, dict) else "",
        organizations={org.id: org for org in organizations},
        document=document,
    )


def open_bundle(bundle: Any, trusted_root: Root | None) -> Bundle:
    """Check a trust bundle (or a bare trust list) against `trusted_root` (None: trust its first root)."""
    if isinstance(bundle, dict) and bundle.get("type") == "VolrecTrustList":
        bundle = {"type": "VolrecTrustBundle", "roots": [], "trustList": bundle, "statusLists": []}
    if not isinstance(bundle, dict) or bundle.get("type") != "VolrecTrustBundle":
        raise TrustStoreError("not a VolrecTrustBundle (or VolrecTrustList) document")
    roots = verify_root_chain(trusted_root, _field(bundle, "roots", list, "trust bundle"))
    newest = roots[-1] if roots else trusted_root
    if newest is None:
        raise TrustStoreError("no trusted root: import a trust bundle first")
    trust_list = verify_trust_list(bundle.get("trustList"), newest)
    status_lists = bundle.get("statusLists", [])
    if not isinstance(status_lists, list) or not all(isinstance(s, dict) for s in status_lists):
        raise TrustStoreError("trust bundle: statusLists must be a list of objects")
    return Bundle(tuple(roots), trust_list, tuple(status_lists))
