"""The OpenAPI 3 description of /api/v1, kept beside the views it describes."""
from matchmaker.validation import MAX_DATABASE_ID

ERROR = {"$ref": "#/components/schemas/Error"}


def _error_responses(*statuses: int) -> dict:
    descriptions = {
        400: "The request cannot be read: a body that is not a JSON object or not valid JSON (NaN and Infinity "
             "are not JSON), text holding a NUL character or a lone surrogate, or a cookie-authenticated write "
             "without its CSRF token.",
        401: "No valid personal access token (missing, wrong, revoked or expired: `message` says which), or a "
             "wrong one sent where none is needed.",
        403: "The caller may not do this (for a token: the e-mail address is not confirmed yet).",
        404: "No such object.",
        409: "The object has already changed to this state.",
        422: "A field is missing or wrong; `fields` names each one (for a token: or the person has too many).",
        429: "Too many failed attempts; wait as many seconds as `Retry-After` says.",
    }
    return {
        str(status): {"description": descriptions[status], "content": {"application/json": {"schema": ERROR}}}
        for status in statuses
    }


def _json(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _query(name: str, description: str, schema: dict | None = None) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema or {"type": "string"}}


ID = {"type": "integer", "minimum": 1, "maximum": MAX_DATABASE_ID}


def _path_id(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": ID}


HELP_KINDS = ["research_action", "technical_support", "student_project", "training", "lab_access", "volunteering",
              "other"]
LIST_PARAMETERS = [
    _query("q", "Words to look for in titles, texts and keywords."),
    _query("sdg", "Only items tagged with this goal.", {"type": "integer", "minimum": 1, "maximum": 17}),
    _query("kind", "Kind of help.", {"type": "string", "enum": HELP_KINDS}),
    _query("department", "Department code, such as DIST."),
    _query("status", "Status; open by default for challenges and offers, `available` for academics."),
    _query("place", "Part of the place or city name."),
    _query("sort", "Order of the results."),
    _query("page", "Page number, from 1.", {"type": "integer", "minimum": 1}),
    _query("per_page", "Items per page, 1 to 100 (default 20).", {"type": "integer", "minimum": 1, "maximum": 100}),
]


def _page_of(name: str) -> dict:
    return {"type": "object", "properties": {
        "items": {"type": "array", "items": _ref(name)}, "total": {"type": "integer"},
        "page": {"type": "integer"}, "per_page": {"type": "integer"}, "pages": {"type": "integer"}}}


SDG_LIST = {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 17}}
KEYWORDS = {"type": "array", "items": {"type": "string", "maxLength": 40}, "maxItems": 15}
CHALLENGE_FIELDS = {
    "title": {"type": "string", "maxLength": 150}, "summary": {"type": "string", "maxLength": 600},
    "description": {"type": "string", "maxLength": 10000, "description": "Markdown."},
    "sdgs": SDG_LIST, "keywords": KEYWORDS, "kind": {"type": "string", "enum": HELP_KINDS},
    "place": {"type": "string", "maxLength": 120},
    "scale": {"type": "string", "enum": ["neighbourhood", "city", "region", "national", "international"]},
    "resources": {"type": "string", "maxLength": 2000},
    "deadline": {"type": "string", "format": "date", "nullable": True, "description": "Today or later."},
    "visibility": {"type": "string", "enum": ["public", "academics"]},
}
CHALLENGE_STATUS = {"type": "string", "enum": ["draft", "open", "paused", "in_partnership", "closed"]}
OFFER_FIELDS = {
    "title": {"type": "string", "maxLength": 150},
    "description": {"type": "string", "maxLength": 10000, "description": "Markdown."},
    "kind": {"type": "string", "enum": HELP_KINDS}, "sdgs": SDG_LIST, "keywords": KEYWORDS,
    "capacity": {"type": "integer", "minimum": 1, "maximum": 100},
    "available_from": {"type": "string", "format": "date", "nullable": True},
    "available_until": {"type": "string", "format": "date", "nullable": True},
}
OFFER_STATUS = {"type": "string", "enum": ["open", "paused", "closed"]}
VERSION = {"type": "integer", "minimum": 1, "description": "Raised by every change."}
SENT_VERSION = {"type": "integer", "minimum": 1,
                "description": "The `version` you read. When it is no longer current the answer is 409 "
                               "`stale_version` and nothing changes; without it the last write wins."}
K_PARAMETER = _query("k", "How many suggestions, 1 to 50 (default 10).",
                     {"type": "integer", "minimum": 1, "maximum": 50, "default": 10})
SCORED = {
    "score": {"type": "number", "minimum": 0, "maximum": 100, "description": "How well it fits, 0–100."},
    "components": {"type": "object", "additionalProperties": {"type": "number"},
                   "description": "Each signal in [0, 1] before weighting: text, sdgs, kind, place, availability."},
    "explanation": {"$ref": "#/components/schemas/Explanation"},
}


def _matches_of(name: str) -> dict:
    return {"type": "object", "properties": {"items": {"type": "array", "items": _ref(name)}}}


def _with_errors_of_every_operation(paths: dict) -> dict:
    """Any call can be unreadable (400) or carry a wrong token (401): every operation documents both."""
    for operations in paths.values():
        for method, operation in operations.items():
            if method != "parameters":
                operation["responses"] = {**_error_responses(400, 401), **operation["responses"]}
    return paths


def openapi_document() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "matchmaker API",
            "version": "1.0.0",
            "description": "PoliTO for Society's matchmaker: open data and integrations. "
                           "Writes need a personal access token sent as `Authorization: Bearer <token>`; "
                           "browser sessions may call it too, with the CSRF token in `X-CSRFToken` for writes.",
        },
        "servers": [{"url": "/api/v1"}],
        "components": {
            "securitySchemes": {"bearerToken": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {
                        "type": "object",
                        "required": ["code", "message", "fields"],
                        "properties": {
                            "code": {"type": "string", "example": "validation_failed"},
                            "message": {"type": "string"},
                            "fields": {"type": "object",
                                       "additionalProperties": {"type": "array", "items": {"type": "string"}}},
                        },
                    }},
                },
                "Department": {"type": "object", "properties": {
                    "code": {"type": "string", "example": "DIST"},
                    "name_it": {"type": "string"}, "name_en": {"type": "string"}}},
                "SDG": {"type": "object", "properties": {
                    "number": {"type": "integer", "minimum": 1, "maximum": 17},
                    "name_it": {"type": "string"}, "name_en": {"type": "string"}}},
                "Organisation": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "name": {"type": "string"}, "kind": {"type": "string"},
                    "city": {"type": "string"}, "website": {"type": "string", "nullable": True},
                    "status": {"type": "string", "enum": ["pending", "verified", "rejected", "suspended"]},
                    "status_reason": {"type": "string", "nullable": True}}},
                "Challenge": {"type": "object", "properties": {
                    "id": {"type": "integer"}, **CHALLENGE_FIELDS, "status": CHALLENGE_STATUS,
                    "hidden": {"type": "boolean"},
                    "organisation": {"type": "object", "properties": {
                        "id": {"type": "integer"}, "name": {"type": "string"}}},
                    "created_at": {"type": "string", "format": "date-time"},
                    "published_at": {"type": "string", "format": "date-time", "nullable": True},
                    "version": VERSION}},
                "ChallengeInput": {"type": "object", "required": ["title", "summary", "kind"], "properties": {
                    **CHALLENGE_FIELDS, "organisation_id": {
                        "type": "integer", "description": "Needed when the caller belongs to several."}}},
                "ChallengePatch": {"type": "object", "properties": {**CHALLENGE_FIELDS, "status": CHALLENGE_STATUS,
                                                                    "version": SENT_VERSION},
                                   "description": "Only the fields given change. `status: open` publishes, "
                                                  "once the organisation is verified."},
                "Offer": {"type": "object", "properties": {
                    "id": {"type": "integer"}, **OFFER_FIELDS, "status": OFFER_STATUS, "hidden": {"type": "boolean"},
                    "academic": {"type": "object", "properties": {
                        "id": {"type": "integer"}, "name": {"type": "string"}, "department": {"type": "string"}}},
                    "created_at": {"type": "string", "format": "date-time"}, "version": VERSION}},
                "OfferInput": {"type": "object", "required": ["title", "description", "kind"],
                               "properties": OFFER_FIELDS},
                "OfferPatch": {"type": "object", "properties": {**OFFER_FIELDS, "status": OFFER_STATUS,
                                                            "version": SENT_VERSION}},
                "Academic": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "name": {"type": "string"}, "department": {"type": "string"},
                    "role": {"type": "string", "nullable": True}, "biography": {"type": "string"},
                    "expertise": {"type": "array", "items": {"type": "string"}}, "sdgs": SDG_LIST,
                    "languages": {"type": "array", "items": {"type": "string"}},
                    "capacity_per_semester": {"type": "integer"}, "available": {"type": "boolean"}}},
                "Explanation": {"type": "object", "properties": {
                    "shared_terms": {"type": "array", "items": {"type": "string"},
                                     "description": "The words both sides use that counted most."},
                    "shared_sdgs": SDG_LIST,
                    "reasons": {"type": "array", "items": {"type": "object", "properties": {
                        "code": {"type": "string", "enum": ["same_kind", "same_city", "available", "unavailable",
                                                            "deadline"]},
                        "value": {"type": "string"},
                        "text": {"type": "string", "description": "The reason in the caller's language."}}}}}},
                "AcademicMatch": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "type": {"type": "string", "enum": ["academic"]},
                    "name": {"type": "string"}, "department": {"type": "string", "nullable": True},
                    "available": {"type": "boolean"}, **SCORED}},
                "OfferMatch": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "type": {"type": "string", "enum": ["offer"]},
                    "title": {"type": "string"}, "kind": {"type": "string", "enum": HELP_KINDS},
                    "academic": {"type": "object", "properties": {
                        "id": {"type": "integer"}, "name": {"type": "string"}}}, **SCORED}},
                "ChallengeMatch": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "type": {"type": "string", "enum": ["challenge"]},
                    "title": {"type": "string"}, "kind": {"type": "string", "enum": HELP_KINDS},
                    "deadline": {"type": "string", "format": "date", "nullable": True},
                    "organisation": {"type": "object", "properties": {
                        "id": {"type": "integer"}, "name": {"type": "string"}}}, **SCORED}},
                "TeamMember": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "type": {"type": "string", "enum": ["academic"]},
                    "name": {"type": "string"}, "department": {"type": "string", "nullable": True},
                    "brings": {"type": "array", "items": {"type": "string"},
                               "description": "The challenge's terms this member covers that the others do not."},
                    "score": {"type": "number", "nullable": True},
                    "components": SCORED["components"], "explanation": SCORED["explanation"]}},
                "Me": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "email": {"type": "string"}, "name": {"type": "string"},
                    "roles": {"type": "array", "items": {
                        "type": "string", "enum": ["organisation", "academic", "coordinator", "admin"]}},
                    "language": {"type": "string", "enum": ["it", "en"]},
                    "email_verified": {"type": "boolean"},
                    "department": {"type": "string", "nullable": True},
                    "organisations": {"type": "array", "items": {"type": "object", "properties": {
                        "id": {"type": "integer"}, "name": {"type": "string"}, "status": {"type": "string"},
                        "membership": {"type": "string", "enum": ["pending", "active"]}}}}}},
            },
        },
        "paths": _with_errors_of_every_operation({
            "/health": {"get": {
                "summary": "Is the service and its database up?",
                "responses": {
                    "200": {"description": "Up.", "content": _json({"type": "object", "properties": {
                        "status": {"type": "string", "example": "ok"},
                        "database": {"type": "string", "example": "ok"}}})},
                    "503": {"description": "The database cannot be reached; `database` is `error`."},
                }}},
            "/tokens": {"post": {
                "summary": "Exchange an e-mail and password for a personal access token.",
                "description": "Failed attempts share one budget with the sign-in form, per client address and "
                               "per account; past it the answer is 429 with `Retry-After`. Only people who "
                               "confirmed their e-mail address get a token, and each person holds a limited "
                               "number of active tokens.",
                "requestBody": {"required": True, "content": _json({
                    "type": "object", "required": ["email", "password"],
                    "properties": {"email": {"type": "string"}, "password": {"type": "string"},
                                   "name": {"type": "string", "description": "A label for the token."},
                                   "days": {"type": "integer", "minimum": 1, "maximum": 365,
                                            "description": "How many days the token works; the platform's "
                                                           "default (90 unless configured) when left out."}}})},
                "responses": {
                    "201": {"description": "The token, shown this once.", "content": _json({
                        "type": "object", "properties": {
                            "token": {"type": "string"}, "id": {"type": "integer"}, "name": {"type": "string"},
                            "created_at": {"type": "string", "format": "date-time"},
                            "expires_at": {"type": "string", "format": "date-time", "nullable": True,
                                           "description": "When it stops working; null: never."}}})},
                    **_error_responses(400, 401, 403, 422, 429),
                }}},
            "/me": {"get": {
                "summary": "The calling user, with roles and organisations.",
                "security": [{"bearerToken": []}],
                "responses": {"200": {"description": "The user.",
                                      "content": _json({"$ref": "#/components/schemas/Me"})},
                              **_error_responses(401)}}},
            "/departments": {"get": {
                "summary": "The university's departments.",
                "responses": {"200": {"description": "All departments.", "content": _json({
                    "type": "object", "properties": {"items": {
                        "type": "array", "items": {"$ref": "#/components/schemas/Department"}}}})}}}},
            "/sdgs": {"get": {
                "summary": "The 17 UN Sustainable Development Goals.",
                "responses": {"200": {"description": "All SDGs.", "content": _json({
                    "type": "object", "properties": {"items": {
                        "type": "array", "items": {"$ref": "#/components/schemas/SDG"}}}})}}}},
            "/organisations/{organisation_id}/verification": {"post": {
                "summary": "A coordinator verifies, rejects or suspends an organisation.",
                "security": [{"bearerToken": []}],
                "parameters": [_path_id("organisation_id")],
                "requestBody": {"required": True, "content": _json({
                    "type": "object", "required": ["status"],
                    "properties": {"status": {"type": "string", "enum": ["verified", "rejected", "suspended"]},
                                   "reason": {"type": "string",
                                              "description": "Required when rejecting or suspending."}}})},
                "responses": {"200": {"description": "The organisation after the decision.",
                                      "content": _json({"$ref": "#/components/schemas/Organisation"})},
                              **_error_responses(400, 401, 403, 404, 409, 422)}}},
            "/challenges": {
                "get": {"summary": "Challenges the caller may see (open ones unless `status` says otherwise).",
                        "parameters": LIST_PARAMETERS,
                        "responses": {"200": {"description": "A page of challenges.",
                                              "content": _json(_page_of("Challenge"))},
                                      **_error_responses(422)}},
                "post": {"summary": "An organisation member posts a challenge; it starts as a draft.",
                         "security": [{"bearerToken": []}],
                         "requestBody": {"required": True, "content": _json(_ref("ChallengeInput"))},
                         "responses": {"201": {"description": "The new draft.", "content": _json(_ref("Challenge"))},
                                       **_error_responses(400, 401, 403, 422)}}},
            "/challenges/{challenge_id}": {
                "parameters": [_path_id("challenge_id")],
                "get": {"summary": "One challenge; one the caller may not see is a 404.",
                        "responses": {"200": {"description": "The challenge.", "content": _json(_ref("Challenge"))},
                                      **_error_responses(404)}},
                "patch": {"summary": "Its organisation's members change fields or the status.",
                          "security": [{"bearerToken": []}],
                          "requestBody": {"required": True, "content": _json(_ref("ChallengePatch"))},
                          "responses": {"200": {"description": "The challenge after the change.",
                                                "content": _json(_ref("Challenge"))},
                                        **_error_responses(400, 401, 403, 404, 409, 422)}}},
            "/challenges/{challenge_id}/matches": {"get": {
                "summary": "The academics or offers that fit a challenge, best first, with the reasons. For the "
                           "challenge's organisation and the coordinators.",
                "security": [{"bearerToken": []}],
                "parameters": [_path_id("challenge_id"), _query(
                    "type", "What to suggest (academics by default).",
                    {"type": "string", "enum": ["academics", "offers"], "default": "academics"}), K_PARAMETER],
                "responses": {"200": {"description": "Suggestions; `items` are AcademicMatch or OfferMatch objects.",
                                      "content": _json({"type": "object", "properties": {"items": {
                                          "type": "array", "items": {"oneOf": [_ref("AcademicMatch"),
                                                                               _ref("OfferMatch")]}}}})},
                              **_error_responses(401, 403, 404, 422)}}},
            "/challenges/{challenge_id}/team": {"get": {
                "summary": "A team of 2–4 academics from different departments who together cover the challenge "
                           "better than any one of them (empty when none does). Same access as the matches.",
                "security": [{"bearerToken": []}],
                "parameters": [_path_id("challenge_id")],
                "responses": {"200": {"description": "The team and how much of the challenge it covers.",
                                      "content": _json({"type": "object", "properties": {
                                          "items": {"type": "array", "items": _ref("TeamMember")},
                                          "coverage": {"type": "number", "nullable": True},
                                          "best_single_coverage": {"type": "number", "nullable": True}}})},
                              **_error_responses(401, 403, 404)}}},
            "/offers": {
                "get": {"summary": "Offers the caller may see (open ones unless `status` says otherwise).",
                        "parameters": LIST_PARAMETERS,
                        "responses": {"200": {"description": "A page of offers.", "content": _json(_page_of("Offer"))},
                                      **_error_responses(422)}},
                "post": {"summary": "An academic posts an offer; it is open at once.",
                         "security": [{"bearerToken": []}],
                         "requestBody": {"required": True, "content": _json(_ref("OfferInput"))},
                         "responses": {"201": {"description": "The new offer.", "content": _json(_ref("Offer"))},
                                       **_error_responses(400, 401, 403, 422)}}},
            "/offers/{offer_id}": {
                "parameters": [_path_id("offer_id")],
                "get": {"summary": "One offer.",
                        "responses": {"200": {"description": "The offer.", "content": _json(_ref("Offer"))},
                                      **_error_responses(404)}},
                "patch": {"summary": "Its author changes fields or the status.",
                          "security": [{"bearerToken": []}],
                          "requestBody": {"required": True, "content": _json(_ref("OfferPatch"))},
                          "responses": {"200": {"description": "The offer after the change.",
                                                "content": _json(_ref("Offer"))},
                                        **_error_responses(400, 401, 403, 404, 409, 422)}}},
            "/offers/{offer_id}/matches": {"get": {
                "summary": "The open challenges that fit an offer, best first. For its author and the coordinators.",
                "security": [{"bearerToken": []}],
                "parameters": [_path_id("offer_id"), K_PARAMETER],
                "responses": {"200": {"description": "Suggestions.", "content": _json(_matches_of("ChallengeMatch"))},
                              **_error_responses(401, 403, 404, 422)}}},
            "/academics/{academic_id}/matches": {"get": {
                "summary": "The open challenges that fit an academic (by user id), best first. For that academic "
                           "and the coordinators.",
                "security": [{"bearerToken": []}],
                "parameters": [_path_id("academic_id"), K_PARAMETER],
                "responses": {"200": {"description": "Suggestions.", "content": _json(_matches_of("ChallengeMatch"))},
                              **_error_responses(401, 403, 404, 422)}}},
            "/academics": {"get": {
                "summary": "Academics who opted in to the public directory.",
                "parameters": LIST_PARAMETERS,
                "responses": {"200": {"description": "A page of academics.", "content": _json(_page_of("Academic"))},
                              **_error_responses(422)}}},
            "/openapi.json": {"get": {
                "summary": "This document.",
                "responses": {"200": {"description": "The OpenAPI document."}}}},
        }),
    }
