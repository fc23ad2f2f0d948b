"""Every setting in one place, read from the environment (``OMBUDSMAN_*``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

from pydantic import Field, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ombudsman.rules.rulebook import DEFAULT_RULEBOOK
from ombudsman.rules.values import Day, EmailAddress


@dataclass(frozen=True)
class Allowed:
    """How much of one kind of free text one party may add to one case: so many, each so many characters."""

    per_party: int
    characters: int


class Settings(BaseSettings):
    # An error names the setting and what is wrong, never the value given: OMBUDSMAN_SMTP_URL may hold a password.
    model_config = SettingsConfigDict(env_prefix="OMBUDSMAN_", extra="ignore", hide_input_in_errors=True)

    database_url: str = "sqlite:///ombudsman.db"
    # PostgreSQL connections each process (a server worker, a sweeper) keeps open, and opens beyond them when busy.
    database_pool_size: int = Field(default=5, ge=1, le=200)
    database_max_overflow: int = Field(default=10, ge=0, le=200)
    # Requests one server process works on at once; the rest wait their turn. Python runs one thread at a time,
    # so threads beyond a few add switching, not speed (measured: 4 answer a third more reads a second than 40):
    # for more, run more processes (`serve --workers N`).
    server_threads: int = Field(default=4, ge=1, le=200)
    # What one client can hold of one server process (ombudsman/api/server.py): this many connections and requests
    # at once (past it a request is answered 503 at once); a whole request head within this many seconds of
    # connecting or of the last answer, else the connection is closed; an idle kept-alive connection closed after
    # this many seconds; this many connections waiting in the kernel to be accepted.
    server_connections: int = Field(default=500, ge=1, le=100_000)
    server_header_seconds: int = Field(default=10, ge=1, le=300)
    server_keep_alive_seconds: int = Field(default=5, ge=1, le=300)
    server_backlog: int = Field(default=2048, ge=1, le=65_535)
    # The addresses of the reverse proxies whose X-Forwarded-Proto and X-Forwarded-For are believed (comma-separated
    # IP addresses or networks, or * for any); from any other client those headers are ignored. Loopback only by
    # default: a proxy on the same machine. `serve --forwarded-allow-ips` sets it too.
    forwarded_allow_ips: str = "127.0.0.1,::1"
    rulebook: str = DEFAULT_RULEBOOK
    # A window that binds a vulnerable complainant (or one granted more time) runs this many days longer.
    vulnerable_extra_days: int = Field(default=14, ge=0, le=365)
    # A firm is told to comply with an accepted determination within this many days of the acceptance (its to-do
    # list and the case page give the date).
    comply_within_days: int = Field(default=28, ge=1, le=365)
    # Fixes the service's "today" (YYYY-MM-DD) for demonstrations, training and replaying past cases; a
    # production service never sets it.
    today: Day | None = None
    # Letters go by email through this SMTP server; with none set, they wait in the outbox. smtp://host:port (clear
    # text), smtps://user:password@host:port (TLS from the start), or smtp://user:password@host:port?starttls=1
    # (TLS after connecting); the user and password percent-encoded. Kept out of repr: it may hold a password.
    smtp_url: str | None = Field(default=None, repr=False)
    mail_from: str = "Financial Ombudsman Service <complaint.info@financial-ombudsman.org.uk>"
    # A temporary failure (a 4xx answer, no answer, a network error) is tried again after 1, 5, 30, 120 and 720
    # minutes; then the letter is marked failed. A permanent refusal (a 5xx answer) fails it at once.
    delivery_backoff_minutes: tuple[int, ...] = (1, 5, 30, 120, 720)
    # One letter's whole send (connect, TLS, login, the message) must finish within this many seconds, else the
    # attempt counts as a temporary failure.
    delivery_deadline_seconds: int = Field(default=60, ge=1, le=3600)
    # A deliverer holds a letter it took for this long (longer than the deadline); a letter still held after it,
    # its deliverer having stopped mid-send, is taken again by any deliverer.
    delivery_lease_seconds: int = Field(default=300, ge=2, le=24 * 3600)
    # The dashboard shows an email not sent this many minutes after it was made as stuck.
    delivery_stuck_minutes: int = Field(default=60, ge=1, le=7 * 24 * 60)
    # The deadline sweep fires the passed time limits of this many cases in each transaction.
    sweep_batch: int = Field(default=200, ge=1, le=10_000)
    delivery_interval_seconds: int = Field(default=30, ge=1, le=3600)  # how often `serve` delivers the outbox
    # The service's targets for the dashboard: a case acknowledged within this many business days of being opened,
    # and most cases resolved within this many days of being opened.
    target_acknowledge_business_days: int = Field(default=1, ge=0, le=30)
    target_resolve_days: int = Field(default=183, ge=1, le=3650)
    # A signed-in page's session ends after this long without use.
    session_idle_minutes: int = Field(default=30, ge=1, le=24 * 60)
    # A signed-in page's session ends this many hours after signing in, however recently it was used.
    session_max_hours: int = Field(default=12, ge=1, le=7 * 24)
    # What one party may add to one case over and over (workflows.step.Allowance): at most so many representations
    # and hearing requests, each at most so many characters; one more is refused (409), a longer text too (422
    # naming its field). They bound what one account can make the service store and send back: with the defaults,
    # a case's representations come to at most 2 x 50 x 20,000 characters (about 2 MB).
    representations_per_party: int = Field(default=50, ge=1, le=1_000)
    representations_characters: int = Field(default=20_000, ge=1, le=50_000)
    hearing_requests_per_party: int = Field(default=10, ge=1, le=1_000)
    hearing_requests_characters: int = Field(default=20_000, ge=1, le=20_000)
    # The most cases one page of the list (GET /v1/cases) may ask for; larger is refused, 422 naming ``limit``.
    list_page_most: int = Field(default=100, ge=1, le=100)
    # The largest request body the service reads, in bytes, for the API's steps and new cases (a page's form is
    # held to the same); the sign-in and sign-out forms are held to a few kilobytes. Larger is refused (413).
    request_body_bytes: int = Field(default=1_000_000, ge=10_000, le=10_000_000)
    # The service's contact details, on every letter.
    contact_address: str = "Exchange Tower, London E14 9SR"
    contact_phone: str = "0800 023 4567"
    contact_email: EmailAddress = "complaint.info@financial-ombudsman.org.uk"  # one address, as any other
    contact_web: str = "www.financial-ombudsman.org.uk"

    def allowance(self, kind: str) -> Allowed:
        """The limits in force on one kind of free text a party adds (``workflows.step.Allowance.kind``)."""
        key = kind.replace(" ", "_")
        return Allowed(getattr(self, f"{key}_per_party"), getattr(self, f"{key}_characters"))

    @field_validator("smtp_url")
    @classmethod
    def _smtp_url_is_understood(cls, url: str | None) -> str | None:
        if url is not None:
            SmtpServer.parse(url)
        return url

    @field_validator("delivery_lease_seconds")
    @classmethod
    def _lease_outlasts_the_deadline(cls, lease: int, info: ValidationInfo) -> int:
        deadline = info.data.get("delivery_deadline_seconds")
        if deadline is not None and lease <= deadline:
            raise ValueError(
                f"must be longer than OMBUDSMAN_DELIVERY_DEADLINE_SECONDS ({deadline}), "
                "or a letter still being sent could be taken and sent again"
            )
        return lease

    @property
    def smtp_server(self) -> SmtpServer | None:
        """The SMTP server ``smtp_url`` names, or None when letters wait in the outbox."""
        return SmtpServer.parse(self.smtp_url) if self.smtp_url is not None else None

    @property
    def contact(self) -> dict[str, str]:
        """The service's contact details, as every letter gives them."""
        return {
            "address": self.contact_address,
            "phone": self.contact_phone,
            "email": self.contact_email,
            "web": self.contact_web,
        }


@dataclass(frozen=True)
class SmtpServer:
    """The SMTP server of ``OMBUDSMAN_SMTP_URL``: where it is, how the connection is secured, and the login."""

    host: str
    port: int
    tls: bool = False  # smtps: TLS from the first byte
    starttls: bool = False  # smtp with ?starttls=1: TLS once connected, before anything else is said
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    @classmethod
    def parse(cls, url: str) -> SmtpServer:
        """Read an SMTP URL; anything else is refused with what is wrong with it (never the password)."""
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps"):
            raise ValueError("the SMTP URL must start smtp:// or smtps://")
        try:
            port = parts.port
        except ValueError:
            raise ValueError("the SMTP URL's port is not a number from 1 to 65535") from None
        if not parts.hostname or port is None or port == 0:
            raise ValueError("the SMTP URL must name a host and a port, as smtp://host:port")
        if parts.path not in ("", "/") or parts.fragment:
            raise ValueError("the SMTP URL must end after the port, or with ?starttls=1")
        query = parse_qs(parts.query, keep_blank_values=True)
        if set(query) - {"starttls"} or query.get("starttls", ["1"]) != ["1"]:
            raise ValueError("the SMTP URL's only option is ?starttls=1")
        starttls = "starttls" in query
        if starttls and parts.scheme == "smtps":
            raise ValueError("smtps:// is TLS already: ?starttls=1 is for smtp://")
        if (parts.username is None) != (parts.password is None):
            raise ValueError("the SMTP URL must give both a user and a password, as smtp://user:password@host:port")
        if parts.password is not None and not (parts.scheme == "smtps" or starttls):
            raise ValueError("a password is only sent over TLS: use smtps://, or smtp:// with ?starttls=1")
        return cls(
            host=parts.hostname,
            port=port,
            tls=parts.scheme == "smtps",
            starttls=starttls,
            user=unquote(parts.username) if parts.username is not None else None,
            password=unquote(parts.password) if parts.password is not None else None,
        )

    def shown(self) -> str:
        """The URL to print or log: with the user, never the password."""
        login = f"{self.user}:***@" if self.user is not None else ""
        scheme, options = ("smtps" if self.tls else "smtp"), ("?starttls=1" if self.starttls else "")
        return f"{scheme}://{login}{self.host}:{self.port}{options}"
