"""Users, their roles, their signed-in sessions and their personal access tokens."""
import enum
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.extensions import db
from matchmaker.types import UTCDateTime, enum_column, utcnow


class Role(enum.Enum):
    """What a person does on the platform; a user may hold more than one."""

    ORGANISATION = "organisation"
    ACADEMIC = "academic"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class Language(enum.Enum):
    IT = "it"
    EN = "en"


class User(UserMixin, db.Model):
    """A person with an account. The e-mail is kept lower-case, so it is unique whatever the case typed."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    name: Mapped[str] = mapped_column(sa.String(120))
    preferred_language: Mapped[Language] = mapped_column(enum_column(Language, "language"), default=Language.IT)
    active: Mapped[bool] = mapped_column(default=True)
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # An address the person asked to move to, waiting for the link sent to it; not unique (see request_email_change).
    pending_email: Mapped[str | None] = mapped_column(sa.String(254))
    pending_email_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    role_rows: Mapped[list["UserRole"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )
    memberships: Mapped[list["Membership"]] = relationship(  # noqa: F821
        back_populates="user", cascade="all, delete-orphan"
    )
    academic_profile: Mapped["AcademicProfile | None"] = relationship(  # noqa: F821
        back_populates="user", cascade="all, delete-orphan", uselist=False
    )
    api_tokens: Mapped[list["ApiToken"]] = relationship(back_populates="user", cascade="all, delete-orphan")
    sessions: Mapped[list["UserSession"]] = relationship(back_populates="user", cascade="all, delete-orphan")

    # The session this object was loaded for (set at sign-in and by the user loader; never stored on the row).
    session_key = None

    @property
    def roles(self) -> set[Role]:
        return {row.role for row in self.role_rows}

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    @property
    def is_coordinator(self) -> bool:
        """Admins can do everything a coordinator can."""
        return bool(self.roles & {Role.COORDINATOR, Role.ADMIN})

    @property
    def is_active(self) -> bool:  # Flask-Login asks this before letting a session in
        return self.active

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    def get_id(self) -> str:
        """What Flask-Login keeps in the session and the remember-me cookie: the user and one server-side session.

        Deleting that session's row (signing out, changing the password) makes both cookies worthless, even copied.
        """
        return f"{self.id}:{self.session_key}"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class UserRole(db.Model):
    """One role held by one user."""

    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"), primary_key=True)

    user: Mapped[User] = relationship(back_populates="role_rows")


class UserSession(db.Model):
    """One signed-in browser. Only the digest of its random key is stored; the key travels in the signed cookies."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_digest: Mapped[str] = mapped_column(sa.String(64), unique=True)
    remember: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship(back_populates="sessions")


class ApiToken(db.Model):
    """A personal access token for the JSON API. Only its SHA-256 digest is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    token_digest: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # None: never expires

    user: Mapped[User] = relationship(back_populates="api_tokens")

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= utcnow()
