"""Every setting in one place, read from the environment (``OMBUDSMAN_*``)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from ombudsman.rules.rulebook import DEFAULT_RULEBOOK
from ombudsman.rules.values import Day


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OMBUDSMAN_", extra="ignore")

    database_url: str = "sqlite:///ombudsman.db"
    rulebook: str = DEFAULT_RULEBOOK
    # A window that binds a vulnerable complainant (or one granted more time) runs this many days longer.
    vulnerable_extra_days: int = Field(default=14, ge=0, le=365)
    # Fixes the service's "today" (YYYY-MM-DD) for demonstrations, training and replaying past cases; a
    # production service never sets it.
    today: Day | None = None
