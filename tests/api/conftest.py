"""The API over the real app and the real service (SQLite and PostgreSQL, as ``tests/conftest.py`` sets up)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from ombudsman.api import create_app
from ombudsman.db import transaction
from ombudsman.models import Case
from ombudsman.queries import audit_count
from ombudsman.service import CaseService
from ombudsman.users import add_user
from tests.factories import facts_data
from workflows.table import Role

FRN = "123456"
OTHER_FRN = "654321"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@dataclass
class Api:
    """The client, with a token for each role, and helpers that go through HTTP only."""

    client: TestClient
    service: CaseService
    caseworker: dict[str, str]
    ombudsman: dict[str, str]
    firm: dict[str, str]
    other_firm: dict[str, str]

    def open_case(self, headers: dict[str, str] | None = None, **overrides: Any) -> dict[str, Any]:
        response = self.client.post("/v1/cases", json=facts_data(**overrides), headers=headers or self.caseworker)
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    def complainant_of(self, reference: str, name: str = "Ann Example") -> dict[str, str]:
        return bearer(add_user(self.service.engine, self.service.clock, name, role=Role.complainant, cases=[reference]))

    def fire(self, reference: str, headers: dict[str, str], trigger: str, **fields: Any) -> dict[str, Any]:
        response = self.client.post(
            f"/v1/cases/{reference}/transitions", json={"trigger": trigger, **fields}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def act(self, reference: str, headers: dict[str, str], action: str, **fields: Any) -> dict[str, Any]:
        response = self.client.post(
            f"/v1/cases/{reference}/actions", json={"action": action, **fields}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def audit_count(self, reference: str | None = None) -> int:
        with transaction(self.service.engine) as session:
            return audit_count(session, reference)

    def case_count(self) -> int:
        with transaction(self.service.engine) as session:
            return len(session.exec(select(Case.id)).all())


@pytest.fixture
def api(service: CaseService) -> Iterator[Api]:
    def token(name: str, role: Role, frn: str | None = None) -> dict[str, str]:
        return bearer(add_user(service.engine, service.clock, name, role=role, frn=frn))

    with TestClient(create_app(service)) as client:
        yield Api(
            client,
            service,
            caseworker=token("Priya Shah", Role.caseworker),
            ombudsman=token("Daniel Okafor", Role.ombudsman),
            firm=token("Example Bank complaints team", Role.firm, FRN),
            other_firm=token("Other Bank complaints team", Role.firm, OTHER_FRN),
        )


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert {"type", "title", "detail"} <= body.keys()
    return body


def error_fields(body: dict[str, Any]) -> list[str]:
    return [item["field"] for item in body.get("errors", [])]
