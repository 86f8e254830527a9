"""The wet-ink path of ``kinerja sop lanjut``, end to end on a copy of the demo office.

Step 12 always makes the numbered cover letter first and waits (a scan given on that
call cannot be of a letter not yet printed); a scan already recorded for another file
is refused, naming that file. ``verifikasi`` checks every wet-ink signing (record,
scan, signer, signed file); the BagIt package carries the scans and records under
``data/tte/`` and rekap lists it apart as signed in wet ink.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from test_sop_lanjut import _kinerja, _lanjut, _pindai, _putuskan_typo, _sampai
from test_tamper import _stored_files

from kinerja.arsip.verifikasi import verifikasi
from kinerja.kantor.katalog import load_kantor
from kinerja.paths import copy_demo
from kinerja.rekap.periksa import periksa_paket
from kinerja.rekap.status import tetapkan_status
from kinerja.sop import register

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group(name="sop-basah")]

PERIODE = "2025-TW2"
DOKUMEN = f"pengukuran-kinerja-{PERIODE}.pdf"
PENGANTAR = f"pengantar-{PERIODE}-ttd.pdf"
DOKUMEN_TTD = f"pengukuran-kinerja-{PERIODE}-ttd.pdf"


class _Tangkap:
    """``capsys.readouterr`` for a module fixture: what was written since the last call."""

    def __init__(self) -> None:
        self.out, self.err = io.StringIO(), io.StringIO()

    def readouterr(self) -> SimpleNamespace:
        got = SimpleNamespace(out=self.out.getvalue(), err=self.err.getvalue())
        for buf in (self.out, self.err):
            buf.seek(0)
            buf.truncate()
        return got


@pytest.fixture(scope="module")
def basah(tmp_path_factory) -> tuple[Path, Path, str]:
    """(office, keluaran, the walk's messages): the 14 steps walked with wet ink, the
    scan reuses of the findings tried on the way."""
    tmp = tmp_path_factory.mktemp("basah")
    capsys = _Tangkap()
    with contextlib.redirect_stdout(capsys.out), contextlib.redirect_stderr(capsys.err):
        return _jalan(capsys, tmp)


def _jalan(capsys: _Tangkap, tmp: Path) -> tuple[Path, Path, str]:
    office, out = copy_demo(tmp), tmp / "keluaran"
    _sampai(capsys, office, out, 6)
    _putuskan_typo(capsys, office)
    _sampai(capsys, office, out, 10)
    dokumen = _pindai(tmp / "pindaian-dokumen.png", b"lembar pengesahan bertanda tangan")
    code, _, err = _lanjut(capsys, office, out, "--pindaian", dokumen)
    assert code == 0, err
    pesan = []
    for _ in range(2):  # the same scan again: first the letter is made, then it is refused
        code, _, err = _lanjut(capsys, office, out, "--pindaian", dokumen)
        assert code == 1 and register.status_sop(office, PERIODE)[11]["status"] == "belum"
        pesan.append(err)
    scan = _pindai(tmp / "pindaian-pengantar.png", b"surat pengantar bertanda tangan")
    code, _, err = _lanjut(capsys, office, out, "--pindaian", scan)
    assert code == 0, err
    _sampai(capsys, office, out, 14)
    return office, out, "\n----\n".join(pesan)


def _kopi(office: Path, tmp_path: Path) -> Path:
    target = tmp_path / office.name
    shutil.copytree(office, target)
    for p in target.rglob("*"):
        if p.is_file():
            p.chmod(0o644)
    return target


def _rekam(office: Path) -> dict[str, dict]:
    """The wet-ink records on disk by the name of the file signed: {berkas: record}."""
    folder = office / "arsip" / "tte" / "basah"
    return {
        json.loads(p.read_text("utf-8"))["berkas"]: {
            **json.loads(p.read_text("utf-8")),
            "_path": p,
        }
        for p in folder.glob("*.json")
    }


def test_step_12_makes_the_letter_first_and_refuses_a_scan_used_before(basah) -> None:
    office, out, pesan = basah
    dibuat, ditolak = pesan.split("\n----\n")
    letter = out / "naskah" / f"pengantar-{PERIODE}.pdf"
    # the call that made the letter says why its scan was not used, and waits
    assert "Pindaian pindaian-dokumen.png tidak dipakai" in dibuat
    assert "belum dicetak" in dibuat and str(letter) in dibuat and "--pindaian" in dibuat
    # the next call with the document's scan is refused, naming the document
    assert 'Pindaian "pindaian-dokumen.png" sudah tercatat' in ditolak
    assert f'atas berkas "{DOKUMEN}"' in ditolak and "Traceback" not in ditolak
    rekam = _rekam(office)
    assert set(rekam) == {DOKUMEN, letter.name}
    assert rekam[DOKUMEN]["pindaian_sha256"] != rekam[letter.name]["pindaian_sha256"]
    assert register.status_sop(office, PERIODE)[11]["status"] == "selesai"


def test_a_scan_used_before_is_refused_at_step_11(tmp_path, capsys) -> None:
    office = copy_demo(tmp_path)
    out = tmp_path / "keluaran"
    _sampai(capsys, office, out, 6)
    _putuskan_typo(capsys, office)
    _sampai(capsys, office, out, 10)
    scan = _pindai(tmp_path / "pindaian.png", b"halaman lain bertanda tangan")
    lain = out / "naskah" / f"undangan-{PERIODE}.pdf"  # a letter of step 4, signed by hand
    ttd = ("ttd", "tandatangani", lain, "--kantor", office, "--penanda-tangan", "basah")
    assert _kinerja(*ttd, "--pindaian", scan) == 0
    code, _, err = _lanjut(capsys, office, out, "--pindaian", scan)
    assert code == 1 and f'atas berkas "{lain.name}"' in err and "Traceback" not in err
    assert register.status_sop(office, PERIODE)[10]["status"] == "belum"
    assert not (out / "dokumen" / f"pengukuran-kinerja-{PERIODE}-ttd.pdf").exists()


def test_verifikasi_checks_every_wet_ink_signing(basah) -> None:
    office, _, _ = basah
    lap = verifikasi(load_kantor(office))
    assert lap.utuh and not lap.peringatan, lap.teks()
    assert lap.jumlah["tanda_tangan"] >= 2


@pytest.mark.parametrize("serangan", ["pindaian-surat", "rekam-surat", "rekam-dokumen", "penanda"])
def test_wet_ink_evidence_tampered_is_rusak_naming_the_file(basah, tmp_path, serangan) -> None:
    office = _kopi(basah[0], tmp_path)
    rekam = _rekam(office)
    surat, dokumen = rekam[f"pengantar-{PERIODE}.pdf"], rekam[DOKUMEN]
    if serangan == "pindaian-surat":
        (office / surat["pindaian"]).unlink()
        korban = PENGANTAR
    elif serangan == "rekam-surat":
        surat["_path"].unlink()
        korban = PENGANTAR
    elif serangan == "rekam-dokumen":
        dokumen["_path"].unlink()
        korban = DOKUMEN_TTD
    else:
        isi = json.loads(dokumen["_path"].read_text("utf-8"))
        isi["penanda_tangan"] = "ORANG LAIN"
        dokumen["_path"].write_text(json.dumps(isi, ensure_ascii=False, indent=2), "utf-8")
        korban = DOKUMEN_TTD
    lap = verifikasi(load_kantor(office))
    assert not lap.utuh, lap.teks()
    assert all(m.objek.startswith(korban) for m in lap.masalah), lap.teks()
    if serangan == "penanda":
        assert {m.kode for m in lap.masalah} == {"basah-rekam-berubah", "basah-penanda-lain"}
        assert '"ORANG LAIN"' in lap.teks()


def test_every_wet_ink_file_flipped_or_deleted_is_found(basah, tmp_path) -> None:
    """test_tamper's file attacks on the files only a wet-ink office has (arsip/tte/...)."""
    office = _kopi(basah[0], tmp_path)
    files = [f for f in _stored_files(office) if "/tte/basah/" in f or "/tte/pindaian/" in f]
    assert len(files) == 4
    unseen = []
    for rel in files:
        path = office / rel
        original = path.read_bytes()
        data = bytearray(original)
        data[len(data) // 2] ^= 0x01
        for isi in (bytes(data), None):
            if isi is None:
                path.unlink()
            else:
                path.write_bytes(isi)
            if verifikasi(load_kantor(office)).utuh:
                unseen.append(f"{rel} ({'dihapus' if isi is None else 'diubah'})")
            path.write_bytes(original)
    assert unseen == []


def test_the_package_carries_the_wet_ink_evidence(basah) -> None:
    office, out, _ = basah
    paket = out / "paket" / f"{office.name}-{PERIODE}"
    tte = paket / "data" / "tte"
    nama = sorted(p.name for p in tte.iterdir())
    stem = (f"pengantar-{PERIODE}-ttd", f"pengukuran-kinerja-{PERIODE}-ttd")
    assert nama == [
        *(f"basah-{s}.json" for s in stem),
        *(f"pindaian-{s}.png" for s in stem),
    ]
    manifest = (paket / "manifest-sha256.txt").read_text("utf-8")
    rekam = _rekam(office)
    for s in stem:
        assert f"  data/tte/basah-{s}.json\n" in manifest
        assert f"  data/tte/pindaian-{s}.png\n" in manifest
    for r in rekam.values():
        stem_ttd = Path(r["berkas"]).stem + "-ttd"
        assert (tte / f"basah-{stem_ttd}.json").read_bytes() == r["_path"].read_bytes()
        assert (tte / f"pindaian-{stem_ttd}.png").read_bytes() == (office / r["pindaian"]).read_bytes()  # fmt: skip
    # rekap: listed apart (no electronic signature, by design), saying why
    (h,) = tetapkan_status([periksa_paket(paket)])
    assert h.status == "tanpa-ttd", h.masalah
    assert h.keterangan.startswith("ditandatangani basah; pindaian terlampir di paket")
