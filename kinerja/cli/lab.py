"""``kinerja lab``: open JupyterLab on the notebooks with the project's environment.

    kinerja lab [--kantor DIR] [--no-browser] [-- ARG ...]

The notebooks' ``kantor`` parameter left empty means ``$KINERJA_KANTOR``, which
this command sets: the given office, else the demo copy under
``reports/demo/`` (made if absent; the demo's raw data is never edited).
Arguments after ``--`` go to ``jupyter lab`` unchanged (port, token, …).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from kinerja.inti.errors import UsageError
from kinerja.paths import demo_office, project_root, reports_root

from .opsi import tambah_kantor


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "lab",
        help="buka JupyterLab pada folder notebooks",
        description=(
            "Membuka JupyterLab (dari lingkungan .venv proyek) pada folder notebooks/. "
            "Parameter kantor yang kosong di notebook berarti kantor yang dipilih di sini."
        ),
    )
    tambah_kantor(
        p,
        wajib=False,
        bantuan="folder kantor untuk notebook (bawaan: salinan demo di reports/demo/)",
    )
    p.add_argument("--no-browser", action="store_true", help="jangan buka peramban")
    p.add_argument(
        "lab_args",
        nargs=argparse.REMAINDER,
        metavar="-- ARG",
        help="argumen tambahan untuk jupyter lab (setelah --)",
    )
    p.set_defaults(func=run)


def lab_command(notebooks: Path, *, no_browser: bool, extra: list[str]) -> list[str]:
    """The ``jupyter lab`` command line from this interpreter's environment."""
    jupyter = Path(sys.executable).with_name("jupyter")
    cmd = [str(jupyter), "lab", f"--ServerApp.root_dir={notebooks}"]
    if no_browser:
        cmd.append("--no-browser")
    return cmd + [a for a in extra if a != "--"]


def _kantor(given: Path | None) -> Path:
    if given is not None:
        if not (given / "kantor.toml").is_file():
            raise UsageError(f'Folder "{given}" bukan folder kantor (tidak ada kantor.toml).')
        return given.resolve()
    copy = reports_root() / "demo" / demo_office().name
    if not (copy / "kantor.toml").is_file():
        from .demo import copy_demo

        copy = copy_demo(reports_root() / "demo")
    return copy


def run(args: argparse.Namespace) -> int:
    kantor = _kantor(args.kantor)
    notebooks = project_root() / "notebooks"
    cmd = lab_command(notebooks, no_browser=args.no_browser, extra=args.lab_args)
    env = dict(os.environ, KINERJA_KANTOR=str(kantor))
    sys.stderr.write(f"JupyterLab: {notebooks} (kantor: {kantor})\n")
    try:
        return subprocess.call(cmd, env=env)
    except KeyboardInterrupt:
        return 0
