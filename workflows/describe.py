"""The workflow described for a reader, from the declarations themselves: ``docs/workflow.md``.

The document is written by :func:`workflow_document` and kept in the repository; a test fails when it no longer
matches the declarations (regenerate it with ``UPDATE_GOLDEN=1``), so what it says is always what the engine does.
"""

from __future__ import annotations

from ombudsman.citations import PARAGRAPHS, Citation
from workflows.machine import mermaid
from workflows.step import BINDS, INVITED, OTHER_PARTY, PARTY, Step
from workflows.table import ACTIONS, STATES, STEPS, Role, State

WHO: dict[tuple[str, ...], str] = {
    (INVITED,): "the parties invited",
    (PARTY,): "the party who asked",
    (OTHER_PARTY,): "the other party",
    (BINDS,): "the parties it binds",
}


def _roles(step: Step) -> str:
    return ", ".join(role.value for role in Role if role in step.roles)


def _letters(step: Step) -> str:
    sends = []
    for kind, recipients in step.sends:
        to = WHO.get(recipients) or " and ".join(str(party) for party in recipients)
        sends.append(f"`{kind.value}` to {to}")
    return "; ".join(sends) or "none"


def _limits(step: Step) -> str:
    parts = []
    if step.opens is not None:
        parts.append(f"opens `{step.opens.value}`")
    if step.fired_by is not None:
        parts.append(f"fired by the sweep when `{step.fired_by.value}` passes")
    if step.then is not None:
        parts.append(f"then `{step.then}`")
    return "; ".join(parts) or "—"


def _fields(step: Step) -> str:
    own = [name for name in step.fields.model_fields if name not in ("reasons", "on_behalf_of")]
    required = step.fields.model_fields["reasons"].is_required()
    shown = (["`reasons` (required)"] if required else []) + [f"`{name}`" for name in own]
    return ", ".join(shown) or "—"


SEVERAL_EVENTS = (
    "## Complaints about several events",
    "",
    'DISP 2.8.2R(2) runs from "the event complained of", so a complaint about a series (loans, monthly charges,',
    "sales) lists its `events` and each is judged on its own: `six_month_limit`, `six_or_three_year_limit` and",
    "`time_limit_exceptions` per event; eligibility, activity, territory and the respondent's time once for the",
    "complaint. An event's own `complained_to_respondent_on`, `final_response_sent_on`,",
    "`final_response_mentioned_time_limit` and `respondent_consents_to_late_referral` stand for it; where it gives",
    "none, the complaint's do. The steps that take events:",
    "",
    "- `record_late_referral_position` with `events`: the respondent's position on those events only.",
    "- `accept_jurisdiction` with some events out: a partial decision, once the complainant was invited to make",
    "  representations (DISP 3.2.4R); `exception_events` names the events the exception cures. The letters give",
    "  the complainant the reasons for each event out (DISP 3.2.5R) and the respondent those for each event in",
    "  (DISP 3.2.6R).",
    "- `determine`, `issue_provisional_assessment`, `correct_clerical_mistake`: each money line names the events it",
    "  redresses; on a case with an event out every line must, and none may name an event out.",
    "- `amend_facts` with `events`: the whole list as it now stands (add, correct or remove events).",
    "",
    "An example body of `POST /v1/cases` (the lender objects to the first loan, six years old when it received the",
    "complaint; the other two go on):",
    "",
    "```json",
    '{"complainant": {"name": "Ann Example", "kind": "consumer", "relationship": "customer"},',
    ' "respondent": {"name": "Example Loans Ltd", "frn": "123456", "kind": "firm"},',
    ' "activity": "consumer_credit", "establishment": "uk",',
    ' "complained_to_respondent_on": "2025-06-02", "final_response_sent_on": "2025-07-21",',
    ' "final_response_mentioned_time_limit": true, "referred_on": "2025-09-01",',
    ' "events": [',
    '   {"id": "L1", "kind": "loan", "date": "2017-01-10", "awareness_date": "2017-01-10",',
    '    "respondent_consents_to_late_referral": false},',
    '   {"id": "L2", "kind": "loan", "date": "2020-03-01", "amount": "500.00"},',
    '   {"id": "L3", "kind": "loan", "date": "2022-06-01", "description": "The third loan"}]}',
    "```",
)


def workflow_document() -> str:
    lines = [
        "# The DISP 3 workflow, as the engine declares it",
        "",
        "Written from the step declarations in `workflows/steps/` by `workflows/describe.py`; a test keeps it",
        "in step with them. State, trigger, action and role names are the public vocabulary of the API, the CLI",
        "and the letters.",
        "",
        "## States",
        "",
        "| state | meaning | phase | ends the case? |",
        "|---|---|---|---|",
        *(
            f"| `{state.value}` | {row.meaning} | {row.phase.value.replace('_', ' ')} | {'yes' if row.ends else 'no'} |"
            for state, row in STATES.items()
        ),
        "",
        "## The steps, in plain words",
        "",
        "| step | title | what it is for |",
        "|---|---|---|",
        *(f"| `{step.name}` | {step.title} | {step.purpose} |" for step in (*STEPS, *ACTIONS)),
        "",
        "## Triggers",
        "",
        "| trigger | from | to | who | fields | time limits | letters | cites |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for step in STEPS:
        sources = ", ".join(f"`{state.value}`" for state in step.sources)
        dest = f"`{step.dest.value}`" if step.dest else ""
        if step.returns:
            dest = f"{dest} (or back to the state it came from)" if dest else "the state it came from"
        lines.append(
            f"| `{step.name}` | {sources} | {dest} | {_roles(step)} | {_fields(step)} | {_limits(step)} | "
            f"{_letters(step)} | {step.cites or '—'} |"
        )
    lines += [
        "",
        "## Actions (the state stays as it is)",
        "",
        "| action | in | who | fields | letters | cites |",
        "|---|---|---|---|---|---|",
    ]
    for step in ACTIONS:
        states = "any state" if set(step.sources) == set(State) else ", ".join(f"`{s.value}`" for s in step.sources)
        lines.append(
            f"| `{step.name}` | {states} | {_roles(step)} | {_fields(step)} | {_letters(step)} | {step.cites or '—'} |"
        )
    cited = sorted({paragraph for step in (*STEPS, *ACTIONS) for paragraph in Citation.read(step.cites).paragraphs})
    lines += [
        "",
        "## The DISP paragraphs the steps cite",
        "",
        "| paragraph | what it says | cited by |",
        "|---|---|---|",
        *(
            f"| {paragraph} | {PARAGRAPHS[paragraph]} | "
            + ", ".join(f"`{s.name}`" for s in (*STEPS, *ACTIONS) if paragraph in Citation.read(s.cites).paragraphs)
            + " |"
            for paragraph in cited
        ),
        "",
        *SEVERAL_EVENTS,
        "",
        "## The statechart",
        "",
        "```mermaid",
        mermaid().rstrip("\n"),
        "```",
        "",
    ]
    return "\n".join(lines)
