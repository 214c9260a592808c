"""The whole role x operation matrix of the one authorization policy."""

from __future__ import annotations

import pytest

from service.models.enums import MemberRole
from service.policy import ANONYMOUS, Actor, Operation, allows

OWN_ORG, OTHER_ORG, OWN_VOLUNTEER, OTHER_VOLUNTEER = 1, 2, 10, 11

ROLES: dict[str, Actor] = {
    "anonymous": ANONYMOUS,
    "volunteer": Actor(account_id=1, volunteer_id=OWN_VOLUNTEER),
    "recorder": Actor(account_id=2, roles={OWN_ORG: MemberRole.RECORDER}),
    "org_admin": Actor(account_id=3, roles={OWN_ORG: MemberRole.ADMIN}),
    "inspector": Actor(account_id=4, is_inspector=True),
}

# Expected answer on (own organization / own volunteer) and on (the other one).
Y, N = True, False
MATRIX: dict[Operation, dict[str, tuple[bool, bool]]] = {
    Operation.REGISTER_ORGANIZATION: {"anonymous": (N, N), "volunteer": (N, N), "recorder": (N, N), "org_admin": (N, N), "inspector": (Y, Y)},
    Operation.MANAGE_ISSUING_RIGHT: {"anonymous": (N, N), "volunteer": (N, N), "recorder": (N, N), "org_admin": (N, N), "inspector": (Y, Y)},
    Operation.SANCTION_ORGANIZATION: {"anonymous": (N, N), "volunteer": (N, N), "recorder": (N, N), "org_admin": (N, N), "inspector": (Y, Y)},
    Operation.READ_AUDIT_LOG: {"anonymous": (N, N), "volunteer": (N, N), "recorder": (N, N), "org_admin": (N, N), "inspector": (Y, Y)},
    Operation.MANAGE_MEMBERS: {"anonymous": (N, N), "volunteer": (N, N), "recorder": (N, N), "org_admin": (Y, N), "inspector": (N, N)},
    Operation.CREATE_ACTIVITY: {"anonymous": (N, N), "volunteer": (N, N), "recorder": (N, N), "org_admin": (Y, N), "inspector": (N, N)},
    Operation.REGISTER_VOLUNTEER: {"anonymous": (N, N), "volunteer": (N, N), "recorder": (Y, N), "org_admin": (Y, N), "inspector": (N, N)},
    Operation.RECORD: {"anonymous": (N, N), "volunteer": (N, N), "recorder": (Y, N), "org_admin": (Y, N), "inspector": (N, N)},
    Operation.CORRECT_RECORD: {"anonymous": (N, N), "volunteer": (N, N), "recorder": (Y, N), "org_admin": (Y, N), "inspector": (N, N)},
    Operation.VOID_RECORD: {"anonymous": (N, N), "volunteer": (N, N), "recorder": (N, N), "org_admin": (Y, N), "inspector": (N, N)},
    Operation.READ_ORGANIZATION_RECORDS: {"anonymous": (N, N), "volunteer": (N, N), "recorder": (Y, N), "org_admin": (Y, N), "inspector": (Y, Y)},
    Operation.READ_VOLUNTEER_RECORDS: {"anonymous": (N, N), "volunteer": (Y, N), "recorder": (N, N), "org_admin": (N, N), "inspector": (Y, Y)},
    Operation.READ_FULL_ID_NUMBER: {"anonymous": (N, N), "volunteer": (Y, N), "recorder": (N, N), "org_admin": (N, N), "inspector": (Y, Y)},
    Operation.READ_VOLUNTEER_PROFILE: {"anonymous": (N, N), "volunteer": (Y, N), "recorder": (Y, N), "org_admin": (Y, N), "inspector": (Y, Y)},
    Operation.ASK_CAN_ISSUE: {"anonymous": (Y, Y), "volunteer": (Y, Y), "recorder": (Y, Y), "org_admin": (Y, Y), "inspector": (Y, Y)},
    Operation.REQUEST_CORRECTION: {"anonymous": (N, N), "volunteer": (Y, N), "recorder": (N, N), "org_admin": (N, N), "inspector": (N, N)},
    Operation.ANSWER_CORRECTION: {"anonymous": (N, N), "volunteer": (N, N), "recorder": (Y, N), "org_admin": (Y, N), "inspector": (N, N)},
    Operation.REQUEST_CERTIFICATE: {"anonymous": (N, N), "volunteer": (Y, N), "recorder": (N, N), "org_admin": (N, N), "inspector": (N, N)},
    Operation.ISSUE_CERTIFICATE: {"anonymous": (N, N), "volunteer": (N, N), "recorder": (Y, N), "org_admin": (Y, N), "inspector": (N, N)},
    Operation.REVOKE_CERTIFICATE: {"anonymous": (N, N), "volunteer": (N, N), "recorder": (N, N), "org_admin": (Y, N), "inspector": (N, N)},
    Operation.VIEW_CERTIFICATE: {"anonymous": (N, N), "volunteer": (Y, N), "recorder": (Y, N), "org_admin": (Y, N), "inspector": (Y, Y)},
    Operation.MANAGE_SIGNING_KEYS: {"anonymous": (N, N), "volunteer": (N, N), "recorder": (N, N), "org_admin": (Y, N), "inspector": (Y, Y)},
    Operation.PUBLISH_TRUST_LIST: {"anonymous": (N, N), "volunteer": (N, N), "recorder": (N, N), "org_admin": (N, N), "inspector": (Y, Y)},
}


@pytest.mark.parametrize("operation", list(MATRIX))
@pytest.mark.parametrize("role", list(ROLES))
def test_policy_matrix(role: str, operation: Operation) -> None:
    actor = ROLES[role]
    expected_own, expected_other = MATRIX[operation][role]
    assert allows(actor, operation, organization_id=OWN_ORG, volunteer_id=OWN_VOLUNTEER) is expected_own
    assert allows(actor, operation, organization_id=OTHER_ORG, volunteer_id=OTHER_VOLUNTEER) is expected_other


def test_matrix_covers_every_operation() -> None:
    assert set(MATRIX) == set(Operation)
