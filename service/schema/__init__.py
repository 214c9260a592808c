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
from strawberry.types import ExecutionContext

from service.domain.errors import DomainError, DomainErrors
from service.schema.accounts.mutations import AccountMutations
from service.schema.accounts.queries import AccountQueries
from service.schema.certificates.mutations import CertificateMutations
from service.schema.certificates.queries import CertificateQueries
from service.schema.corrections.mutations import CorrectionMutations
from service.schema.corrections.queries import CorrectionQueries
from service.schema.errors import user_errors
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
    return original is not None and not isinstance(original, GraphQLError | DomainError | DomainErrors)


class DomainErrorsAsGraphQLErrors(SchemaExtension):
    """A query argument the domain refuses (a bad ID or cursor) is the client's mistake, not a bug:
    it gets the localized message, with `extensions {code field}`, as mutations' userErrors do."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        context = self.execution_context.context
        if result is None or not getattr(result, "errors", None) or context is None:
            return
        translated: list[GraphQLError] = []
        for error in result.errors or []:
            original = error.original_error
            if not isinstance(original, DomainError | DomainErrors):
                translated.append(error)
                continue
            for user_error in user_errors(original, context.language):
                translated.append(GraphQLError(
                    user_error.message, error.nodes, path=error.path,
                    extensions={"code": user_error.code, "field": user_error.field},
                ))
        result.errors = translated


class VolrecSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        """Log bugs with their traceback; a client's bad input is answered, not logged as a failure."""
        super().process_errors([e for e in errors if _is_internal(e)], execution_context)


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
        DomainErrorsAsGraphQLErrors,  # after MaskErrors: its post-processing runs first
    ]
    return VolrecSchema(query=Query, mutation=Mutation, extensions=extensions)
