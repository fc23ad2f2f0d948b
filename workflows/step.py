"""A DISP 3 step, declared once: everything the engine needs to know about one trigger or one action.

A trigger moves the case from one of its ``sources`` to ``dest``; an action records something and leaves the
state as it is (``dest`` None). The declaration holds its title and purpose in plain English, the roles that may
take the step, the fields it takes, the guard that judges it, the time limit it opens (and, for the steps the
deadline sweep fires, the limit whose passing fires it), the letters it sends and to whom, the step it leads
straight on to, and its citations. The statechart, the permission table, the field table, the sweep's triggers
and the letter table are all derived from these declarations (``workflows.table``), never written beside them.

The declarations are grouped by DISP 3 stage in ``workflows.steps``: referral, jurisdiction, dismissal,
investigation, determination and closure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ombudsman.citations import Citation
from ombudsman.rules.finding import Finding
from workflows.events import Effect
from workflows.fields import Fields
from workflows.vocabulary import STAFF, LetterKind, Party, Role, State, TimeLimitKind

if TYPE_CHECKING:
    from workflows.attempt import Attempt

Guard = Callable[["Attempt"], Finding]

# Who may take a step: staff (DISP 3.9.1R lets them do all but determine, accept a late acceptance and authorise
# disclosure), an Ombudsman alone, or staff and the parties named.
STAFF_ONLY: frozenset[Role] = STAFF
OMBUDSMAN_ONLY: frozenset[Role] = frozenset({Role.ombudsman})
AND_THE_FIRM: frozenset[Role] = STAFF | {Role.firm}
AND_THE_COMPLAINANT: frozenset[Role] = STAFF | {Role.complainant}
AND_BOTH_PARTIES: frozenset[Role] = STAFF | {Role.firm, Role.complainant}

# A letter goes to the parties named, or to parties the step's typed record names (``workflows.events``): those
# invited to make representations, the one party the step is about (who asked, who disagreed), the other party
# than that one, or those a time limit binds.
INVITED = "invited"
PARTY = "party"
OTHER_PARTY = "other_party"
BINDS = "binds"
Recipients = tuple[Party | str, ...]


@dataclass(frozen=True)
class Allowance:
    """How much free text one party may add to one case by taking a step over and over (representations, hearing
    requests): at most so many times, each text at most so long. The numbers are settings, named by ``kind``
    (``OMBUDSMAN_<KIND>_PER_PARTY`` and ``OMBUDSMAN_<KIND>_CHARACTERS``, ``Settings.allowance``); the step's
    ``texts`` are the fields whose length is limited, and ``made`` counts what the attempt's party has already
    added to the case.

    The service judges it before the guard: a text too long is refused with 422 naming its field; one more than
    the number allowed is refused with 409, saying how many the party has made. A later step that lets staff add
    notes declares an ``Allowance`` of its own, with ``made`` counting the notes of the one who writes. The
    pydantic limits on the texts are the most any setting may allow; the settings set the limits in force.
    """

    kind: str  # plural, as the refusal says it: "representations", "hearing requests" (settings: underscores)
    texts: tuple[str, ...]
    made: Callable[[Attempt], int]


@dataclass(frozen=True)
class Step:
    name: str
    sources: tuple[State, ...]
    cites: Citation
    guard: Guard
    fields: type[Fields] = Fields
    roles: frozenset[Role] = STAFF_ONLY
    # A trigger's destination; None for an action. ``returns`` marks a trigger that goes back to the state the case
    # came from (``returns_to``): with no destination it always does (``withdraw_dismissal_proposal``); with one, it
    # goes there when the case came from nowhere to go back to (``accept_jurisdiction``).
    dest: State | None = None
    returns: bool = False
    # The step keeps the state the case came from (``returns_to``), for a returning step to take it back there.
    keeps_origin: bool = False
    opens: TimeLimitKind | None = None  # the time limit this step opens: it ends when the case leaves ``dest``
    fired_by: TimeLimitKind | None = None  # the deadline sweep fires this step the day after that limit passes
    sends: tuple[tuple[LetterKind, Recipients], ...] = ()
    then: str | None = None  # the trigger taken at once after this step, where the case is in one of its sources
    effect: Effect | None = None  # what the step does, as events (``workflows.events``); None: only noted
    # Always open to the parties while the case is (making representations): never listed as a party's to-do.
    routine: bool = False
    allowance: Allowance | None = None  # free text a party may add over and over: how much, the settings say
    # A binding act, or one that ends the case: the pages show what it will do and each letter it will send
    # ("Check your answers"), and take it only when the caller confirms.
    checked: bool = False
    # The states from which this is the step usually taken next: the case page offers it first, marked.
    usual_in: tuple[State, ...] = ()
    # What the pages and ``docs/workflow.md`` call the step, in plain English for caseworkers and parties: a short
    # title in sentence case with no full stop ("Determine the complaint"), and one line on what the step is for.
    title: str = field(kw_only=True)
    purpose: str = field(kw_only=True)

    @property
    def is_action(self) -> bool:
        return self.dest is None and not self.returns

    @property
    def kind(self) -> str:
        return "action" if self.is_action else "trigger"

    @property
    def swept(self) -> bool:
        return self.fired_by is not None
