"""The impact case study of an initiative: a printable page for whoever may see the initiative, and its PDF, made
from the same HTML, for coordinators."""
import re
import unicodedata

from flask import Blueprint, Response, current_app, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.casestudies import services
from matchmaker.extensions import db
from matchmaker.initiatives.models import Initiative
from matchmaker.initiatives.services import shown_people
from matchmaker.loading import load_visible
from matchmaker.permissions import can
from matchmaker.printing import PdfUnavailable, pdf_from_html
from matchmaker.types import utcnow

blueprint = Blueprint("casestudies", __name__)
EVIDENCE_ENDPOINT = "impact_values.evidence"


def _visible_initiative(initiative_id: int, action: str | None = None) -> Initiative:
    """The initiative, or a 404 for one the reader may not see; then, when an `action` is given, its permission."""
    return load_visible(Initiative, initiative_id, action, view_action="initiative.view",
                        missing=_("This initiative does not exist or is not visible to you."))


def _render(initiative: Initiative, for_pdf: bool = False) -> str:
    def may_see_profile(profile) -> bool:
        return can(current_user, "profile.view", profile)

    people, unnamed = shown_people(initiative, may_see_profile)
    # Publications are read on profiles: only those of people whose profile the reader may see underpin the study.
    authors = [person for person in people if person.user is not None and person.user.academic_profile is not None
               and may_see_profile(person.user.academic_profile)]
    study = services.case_study(initiative, people, unnamed, authors,
                                names_shown=can(current_user, "case_study.name_confirmers", initiative))
    return render_template(
        "casestudies/case_study.html", study=study, initiative=initiative, for_pdf=for_pdf, made_on=utcnow().date(),
        # Why a figure is disputed is for the people who curate the initiative, not the public.
        reasons_shown=can(current_user, "initiative.edit", initiative),
        # Evidence documents are served by the impact values' pages, where the app has them.
        evidence_endpoint=EVIDENCE_ENDPOINT if EVIDENCE_ENDPOINT in current_app.view_functions else None)


@blueprint.route("/initiatives/<int:initiative_id>/case-study")
def page(initiative_id: int):
    merged = db.session.get(Initiative, initiative_id)
    if merged is not None and merged.merged_into_id is not None:  # as the initiative's own page does
        return redirect(url_for("casestudies.page", initiative_id=merged.merged_into_id), 301)
    return _render(_visible_initiative(initiative_id))


def pdf_filename(title: str, initiative_id: int) -> str:
    """An ASCII file name from the title ("Comunità energetica" → case-study-7-comunita-energetica.pdf)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")[:60].rstrip("-")
    return f"case-study-{initiative_id}" + (f"-{slug}" if slug else "") + ".pdf"


@blueprint.route("/initiatives/<int:initiative_id>/case-study.pdf")
def pdf(initiative_id: int):
    initiative = _visible_initiative(initiative_id, "case_study.download")
    try:
        document = pdf_from_html(_render(initiative, for_pdf=True))
    except PdfUnavailable:
        return render_template("casestudies/pdf_unavailable.html", initiative=initiative), 503
    filename = pdf_filename(initiative.title, initiative.id)
    return Response(document, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "private, no-store"})
