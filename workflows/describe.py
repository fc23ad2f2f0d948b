"""The workflow described for a reader, from the declarations themselves: ``docs/workflow.md``.

The document is written by :func:`workflow_document` and kept in the repository; a test fails when it no longer
matches the declarations (regenerate it with ``UPDATE_GOLDEN=1``), so what it says is always what the engine does.
"""

from __future__ import annotations

from ombudsman.citations import PARAGRAPHS, Citation
from workflows.machine import mermaid
from workflows.step import BINDS, INVITED, OTHER_PARTY, PARTY, Step
from workflows.table import ACTIONS, FINAL_STATES, STEPS, Role, State

MEANINGS = {
    State.referred: "the complaint has reached the Ombudsman; the facts are being recorded",
    State.with_respondent: "referred back: the respondent has not sent its final response nor had its time",
    State.jurisdiction_check: "the DISP 2 tests are being assessed",
    State.jurisdiction_representations: "the parties may make representations on jurisdiction before a decision",
    State.out_of_jurisdiction: "decided out of jurisdiction, with reasons",
    State.dismissal_representations: "the complainant may make representations before a dismissal",
    State.dismissed: "dismissed without considering the merits, on a recorded ground",
    State.referred_elsewhere: "referred to another complaints scheme with the complainant's consent",
    State.investigation: "in jurisdiction: evidence and representations",
    State.provisional_assessment: "a provisional assessment has gone to both parties, with a time to respond",
    State.assessment_accepted: (
        "nobody disagreed in time: the case closes on the assessment's terms (awaiting compliance where it asks "
        "the respondent to pay or do something)"
    ),
    State.awaiting_determination: "a party disagreed in time: an Ombudsman will determine",
    State.hearing: "a hearing has been granted and is pending",
    State.determined: "the determination is issued; the complainant's time to accept is open",
    State.accepted: "accepted in time, or late for exceptional circumstances: final and binding",
    State.rejected: "rejected, or treated as rejected when the date passed: neither party is bound",
    State.complied: "the respondent has complied",
    State.settled: "resolved by agreement before a determination",
    State.withdrawn: "the complainant withdrew",
}


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
        "| state | meaning | ends the case? |",
        "|---|---|---|",
        *(f"| `{state.value}` | {MEANINGS[state]} | {'yes' if state in FINAL_STATES else 'no'} |" for state in State),
        "",
        "## Triggers",
        "",
        "| trigger | from | to | who | fields | time limits | letters | cites |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for step in STEPS:
        sources = ", ".join(f"`{state.value}`" for state in step.sources)
        dest = "the state it came from" if step.returns else f"`{step.dest.value}`" if step.dest else ""
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
        "## The statechart",
        "",
        "```mermaid",
        mermaid().rstrip("\n"),
        "```",
        "",
    ]
    return "\n".join(lines)
