"""``kinerja sop lanjut`` around the reviewers' decisions (on copies of the demo, 2025-TW2).

- A finding returned to its unit (``kembalikan``): step 7 waits with its own message
  naming the unit, the decision's time and note, and the folder for the corrected form;
  once the corrected form is in that folder, step 7 takes it in (as step 6 shows an
  intake), the corrected value raises no finding any more, and the step is done.
- A step that rests on the decisions (7 and later) cannot be recorded as finished
  before a decision in force (exit 2, nothing recorded); re-recording the decision with
  its real time (``--waktu``) or a later ``--selesai`` lets it through.
- Step 6 counts units, and its per-quarter breakdown of this call adds up.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from formulir_util import fill_form

from kinerja.cli import main
from kinerja.inti.tanggal import WIB
from kinerja.jalankan.lanjut import langkah_berikut
from kinerja.paths import copy_demo
from kinerja.sop import register
from kinerja.validasi.ledger import riwayat, tinjauan

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group(name="sop-kembali")]

PERIODE = "2025-TW2"
TYPO = "be91981cbcc8"  # PEM's IK-07 TW II realisasi written 875 for 87,5
HARI_INI = dt.datetime.now(WIB).date()


def _kinerja(capsys, *args: object) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    got = capsys.readouterr()
    return code, got.out, got.err


def _lanjut(capsys, office: Path, out: Path, *extra: object) -> tuple[int, str, str]:
    args = ("sop", "lanjut", "--kantor", office, "--periode", PERIODE, "--keluaran", out)
    return _kinerja(capsys, *args, *extra)


def _putuskan(capsys, office: Path, keputusan: str, *extra: object) -> None:
    args = ("validasi", "putuskan", "--kantor", office, "--periode", PERIODE, "--temuan", TYPO)
    code, _, err = _kinerja(capsys, *args, "--keputusan", keputusan, "--oleh", "kasubag_pk", *extra)
    assert code == 0, err


def _sampai_6(capsys, office: Path, out: Path) -> str:
    """Steps 1–6 (the meeting today); step 6's output."""
    for _ in range(6):
        rapat = ("--tanggal-rapat", HARI_INI) if langkah_berikut(office, PERIODE) == 4 else ()
        code, text, err = _lanjut(capsys, office, out, *rapat)
        assert code == 0, err
    assert langkah_berikut(office, PERIODE) == 7
    return text


def _status(office: Path, no: int) -> str:
    return register.status_sop(office, PERIODE)[no - 1]["status"]


def test_step_7_waits_for_the_returned_form_and_takes_it_in(tmp_path, capsys):
    office = copy_demo(tmp_path)
    out = tmp_path / "keluaran"
    _sampai_6(capsys, office, out)
    code, _, err = _lanjut(capsys, office, out)
    assert code == 1 and "menunggu keputusan peninjau" in err and "perbaikan" not in err

    _putuskan(capsys, office, "kembalikan", "--alasan", "Periksa pemisah desimal IK-07")
    folder = office / "formulir-kembali" / PERIODE
    code, _, err = _lanjut(capsys, office, out)
    assert code == 1 and _status(office, 7) == "belum"
    assert "menunggu perbaikan formulir PEM (dikembalikan pada " in err
    assert ": Periksa pemisah desimal IK-07); letakkan formulir perbaikan di " in err
    assert f"{folder} lalu jalankan lagi kinerja sop lanjut" in err and TYPO in err
    assert "Putuskan tiap temuan" not in err and "menunggu keputusan peninjau" not in err
    assert "Berkas yang dihimpun" not in err  # nothing new in the folder yet

    # the unit's corrected form, put in the folder: step 7 takes it in and goes on
    (pem,) = folder.glob("Formulir-PEM-*-2025-TW2.xlsx")
    perbaikan = pem.with_name(f"{pem.stem}-perbaikan.xlsx")
    fill_form(pem, perbaikan, values={"IK-07": {"realisasi": 87.5}})
    code, text, err = _lanjut(capsys, office, out)
    assert code == 0 and text.startswith("Langkah 7 selesai: formulir kembali dihimpun"), err
    assert "Berkas yang dihimpun pada panggilan ini (1):" in text and perbaikan.name in text
    assert "(1 unit pada panggilan ini)" in text and "validasi selesai" in text
    assert _status(office, 7) == "selesai"
    # the returned finding is resolved by the fixed value: the rules raise it no more
    assert TYPO not in {d.id for d in tinjauan(office, PERIODE)}
    assert [k.keputusan for k in riwayat(office, PERIODE, TYPO)] == ["kembalikan"]


def test_step_6_counts_units_and_its_breakdown_adds_up(tmp_path, capsys):
    office = copy_demo(tmp_path)
    out = tmp_path / "keluaran"
    folder = office / "formulir-kembali" / PERIODE
    forms = sorted(folder.glob("*.xlsx"))
    # PEM's form twice accepted (its correction too) before step 6: 8 files, 7 units
    (pem,) = [f for f in forms if f.name.startswith("Formulir-PEM-")]
    sebagian = tmp_path / "sebagian"
    sebagian.mkdir()
    shutil.copy(pem, sebagian / pem.name)
    assert _kinerja(capsys, "himpun", "--kantor", office, "--periode", PERIODE, sebagian)[0] == 1
    fill_form(
        pem, pem.with_name(f"{pem.stem}-perbaikan.xlsx"), values={"IK-07": {"realisasi": 87.5}}
    )
    text = _sampai_6(capsys, office, out)
    assert "formulir Triwulan II Tahun 2025 diterima dari 7 dari 7 unit (7 unit pada " in text
    assert (
        "Berkas Triwulan II Tahun 2025 pada panggilan ini: 8 dibaca = 7 diterima + 0 ditolak "
        "+ 1 ganda atau sudah dihimpun sebelumnya (dilewati)"
    ) in text
    catatan = register.status_sop(office, PERIODE)[5]["catatan"]
    assert catatan.startswith("Formulir kembali dihimpun: formulir Triwulan II Tahun 2025 diterima")


def test_a_step_is_not_finished_before_the_decision_it_rests_on(tmp_path, capsys):
    office = copy_demo(tmp_path)
    out = tmp_path / "keluaran"
    _sampai_6(capsys, office, out)
    besok = HARI_INI + dt.timedelta(days=1)
    koreksi = ("--alasan", "Salah ketik pemisah desimal", "--nilai-baru", "87,5")
    _putuskan(capsys, office, "koreksi", *koreksi, "--waktu", f"{besok}T09:00")

    code, _, err = _lanjut(capsys, office, out, "--selesai", f"{HARI_INI}T16:00")
    assert code == 2 and "Langkah 7 akan dicatat selesai" in err and TYPO in err
    assert "pukul 09.00 WIB" in err and "--waktu" in err and "--selesai pada atau sesudah" in err
    assert "Traceback" not in err and _status(office, 7) == "belum"
    code, _, err = _lanjut(capsys, office, out)  # now: before tomorrow's decision as well
    assert code == 2 and _status(office, 7) == "belum"
    for no, jam in ((7, "10:00"), (8, "10:30")):
        code, text, err = _lanjut(capsys, office, out, "--selesai", f"{besok}T{jam}")
        assert code == 0 and text.startswith(f"Langkah {no} selesai"), err

    # a decision recorded later than step 9's end stops step 9 too …
    _putuskan(capsys, office, "koreksi", *koreksi, "--waktu", f"{besok}T13:00")
    code, _, err = _lanjut(capsys, office, out, "--selesai", f"{besok}T11:00")
    assert code == 2 and "Langkah 9 akan dicatat selesai" in err and _status(office, 9) == "belum"
    # … until it is recorded again with the time it was really taken
    _putuskan(capsys, office, "koreksi", *koreksi, "--waktu", f"{besok}T09:30")
    code, text, err = _lanjut(capsys, office, out, "--selesai", f"{besok}T11:00")
    assert code == 0 and text.startswith("Langkah 9 selesai"), err
