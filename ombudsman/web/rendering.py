"""How a page is made: the templates (``templates/pages/``, with the GOV.UK Frontend macros), their filters, and the
page's own policy (a stylesheet, fonts and images from this service only, and no script)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse, Response
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader, select_autoescape
from markupsafe import Markup

from ombudsman.errors import Problem
from ombudsman.money import pounds_text
from ombudsman.rules.facts import CaseFacts
from ombudsman.rules.time_limits import long_date
from ombudsman.rules.values import unturned

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "templates" / "pages"
GOVUK = ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk"
# Pages load their stylesheet, fonts and images from this service only, and run no script.
PAGE_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)

# The one router of every page: each module of the pages adds its routes to it.
router = APIRouter(include_in_schema=False)


def environment() -> Environment:
    return Environment(
        loader=ChoiceLoader(
            [
                FileSystemLoader(PAGES),
                PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
            ]
        ),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


ENVIRONMENT = environment()
ENVIRONMENT.filters["pounds"] = lambda amount: pounds_text(Decimal(amount))  # £150,000, £75.50
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def plain(value: object) -> str:
    """A fact as a reader says it: yes or no, 3 April 2026, regulated activity."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str) and ISO_DAY.fullmatch(value):
        return long_date(date.fromisoformat(value))
    return str(value).replace("_", " ")


ENVIRONMENT.filters["plain"] = plain


def fact_label(name: str) -> str:
    """A case fact's name as a person reads it: its declared title ("The date the business received the
    complaint"), else its name in words."""
    info = CaseFacts.model_fields.get(name)
    if info is not None and info.title:
        return info.title
    return name.replace("_", " ").capitalize()


ENVIRONMENT.filters["fact_label"] = fact_label


def paragraphs(text: str) -> Markup:
    """A plain-text letter as paragraphs that wrap at any width: its blank lines part them, its lines break."""
    parts = [part for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    return Markup("").join(
        Markup('<p class="govuk-body">{}</p>\n').format(Markup("<br>").join(part.splitlines())) for part in parts
    )


ENVIRONMENT.filters["paragraphs"] = paragraphs


@router.get("/stylesheets/govuk-frontend.min.css")
def stylesheet() -> Response:
    css = GOVUK / "govuk-frontend.min.css"
    if not css.is_file():
        return Response("/* govuk-frontend is not installed: run make */", media_type="text/css")
    return FileResponse(css, media_type="text/css")


def page(template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    # Text stored before the characters that change its direction were refused cannot make one name read as another.
    html = unturned(ENVIRONMENT.get_template(template).render(**context))
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": PAGE_POLICY})


def problem_page(problem: Problem, visit: Any) -> HTMLResponse:
    return page("problem.html", status=problem.status, problem=problem, visit=visit)
