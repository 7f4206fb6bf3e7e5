"""Initiative operations: register, edit, add images, curate (approve, hide, merge), list, and create one from a
completed proposal. Each flushes; callers commit."""
import secrets
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker.auth.models import Role, User, UserRole
from matchmaker.db import check_version, replace_sdgs
from matchmaker.errors import Conflict, ValidationFailed
from matchmaker.extensions import db
from matchmaker.initiatives.models import (
    CurationAction,
    Initiative,
    InitiativeCuration,
    InitiativeImage,
    InitiativeLink,
    InitiativePartner,
    InitiativePerson,
    InitiativeStatus,
    InterventionKind,
    Milestone,
    ReviewState,
    initiative_departments,
    initiative_sdgs,
)
from matchmaker.listing import ListFilters, enum_filter, search_and_paginate
from matchmaker.moderation import hide, unhide
from matchmaker.notifications.services import send_templated_email
from matchmaker.orgs.models import Organisation, OrganisationStatus
from matchmaker.permissions import visible_initiatives
from matchmaker.reference.models import Department, Scale
from matchmaker.types import utcnow
from matchmaker.validation import Checker, database_id, first_control_character

TITLE_MIN, TITLE_MAX, SUMMARY_MAX, DESCRIPTION_MAX, STORY_MAX, PLACE_MAX = 8, 150, 600, 10_000, 5_000, 120
NAME_MAX, PARTNER_MAX, MILESTONE_MAX, LABEL_MAX, URL_MAX, ALT_MAX = 120, 200, 200, 120, 500, 300
MAX_PEOPLE, MAX_PARTNERS, MAX_MILESTONES, MAX_LINKS = 30, 20, 30, 15
SORTS = ("newest", "title", "starts")
FIELDS = {"title", "summary", "description", "partner_story", "kind", "place", "reach", "starts_on", "ends_on",
          "status", "progress", "sdgs", "departments", "lead_emails", "other_people", "organisation_ids",
          "partner_names", "milestones", "links"}


# --- checking -------------------------------------------------------------------------------------------------

def _lines(value) -> list[str]:
    """The non-empty lines (or comma-separated items of a line) of a text, or the items of a list."""
    items = value if isinstance(value, list | tuple) else str(value or "").replace(",", "\n").splitlines()
    return list(dict.fromkeys(" ".join(str(item).split()) for item in items if str(item).strip()))


def _names(check: Checker, field: str, limit: int, max_count: int) -> list[str]:
    value = check.data.get(field)
    if value is not None and not isinstance(value, str | list):
        check.fail(field, _("Give the names one per line."))
        return []
    names = [" ".join(line.split()) for line in str(value or "").splitlines()] if isinstance(value, str) \
        else [" ".join(str(item).split()) for item in value or []]
    names = list(dict.fromkeys(name for name in names if name))
    if len(names) > max_count:
        check.fail(field, _("Give at most %(n)d names.", n=max_count))
    elif any(len(name) > limit for name in names):
        check.fail(field, _("Keep each name within %(n)d characters.", n=limit))
    elif any(first_control_character(name) for name in names):
        check.fail(field, _("Remove the invisible control characters from the names."))
    else:
        return names
    return []


def _lead_academics(check: Checker) -> list[User]:
    emails = [email.lower() for email in _lines(check.data.get("lead_emails"))]
    if len(emails) > MAX_PEOPLE:
        check.fail("lead_emails", _("Give at most %(n)d addresses.", n=MAX_PEOPLE))
        return []
    found = {user.email.lower(): user for user in db.session.scalars(
        sa.select(User).join(UserRole).where(sa.func.lower(User.email).in_(emails), UserRole.role == Role.ACADEMIC,
                                             User.active.is_(True), User.email_verified_at.is_not(None)))} \
        if emails else {}
    unknown = [email for email in emails if email not in found]
    if unknown:
        check.fail("lead_emails", _("No confirmed academic has the address %(email)s: check it, or add the person "
                                    "under “Other people”.", email=unknown[0][:120]))
        return []
    return [found[email] for email in emails]


def _departments(check: Checker) -> list[Department]:
    codes = [code.upper() for code in _lines(check.data.get("departments"))]
    found = {d.code: d for d in db.session.scalars(sa.select(Department).where(Department.code.in_(codes)))} \
        if codes else {}
    if any(code not in found for code in codes):
        check.fail("departments", _("Choose departments from the list."))
        return []
    return [found[code] for code in codes]


def _organisations(check: Checker) -> list[Organisation]:
    raw = check.data.get("organisation_ids") or []
    ids = []
    for value in raw if isinstance(raw, list | tuple) else [raw]:
        number = database_id(int(value)) if isinstance(value, str) and value.isascii() and value.isdigit() \
            and len(value) < 11 else database_id(value)
        if number is None:
            check.fail("organisation_ids", _("Choose organisations from the list."))
            return []
        ids.append(number)
    ids = list(dict.fromkeys(ids))[:MAX_PARTNERS]
    found = {o.id: o for o in db.session.scalars(sa.select(Organisation).where(
        Organisation.id.in_(ids), Organisation.status == OrganisationStatus.VERIFIED))} if ids else {}
    if any(number not in found for number in ids):
        check.fail("organisation_ids", _("Choose organisations from the list."))
        return []
    return [found[number] for number in ids]


def _rows(check: Checker, field: str, max_count: int) -> list[dict]:
    rows = check.data.get(field) or []
    if not isinstance(rows, list | tuple) or not all(isinstance(row, dict) for row in rows):
        check.fail(field, _("This list cannot be read."))
        return []
    if len(rows) > max_count:
        check.fail(field, _("Give at most %(n)d rows.", n=max_count))
        return []
    return list(rows)


def _milestones(check: Checker) -> list[dict]:
    cleaned = []
    for number, row in enumerate(_rows(check, "milestones", MAX_MILESTONES), start=1):
        title = " ".join(str(row.get("title") or "").split())
        due_on = row.get("due_on")
        if not title and due_on in (None, ""):
            continue  # an empty row of the form
        row_check = Checker({"title": title, "due_on": due_on})
        row_check.text("title", max_length=MILESTONE_MAX, required=True, multiline=False)
        row_check.day("due_on", required=True)
        if row_check.errors:
            problems = " ".join(message for messages in row_check.errors.values() for message in messages)
            check.fail("milestones", _("Milestone %(n)d: %(problems)s", n=number, problems=problems))
            continue
        cleaned.append({**row_check.clean, "done": row.get("done") in (True, "y", "on", "true", "1")})
    return cleaned


def is_web_address(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and "@" not in parts.netloc \
        and not any(c.isspace() for c in url)


def _links(check: Checker) -> list[dict]:
    cleaned = []
    for number, row in enumerate(_rows(check, "links", MAX_LINKS), start=1):
        label = " ".join(str(row.get("label") or "").split())
        url = str(row.get("url") or "").strip()
        if not label and not url:
            continue
        if not label or len(label) > LABEL_MAX or first_control_character(label):
            check.fail("links", _("Link %(n)d: give a label of at most %(max)d characters.", n=number,
                                  max=LABEL_MAX))
        elif len(url) > URL_MAX or not is_web_address(url):
            check.fail("links", _("Link %(n)d: give a web address starting with http:// or https://.", n=number))
        else:
            cleaned.append({"label": label, "url": url})
    return cleaned


def check_initiative_fields(data: dict) -> dict:
    """The cleaned fields of an initiative (people, partners, milestones and links resolved), or ValidationFailed
    naming each problem. Nothing is written here."""
    check = Checker(data)
    check.unknown_fields(FIELDS)
    check.text("title", max_length=TITLE_MAX, min_length=TITLE_MIN, required=True, multiline=False)
    check.text("summary", max_length=SUMMARY_MAX, required=True)
    check.text("description", max_length=DESCRIPTION_MAX)
    check.text("partner_story", max_length=STORY_MAX)
    check.text("place", max_length=PLACE_MAX, multiline=False)
    check.choice("kind", InterventionKind)
    check.choice("reach", Scale)
    check.choice("status", InitiativeStatus)
    check.day("starts_on")
    check.day("ends_on")
    check.integer("progress", minimum=0, maximum=100, required=False)
    check.sdgs()
    check.clean["progress"] = check.clean.get("progress")
    check.clean["leads"] = _lead_academics(check)
    check.clean["other_people"] = _names(check, "other_people", NAME_MAX, MAX_PEOPLE)
    check.clean["organisations"] = _organisations(check)
    check.clean["partner_names"] = _names(check, "partner_names", PARTNER_MAX, MAX_PARTNERS)
    check.clean["departments"] = _departments(check)
    check.clean["milestones"] = _milestones(check)
    check.clean["links"] = _links(check)
    starts, ends = check.clean.get("starts_on"), check.clean.get("ends_on")
    if starts and ends and ends < starts:
        check.fail("ends_on", _("The end date must be the start date or later."))
    if check.clean.get("status") is InitiativeStatus.CONCLUDED and not (ends or check.errors.get("ends_on")):
        check.fail("ends_on", _("Say when a concluded initiative ended."))
    return check.done()


def _apply(initiative: Initiative, fields: dict, *, always_lead: User | None = None) -> None:
    """Give the initiative exactly these fields, people, partners, milestones and links."""
    for name in ("title", "summary", "description", "partner_story", "kind", "place", "reach", "starts_on",
                 "ends_on", "status", "progress"):
        setattr(initiative, name, fields.get(name))
    initiative.description = initiative.description or ""
    initiative.partner_story = initiative.partner_story or ""
    initiative.place = initiative.place or ""
    replace_sdgs(initiative, fields.get("sdgs"))
    initiative.departments = fields["departments"]
    leads = list(dict.fromkeys(([always_lead] if always_lead else []) + fields["leads"]))
    # An account stays on its row (one per initiative): a new row for it would be inserted before the old one
    # is deleted.
    accounts = {person.user_id: person for person in initiative.people if person.user_id is not None}
    kept = [person for person in initiative.people if person.user_id is not None and not person.lead
            and person.user_id not in {user.id for user in leads}]
    people = []
    for user in leads:
        person = accounts.get(user.id) or InitiativePerson(user=user)
        person.lead = True
        people.append(person)
    people += kept + [InitiativePerson(name=name, lead=False) for name in fields["other_people"]]
    for position, person in enumerate(people):
        person.position = position
    initiative.people = people
    # An import gives its partners ready (those the initiative has already among them, kept on their rows).
    partners = fields.get("partners") or [InitiativePartner(organisation=o) for o in fields["organisations"]] + [
        InitiativePartner(name=name) for name in fields["partner_names"]]
    for position, partner in enumerate(partners):
        partner.position = position
    initiative.partners = partners
    initiative.milestones = [Milestone(**row) for row in fields["milestones"]]
    initiative.links = [InitiativeLink(position=n, **row) for n, row in enumerate(fields["links"])]


apply_fields = _apply  # for the import, which checks and writes rows with the same rules


def create_initiative(academic: User, data: dict) -> Initiative:
    """A new initiative led by `academic` (and the leads given), pending a coordinator's review. Flushes."""
    fields = check_initiative_fields(data)
    initiative = Initiative(created_by=academic, review=ReviewState.PENDING)
    db.session.add(initiative)
    # The leads' departments, unless the form names others.
    if not fields["departments"]:
        fields["departments"] = _departments_of([academic, *fields["leads"]])
    _apply(initiative, fields, always_lead=academic)
    db.session.flush()
    return initiative


def update_initiative(initiative: Initiative, data: dict, version: int | None = None) -> Initiative:
    """Replace the initiative's fields with these; with `version`, refuse (StaleVersion) a stale form. Flushes."""
    check_version(initiative, version)
    fields = check_initiative_fields(data)
    with db.session.no_autoflush:
        _apply(initiative, fields)
    initiative.updated_at = utcnow()
    db.session.flush()
    return initiative


def _departments_of(users) -> list[Department]:
    departments = {}
    for user in users:
        profile = user.academic_profile if user is not None else None
        if profile is not None:
            departments.setdefault(profile.department_id, profile.department)
    return list(departments.values())


# --- images ---------------------------------------------------------------------------------------------------

IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}


def _image_type(data: bytes) -> str | None:
    """The image's type by its first bytes, whatever its name says (no SVG: it can carry scripts)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def images_dir() -> Path:
    return Path(current_app.config["INITIATIVE_IMAGES_DIR"])


def image_path(image: InitiativeImage) -> Path:
    return images_dir() / image.storage_key


def add_image(initiative: Initiative, actor: User, filename: str, data: bytes, alt_text: str) -> InitiativeImage:
    """Keep a picture of the initiative with its alt text, if small enough and an image by its content. Stored
    under a random key; a rolled-back transaction leaves a file no row names, which is never served."""
    check = Checker({"alt_text": alt_text})
    check.text("alt_text", max_length=ALT_MAX, required=True, multiline=False)
    limit = current_app.config["INITIATIVE_IMAGE_MAX_BYTES"]
    errors = dict(check.errors)
    if "alt_text" in errors and not (alt_text or "").strip():
        errors["alt_text"] = [_("Describe the picture for people who cannot see it.")]
    extension = filename.rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    content_type = _image_type(data) if data else None
    if not data:
        errors["file"] = [_("Choose a picture to upload.")]
    elif len(data) > limit:
        errors["file"] = [_("This picture is too large: at most %(size)s MB, please.", size=f"{limit / 1024 / 1024:g}")]
    elif extension not in IMAGE_TYPES or content_type != IMAGE_TYPES[extension]:
        errors["file"] = [_("This file is not a PNG, JPEG or WebP picture.")]
    if errors:
        raise ValidationFailed(_("Some fields are missing or wrong."), errors)
    image = InitiativeImage(initiative_id=initiative.id, uploader_id=actor.id, alt_text=check.clean["alt_text"],
                            content_type=content_type, size=len(data), storage_key=secrets.token_urlsafe(32),
                            created_at=utcnow())
    folder = images_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / image.storage_key).write_bytes(data)
    db.session.add(image)
    db.session.flush()
    return image


# --- curation ---------------------------------------------------------------------------------------------------

def _record(initiative: Initiative, coordinator: User, action: CurationAction, reason: str | None = None,
            merged_into: Initiative | None = None) -> None:
    db.session.add(InitiativeCuration(initiative_id=initiative.id, actor_id=coordinator.id, action=action,
                                      reason=reason, merged_into_id=merged_into.id if merged_into else None,
                                      created_at=utcnow()))


def approve_initiative(initiative: Initiative, coordinator: User) -> Initiative:
    """Make a pending initiative public (unless hidden). Flushes."""
    if initiative.review is ReviewState.APPROVED:
        raise Conflict(_("This initiative is approved already. Reload the page to see it."))
    initiative.review = ReviewState.APPROVED
    _record(initiative, coordinator, CurationAction.APPROVE)
    db.session.flush()
    return initiative


def hide_initiative(initiative: Initiative, coordinator: User, reason: str | None) -> Initiative:
    """Hide the initiative from the public with a reason, which its leads read on the page and by e-mail."""
    hide(initiative, coordinator, reason)
    _record(initiative, coordinator, CurationAction.HIDE, initiative.hidden_reason)
    db.session.flush()
    for person in initiative.people:
        if person.lead and person.user is not None and person.user.active:
            send_templated_email(person.user, "hidden", _l("A coordinator has hidden your initiative"),
                                 title=initiative.title, reason=initiative.hidden_reason)
    return initiative


def unhide_initiative(initiative: Initiative, coordinator: User) -> Initiative:
    unhide(initiative)
    _record(initiative, coordinator, CurationAction.UNHIDE)
    db.session.flush()
    return initiative


def merge_initiative(duplicate: Initiative, keep_id, coordinator: User, reason: str | None = None) -> Initiative:
    """Hide `duplicate` as "merged into #keep" (its page then leads to the one kept), recording why. Flushes."""
    if isinstance(keep_id, str):  # as typed on the page: "12" or "#12"
        raw = keep_id.strip().lstrip("#")
        keep_id = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 11 else None
    keep = db.session.get(Initiative, keep_id) if database_id(keep_id) else None
    if keep is None or keep.id == duplicate.id or keep.merged_into_id is not None:
        raise ValidationFailed(_("Some fields are missing or wrong."), {"keep": [
            _("Give the number of another initiative, one that was not merged itself.")]})
    reason = " ".join((reason or "").split())[:1000] or None
    duplicate.merged_into_id = keep.id
    if not duplicate.is_hidden:
        duplicate.hidden_at = utcnow()
        duplicate.hidden_by_id = coordinator.id
    duplicate.hidden_reason = _("Merged into #%(id)d.", id=keep.id) + (f" {reason}" if reason else "")
    # What pointed at the duplicate points at the one kept, so a chain of merges never forms.
    db.session.execute(sa.update(Initiative).where(Initiative.merged_into_id == duplicate.id)
                       .values(merged_into_id=keep.id))
    _record(duplicate, coordinator, CurationAction.MERGE, reason, merged_into=keep)
    db.session.flush()
    return keep


def curations_of(initiative: Initiative) -> list[InitiativeCuration]:
    return list(db.session.scalars(sa.select(InitiativeCuration).where(
        InitiativeCuration.initiative_id == initiative.id).order_by(InitiativeCuration.id.desc())))


# --- lists ------------------------------------------------------------------------------------------------------

def list_initiatives(filters: ListFilters, viewer):
    """The page of initiatives `viewer` may see that match `filters`."""
    query = sa.select(Initiative).where(visible_initiatives(viewer))
    if filters.status:
        query = query.where(Initiative.status == enum_filter(InitiativeStatus, filters.status, "status"))
    if filters.kind:
        query = query.where(Initiative.kind == enum_filter(InterventionKind, filters.kind, "kind"))
    if filters.extra.get("reach"):
        query = query.where(Initiative.reach == enum_filter(Scale, filters.extra["reach"], "reach"))
    if filters.extra.get("review"):
        query = query.where(Initiative.review == enum_filter(ReviewState, filters.extra["review"], "review"))
    if filters.department:
        query = query.where(Initiative.id.in_(
            sa.select(initiative_departments.c.initiative_id).join(Department)
            .where(Department.code == filters.department.upper()[:16])))
    if filters.sdg:
        query = query.where(Initiative.id.in_(
            sa.select(initiative_sdgs.c.initiative_id).where(initiative_sdgs.c.sdg_number == filters.sdg)))
    order = {
        "newest": (Initiative.created_at.desc(), Initiative.id.desc()),
        "title": (sa.func.lower(Initiative.title), Initiative.id),
        "starts": (Initiative.starts_on.desc().nulls_last(), Initiative.id.desc()),
    }[filters.sort]
    return search_and_paginate(query, filters, kind="initiative", id_column=Initiative.id, order_by=order,
                               text_columns=[Initiative.title, Initiative.summary, Initiative.description,
                                             Initiative.place], related_text=_searchable_names())


def _searchable_names() -> tuple:
    """The names a search of initiatives reads besides their texts: their partners', and the people their page
    names to everyone (leads with a confirmed account, people named without one). Other account holders are left
    out: a search must not tell who takes part where the page does not say it."""
    partners = (sa.select(InitiativePartner.initiative_id.label("owner_id"),
                          sa.func.coalesce(Organisation.name, InitiativePartner.name).label("text"))
                .outerjoin(Organisation, Organisation.id == InitiativePartner.organisation_id))
    named = sa.select(InitiativePerson.initiative_id.label("owner_id"), InitiativePerson.name.label("text")).where(
        InitiativePerson.user_id.is_(None))
    leads = (sa.select(InitiativePerson.initiative_id.label("owner_id"), User.name.label("text"))
             .join(User, User.id == InitiativePerson.user_id)
             .where(InitiativePerson.lead.is_(True), User.active.is_(True), User.email_verified_at.is_not(None)))
    return partners.subquery(), named.subquery(), leads.subquery()


def shown_people(initiative: Initiative, may_see_profile) -> tuple[list[InitiativePerson], int]:
    """Who the page names: lead academics (confirmed accounts), the people named without an account, and other
    account holders only where their profile is in the public directory; plus how many more are not named."""
    shown, unnamed = [], 0
    for person in initiative.people:
        if person.user_id is None:
            shown.append(person)
        elif not (person.user.active and person.user.email_verified):
            unnamed += 1
        elif person.lead or (person.user.academic_profile is not None
                             and may_see_profile(person.user.academic_profile)):
            shown.append(person)
        else:
            unnamed += 1
    return shown, unnamed


def verified_organisations() -> list[Organisation]:
    return list(db.session.scalars(sa.select(Organisation).where(Organisation.status == OrganisationStatus.VERIFIED)
                                   .order_by(Organisation.name)))


# --- from a completed proposal -------------------------------------------------------------------------------

def create_from_proposal(proposal, completed_on: date, started_on: date | None) -> Initiative | None:
    """The initiative of a completed proposal, pending review: its academics as leads, the challenge's
    organisation as partner, its SDGs, place and reach, its action plan in the description and a milestone for
    its completion (its measured indicators are carried by the subscriber, into impact values). None when the
    proposal has one already. Flushes."""
    if db.session.scalar(sa.select(Initiative.id).where(Initiative.proposal_id == proposal.id)) is not None:
        return None
    challenge = proposal.challenge
    plan = proposal.action_plan or {}
    sections = [(_("Problem statement"), proposal.problem_statement)] + [
        (label, plan.get(part)) for part, label in (
            ("objectives", _("Objectives")), ("activities", _("Activities")), ("roles", _("Roles")),
            ("timeline", _("Timeline")), ("resources", _("Resources")))]
    description = "\n\n".join(f"## {title}\n\n{text.strip()}" for title, text in sections if text and text.strip())
    leads = [row.academic for row in proposal.academics]
    initiative = Initiative(
        title=challenge.title[:TITLE_MAX], summary=challenge.summary[:SUMMARY_MAX],
        description=description[:DESCRIPTION_MAX], kind=KIND_OF_HELP.get(challenge.kind.value, InterventionKind.OTHER),
        place=challenge.place or "", reach=challenge.scale, starts_on=started_on, ends_on=completed_on,
        status=InitiativeStatus.CONCLUDED, review=ReviewState.PENDING, proposal_id=proposal.id,
        created_by_id=leads[0].id if leads else None)
    db.session.add(initiative)
    replace_sdgs(initiative, [sdg.number for sdg in challenge.sdgs])
    initiative.departments = _departments_of(leads)
    initiative.people = [InitiativePerson(user=user, lead=True, position=n) for n, user in enumerate(leads)]
    initiative.partners = [InitiativePartner(organisation_id=challenge.organisation_id, position=0)]
    initiative.milestones = [Milestone(title=_("Partnership completed")[:MILESTONE_MAX], due_on=completed_on,
                                       done=True)]
    db.session.flush()
    return initiative


# The kind of help a challenge sought, as the kind of intervention its initiative is.
KIND_OF_HELP = {
    "research_action": InterventionKind.RESEARCH_ACTION,
    "technical_support": InterventionKind.TECHNICAL_SUPPORT,
    "student_project": InterventionKind.SERVICE_LEARNING,
    "training": InterventionKind.TRAINING,
    "lab_access": InterventionKind.TECHNICAL_SUPPORT,
    "volunteering": InterventionKind.VOLUNTEERING,
    "other": InterventionKind.OTHER,
}
