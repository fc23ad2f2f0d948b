"""Every DISP 3 step, declared once, grouped by the stage of the procedure it belongs to.

Each stage module holds its steps' fields, their guards and their declarations side by side. ``STEPS`` is every
declaration, in the order of the procedure: the triggers in the order the statechart lists them, then the actions.
"""

from __future__ import annotations

from workflows.fields import Fields, Outcome, ReasonsRequired
from workflows.step import Step
from workflows.steps import closure, determination, dismissal, investigation, jurisdiction, referral
from workflows.steps.closure import AuthoriseDisclosure, RecordCompliance, Settle
from workflows.steps.determination import ApprovePublication, Determine
from workflows.steps.dismissal import ProposeDismissal, ReferElsewhere
from workflows.steps.investigation import (
    ExtendTimeLimit,
    GrantHearing,
    IssueProvisionalAssessment,
    LinkConnectedComplaint,
    MakeRepresentations,
    RequestHearing,
    SetTimeLimit,
)
from workflows.steps.jurisdiction import AcceptJurisdiction, InviteJurisdictionRepresentations
from workflows.steps.referral import RecordFinalResponse

STAGES = (referral, jurisdiction, dismissal, investigation, determination, closure)
_DECLARED: tuple[Step, ...] = tuple(step for stage in STAGES for step in stage.STEPS)
STEPS: tuple[Step, ...] = (
    *(step for step in _DECLARED if not step.is_action),
    *(step for step in _DECLARED if step.is_action),
)

__all__ = [
    "STAGES",
    "STEPS",
    "AcceptJurisdiction",
    "ApprovePublication",
    "AuthoriseDisclosure",
    "Determine",
    "ExtendTimeLimit",
    "Fields",
    "GrantHearing",
    "InviteJurisdictionRepresentations",
    "IssueProvisionalAssessment",
    "LinkConnectedComplaint",
    "MakeRepresentations",
    "Outcome",
    "ProposeDismissal",
    "ReasonsRequired",
    "RecordCompliance",
    "RecordFinalResponse",
    "ReferElsewhere",
    "RequestHearing",
    "SetTimeLimit",
    "Settle",
]
