"""Imports every model so that Alembic and the test fixtures see the whole schema."""
from matchmaker.academics.models import AcademicProfile
from matchmaker.auth.models import ApiToken, Language, Role, User, UserRole
from matchmaker.notifications.models import OutboxMessage
from matchmaker.orgs.models import Membership, MembershipStatus, Organisation, OrganisationKind, OrganisationStatus
from matchmaker.reference.models import SDG, Department

__all__ = [
    "AcademicProfile", "ApiToken", "Department", "Language", "Membership", "MembershipStatus", "Organisation",
    "OrganisationKind", "OrganisationStatus", "OutboxMessage", "Role", "SDG", "User", "UserRole",
]
