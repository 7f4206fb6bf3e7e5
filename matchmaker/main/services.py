"""Figures shown on the home page."""
import sqlalchemy as sa

from matchmaker.academics.models import AcademicProfile
from matchmaker.challenges.models import Challenge, ChallengeStatus
from matchmaker.extensions import db
from matchmaker.offers.models import Offer, OfferStatus
from matchmaker.orgs.models import Organisation, OrganisationStatus
from matchmaker.permissions import visible_challenges
from matchmaker.reference.models import Department


def platform_figures() -> dict[str, int]:
    """Counts a visitor sees at a glance, in one query."""
    row = db.session.execute(sa.select(
        sa.select(sa.func.count()).select_from(Organisation)
        .where(Organisation.status == OrganisationStatus.VERIFIED).scalar_subquery(),
        sa.select(sa.func.count()).select_from(AcademicProfile).scalar_subquery(),
        sa.select(sa.func.count(sa.distinct(AcademicProfile.department_id))).scalar_subquery(),
        sa.select(sa.func.count()).select_from(Department).scalar_subquery(),
        sa.select(sa.func.count()).select_from(Challenge)  # what a visitor may read, as the list shows it
        .where(Challenge.status == ChallengeStatus.OPEN, visible_challenges(None)).scalar_subquery(),
        sa.select(sa.func.count()).select_from(Offer)
        .where(Offer.status == OfferStatus.OPEN, Offer.hidden_at.is_(None)).scalar_subquery(),
    )).one()
    return {"organisations": row[0], "academics": row[1], "departments_involved": row[2], "departments": row[3],
            "open_challenges": row[4], "open_offers": row[5]}
