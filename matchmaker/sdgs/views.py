"""The goals' pages: the seventeen goals, and each goal with its statement, its targets and what the platform
holds under it, for anyone, without an account."""
from flask import Blueprint, render_template
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.errors import NotFound
from matchmaker.extensions import db
from matchmaker.reference.models import SDG
from matchmaker.reference.services import list_sdgs
from matchmaker.sdgs import services

blueprint = Blueprint("sdgs", __name__, url_prefix="/sdgs")


@blueprint.route("/")
def index():
    return render_template("sdgs/index.html", goals=list_sdgs())


@blueprint.route("/<int:number>")
def goal(number: int):
    sdg = db.session.get(SDG, number) if 1 <= number <= 17 else None
    if sdg is None:
        raise NotFound(_("There is no such goal: the goals are numbered from 1 to 17."))
    return render_template("sdgs/goal.html", page=services.goal_page(sdg, current_user))
