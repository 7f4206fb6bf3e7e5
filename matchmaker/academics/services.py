"""Academic profile operations: edit the profile, add publications, list the directory. Each flushes."""
import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager

from matchmaker.academics.models import AcademicProfile, AcademicRole, Publication, profile_sdgs
from matchmaker.academics.publications import PublicationFileError, parse_publication_file
from matchmaker.auth.models import User
from matchmaker.db import check_version, replace_sdgs
from matchmaker.errors import ValidationFailed
from matchmaker.events import ProfileChanged, publish
from matchmaker.extensions import db
from matchmaker.initiatives.models import Initiative, InitiativePerson
from matchmaker.listing import ListFilters, search_and_paginate
from matchmaker.permissions import public_initiatives, visible_profiles
from matchmaker.reference.models import Department
from matchmaker.reference.services import department_by_code
from matchmaker.text import is_web_address
from matchmaker.validation import Checker

BIOGRAPHY_MAX = 3000
EDITABLE_FIELDS = {"department", "academic_role", "biography", "expertise", "sdgs", "languages",
                   "capacity_per_semester", "available", "directory_opt_in", "suggest_to_organisations"}
LANGUAGES = ("it", "en", "fr", "de", "es", "pt", "ar", "zh", "ro", "sq", "other")
SORTS = ("name", "department")
PUBLICATION_URL_MAX = 500


def check_profile_fields(data: dict, *, partial: bool = False) -> dict:
    check = Checker(data, partial=partial)
    check.unknown_fields(EDITABLE_FIELDS)
    if check.wants("department"):
        department = department_by_code(str(data.get("department") or ""))
        if department is None:
            check.fail("department", _("Choose your department."))
        else:
            check.clean["department"] = department
    check.choice("academic_role", AcademicRole, required=False)
    check.text("biography", max_length=BIOGRAPHY_MAX)
    check.keywords("expertise", max_count=25, max_length=60)
    check.sdgs()
    if check.wants("languages"):
        languages = data.get("languages") or []
        if not isinstance(languages, list) or any(code not in LANGUAGES for code in languages):
            check.fail("languages", _("Choose languages from the list."))
        else:
            check.clean["languages"] = sorted(set(languages), key=LANGUAGES.index)
    check.integer("capacity_per_semester", minimum=0, maximum=50, required=not partial)
    check.boolean("available")
    check.boolean("directory_opt_in")
    check.boolean("suggest_to_organisations")
    return check.done()


def update_profile(profile: AcademicProfile, data: dict, *, partial: bool = False,
                   version: int | None = None) -> AcademicProfile:
    """Change the profile's fields; with `version`, refuse (StaleVersion) when it changed since. Flushes."""
    check_version(profile, version)
    for name, value in check_profile_fields(data, partial=partial).items():
        if name == "sdgs":
            replace_sdgs(profile, value)
        else:
            setattr(profile, name, value)
    db.session.flush()
    publish(ProfileChanged(profile.user_id))
    return profile


def link_problem(url: str | None) -> str | None:
    """Why a publication's link cannot be kept, or None: it must be an http or https address with a host."""
    if url and (len(url) > PUBLICATION_URL_MAX or not is_web_address(url)):
        return _("Give a web address starting with http:// or https://, such as https://doi.org/10.1000/182.")
    return None


def add_publication(profile: AcademicProfile, data: dict) -> Publication:
    """Add one publication typed by the academic. Flushes."""
    check = Checker(data)
    check.text("title", max_length=500, required=True, multiline=False)
    check.text("abstract", max_length=10_000)
    check.integer("year", minimum=1900, maximum=2100, required=False)
    check.text("url", max_length=PUBLICATION_URL_MAX, multiline=False)
    if problem := link_problem(check.clean.get("url")):
        check.fail("url", problem)
    fields = check.done()
    fields["url"] = fields.get("url") or None
    publication = Publication(profile=profile, **fields)
    db.session.add(publication)
    db.session.flush()
    publish(ProfileChanged(profile.user_id))
    return publication


def import_publications(profile: AcademicProfile, filename: str, content: bytes) -> list[Publication]:
    """Add every publication of a BibTeX or CSV file, skipping titles the profile already has. Flushes."""
    try:
        parsed = parse_publication_file(filename, content)
    except PublicationFileError as error:
        raise ValidationFailed(_("The file could not be read: %(reason)s.", reason=str(error)),
                               {"file": [_("The file could not be read: %(reason)s.", reason=str(error))]}) from None
    for item in parsed:
        if link_problem(item.url):
            message = _("The link of “%(title)s” is not a web address: give one starting with http:// or https://, "
                        "or leave it out.", title=item.title[:80])
            raise ValidationFailed(message, {"file": [message]})
    known = {p.title.casefold() for p in profile.publications}
    added = []
    for item in parsed:
        if item.title.casefold() in known:
            continue
        known.add(item.title.casefold())
        publication = Publication(profile=profile, title=item.title, abstract=item.abstract, year=item.year,
                                  venue=item.venue, url=item.url)
        db.session.add(publication)
        added.append(publication)
    db.session.flush()
    publish(ProfileChanged(profile.user_id))
    return added


def delete_publication(publication: Publication) -> None:
    db.session.delete(publication)
    db.session.flush()
    publish(ProfileChanged(publication.user_id))


def list_directory(filters: ListFilters, viewer):
    """The page of academic profiles `viewer` may see (opted-in ones for the public), without a query per row."""
    query = (sa.select(AcademicProfile).join(AcademicProfile.user).join(AcademicProfile.department)
             .where(visible_profiles(viewer), User.active.is_(True))
             .options(contains_eager(AcademicProfile.user)))  # each row shows the name: take it from the join
    if filters.department:
        query = query.where(Department.code == filters.department.upper())
    if filters.sdg:
        query = query.where(AcademicProfile.user_id.in_(
            sa.select(profile_sdgs.c.user_id).where(profile_sdgs.c.sdg_number == filters.sdg)))
    if filters.status == "available":
        query = query.where(AcademicProfile.available.is_(True))
    order = {"name": (sa.func.lower(User.name), User.id),
             "department": (Department.code, sa.func.lower(User.name))}[filters.sort]
    return search_and_paginate(
        query, filters, kind="academic", id_column=AcademicProfile.user_id, order_by=order,
        text_columns=[User.name, AcademicProfile.biography, sa.cast(AcademicProfile.expertise, sa.String)])


def public_initiatives_led_by(user: User) -> list[Initiative]:
    """The public initiatives `user` leads, the latest started first: what their directory page lists."""
    led = sa.select(InitiativePerson.initiative_id).where(InitiativePerson.user_id == user.id,
                                                         InitiativePerson.lead.is_(True))
    return list(db.session.scalars(sa.select(Initiative).where(public_initiatives(), Initiative.id.in_(led))
                                   .order_by(Initiative.starts_on.desc().nulls_last(), Initiative.id.desc())))
