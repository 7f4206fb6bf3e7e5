"""Builders for test data: people with roles, organisations with a status. Each commits."""
import itertools

from matchmaker.academics.models import AcademicProfile
from matchmaker.auth.models import Language, Role, User, UserRole
from matchmaker.auth.services import hash_password
from matchmaker.extensions import db
from matchmaker.orgs.models import Membership, MembershipStatus, Organisation, OrganisationKind, OrganisationStatus
from matchmaker.orgs.services import name_key
from matchmaker.reference.services import department_by_code
from matchmaker.types import utcnow

PASSWORD = "correct horse battery"
_counter = itertools.count(1)


class Factory:
    def user(self, *, roles=(Role.ORGANISATION,), email=None, name=None, language=Language.EN,
             verified=True, password=PASSWORD) -> User:
        n = next(_counter)
        user = User(email=email or f"person{n}@example.org", name=name or f"Person {n}",
                    password_hash=hash_password(password), preferred_language=language,
                    email_verified_at=utcnow() if verified else None,
                    role_rows=[UserRole(role=role) for role in roles])
        db.session.add(user)
        db.session.commit()
        return user

    def organisation(self, *, name=None, status=OrganisationStatus.VERIFIED, kind=OrganisationKind.COOPERATIVE,
                     city="Torino", members=()) -> Organisation:
        n = next(_counter)
        name = name or f"Cooperativa {n}"
        organisation = Organisation(name=name, name_key=name_key(name), kind=kind, city=city, status=status,
                                    description="")
        db.session.add(organisation)
        for member in members:
            db.session.add(Membership(user=member, organisation=organisation, status=MembershipStatus.ACTIVE))
        db.session.commit()
        return organisation

    def member(self, organisation: Organisation | None = None, **kwargs) -> User:
        user = self.user(roles=(Role.ORGANISATION,), **kwargs)
        organisation = organisation or self.organisation()
        db.session.add(Membership(user=user, organisation=organisation, status=MembershipStatus.ACTIVE))
        db.session.commit()
        return user

    def academic(self, department_code: str = "DIST", **kwargs) -> User:
        n = next(_counter)
        kwargs.setdefault("email", f"academic{n}@polito.it")
        user = self.user(roles=(Role.ACADEMIC,), **kwargs)
        user.academic_profile = AcademicProfile(department=department_by_code(department_code))
        db.session.commit()
        return user

    def coordinator(self, **kwargs) -> User:
        n = next(_counter)
        kwargs.setdefault("email", f"coordinator{n}@polito.it")
        return self.user(roles=(Role.COORDINATOR,), **kwargs)
