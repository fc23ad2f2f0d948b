"""``python -m ombudsman.cli``: the ``ombudsman`` command."""

from ombudsman.cli import app

app()
