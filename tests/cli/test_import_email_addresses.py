"""``ombudsman import FILE`` takes an email address as the API does, one address alone, and text without the
characters that change its direction: a bad line is named by its number and field, and nothing is imported."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from ombudsman.cli import app
from ombudsman.models import AuditEvent, Case, Letter, Party
from tests.factories import facts_data

runner = CliRunner()


def test_a_line_with_a_list_of_addresses_or_a_name_that_turns_around_is_named_and_nothing_is_imported(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    lines = [
        facts_data(),
        facts_data(complainant={"contact_email": "victim@example.org, eve@evil.example"}),
        facts_data(respondent={"contact_email": "Complaints <complaints@example.org>"}),
        facts_data(complainant={"contact_email": "ann@example.org\r\nBcc: eve@evil.example"}),
        facts_data(complainant={"name": "Ann \u202eelpmaxE"}),
        facts_data(complainant={"contact_email": "ann@bücher.example"}),
    ]
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")

    result = runner.invoke(
        app, ["import", str(path), "--database", database_url], env={"OMBUDSMAN_TODAY": "2026-11-02"}
    )

    assert result.exit_code == 2, result.output
    said = result.stderr.splitlines()
    assert said[0] == (
        "line 2: complainant.contact_email: must be one email address, not a list (found a comma at position 19)"
    )
    assert said[1].startswith("line 3: respondent.contact_email: must be the email address alone")
    assert said[2].startswith("line 4: complainant.contact_email: must be one email address with no spaces or line")
    assert said[3] == (
        "line 5: complainant.name: must not contain characters that change the direction of the text, which can "
        "make it read as something else (found U+202E (right-to-left override) at position 5)"
    )
    assert said[4] == "error: 4 of 6 lines are not a case's facts: nothing was imported"
    with engine.connect() as connection:
        for table in (Case, Party, AuditEvent, Letter):
            assert connection.execute(select(func.count()).select_from(table)).scalar_one() == 0
