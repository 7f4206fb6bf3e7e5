"""The OpenAPI 3 description of /api/v1, kept beside the views it describes."""

ERROR = {"$ref": "#/components/schemas/Error"}


def _error_responses(*statuses: int) -> dict:
    descriptions = {
        400: "The body is not a JSON object, or a cookie-authenticated write lacks its CSRF token.",
        401: "No valid personal access token.",
        403: "The caller may not do this.",
        404: "No such object.",
        409: "The object has already changed to this state.",
        422: "A field is missing or wrong; `fields` names each one.",
        429: "Too many failed attempts; wait a minute.",
    }
    return {
        str(status): {"description": descriptions[status], "content": {"application/json": {"schema": ERROR}}}
        for status in statuses
    }


def _json(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}


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
        "paths": {
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
                "requestBody": {"required": True, "content": _json({
                    "type": "object", "required": ["email", "password"],
                    "properties": {"email": {"type": "string"}, "password": {"type": "string"},
                                   "name": {"type": "string", "description": "A label for the token."}}})},
                "responses": {
                    "201": {"description": "The token, shown this once.", "content": _json({
                        "type": "object", "properties": {"token": {"type": "string"}, "id": {"type": "integer"},
                                                         "name": {"type": "string"}}})},
                    **_error_responses(400, 401, 422, 429),
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
                "parameters": [{"name": "organisation_id", "in": "path", "required": True,
                                "schema": {"type": "integer"}}],
                "requestBody": {"required": True, "content": _json({
                    "type": "object", "required": ["status"],
                    "properties": {"status": {"type": "string", "enum": ["verified", "rejected", "suspended"]},
                                   "reason": {"type": "string",
                                              "description": "Required when rejecting or suspending."}}})},
                "responses": {"200": {"description": "The organisation after the decision.",
                                      "content": _json({"$ref": "#/components/schemas/Organisation"})},
                              **_error_responses(400, 401, 403, 404, 409, 422)}}},
            "/openapi.json": {"get": {
                "summary": "This document.",
                "responses": {"200": {"description": "The OpenAPI document."}}}},
        },
    }
