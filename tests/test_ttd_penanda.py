"""A signature counts for an office only when it is the office's signer's (issue 14).

Real offices from ``sintetis`` (measured, rendered to PDF/A, signed with the office's
test certificate, packaged). The other person is the Camat of a second synthetic
office: a test certificate of their own whose CA the first office (or the Kabupaten)
trusts, i.e. a valid certificate of the wrong person. A forger with kinerja at hand
signs with pyHanko directly (``sign_pkcs12`` without the signer check) and archives
and packages with the real functions, so manifests, chain and index all agree.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import sintetis

from kinerja.arsip.paket import buat_paket
from kinerja.arsip.verifikasi import verifikasi
from kinerja.arsip.verifikasi_ttd import masalah_penanda
from kinerja.catatan import objek
from kinerja.catatan.db import db_path
from kinerja.cli import main
from kinerja.inti.errors import ERROR, WARNING, InputError, UsageError
from kinerja.kantor.katalog import Kantor, load_kantor
from kinerja.rekap.penanda import baca_penanda
from kinerja.rekap.tabel import rekap
from kinerja.ttd.akar import catat_akar
from kinerja.ttd.dasar import Kotak, Permintaan
from kinerja.ttd.keabsahan import HasilValidasi, validasi_pdf
from kinerja.ttd.penanda_kantor import (
    APA_PENANDA,
    IdentitasSertifikat,
    PenandaKantor,
    cocok,
    penanda_konfigurasi,
    penanda_tercatat,
)
from kinerja.ttd.pkcs12 import sign_pkcs12
from kinerja.ttd.tandatangan import buat_sertifikat_uji, tandatangani, tte_dir

pytestmark = pytest.mark.xdist_group("rekap")

WIB = dt.timezone(dt.timedelta(hours=7))
W = dt.datetime(2026, 1, 15, 9, 0, tzinfo=WIB)
W_PALSU = dt.datetime(2026, 1, 20, 9, 0, tzinfo=WIB)
P = "2025-TW4"


@pytest.fixture(scope="module")
def asal(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Office A signed by its Camat and packaged; the certificate of B's Camat (another
    person) with its test CA."""
    root = tmp_path_factory.mktemp("penanda")
    a, b = sintetis.buat_banyak_kantor(root / "kantor", 2, seed=23)
    paket = sintetis.paket_sintetis(
        sintetis.PaketSintetis(str(a), P, str(root / "p"), W, True, True)
    )
    lain = root / "sertifikat-lain"
    p12_lain = buat_sertifikat_uji(lain, load_kantor(b))
    return {"a": a, "paket": Path(paket), "p12_lain": p12_lain, "ca_lain": lain / "ca-uji.pem"}


def _salin(src: Path, dest: Path) -> Path:
    return Path(shutil.copytree(src, dest / src.name))


def _sumber(office: Path) -> Path:
    """The rendered, unsigned document of the office."""
    return next(p for p in (office / "dokumen" / P).glob("*.pdf") if not p.stem.endswith("-ttd"))


def _percayai(kantor: Kantor, ca: Path) -> None:
    """The other person's CA becomes a recorded trust root of the office (a valid CA)."""
    shutil.copy(ca, tte_dir(kantor) / "akar" / ca.name.replace(".pem", "-lain.pem"))
    catat_akar(kantor, waktu=W, oleh="admin")


def _ttd_palsu(kantor: Kantor, p12: Path, out: Path, *, arsipkan: bool = True) -> Path:
    """Sign the office's document with ``p12`` as pyHanko would, without the signer check,
    and (``arsipkan``) archive it as the signed version."""
    req = Permintaan(
        kantor=kantor,
        pejabat=kantor.pejabat["camat"],
        alasan="Pengesahan Dokumen Pengukuran Kinerja",
        lokasi="x",
        waktu=W_PALSU,
        pkcs12=p12,
    )
    out.write_bytes(sign_pkcs12(_sumber(kantor.path), req).data)
    if not arsipkan:
        return out
    objek.simpan(
        kantor, out, jenis="dokumen", periode=P, nama="pengukuran-kinerja",
        nama_berkas=out.name, status="ditandatangani", waktu=W_PALSU, oleh="x", alasan="revisi",
    )  # fmt: skip
    return out


def _camat(kantor: Kantor) -> tuple[str, str]:
    p = kantor.pejabat["camat"]
    return p.nama, re.sub(r"\D", "", p.nip)


def test_the_test_certificate_names_the_signer_by_nip(asal: dict) -> None:
    kantor = load_kantor(asal["a"])
    signed = next((asal["a"] / "dokumen" / P).glob("*-ttd.pdf"))
    v = validasi_pdf(signed, kantor)
    (ident,) = v.sertifikat
    nama, nip = _camat(kantor)
    assert v.utuh and ident.nomor_seri == nip and nama in ident.cn
    assert penanda_tercatat(kantor) == penanda_konfigurasi(kantor)  # recorded when signing
    assert cocok(ident, penanda_konfigurasi(kantor))
    assert verifikasi(kantor).utuh


def test_another_persons_valid_certificate_makes_the_archive_rusak(
    asal: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = _salin(asal["a"], tmp_path)
    kantor = load_kantor(office)
    _percayai(kantor, asal["ca_lain"])
    with pytest.raises(InputError, match="bukan milik penanda tangan kantor"):
        tandatangani(_sumber(office), tmp_path / "x.pdf", kantor=kantor, pkcs12=asal["p12_lain"])
    assert verifikasi(kantor).utuh  # the other CA is trusted and recorded: nothing wrong yet
    palsu = _ttd_palsu(kantor, asal["p12_lain"], tmp_path / "palsu-ttd.pdf")
    assert validasi_pdf(palsu, kantor).utuh  # the signature itself is valid and trusted
    lap = verifikasi(kantor)
    (m,) = lap.masalah
    nama, nip = _camat(kantor)
    assert m.kode == "penanda-tangan-lain" and palsu.name in m.objek
    assert "UJI COBA" in m.pesan and f"NIP {nip}" in m.pesan and nama in m.pesan
    assert nama not in m.pesan.split("bukan milik")[0]  # the subject is the other person's
    assert main(["verifikasi", "--kantor", str(office)]) == 1
    out = capsys.readouterr().out
    assert "RUSAK: Penanda tangan bukan pejabat kantor — " in out and palsu.name in out
    # the office folder given to the roll-up is refused with the same finding
    (h,) = rekap([office], akar=sorted((office / "arsip" / "tte" / "akar").glob("*.pem"))).hasil
    assert h.status == "ditolak" and "penanda-tangan-lain" in {x.kode for x in h.masalah}


def test_a_package_signed_by_another_person_is_listed_apart(
    asal: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = _salin(asal["a"], tmp_path / "kantor")
    kantor = load_kantor(office)
    _percayai(kantor, asal["ca_lain"])
    _ttd_palsu(kantor, asal["p12_lain"], tmp_path / "palsu-ttd.pdf")
    palsu = buat_paket(kantor, P, tmp_path / "paket", waktu=W_PALSU)
    benar = _salin(asal["paket"], tmp_path / "benar")
    akar = sorted((office / "arsip" / "tte" / "akar").glob("*.pem"))  # both CAs trusted
    r = rekap([benar, palsu], akar=akar)
    status = {h.path: h for h in r.hasil}
    assert status[benar].status == "diterima" and status[benar].ttd == "terpercaya"
    h = status[palsu]
    assert h.status == "penanda-lain" and h.utuh and h.data is not None
    nama, nip = _camat(kantor)
    assert "bukan pejabat kantor" in h.keterangan and f"NIP {nip}" in h.keterangan
    assert list(r.peringkat["paket"]) == [str(benar)]
    assert list(r.terpisah["status"]) == ["penanda-lain"] and r.ditolak.empty
    # never ranked, even when the Kabupaten takes unsigned figures
    r = rekap([palsu], akar=akar, terima_tanpa_ttd=True)
    assert [x.status for x in r.hasil] == ["penanda-lain"] and r.peringkat.empty
    args = [str(benar), str(palsu), "--tanpa-pdf", "--keluaran", str(tmp_path / "out")]
    assert main(["rekap", *args, *sum((["--akar", str(p)] for p in akar), [])]) == 1
    err = capsys.readouterr().err
    assert "PENANDA-LAIN" in err and palsu.name in err and "DITOLAK" not in err


def test_the_kabupaten_pins_each_offices_signer(
    asal: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    benar = _salin(asal["paket"], tmp_path / "benar")
    kantor = load_kantor(asal["a"])
    _, nip = _camat(kantor)
    akar = sorted((asal["a"] / "arsip" / "tte" / "akar").glob("*.pem"))
    (h,) = rekap([benar], akar=akar, penanda={kantor.kode: nip}).hasil
    assert h.status == "diterima"
    (h,) = rekap([benar], akar=akar, penanda={kantor.kode: "198001012005011001"}).hasil
    assert h.status == "penanda-lain" and "198001012005011001" in h.keterangan
    assert "--penanda" in h.keterangan
    toml = tmp_path / "penanda.toml"
    toml.write_text(f'[penanda]\n"{kantor.kode}" = "{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"\n')
    csv = tmp_path / "penanda.csv"
    csv.write_text(f"Kode,NIP\n{kantor.kode},198001012005011001\n")
    assert baca_penanda(toml) == {kantor.kode: nip}
    base = [str(benar), "--akar", str(akar[0]), "--tanpa-pdf"]
    assert main(["rekap", *base, "--keluaran", str(tmp_path / "o1"), "--penanda", str(toml)]) == 0
    assert main(["rekap", *base, "--keluaran", str(tmp_path / "o2"), "--penanda", str(csv)]) == 1
    assert "PENANDA-LAIN" in capsys.readouterr().err
    bad = tmp_path / "salah.csv"
    bad.write_text(f"kode,nama\n{kantor.kode},Budi\n")
    with pytest.raises(UsageError, match='kolom "kode" dan "nip"'):
        baca_penanda(bad)
    bad.write_text(f"kode,nip\n{kantor.kode},bukan-nip\n")
    assert main(["rekap", *base, "--keluaran", str(tmp_path / "o3"), "--penanda", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "baris 2 kolom nip" in err and "Traceback" not in err


def _ganti_camat(office: Path, nama: str, nip: str) -> None:
    toml = office / "kantor.toml"
    teks = toml.read_text("utf-8")
    blok = re.search(r'peran = "camat"\n(?:.*\n)*?(?=\n|\[\[)', teks)
    assert blok is not None
    baru = re.sub(r'nama = ".*"', f'nama = "{nama}"', blok.group(0), count=1)
    baru = re.sub(r"nip = .*", f'nip = "{nip}"', baru, count=1)
    toml.write_text(teks.replace(blok.group(0), baru), "utf-8")


def test_a_new_camat_later_does_not_break_the_earlier_signed_document(
    asal: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = _salin(asal["a"], tmp_path)
    lama = load_kantor(office)
    signed = next((office / "dokumen" / P).glob("*-ttd.pdf"))
    (ident,) = validasi_pdf(signed, lama).sertifikat
    _ganti_camat(office, "BUDI SANTOSO, S.STP.", "198001012005011001")
    kantor = load_kantor(office)
    assert main(["ttd", "penanda", "--kantor", str(office)]) == 0  # a change of signer: an event
    assert "Dicatat sebagai peristiwa baru" in capsys.readouterr().out
    sekarang = penanda_tercatat(kantor)
    assert sekarang is not None and sekarang.nip == "198001012005011001"
    assert not cocok(ident, sekarang)  # judged against today's signer it would fail
    assert verifikasi(kantor).utuh  # judged against the signer on record when it was signed
    # the old Camat's certificate no longer signs for the office; the new one's does
    with pytest.raises(InputError, match="bukan milik penanda tangan kantor"):
        tandatangani(_sumber(office), tmp_path / "lama.pdf", kantor=kantor, waktu=W_PALSU)
    p12 = buat_sertifikat_uji(tmp_path / "baru", kantor)
    kotak = Kotak(1, 72, 650, 272, 710)
    hasil = tandatangani(
        _sumber(office), tmp_path / "baru-ttd.pdf", kantor=kantor, pkcs12=p12, kotak=kotak,
        waktu=W_PALSU,
    )  # fmt: skip
    objek.simpan(
        kantor, hasil.berkas, jenis="dokumen", periode=P, nama="pengukuran-kinerja",
        status="ditandatangani", waktu=W_PALSU, oleh="camat", alasan="revisi",
    )  # fmt: skip
    lap = verifikasi(kantor)
    assert lap.utuh and lap.jumlah["tanda_tangan"] >= 2, lap.teks()


def test_a_registered_certificate_signs_for_the_office(asal: dict, tmp_path: Path) -> None:
    """A certificate that does not name the NIP counts once its fingerprint is registered."""
    office = _salin(asal["a"], tmp_path)
    kantor = load_kantor(office)
    _percayai(kantor, asal["ca_lain"])
    lain = ["ttd", "penanda", "--kantor", str(office), "--sertifikat", str(asal["p12_lain"])]
    assert main(lain) == 0
    out = tmp_path / "terdaftar-ttd.pdf"
    tandatangani(_sumber(office), out, kantor=kantor, pkcs12=asal["p12_lain"], waktu=W_PALSU)
    objek.simpan(
        kantor, out, jenis="dokumen", periode=P, nama="pengukuran-kinerja",
        status="ditandatangani", waktu=W_PALSU, oleh="camat", alasan="revisi",
    )  # fmt: skip
    assert verifikasi(kantor).utuh
    assert main(["ttd", "penanda", "--kantor", str(office), "--sertifikat", str(out)]) == 1


def test_an_archive_from_before_signer_records_gets_a_peringatan_with_the_way_out(
    asal: dict,
) -> None:
    """A chain without any ``tte-penanda`` event (signed before kinerja recorded signers,
    by a certificate that does not name the NIP): a PERINGATAN naming ``kinerja ttd
    penanda``, not damage; once any signer is on record, the same certificate is RUSAK."""
    kantor = load_kantor(asal["a"])
    lama = IdentitasSertifikat(cn="RAHMAT (UJI COBA)", nomor_seri="", subjek="CN=lama", sidik="ab")
    hasil = HasilValidasi(True, True, True, "ENTIRE_FILE", "RAHMAT", "", sertifikat=[lama])
    (m,) = masalah_penanda(kantor, [{"hash": "e1", "apa": "artefak"}], "e1", hasil, "x-ttd.pdf")
    assert (m.kode, m.tingkat) == ("penanda-belum-tercatat", WARNING)
    assert f"kinerja ttd penanda --kantor {kantor.path}" in m.pesan
    tercatat = {"hash": "e0", "apa": APA_PENANDA, "data": penanda_konfigurasi(kantor).data()}
    (m,) = masalah_penanda(kantor, [tercatat, {"hash": "e1"}], "e1", hasil, "x-ttd.pdf")
    assert (m.kode, m.tingkat) == ("penanda-tangan-lain", ERROR)
    terdaftar = PenandaKantor("camat", "RAHMAT", "1979", ("ab",))  # the old certificate recorded
    rantai = [{"hash": "e1"}, {"hash": "e2", "apa": APA_PENANDA, "data": terdaftar.data()}]
    assert masalah_penanda(kantor, rantai, "e1", hasil, "x-ttd.pdf") == []


def test_ttd_periksa_with_kantor_says_whether_the_signer_is_the_offices(
    asal: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cryptography alone passes for another person's trusted certificate; with
    --kantor the check also names the signer, and refuses (exit 1) another person's."""
    office = _salin(asal["a"], tmp_path)
    kantor = load_kantor(office)
    nama, nip = _camat(kantor)
    signed = next((office / "dokumen" / P).glob("*-ttd.pdf"))
    capsys.readouterr()
    assert main(["ttd", "periksa", str(signed), "--kantor", str(office)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("SAH: ") and f"Penanda tangan kantor: {nama} (NIP {nip}).\n" in out

    _percayai(kantor, asal["ca_lain"])
    lepas = _ttd_palsu(kantor, asal["p12_lain"], tmp_path / "lepas-ttd.pdf", arsipkan=False)
    palsu = _ttd_palsu(kantor, asal["p12_lain"], tmp_path / "palsu-ttd.pdf")
    sebelum = db_path(office).read_bytes()
    for berkas in (lepas, palsu):  # not archived: today's signer; archived: the one then
        assert validasi_pdf(berkas, kantor).utuh
        assert main(["ttd", "periksa", str(berkas), "--kantor", str(office)]) == 1
        out = capsys.readouterr().out
        assert out.startswith("SAH: ")
        assert (
            "BUKAN PENANDA TANGAN KANTOR: Penanda tangan bukan pejabat kantor — "
            f"{berkas.name}: tanda tangan ke-1 dibuat dengan sertifikat "
        ) in out
        assert f"{nama} (NIP {nip})" in out and "Penanda tangan kantor:" not in out
    assert db_path(office).read_bytes() == sebelum  # read only
    assert main(["ttd", "periksa", str(lepas)]) == 1  # no office: no trust roots, no signer
    out = capsys.readouterr().out
    assert out.startswith("TIDAK SAH: ") and "PENANDA TANGAN KANTOR" not in out.upper()
