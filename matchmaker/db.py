"""Model pieces shared by the features: timestamps, hidden-with-reason, SDG link tables, the version column."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column
from sqlalchemy.orm.exc import StaleDataError

from matchmaker.errors import StaleVersion, stale_version_message
from matchmaker.extensions import db
from matchmaker.reference.models import SDG
from matchmaker.types import UTCDateTime, utcnow

# A stale write: refused before anything changed, or (in a race) by the version check of the UPDATE itself.
STALE_WRITES = (StaleVersion, StaleDataError)


class Timestamps:
    """When the row was made and last changed, in UTC."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class Hideable:
    """Content a coordinator can take out of public view, saying why to its owner (see moderation.py)."""

    hidden_reason: Mapped[str | None] = mapped_column(sa.Text)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Versioned:
    """Optimistic locking: every UPDATE checks and raises `version`, so a write based on an older read fails
    (StaleDataError) instead of silently overwriting what someone else saved meanwhile."""

    version: Mapped[int] = mapped_column(server_default=sa.text("1"))

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.version}


def sdg_link_table(name: str, owner_table: str, owner_column: str, owner_key: str = "id") -> sa.Table:
    """The association table between `owner_table` (by its `owner_key`) and the 17 SDGs."""
    return sa.Table(
        name,
        db.metadata,
        sa.Column(owner_column, sa.ForeignKey(f"{owner_table}.{owner_key}", ondelete="CASCADE"), primary_key=True),
        sa.Column("sdg_number", sa.ForeignKey("sdgs.number"), primary_key=True, index=True),
    )


def replace_sdgs(item, numbers) -> None:
    """Give `item` exactly these SDGs. A change of SDGs alone still counts as a change of the item: it moves
    `updated_at`, which makes the UPDATE that checks and raises the version."""
    wanted = sorted({int(n) for n in numbers or []})
    # Loading the SDGs must not flush the item's other changes half-way (and check its version too early).
    with db.session.no_autoflush:
        if wanted == [s.number for s in item.sdgs]:
            return
        item.sdgs = list(db.session.scalars(sa.select(SDG).where(SDG.number.in_(wanted)))) if wanted else []
    item.updated_at = utcnow()


def check_version(item, sent: int | None) -> None:
    """Refuse a write based on an older version of `item` than the stored one; None means "last write wins".
    Called before anything changes, so a stale write changes nothing."""
    if sent is not None and sent != item.version:
        raise StaleVersion(stale_version_message())
