"""Offer pages: browse, read, post, edit, pause, close, reopen, and (for coordinators) hide."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.challenges.forms import sdg_choices
from matchmaker.challenges.models import Challenge, ChallengeStatus
from matchmaker.challenges.services import challenges_of_organisations
from matchmaker.db import STALE_WRITES
from matchmaker.errors import ValidationFailed
from matchmaker.extensions import db
from matchmaker.forms import ButtonForm, HideForm, show_service_errors
from matchmaker.labels import choices_for, label_for
from matchmaker.listing import ListFilters
from matchmaker.loading import load_visible
from matchmaker.matching.panels import offer_panel
from matchmaker.offers import services
from matchmaker.offers.forms import OfferForm
from matchmaker.offers.models import Offer, OfferStatus
from matchmaker.permissions import can, require, working_organisation_ids
from matchmaker.reference.models import HelpKind
from matchmaker.reference.services import list_departments, list_sdgs
from matchmaker.templating import current_language
from matchmaker.workflow import insights

blueprint = Blueprint("offers", __name__, url_prefix="/offers")


def load_offer(offer_id: int, action: str = "offer.view") -> Offer:
    """The offer, if the current user may do `action` on it. One they may not even see is a 404."""
    return load_visible(Offer, offer_id, action, view_action="offer.view",
                        missing=_("This offer does not exist or is not visible to you."))


@blueprint.route("/")
def index():
    filters = ListFilters.from_args(request.args, sorts=services.SORTS)
    page = services.list_offers(filters, current_user)
    return render_template("offers/index.html", page=page, filters=filters, sdgs=list_sdgs(),
                           kinds=choices_for(HelpKind), departments=list_departments(),
                           statuses=choices_for(OfferStatus))


@blueprint.route("/mine")
@login_required
def mine():
    require("offer.list_own")
    return render_template("offers/mine.html", offers=services.offers_of(current_user))


def _prepare(form: OfferForm) -> OfferForm:
    form.sdgs.choices = sdg_choices(list_sdgs(), current_language())
    return form


@blueprint.route("/new", methods=["GET", "POST"])
@login_required
def new():
    require("offer.create")
    form = _prepare(OfferForm())
    if form.validate_on_submit():
        try:
            offer = services.create_offer(current_user, form.service_data())
        except ValidationFailed as error:
            show_service_errors(form, error)
        else:
            db.session.commit()
            flash(_("Your offer is published."), "success")
            return redirect(url_for("offers.detail", offer_id=offer.id))
    return render_template("offers/form.html", form=form, offer=None), 422 if form.errors else 200


@blueprint.route("/<int:offer_id>")
def detail(offer_id: int):
    return _render_detail(load_offer(offer_id))


def _render_detail(offer: Offer, hide_form: HideForm | None = None, status: int = 200):
    order = list(OfferStatus)
    next_statuses = sorted(services.NEXT_STATUSES[offer.status], key=order.index)
    return render_template("offers/detail.html", offer=offer, hide_form=hide_form or HideForm(),
                           next_statuses=next_statuses, ask_for=_challenges_to_ask_for(offer),
                           **offer_panel(offer)), status


def _challenges_to_ask_for(offer: Offer) -> list[tuple[Challenge, int | None]]:
    """For an organisation member: their challenges this offer could be asked for, each with the proposal already
    under way with its author, if any."""
    if not current_user.is_authenticated or offer.academic_id == current_user.id:
        return []
    challenges = [c for c in challenges_of_organisations(sorted(working_organisation_ids(current_user)))
                  if c.status is ChallengeStatus.OPEN and can(current_user, "proposal.start", c)]
    found = insights.under_way({c.id for c in challenges}, {offer.academic_id})
    return [(c, found.get((c.id, offer.academic_id))) for c in challenges]


@blueprint.route("/<int:offer_id>/edit", methods=["GET", "POST"])
@login_required
def edit(offer_id: int):
    offer = load_offer(offer_id, "offer.edit")
    form = _prepare(OfferForm(obj=offer) if request.method == "GET" else OfferForm())
    if request.method == "GET":
        form.sdgs.data = [str(s.number) for s in offer.sdgs]
        form.keywords.data = ", ".join(offer.keywords or [])
        form.kind.data = offer.kind.value
    stale = False
    if form.validate_on_submit():
        try:
            services.update_offer(offer, form.service_data(), form.sent_version())
        except ValidationFailed as error:
            show_service_errors(form, error)
        except STALE_WRITES:
            db.session.rollback()
            stale = True
        else:
            db.session.commit()
            flash(_("Your changes are saved."), "success")
            return redirect(url_for("offers.detail", offer_id=offer.id))
    return render_template("offers/form.html", form=form, offer=offer, stale=stale), \
        409 if stale else 422 if form.errors else 200


@blueprint.route("/<int:offer_id>/status/<status>", methods=["POST"])
@login_required
def change_status(offer_id: int, status: str):
    offer = load_offer(offer_id, "offer.edit")
    try:
        wanted = OfferStatus(status)
    except ValueError:
        abort(404)
    if ButtonForm().validate_on_submit():
        try:
            services.change_status(offer, wanted)
        except ValidationFailed as error:
            flash(error.message, "danger")
            return redirect(url_for("offers.detail", offer_id=offer.id))
        db.session.commit()
        flash(_("The offer is now “%(status)s”.", status=label_for(wanted)), "success")
    return redirect(url_for("offers.detail", offer_id=offer.id))


@blueprint.route("/<int:offer_id>/hide", methods=["POST"])
@login_required
def hide(offer_id: int):
    offer = load_offer(offer_id, "offer.hide")
    form = HideForm()
    if not form.validate_on_submit():  # unconfirmed or expired: nothing is hidden, the form says why
        return _render_detail(offer, hide_form=form, status=422)
    try:
        services.hide_offer(offer, current_user, form.reason.data)
    except ValidationFailed as error:
        show_service_errors(form, error)
        return _render_detail(offer, hide_form=form, status=422)
    db.session.commit()
    flash(_("The offer is hidden; its author has been told why."), "success")
    return redirect(url_for("offers.detail", offer_id=offer.id))


@blueprint.route("/<int:offer_id>/unhide", methods=["POST"])
@login_required
def unhide(offer_id: int):
    offer = load_offer(offer_id, "offer.hide")
    if ButtonForm().validate_on_submit():
        services.unhide_offer(offer)
        db.session.commit()
        flash(_("The offer is visible again."), "success")
    return redirect(url_for("offers.detail", offer_id=offer.id))
