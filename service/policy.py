"""Authorization: the one policy that says who may do what. Domain services call `require` once
per operation, before touching data; the GraphQL layer never decides access itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from service.domain.errors import DomainError
from service.models.enums import MemberRole


class Operation(str, Enum):
    REGISTER_ORGANIZATION = "REGISTER_ORGANIZATION"
    MANAGE_ISSUING_RIGHT = "MANAGE_ISSUING_RIGHT"
    SANCTION_ORGANIZATION = "SANCTION_ORGANIZATION"
    MANAGE_MEMBERS = "MANAGE_MEMBERS"
    CREATE_ACTIVITY = "CREATE_ACTIVITY"
    REGISTER_VOLUNTEER = "REGISTER_VOLUNTEER"
    RECORD = "RECORD"
    CORRECT_RECORD = "CORRECT_RECORD"
    VOID_RECORD = "VOID_RECORD"
    READ_ORGANIZATION_RECORDS = "READ_ORGANIZATION_RECORDS"
    READ_VOLUNTEER_PROFILE = "READ_VOLUNTEER_PROFILE"
    READ_VOLUNTEER_RECORDS = "READ_VOLUNTEER_RECORDS"
    READ_FULL_ID_NUMBER = "READ_FULL_ID_NUMBER"
    READ_AUDIT_LOG = "READ_AUDIT_LOG"
    ASK_CAN_ISSUE = "ASK_CAN_ISSUE"
    REQUEST_CORRECTION = "REQUEST_CORRECTION"
    ANSWER_CORRECTION = "ANSWER_CORRECTION"
    REQUEST_CERTIFICATE = "REQUEST_CERTIFICATE"
    ISSUE_CERTIFICATE = "ISSUE_CERTIFICATE"
    REVOKE_CERTIFICATE = "REVOKE_CERTIFICATE"
    VIEW_CERTIFICATE = "VIEW_CERTIFICATE"
    MANAGE_SIGNING_KEYS = "MANAGE_SIGNING_KEYS"
    PUBLISH_TRUST_LIST = "PUBLISH_TRUST_LIST"


@dataclass(frozen=True)
class Actor:
    """Who is asking: built from the bearer token, or anonymous."""

    account_id: int | None = None
    volunteer_id: int | None = None
    is_inspector: bool = False
    roles: dict[int, MemberRole] = field(default_factory=dict)

    @property
    def authenticated(self) -> bool:
        return self.account_id is not None

    def role_in(self, organization_id: int | None) -> MemberRole | None:
        return self.roles.get(organization_id) if organization_id is not None else None


ANONYMOUS = Actor()

_ORG_STAFF = {MemberRole.ADMIN, MemberRole.RECORDER}
_ORG_ADMIN = {MemberRole.ADMIN}

# Which organization role is needed for operations scoped to one organization.
_ORGANIZATION_ROLES: dict[Operation, set[MemberRole]] = {
    Operation.MANAGE_MEMBERS: _ORG_ADMIN,
    Operation.CREATE_ACTIVITY: _ORG_ADMIN,
    Operation.REGISTER_VOLUNTEER: _ORG_STAFF,
    Operation.RECORD: _ORG_STAFF,
    Operation.CORRECT_RECORD: _ORG_STAFF,
    Operation.ANSWER_CORRECTION: _ORG_STAFF,
    Operation.VOID_RECORD: _ORG_ADMIN,
    Operation.READ_ORGANIZATION_RECORDS: _ORG_STAFF,
    Operation.READ_VOLUNTEER_PROFILE: _ORG_STAFF,
    Operation.ISSUE_CERTIFICATE: _ORG_STAFF,
    Operation.REVOKE_CERTIFICATE: _ORG_ADMIN,
    Operation.VIEW_CERTIFICATE: _ORG_STAFF,
    Operation.MANAGE_SIGNING_KEYS: _ORG_ADMIN,
}
_INSPECTOR_ONLY = {
    Operation.REGISTER_ORGANIZATION,
    Operation.MANAGE_ISSUING_RIGHT,
    Operation.SANCTION_ORGANIZATION,
    Operation.READ_AUDIT_LOG,
    Operation.PUBLISH_TRUST_LIST,
}
# The authority oversees records (Arts 20-21) but does not write them for organizations.
_INSPECTOR_MAY_READ = {
    Operation.READ_ORGANIZATION_RECORDS,
    Operation.READ_VOLUNTEER_PROFILE,
    Operation.VIEW_CERTIFICATE,
    # The authority revokes a compromised organization key too (the trust list is its document).
    Operation.MANAGE_SIGNING_KEYS,
}
# A volunteer reads their own profile and certificates; staff read them through their organization.
_VOLUNTEER_MAY_READ_OWN = {Operation.READ_VOLUNTEER_PROFILE, Operation.VIEW_CERTIFICATE}

# Art 13 (corrections) and Art 14 (certificates): the volunteer asks; nobody asks on their behalf.
_ONLY_THE_VOLUNTEER_ASKS = {Operation.REQUEST_CORRECTION, Operation.REQUEST_CERTIFICATE}


def allows(
    actor: Actor, operation: Operation, *, organization_id: int | None = None, volunteer_id: int | None = None
) -> bool:
    if operation is Operation.ASK_CAN_ISSUE:
        return True
    if operation in _ONLY_THE_VOLUNTEER_ASKS:
        return volunteer_id is not None and actor.volunteer_id == volunteer_id
    if operation in _INSPECTOR_ONLY:
        return actor.is_inspector
    if operation in (Operation.READ_VOLUNTEER_RECORDS, Operation.READ_FULL_ID_NUMBER):
        own = volunteer_id is not None and actor.volunteer_id == volunteer_id
        return own or actor.is_inspector
    if operation in _INSPECTOR_MAY_READ and actor.is_inspector:
        return True
    if operation in _VOLUNTEER_MAY_READ_OWN and volunteer_id is not None and actor.volunteer_id == volunteer_id:
        return True
    return actor.role_in(organization_id) in _ORGANIZATION_ROLES[operation]


def require(
    actor: Actor, operation: Operation, *, organization_id: int | None = None, volunteer_id: int | None = None
) -> None:
    """Raise UNAUTHENTICATED for anonymous callers, FORBIDDEN for everyone else who may not."""
    if allows(actor, operation, organization_id=organization_id, volunteer_id=volunteer_id):
        return
    raise DomainError("FORBIDDEN" if actor.authenticated else "UNAUTHENTICATED")


def may_view_record(actor: Actor, *, volunteer_id: int, organization_id: int) -> bool:
    """A record is seen by its volunteer, the authority, and the staff of the organization that made it."""
    return allows(actor, Operation.READ_VOLUNTEER_RECORDS, volunteer_id=volunteer_id) or allows(
        actor, Operation.READ_ORGANIZATION_RECORDS, organization_id=organization_id
    )


def may_view_volunteer(actor: Actor, *, volunteer_id: int, enrolled_in: list[int]) -> bool:
    """A profile is seen by the volunteer, the authority, and staff of organizations that enrolled them."""
    if allows(actor, Operation.READ_VOLUNTEER_PROFILE, volunteer_id=volunteer_id):
        return True
    return any(allows(actor, Operation.READ_VOLUNTEER_PROFILE, organization_id=o) for o in enrolled_in)


def may_view_certificate(actor: Actor, *, volunteer_id: int, organization_id: int) -> bool:
    """A certificate is seen by its holder, the staff of the issuing organization, and the authority."""
    return allows(actor, Operation.VIEW_CERTIFICATE, volunteer_id=volunteer_id, organization_id=organization_id)
