"""Request and response bodies of the API that are not a case's own shapes (those are in ``ombudsman.views``) or
the stateless tools' (``ombudsman.tools``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, Field, create_model

from ombudsman.views import CaseView, RegisterEntryView
from workflows.table import ACTION_BY_NAME, FIELDS, STEP_BY_TRIGGER


class FieldError(BaseModel):
    field: str = Field(description="the field, dotted: complainant.kind, awards.money.0.amount, trigger, cursor")
    message: str


class ProblemDetails(BaseModel):
    """An error, as RFC 9457 problem details (``application/problem+json``)."""

    type: str
    title: str
    status: int
    detail: str
    state: str | None = Field(default=None, description="the case's state, where the refusal concerns a case")
    allowed: list[str] | None = Field(default=None, description="the triggers and actions the caller may try now")
    citation: str | None = Field(default=None, description="the DISP paragraphs the refusal rests on")
    errors: list[FieldError] | None = Field(default=None, description="for 422: each field at fault")
    request_id: str | None = Field(default=None, description="for 500: quote it when you tell us (X-Request-ID)")


class Health(BaseModel):
    status: str
    database: str


class CaseList(BaseModel):
    items: list[CaseView]
    next_cursor: str | None = Field(description="pass as cursor for the next page; null on the last page")


class Register(BaseModel):
    items: list[RegisterEntryView]


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _request(key: str, name: str, suffix: str) -> type[BaseModel]:
    """One trigger's or action's request body: its own field model, with ``trigger`` or ``action`` naming it."""
    fields = FIELDS[name]
    model: type[BaseModel] = create_model(
        f"{_camel(name)}{suffix}",
        __base__=fields,
        __doc__=f"`{name}`: {(fields.__doc__ or '').strip() or 'its fields'}",
        **{key: (Literal[name], Field(description=f"the {key}"))},  # type: ignore[call-overload]
    )
    return model


TRANSITION_BODIES = tuple(_request("trigger", name, "Transition") for name in STEP_BY_TRIGGER)
ACTION_BODIES = tuple(_request("action", name, "Action") for name in ACTION_BY_NAME)

# Each trigger's and action's own fields, as a union keyed on ``trigger`` / ``action``: what the OpenAPI document
# says the two endpoints take. The service validates a body against the same field model (``workflows.fields``),
# after it has checked who may do what to which case, so the document and the server cannot disagree.
TRANSITION_BODY: Any = Annotated[Union[TRANSITION_BODIES], Field(discriminator="trigger")]  # noqa: UP007
ACTION_BODY: Any = Annotated[Union[ACTION_BODIES], Field(discriminator="action")]  # noqa: UP007
