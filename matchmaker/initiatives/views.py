"""Initiative pages: the public showcase (list and page), registering and editing one, its pictures, and the
coordinators' curation (approve, hide, merge)."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.challenges.forms import sdg_choices
from matchmaker.db import STALE_WRITES
from matchmaker.errors import NotFound, ValidationFailed
from matchmaker.extensions import db
from matchmaker.forms import ButtonForm, HideForm, show_service_errors
from matchmaker.initiatives import services
from matchmaker.initiatives.forms import LINK_ROWS, MILESTONE_ROWS, ImageForm, InitiativeForm, MergeForm
from matchmaker.initiatives.models import Initiative, InitiativeImage, InitiativeStatus, InterventionKind, ReviewState
from matchmaker.labels import choices_for
from matchmaker.listing import ListFilters
from matchmaker.loading import load_visible
from matchmaker.permissions import can, require
from matchmaker.reference.models import Scale
from matchmaker.reference.services import list_departments, list_sdgs
from matchmaker.templating import current_language

blueprint = Blueprint("initiatives", __name__, url_prefix="/initiatives")


def load_initiative(initiative_id: int, action: str = "initiative.view") -> Initiative:
    """The initiative, if the current user may do `action` on it. One they may not even see is a 404."""
    return load_visible(Initiative, initiative_id, action, view_action="initiative.view",
                        missing=_("This initiative does not exist or is not visible to you."))


@blueprint.route("/")
def index():
    filters = ListFilters.from_args(request.args, sorts=services.SORTS)
    filters.extra = {"reach": request.args.get("reach") or None}
    if can(current_user, "initiative.curate"):  # coordinators look for the initiatives waiting for review
        filters.extra["review"] = request.args.get("review") or None
    page = services.list_initiatives(filters, current_user)
    return render_template("initiatives/index.html", page=page, filters=filters, sdgs=list_sdgs(),
                           departments=list_departments(), statuses=choices_for(InitiativeStatus),
                           kinds=choices_for(InterventionKind), reaches=choices_for(Scale),
                           reviews=choices_for(ReviewState))


def _prepare(form: InitiativeForm) -> InitiativeForm:
    language = current_language()
    form.sdgs.choices = sdg_choices(list_sdgs(), language)
    form.departments.choices = [(d.code, d.name_in(language)) for d in list_departments()]
    form.organisation_ids.choices = [(str(o.id), o.name) for o in services.verified_organisations()]
    return form


def _filled_from(initiative: Initiative) -> InitiativeForm:
    form = InitiativeForm(obj=initiative, data={
        "milestones": [{"title": m.title, "due_on": m.due_on, "done": m.done} for m in initiative.milestones],
        "links": [{"label": link.label, "url": link.url} for link in initiative.links]})
    form.kind.data, form.status.data, form.reach.data = (initiative.kind.value, initiative.status.value,
                                                         initiative.reach.value)
    form.sdgs.data = [str(s.number) for s in initiative.sdgs]
    form.departments.data = [d.code for d in initiative.departments]
    form.lead_emails.data = "\n".join(p.user.email for p in initiative.people if p.lead and p.user)
    form.other_people.data = "\n".join(p.name for p in initiative.people if p.user_id is None)
    form.organisation_ids.data = [str(p.organisation_id) for p in initiative.partners if p.organisation_id]
    form.partner_names.data = "\n".join(p.name for p in initiative.partners if p.organisation_id is None)
    for _row in range(MILESTONE_ROWS if len(initiative.milestones) < services.MAX_MILESTONES else 0):
        if len(form.milestones.entries) < services.MAX_MILESTONES:
            form.milestones.append_entry()
    for _row in range(LINK_ROWS):
        if len(form.links.entries) < services.MAX_LINKS:
            form.links.append_entry()
    return form


@blueprint.route("/new", methods=["GET", "POST"])
@login_required
def new():
    require("initiative.create")
    form = _prepare(InitiativeForm())
    if form.validate_on_submit():
        try:
            initiative = services.create_initiative(current_user, form.service_data())
        except ValidationFailed as error:
            db.session.rollback()
            show_service_errors(form, error)
        else:
            db.session.commit()
            flash(_("The initiative is registered. A coordinator reviews it before it is public."), "success")
            return redirect(url_for("initiatives.detail", initiative_id=initiative.id))
    return render_template("initiatives/form.html", form=form, initiative=None), 422 if form.errors else 200


@blueprint.route("/<int:initiative_id>")
def detail(initiative_id: int):
    initiative = db.session.get(Initiative, initiative_id)
    if initiative is not None and initiative.merged_into_id is not None:
        return redirect(url_for("initiatives.detail", initiative_id=initiative.merged_into_id), 301)
    return _render_detail(load_initiative(initiative_id))


def _render_detail(initiative: Initiative, status: int = 200, **forms):
    people, unnamed = services.shown_people(initiative, lambda profile: can(current_user, "profile.view", profile))
    curating = can(current_user, "initiative.curate", initiative)
    return render_template(
        "initiatives/detail.html", initiative=initiative, people=people, unnamed=unnamed,
        curations=services.curations_of(initiative) if curating else [],
        hide_form=forms.get("hide_form") or HideForm(), merge_form=forms.get("merge_form") or MergeForm(),
        image_form=forms.get("image_form") or ImageForm(),
        max_image_mb=current_app.config["INITIATIVE_IMAGE_MAX_BYTES"] / 1024 / 1024), status


@blueprint.route("/<int:initiative_id>/edit", methods=["GET", "POST"])
@login_required
def edit(initiative_id: int):
    initiative = load_initiative(initiative_id, "initiative.edit")
    form = _prepare(_filled_from(initiative) if request.method == "GET" else InitiativeForm())
    stale = False
    if form.validate_on_submit():
        try:
            services.update_initiative(initiative, form.service_data(), form.sent_version())
        except ValidationFailed as error:
            db.session.rollback()
            show_service_errors(form, error)
        except STALE_WRITES:
            db.session.rollback()
            stale = True
        else:
            db.session.commit()
            flash(_("Your changes are saved."), "success")
            return redirect(url_for("initiatives.detail", initiative_id=initiative.id))
    return render_template("initiatives/form.html", form=form, initiative=initiative, stale=stale), \
        409 if stale else 422 if form.errors else 200


@blueprint.route("/<int:initiative_id>/images", methods=["POST"])
@login_required
def upload_image(initiative_id: int):
    initiative = load_initiative(initiative_id, "initiative.edit")
    form = ImageForm()
    if form.validate_on_submit():
        upload = request.files.get("file")
        data = upload.read(current_app.config["INITIATIVE_IMAGE_MAX_BYTES"] + 1) if upload else b""
        try:
            services.add_image(initiative, current_user, upload.filename if upload else "", data,
                               form.alt_text.data or "")
        except ValidationFailed as error:
            db.session.rollback()
            show_service_errors(form, error)
        else:
            db.session.commit()
            flash(_("The picture is added."), "success")
            return redirect(url_for("initiatives.detail", initiative_id=initiative.id, _anchor="images"))
    return _render_detail(initiative, 422, image_form=form)


@blueprint.route("/<int:initiative_id>/images/<int:image_id>")
def image(initiative_id: int, image_id: int):
    initiative = load_initiative(initiative_id)
    picture = db.session.get(InitiativeImage, image_id)
    path = services.image_path(picture) if picture is not None else None
    if picture is None or picture.initiative_id != initiative.id or not path.is_file():
        raise NotFound(_("This picture does not exist."))
    response = send_file(path, mimetype=picture.content_type, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "public, max-age=3600" if initiative.is_public else "private, no-store"
    return response


# --- curation ---------------------------------------------------------------------------------------------

@blueprint.route("/<int:initiative_id>/approve", methods=["POST"])
@login_required
def approve(initiative_id: int):
    initiative = load_initiative(initiative_id, "initiative.curate")
    if ButtonForm().validate_on_submit():
        services.approve_initiative(initiative, current_user)
        db.session.commit()
        flash(_("The initiative is approved: the public can see it."), "success")
    return redirect(url_for("initiatives.detail", initiative_id=initiative.id))


@blueprint.route("/<int:initiative_id>/hide", methods=["POST"])
@login_required
def hide(initiative_id: int):
    initiative = load_initiative(initiative_id, "initiative.curate")
    form = HideForm()
    if not form.validate_on_submit():
        return _render_detail(initiative, 422, hide_form=form)
    try:
        services.hide_initiative(initiative, current_user, form.reason.data)
    except ValidationFailed as error:
        show_service_errors(form, error)
        return _render_detail(initiative, 422, hide_form=form)
    db.session.commit()
    flash(_("The initiative is hidden from the public."), "success")
    return redirect(url_for("initiatives.detail", initiative_id=initiative.id))


@blueprint.route("/<int:initiative_id>/unhide", methods=["POST"])
@login_required
def unhide(initiative_id: int):
    initiative = load_initiative(initiative_id, "initiative.curate")
    if ButtonForm().validate_on_submit():
        services.unhide_initiative(initiative, current_user)
        db.session.commit()
        flash(_("The initiative is visible again."), "success")
    return redirect(url_for("initiatives.detail", initiative_id=initiative.id))


@blueprint.route("/<int:initiative_id>/merge", methods=["POST"])
@login_required
def merge(initiative_id: int):
    duplicate = load_initiative(initiative_id, "initiative.curate")
    form = MergeForm()
    if not form.validate_on_submit():
        return _render_detail(duplicate, 422, merge_form=form)
    try:
        kept = services.merge_initiative(duplicate, form.keep.data or "", current_user, form.reason.data)
    except ValidationFailed as error:
        show_service_errors(form, error)
        return _render_detail(duplicate, 422, merge_form=form)
    db.session.commit()
    flash(_("Initiative #%(duplicate)d is merged into this one.", duplicate=duplicate.id), "success")
    return redirect(url_for("initiatives.detail", initiative_id=kept.id))
