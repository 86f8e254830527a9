"""The one ``kinerja demo`` of the suite: what it left behind, and an earlier demo to replace.

``demo_run`` (conftest.py) runs the demo once per test session (``demo_sekali``: once
across the pytest-xdist workers too) into a folder prepared by ``earlier_demo``; the
tests that only inspect the demo's outputs share it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import io
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from kinerja.catatan import objek
from kinerja.cli import main
from kinerja.cli.demo import copy_demo
from kinerja.inti.tanggal import WIB
from kinerja.kantor.katalog import load_kantor
from kinerja.naskah.penomoran import alokasi_nomor
from kinerja.paths import demo_office

__all__ = ["DEMO_GROUP", "DemoRun", "demo_sekali", "earlier_demo", "run_demo"]

#: The xdist group of every test using ``demo_run``: a session fixture runs once per
#: worker, so the tests sharing it belong on one worker (``--dist loadgroup``).
DEMO_GROUP = "demo"
PERIODE = "2025-TW4"
TANGGAL_CETAK = "2026-01-15"


@dataclass(frozen=True)
class DemoRun:
    """What ``kinerja demo --keluaran root`` printed, returned and left in ``root``.

    ``sisa``: files an earlier demo left in ``root``, which this run had to remove.
    """

    root: Path
    code: int
    out: str
    sisa: tuple[Path, ...]

    @property
    def office(self) -> Path:
        return self.root / demo_office().name

    @property
    def published(self) -> Path:
        """The folder ``kinerja jalankan`` published (notebooks, HTML, unsigned PDF)."""
        return self.root / PERIODE

    @property
    def sop_dir(self) -> Path:
        """Letters, the signed document and the package of the SOP's steps."""
        return self.root / f"{PERIODE}-sop"

    @property
    def last(self) -> Path:
        """The last line printed, as a path (the signed PDF once the demo got that far)."""
        return Path(self.out.strip().splitlines()[-1])


def earlier_demo(root: Path) -> tuple[Path, ...]:
    """Leave in ``root`` what an earlier demo leaves there, made the cheap way.

    Its office copy has a letter number in the register and a signed document in the
    archive (were that office copy kept, the next demo's numbers would go on from there
    and ``jalankan`` would refuse to replace an archived PDF); its signed files are not
    valid PDFs. Returns the stray files a new demo must remove.
    """
    office = copy_demo(root)
    kantor = load_kantor(office)
    waktu = dt.datetime(2026, 1, 15, 9, 0, tzinfo=WIB)
    alokasi_nomor(kantor, "000.8.6.3", "Undangan", tanggal=waktu.date())
    published = root / PERIODE
    sop_dir = root / f"{PERIODE}-sop"
    published.mkdir()
    pdf = published / f"pengukuran-kinerja-{PERIODE}.pdf"
    pdf.write_bytes(b"%PDF-1.7 demo sebelumnya, sudah ditandatangani")
    objek.simpan(
        kantor,
        pdf,
        jenis="dokumen",
        periode=PERIODE,
        nama="pengukuran-kinerja",
        waktu=waktu,
        status="ditandatangani",
    )
    for name in (f"naskah/pengantar-{PERIODE}-ttd.pdf", f"dokumen/pengukuran-kinerja-{PERIODE}-ttd.pdf"):  # fmt: skip
        (sop_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (sop_dir / name).write_bytes(b"%PDF-1.7 demo sebelumnya")
    sisa = (office / "sisa-demo-lama.txt", published / "usang.txt", sop_dir / "sisa-demo-lama.txt")
    for path in sisa:
        path.write_text("dari demo sebelumnya", encoding="utf-8")
    return sisa


def run_demo(root: Path) -> DemoRun:
    """``kinerja demo --keluaran root`` in this process, over an earlier demo's leftovers."""
    sisa = earlier_demo(root)
    before = Path.cwd()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["demo", "--keluaran", str(root), "--tanggal-cetak", TANGGAL_CETAK])
    assert Path.cwd() == before, f"the demo left this process in {Path.cwd()}"
    return DemoRun(root=root, code=code, out=out.getvalue(), sisa=sisa)


def demo_sekali(basetemp: Path) -> DemoRun:
    """The session's demo, run by whichever pytest-xdist worker asks first.

    A session fixture runs once per worker, and ``--dist loadgroup`` is not always able to
    keep a group on one worker: the workers of one run share ``basetemp``'s parent, where
    the first one runs the demo under a lock and leaves its result for the others.
    """
    shared = basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp
    result = shared / "demo.json"
    with (shared / "demo.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if result.is_file():
            data = json.loads(result.read_text("utf-8"))
            return DemoRun(
                root=Path(data["root"]),
                code=data["code"],
                out=data["out"],
                sisa=tuple(Path(p) for p in data["sisa"]),
            )
        root = shared / "demo"
        root.mkdir()
        run = run_demo(root)
        data = {**asdict(run), "root": str(run.root), "sisa": [str(p) for p in run.sisa]}
        result.write_text(json.dumps(data), encoding="utf-8")
        return run
