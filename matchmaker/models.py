"""Imports every model so that Alembic and the test fixtures see the whole schema."""
from matchmaker.academics.models import AcademicProfile, AcademicRole, Publication
from matchmaker.auth.models import ApiToken, Language, Role, User, UserRole, UserSession
from matchmaker.challenges.models import Challenge, ChallengeStatus, Visibility
from matchmaker.dashboards.models import CoordinatorNote
from matchmaker.impact.models import (
    ConfirmationLink,
    Indicator,
    IndicatorValue,
    OutcomeKind,
    ValueEvent,
    Verification,
)
from matchmaker.initiatives.models import (
    ImportRun,
    Initiative,
    InitiativeCuration,
    InitiativeImage,
    InitiativeLink,
    InitiativePartner,
    InitiativePerson,
    Milestone,
)
from matchmaker.matching.models import Dismissal, Match, MatchingRun, MatchTarget, TextEmbedding
from matchmaker.notifications.models import (
    DigestState,
    Notification,
    NotificationPreference,
    OutboxMessage,
    Reminder,
)
from matchmaker.offers.models import Offer, OfferStatus
from matchmaker.orgs.models import Membership, MembershipStatus, Organisation, OrganisationKind, OrganisationStatus
from matchmaker.reference.models import SDG, Department, HelpKind, Scale, SDGIndicator, SDGQueryPhrase, SDGTarget
from matchmaker.sdgs.models import SdgSuggestionRecord
from matchmaker.workflow.models import (
    Proposal,
    ProposalAcademic,
    ProposalDocument,
    ProposalEvent,
    ProposalIndicator,
    ProposalMessage,
    WorkspaceRevision,
)

__all__ = [
    "SDGIndicator", "SDGQueryPhrase", "SDGTarget", "SdgSuggestionRecord",
    "ConfirmationLink", "Indicator", "IndicatorValue", "OutcomeKind", "ValueEvent", "Verification",
    "AcademicProfile", "AcademicRole", "ApiToken", "Challenge", "ChallengeStatus", "CoordinatorNote", "Department",
    "DigestState", "ImportRun", "Initiative", "InitiativeCuration", "InitiativeImage", "InitiativeLink",
    "InitiativePartner", "InitiativePerson", "Milestone", "Dismissal", "HelpKind", "Language", "Match", "MatchTarget",
    "MatchingRun", "Membership",
    "MembershipStatus", "Notification", "NotificationPreference", "Offer", "OfferStatus", "Organisation",
    "OrganisationKind", "OrganisationStatus", "OutboxMessage", "Proposal", "Reminder", "TextEmbedding",
    "ProposalAcademic", "ProposalDocument", "ProposalEvent", "ProposalIndicator", "ProposalMessage", "Publication",
    "Role", "SDG", "Scale", "User", "UserRole", "UserSession", "Visibility", "WorkspaceRevision",
]
