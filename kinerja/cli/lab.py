"""``kinerja lab``: open JupyterLab on a copy of the notebooks, with the project's environment.

    kinerja lab [--kantor DIR] [--no-browser] [-- ARG ...]

JupyterLab's root is ``reports/lab/`` of the current folder, never the
installation: the package's notebooks are copied there first. A notebook
already there is updated only when the user has not changed it since it was
copied (``.kinerja-notebooks.json`` keeps the hashes of the copies); a changed
one is kept as it is. The notebooks write their results beside them, under
``reports/lab/<kantor>/<periode>/``.

The notebooks' ``kantor`` parameter left empty means ``$KINERJA_KANTOR``, which
this command sets: the given office, else the demo copy under
``reports/demo/`` (made if absent; the demo's raw data is never edited).
Arguments after ``--`` go to ``jupyter lab`` unchanged (port, token, …).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from kinerja.inti.errors import UsageError
from kinerja.paths import demo_copy, notebooks_dir, reports_root, working_root

from .opsi import tambah_kantor

__all__ = ["CATATAN", "SalinanLab", "lab_command", "register", "run", "salin_notebooks"]

#: The record of the notebooks copied into a lab folder (name → sha256 of the copy).
CATATAN = ".kinerja-notebooks.json"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "lab",
        help="buka JupyterLab pada salinan notebook di reports/lab/",
        description=(
            "Menyalin notebook kinerja ke reports/lab/ di folder ini (notebook yang sudah Anda "
            "ubah tidak ditimpa), lalu membuka JupyterLab (dari lingkungan kinerja) di sana. "
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


@dataclass
class SalinanLab:
    """What ``salin_notebooks`` did, notebook by notebook."""

    folder: Path
    disalin: list[str] = field(default_factory=list)  # new in the folder
    diperbarui: list[str] = field(default_factory=list)  # unchanged copy, newer version
    dipertahankan: list[str] = field(default_factory=list)  # changed by the user: kept


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def salin_notebooks(folder: Path, source: Path | None = None) -> SalinanLab:
    """Copy the package's notebooks into ``folder``; never overwrite one the user changed.

    A notebook is (re)written when it is absent, or when it is still the copy
    written before (its hash is in ``CATATAN``) and the package holds another
    version. Any other notebook there is the user's and stays as it is.
    """
    source = source or notebooks_dir()
    folder.mkdir(parents=True, exist_ok=True)
    record_path = folder / CATATAN
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {}
    hasil = SalinanLab(folder)
    for nb in sorted(source.glob("*.ipynb")):
        dest = folder / nb.name
        new = _sha256(nb)
        if dest.exists():
            current = _sha256(dest)
            if current == new:
                record[nb.name] = new
                continue
            if record.get(nb.name) != current:
                hasil.dipertahankan.append(nb.name)
                continue
            hasil.diperbarui.append(nb.name)
        else:
            hasil.disalin.append(nb.name)
        shutil.copyfile(nb, dest)
        record[nb.name] = new
    record_path.write_text(
        json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8", newline="\n"
    )
    return hasil


def _kantor(given: Path | None) -> Path:
    if given is not None:
        if not (given / "kantor.toml").is_file():
            raise UsageError(f'Folder "{given}" bukan folder kantor (tidak ada kantor.toml).')
        return given.resolve()
    return demo_copy()


def _laporan(salinan: SalinanLab) -> None:
    for label, names in (
        ("disalin", salinan.disalin),
        ("diperbarui", salinan.diperbarui),
    ):
        if names:
            sys.stderr.write(f"Notebook {label}: {', '.join(names)}\n")
    if salinan.dipertahankan:
        sys.stderr.write(
            f"Notebook yang Anda ubah tidak ditimpa: {', '.join(salinan.dipertahankan)} "
            "(hapus atau ganti namanya untuk mendapat versi baru)\n"
        )


def run(args: argparse.Namespace) -> int:
    kantor = _kantor(args.kantor)
    lab = reports_root() / "lab"
    salinan = salin_notebooks(lab)
    cmd = lab_command(lab, no_browser=args.no_browser, extra=args.lab_args)
    # the kernels run in the lab folder: their default outputs still go under this folder's
    # reports/ (reports/lab/<kantor>/<periode>/, beside the notebooks)
    env = dict(os.environ, KINERJA_KANTOR=str(kantor), KINERJA_ROOT=str(working_root()))
    _laporan(salinan)
    sys.stderr.write(f"JupyterLab: {lab} (kantor: {kantor})\n")
    try:
        return subprocess.call(cmd, env=env)
    except KeyboardInterrupt:
        return 0
