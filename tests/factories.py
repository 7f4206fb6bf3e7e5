"""Builders for test data: people with roles, organisations with a status. Each commits.

Nothing is confirmed or verified unless the test says so: people are built with an unconfirmed e-mail address
(`verified=True` confirms it) and organisations wait for verification (`status=OrganisationStatus.VERIFIED`).
"""
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
             verified=False, password=PASSWORD) -> User:
        n = next(_counter)
        user = User(email=email or f"person{n}@example.org", name=name or f"Person {n}",
                    password_hash=hash_password(password), preferred_language=language,
                    email_verified_at=utcnow() if verified else None,
                    role_rows=[UserRole(role=role) for role in roles])
        db.session.add(user)
        db.session.commit()
        return user

    def organisation(self, *, name=None, status=OrganisationStatus.PENDING, kind=OrganisationKind.COOPERATIVE,
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

    def challenge(self, organisation: Organisation | None = None, *, author: User | None = None, title=None,
                  summary="A need of the neighbourhood, in one paragraph.", description="", sdgs=(11,),
                  keywords=(), kind=None, status=None, deadline=None, **fields):
        """A challenge written straight to the database (no service rules), open unless told otherwise; without an
        organisation, of a new one waiting for verification."""
        from matchmaker.challenges.models import Challenge, ChallengeStatus
        from matchmaker.reference.models import SDG, HelpKind

        n = next(_counter)
        organisation = organisation or self.organisation()
        status = status or ChallengeStatus.OPEN
        challenge = Challenge(
            organisation=organisation, created_by_id=author.id if author else None, title=title or f"Challenge {n}",
            summary=summary, description=description, keywords=list(keywords), kind=kind or HelpKind.RESEARCH_ACTION,
            status=status, deadline=deadline, published_at=None if status is ChallengeStatus.DRAFT else utcnow(),
            sdgs=[db.session.get(SDG, number) for number in sdgs], **fields)
        db.session.add(challenge)
        db.session.commit()
        return challenge

    def offer(self, academic: User | None = None, *, title=None, description="What I can do with partners.",
              sdgs=(4,), keywords=(), kind=None, **fields):
        """An open offer written straight to the database (no service rules); without an academic, by a new one
        whose address is not confirmed."""
        from matchmaker.offers.models import Offer, OfferStatus
        from matchmaker.reference.models import SDG, HelpKind

        n = next(_counter)
        offer = Offer(academic=academic or self.academic(), title=title or f"Offer {n}", description=description,
                      keywords=list(keywords), kind=kind or HelpKind.STUDENT_PROJECT,
                      sdgs=[db.session.get(SDG, number) for number in sdgs], **{"status": OfferStatus.OPEN, **fields})
        db.session.add(offer)
        db.session.commit()
        return offer

    def profile(self, academic: User | None = None, *, directory_opt_in=True, **fields) -> AcademicProfile:
        """An academic's profile with the given fields, in the public directory unless told otherwise (and
        suggested to organisations unless `suggest_to_organisations=False`)."""
        profile = (academic or self.academic()).academic_profile
        for name, value in {"directory_opt_in": directory_opt_in, **fields}.items():
            setattr(profile, name, value)
        db.session.commit()
        return profile

    def initiative(self, lead: User | None = None, *, title=None, summary="What we do with the neighbourhood.",
                   approved=True, sdgs=(11,), departments=("DIST",), status=None, kind=None, reach=None, **fields):
        """An initiative written straight to the database (no service rules), approved for the public unless
        told otherwise, led by `lead` (a new confirmed academic when None)."""
        from matchmaker.initiatives.models import (
            Initiative,
            InitiativePerson,
            InitiativeStatus,
            InterventionKind,
            ReviewState,
        )
        from matchmaker.reference.models import SDG, Scale

        n = next(_counter)
        lead = lead or self.academic(verified=True)
        initiative = Initiative(
            title=title or f"Initiative number {n}", summary=summary, kind=kind or InterventionKind.RESEARCH_ACTION,
            reach=reach or Scale.CITY, status=status or InitiativeStatus.RUNNING, created_by_id=lead.id,
            review=ReviewState.APPROVED if approved else ReviewState.PENDING,
            sdgs=[db.session.get(SDG, number) for number in sdgs],
            departments=[department_by_code(code) for code in departments],
            people=[InitiativePerson(user_id=lead.id, lead=True)], **fields)
        db.session.add(initiative)
        db.session.commit()
        return initiative

    def api_token(self, client, user: User, password=PASSWORD) -> str:
        """A personal access token for `user`, asked for as an integration would: POST /api/v1/tokens."""
        response = client.post("/api/v1/tokens", json={"email": user.email, "password": password})
        assert response.status_code == 201, response.get_data(as_text=True)
        return response.get_json()["token"]

    def api_headers(self, client, user: User, language: str = "en") -> dict:
        """Headers of an integration calling as `user`, asking for answers in `language`."""
        return {"Authorization": f"Bearer {self.api_token(client, user)}", "Accept-Language": language}

    def proposal(self, stage=None, *, challenge=None, member: User | None = None, academic: User | None = None,
                 proposer_side: str = "organisation", coordinator: User | None = None):
        """A proposal between a verified organisation's confirmed member and a confirmed academic, started by
        `proposer_side` and carried through the real moves of the table to `stage` (proposed when None)."""
        from matchmaker.workflow.services import apply_transition, start_proposal
        from matchmaker.workflow.stages import Stage

        if challenge is None:
            organisation = self.organisation(status=OrganisationStatus.VERIFIED)
            member = member or self.member(organisation, verified=True)
            challenge = self.challenge(organisation, author=member)
        member = member or self.member(challenge.organisation, verified=True)
        if academic is None:
            # With text: an index of academics without a single word fails the matching refresh (a known bug).
            academic = self.profile(self.academic(verified=True), biography="Services for families in Turin.",
                                    expertise=["families", "services"]).user
        if proposer_side == "organisation":
            proposal = start_proposal(challenge, member, "Would you help us with this?", academic_ids=[academic.id])
        else:
            proposal = start_proposal(challenge, academic, "I can help with this.")
        invited = academic if proposer_side == "organisation" else member
        coordinator = coordinator or self.coordinator(verified=True)
        for target, actor, inputs in _path_to(Stage(stage or Stage.PROPOSED), member, invited, coordinator):
            apply_transition(proposal, actor, target, inputs)
        db.session.commit()
        return proposal


PLAN = {"objectives": "Map the needs of the neighbourhood", "activities": "Interviews and two workshops",
        "roles": "The cooperative recruits; the department designs the survey", "timeline": "March to June",
        "resources": "Two students, a meeting room", "expected_indicators": "Households reached"}
INDICATOR = {"indicator": "Households reached", "value": 120, "unit": "households", "method": "Survey count"}


def _path_to(stage, member, invited, coordinator):
    """The moves (target, actor, inputs) that carry a new proposal to `stage`."""
    from matchmaker.workflow.stages import Stage

    reason = {"reason_code": "other", "reason": "Plans changed"}
    main = [
        (Stage.ACCEPTED, invited, {}),
        (Stage.FRAMING, member, {}),
        (Stage.CO_CREATION, member, {"problem_statement": "Families do not know the services near them."}),
        (Stage.UNDER_REVIEW, member, {"action_plan": PLAN}),
        (Stage.APPROVED, coordinator, {}),
        (Stage.ACTIVE, member, {}),
        (Stage.EVALUATION, member, {}),
        (Stage.COMPLETED, coordinator, {"indicators": [INDICATOR]}),
    ]
    side_exits = {
        Stage.DECLINED: (Stage.PROPOSED, (Stage.DECLINED, invited, reason)),
        Stage.WITHDRAWN: (Stage.FRAMING, (Stage.WITHDRAWN, member, reason)),
        Stage.REJECTED: (Stage.UNDER_REVIEW, (Stage.REJECTED, coordinator, reason)),
        Stage.CANCELLED: (Stage.ACTIVE, (Stage.CANCELLED, coordinator, reason)),
    }
    if stage in side_exits:
        before, last = side_exits[stage]
        return [*_path_to(before, member, invited, coordinator), last]
    targets = [target for target, _actor, _inputs in main]
    return [] if stage is Stage.PROPOSED else main[: targets.index(stage) + 1]


def indicator_value(initiative, code: str = "people_reached", *, year: int = 2024, value: float = 10, state=None,
                    reason: str | None = None):
    """An indicator value of `initiative` written straight to the database, declared unless `state` says otherwise
    (a disputed one with `reason`, or a default one). Standard indicators are seeded again if a test removed them."""
    import sqlalchemy as sa

    from matchmaker.impact.models import Indicator, IndicatorValue, Verification
    from matchmaker.reference.services import seed_reference_data

    indicator = db.session.scalar(sa.select(Indicator).where(Indicator.code == code))
    if indicator is None:
        seed_reference_data()
        indicator = db.session.scalar(sa.select(Indicator).where(Indicator.code == code))
    state = state or Verification.DECLARED
    row = IndicatorValue(initiative_id=initiative.id, indicator=indicator, year=year, value=value,
                         method="Head count at the events", measured_by="The lead academic", state=state,
                         state_reason=reason or ("Counted twice" if state is Verification.DISPUTED else None))
    db.session.add(row)
    db.session.commit()
    return row
