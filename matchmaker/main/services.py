"""Figures shown on the home page."""
import sqlalchemy as sa

from matchmaker.academics.models import AcademicProfile
from matchmaker.extensions import db
from matchmaker.orgs.models import Organisation, OrganisationStatus
from matchmaker.reference.models import Department


def platform_figures() -> dict[str, int]:
    """Counts a visitor sees at a glance, in one query."""
    row = db.session.execute(sa.select(
        sa.select(sa.func.count()).select_from(Organisation)
        .where(Organisation.status == OrganisationStatus.VERIFIED).scalar_subquery(),
        sa.select(sa.func.count()).select_from(AcademicProfile).scalar_subquery(),
        sa.select(sa.func.count(sa.distinct(AcademicProfile.department_id))).scalar_subquery(),
        sa.select(sa.func.count()).select_from(Department).scalar_subquery(),
    )).one()
    return {"organisations": row[0], "academics": row[1], "departments_involved": row[2], "departments": row[3]}
