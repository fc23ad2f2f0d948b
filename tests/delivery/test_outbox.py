"""The outbox as a lease, a deadline on each send, permanent refusals, bad stored addresses, every letter due sent
in one run, TLS with a login, and failed and stuck letters shown to staff: against a real SMTP server on loopback
(aiosmtpd), on both databases.

A deliverer killed mid-send is modelled here by taking a letter as a deliverer does (``_take``) and never
finishing it; tests/live/test_delivery_faults.py kills real ``ombudsman deliver`` processes.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPServer
from aiosmtpd.smtp import AuthResult, LoginPassword
from pydantic import ValidationError
from sqlalchemy import Engine, update
from sqlmodel import Session, col, select
from typer.testing import CliRunner

from ombudsman import delivery
from ombudsman.cli import app
from ombudsman.clock import FixedClock
from ombudsman.db import create_schema, drop_schema, make_engine
from ombudsman.delivery import NOT_ONE_ADDRESS, deliver
from ombudsman.models import Letter
from ombudsman.queries import undelivered_letters
from ombudsman.service import CaseService
from ombudsman.settings import Settings, SmtpServer
from tests.conftest import CASEWORKER
from tests.delivery.test_delivery import Mailbox, free_port
from tests.delivery.tls import Certificates, make_certificates
from tests.migrations.conftest import at_revision, copy_rows
from tests.walk import Walk
from tests.web.test_pages import signed_in, tight

START = date(2026, 11, 2)
pytestmark = pytest.mark.usefixtures("smtp_server")  # the SMTP server of mail_settings, for every test here

MESSAGE_DOMAIN = "financial-ombudsman.org.uk"  # the domain of the default OMBUDSMAN_MAIL_FROM
PASSWORD = "s3cret:p@ss/word"  # with characters a URL must percent-encode


def _letters(service: CaseService) -> list[Letter]:
    return _letters_of(service.engine)


def _letters_of(engine: Engine) -> list[Letter]:
    with Session(engine) as session:
        return list(session.exec(select(Letter).order_by(col(Letter.id))).all())


def _open_cases(service: CaseService, clock: FixedClock, count: int) -> list[str]:
    """``count`` cases, each with its acknowledgement queued for ann@example.org."""
    return [Walk(service, clock, START).reference for _ in range(count)]


# --- the lease ----------------------------------------------------------------------------------------------------


def test_a_letter_whose_deliverer_stopped_mid_send_is_taken_again_once_its_lease_runs_out_with_its_message_id(
    service: CaseService, clock: FixedClock, mail_settings: Settings, mailbox: Mailbox
) -> None:
    Walk(service, clock, START)
    [letter] = _letters(service)
    assert letter.id is not None
    lease = mail_settings.delivery_lease_seconds
    stopped = delivery._take(service.engine, letter.id, now=clock.now(), holder="host:1:dead", lease=lease)
    assert stopped is not None and (stopped.delivery, stopped.attempts) == ("sending", 1)
    assert (stopped.lease_holder, stopped.lease_until) == ("host:1:dead", clock.now() + timedelta(seconds=lease))

    clock.set(clock.now() + timedelta(seconds=lease - 1))
    assert deliver(service.engine, clock, mail_settings).sent == 0  # still held
    clock.set(clock.now() + timedelta(seconds=1))
    assert deliver(service.engine, clock, mail_settings).sent == 1  # its lease ran out: taken again
    assert deliver(service.engine, clock, mail_settings).sent == 0
    [letter] = _letters(service)
    assert (letter.delivery, letter.attempts, letter.lease_holder, letter.lease_until) == ("sent", 2, None, None)
    assert mailbox.message_ids == [f"<letter-{letter.id}@{MESSAGE_DOMAIN}>"]

    # The stopped deliverer, were it to come back, can no longer record anything on the letter.
    assert not delivery._finish(service.engine, stopped, holder="host:1:dead", delivery="failed")
    assert _letters(service)[0].delivery == "sent"


def test_a_letter_left_sending_before_the_lease_existed_is_taken_again_once_the_schema_is_upgraded(
    engine: Engine, clock: FixedClock, mail_settings: Settings, mailbox: Mailbox, tmp_path: Path
) -> None:
    """Revision 0003: a letter stuck ``sending`` (its deliverer killed) under revision 0002 is given a lease that
    ended when it was taken, so the first pass after the upgrade sends it."""
    scratch = make_engine(f"sqlite:///{tmp_path / 'rows.db'}")
    create_schema(scratch)
    Walk(CaseService(scratch, clock, mail_settings), clock, START)
    drop_schema(engine)
    at_revision(engine, "0002")
    copy_rows(scratch, engine)
    scratch.dispose()
    with Session(engine) as session, session.begin():
        session.execute(update(Letter).values(delivery="sending", attempts=1))
    at_revision(engine, "head")

    [letter] = _letters_of(engine)
    assert (letter.delivery, letter.lease_until) == ("sending", letter.delivery_at)
    assert deliver(engine, clock, mail_settings).sent == 1
    assert [(letter.delivery, letter.attempts) for letter in _letters_of(engine)] == [("sent", 2)]
    assert len(mailbox.messages) == 1


def test_a_letter_is_sent_with_the_same_message_id_on_every_attempt(
    service: CaseService, clock: FixedClock, mail_settings: Settings, mailbox: Mailbox
) -> None:
    Walk(service, clock, START)
    mailbox.delay_seconds = 2.0  # the server takes the message, then answers after the deadline
    slow = mail_settings.model_copy(update={"delivery_deadline_seconds": 1, "delivery_lease_seconds": 5})
    began = time.monotonic()
    report = deliver(service.engine, clock, slow)
    assert time.monotonic() - began < 1.9  # the whole send gave up at its deadline, not after the answer
    assert (report.sent, report.retrying) == (0, 1)
    [letter] = _letters(service)
    assert (letter.delivery, letter.delivery_error) == ("queued", "the mail server did not take it within 1 second")

    mailbox.delay_seconds = 0
    clock.set(clock.now() + timedelta(minutes=1))
    assert deliver(service.engine, clock, mail_settings).sent == 1
    assert mailbox.message_ids == [f"<letter-{letter.id}@{MESSAGE_DOMAIN}>"] * 2  # one message, twice


def test_a_slow_server_within_the_deadline_is_waited_for_and_the_letter_sent_once(
    service: CaseService, clock: FixedClock, mail_settings: Settings, mailbox: Mailbox
) -> None:
    Walk(service, clock, START)
    mailbox.delay_seconds = 1.5
    report = deliver(service.engine, clock, mail_settings.model_copy(update={"delivery_deadline_seconds": 5}))
    assert (report.sent, report.retrying, len(mailbox.messages)) == (1, 0, 1)


class Trickler:
    """A server that never finishes its greeting: one more continuation line ("220-") every ``every`` seconds, each
    well within any per-read timeout, for at most ``longest`` seconds."""

    def __init__(self, every: float = 0.2, longest: float = 10.0) -> None:
        self.every, self.longest = every, longest
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        connection, _ = self.listener.accept()
        with connection:
            ends = time.monotonic() + self.longest
            try:
                while time.monotonic() < ends:
                    connection.sendall(b"220-still saying hello\r\n")
                    time.sleep(self.every)
            except OSError:  # the client cut the connection
                return

    def close(self) -> None:
        self.listener.close()
        self.thread.join(timeout=self.longest + 1)


def test_a_server_that_trickles_its_answer_is_cut_off_at_the_deadline(
    service: CaseService, clock: FixedClock, settings: Settings
) -> None:
    Walk(service, clock, START)
    trickler = Trickler()
    try:
        url = f"smtp://127.0.0.1:{trickler.port}"
        slow = settings.model_copy(
            update={"smtp_url": url, "delivery_deadline_seconds": 1, "delivery_lease_seconds": 5}
        )
        began = time.monotonic()
        report = deliver(service.engine, clock, slow)
        took = time.monotonic() - began
    finally:
        trickler.close()
    assert took < 2.0, f"the send took {took:.1f}s against a deadline of 1s"
    assert (report.sent, report.retrying) == (0, 1)
    [letter] = _letters(service)
    assert (letter.delivery, letter.delivery_error) == ("queued", "the mail server did not take it within 1 second")


# --- what fails a letter at once, and what never stops the run ----------------------------------------------------


def test_a_permanent_refusal_fails_the_letter_at_once_with_the_servers_reason_and_shows_it_to_staff(
    service: CaseService, clock: FixedClock, mail_settings: Settings, mailbox: Mailbox
) -> None:
    mailbox.refused = {"ann@example.org", "complaints@example-bank.example"}
    walk = Walk(service, clock, START, respondent={"contact_email": "complaints@example-bank.example"})
    walk.step(CASEWORKER, "start_jurisdiction_check")
    walk.step(CASEWORKER, "accept_jurisdiction", reasons="Every DISP 2 test passes.")
    report = deliver(service.engine, clock, mail_settings)
    assert (report.sent, report.retrying, report.failed, mailbox.messages) == (0, 0, 3, [])
    reason = "the mail server refused the address (550 5.1.1 Mailbox unavailable: no such user here)"
    assert [(letter.delivery, letter.attempts, letter.delivery_error) for letter in _letters(service)] == [
        ("failed", 1, reason)
    ] * 3

    with Session(service.engine) as session:
        shown = undelivered_letters(session, clock.now(), stuck_after=timedelta(hours=1))
    assert shown.count == 3
    assert [(row.reference, row.kind, row.addressed_to, row.trouble, row.reason) for row in shown.letters] == [
        (walk.reference, "acknowledgement", "complainant", "failed", reason),
        (walk.reference, "jurisdiction_decision", "complainant", "failed", reason),
        (walk.reference, "jurisdiction_decision", "respondent", "failed", reason),
    ]

    staff = signed_in(service, clock)
    dashboard = tight(staff.get("/dashboard").text)
    assert "3 letters have not reached their readers: 3 failed, 0 stuck." in dashboard
    assert f'<a class="govuk-link" href="/cases/{walk.reference}">{walk.reference}</a>' in dashboard
    assert "The mail server refused the address (550 5.1.1 Mailbox unavailable: no such user here)." in dashboard
    case_page = tight(staff.get(f"/cases/{walk.reference}").text)
    assert f"We could not email this letter to the complainant: {reason}." in case_page
    assert f"We could not email this letter to the respondent: {reason}." in case_page
    firm = signed_in(service, clock, "firm", frn=walk.reload().respondent_frn).get(f"/cases/{walk.reference}")
    assert "Jurisdiction decision" in firm.text and "We could not email" not in firm.text  # staff only


@pytest.mark.parametrize(
    "stored", ["ann@example.org\r\nBcc: eve@example.org", "ann@example.org, eve@example.org", "Ann <ann@example.org>"]
)
def test_a_stored_address_that_is_not_one_address_fails_its_letter_and_the_others_are_sent(
    service: CaseService, clock: FixedClock, mail_settings: Settings, mailbox: Mailbox, stored: str
) -> None:
    _open_cases(service, clock, 3)
    second = _letters(service)[1]
    with Session(service.engine) as session, session.begin():
        session.execute(update(Letter).where(col(Letter.id) == second.id).values(address=stored))
    report = deliver(service.engine, clock, mail_settings)
    assert (report.sent, report.failed) == (2, 1)
    assert [(letter.delivery, letter.delivery_error) for letter in _letters(service)] == [
        ("sent", None),
        ("failed", NOT_ONE_ADDRESS),
        ("sent", None),
    ]
    assert [message["To"] for message in mailbox.messages] == ["ann@example.org"] * 2


def test_an_address_whose_domain_is_in_another_script_is_sent_to_its_ascii_form(
    service: CaseService, clock: FixedClock, mail_settings: Settings, mailbox: Mailbox
) -> None:
    """An address the API takes (``ann@bücher.example``) reaches a server that cannot take other scripts: the
    domain goes in the DNS's own letters, as one address, and the letter is sent, not failed as "not one"."""
    _open_cases(service, clock, 1)
    with Session(service.engine) as session, session.begin():
        session.execute(update(Letter).values(address="ann@bücher.example"))
    report = deliver(service.engine, clock, mail_settings)
    assert (report.sent, report.failed) == (1, 0)
    assert [message["To"] for message in mailbox.messages] == ["ann@xn--bcher-kva.example"]


def test_one_run_sends_every_letter_due_batch_after_batch(
    service: CaseService, clock: FixedClock, mail_settings: Settings, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "BATCH", 2)
    _open_cases(service, clock, 5)
    report = deliver(service.engine, clock, mail_settings)
    assert (report.sent, report.batches, len(mailbox.messages)) == (5, 3, 5)
    assert {letter.delivery for letter in _letters(service)} == {"sent"}


def test_the_dashboard_shows_an_email_not_sent_within_the_stuck_time_as_stuck(
    service: CaseService, clock: FixedClock, settings: Settings
) -> None:
    reference = Walk(service, clock, START).reference
    stuck_after = timedelta(minutes=settings.delivery_stuck_minutes)
    with Session(service.engine) as session:
        assert undelivered_letters(session, clock.now() + stuck_after, stuck_after=stuck_after).count == 0
        later = clock.now() + stuck_after + timedelta(seconds=1)
        shown = undelivered_letters(session, later, stuck_after=stuck_after)
    assert [(row.reference, row.trouble, row.status) for row in shown.letters] == [(reference, "stuck", "queued")]
    clock.set(later)
    page = tight(signed_in(service, clock).get("/dashboard").text)
    assert "1 letter has not reached its reader: 0 failed, 1 stuck." in page
    assert "No mail server is set for this service" in page and "Not sent: no mail server is set." in page


# --- TLS and a login ----------------------------------------------------------------------------------------------


class Login:
    """The SMTP server's authenticator: accepts one user and password, and records every login tried."""

    def __init__(self) -> None:
        self.tried: list[tuple[str, str]] = []

    def __call__(
        self, server: SMTPServer, session: object, envelope: object, mechanism: str, data: object
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        self.tried.append((data.login.decode(), data.password.decode()))
        success = (data.login, data.password) == (b"mailer@example.org", PASSWORD.encode())
        return AuthResult(success=success, handled=False)  # not handled: the server answers 535 itself


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return make_certificates(tmp_path_factory.mktemp("certificates"))


def _tls_server(
    mailbox: Mailbox, login: Login, certificates: Certificates, *, implicit: bool
) -> tuple[Controller, int]:
    port = free_port()
    context = certificates.server_context()
    tls = {"ssl_context": context, "auth_require_tls": False} if implicit else {"tls_context": context}
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=login,
        auth_required=True,
        require_starttls=not implicit,
        **tls,  # type: ignore[arg-type]
    )
    controller.start()
    return controller, port


# aiosmtpd warns of a login without TLS when it is told not to ask for STARTTLS, which smtps needs: it is TLS already.
SMTPS_AUTH_WARNING = "ignore:Requiring AUTH while not requiring TLS"
LOGIN_IN_URL = "mailer%40example.org:s3cret%3Ap%40ss%2Fword"


@pytest.mark.filterwarnings(SMTPS_AUTH_WARNING)
@pytest.mark.parametrize("implicit", [True, False], ids=["smtps", "starttls"])
def test_letters_go_over_tls_with_a_login_to_a_server_whose_certificate_the_system_trusts(
    service: CaseService,
    clock: FixedClock,
    settings: Settings,
    certificates: Certificates,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    implicit: bool,
) -> None:
    mailbox, login = Mailbox(), Login()
    controller, port = _tls_server(mailbox, login, certificates, implicit=implicit)
    url = (
        f"smtps://{LOGIN_IN_URL}@127.0.0.1:{port}" if implicit else f"smtp://{LOGIN_IN_URL}@127.0.0.1:{port}?starttls=1"
    )
    try:
        Walk(service, clock, START)
        # Not yet trusted: the certificate is refused, the letter kept for later, the password sent nowhere.
        monkeypatch.setenv("SSL_CERT_FILE", str(Path(certificates.authority).with_name("none.pem")))
        caplog.set_level(logging.INFO)
        report = deliver(service.engine, clock, settings.model_copy(update={"smtp_url": url}))
        assert (report.sent, report.retrying, login.tried) == (0, 1, [])
        [letter] = _letters(service)
        assert letter.delivery_error is not None
        assert letter.delivery_error.startswith("the mail server's certificate could not be trusted")

        monkeypatch.setenv("SSL_CERT_FILE", str(certificates.authority))
        clock.set(clock.now() + timedelta(minutes=1))
        done = CliRunner().invoke(
            app,
            ["deliver", "--database", service.engine.url.render_as_string(hide_password=False)],
            env={"OMBUDSMAN_SMTP_URL": url, "OMBUDSMAN_TODAY": clock.today().isoformat()},
        )
    finally:
        controller.stop()
    assert done.exit_code == 0, done.output
    shown = f"smtps://mailer@example.org:***@127.0.0.1:{port}" if implicit else "smtp://mailer@example.org:***@"
    assert shown in done.output and "delivered 1," in done.output
    assert login.tried == [("mailer@example.org", PASSWORD)]
    assert [message["To"] for message in mailbox.messages] == ["ann@example.org"]
    assert PASSWORD not in done.output and "s3cret" not in caplog.text and "s3cret" not in done.output


@pytest.mark.filterwarnings(SMTPS_AUTH_WARNING)
def test_a_wrong_login_keeps_the_letter_queued_with_the_servers_answer(
    service: CaseService,
    clock: FixedClock,
    settings: Settings,
    certificates: Certificates,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mailbox, login = Mailbox(), Login()
    controller, port = _tls_server(mailbox, login, certificates, implicit=True)
    monkeypatch.setenv("SSL_CERT_FILE", str(certificates.authority))
    try:
        Walk(service, clock, START)
        url = f"smtps://mailer%40example.org:wrong@127.0.0.1:{port}"
        wrong = settings.model_copy(update={"smtp_url": url, "delivery_deadline_seconds": 5})
        report = deliver(service.engine, clock, wrong)
    finally:
        controller.stop()
    assert (report.sent, report.retrying, report.failed) == (0, 1, 0)  # ours to fix, not the letter's
    [letter] = _letters(service)
    assert letter.delivery_error == "the mail server refused our login (535 5.7.8 Authentication credentials invalid)"


# --- the SMTP URL ---------------------------------------------------------------------------------------------------


def test_the_smtp_url_is_read_with_its_percent_encoded_login_and_shown_without_the_password() -> None:
    server = SmtpServer.parse(f"smtp://{LOGIN_IN_URL}@mail.example.org:587?starttls=1")
    assert server == SmtpServer("mail.example.org", 587, starttls=True, user="mailer@example.org", password=PASSWORD)
    assert server.shown() == "smtp://mailer@example.org:***@mail.example.org:587?starttls=1"
    assert PASSWORD not in repr(server) and PASSWORD not in repr(Settings(smtp_url=f"smtps://{LOGIN_IN_URL}@h:465"))
    assert SmtpServer.parse("smtp://127.0.0.1:2525") == SmtpServer("127.0.0.1", 2525)


@pytest.mark.parametrize(
    ("url", "wrong"),
    [
        ("http://mail.example.org:25", "must start smtp:// or smtps://"),
        ("smtp://mail.example.org", "must name a host and a port"),
        ("smtp://mail.example.org:70000", "port is not a number from 1 to 65535"),
        ("smtp://mailer:hunter2@mail.example.org:25", "a password is only sent over TLS"),
        ("smtps://mailer:hunter2@mail.example.org:465?starttls=1", "smtps:// is TLS already"),
        ("smtp://mail.example.org:25?starttls=yes", "the SMTP URL's only option is ?starttls=1"),
        ("smtps://mailer@mail.example.org:465", "both a user and a password"),
    ],
)
def test_an_smtp_url_that_cannot_be_used_is_refused_saying_why_and_never_echoing_it(url: str, wrong: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Settings(smtp_url=url)
    assert wrong in str(refused.value) and "hunter2" not in str(refused.value)


def test_the_lease_must_outlast_the_deadline() -> None:
    with pytest.raises(ValidationError, match="must be longer than OMBUDSMAN_DELIVERY_DEADLINE_SECONDS") as refused:
        Settings(delivery_deadline_seconds=60, delivery_lease_seconds=60)
    assert refused.value.errors()[0]["loc"] == ("delivery_lease_seconds",)


def test_the_services_own_contact_email_is_one_address_as_any_other() -> None:
    """Every letter gives it as the address to reply to: a list or a name there would reach the readers."""
    assert Settings(contact_email="help@example.org").contact["email"] == "help@example.org"
    with pytest.raises(ValidationError, match="not a list") as refused:
        Settings(contact_email="help@example.org, eve@example.org")
    assert refused.value.errors()[0]["loc"] == ("contact_email",)
