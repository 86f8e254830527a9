"""``python -m kinerja`` runs the CLI."""

from .cli import run

run()
