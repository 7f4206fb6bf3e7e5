"""The people directory, academic profiles, and an academic's own profile and publications."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from matchmaker.academics import services
from matchmaker.academics.forms import ProfileForm, PublicationForm, PublicationUploadForm, RemovePublicationForm
from matchmaker.academics.models import AcademicProfile, Publication
from matchmaker.challenges.forms import sdg_choices
from matchmaker.db import STALE_WRITES
from matchmaker.errors import NotFound, ValidationFailed
from matchmaker.extensions import db
from matchmaker.forms import show_service_errors
from matchmaker.listing import ListFilters
from matchmaker.loading import load_visible
from matchmaker.offers.services import offers_of
from matchmaker.permissions import can, require
from matchmaker.reference.services import list_departments, list_sdgs
from matchmaker.templating import current_language

blueprint = Blueprint("academics", __name__)


@blueprint.route("/people")
def index():
    filters = ListFilters.from_args(request.args, sorts=services.SORTS)
    page = services.list_directory(filters, current_user)
    return render_template("academics/index.html", page=page, filters=filters, sdgs=list_sdgs(),
                           departments=list_departments())


@blueprint.route("/people/<int:user_id>")
def detail(user_id: int):
    profile = load_visible(AcademicProfile, user_id, view_action="profile.view",
                           missing=_("This profile does not exist or is not public."))
    offers = [o for o in offers_of(profile.user) if can(current_user, "offer.view", o)]
    return render_template("academics/detail.html", profile=profile, offers=offers,
                           initiatives=services.public_initiatives_led_by(profile.user))


@blueprint.route("/people/<int:user_id>/card")
@login_required
def card(user_id: int):
    """The short profile card an organisation reads of an academic suggested to it, in the directory or not."""
    profile = load_visible(AcademicProfile, user_id, view_action="academic.view_card",
                           missing=_("This profile does not exist or is not public."))
    return render_template("academics/card.html", profile=profile)


def _own_profile() -> AcademicProfile:
    profile = current_user.academic_profile
    if profile is None:
        raise NotFound(_("Only academics have a profile."))
    require("profile.edit", profile)
    return profile


def _profile_form(profile: AcademicProfile, submitted: bool) -> ProfileForm:
    """The profile form, filled from the request when submitted, from the saved profile otherwise."""
    form = ProfileForm() if submitted else ProfileForm(obj=profile, formdata=None)
    language = current_language()
    form.department.choices = [SelectChoice(d.code, d.name_in(language)) for d in list_departments()]
    form.sdgs.choices = sdg_choices(list_sdgs(), language)
    if not submitted:
        form.department.data = profile.department.code
        form.academic_role.data = profile.academic_role.value if profile.academic_role else ""
        form.expertise.data = ", ".join(profile.expertise or [])
        form.sdgs.data = [str(s.number) for s in profile.sdgs]
    return form


@blueprint.route("/profile", methods=["GET", "POST"])
@login_required
def edit_profile():
    profile = _own_profile()
    form = _profile_form(profile, submitted=request.method == "POST")
    stale = False
    if form.validate_on_submit():
        try:
            services.update_profile(profile, form.service_data(), version=form.sent_version())
        except ValidationFailed as error:
            show_service_errors(form, error)
        except STALE_WRITES:
            db.session.rollback()
            stale = True
        else:
            db.session.commit()
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("academics.edit_profile"))
    return render_template("academics/edit.html", form=form, profile=profile, publication_form=PublicationForm(),
                           upload_form=PublicationUploadForm(), remove_form_for=_remove_forms(), stale=stale), \
        409 if stale else 422 if form.errors else 200


@blueprint.route("/profile/publications", methods=["POST"])
@login_required
def add_publication():
    profile = _own_profile()
    form = PublicationForm()
    if form.validate_on_submit():
        try:
            services.add_publication(profile, {"title": form.title.data or "", "abstract": form.abstract.data or "",
                                               "year": form.year.data})
        except ValidationFailed as error:
            show_service_errors(form, error)
        else:
            db.session.commit()
            flash(_("The publication is added."), "success")
            return redirect(url_for("academics.edit_profile") + "#publications")
    return _render_publication_failure(profile, publication_form=form)


@blueprint.route("/profile/publications/upload", methods=["POST"])
@login_required
def upload_publications():
    profile = _own_profile()
    form = PublicationUploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        if not upload or not upload.filename:
            form.file.errors = [_("Choose a file to upload.")]
        else:
            try:
                added = services.import_publications(profile, upload.filename, upload.read())
            except ValidationFailed as error:
                show_service_errors(form, error)
            else:
                db.session.commit()
                flash(ngettext("%(num)d publication added.", "%(num)d publications added.", len(added)), "success")
                return redirect(url_for("academics.edit_profile") + "#publications")
    return _render_publication_failure(profile, upload_form=form)


def _render_publication_failure(profile, publication_form=None, upload_form=None, remove_form_for=None):
    return render_template("academics/edit.html", form=_profile_form(profile, submitted=False), profile=profile,
                           publication_form=publication_form or PublicationForm(),
                           upload_form=upload_form or PublicationUploadForm(),
                           remove_form_for=remove_form_for or _remove_forms()), 422


def _remove_forms(failed: RemovePublicationForm | None = None, failed_id: int | None = None):
    """The remove form of each listed publication: the one that failed keeps its error."""
    return lambda publication_id: failed if publication_id == failed_id else RemovePublicationForm(formdata=None)


@blueprint.route("/profile/publications/<int:publication_id>/delete", methods=["POST"])
@login_required
def delete_publication(publication_id: int):
    profile = _own_profile()
    publication = db.session.get(Publication, publication_id)
    if publication is None or publication.user_id != profile.user_id:
        raise NotFound(_("This publication does not exist."))
    form = RemovePublicationForm()
    if not form.validate_on_submit():  # unconfirmed or expired: the publication stays, the form says why
        return _render_publication_failure(profile, remove_form_for=_remove_forms(form, publication.id))
    services.delete_publication(publication)
    db.session.commit()
    flash(_("The publication is removed."), "success")
    return redirect(url_for("academics.edit_profile") + "#publications")
