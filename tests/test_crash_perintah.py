"""Crash tests of whole commands (after ``test_crash``): SIGKILL ``himpun``, ``jalankan``,
``ttd``, ``arsip paket`` and ``nomor-surat`` at instrumented points (``KINERJA_UJI_MATI_DI``)
or after a random short delay, then check: no half file, no gap, the next run clean.
Also two ``himpun`` at once: each form recorded once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from test_crash import _child  # one way to start a child that may be killed

from kinerja.arsip.verifikasi import verifikasi
from kinerja.catatan.db import connect
from kinerja.kantor.katalog import Kantor
from kinerja.naskah.penomoran import daftar_nomor, periksa_register
from kinerja.paths import demo_office

pytestmark = [
    pytest.mark.xdist_group("crash"),
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL on this system"),
]

ROOT = Path(__file__).resolve().parent.parent
FORMS = demo_office() / "formulir-kembali" / "2025-TW1"

_PRELUDE = """
import datetime as dt, sys
from pathlib import Path
from kinerja.kantor.katalog import load_kantor
K = load_kantor(sys.argv[1])
W = dt.datetime(2025, 5, 20, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
"""
CHILD_HIMPUN = (
    _PRELUDE
    + """
from kinerja.formulir.himpun import himpun
from kinerja.kantor.pk import load_pk
pk = load_pk(K, 2025)
print("siap", flush=True)
h = himpun(K, "2025-TW1", [sys.argv[2]], pk=pk, waktu=W)
print("selesai", sum(b.status == "diterima" for b in h.berkas), flush=True)
"""
)
CHILD_JALANKAN = (
    _PRELUDE
    + """
from kinerja.jalankan.pipeline import Tahap, jalankan
print("siap", flush=True)
jalankan(K.path, "2025-TW4", dt.date(2026, 1, 15), mulai=dt.datetime(2026, 1, 15, 9),
         keluaran=Path(sys.argv[2]), tahap=[Tahap("04-ukur-kinerja.ipynb", "ukur", 1)],
         laporan=lambda _: None)
print("selesai", flush=True)
"""
)
CHILD_TTD = (
    _PRELUDE
    + """
from kinerja.ttd.tandatangan import tandatangani
print("siap", flush=True)
tandatangani(sys.argv[2], sys.argv[3], kantor=K, waktu=W)
print("selesai", flush=True)
"""
)
CHILD_PAKET = (
    _PRELUDE
    + """
from kinerja.arsip.paket import buat_paket
print("siap", flush=True)
print(buat_paket(K, "2025-TW1", Path(sys.argv[2])), flush=True)
"""
)


def _kill_after(proc: subprocess.Popen[str], delay: float) -> tuple[bool, str]:
    """Wait for "siap", SIGKILL ``delay`` seconds later; (finished before the kill, stdout)."""
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    assert line == "siap", line + (proc.stderr.read() if proc.stderr else "")
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    rest, err = proc.communicate(timeout=120)
    finished = proc.returncode == 0
    assert finished or proc.returncode == -signal.SIGKILL, err
    return finished, rest


def _assert_sound(kantor: Kantor) -> None:
    lap = verifikasi(kantor)
    assert lap.utuh, lap.teks()
    conn = connect(kantor.path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert periksa_register(conn) == []
    conn.close()


def _diterima(kantor: Kantor) -> dict[str, int]:
    conn = connect(kantor.path)
    rows = conn.execute(
        "SELECT sha256, COUNT(*) FROM berkas_masuk WHERE status = 'diterima' GROUP BY sha256"
    ).fetchall()
    conn.close()
    return {r[0]: r[1] for r in rows}


def _masuk_whole(kantor: Kantor) -> list[Path]:
    """Every received form under its sha256 name is whole; returns the temp files left."""
    folder = kantor.arsip / "masuk" / "2025-TW1"
    for f in folder.glob("*.xlsx"):
        assert hashlib.sha256(f.read_bytes()).hexdigest() == f.stem
    return sorted(folder.glob(".*.tmp"))


# ---------------------------------------------------------------------------------------------
# himpun


def test_two_himpun_at_once_record_each_form_once(kantor: Kantor) -> None:
    procs = [_child(CHILD_HIMPUN, str(kantor.path), str(FORMS)) for _ in range(3)]
    accepted = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        accepted.append(int(out.split()[-1]))
    forms = sorted(FORMS.glob("*.xlsx"))
    assert sorted(accepted) == [0, 0, len(forms)]  # one intake took them, the others: duplikat
    assert _diterima(kantor) == {hashlib.sha256(f.read_bytes()).hexdigest(): 1 for f in forms}
    _assert_sound(kantor)


@pytest.mark.parametrize(
    "point", ["himpun.diarsipkan", "himpun.sebelum-commit", "himpun.sesudah-commit"]
)
def test_kill_himpun_at_each_point(kantor: Kantor, point: str) -> None:
    proc = _child(CHILD_HIMPUN, str(kantor.path), str(FORMS), mati_di=point)
    proc.communicate(timeout=300)
    assert proc.returncode == -signal.SIGKILL
    committed = point == "himpun.sesudah-commit"
    assert len(_diterima(kantor)) == (7 if committed else 0)
    assert _masuk_whole(kantor) == []
    proc = _child(CHILD_HIMPUN, str(kantor.path), str(FORMS))
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert out.split()[-2:] == ["selesai", "0" if committed else "7"]
    assert set(_diterima(kantor).values()) == {1} and len(_diterima(kantor)) == 7
    _assert_sound(kantor)


def test_random_kills_of_himpun(kantor: Kantor) -> None:
    rng = random.Random(3)
    finished = 0
    for _ in range(5):
        done, _ = _kill_after(
            _child(CHILD_HIMPUN, str(kantor.path), str(FORMS)), rng.uniform(0, 1.5)
        )
        finished += done
        assert set(_diterima(kantor).values()) <= {1}
        assert len(_diterima(kantor)) in (0, 7)  # all forms of an intake, or none
    proc = _child(CHILD_HIMPUN, str(kantor.path), str(FORMS))
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert _masuk_whole(kantor) == []  # the next intake removed what killed ones left
    assert len(_diterima(kantor)) == 7 and set(_diterima(kantor).values()) == {1}
    _assert_sound(kantor)


# ---------------------------------------------------------------------------------------------
# jalankan


def _sisa(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.kerja-*")) + sorted(
        out.parent.glob(f".{out.name}.lama-*")
    )


@pytest.mark.slow
def test_random_kills_of_jalankan_then_a_clean_run(kantor: Kantor, tmp_path: Path) -> None:
    out = tmp_path / "keluaran" / "2025-TW4"
    rng = random.Random(5)
    left = 0
    for _ in range(3):
        proc = _child(CHILD_JALANKAN, str(kantor.path), str(out))
        assert proc.stdout is not None and proc.stdout.readline().strip() == "siap"
        deadline = time.monotonic() + 120
        while not _sisa(out) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)  # the work folder exists: the run is under way
        time.sleep(rng.uniform(0, 2.0))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        left = len(_sisa(out))
        if out.exists():  # published before the kill: whole
            assert (out / "jalankan.json").is_file()
    assert left >= 1  # a killed run leaves its work folder...
    proc = _child(CHILD_JALANKAN, str(kantor.path), str(out))
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert _sisa(out) == []  # ...which the next run removes
    assert (out / "jalankan.json").is_file()
    _assert_sound(kantor)


# ---------------------------------------------------------------------------------------------
# ttd, arsip paket


@pytest.fixture
def pdf(kantor: Kantor, tmp_path: Path) -> Path:
    from kinerja.cetak.render import render_pdf
    from kinerja.ttd.tandatangan import buat_sertifikat_uji, tte_dir

    buat_sertifikat_uji(tte_dir(kantor) / "uji", kantor)
    html = (
        "<html><body><h1>LEMBAR PENGESAHAN</h1><div style='height:4cm'></div>"
        "<p>RAHMAT HIDAYAT, S.STP., M.Si.</p></body></html>"
    )
    path = tmp_path / "d.pdf"
    render_pdf(html, path, tanggal=dt.datetime(2025, 5, 20, 9), pdf_variant="pdf/a-3b")
    return path


@pytest.mark.parametrize("point", ["ttd.tmp-ditulis", "ttd.sesudah-link"])
def test_kill_ttd_then_sign_again(kantor: Kantor, pdf: Path, point: str) -> None:
    from kinerja.ttd.tandatangan import validasi_pdf

    out = pdf.with_name("d-ttd.pdf")
    proc = _child(CHILD_TTD, str(kantor.path), str(pdf), str(out), mati_di=point)
    proc.communicate(timeout=300)
    assert proc.returncode == -signal.SIGKILL
    if out.exists():  # linked before the kill: whole and valid, never replaced
        assert validasi_pdf(out, kantor=kantor).utuh
        out.chmod(0o644)
        out.unlink()
    assert len(list(pdf.parent.glob(".d-ttd.pdf.*.tmp"))) == 1  # the killed writer's temp
    proc = _child(CHILD_TTD, str(kantor.path), str(pdf), str(out))
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert validasi_pdf(out, kantor=kantor).utuh
    assert list(pdf.parent.glob(".d-ttd.pdf.*.tmp")) == []  # the next run removed it


@pytest.mark.parametrize("point", ["paket.data-ditulis", "paket.sebelum-rename"])
def test_kill_arsip_paket_then_package_again(kantor: Kantor, tmp_path: Path, point: str) -> None:
    from kinerja.naskah.penomoran import alokasi_nomor

    alokasi_nomor(kantor, "000.8.6.3", "Uji", tanggal=dt.date(2025, 5, 20))  # a record
    sop = _child(
        "import sys\nfrom kinerja.cli import main\nsys.exit(main(sys.argv[1:]))",
        *f"sop mulai --kantor {kantor.path} --periode 2025-TW1".split(),
    )
    _, err = sop.communicate(timeout=120)
    assert sop.returncode == 0, err
    out = tmp_path / "paket"
    proc = _child(CHILD_PAKET, str(kantor.path), str(out), mati_di=point)
    proc.communicate(timeout=300)
    assert proc.returncode == -signal.SIGKILL
    assert [p.name[:5] for p in out.iterdir()] == [".tmp-"]  # no package under its name
    proc = _child(CHILD_PAKET, str(kantor.path), str(out))
    stdout, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    paket = Path(stdout.split()[-1])
    assert [p.name for p in out.iterdir()] == [paket.name]  # the leftover removed
    assert (paket / "bagit.txt").is_file() and (paket / "manifest-sha256.txt").is_file()
    _assert_sound(kantor)


# ---------------------------------------------------------------------------------------------
# nomor-surat (the command, as a person runs it)


def test_random_kills_of_the_nomor_surat_command(kantor: Kantor) -> None:
    rng = random.Random(11)
    cmd = (
        "import sys\nfrom kinerja.cli import main\nprint('siap', flush=True)\n"
        "for _ in range(50):\n"
        "    main(sys.argv[1:])\n"
    )
    args = f"nomor-surat --kantor {kantor.path} --hal Uji --tanggal 2025-05-20".split()
    daftar_nomor(kantor)
    for _ in range(5):
        _kill_after(_child(cmd, *args), rng.uniform(0.05, 0.6))
    urut = [r["urut"] for r in daftar_nomor(kantor)]
    assert urut == list(range(1, len(urut) + 1))  # no gap, no duplicate
    _assert_sound(kantor)
