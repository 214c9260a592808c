"""Query cost limit: a page of N items costs N times what each item selects.

Depth and alias limits come from Strawberry; cost is ours because only we know that `first`
multiplies work. A `first` given by a variable is counted at the page maximum, since variables are
not known during validation.
"""

from __future__ import annotations

from collections.abc import Mapping

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
)

from service.schema.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

MAX_QUERY_COST = 20_000
MAX_DEPTH = 12
MAX_ALIASES = 30


def _page_size(field: FieldNode) -> int | None:
    for argument in field.arguments or ():
        if argument.name.value == "first":
            value = argument.value
            return min(int(value.value), MAX_PAGE_SIZE) if isinstance(value, IntValueNode) else MAX_PAGE_SIZE
    return None


def selection_cost(
    selection_set: SelectionSetNode | None, fragments: Mapping[str, FragmentDefinitionNode], seen: frozenset[str]
) -> int:
    if selection_set is None:
        return 0
    total = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            inner = selection_cost(selection.selection_set, fragments, seen)
            size = _page_size(selection)
            if size is None and selection.name.value == "edges":
                size = 1  # multiplied already by the connection field above
            is_connection = size is not None or _looks_like_connection(selection)
            total += 1 + inner * ((size or DEFAULT_PAGE_SIZE) if is_connection else 1)
        elif isinstance(selection, InlineFragmentNode):
            total += selection_cost(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in fragments and name not in seen:
                total += selection_cost(fragments[name].selection_set, fragments, seen | {name})
    return total


def _looks_like_connection(field: FieldNode) -> bool:
    if field.selection_set is None:
        return False
    return any(isinstance(s, FieldNode) and s.name.value == "edges" for s in field.selection_set.selections)


class QueryCostRule(ValidationRule):
    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        document = context.document
        fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        for definition in document.definitions:
            if isinstance(definition, OperationDefinitionNode):
                cost = selection_cost(definition.selection_set, fragments, frozenset())
                if cost > MAX_QUERY_COST:
                    context.report_error(
                        GraphQLError(f"Query cost {cost} exceeds the limit of {MAX_QUERY_COST}.", definition)
                    )
