"""The fields each trigger and action takes (``design/api.md``, "Trigger and action fields").

Validated before anything else happens, so bad input is refused with the field's name and nothing is written.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ombudsman.citations import DISMISSAL_GROUNDS
from ombudsman.rules.awards import AwardsIn

Reasons = Field(min_length=1, max_length=20_000)
OptionalReasons = Field(default=None, max_length=20_000)


class Party(StrEnum):
    complainant = "complainant"
    respondent = "respondent"


class Outcome(StrEnum):
    uphold = "uphold"
    partly_uphold = "partly_uphold"
    not_uphold = "not_uphold"


class Fields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reasons: str | None = OptionalReasons
    # Staff may record a step for a party who asked them to (a reasonable adjustment); parties act for themselves.
    on_behalf_of: Party | None = None


class NoFields(Fields):
    pass


class ReasonsRequired(Fields):
    reasons: str = Reasons


class InviteJurisdictionRepresentations(Fields):
    raised_by: Literal["respondent", "ombudsman"]
    respond_by: date | None = None


class AcceptJurisdiction(ReasonsRequired):
    exception: Literal["exceptional_circumstances", "respondent_consent"] | None = None


class ProposeDismissal(ReasonsRequired):
    ground: str
    respond_by: date | None = None

    @field_validator("ground")
    @classmethod
    def _known_ground(cls, ground: str) -> str:
        if ground not in DISMISSAL_GROUNDS:
            raise ValueError(f"{ground!r} is not a ground of DISP 3.3.4R: use one of {', '.join(DISMISSAL_GROUNDS)}")
        return ground


class DismissAsTestCase(ReasonsRequired):
    point_of_law: str = Field(min_length=1, max_length=20_000)
    costs_undertaking: bool


class ReferElsewhere(ReasonsRequired):
    scheme: str = Field(min_length=1, max_length=200)
    complainant_consent: bool


class IssueProvisionalAssessment(ReasonsRequired):
    outcome: Outcome
    respond_by: date | None = None
    awards: AwardsIn | None = None


class GrantHearing(ReasonsRequired):
    private: bool


class Determine(ReasonsRequired):
    outcome: Outcome
    accept_before: date | None = None
    awards: AwardsIn | None = None


class Settle(ReasonsRequired):
    terms: str = Field(min_length=1, max_length=20_000)


class RecordCompliance(Fields):
    evidence: str = Field(min_length=1, max_length=20_000)


class RecordFinalResponse(Fields):
    sent_on: date
    mentioned_time_limit: bool = False


class MakeRepresentations(Fields):
    text: str = Field(min_length=1, max_length=50_000)
    confidential: bool = False


class RequestHearing(Fields):
    issues: str = Field(min_length=1, max_length=20_000)
    private_reasons: str | None = Field(default=None, max_length=20_000)


class SetTimeLimit(ReasonsRequired):
    deadline: str = Field(min_length=1, max_length=60, pattern=r"^[a-z_]+$")
    until: date
    binds: list[Party] = Field(default_factory=lambda: [Party.complainant, Party.respondent])


class ExtendTimeLimit(ReasonsRequired):
    deadline: str = Field(min_length=1, max_length=60, pattern=r"^[a-z_]+$")
    until: date


class LinkConnectedComplaint(ReasonsRequired):
    connected_reference: str = Field(min_length=1, max_length=40)


class AuthoriseDisclosure(ReasonsRequired):
    regulator: str = Field(min_length=1, max_length=200)


FIELDS: dict[str, type[Fields]] = {
    # triggers
    "refer_to_respondent": Fields,
    "respondent_time_elapsed": Fields,
    "start_jurisdiction_check": Fields,
    "invite_jurisdiction_representations": InviteJurisdictionRepresentations,
    "decide_out_of_jurisdiction": ReasonsRequired,
    "accept_jurisdiction": AcceptJurisdiction,
    "propose_dismissal": ProposeDismissal,
    "dismiss": ReasonsRequired,
    "withdraw_dismissal_proposal": ReasonsRequired,
    "dismiss_as_test_case": DismissAsTestCase,
    "refer_elsewhere": ReferElsewhere,
    "issue_provisional_assessment": IssueProvisionalAssessment,
    "disagree": Fields,
    "close_on_assessment": Fields,
    "grant_hearing": GrantHearing,
    "conclude_hearing": Fields,
    "determine": Determine,
    "accept": Fields,
    "reject": Fields,
    "lapse": Fields,
    "accept_late": ReasonsRequired,
    "settle": Settle,
    "record_compliance": RecordCompliance,
    "withdraw": Fields,
    # actions
    "record_final_response": RecordFinalResponse,
    "make_representations": MakeRepresentations,
    "notify_late_acceptance": Fields,
    "request_hearing": RequestHearing,
    "refuse_hearing": ReasonsRequired,
    "set_time_limit": SetTimeLimit,
    "extend_time_limit": ExtendTimeLimit,
    "note_respondent_missed_time_limit": ReasonsRequired,
    "correct_clerical_mistake": ReasonsRequired,
    "link_connected_complaint": LinkConnectedComplaint,
    "authorise_disclosure": AuthoriseDisclosure,
}
