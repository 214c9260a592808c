from __future__ import annotations

import strawberry

from service.domain import audit
from service.domain.errors import DomainError
from service.policy import Operation, require
from service.schema.context import Info


@strawberry.type(description="Result of re-computing the audit log's hash chain.")
class AuditChainReport:
    intact: bool
    entries: int
    first_broken_sequence: int | None
    problem: str | None


@strawberry.type
class OversightQueries:
    @strawberry.field(description="Authority: verify the audit log's hash chain (null for others).")
    async def audit_chain(self, info: Info) -> AuditChainReport | None:
        try:
            require(info.context.actor, Operation.READ_AUDIT_LOG)
        except DomainError:
            return None
        report = await audit.verify_chain()
        return AuditChainReport(
            intact=report.intact, entries=report.entries, first_broken_sequence=report.first_broken_sequence,
            problem=report.problem,
        )
