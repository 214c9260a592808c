"""Accounts, argon2id passwords and bearer tokens that expire and can be revoked.

Tokens are random 256-bit strings shown once; only their SHA-256 is stored, so a database leak
does not leak usable tokens.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import nacl.exceptions
import nacl.pwhash
from tortoise.transactions import in_transaction

from service.domain import audit, clock
from service.domain.errors import DomainError
from service.models import AccessToken, Account, Membership
from service.models.enums import MemberRole
from service.policy import ANONYMOUS, Actor, Operation, require

MIN_PASSWORD_LENGTH = 10
# Interactive limits keep a login under ~0.1 s; a fixed dummy hash equalizes timing for unknown users.
_OPSLIMIT = nacl.pwhash.argon2id.OPSLIMIT_INTERACTIVE
_MEMLIMIT = nacl.pwhash.argon2id.MEMLIMIT_INTERACTIVE


def hash_password(password: str) -> str:
    return nacl.pwhash.argon2id.str(password.encode(), opslimit=_OPSLIMIT, memlimit=_MEMLIMIT).decode()


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return bool(nacl.pwhash.verify(password_hash.encode(), password.encode()))
    except nacl.exceptions.InvalidkeyError:
        return False


_DUMMY_HASH = hash_password(secrets.token_urlsafe(16))


def check_new_password(password: str, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError("WEAK_PASSWORD", field)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_account(
    username: str,
    password: str,
    *,
    display_name: str = "",
    is_inspector: bool = False,
    volunteer_id: int | None = None,
) -> Account:
    """Used by the CLI, the demo seed and sign-up; the caller holds the transaction."""
    username = username.strip()
    if not username:
        raise DomainError("REQUIRED", "username")
    check_new_password(password)
    if await Account.filter(username=username).exists():
        raise DomainError("USERNAME_TAKEN", "username")
    return await Account.create(
        username=username,
        password_hash=hash_password(password),
        display_name=display_name,
        is_inspector=is_inspector,
        volunteer_id=volunteer_id,
    )


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: datetime
    account: Account


async def log_in(username: str, password: str, ttl_seconds: int) -> IssuedToken:
    account = await Account.get_or_none(username=username.strip(), is_active=True)
    if account is None:
        password_matches(_DUMMY_HASH, password)
        raise DomainError("INVALID_CREDENTIALS")
    if not password_matches(account.password_hash, password):
        raise DomainError("INVALID_CREDENTIALS")
    token = secrets.token_urlsafe(32)
    expires_at = clock.now() + timedelta(seconds=ttl_seconds)
    async with in_transaction():
        await AccessToken.create(account=account, token_hash=_token_hash(token), expires_at=expires_at)
        await audit.append(account.id, "LOG_IN", "Account", account.id)
    return IssuedToken(token, expires_at, account)


async def revoke_token(token: str) -> bool:
    async with in_transaction():
        row = await AccessToken.get_or_none(token_hash=_token_hash(token), revoked_at=None)
        if row is None:
            return False
        row.revoked_at = clock.now()
        await row.save(update_fields=["revoked_at"])
        await audit.append(row.account_id, "LOG_OUT", "Account", row.account_id)  # type: ignore[attr-defined]
    return True


async def actor_for_token(token: str | None) -> Actor:
    """Resolve a bearer token; anything unknown, expired or revoked is simply anonymous."""
    if not token:
        return ANONYMOUS
    row = await AccessToken.get_or_none(token_hash=_token_hash(token), revoked_at=None).select_related("account")
    if row is None or row.expires_at <= clock.now() or not row.account.is_active:
        return ANONYMOUS
    return await actor_for_account(row.account)


async def actor_for_account(account: Account) -> Actor:
    memberships = await Membership.filter(account_id=account.id).values_list("organization_id", "role")
    return Actor(
        account_id=account.id,
        volunteer_id=account.volunteer_id,  # type: ignore[attr-defined]
        is_inspector=account.is_inspector,
        roles={org_id: MemberRole(role) for org_id, role in memberships},
    )


@dataclass(frozen=True)
class NewMember:
    username: str
    password: str
    display_name: str = ""
    role: MemberRole = MemberRole.ADMIN


async def create_member(actor: Actor, organization_id: int, member: NewMember, field_prefix: str = "") -> Account:
    """A staff account of one organization; the caller holds the transaction and has authorized."""
    try:
        account = await create_account(member.username, member.password, display_name=member.display_name)
    except DomainError as error:
        raise DomainError(error.code, field_prefix + (error.field or ""), error.params) from None
    await Membership.create(account=account, organization_id=organization_id, role=member.role)
    await audit.append(
        actor.account_id, "ADD_MEMBER", "Organization", organization_id,
        {"accountId": account.id, "role": member.role.value},
    )
    return account


async def add_member(actor: Actor, organization_id: int, member: NewMember) -> Account:
    """An organization admin creates a staff account (admin or recorder) for their organization."""
    require(actor, Operation.MANAGE_MEMBERS, organization_id=organization_id)
    async with in_transaction():
        return await create_member(actor, organization_id, member)
