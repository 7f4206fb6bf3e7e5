"""Proposal operations: start one, move it (the only code that changes a stage), talk, edit the workspace, share
documents, and say who is on it and who is awaited. Each flushes; the caller commits."""
import secrets
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from matchmaker.auth.models import Role, User, UserRole
from matchmaker.challenges.models import Challenge
from matchmaker.db import check_version
from matchmaker.errors import Conflict, Forbidden, ValidationFailed
from matchmaker.events import ProposalMessagePosted, ProposalMoved, ProposalStarted, publish
from matchmaker.extensions import db
from matchmaker.offers.models import Offer
from matchmaker.orgs.models import Membership, MembershipStatus
from matchmaker.types import utcnow
from matchmaker.workflow import machine
from matchmaker.workflow.models import (
    Proposal,
    ProposalAcademic,
    ProposalDocument,
    ProposalEvent,
    ProposalIndicator,
    ProposalMessage,
    WorkspaceRevision,
)
from matchmaker.workflow.stages import (
    ACTION_PLAN,
    ACTION_PLAN_FIELDS,
    COORDINATOR,
    EDITABLE,
    EITHER,
    FINAL_STAGES,
    INDICATORS,
    INVITED,
    MESSAGE,
    PROBLEM_STATEMENT,
    REASON,
    REASONS,
    WAITING_ON,
    Side,
    Stage,
)

MESSAGE_MAX = 5000
REASON_MAX = 2000
PROBLEM_STATEMENT_MAX = 10000
PLAN_FIELD_MAX = 5000
INDICATOR_TEXT_MAX = 200
UNIT_MAX = 60


class StageChanged(Conflict):
    """The move does not exist from the proposal's stage: someone moved it first, or the page is old (409)."""

    code = "stage_changed"

    def __init__(self, message: str, stage: Stage) -> None:
        super().__init__(message)
        self.stage = stage


class MissingInputs(ValidationFailed):
    """The move lacks what it needs; `fields` names each piece with a message in the person's language (422)."""


def stage_changed_message() -> str:
    return _("This proposal changed meanwhile: reload it to see where it stands now.")


def missing_message(field: str) -> str:
    """What a move lacks, in words, by the name the machine uses."""
    parts = {
        "objectives": _("the objectives"), "activities": _("the activities"), "roles": _("the roles of each side"),
        "timeline": _("the timeline"), "resources": _("the resources"),
        "expected_indicators": _("the expected impact indicators"),
    }
    if field.startswith(ACTION_PLAN + "."):
        return _("The action plan needs %(part)s.", part=parts[field.split(".", 1)[1]])
    return {
        MESSAGE: _("Write a message."),
        REASON: _("Give a reason: choose one of the common reasons or write your own."),
        PROBLEM_STATEMENT: _("Write the shared problem statement first."),
        INDICATORS: _("Add at least one measured impact indicator: what was measured, the value (a number), "
                      "its unit and how it was measured."),
    }.get(field, _("This is needed."))


# --- who is on a proposal -------------------------------------------------------------------------------

def organisation_member_ids(organisation_id: int) -> set[int]:
    return set(db.session.scalars(sa.select(Membership.user_id).where(
        Membership.organisation_id == organisation_id, Membership.status == MembershipStatus.ACTIVE)))


def coordinator_ids() -> set[int]:
    return set(db.session.scalars(sa.select(User.id).join(UserRole).where(
        UserRole.role.in_((Role.COORDINATOR, Role.ADMIN)), User.active.is_(True))))


def people_on(proposal: Proposal) -> dict[str, set[int]]:
    """The user ids on each side: the members of the challenge's organisation, and the proposal's academics."""
    return {Side.ORGANISATION.value: organisation_member_ids(proposal.challenge.organisation_id),
            Side.ACADEMIC.value: proposal.academic_ids}


def sides_of(user, proposal: Proposal) -> set[str]:
    """The sides `user` acts for on `proposal` (none for a stranger)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    sides = set()
    if any(m.organisation_id == proposal.challenge.organisation_id and m.is_active for m in user.memberships):
        sides.add(Side.ORGANISATION.value)
    if user.id in proposal.academic_ids:
        sides.add(Side.ACADEMIC.value)
    if user.is_coordinator:
        sides.add(Side.COORDINATOR.value)
    return sides


def waiting_for(proposal: Proposal) -> set[int]:
    """The people whose answer the proposal waits for at its stage (nobody once it is final)."""
    waiting = WAITING_ON.get(proposal.stage)
    people = people_on(proposal)
    if waiting == INVITED:
        return people[machine.invited_side(proposal.proposer_side)]
    if waiting == EITHER:
        return people[Side.ORGANISATION.value] | people[Side.ACADEMIC.value]
    if waiting == COORDINATOR:
        return coordinator_ids()
    return set()


# --- starting ---------------------------------------------------------------------------------------------

def _clean(text) -> str:
    return text.strip() if isinstance(text, str) else ""


def _refuse_too_long(field: str, text: str, limit: int) -> None:
    if len(text) > limit:
        raise ValidationFailed(_("Please shorten this text."), {field: [
            _("At most %(limit)s characters, please (this one has %(count)s).", limit=limit, count=len(text))]})


def _confirmed_academics(ids) -> dict[int, User]:
    wanted = {int(i) for i in ids}
    if not wanted:
        return {}
    found = db.session.scalars(sa.select(User).join(UserRole).where(
        User.id.in_(wanted), UserRole.role == Role.ACADEMIC, User.active.is_(True),
        User.email_verified_at.is_not(None)))
    return {user.id: user for user in found if user.academic_profile is not None}


def _offers(ids) -> list[Offer]:
    wanted = {int(i) for i in ids}
    if not wanted:
        return []
    offers = list(db.session.scalars(sa.select(Offer).where(Offer.id.in_(wanted), Offer.hidden_at.is_(None))))
    if len(offers) != len(wanted):
        raise ValidationFailed(_("One of the offers chosen does not exist or is no longer available."),
                               {"offer_ids": [_("Choose offers that are shown on the platform.")]})
    return offers


def proposer_side_of(user, challenge: Challenge) -> str | None:
    """Which side `user` would start a proposal on `challenge` for: its organisation's members invite; academics
    offer help."""
    if any(m.organisation_id == challenge.organisation_id and m.is_active for m in user.memberships):
        return Side.ORGANISATION.value
    if user.has_role(Role.ACADEMIC):
        return Side.ACADEMIC.value
    return None


def open_proposal_between(challenge_id: int, academic_id: int) -> Proposal | None:
    """A proposal still under way between this challenge and this academic, if there is one."""
    return db.session.scalar(sa.select(Proposal).join(ProposalAcademic).where(
        Proposal.challenge_id == challenge_id, ProposalAcademic.academic_id == academic_id,
        Proposal.stage.not_in(FINAL_STAGES)).limit(1))


def start_proposal(challenge: Challenge, actor: User, message: str, academic_ids=(), offer_ids=()) -> Proposal:
    """Start a proposal on `challenge` with a first message. An academic's "I can help" makes them the sole
    academic (with their own offers, if named); an organisation member invites academics, and/or the academics
    owning `offer_ids`. Writes the first event (None → proposed) and the first message."""
    side = proposer_side_of(actor, challenge)
    if side is None:
        raise Forbidden(_("Only the challenge's organisation or an academic can start a proposal on it."))
    message = _clean(message)
    try:
        transition = machine.check(None, Stage.PROPOSED, {side}, side, {MESSAGE: message})
    except machine.Missing as missing:
        raise MissingInputs(missing_message(MESSAGE), {name: [missing_message(name)] for name in missing.fields}) \
            from None
    _refuse_too_long(MESSAGE, message, MESSAGE_MAX)
    offers = _offers(offer_ids)
    if side == Side.ACADEMIC.value:
        if any(offer.academic_id != actor.id for offer in offers):
            raise ValidationFailed(_("You can only bring your own offers."),
                                   {"offer_ids": [_("Choose among your own offers.")]})
        academics = {actor.id: actor}
    else:
        academics = _confirmed_academics(set(academic_ids) | {offer.academic_id for offer in offers})
        asked = {int(i) for i in academic_ids} | {offer.academic_id for offer in offers}
        if not asked:
            raise MissingInputs(_("Choose at least one academic to invite."),
                                {"academic_ids": [_("Choose at least one academic to invite.")]})
        if set(academics) != asked:
            raise ValidationFailed(_("One of the academics chosen cannot be invited."),
                                   {"academic_ids": [_("Choose academics with a confirmed account.")]})
    for academic_id in academics:
        if open_proposal_between(challenge.id, academic_id) is not None:
            raise Conflict(_("A proposal between this challenge and %(name)s is already under way: continue it "
                             "from its page.", name=academics[academic_id].name))
    offer_of = {offer.academic_id: offer.id for offer in offers}
    now = utcnow()
    proposal = Proposal(challenge=challenge, stage=Stage.PROPOSED, proposer_side=side, created_by_id=actor.id,
                        stage_changed_at=now, problem_statement="", action_plan={},
                        academics=[ProposalAcademic(academic_id=i, offer_id=offer_of.get(i))
                                   for i in sorted(academics)])
    db.session.add(proposal)
    db.session.flush()
    db.session.add(ProposalEvent(proposal_id=proposal.id, actor_id=actor.id, created_at=now, from_stage=None,
                                 to_stage=Stage.PROPOSED, name=transition.name,
                                 payload={"message": message, "academic_ids": sorted(academics),
                                          "offer_ids": sorted(offer.id for offer in offers)}))
    db.session.add(ProposalMessage(proposal_id=proposal.id, author_id=actor.id, body=message, created_at=now))
    db.session.flush()
    publish(ProposalStarted(proposal.id))
    return proposal


# --- moving -----------------------------------------------------------------------------------------------

def _as_stage(target) -> Stage:
    try:
        return Stage(target)
    except ValueError:
        names = ", ".join(stage.value for stage in Stage)
        raise ValidationFailed(_("Choose a stage to move to."), {"to": [
            _("Choose one of the stages: %(names)s.", names=names)]}) from None


def _plan(value) -> dict:
    plan = value if isinstance(value, dict) else {}
    cleaned = {part: _clean(plan.get(part)) for part in ACTION_PLAN_FIELDS}
    for part, text in cleaned.items():
        _refuse_too_long(f"{ACTION_PLAN}.{part}", text, PLAN_FIELD_MAX)
    return cleaned


def _indicator_rows(rows) -> list[dict]:
    """The indicator rows given, each complete; a row filled in half is refused, saying what it lacks."""
    complete = []
    for row in rows if isinstance(rows, list | tuple) else []:
        if not isinstance(row, dict):
            continue
        cleaned = {key: _clean(row.get(key)) for key in ("indicator", "unit", "method")}
        value = row.get("value")
        if not any(cleaned.values()) and value in (None, ""):
            continue  # an empty row of the form
        if isinstance(value, str):
            try:
                value = float(value.replace(",", ".").strip())
            except ValueError:
                value = None
        cleaned["value"] = value
        if not machine.complete_indicator(cleaned) or value != value or value in (float("inf"), float("-inf")):
            raise MissingInputs(missing_message(INDICATORS), {INDICATORS: [missing_message(INDICATORS)]})
        _refuse_too_long("indicators.indicator", cleaned["indicator"], INDICATOR_TEXT_MAX)
        _refuse_too_long("indicators.unit", cleaned["unit"], UNIT_MAX)
        _refuse_too_long("indicators.method", cleaned["method"], REASON_MAX)
        complete.append(cleaned)
    return complete


def clean_inputs(inputs: dict) -> dict:
    """What a move was given, trimmed and checked for size: reason, reason_code, problem_statement,
    action_plan, indicators."""
    cleaned = {}
    for field, limit in ((REASON, REASON_MAX), (PROBLEM_STATEMENT, PROBLEM_STATEMENT_MAX), (MESSAGE, MESSAGE_MAX)):
        if field in inputs:
            cleaned[field] = _clean(inputs.get(field))
            _refuse_too_long(field, cleaned[field], limit)
    if inputs.get("reason_code"):
        cleaned["reason_code"] = _clean(inputs["reason_code"])
    if ACTION_PLAN in inputs and inputs[ACTION_PLAN] is not None:
        cleaned[ACTION_PLAN] = _plan(inputs[ACTION_PLAN])
    if INDICATORS in inputs and inputs[INDICATORS] is not None:
        cleaned[INDICATORS] = _indicator_rows(inputs[INDICATORS])
    return cleaned


def apply_transition(proposal: Proposal, actor: User, target, inputs: dict | None = None,
                     version: int | None = None) -> ProposalEvent:
    """Move `proposal` to `target` if the table lets `actor` do it with `inputs`, store what the move needs, and
    record the event in the same transaction. The only code that changes a stage. Flushes; the caller commits.

    Raises StaleVersion (409) for an older `version`, StageChanged (409) for a move not possible from here,
    Forbidden (403) for a move that is not the actor's, MissingInputs (422) naming what is missing.
    """
    target = _as_stage(target)
    check_version(proposal, version)
    inputs = clean_inputs(inputs or {})
    try:
        transition = machine.check(proposal.stage, target, sides_of(actor, proposal), proposal.proposer_side,
                                   inputs)
    except machine.NotAllowed:
        raise StageChanged(stage_changed_message(), proposal.stage) from None
    except machine.NotYours:
        raise Forbidden(_("This move is not yours to make on this proposal.")) from None
    except machine.Missing as missing:
        fields = {name: [missing_message(name)] for name in missing.fields}
        raise MissingInputs(" ".join(message for messages in fields.values() for message in messages),
                            fields) from None
    code = inputs.get("reason_code")
    if code and code not in REASONS.get(transition.name, ()):
        raise ValidationFailed(_("Choose one of the reasons offered."), {"reason_code": [
            _("Choose one of the reasons offered, or write your own.")]})
    now = utcnow()
    payload = {}
    if PROBLEM_STATEMENT in transition.needs:
        payload[PROBLEM_STATEMENT] = inputs[PROBLEM_STATEMENT]
        _record_revision(proposal, actor, PROBLEM_STATEMENT, inputs[PROBLEM_STATEMENT], now)
    if ACTION_PLAN in transition.needs:
        payload[ACTION_PLAN] = inputs[ACTION_PLAN]
        _record_revision(proposal, actor, ACTION_PLAN, inputs[ACTION_PLAN], now)
    if INDICATORS in transition.needs:
        payload[INDICATORS] = inputs[INDICATORS]
        for row in inputs[INDICATORS]:
            db.session.add(ProposalIndicator(proposal_id=proposal.id, created_at=now, **row))
    event = ProposalEvent(proposal_id=proposal.id, actor_id=actor.id, created_at=now, from_stage=proposal.stage,
                          to_stage=target, name=transition.name, reason_code=code or None,
                          reason_text=inputs.get(REASON) or None, payload=payload)
    db.session.add(event)
    proposal.stage = target
    proposal.stage_changed_at = now
    db.session.flush()
    publish(ProposalMoved(proposal.id, event.id))
    return event


# --- talking and the workspace ------------------------------------------------------------------------------

def post_message(proposal: Proposal, actor: User, body: str) -> ProposalMessage:
    """Add a message to the proposal's thread."""
    body = _clean(body)
    if not body:
        raise MissingInputs(missing_message(MESSAGE), {"body": [missing_message(MESSAGE)]})
    _refuse_too_long("body", body, MESSAGE_MAX)
    message = ProposalMessage(proposal_id=proposal.id, author_id=actor.id, body=body, created_at=utcnow())
    db.session.add(message)
    db.session.flush()
    publish(ProposalMessagePosted(proposal.id, message.id))
    return message


def may_edit(proposal: Proposal, field: str) -> bool:
    """Whether the workspace's `field` may be edited at the proposal's stage."""
    return proposal.stage in EDITABLE.get(field, ())


def _record_revision(proposal: Proposal, actor: User, field: str, content, now) -> None:
    if getattr(proposal, field) == content:
        return
    setattr(proposal, field, content)
    db.session.add(WorkspaceRevision(proposal_id=proposal.id, author_id=actor.id, created_at=now, field=field,
                                     content=content))


def save_workspace(proposal: Proposal, actor: User, field: str, content, version: int | None = None) -> Proposal:
    """Save the problem statement (text) or the action plan (its six parts) while the stage allows editing, and
    keep the earlier version in the history. Saving the same content again records nothing."""
    if field not in EDITABLE:
        raise ValidationFailed(_("This part of the workspace does not exist."))
    check_version(proposal, version)
    if not may_edit(proposal, field):
        raise StageChanged(_("At this stage the workspace can no longer be changed."), proposal.stage)
    if field == PROBLEM_STATEMENT:
        content = _clean(content)
        _refuse_too_long(PROBLEM_STATEMENT, content, PROBLEM_STATEMENT_MAX)
    else:
        content = _plan(content)
    _record_revision(proposal, actor, field, content, utcnow())
    db.session.flush()
    return proposal


def revisions(proposal: Proposal, field: str) -> list[WorkspaceRevision]:
    """The saved versions of `field`, newest first."""
    return list(db.session.scalars(sa.select(WorkspaceRevision).where(
        WorkspaceRevision.proposal_id == proposal.id, WorkspaceRevision.field == field)
        .order_by(WorkspaceRevision.id.desc())))


# --- documents --------------------------------------------------------------------------------------------

# The extensions allowed, the type they are served as, and what the first bytes must look like.
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain; charset=utf-8",
}


def _looks_like(extension: str, data: bytes) -> bool:
    """Content sniffing: the bytes are what the extension says, so a renamed program is refused."""
    zipped = data.startswith(b"PK\x03\x04")
    if extension == "pdf":
        return data.startswith(b"%PDF-")
    if extension == "png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in ("jpg", "jpeg"):
        return data.startswith(b"\xff\xd8\xff")
    if extension == "docx":
        return zipped and b"word/" in data
    if extension == "xlsx":
        return zipped and b"xl/" in data
    if extension == "odt":
        return zipped and data[30:38] == b"mimetype" and b"application/vnd.oasis.opendocument.text" in data[:100]
    if extension == "txt":
        if b"\x00" in data:
            return False
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True
    return False


def documents_dir() -> Path:
    return Path(current_app.config["PROPOSAL_DOCUMENTS_DIR"])


def document_path(document: ProposalDocument) -> Path:
    return documents_dir() / document.storage_key


def add_document(proposal: Proposal, actor: User, filename: str, data: bytes) -> ProposalDocument:
    """Keep a file shared on the proposal, if small enough and of an allowed type (by extension and content).
    The file is written under a random key; the row names it. A rolled-back transaction leaves a file that no
    row names, which is never served."""
    filename = Path(_clean(filename).replace("\\", "/")).name[:200]
    limit = current_app.config["PROPOSAL_DOCUMENT_MAX_BYTES"]
    if not filename or not data:
        raise ValidationFailed(_("Choose a file to upload."), {"file": [_("Choose a file to upload.")]})
    if len(data) > limit:
        message = _("This file is too large: at most %(size)s MB, please.", size=f"{limit / 1024 / 1024:g}")
        raise ValidationFailed(message, {"file": [message]})
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    allowed = ", ".join(sorted({"pdf", "png", "jpg", "docx", "xlsx", "odt", "txt"}))
    if extension not in DOCUMENT_TYPES:
        message = _("Files of this type cannot be shared here. Allowed types: %(types)s.", types=allowed)
        raise ValidationFailed(message, {"file": [message]})
    if not _looks_like(extension, data):
        message = _("This file's content is not a %(type)s file. Allowed types: %(types)s.",
                    type=extension.upper(), types=allowed)
        raise ValidationFailed(message, {"file": [message]})
    document = ProposalDocument(proposal_id=proposal.id, uploader_id=actor.id, filename=filename,
                                content_type=DOCUMENT_TYPES[extension], size=len(data),
                                storage_key=secrets.token_urlsafe(32), created_at=utcnow())
    folder = documents_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / document.storage_key).write_bytes(data)
    db.session.add(document)
    db.session.flush()
    return document


def documents(proposal: Proposal) -> list[ProposalDocument]:
    return list(db.session.scalars(sa.select(ProposalDocument).where(ProposalDocument.proposal_id == proposal.id)
                                   .order_by(ProposalDocument.id.desc())))


def size_label(size: int) -> str:
    if size < 1024:
        return ngettext("%(num)d byte", "%(num)d bytes", size)
    return _("%(size)s KB", size=f"{size / 1024:.0f}") if size < 1024 * 1024 else \
        _("%(size)s MB", size=f"{size / 1024 / 1024:.1f}")


# --- lists ------------------------------------------------------------------------------------------------

def proposals_of(user, stage: Stage | None = None) -> list[Proposal]:
    """The proposals `user` is on (all of them for a coordinator), the most recently moved first."""
    query = sa.select(Proposal)
    if not user.is_coordinator:
        organisations = [m.organisation_id for m in user.memberships if m.is_active]
        academic = sa.select(ProposalAcademic.proposal_id).where(ProposalAcademic.academic_id == user.id)
        query = query.join(Challenge, Challenge.id == Proposal.challenge_id).where(sa.or_(
            Proposal.id.in_(academic), Challenge.organisation_id.in_(organisations)))
    if stage is not None:
        query = query.where(Proposal.stage == stage)
    return list(db.session.scalars(query.order_by(Proposal.stage_changed_at.desc(), Proposal.id.desc())))


def messages_of(proposal: Proposal) -> list[ProposalMessage]:
    return list(db.session.scalars(sa.select(ProposalMessage).where(ProposalMessage.proposal_id == proposal.id)
                                   .order_by(ProposalMessage.id)))


def indicators_of(proposal: Proposal) -> list[ProposalIndicator]:
    return list(db.session.scalars(sa.select(ProposalIndicator).where(ProposalIndicator.proposal_id == proposal.id)
                                   .order_by(ProposalIndicator.id)))


def people(ids: set[int]) -> list[User]:
    if not ids:
        return []
    return list(db.session.scalars(sa.select(User).where(User.id.in_(ids)).order_by(User.name)))
