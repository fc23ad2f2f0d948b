"""The fields each trigger and action takes: what the API accepts in a transition or action body.

Validated before anything else happens, so bad input is refused with the field's name and nothing is written.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from ombudsman.citations import DISMISSAL_GROUNDS
from ombudsman.rules.awards import AwardsIn
from ombudsman.rules.values import Day, Flag, Printable

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

    reasons: Printable | None = OptionalReasons
    # Staff may record a step for a party who asked them to (a reasonable adjustment); parties act for themselves.
    on_behalf_of: Party | None = None


class NoFields(Fields):
    pass


class ReasonsRequired(Fields):
    reasons: Printable = Reasons


class InviteJurisdictionRepresentations(Fields):
    raised_by: Literal["respondent", "ombudsman"]
    respond_by: Day | None = None


class AcceptJurisdiction(ReasonsRequired):
    exception: Literal["exceptional_circumstances", "respondent_consent"] | None = None


class ProposeDismissal(ReasonsRequired):
    ground: str
    respond_by: Day | None = None

    @field_validator("ground")
    @classmethod
    def _known_ground(cls, ground: str) -> str:
        if ground not in DISMISSAL_GROUNDS:
            raise ValueError(f"{ground!r} is not a ground of DISP 3.3.4R: use one of {', '.join(DISMISSAL_GROUNDS)}")
        return ground


class DismissAsTestCase(ReasonsRequired):
    point_of_law: Printable = Field(min_length=1, max_length=20_000)
    costs_undertaking: Flag


class ReferElsewhere(ReasonsRequired):
    scheme: Printable = Field(min_length=1, max_length=200)
    complainant_consent: Flag


class IssueProvisionalAssessment(ReasonsRequired):
    outcome: Outcome
    respond_by: Day | None = None
    awards: AwardsIn | None = None


class GrantHearing(ReasonsRequired):
    private: Flag


class Determine(ReasonsRequired):
    outcome: Outcome
    accept_before: Day | None = None
    awards: AwardsIn | None = None


class Settle(ReasonsRequired):
    terms: Printable = Field(min_length=1, max_length=20_000)


class RecordCompliance(Fields):
    evidence: Printable = Field(min_length=1, max_length=20_000)


class RecordFinalResponse(Fields):
    sent_on: Day
    mentioned_time_limit: Flag = False


class MakeRepresentations(Fields):
    text: Printable = Field(min_length=1, max_length=50_000)
    confidential: Flag = False


class RequestHearing(Fields):
    issues: Printable = Field(min_length=1, max_length=20_000)
    private_reasons: Printable | None = Field(default=None, max_length=20_000)


class SetTimeLimit(ReasonsRequired):
    deadline: Printable = Field(min_length=1, max_length=60, pattern=r"^[a-z_]+$")
    until: Day
    binds: list[Party] = Field(default_factory=lambda: [Party.complainant, Party.respondent])


class ExtendTimeLimit(ReasonsRequired):
    deadline: Printable = Field(min_length=1, max_length=60, pattern=r"^[a-z_]+$")
    until: Day


class LinkConnectedComplaint(ReasonsRequired):
    connected_reference: Printable = Field(min_length=1, max_length=40)


class AuthoriseDisclosure(ReasonsRequired):
    regulator: Printable = Field(min_length=1, max_length=200)


def _names_something(phrase: str) -> str:
    """A phrase to redact, trimmed; one with no letter or digit would strike out punctuation or spaces."""
    if not any(character.isalnum() for character in phrase):
        raise ValueError("must contain a letter or a digit: it is a word or phrase to remove from the report")
    return phrase.strip()


RedactPhrase = Annotated[Printable, Field(min_length=1, max_length=200), AfterValidator(_names_something)]


class ApprovePublication(ReasonsRequired):
    """An ombudsman approves the published report of a determination (DISP 3.6.7R), naming any further words or
    phrases that would identify the complainant; the complainant's name and contact details go in any case."""

    redact: list[RedactPhrase] = Field(default_factory=list, max_length=50)


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
    "approve_publication": ApprovePublication,
}
