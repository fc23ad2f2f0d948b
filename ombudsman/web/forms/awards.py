"""An award worked out on its form, without taking the step: the same calculation as ``POST
/v1/awards/calculation`` (``ombudsman.tools.award_calculation``), for the case's referral and event dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError

from ombudsman import tools
from ombudsman.errors import InvalidInput
from ombudsman.instance import Instance
from ombudsman.views import AwardCalculationView
from ombudsman.web.forms import FormErrors, Input
from ombudsman.web.forms.inputs import Posted
from ombudsman.web.forms.reading import read_back
from ombudsman.web.forms.sentences import refusal, sentences


def work_out(
    service: Instance,
    specs: list[Input],
    posted: Posted,
    *,
    referred_on: date | None,
    event_date: date | None,
    events: list[dict[str, str]] | None = None,
) -> AwardCalculationView | None:
    """The award of the form's award fieldset as the rules work it out (None where the form has none or it is
    blank); FormErrors naming each input wrong. ``events``: of a complaint about several, the events in
    jurisdiction with their dates (``{"id", "date"}``), which choose the limit as the step would."""
    award = next((spec for spec in specs if spec.calculable), None)
    if award is None:
        return None
    read = read_back(specs, posted)
    said = list(read.errors)
    given: Any = read.data.get(award.key)
    if not given:
        raise FormErrors([(award.name, f"Enter {award.title} to work it out")])
    try:
        body = tools.AwardCalculationIn.model_validate(
            {**given, "referred_on": referred_on, "event_date": event_date, "events": events}
        )
    except ValidationError as error:
        said.extend(sentences(specs, read, error, prefix=award.key))
        raise FormErrors(said) from None
    if said:
        raise FormErrors(said)
    try:
        return tools.award_calculation(service, body)
    except InvalidInput as problem:
        raise FormErrors(
            [refusal(specs, f"{award.key}.{error['field']}", error["message"]) for error in problem.errors or []]
        ) from None
