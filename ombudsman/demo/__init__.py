"""Demo data: plausible complaints in every state, walked through the real workflow so every row is honest.

Each case is opened some weeks ago and taken step by step to its state through the same service the API uses,
with the clock set to the day of each step; deadlines therefore fall around today.

``plan_cases`` and ``seed_planned`` make as many more as asked (``ombudsman demo --cases N``), generated from a
seed: varied complainants, firms, activities and time-limit positions, so the DISP 2 tests come out varied; most
cases referred or in the jurisdiction check or the investigation, some further on. They are opened in bulk
(``CaseService.open_cases``) and taken on by the real steps, day by day, each refused step leaving its case
where the rules leave it.

By job: the cases and their stories (``stories``), the generator of many cases (``generator``), and the seeding
that takes cases through their steps and makes the demo's users and tokens (``seeding``). Every name is
importable from here.
"""

from ombudsman.demo.generator import (
    CAUSES,
    FIRMS,
    FIRST_NAMES,
    OUT_OF_SCOPE_SUMMARY,
    PATHS,
    STREETS,
    SUMMARIES,
    SURNAMES,
    TOWNS,
    TRADES,
    Path,
    Planned,
    plan_cases,
)
from ombudsman.demo.seeding import (
    CASEWORKER,
    OMBUDSMAN,
    STEPS_A_BATCH,
    Advance,
    Generated,
    cases_to_do,
    demo_users,
    seed,
    seed_planned,
    state_counts,
    steps_to_take,
)
from ombudsman.demo.stories import (
    ASSESSMENT,
    BIG_MONEY,
    COMPLAINANT,
    DISAGREED,
    MONEY,
    REPRESENTATIONS,
    RESPONDENT,
    STORIES,
    TO_INVESTIGATION,
    Step,
    Story,
    determined,
    story_facts,
)

__all__ = [
    "ASSESSMENT",
    "BIG_MONEY",
    "CASEWORKER",
    "CAUSES",
    "COMPLAINANT",
    "DISAGREED",
    "FIRMS",
    "FIRST_NAMES",
    "MONEY",
    "OMBUDSMAN",
    "OUT_OF_SCOPE_SUMMARY",
    "PATHS",
    "REPRESENTATIONS",
    "RESPONDENT",
    "STEPS_A_BATCH",
    "STORIES",
    "STREETS",
    "SUMMARIES",
    "SURNAMES",
    "TOWNS",
    "TO_INVESTIGATION",
    "TRADES",
    "Advance",
    "Generated",
    "Path",
    "Planned",
    "Step",
    "Story",
    "cases_to_do",
    "demo_users",
    "determined",
    "plan_cases",
    "seed",
    "seed_planned",
    "state_counts",
    "steps_to_take",
    "story_facts",
]
