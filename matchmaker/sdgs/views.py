"""The goals' pages: the seventeen goals, and each goal with its statement, its targets and what the platform
holds under it, for anyone, without an account."""
from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.errors import NotFound
from matchmaker.extensions import db
from matchmaker.permissions import require
from matchmaker.reference.models import SDG
from matchmaker.reference.services import list_sdgs
from matchmaker.sdgs import review, services
from matchmaker.sdgs.models import ITEM_KINDS

blueprint = Blueprint("sdgs", __name__, url_prefix="/sdgs")
review_blueprint = Blueprint("sdg_review", __name__, url_prefix="/coordination/sdgs")


@blueprint.route("/")
def index():
    return render_template("sdgs/index.html", goals=list_sdgs())


@blueprint.route("/<int:number>")
def goal(number: int):
    sdg = db.session.get(SDG, number) if 1 <= number <= 17 else None
    if sdg is None:
        raise NotFound(_("There is no such goal: the goals are numbered from 1 to 17."))
    return render_template("sdgs/goal.html", page=services.goal_page(sdg, current_user))


@review_blueprint.route("")
@login_required
def tags_review():
    require("sdg_review.view")
    kind = request.args.get("kind", "")
    kinds = (kind,) if kind in ITEM_KINDS else ITEM_KINDS
    page = request.args.get("page", "1")
    page = min(int(page), 10_000) if page.isdigit() and 0 < len(page) < 6 and int(page) > 0 else 1
    listed = review.review_page(kinds, page)
    return render_template("sdgs/review.html", kind=kind if kind in ITEM_KINDS else "", kinds=ITEM_KINDS,
                           disagreeing=listed.disagreeing, untagged=listed.untagged, page=page, more=listed.more,
                           strong=review.STRONG)
