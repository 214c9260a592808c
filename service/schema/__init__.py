"""The GraphQL schema: a table of contents composing each domain's queries and mutations."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

import strawberry
from graphql import GraphQLError, NoSchemaIntrospectionCustomRule
from strawberry import relay
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule

from service.schema.accounts.mutations import AccountMutations
from service.schema.accounts.queries import AccountQueries
from service.schema.certificates.mutations import CertificateMutations
from service.schema.certificates.queries import CertificateQueries
from service.schema.corrections.mutations import CorrectionMutations
from service.schema.corrections.queries import CorrectionQueries
from service.schema.issuing.queries import IssuingQueries
from service.schema.limits import MAX_ALIASES, MAX_DEPTH, QueryCostRule
from service.schema.organizations.mutations import OrganizationMutations
from service.schema.organizations.queries import OrganizationQueries
from service.schema.oversight.queries import OversightQueries
from service.schema.records.mutations import ImportMutations, RecordMutations
from service.schema.records.queries import RecordQueries
from service.schema.volunteers.mutations import VolunteerMutations
from service.schema.volunteers.queries import VolunteerQueries


@strawberry.type
class Query(
    AccountQueries, OrganizationQueries, VolunteerQueries, RecordQueries, IssuingQueries, OversightQueries,
    CertificateQueries, CorrectionQueries,
):
    node: relay.Node | None = relay.node(description="Fetch any object by its global ID (null if not visible).")


@strawberry.type
class Mutation(
    AccountMutations, OrganizationMutations, VolunteerMutations, RecordMutations, CertificateMutations,
    CorrectionMutations, ImportMutations,
):
    pass


def _is_internal(error: GraphQLError) -> bool:
    """Mask only unexpected exceptions: GraphQL's own validation messages are useful and safe."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


class IntrospectionOffInProduction(SchemaExtension):
    """With `VOLREC_ENV=production` the schema is not introspectable (the SDL is published instead)."""

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context.context
        if context is not None and context.settings.production:
            self.execution_context.validation_rules = (
                *self.execution_context.validation_rules,
                NoSchemaIntrospectionCustomRule,
            )
        yield


@functools.cache
def build_schema() -> strawberry.Schema:
    """Built once per process: Strawberry binds the relay `node` field when it builds."""
    # The limit rules are made once: a rule class made per request would defeat the validation cache.
    limits = [depth_rule(MAX_DEPTH, None, None), aliases_rule(MAX_ALIASES), QueryCostRule]
    extensions: list[Callable[[], SchemaExtension] | type[SchemaExtension]] = [
        lambda: ParserCache(maxsize=512),
        lambda: AddValidationRules(limits),
        IntrospectionOffInProduction,
        lambda: ValidationCache(maxsize=512),
        lambda: MaskErrors(should_mask_error=_is_internal),
    ]
    return strawberry.Schema(query=Query, mutation=Mutation, extensions=extensions)
