"""``docs/workflow.md`` says what the step declarations say: regenerate it with ``UPDATE_GOLDEN=1``."""

from __future__ import annotations

import os
from pathlib import Path

from workflows.describe import workflow_document
from workflows.table import ACTIONS, STEPS

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "workflow.md"


def test_the_workflow_document_is_written_from_the_declarations() -> None:
    written = workflow_document()
    if os.environ.get("UPDATE_GOLDEN") == "1":
        DOCUMENT.write_text(written, encoding="utf-8")
    assert DOCUMENT.read_text(encoding="utf-8") == written, "docs/workflow.md is stale: run with UPDATE_GOLDEN=1"
    for step in (*STEPS, *ACTIONS):
        assert f"| `{step.name}` |" in written
