"""Refusals, each with the HTTP status the API gives it. Raising one inside a use case writes nothing."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError


class Problem(Exception):
    status = 500
    title = "Something went wrong"

    def __init__(
        self,
        detail: str,
        *,
        state: str | None = None,
        allowed: list[str] | None = None,
        citation: str | None = None,
        errors: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.state = state
        self.allowed = allowed
        self.citation = citation
        self.errors = errors

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": f"https://disp-engine.invalid/problems/{type(self).__name__}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        for key in ("state", "allowed", "citation", "errors"):
            value = getattr(self, key)
            if value is not None:
                body[key] = value
        return body


class NotAuthenticated(Problem):
    status, title = 401, "Not signed in"


class Forbidden(Problem):
    status, title = 403, "Not allowed for your role"


class NotFound(Problem):
    status, title = 404, "Not found"


class Refused(Problem):
    status, title = 409, "Refused by the rules"


class StaleVersion(Problem):
    status, title = 412, "The case has changed since you read it"


class InvalidInput(Problem):
    status, title = 422, "Invalid input"

    @classmethod
    def field(cls, field: str, message: str) -> InvalidInput:
        return cls(f"{field}: {message}", errors=[{"field": field, "message": message}])

    @classmethod
    def from_validation(cls, error: ValidationError, prefix: str = "") -> InvalidInput:
        errors = [
            {
                "field": ".".join(str(part) for part in (prefix, *item["loc"]) if part != "") or "body",
                "message": item["msg"].removeprefix("Value error, "),
            }
            for item in error.errors()
        ]
        detail = "; ".join(f"{item['field']}: {item['message']}" for item in errors)
        return cls(detail, errors=errors)
