"""Challenge pages: browse, read, post, edit, publish, pause, close, and (for coordinators) hide."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.challenges import services
from matchmaker.challenges.forms import ChallengeForm, CloseChallengeForm, sdg_choices
from matchmaker.challenges.models import Challenge, ChallengeStatus
from matchmaker.db import STALE_WRITES
from matchmaker.errors import ValidationFailed
from matchmaker.extensions import db
from matchmaker.forms import ButtonForm, HideForm, show_service_errors
from matchmaker.labels import choices_for, label_for
from matchmaker.listing import ListFilters
from matchmaker.loading import load_visible
from matchmaker.matching import services as matching
from matchmaker.matching.panels import challenge_panel
from matchmaker.orgs.models import Organisation
from matchmaker.orgs.services import active_organisations_of
from matchmaker.permissions import active_organisation_ids, require, working_organisation_ids
from matchmaker.reference.models import HelpKind
from matchmaker.reference.services import list_sdgs
from matchmaker.templating import current_language
from matchmaker.workflow import insights

blueprint = Blueprint("challenges", __name__, url_prefix="/challenges")


def load_challenge(challenge_id: int, action: str = "challenge.view") -> Challenge:
    """The challenge, if the current user may do `action` on it. One they may not even see is a 404."""
    return load_visible(Challenge, challenge_id, action, view_action="challenge.view",
                        missing=_("This challenge does not exist or is not visible to you."))


@blueprint.route("/")
def index():
    filters = ListFilters.from_args(request.args, sorts=services.SORTS)
    page = services.list_challenges(filters, current_user)
    return render_template("challenges/index.html", page=page, filters=filters, sdgs=list_sdgs(),
                           kinds=choices_for(HelpKind), statuses=choices_for(ChallengeStatus))


@blueprint.route("/mine")
@login_required
def mine():
    require("challenge.list_own")
    organisations = active_organisations_of(current_user)
    challenges = services.challenges_of_organisations([o.id for o in organisations])
    return render_template("challenges/mine.html", challenges=challenges, organisations=organisations)


@blueprint.route("/new", methods=["GET", "POST"])
@login_required
def new():
    require("challenge.create")
    working = working_organisation_ids(current_user)
    organisations = [o for o in active_organisations_of(current_user) if o.id in working]
    form = _prepare(ChallengeForm())
    organisation = _chosen_organisation(organisations)
    if form.validate_on_submit():
        try:
            challenge = services.create_challenge(organisation, current_user, form.service_data())
        except ValidationFailed as error:
            show_service_errors(form, error)
        else:
            db.session.commit()
            flash(_("Your challenge is saved as a draft. Read it through, then publish it."), "success")
            return redirect(url_for("challenges.detail", challenge_id=challenge.id))
    return render_template("challenges/form.html", form=form, challenge=None, organisations=organisations,
                           organisation=organisation, similar=_similar(form) if form.errors else []), \
        422 if form.errors else 200


def _chosen_organisation(organisations: list[Organisation]) -> Organisation:
    wanted = request.values.get("organisation_id", type=int)
    for organisation in organisations:
        if organisation.id == wanted:
            return organisation
    return organisations[0]


def _prepare(form: ChallengeForm) -> ChallengeForm:
    form.sdgs.choices = sdg_choices(list_sdgs(), current_language())
    return form


@blueprint.route("/<int:challenge_id>")
def detail(challenge_id: int):
    return _render_detail(load_challenge(challenge_id))


def _render_detail(challenge: Challenge, hide_form: HideForm | None = None, status: int = 200,
                   close_form: CloseChallengeForm | None = None):
    return render_template(
        "challenges/detail.html", challenge=challenge, button_form=ButtonForm(), hide_form=hide_form or HideForm(),
        close_form=close_form or CloseChallengeForm(formdata=None),
        next_statuses=_next_statuses(challenge), publication_problem=services.publication_problem(challenge),
        is_member=challenge.organisation_id in active_organisation_ids(current_user),
        partners=services.partnership_academics(challenge), my_proposal=_my_proposal(challenge),
        **challenge_panel(challenge)), status


def _my_proposal(challenge: Challenge) -> int | None:
    """The proposal under way between this challenge and the academic reading it, if any (not a second one)."""
    if not current_user.is_authenticated:
        return None
    return insights.under_way({challenge.id}, {current_user.id}).get((challenge.id, current_user.id))


def _next_statuses(challenge: Challenge) -> list[ChallengeStatus]:
    order = list(ChallengeStatus)
    return sorted(services.NEXT_STATUSES[challenge.status], key=order.index)


@blueprint.route("/<int:challenge_id>/edit", methods=["GET", "POST"])
@login_required
def edit(challenge_id: int):
    challenge = load_challenge(challenge_id, "challenge.edit")
    form = _prepare(ChallengeForm(obj=challenge) if request.method == "GET" else ChallengeForm())
    if request.method == "GET":
        form.sdgs.data = [str(s.number) for s in challenge.sdgs]
        form.keywords.data = ", ".join(challenge.keywords or [])
        form.kind.data, form.scale.data = challenge.kind.value, challenge.scale.value
        form.visibility.data = challenge.visibility.value
    stale = False
    if form.validate_on_submit():
        try:
            services.update_challenge(challenge, form.service_data(), form.sent_version())
        except ValidationFailed as error:
            show_service_errors(form, error)
        except STALE_WRITES:
            db.session.rollback()
            stale = True
        else:
            db.session.commit()
            flash(_("Your changes are saved."), "success")
            return redirect(url_for("challenges.detail", challenge_id=challenge.id))
    return render_template("challenges/form.html", form=form, challenge=challenge, stale=stale,
                           organisations=[challenge.organisation], organisation=challenge.organisation,
                           similar=_similar(form, challenge)), 409 if stale else 422 if form.errors else 200


def _similar(form: ChallengeForm, challenge: Challenge | None = None):
    """Published challenges like the one being written: from its saved text, or from what was just sent."""
    if challenge is not None and not form.errors:
        fields = matching.challenge_text_fields(challenge.title, challenge.keywords, challenge.summary,
                                                challenge.description, challenge.resources)
    else:
        fields = matching.challenge_text_fields(form.title.data, form.keywords.data, form.summary.data,
                                                form.description.data, form.resources.data)
    return matching.similar_challenges(fields, current_user, exclude_id=challenge.id if challenge else None)


@blueprint.route("/<int:challenge_id>/status/<status>", methods=["POST"])
@login_required
def change_status(challenge_id: int, status: str):
    challenge = load_challenge(challenge_id, "challenge.change_status")
    try:
        wanted = ChallengeStatus(status)
    except ValueError:
        abort(404)
    if wanted is ChallengeStatus.CLOSED and not (close_form := CloseChallengeForm()).validate_on_submit():
        return _render_detail(challenge, close_form=close_form, status=422)  # final: not without "I confirm"
    if ButtonForm().validate_on_submit():
        try:
            services.change_status(challenge, wanted)
        except ValidationFailed as error:
            flash(error.message, "danger")
            return redirect(url_for("challenges.detail", challenge_id=challenge.id))
        db.session.commit()
        flash(_("The challenge is now “%(status)s”.", status=label_for(wanted)), "success")
    return redirect(url_for("challenges.detail", challenge_id=challenge.id))


@blueprint.route("/<int:challenge_id>/hide", methods=["POST"])
@login_required
def hide(challenge_id: int):
    challenge = load_challenge(challenge_id, "challenge.hide")
    form = HideForm()
    if not form.validate_on_submit():  # unconfirmed or expired: nothing is hidden, the form says why
        return _render_detail(challenge, hide_form=form, status=422)
    try:
        services.hide_challenge(challenge, current_user, form.reason.data)
    except ValidationFailed as error:
        show_service_errors(form, error)
        return _render_detail(challenge, hide_form=form, status=422)
    db.session.commit()
    flash(_("The challenge is hidden; its organisation has been told why."), "success")
    return redirect(url_for("challenges.detail", challenge_id=challenge.id))


@blueprint.route("/<int:challenge_id>/unhide", methods=["POST"])
@login_required
def unhide(challenge_id: int):
    challenge = load_challenge(challenge_id, "challenge.hide")
    if ButtonForm().validate_on_submit():
        services.unhide_challenge(challenge)
        db.session.commit()
        flash(_("The challenge is visible again."), "success")
    return redirect(url_for("challenges.detail", challenge_id=challenge.id))
