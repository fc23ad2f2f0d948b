"""The outbox survives what broke it before, with real ``ombudsman deliver`` processes on PostgreSQL and a real SMTP
server on loopback (aiosmtpd) that records every message with its Message-ID, on the real clock:

- the deliverer killed with SIGKILL mid-batch five times: once the leases run out, every letter arrives, none is
  lost, and a letter the server took just before a kill arrives again with the same Message-ID;
- a server that accepts each message only after 12 seconds: every letter arrives, once;
- a server answering 550 for one address: that letter fails at once, after one attempt, with the server's reason,
  shown to staff on the dashboard and the case page of a real ``ombudsman serve``.

Leases and deadlines are short here (settings), and every wait is bounded, in polls and in seconds.
"""

from __future__ import annotations

import re
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from aiosmtpd.controller import Controller
from sqlmodel import Session, col, select

from ombudsman.clock import SystemClock
from ombudsman.db import make_engine
from ombudsman.models import Letter
from ombudsman.service import CaseService
from ombudsman.settings import Settings
from tests.conftest import CASEWORKER
from tests.delivery.test_delivery import Mailbox, free_port
from tests.live.server import OMBUDSMAN, LiveServer, case_body

MESSAGE_DOMAIN = "financial-ombudsman.org.uk"  # the domain of the default OMBUDSMAN_MAIL_FROM
KILLS = 5
LETTERS_KILLED = 8  # letters in the outbox when the deliverer is killed again and again
LEASE_SECONDS = 3  # short leases and deadlines, so a killed deliverer's letters are taken again soon
DEADLINE_SECONDS = 2
ARRIVAL_TIMEOUT = 30.0  # seconds a deliverer may take to start and send its first letter
POLL_SECONDS = 0.02
DELIVER_TIMEOUT = 90.0  # seconds for a whole `ombudsman deliver` run


@pytest.fixture
def server(postgres_database: str, tmp_path: Path) -> Iterator[LiveServer]:
    """The PostgreSQL database on a clean schema, made by the real ``init-db``; a server process only if started."""
    live = LiveServer(postgres_database, tmp_path / "server.log")
    live.reset_schema()
    try:
        yield live
    finally:
        live.stop()


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    mailbox, port = Mailbox(), free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()


def _open_cases(url: str, emails: list[str]) -> list[str]:
    """A case for each address, opened through the service: each with its acknowledgement queued to that address."""
    engine = make_engine(url)
    try:
        service = CaseService(engine, SystemClock(), Settings(database_url=url))
        references = []
        for number, email in enumerate(emails):
            body = case_body(SystemClock().today(), f"Reader {number}")
            body["complainant"]["contact_email"] = email
            references.append(service.open_case(CASEWORKER, body).reference)
        return references
    finally:
        engine.dispose()


def _letters(url: str) -> list[Letter]:
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            return list(session.exec(select(Letter).order_by(col(Letter.id))).all())
    finally:
        engine.dispose()


def _deliverer(server: LiveServer, port: int, **settings: str) -> dict[str, str]:
    environment = server.environment()
    environment.update({"OMBUDSMAN_SMTP_URL": f"smtp://127.0.0.1:{port}", **settings})
    return environment


def _deliver(server: LiveServer, environment: dict[str, str]) -> str:
    done = subprocess.run(
        [*OMBUDSMAN, "deliver"], env=environment, capture_output=True, text=True, timeout=DELIVER_TIMEOUT, check=False
    )
    assert done.returncode == 0, f"`ombudsman deliver` failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _expected_ids(letters: list[Letter]) -> set[str]:
    return {f"<letter-{letter.id}@{MESSAGE_DOMAIN}>" for letter in letters}


def test_a_deliverer_killed_mid_batch_five_times_loses_no_letter_and_any_copy_carries_the_same_message_id(
    server: LiveServer, mailbox: tuple[Mailbox, int]
) -> None:
    inbox, port = mailbox
    inbox.delay_seconds = 1.0  # the server records a message, then answers: a kill lands in between
    _open_cases(server.database_url, [f"reader{number}@example.org" for number in range(LETTERS_KILLED)])
    environment = _deliverer(
        server,
        port,
        OMBUDSMAN_DELIVERY_LEASE_SECONDS=str(LEASE_SECONDS),
        OMBUDSMAN_DELIVERY_DEADLINE_SECONDS=str(DEADLINE_SECONDS),
    )
    for kill in range(KILLS):
        arrived = len(inbox.messages)
        process = subprocess.Popen(
            [*OMBUDSMAN, "deliver"], env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            deadline = time.monotonic() + ARRIVAL_TIMEOUT
            while len(inbox.messages) == arrived and process.poll() is None and time.monotonic() < deadline:
                time.sleep(POLL_SECONDS)
            assert process.poll() is None, f"kill {kill + 1}: the deliverer finished before it could be killed"
            assert len(inbox.messages) > arrived, f"kill {kill + 1}: nothing arrived in {ARRIVAL_TIMEOUT:.0f}s"
        finally:
            process.kill()  # SIGKILL: mid-send, the server holding the message it has not yet answered
            process.wait(timeout=10)
        held = [letter for letter in _letters(server.database_url) if letter.delivery == "sending"]
        assert held, f"kill {kill + 1} left no letter taken: it did not land mid-send"

    letters = _letters(server.database_url)
    assert any(letter.delivery != "sent" for letter in letters), "the kills came too late to test anything"
    leases = [letter.lease_until for letter in letters if letter.delivery == "sending" and letter.lease_until]
    time.sleep(max(0.0, (max(leases) - datetime.now(max(leases).tzinfo)).total_seconds()) + 0.2)

    report = _deliver(server, environment)
    letters = _letters(server.database_url)
    assert [letter.delivery for letter in letters] == ["sent"] * LETTERS_KILLED, report
    received = Counter(inbox.message_ids)
    assert set(received) == _expected_ids(letters)  # every letter arrived; nothing else did
    assert sum(received.values()) - LETTERS_KILLED >= 1  # a copy the server took before a kill, sent again
    for letter in letters:
        copies = [
            message for message in inbox.messages if message["Message-ID"] == f"<letter-{letter.id}@{MESSAGE_DOMAIN}>"
        ]
        assert {message["To"] for message in copies} == {letter.address}  # the same message each time
        assert letter.attempts >= len(copies)


def test_a_server_that_accepts_only_after_12_seconds_gets_every_letter_once(
    server: LiveServer, mailbox: tuple[Mailbox, int]
) -> None:
    inbox, port = mailbox
    inbox.delay_seconds = 12.0
    _open_cases(server.database_url, ["ann@example.org", "bob@example.org"])
    began = time.monotonic()
    report = _deliver(server, _deliverer(server, port))  # the default whole-send deadline: 60 seconds
    assert "delivered 2, to try again later 0, failed 0" in report
    assert time.monotonic() - began >= 24  # it waited for each answer
    letters = _letters(server.database_url)
    assert [(letter.delivery, letter.attempts) for letter in letters] == [("sent", 1)] * 2
    assert sorted(inbox.message_ids) == sorted(_expected_ids(letters))  # each once


def test_a_permanent_refusal_fails_the_letter_after_one_attempt_and_staff_see_it(
    server: LiveServer, mailbox: tuple[Mailbox, int]
) -> None:
    inbox, port = mailbox
    inbox.refused = {"gone@example.org"}
    gone, kept = _open_cases(server.database_url, ["gone@example.org", "ann@example.org"])
    report = _deliver(server, _deliverer(server, port))
    assert "delivered 1, to try again later 0, failed 1" in report
    reason = "the mail server refused the address (550 5.1.1 Mailbox unavailable: no such user here)"
    by_address = {letter.address: letter for letter in _letters(server.database_url)}
    refused = by_address["gone@example.org"]
    assert (refused.delivery, refused.attempts, refused.delivery_error) == ("failed", 1, reason)
    assert by_address["ann@example.org"].delivery == "sent"
    assert [message["To"] for message in inbox.messages] == ["ann@example.org"]

    caseworker = server.add_user("Priya Shah", "caseworker")
    server.start()
    with httpx.Client(base_url=server.base_url, timeout=10.0, trust_env=False) as browser:
        form = browser.get("/login").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', form)
        assert csrf is not None
        browser.post("/login", data={"token": caseworker, "csrf_token": csrf.group(1)})
        dashboard = browser.get("/dashboard").text
        case_page = browser.get(f"/cases/{gone}").text
    assert "1 letter has not reached its reader" in dashboard
    assert f'href="/cases/{gone}"' in dashboard and f'href="/cases/{kept}"' not in dashboard
    assert "The mail server refused the address (550 5.1.1 Mailbox unavailable: no such user here)." in dashboard
    assert f"We could not email this letter to the complainant: {reason}." in case_page
