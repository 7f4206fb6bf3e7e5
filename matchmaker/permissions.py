"""The one answer to "may this user do this?": views, the API and templates all ask `can`.

The list pages ask the same rules as SQL filters (`visible_*`, `suggestable_academics`), kept beside the
per-object rules they mirror. A rule may answer no with a `Refusal` that says why; `require` shows that reason.
"""
from collections.abc import Callable

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from matchmaker.academics.models import AcademicProfile
from matchmaker.auth.models import Role, User
from matchmaker.challenges.models import Challenge, ChallengeStatus, Visibility
from matchmaker.errors import Forbidden, NotAuthenticated
from matchmaker.extensions import db
from matchmaker.initiatives.models import Initiative, InitiativePerson, ReviewState
from matchmaker.matching.models import Match
from matchmaker.offers.models import Offer
from matchmaker.orgs.models import Organisation, OrganisationStatus
from matchmaker.workflow.models import Proposal, ProposalAcademic

Rule = Callable[[object, object], "bool | Refusal"]
_RULES: dict[str, Rule] = {}

# A coordinator took these organisations out: their challenges leave every public place and cannot change.
STOPPED_ORGANISATION = (OrganisationStatus.SUSPENDED, OrganisationStatus.REJECTED)
CONFIRM_FIRST = _l("Confirm your e-mail address first: open the link we sent you, or ask for a new one on your "
                   "account page.")


class Refusal:
    """A "no" that says why, so the person knows what to do next. False, like any other "no"."""

    def __init__(self, reason) -> None:
        self.reason = reason

    def __bool__(self) -> bool:
        return False


def rule(action: str, *, visitors: bool = False) -> Callable[[Rule], Rule]:
    """Register the check for `action`. Unless `visitors`, people who are not signed in are refused first."""
    def register(check: Rule) -> Rule:
        _RULES[action] = check if visitors else (lambda user, obj: signed_in(user) and check(user, obj))
        return check
    return register


def signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def _answer(user, action: str, obj):
    check = _RULES.get(action)
    if check is None:
        raise KeyError(f"No permission rule for {action!r}")
    return check(user, obj)


def can(user, action: str, obj=None) -> bool:
    """True when `user` (possibly a visitor) may perform `action` (on `obj`). Unknown actions are an error."""
    return bool(_answer(user, action, obj))


def require(action: str, obj=None, user=None) -> None:
    """Raise the right error when the current (or given) user may not do `action`."""
    user = current_user if user is None else user
    answer = _answer(user, action, obj)
    if answer:
        return
    if not signed_in(user):
        raise NotAuthenticated(_("Please sign in to continue."))
    if isinstance(answer, Refusal):
        raise Forbidden(str(answer.reason))
    raise Forbidden(_("You do not have permission to do this."))


def _is_coordinator(user) -> bool:
    return signed_in(user) and user.is_coordinator


def confirmed(user) -> bool:
    """Signed in with a confirmed e-mail address (people created by an operator are confirmed)."""
    return signed_in(user) and user.email_verified


def _is_confirmed_academic(user) -> bool:
    """Anyone can type a university address: until it is confirmed, the person counts as a visitor."""
    return confirmed(user) and user.has_role(Role.ACADEMIC)


def active_organisation_ids(user) -> set[int]:
    """The organisations `user` belongs to (approved membership), whatever their status: what they may read."""
    if not signed_in(user):
        return set()
    return {m.organisation_id for m in user.memberships if m.is_active}


def working_organisation_ids(user) -> set[int]:
    """Of `user`'s organisations, those not suspended or rejected: the ones they may still write for."""
    if not signed_in(user):
        return set()
    return {m.organisation_id for m in user.memberships
            if m.is_active and m.organisation.status not in STOPPED_ORGANISATION}


def organisation_stopped_reason(organisation: Organisation):
    """Why nothing of a suspended or rejected organisation can change, in words for its members."""
    if organisation.status is OrganisationStatus.SUSPENDED:
        return _l("A coordinator has suspended %(organisation)s: its challenges are hidden from everyone else and "
                  "cannot be created, changed or published until it is verified again.",
                  organisation=organisation.name)
    return _l("A coordinator could not verify %(organisation)s: its challenges are hidden from everyone else and "
              "cannot be created, changed or published until it is verified.", organisation=organisation.name)


# --- the coordinators' desk ---------------------------------------------------------------------------

@rule("coordination.view")
def _view_coordination(user, _obj) -> bool:
    return user.is_coordinator


@rule("organisation.verify")
def _verify_organisation(user, _organisation) -> bool:
    return user.is_coordinator


@rule("membership.review")
def _review_membership(user, _membership) -> bool:
    return user.is_coordinator


@rule("outbox.view")
def _view_outbox(user, _obj) -> bool:
    """The outbox page exists only while no mail server is configured."""
    return user.is_coordinator and not current_app.config.get("MAIL_SERVER")


@rule("token.create")
def _create_token(user, _obj) -> bool:
    """A token acts for its owner without a password: only for an address shown to be theirs."""
    return user.email_verified


@rule("token.revoke")
def _revoke_token(user, token) -> bool:
    return token is not None and token.user_id == user.id


@rule("notification.read")
def _read_notification(user, notification) -> bool:
    """A notification is its recipient's alone: for anyone else it does not exist (404)."""
    return notification is not None and notification.user_id == user.id


# --- challenges ---------------------------------------------------------------------------------------

def _is_member_of(user, challenge: Challenge) -> bool:
    return challenge.organisation_id in active_organisation_ids(user)


@rule("challenge.list_own")
def _list_own_challenges(user, _obj) -> bool:
    """"Your challenges": members keep reading their organisation's challenges, even once it is suspended."""
    return user.has_role(Role.ORGANISATION) and bool(active_organisation_ids(user))


@rule("challenge.create")
def _create_challenge(user, organisation: Organisation | None):
    """A draft, in `organisation` or in any of the user's. Drafting is harmless: it needs no confirmed address."""
    if not user.has_role(Role.ORGANISATION):
        return False
    if organisation is not None:
        if organisation.id not in active_organisation_ids(user):
            return False
        return Refusal(organisation_stopped_reason(organisation)) \
            if organisation.status in STOPPED_ORGANISATION else True
    if working_organisation_ids(user):
        return True
    stopped = [m.organisation for m in user.memberships if m.is_active]
    return Refusal(organisation_stopped_reason(stopped[0])) if stopped else False


@rule("challenge.view", visitors=True)
def _view_challenge(user, challenge: Challenge) -> bool:
    if _is_coordinator(user) or _is_member_of(user, challenge):
        return True
    if challenge.status is ChallengeStatus.DRAFT or challenge.is_hidden:
        return False
    if challenge.organisation.status in STOPPED_ORGANISATION:
        return False
    return challenge.visibility is Visibility.PUBLIC or _is_confirmed_academic(user)


def _may_write(user, challenge: Challenge, *, reaches_the_public: bool):
    """A member's change goes through unless the organisation was stopped, or it would reach the public (publish,
    change a published challenge) before the member's address is confirmed."""
    if challenge.organisation.status in STOPPED_ORGANISATION:
        return Refusal(organisation_stopped_reason(challenge.organisation))
    if reaches_the_public and not user.email_verified:
        return Refusal(CONFIRM_FIRST)
    return True


@rule("challenge.edit")
def _edit_challenge(user, challenge: Challenge):
    if not _is_member_of(user, challenge) or challenge.status is ChallengeStatus.CLOSED:
        return False
    return _may_write(user, challenge, reaches_the_public=challenge.status is not ChallengeStatus.DRAFT)


@rule("challenge.change_status")
def _change_challenge_status(user, challenge: Challenge):
    if not _is_member_of(user, challenge):
        return False
    return _may_write(user, challenge, reaches_the_public=True)


@rule("challenge.hide")
def _hide_challenge(user, _challenge) -> bool:
    return user.is_coordinator


def _organisation_not_stopped():
    return Challenge.organisation_id.in_(
        sa.select(Organisation.id).where(Organisation.status.not_in(STOPPED_ORGANISATION)))


def visible_challenges(user) -> sa.ColumnElement[bool]:
    """The SQL twin of "challenge.view": which challenges `user` may see in a list."""
    if _is_coordinator(user):
        return sa.true()
    published = sa.and_(Challenge.status != ChallengeStatus.DRAFT, Challenge.hidden_at.is_(None),
                        _organisation_not_stopped())
    if not _is_confirmed_academic(user):
        published = sa.and_(published, Challenge.visibility == Visibility.PUBLIC)
    own = active_organisation_ids(user)
    return sa.or_(published, Challenge.organisation_id.in_(own)) if own else published


# --- offers -------------------------------------------------------------------------------------------

@rule("offer.list_own")
def _list_own_offers(user, _obj) -> bool:
    """An academic's own pages (offers, profile, challenges for them), open before the address is confirmed,
    so that they can say what is waiting."""
    return user.has_role(Role.ACADEMIC) and user.academic_profile is not None


@rule("offer.create")
def _create_offer(user, _obj):
    if not (user.has_role(Role.ACADEMIC) and user.academic_profile is not None):
        return False
    return True if user.email_verified else Refusal(CONFIRM_FIRST)


def _author_confirmed(offer: Offer) -> bool:
    return offer.academic.active and offer.academic.email_verified


@rule("offer.view", visitors=True)
def _view_offer(user, offer: Offer) -> bool:
    if _is_coordinator(user) or (signed_in(user) and offer.academic_id == user.id):
        return True
    return not offer.is_hidden and _author_confirmed(offer)


@rule("offer.edit")
def _edit_offer(user, offer: Offer):
    if offer.academic_id != user.id:
        return False
    return True if user.email_verified else Refusal(CONFIRM_FIRST)


@rule("offer.hide")
def _hide_offer(user, _offer) -> bool:
    return user.is_coordinator


def _confirmed_people():
    return sa.select(User.id).where(User.active.is_(True), User.email_verified_at.is_not(None))


def visible_offers(user) -> sa.ColumnElement[bool]:
    """The SQL twin of "offer.view"."""
    if _is_coordinator(user):
        return sa.true()
    public = sa.and_(Offer.hidden_at.is_(None), Offer.academic_id.in_(_confirmed_people()))
    if signed_in(user):
        return sa.or_(public, Offer.academic_id == user.id)
    return public


# --- academic profiles --------------------------------------------------------------------------------

@rule("profile.view", visitors=True)
def _view_profile(user, profile: AcademicProfile) -> bool:
    if _is_coordinator(user) or (signed_in(user) and profile.user_id == user.id):
        return True
    # An unconfirmed university address may be anyone's: nobody else sees the profile until it is confirmed.
    return profile.directory_opt_in and profile.user.active and profile.user.email_verified


@rule("profile.edit")
def _edit_profile(user, profile: AcademicProfile) -> bool:
    return profile is not None and profile.user_id == user.id


def visible_profiles(user) -> sa.ColumnElement[bool]:
    """The SQL twin of "profile.view"."""
    if _is_coordinator(user):
        return sa.true()
    listed = sa.and_(AcademicProfile.directory_opt_in.is_(True), AcademicProfile.user_id.in_(_confirmed_people()))
    if signed_in(user):
        return sa.or_(listed, AcademicProfile.user_id == user.id)
    return listed


@rule("profile.suggest", visitors=True)
def _suggest_profile(user, profile: AcademicProfile) -> bool:
    """Whether `user` may be shown this academic as a suggestion (a match, a team member, their offers there).

    Only confirmed, active academics are suggested; outside the university (anyone but a coordinator) only
    those who kept the choice of being suggested to organisations. The public directory is another choice.
    """
    if profile is None or not (profile.user.active and profile.user.email_verified):
        return False
    return _is_coordinator(user) or profile.suggest_to_organisations


def suggestable_academics(user) -> sa.ColumnElement[bool]:
    """The SQL twin of "profile.suggest", on AcademicProfile: the academics `user` may be suggested."""
    shown = AcademicProfile.user_id.in_(_confirmed_people())
    if _is_coordinator(user):
        return shown
    return sa.and_(shown, AcademicProfile.suggest_to_organisations.is_(True))


@rule("academic.view_card")
def _view_academic_card(user, profile: AcademicProfile) -> bool:
    """The profile card (name, department, role, expertise, goals, availability; never the address) for the members
    of an organisation this academic is suggested to (a stored match on one of its challenges, the academic or
    one of their offers) or is on a proposal with; and for whoever may read the full profile."""
    if profile is None or not (profile.user.active and profile.user.email_verified):
        return _view_profile(user, profile) if profile is not None else False
    if _view_profile(user, profile):
        return True
    organisations = active_organisation_ids(user)
    if not organisations:
        return False
    challenges = sa.select(Challenge.id).where(Challenge.organisation_id.in_(organisations))
    on_proposal = sa.select(ProposalAcademic.proposal_id).join(Proposal).where(
        ProposalAcademic.academic_id == profile.user_id, Proposal.challenge_id.in_(challenges))
    if db.session.scalar(sa.select(on_proposal.exists())):
        return True
    if not (user.email_verified and _suggest_profile(user, profile)):  # as for seeing the suggestions at all
        return False
    suggested = sa.select(Match.id).where(Match.challenge_id.in_(challenges), sa.or_(
        Match.academic_id == profile.user_id,
        Match.offer_id.in_(sa.select(Offer.id).where(Offer.academic_id == profile.user_id))))
    return bool(db.session.scalar(sa.select(suggested.exists())))


# --- matching -----------------------------------------------------------------------------------------
# Suggestions are for the people they concern: a challenge's organisation, an offer's author, the academic.

def _concerns(user, obj) -> bool:
    """Unconfirmed people and the members of a stopped organisation take part in no suggestion."""
    if not user.email_verified:
        return False
    if isinstance(obj, Challenge):
        return obj.organisation_id in working_organisation_ids(user)
    if isinstance(obj, Offer):
        return obj.academic_id == user.id
    if isinstance(obj, AcademicProfile):
        return obj.user_id == user.id
    return False


@rule("match.view")
def _view_matches(user, obj) -> bool:
    return obj is not None and (user.is_coordinator or _concerns(user, obj))


@rule("match.dismiss")
def _dismiss_match(user, obj) -> bool:
    return obj is not None and _concerns(user, obj)


@rule("match.restore")
def _restore_match(user, obj) -> bool:
    """Showing a dismissed suggestion again: for the side that may dismiss it (whoever of it dismissed it)."""
    return obj is not None and _concerns(user, obj)


@rule("matching.recompute")
def _recompute_matching(user, _obj) -> bool:
    return user.is_coordinator


# --- proposals ----------------------------------------------------------------------------------------
# A proposal is for the people on it (the challenge's organisation, its academics) and the coordinators; for
# anyone else it does not exist.

def _on_proposal(user, proposal) -> set[str]:
    """The sides `user` takes part on: "organisation" for an active member of the challenge's organisation,
    "academic" for one of its academics, "coordinator"."""
    if proposal is None:
        return set()
    sides = set()
    if proposal.challenge.organisation_id in active_organisation_ids(user):
        sides.add("organisation")
    if user.id in proposal.academic_ids:
        sides.add("academic")
    if user.is_coordinator:
        sides.add("coordinator")
    return sides


@rule("proposal.view")
def _view_proposal(user, proposal) -> bool:
    return bool(_on_proposal(user, proposal))


def _take_part(user, proposal):
    """Writing on a proposal (messages, the workspace, documents): its people, with a confirmed address, for an
    organisation that was not stopped; coordinators too."""
    sides = _on_proposal(user, proposal)
    if not sides:
        return False
    if "coordinator" in sides:
        return True
    if not user.email_verified:
        return Refusal(CONFIRM_FIRST)
    if sides == {"organisation"} and proposal.challenge.organisation.status in STOPPED_ORGANISATION:
        return Refusal(organisation_stopped_reason(proposal.challenge.organisation))
    return True


@rule("proposal.message")
def _message_on_proposal(user, proposal):
    return _take_part(user, proposal)


@rule("proposal.edit_workspace")
def _edit_workspace(user, proposal):
    sides = _on_proposal(user, proposal)
    return _take_part(user, proposal) if sides & {"organisation", "academic"} else False


@rule("proposal.upload")
def _upload_to_proposal(user, proposal):
    return _take_part(user, proposal)


@rule("proposal.move")
def _move_proposal(user, proposal):
    """Who may fire which move is the transition table's answer; this is who may fire any at all."""
    return _take_part(user, proposal)


@rule("proposal.list_own")
def _list_own_proposals(_user, _obj) -> bool:
    return True


@rule("proposal.start")
def _start_proposal(user, challenge: Challenge):
    """Members of the challenge's verified organisation invite academics; confirmed academics offer help on an
    open challenge they can see."""
    if challenge is None:
        return False
    if challenge.organisation_id in active_organisation_ids(user):
        if not user.email_verified:
            return Refusal(CONFIRM_FIRST)
        if challenge.organisation.status in STOPPED_ORGANISATION:
            return Refusal(organisation_stopped_reason(challenge.organisation))
        if challenge.organisation.status is not OrganisationStatus.VERIFIED:
            return Refusal(_l("Inviting academics waits for a coordinator to verify %(organisation)s.",
                              organisation=challenge.organisation.name))
        return challenge.status in (ChallengeStatus.OPEN, ChallengeStatus.PAUSED, ChallengeStatus.IN_PARTNERSHIP)
    if user.has_role(Role.ACADEMIC):
        if not user.email_verified:
            return Refusal(CONFIRM_FIRST)
        return challenge.status is ChallengeStatus.OPEN and _view_challenge(user, challenge)
    return False


# --- dashboards ---------------------------------------------------------------------------------------

@rule("dashboard.view")
def _view_dashboard(_user, _obj) -> bool:
    """Everyone signed in has a dashboard: it shows what waits for them in each of their roles."""
    return True


@rule("dashboard.coordinate")
def _coordinate_dashboard(user, _obj) -> bool:
    """The review queue, stalled proposals, challenges without a good match and the pipeline."""
    return user.is_coordinator


@rule("note.view")
def _view_coordinator_notes(user, _proposal) -> bool:
    """Coordinators' notes are private to coordinators: never shown to the people on the proposal."""
    return user.is_coordinator


@rule("note.add")
def _add_coordinator_note(user, _proposal) -> bool:
    return user.is_coordinator


# --- initiatives --------------------------------------------------------------------------------------
# Public once a coordinator approves them, unless hidden or merged; their creator, their lead academics and the
# coordinators see them at every step.

def _leads_or_created(user, initiative: Initiative) -> bool:
    return signed_in(user) and (initiative.created_by_id == user.id or user.id in initiative.lead_ids)


@rule("initiative.view", visitors=True)
def _view_initiative(user, initiative: Initiative) -> bool:
    if initiative is None:
        return False
    return _is_coordinator(user) or _leads_or_created(user, initiative) or initiative.is_public


@rule("initiative.create")
def _create_initiative(user, _obj):
    if not (user.has_role(Role.ACADEMIC) and user.academic_profile is not None):
        return False
    return True if user.email_verified else Refusal(CONFIRM_FIRST)


@rule("initiative.edit")
def _edit_initiative(user, initiative: Initiative):
    """Coordinators curate every initiative; an academic edits the ones they created or lead."""
    if initiative is None or initiative.merged_into_id is not None:
        return False
    if user.is_coordinator:
        return True
    if not _leads_or_created(user, initiative):
        return False
    return True if user.email_verified else Refusal(CONFIRM_FIRST)


@rule("initiative.curate")
def _curate_initiative(user, initiative) -> bool:
    """Approve for the public, hide with a reason, merge a duplicate into the one to keep."""
    return user.is_coordinator and (initiative is None or initiative.merged_into_id is None)


def public_initiatives() -> sa.ColumnElement[bool]:
    """The SQL twin of Initiative.is_public: approved, not hidden, not merged. What everyone may see, and the only
    initiatives that published figures (dashboard, report, open data, API) ever count."""
    return sa.and_(Initiative.review == ReviewState.APPROVED, Initiative.hidden_at.is_(None),
                   Initiative.merged_into_id.is_(None))


def visible_initiatives(user) -> sa.ColumnElement[bool]:
    """The SQL twin of "initiative.view"."""
    if _is_coordinator(user):
        return sa.true()
    public = public_initiatives()
    if not signed_in(user):
        return public
    leads = sa.select(InitiativePerson.initiative_id).where(InitiativePerson.user_id == user.id,
                                                           InitiativePerson.lead.is_(True))
    return sa.or_(public, Initiative.created_by_id == user.id, Initiative.id.in_(leads))


# --- importing initiatives ----------------------------------------------------------------------------

@rule("initiative.import")
def _import_initiatives(user, _obj) -> bool:
    """Coordinators import the registers the university already keeps."""
    return user.is_coordinator


@rule("import_run.view")
def _view_import_run(user, run) -> bool:
    """A run, like its upload, is its coordinator's own."""
    return user.is_coordinator and run is not None and run.user_id == user.id


# --- impact dashboard -----------------------------------------------------------------------------------------

@rule("impact.coordinate")
def _coordinate_impact(user, _obj) -> bool:
    """The dashboard's extra view: initiatives waiting for review, values not yet confirmed, disputed values."""
    return user.is_coordinator


# --- impact case studies ------------------------------------------------------------------------------
# The page is for whoever may see the initiative ("initiative.view"); the PDF, made for the board and evaluators,
# and the account names of the people who confirmed each figure, for coordinators.

@rule("case_study.download")
def _download_case_study(user, initiative) -> bool:
    return user.is_coordinator and initiative is not None


@rule("case_study.name_confirmers")
def _name_case_study_confirmers(user, initiative) -> bool:
    """The name of the account (coordinator or partner member) that confirmed a figure. What a partner typed on the
    confirmation form is public, as the form says, on the case study as on the initiative page."""
    return user.is_coordinator and initiative is not None


# --- impact indicator values ----------------------------------------------------------------------------
# Whoever may edit an initiative records, edits and deletes its values and e-mails partners a confirmation link;
# a coordinator, or a confirmed member of one of its registered partner organisations, confirms or disputes them.

def _value_initiative(value) -> Initiative | None:
    return value.initiative if value is not None else None


@rule("impact_value.record")
def _record_value(user, initiative):
    return _edit_initiative(user, initiative)


@rule("impact_value.edit")
def _edit_value(user, value):
    return value is not None and _edit_initiative(user, _value_initiative(value))


@rule("impact_value.delete")
def _delete_value(user, value):
    """Only a declared value: one confirmed or disputed is on the record, and is edited instead."""
    from matchmaker.impact.models import Verification

    if value is None or value.state is not Verification.DECLARED:
        return False
    return _edit_initiative(user, _value_initiative(value))


@rule("impact_value.send_link")
def _send_confirmation_link(user, value):
    return value is not None and _edit_initiative(user, _value_initiative(value))


def partner_member_of(user, initiative) -> set[int]:
    """The initiative's registered partner organisations that `user` is an active member of (and may still
    write for)."""
    if initiative is None or not signed_in(user):
        return set()
    partners = {partner.organisation_id for partner in initiative.partners if partner.organisation_id}
    return partners & working_organisation_ids(user)


@rule("impact_value.verify")
def _verify_value(user, value):
    initiative = _value_initiative(value)
    if initiative is None or initiative.merged_into_id is not None:
        return False
    if user.is_coordinator:
        return True
    if not partner_member_of(user, initiative):
        return False
    return True if user.email_verified else Refusal(CONFIRM_FIRST)


@rule("impact_value.view", visitors=True)
def _view_value(user, value) -> bool:
    """A value, its evidence document included, is for whoever may see its initiative."""
    return value is not None and _view_initiative(user, _value_initiative(value))


@rule("impact_value.read_dispute", visitors=True)
def _read_dispute_reason(user, value) -> bool:
    """Why a value is disputed: for the initiative's leads and creator and the coordinators, not the public."""
    initiative = _value_initiative(value)
    return initiative is not None and (_is_coordinator(user) or _leads_or_created(user, initiative))


# --- SDG tags review ---------------------------------------------------------------------------------

@rule("sdg_review.view")
def _view_sdg_review(user, _obj) -> bool:
    """Which items' tags disagree with the suggestions: coordinators only (it lists hidden and draft items)."""
    return _is_coordinator(user)
