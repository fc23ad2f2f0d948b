"""Users and their bearer tokens. A token is shown once, when made; only its SHA-256 hash is stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import Engine
from sqlmodel import select

from ombudsman.clock import Clock
from ombudsman.db import transaction
from ombudsman.errors import InvalidInput
from ombudsman.models import Case, User, UserCase
from ombudsman.service import Actor
from workflows.table import Role


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(
    engine: Engine,
    clock: Clock,
    name: str,
    role: Role,
    frn: str | None = None,
    cases: list[str] | None = None,
) -> str:
    """Make a user and return their token (the only time it is ever seen)."""
    cases = cases or []
    if role is Role.firm and not frn:
        raise InvalidInput.field("frn", "a firm user is bound to one firm: give its firm reference number")
    if role is not Role.firm and frn:
        raise InvalidInput.field("frn", "only firm users are bound to a firm")
    if role is Role.complainant and not cases:
        raise InvalidInput.field("case", "a complainant user needs at least one case of their own")
    if role is not Role.complainant and cases:
        raise InvalidInput.field("case", "only complainant users are bound to cases")
    token = secrets.token_urlsafe(32)
    with transaction(engine) as session:
        user = User(name=name, role=role.value, frn=frn, token_hash=token_hash(token), created_at=clock.now())
        session.add(user)
        session.flush()
        assert user.id is not None
        for reference in cases:
            case = session.exec(select(Case).where(Case.reference == reference)).first()
            if case is None or case.id is None:
                raise InvalidInput.field("case", f"there is no case {reference}")
            session.add(UserCase(user_id=user.id, case_id=case.id))
    return token


def authenticate(engine: Engine, token: str) -> Actor | None:
    """The user a bearer token belongs to, or None. The stored hash is compared in constant time."""
    wanted = token_hash(token)
    with transaction(engine) as session:
        user = session.exec(select(User).where(User.token_hash == wanted)).first()
        if user is None or not hmac.compare_digest(user.token_hash, wanted):
            return None
        case_ids = session.exec(select(UserCase.case_id).where(UserCase.user_id == user.id)).all()
        return Actor(user.name, Role(user.role), user.id, user.frn, frozenset(case_ids))
