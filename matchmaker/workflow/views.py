"""Proposal pages: start one, read it, move it, talk, edit the workspace, share documents; the stages on /help."""
import difflib

from flask import Blueprint, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup
from wtforms.fields.choices import SelectChoice

from matchmaker.challenges.models import Challenge
from matchmaker.db import STALE_WRITES
from matchmaker.errors import NotFound, ValidationFailed
from matchmaker.extensions import db
from matchmaker.labels import LABELS, NEED_LABELS, WHO_LABELS, label_for, move_label, reason_label
from matchmaker.loading import load_visible
from matchmaker.matching import services as matching
from matchmaker.matching.models import MatchTarget
from matchmaker.offers.models import Offer
from matchmaker.permissions import can
from matchmaker.workflow import machine, services
from matchmaker.workflow.forms import (
    PLAN_LABELS,
    ActionPlanForm,
    DocumentForm,
    MessageForm,
    MoveForm,
    ProblemStatementForm,
    StartForm,
)
from matchmaker.workflow.models import Proposal, ProposalDocument, WorkspaceRevision
from matchmaker.workflow.stages import (
    ACTION_PLAN,
    ACTION_PLAN_FIELDS,
    COORDINATOR,
    FINAL_MOVES,
    PROBLEM_STATEMENT,
    REASONS,
    TRANSITIONS,
    WAITING_ON,
    Side,
    Stage,
)

blueprint = Blueprint("workflow", __name__)


def load_proposal(proposal_id: int, action: str = "proposal.view") -> Proposal:
    """The proposal, if the current user is on it (or a coordinator); for anyone else it does not exist."""
    return load_visible(Proposal, proposal_id, action, view_action="proposal.view",
                        missing=_("This proposal does not exist or is not visible to you."))


# --- lists and starting -----------------------------------------------------------------------------------

@blueprint.route("/proposals")
@login_required
def mine():
    stage = _stage_or_none(request.args.get("stage"))
    return render_template("workflow/mine.html", proposals=services.proposals_of(current_user, stage), stage=stage,
                           stages=list(Stage))


def _stage_or_none(value: str | None) -> Stage | None:
    try:
        return Stage(value) if value else None
    except ValueError:
        return None


@blueprint.route("/challenges/<int:challenge_id>/propose", methods=["GET", "POST"])
@login_required
def start(challenge_id: int):
    challenge = load_visible(Challenge, challenge_id, "proposal.start", view_action="challenge.view",
                             missing=_("This challenge does not exist or is not visible to you."))
    side = services.proposer_side_of(current_user, challenge)
    form = StartForm()
    offer = _offer_asked()
    if side == Side.ORGANISATION:
        form.academic_ids.choices = _candidates(challenge, offer)
        if request.method == "GET":
            form.academic_ids.data = [i for i in (request.args.get("academic", type=int),
                                                  offer.academic_id if offer else None) if i]
    if form.validate_on_submit():
        offers = [offer.id] if offer and (side == Side.ORGANISATION or offer.academic_id == current_user.id) else []
        try:
            proposal = services.start_proposal(challenge, current_user, form.message.data,
                                               academic_ids=form.academic_ids.data or (), offer_ids=offers)
        except ValidationFailed as error:
            _show_errors(form, error)
        else:
            db.session.commit()
            flash(_("Your proposal is sent: the other side has been told."), "success")
            return redirect(url_for("workflow.detail", proposal_id=proposal.id))
    return render_template("workflow/start.html", challenge=challenge, form=form, side=side, offer=offer), \
        422 if form.errors else 200


def _offer_asked() -> Offer | None:
    offer_id = request.values.get("offer", type=int)
    offer = db.session.get(Offer, offer_id) if offer_id else None
    return offer if offer is not None and can(current_user, "offer.view", offer) else None


def _candidates(challenge: Challenge, offer: Offer | None) -> list[SelectChoice]:
    """The academics an organisation member may invite from here: the suggested ones, and the one asked for."""
    found = {m.academic.id: m.academic for m in matching.suggestions_for_challenge(
        challenge, MatchTarget.ACADEMIC, 20, viewer=current_user)}
    asked = [request.values.get("academic", type=int), offer.academic_id if offer else None]
    for user in services.people({i for i in asked if i and i not in found}):
        found[user.id] = user
    return [SelectChoice(user.id, _academic_line(user)) for user in found.values()]


def _academic_line(user) -> str:
    profile = user.academic_profile
    department = profile.department.code if profile and profile.department else ""
    return f"{user.name} ({department})" if department else user.name


def _show_errors(form, error: ValidationFailed) -> None:
    """Each message beside the field it names; the others (and a refusal naming no field) flashed."""
    for name, messages in error.fields.items():
        field = getattr(form, name, None)
        if field is None:
            flash(" ".join(messages), "danger")
        else:
            field.errors = list(field.errors or []) + list(messages)
    if not error.fields:
        flash(error.message, "danger")


# --- the proposal page -------------------------------------------------------------------------------------

@blueprint.route("/proposals/<int:proposal_id>")
@login_required
def detail(proposal_id: int):
    return _render_detail(load_proposal(proposal_id))


def _render_detail(proposal: Proposal, status: int = 200, message_form=None, document_form=None):
    sides = services.sides_of(current_user, proposal)
    on = services.people_on(proposal)
    moves = machine.available(proposal.stage, sides, proposal.proposer_side) if can(
        current_user, "proposal.move", proposal) else ()
    coordinators_decide = WAITING_ON.get(proposal.stage) == COORDINATOR  # the page names no one of them
    return render_template(
        "workflow/detail.html", proposal=proposal, sides=sides, moves=moves, FINAL_MOVES=FINAL_MOVES,
        organisation_people=services.people(on[Side.ORGANISATION]), academics=proposal.academics,
        waiting=[] if coordinators_decide else services.people(services.waiting_for(proposal)),
        waiting_on_coordinators=coordinators_decide,
        events=proposal.events, messages=services.messages_of(proposal),
        documents=services.documents(proposal), indicators=services.indicators_of(proposal),
        message_form=message_form or MessageForm(), document_form=document_form or DocumentForm(),
        plan_labels=PLAN_LABELS, plan_fields=ACTION_PLAN_FIELDS, size_label=services.size_label,
        max_document_mb=current_app.config["PROPOSAL_DOCUMENT_MAX_BYTES"] / 1024 / 1024), status


@blueprint.route("/proposals/<int:proposal_id>/messages", methods=["POST"])
@login_required
def post_message(proposal_id: int):
    proposal = load_proposal(proposal_id, "proposal.message")
    form = MessageForm()
    if form.validate_on_submit():
        try:
            services.post_message(proposal, current_user, form.body.data)
        except ValidationFailed as error:
            _show_errors(form, error)
        else:
            db.session.commit()
            flash(_("Your message is posted."), "success")
            return redirect(url_for("workflow.detail", proposal_id=proposal.id, _anchor="messages"))
    return _render_detail(proposal, 422, message_form=form)


# --- moves -------------------------------------------------------------------------------------------------

@blueprint.route("/proposals/<int:proposal_id>/move/<target>", methods=["GET", "POST"])
@login_required
def move(proposal_id: int, target: str):
    proposal = load_proposal(proposal_id, "proposal.move")
    target_stage = _stage_or_none(target)
    if target_stage is None:
        raise NotFound(_("This stage does not exist."))
    transition = machine.find(proposal.stage, target_stage)
    form = MoveForm() if request.method == "POST" else _filled_move_form(proposal)
    if transition is not None:
        form.reason_code.choices = [SelectChoice("", _("Choose a reason"))] + [
            SelectChoice(code, reason_label(code)) for code in REASONS.get(transition.name, ())]
    status = 200
    if transition is None:
        status = 409  # the page (or the button) was for a stage the proposal has left
    elif request.method == "POST" and form.validate_on_submit():
        status = _try_move(proposal, transition, form)
        if status is None:
            flash(_("Done: the proposal is now “%(stage)s”.", stage=label_for(target_stage)), "success")
            return redirect(url_for("workflow.detail", proposal_id=proposal.id))
    elif request.method == "POST":
        status = 422
    return render_template("workflow/move.html", proposal=proposal, transition=transition, target=target_stage,
                           form=form, final=bool(transition and transition.name in FINAL_MOVES),
                           plan_fields=ACTION_PLAN_FIELDS), status


def _filled_move_form(proposal: Proposal) -> MoveForm:
    """The move's form on first showing: the workspace's problem statement and plan, ready to submit."""
    return MoveForm(formdata=None, problem_statement=proposal.problem_statement, version=proposal.version,
                    **(proposal.action_plan or {}))


def _try_move(proposal: Proposal, transition, form: MoveForm) -> int | None:
    """Apply the move; None when done, else the status of the page that says why (the form keeps the input)."""
    if transition.name in FINAL_MOVES and not form.confirm.data:
        form.confirm.errors = [_("Tick the box to confirm: this decision cannot be undone.")]
        return 422
    inputs = {"reason_code": form.reason_code.data, "reason": form.reason.data}
    if PROBLEM_STATEMENT in transition.needs:
        inputs[PROBLEM_STATEMENT] = form.problem_statement.data
    if ACTION_PLAN in transition.needs:
        inputs[ACTION_PLAN] = form.plan()
    if "indicators" in transition.needs:
        inputs["indicators"] = form.indicator_rows()
    try:
        services.apply_transition(proposal, current_user, transition.target, inputs, form.sent_version())
    except services.StageChanged as changed:
        db.session.rollback()
        flash(_("This proposal changed meanwhile: it is now “%(stage)s”. What you typed is kept below.",
                stage=label_for(changed.stage)), "warning")
        return 409
    except STALE_WRITES:
        db.session.rollback()
        flash(_("Someone acted on this proposal meanwhile: reload it to see where it stands now. What you typed "
                "is kept below."), "warning")
        return 409
    except ValidationFailed as error:
        db.session.rollback()
        _show_move_errors(form, error)
        return 422
    db.session.commit()
    return None


def _show_move_errors(form: MoveForm, error: ValidationFailed) -> None:
    """Each message beside its field ("action_plan.roles" beside roles); the indicators' above their rows."""
    for name, messages in error.fields.items():
        if name.startswith("indicators"):
            form.indicator_errors = list(messages)
            continue
        field = getattr(form, name.removeprefix(ACTION_PLAN + "."), None)
        if field is None:
            flash(" ".join(messages), "danger")
            continue
        field.errors = list(field.errors or []) + list(messages)


# --- the workspace -----------------------------------------------------------------------------------------

@blueprint.route("/proposals/<int:proposal_id>/workspace", methods=["GET"])
@login_required
def workspace(proposal_id: int):
    return _render_workspace(load_proposal(proposal_id))


def _render_workspace(proposal: Proposal, status: int = 200, problem_form=None, plan_form=None, stale=False):
    problem_form = problem_form or ProblemStatementForm(
        formdata=None, problem_statement=proposal.problem_statement, version=proposal.version)
    plan_form = plan_form or ActionPlanForm(formdata=None, version=proposal.version, **(proposal.action_plan or {}))
    editable = can(current_user, "proposal.edit_workspace", proposal)
    return render_template(
        "workflow/workspace.html", proposal=proposal, problem_form=problem_form, plan_form=plan_form, stale=stale,
        may_edit_problem=editable and services.may_edit(proposal, PROBLEM_STATEMENT),
        may_edit_plan=editable and services.may_edit(proposal, ACTION_PLAN), plan_fields=ACTION_PLAN_FIELDS,
        history={field: services.revisions(proposal, field) for field in (PROBLEM_STATEMENT, ACTION_PLAN)}), status


@blueprint.route("/proposals/<int:proposal_id>/workspace/<field>", methods=["POST"])
@login_required
def save_workspace(proposal_id: int, field: str):
    proposal = load_proposal(proposal_id, "proposal.edit_workspace")
    if field not in (PROBLEM_STATEMENT, ACTION_PLAN):
        raise NotFound(_("This part of the workspace does not exist."))
    form = ProblemStatementForm() if field == PROBLEM_STATEMENT else ActionPlanForm()
    forms = {"problem_form" if field == PROBLEM_STATEMENT else "plan_form": form}
    if not form.validate_on_submit():
        return _render_workspace(proposal, 422, **forms)
    content = form.problem_statement.data if field == PROBLEM_STATEMENT else form.plan()
    try:
        services.save_workspace(proposal, current_user, field, content, form.sent_version())
    except (services.StageChanged, *STALE_WRITES):
        db.session.rollback()
        return _render_workspace(db.session.get(Proposal, proposal_id), 409, stale=True, **forms)
    except ValidationFailed as error:
        db.session.rollback()
        _show_errors(form, error)
        return _render_workspace(proposal, 422, **forms)
    db.session.commit()
    flash(_("The workspace is saved."), "success")
    return redirect(url_for("workflow.workspace", proposal_id=proposal.id))


def _revision_text(revision: WorkspaceRevision) -> list[str]:
    if revision.field == PROBLEM_STATEMENT:
        return str(revision.content or "").splitlines()
    lines = []
    for part in ACTION_PLAN_FIELDS:
        lines.append(f"## {PLAN_LABELS[part]}")
        lines.extend(str((revision.content or {}).get(part, "")).splitlines())
    return lines


@blueprint.route("/proposals/<int:proposal_id>/workspace/diff")
@login_required
def diff(proposal_id: int):
    proposal = load_proposal(proposal_id)
    older, newer = (db.session.get(WorkspaceRevision, request.args.get(key, type=int) or 0) for key in ("a", "b"))
    if older is None or newer is None or {older.proposal_id, newer.proposal_id} != {proposal.id} \
            or older.field != newer.field:
        raise NotFound(_("Choose two versions of the same part of this workspace."))
    if older.id > newer.id:
        older, newer = newer, older
    lines = [line for line in difflib.ndiff(_revision_text(older), _revision_text(newer)) if not line.startswith("?")]
    return render_template("workflow/diff.html", proposal=proposal, older=older, newer=newer, lines=lines)


# --- documents ---------------------------------------------------------------------------------------------

@blueprint.route("/proposals/<int:proposal_id>/documents", methods=["POST"])
@login_required
def upload(proposal_id: int):
    proposal = load_proposal(proposal_id, "proposal.upload")
    form = DocumentForm()
    if form.validate_on_submit():
        upload = request.files.get("file")
        data = upload.read(current_app.config["PROPOSAL_DOCUMENT_MAX_BYTES"] + 1) if upload else b""
        try:
            services.add_document(proposal, current_user, upload.filename if upload else "", data)
        except ValidationFailed as error:
            db.session.rollback()
            form.file.errors = [message for messages in error.fields.values() for message in messages] \
                or [error.message]
        else:
            db.session.commit()
            flash(_("The document is shared with the people on this proposal."), "success")
            return redirect(url_for("workflow.detail", proposal_id=proposal.id, _anchor="documents"))
    return _render_detail(proposal, 422, document_form=form)


@blueprint.route("/proposals/<int:proposal_id>/documents/<int:document_id>")
@login_required
def download(proposal_id: int, document_id: int):
    proposal = load_proposal(proposal_id)
    document = db.session.get(ProposalDocument, document_id)
    path = services.document_path(document) if document is not None else None
    if document is None or document.proposal_id != proposal.id or not path.is_file():
        raise NotFound(_("This document does not exist."))
    response = send_file(path, mimetype=document.content_type, as_attachment=True,
                         download_name=document.filename, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


# --- the stages, explained ---------------------------------------------------------------------------------

@blueprint.route("/help")
def help_page():
    labels = {stage: label_for(stage) for stage in Stage}
    svg = machine.diagram(labels, title=_("The stages of a proposal"),
                          description=_("Each box is a stage; each arrow a move between two stages. The table "
                                        "below says who makes each move and what it needs."))
    rows = [{"source": label_for(t.source) if t.source else _("(new)"), "target": label_for(t.target),
             "move": move_label(t.name), "who": ", ".join(str(WHO_LABELS[w]) for w in sorted(t.by)),
             "needs": ", ".join(str(NEED_LABELS[n]) for n in t.needs)} for t in TRANSITIONS]
    # machine.diagram escapes every text it writes (the labels included): the SVG is safe as markup.
    return render_template("workflow/help.html", diagram=Markup(svg), rows=rows,  # noqa: S704
                           stages=[(stage, LABELS[stage]) for stage in Stage])
