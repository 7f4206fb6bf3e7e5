"""Indicator values with their sources and verification: recording, editing and deleting a value, its evidence
document, confirming or disputing it (a coordinator, a partner's member, or a partner from an e-mailed link), and
those single-use links. Every step writes a ValueEvent. Services flush; the request commits."""
import io
import math
import re
import secrets
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import sqlalchemy as sa
from babel.numbers import format_decimal
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadData, URLSafeSerializer

from matchmaker.auth.models import Language, User
from matchmaker.errors import Conflict, DomainError, NotFound, ValidationFailed
from matchmaker.extensions import db
from matchmaker.impact.models import (
    ConfirmationLink,
    Indicator,
    IndicatorValue,
    OutcomeKind,
    ValueAction,
    ValueEvent,
    Verification,
)
from matchmaker.impact.services import custom_indicator
from matchmaker.links import public_url_for
from matchmaker.notifications.services import send_templated_email
from matchmaker.types import utcnow
from matchmaker.validation import Checker, database_id

FIRST_YEAR = 1990
VALUE_MAX = 1e12  # more than any outreach figure; keeps typing slips such as 1e308 out of the sums
METHOD_MAX, MEASURED_BY_MAX, URL_MAX, NAME_MAX, UNIT_MAX, REASON_MAX = 2000, 200, 500, 200, 60, 2000
PARTNER_NAME_MAX, ORGANISATION_MAX, EMAIL_MAX = 120, 120, 254
LINK_SALT = "impact-confirm"  # a namespace for the signature, not a secret

# What an evidence document may be, by its content: the name's extension is never trusted.
EVIDENCE_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "image/png": "png",
    "image/jpeg": "jpg",
}


# --- reading what was typed --------------------------------------------------------------------------------

def parse_number(value) -> float | None:
    """A number as people type it, in Italian or English: "1.234,5", "1,234.5", "12,5" and "12.5" all work.

    With both separators the last one is the decimal mark; a lone comma is the Italian decimal mark, unless it
    groups thousands more than once ("1,234,567"). None when it is not a finite number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
        return number if math.isfinite(number) else None
    if not isinstance(value, str):
        return None
    text = re.sub(r"[\s\u00a0\u202f']", "", value)
    if not text or len(text) > 40 or not re.fullmatch(r"[0-9.,]*[0-9][0-9.,]*|-[0-9.,]+", text):
        return None
    if "," in text and "." in text:
        decimal, thousands = (",", ".") if text.rfind(",") > text.rfind(".") else (".", ",")
        text = text.replace(thousands, "").replace(decimal, ".")
    elif text.count(",") > 1:
        text = text.replace(",", "")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    else:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def format_number(number: float, language: str) -> str:
    """A value as a person of `language` types it back: no grouping, the language's decimal mark."""
    return format_decimal(number, format="0.##########", locale=language)


def last_year() -> int:
    """The latest year a value may be for: next year, for a figure planned or already under way."""
    return utcnow().year + 1


def is_web_address(url: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and "@" not in parts.netloc \
        and not any(c.isspace() for c in url)


@dataclass
class Evidence:
    """An uploaded evidence document as received: its name as sent and its bytes."""

    filename: str
    data: bytes


def evidence_type(data: bytes) -> str | None:
    """The evidence document's type by its content, or None for anything else (a renamed file included)."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                # Only the few bytes of the "mimetype" member are ever decompressed.
                if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
                    mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                    if mimetype == "application/vnd.oasis.opendocument.text":
                        return mimetype
                if "[Content_Types].xml" in names and "word/document.xml" in names:
                    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, NotImplementedError, OSError):
            return None
    return None


def evidence_dir() -> Path:
    return Path(current_app.config["IMPACT_EVIDENCE_DIR"])


def evidence_path(value: IndicatorValue) -> Path | None:
    return evidence_dir() / value.evidence_key if value.evidence_key else None


def _check_evidence(check: Checker, evidence: Evidence | None) -> None:
    if evidence is None or not evidence.data:
        return
    limit = current_app.config["IMPACT_EVIDENCE_MAX_BYTES"]
    content_type = evidence_type(evidence.data)
    if len(evidence.data) > limit:
        check.fail("evidence_file", _("This document is too large: at most %(size)s MB, please.",
                                      size=f"{limit / 1024 / 1024:g}"))
    elif content_type is None:
        check.fail("evidence_file", _("This file is not a PDF, ODT, DOCX, PNG or JPEG document."))
    else:
        check.clean["evidence_type"] = content_type


def _indicator(check: Checker) -> Indicator | None:
    """The catalogue's indicator chosen, or the custom one described (added to the catalogue if new)."""
    chosen = check.data.get("indicator_id")
    if chosen in (None, "", "custom"):
        check.text("custom_name", max_length=NAME_MAX, required=True, multiline=False)
        check.text("custom_unit", max_length=UNIT_MAX, required=True, multiline=False)
        check.choice("custom_outcome", OutcomeKind)
        if chosen in (None, "") and not (check.data.get("custom_name") or "").strip():
            check.errors.pop("custom_name", None)
            check.errors.pop("custom_unit", None)
            check.errors.pop("custom_outcome", None)
            check.fail("indicator_id", _("Choose an indicator of the catalogue, or describe a new one."))
        if check.errors.keys() & {"custom_name", "custom_unit", "custom_outcome", "indicator_id"}:
            return None
        return SimpleNamespace(custom=(check.clean["custom_name"], check.clean["custom_unit"],
                                       check.clean["custom_outcome"]))
    number = database_id(int(chosen)) if isinstance(chosen, str) and chosen.isdigit() and len(chosen) < 12 \
        else database_id(chosen)
    indicator = db.session.get(Indicator, number) if number else None
    if indicator is None:
        check.fail("indicator_id", _("Choose an indicator of the catalogue, or describe a new one."))
    return indicator


def check_value_fields(data: dict, evidence: Evidence | None = None) -> dict:
    """The cleaned fields of a value, or ValidationFailed naming each problem. Only a new custom indicator is
    still to be added (by the caller, once everything else is right)."""
    check = Checker(data)
    check.clean["indicator"] = _indicator(check)
    year = data.get("year")
    if year in (None, ""):
        check.fail("year", _("Give the year the value is for."))
    else:
        check.integer("year", minimum=FIRST_YEAR, maximum=last_year())
        if "year" in check.errors:
            check.errors["year"] = [_("Give a year from %(first)d to %(last)d, as four digits.", first=FIRST_YEAR,
                                      last=last_year())]
    raw = data.get("value")
    number = parse_number(raw)
    if raw in (None, ""):
        check.fail("value", _("Give the value, as a number."))
    elif number is None:
        check.fail("value", _("Give the value as a number, for example 1250 or 12,5."))
    elif number < 0:
        check.fail("value", _("The value cannot be negative."))
    elif number > VALUE_MAX:
        check.fail("value", _("This number is too large for a figure: check it."))
    else:
        check.clean["value"] = number
    check.text("method", max_length=METHOD_MAX, required=True)
    check.text("measured_by", max_length=MEASURED_BY_MAX, required=True, multiline=False)
    check.text("evidence_url", max_length=URL_MAX, multiline=False)
    url = check.clean.get("evidence_url")
    if url and not is_web_address(url):
        check.errors.setdefault("evidence_url", []).append(
            _("Give a web address starting with http:// or https://."))
    check.clean["evidence_url"] = url or None
    _check_evidence(check, evidence)
    return check.done()


def _resolve_indicator(fields: dict) -> Indicator:
    indicator = fields["indicator"]
    if isinstance(indicator, SimpleNamespace):
        name, unit, outcome = indicator.custom
        return custom_indicator(name, unit, outcome)
    return indicator


def _refuse_second_value_of_period(initiative_id: int, indicator: Indicator, year: int,
                                   value_id: int | None = None) -> None:
    query = sa.select(IndicatorValue.id).where(IndicatorValue.initiative_id == initiative_id,
                                               IndicatorValue.indicator_id == indicator.id,
                                               IndicatorValue.year == year)
    if value_id is not None:
        query = query.where(IndicatorValue.id != value_id)
    if db.session.scalar(query) is not None:
        raise ValidationFailed(_("Some fields are missing or wrong."), {"year": [
            _("This initiative already has a value of this indicator for %(year)d: edit that one instead.",
              year=year)]})


def _store_evidence(value: IndicatorValue, evidence: Evidence, content_type: str) -> None:
    """Keep the document under a random key. A rolled-back transaction leaves a file no row names, never
    served."""
    folder = evidence_dir()
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(32)
    (folder / key).write_bytes(evidence.data)
    name = re.sub(r"[^\w.\- ]", "_", Path(evidence.filename or "").name)[:120] or "evidence"
    value.evidence_key, value.evidence_content_type = key, content_type
    value.evidence_filename = name


def _event(value: IndicatorValue, action: ValueAction, actor: User | None = None, *, actor_name: str | None = None,
           reason: str | None = None) -> None:
    db.session.add(ValueEvent(value_id=value.id, action=action, actor_id=actor.id if actor else None,
                              actor_name=actor_name, reason=reason, value=value.value))


# --- recording and editing ---------------------------------------------------------------------------------

SOURCE_FIELDS = ("year", "value", "method", "measured_by", "evidence_url")


def record_value(initiative, actor: User, data: dict, evidence: Evidence | None = None) -> IndicatorValue:
    """A new declared value of the initiative, with its source. Flushes."""
    fields = check_value_fields(data, evidence)
    indicator = _resolve_indicator(fields)
    _refuse_second_value_of_period(initiative.id, indicator, fields["year"])
    value = IndicatorValue(initiative_id=initiative.id, indicator=indicator, state=Verification.DECLARED,
                           recorded_by_id=actor.id, **{name: fields[name] for name in SOURCE_FIELDS})
    if evidence is not None and evidence.data:
        _store_evidence(value, evidence, fields["evidence_type"])
    db.session.add(value)
    db.session.flush()
    _event(value, ValueAction.DECLARED, actor)
    db.session.flush()
    return value


def update_value(value: IndicatorValue, actor: User, data: dict, evidence: Evidence | None = None,
                 remove_evidence: bool = False) -> bool:
    """Give the value these fields. A real change sends a confirmed or disputed value back to declared (the
    links sent for it go stale); an unchanged save changes nothing. True when something changed. Flushes."""
    fields = check_value_fields(data, evidence)
    indicator = _resolve_indicator(fields)
    _refuse_second_value_of_period(value.initiative_id, indicator, fields["year"], value.id)
    new_document = evidence is not None and bool(evidence.data)
    changed = indicator.id != value.indicator_id or new_document or (remove_evidence and value.evidence_key) \
        or any(getattr(value, name) != fields[name] for name in SOURCE_FIELDS)
    if not changed:
        return False
    value.indicator = indicator
    for name in SOURCE_FIELDS:
        setattr(value, name, fields[name])
    if new_document:
        _store_evidence(value, evidence, fields["evidence_type"])
    elif remove_evidence:
        value.evidence_key = value.evidence_filename = value.evidence_content_type = None
    value.state = Verification.DECLARED
    value.state_reason = value.state_by_id = value.state_by_name = value.state_at = None
    value.updated_at = utcnow()
    db.session.flush()
    _event(value, ValueAction.EDITED, actor)
    db.session.flush()
    return True


def delete_value(value: IndicatorValue) -> None:
    """Remove a declared value, its history and its links (confirmed or disputed ones stay: they are on record).
    Flushes."""
    if value.state is not Verification.DECLARED:
        raise Conflict(_("Only a declared value can be deleted: this one was confirmed or disputed."))
    db.session.delete(value)
    db.session.flush()


# --- verifying ----------------------------------------------------------------------------------------------

def _reason(reason) -> str:
    check = Checker({"reason": reason})
    check.text("reason", max_length=REASON_MAX, required=True)
    if check.errors:
        message = check.errors["reason"][0] if (reason or "").strip() else _("Say why you dispute this value.")
        raise ValidationFailed(_("Some fields are missing or wrong."), {"reason": [message]})
    return check.clean["reason"]


def _set_state(value: IndicatorValue, state: Verification, *, by: User | None, by_name: str | None,
               reason: str | None = None) -> None:
    value.state, value.state_reason = state, reason
    value.state_by_id = by.id if by else None
    value.state_by_name = by_name
    value.state_at = utcnow()


def confirm_value(value: IndicatorValue, actor: User, on_behalf_of: str | None = None) -> None:
    """`actor` (a coordinator, or a member for their partner organisation `on_behalf_of`) confirms the value.
    Flushes."""
    if value.state is Verification.CONFIRMED:
        raise Conflict(_("This value is confirmed already."))
    _set_state(value, Verification.CONFIRMED, by=actor, by_name=on_behalf_of)
    db.session.flush()
    _event(value, ValueAction.CONFIRMED, actor, actor_name=on_behalf_of)
    db.session.flush()


def dispute_value(value: IndicatorValue, actor: User, reason, on_behalf_of: str | None = None) -> None:
    """`actor` disputes the value, saying why: it leaves the published figures until it is edited. Flushes."""
    reason = _reason(reason)
    if value.state is Verification.DISPUTED:
        raise Conflict(_("This value is disputed already."))
    _set_state(value, Verification.DISPUTED, by=actor, by_name=on_behalf_of, reason=reason)
    db.session.flush()
    _event(value, ValueAction.DISPUTED, actor, actor_name=on_behalf_of, reason=reason)
    db.session.flush()


# --- partners' confirmation links ------------------------------------------------------------------------------

class LinkRefused(DomainError):
    """A confirmation link that cannot be used any more (used, expired, stale): 410 with the reason."""

    status, code = 410, "gone"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=LINK_SALT)


def link_token(link: ConfirmationLink) -> str:
    return _serializer().dumps({"link": link.id, "nonce": link.nonce})


def send_confirmation_link(value: IndicatorValue, sender: User, email, language) -> ConfirmationLink:
    """A single-use link for a partner to confirm or dispute `value`, e-mailed to `email` in `language`. It
    expires after IMPACT_CONFIRMATION_DAYS and goes stale when the value changes. Flushes; the mail leaves after
    the commit."""
    check = Checker({"email": email, "language": language})
    check.text("email", max_length=EMAIL_MAX, required=True, multiline=False)
    check.choice("language", Language)
    address = check.clean.get("email") or ""
    if "email" not in check.errors and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", address):
        check.fail("email", _("Give the partner's e-mail address, such as name@organisation.org."))
    check.done()
    now = utcnow()
    link = ConfirmationLink(value_id=value.id, nonce=secrets.token_urlsafe(32), email=address.lower(),
                            sent_by_id=sender.id, value_updated_at=value.updated_at, created_at=now,
                            expires_at=now + timedelta(days=current_app.config["IMPACT_CONFIRMATION_DAYS"]))
    db.session.add(link)
    db.session.flush()
    url = public_url_for("impact_values.confirm_link", token=link_token(link))
    # The partner has no account: the e-mail speaks to them in the language the sender chose.
    recipient = SimpleNamespace(name="", email=link.email, preferred_language=check.clean["language"])
    send_templated_email(recipient, "impact_confirmation", _l("Please confirm a figure of a PoliTO for Society "
                                                              "initiative"),
                         secrets=[url], recipient=link.email, link=url, value=value,
                         initiative=value.initiative, sender=sender, expires_at=link.expires_at)
    _event(value, ValueAction.LINK_SENT, sender)
    db.session.flush()
    return link


def link_for_token(token: str) -> ConfirmationLink:
    """The usable link a token names. NotFound for a forged or tampered token; LinkRefused (410) for a link used
    already, expired, for a value changed since it was sent, or for an initiative no longer public."""
    try:
        payload = _serializer().loads(token)
    except (BadData, UnicodeError, ValueError):
        payload = None
    if not isinstance(payload, dict) or database_id(payload.get("link")) is None \
            or not isinstance(payload.get("nonce"), str):
        raise NotFound(_("This confirmation link is not valid. Check that you copied all of it."))
    link = db.session.get(ConfirmationLink, payload["link"])
    if link is None or not secrets.compare_digest(link.nonce, payload["nonce"]):
        raise NotFound(_("This confirmation link is not valid. Check that you copied all of it."))
    value = db.session.get(IndicatorValue, link.value_id)
    if link.used_at is not None:
        raise LinkRefused(_("This link has been used already: each link works once. Thank you."))
    if utcnow() >= link.expires_at:
        raise LinkRefused(_("This link has expired. Ask the person who sent it for a new one."))
    if value is None or value.updated_at != link.value_updated_at:
        raise LinkRefused(_("This figure has changed since the link was sent. Ask the person who sent it for a "
                            "new link, so that you confirm what it says now."))
    if not (value.initiative.merged_into_id is None and not value.initiative.is_hidden):
        raise LinkRefused(_("This initiative is no longer open for confirmation."))
    return link


def _partner_name(name, organisation) -> str:
    check = Checker({"name": name, "organisation": organisation})
    check.text("name", max_length=PARTNER_NAME_MAX, required=True, multiline=False)
    check.text("organisation", max_length=ORGANISATION_MAX, required=True, multiline=False)
    check.done()
    return f"{check.clean['name']}, {check.clean['organisation']}"


def confirm_by_link(link: ConfirmationLink, name, organisation) -> IndicatorValue:
    """The partner named confirms the link's value; the link is used up. Flushes."""
    value = db.session.get(IndicatorValue, link.value_id)
    by_name = _partner_name(name, organisation)
    _set_state(value, Verification.CONFIRMED, by=None, by_name=by_name)
    link.used_at = utcnow()
    db.session.flush()
    _event(value, ValueAction.CONFIRMED, actor_name=by_name)
    db.session.flush()
    return value


def dispute_by_link(link: ConfirmationLink, reason) -> IndicatorValue:
    """The partner disputes the link's value, saying why; the link is used up. Flushes."""
    value = db.session.get(IndicatorValue, link.value_id)
    reason = _reason(reason)
    _set_state(value, Verification.DISPUTED, by=None, by_name=None, reason=reason)
    link.used_at = utcnow()
    db.session.flush()
    _event(value, ValueAction.DISPUTED, reason=reason)
    db.session.flush()
    return value


# --- reading ------------------------------------------------------------------------------------------------

def confirmed_share_of(values) -> float | None:
    """The part (0..1) of an initiative's values that is confirmed; None without values."""
    values = list(values)
    if not values:
        return None
    return sum(1 for value in values if value.state is Verification.CONFIRMED) / len(values)


def partner_organisation_for(value: IndicatorValue, organisation_ids: set[int]) -> str | None:
    """The name of the first of the initiative's registered partners among `organisation_ids`."""
    names = sorted(partner.organisation.name for partner in value.initiative.partners
                   if partner.organisation_id in organisation_ids and partner.organisation is not None)
    return names[0] if names else None


def value_events(value: IndicatorValue) -> list[ValueEvent]:
    return list(db.session.scalars(sa.select(ValueEvent).where(ValueEvent.value_id == value.id)
                                   .order_by(ValueEvent.created_at, ValueEvent.id)))


OUTCOME_LABELS = {kind: label for kind, label in (
    (OutcomeKind.ENGAGEMENT, _l("Engagement")), (OutcomeKind.PEOPLE_REACHED, _l("People reached")),
    (OutcomeKind.VULNERABLE_REACHED, _l("People reached, of whom vulnerable")),
    (OutcomeKind.STUDENTS, _l("Students involved")), (OutcomeKind.ACADEMIC_HOURS, _l("Academic hours")),
    (OutcomeKind.PARTNER_ORGANISATIONS, _l("Partner organisations")), (OutcomeKind.EVENTS, _l("Events")),
    (OutcomeKind.PUBLICATIONS, _l("Publications and theses")), (OutcomeKind.POLICY, _l("Policy influence")),
    (OutcomeKind.PRODUCTS, _l("Products or services created")), (OutcomeKind.FUNDING, _l("Further funding raised")),
    (OutcomeKind.VOLUNTEERS, _l("Volunteers")), (OutcomeKind.OTHER, _l("Other")))}

ACTION_LABELS = {ValueAction.DECLARED: _l("declared"), ValueAction.EDITED: _l("edited, declared again"),
                 ValueAction.CONFIRMED: _l("confirmed"), ValueAction.DISPUTED: _l("disputed"),
                 ValueAction.LINK_SENT: _l("confirmation link sent to a partner")}
