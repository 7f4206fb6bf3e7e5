"""How objects look in the API's JSON (the shapes models.py declares), and the 400 for a body that is no JSON object."""
from flask import request
from flask_babel import gettext as _

from matchmaker.errors import DomainError
from matchmaker.labels import reason_sentence


def json_body() -> dict:
    """The request's JSON object, or a 400 saying what is wrong with it."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise DomainError(_("Send a JSON object in the request body, with Content-Type: application/json."))
    return body


def user_json(user) -> dict:
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "roles": sorted(role.value for role in user.roles),
        "language": user.preferred_language.value,
        "email_verified": user.email_verified,
        "department": user.academic_profile.department.code if user.academic_profile else None,
        "organisations": [
            {"id": m.organisation.id, "name": m.organisation.name, "status": m.organisation.status.value,
             "membership": m.status.value}
            for m in user.memberships
        ],
    }


def organisation_json(organisation) -> dict:
    return {
        "id": organisation.id,
        "name": organisation.name,
        "kind": organisation.kind.value,
        "city": organisation.city,
        "website": organisation.website,
        "status": organisation.status.value,
        "status_reason": organisation.status_reason,
    }


def department_json(department) -> dict:
    return {"code": department.code, "name_it": department.name_it, "name_en": department.name_en}


def sdg_json(sdg) -> dict:
    return {"number": sdg.number, "name_it": sdg.name_it, "name_en": sdg.name_en}


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def token_json(token) -> dict:
    """A personal access token's description; never its value, which only its creation answer carries once."""
    return {"id": token.id, "name": token.name, "created_at": _iso(token.created_at),
            "expires_at": _iso(token.expires_at)}


def challenge_json(challenge) -> dict:
    return {
        "id": challenge.id,
        "title": challenge.title,
        "summary": challenge.summary,
        "description": challenge.description,
        "sdgs": [s.number for s in challenge.sdgs],
        "keywords": list(challenge.keywords or []),
        "kind": challenge.kind.value,
        "place": challenge.place,
        "scale": challenge.scale.value,
        "resources": challenge.resources,
        "deadline": _iso(challenge.deadline),
        "visibility": challenge.visibility.value,
        "status": challenge.status.value,
        "hidden": challenge.is_hidden,
        "organisation": {"id": challenge.organisation.id, "name": challenge.organisation.name},
        "created_at": _iso(challenge.created_at),
        "published_at": _iso(challenge.published_at),
        "version": challenge.version,
    }


def offer_json(offer) -> dict:
    return {
        "id": offer.id,
        "title": offer.title,
        "description": offer.description,
        "kind": offer.kind.value,
        "sdgs": [s.number for s in offer.sdgs],
        "keywords": list(offer.keywords or []),
        "capacity": offer.capacity,
        "available_from": _iso(offer.available_from),
        "available_until": _iso(offer.available_until),
        "status": offer.status.value,
        "hidden": offer.is_hidden,
        "academic": {"id": offer.academic_id, "name": offer.academic.name,
                     "department": offer.academic.academic_profile.department.code},
        "created_at": _iso(offer.created_at),
        "version": offer.version,
    }


def academic_json(profile) -> dict:
    return {
        "id": profile.user_id,
        "name": profile.user.name,
        "department": profile.department.code,
        "role": profile.academic_role.value if profile.academic_role else None,
        "biography": profile.biography,
        "expertise": list(profile.expertise or []),
        "sdgs": [s.number for s in profile.sdgs],
        "languages": list(profile.languages or []),
        "capacity_per_semester": profile.capacity_per_semester,
        "available": profile.available,
    }


def page_json(page, serialise) -> dict:
    return {"items": [serialise(item) for item in page.items], "total": page.total, "page": page.page,
            "per_page": page.per_page, "pages": page.pages}


def explanation_json(shared_terms, shared_sdgs, reasons) -> dict:
    return {"shared_terms": list(shared_terms or []), "shared_sdgs": list(shared_sdgs or []),
            "reasons": [{"code": code, "value": value, "text": reason_sentence(code, value)}
                        for code, value in reasons or () if code != "shared_sdgs"]}


def _scored(match) -> dict:
    return {"score": match.score, "components": match.components,
            "explanation": explanation_json(match.shared_terms, match.shared_sdgs, match.reasons)}


def academic_match_json(match) -> dict:
    profile = match.academic.academic_profile
    return {"id": match.academic_id, "type": "academic", "name": match.academic.name,
            "department": profile.department.code if profile else None,
            "available": bool(profile and profile.available), **_scored(match)}


def offer_match_json(match) -> dict:
    offer = match.offer
    return {"id": offer.id, "type": "offer", "title": offer.title, "kind": offer.kind.value,
            "academic": {"id": offer.academic_id, "name": offer.academic.name}, **_scored(match)}


def challenge_match_json(match) -> dict:
    challenge = match.challenge
    return {"id": challenge.id, "type": "challenge", "title": challenge.title, "kind": challenge.kind.value,
            "deadline": _iso(challenge.deadline),
            "organisation": {"id": challenge.organisation.id, "name": challenge.organisation.name}, **_scored(match)}


def team_member_json(member) -> dict:
    suggestion = member.suggestion
    return {"id": member.academic.id, "type": "academic", "name": member.academic.name,
            "department": member.department.code if member.department else None, "brings": list(member.brings),
            "score": suggestion.score if suggestion else None,
            "components": suggestion.components if suggestion else {},
            "explanation": explanation_json(suggestion.shared_terms, suggestion.shared_sdgs,
                                            [list(r) for r in suggestion.reasons]) if suggestion
            else explanation_json([], [], [])}
