"""Enums exposed to GraphQL: the domain's enums, registered once."""

import strawberry

from service.models import enums

OrganizationCategory = strawberry.enum(enums.OrganizationCategory)
IssuingRightAction = strawberry.enum(enums.IssuingRightAction)
SanctionKind = strawberry.enum(enums.SanctionKind)
MemberRole = strawberry.enum(enums.MemberRole)
IdType = strawberry.enum(enums.IdType)
Gender = strawberry.enum(enums.Gender)
ConsentKind = strawberry.enum(enums.ConsentKind)
Recruitment = strawberry.enum(enums.Recruitment)
RecordSource = strawberry.enum(enums.RecordSource)
RecordStatus = strawberry.enum(enums.RecordStatus)
AwardBasis = strawberry.enum(enums.AwardBasis)
Quality = strawberry.enum(enums.Quality)
