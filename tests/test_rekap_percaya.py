"""The roll-up trusts only signatures; one bad package is one refusal; no path escapes.

Real packages from ``sintetis.paket_sintetis`` (measured, archived, rendered to
PDF/A and signed with the office's test certificate, packaged with
``arsip.paket``). Forged and malformed packages are made the way a forger with
kinerja at hand would: the forged data archived with ``objek.simpan`` and packaged
with ``buat_paket``, so manifests, chain and index all agree and only the missing
signature (or the data's shape) gives them away.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import bagit
import pytest
import sintetis

from kinerja.arsip.masalah import KATALOG, judul_masalah
from kinerja.arsip.paket import buat_paket
from kinerja.catatan import objek
from kinerja.cli import main
from kinerja.inti.filename import safe_filename
from kinerja.kantor.katalog import Kantor, load_kantor
from kinerja.naskah.penomoran import alokasi_nomor, alokasi_nomor_dokumen
from kinerja.rekap.tabel import rekap
from kinerja.rekap.tulis import tulis_rekap

pytestmark = pytest.mark.xdist_group("rekap")

KODE_MASALAH = {jenis.kode for jenis in KATALOG.values()}

WIB = dt.timezone(dt.timedelta(hours=7))
W = dt.datetime(2026, 1, 15, 9, 0, tzinfo=WIB)
W_BARU = dt.datetime(2026, 1, 26, 9, 0, tzinfo=WIB)
P = "2025-TW4"


def _paket_palsu(office: Path, out: Path, ubah, *, waktu: dt.datetime = W_BARU) -> Path:
    """A copy of ``office`` whose data-sumber.json is replaced by ``ubah(data)``, packaged."""
    copy = Path(shutil.copytree(office, out / "kantor" / office.name))
    kantor = load_kantor(copy)
    (row,) = [r for r in objek.daftar(kantor, periode=P) if r["nama"] == "data-sumber.json"]
    data = json.loads(objek.baca(kantor, row["sha256"]))
    isi = ubah(data)
    raw = isi if isinstance(isi, bytes) else json.dumps(isi).encode("utf-8")
    objek.simpan(
        kantor, raw, jenis="data", nama="data-sumber.json", periode=P, waktu=waktu, oleh="x"
    )
    return buat_paket(kantor, P, out / "paket", waktu=waktu)


@pytest.fixture(scope="module")
def asal(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Office A signed (TW4), office B unsigned (TW4), and A signed again eleven days later."""
    root = tmp_path_factory.mktemp("percaya")
    offices = sintetis.buat_banyak_kantor(root / "kantor", 2, seed=11)
    paket = root / "paket"
    a = sintetis.paket_sintetis(
        sintetis.PaketSintetis(str(offices[0]), P, str(paket), W, True, True)
    )
    b = sintetis.paket_sintetis(sintetis.PaketSintetis(str(offices[1]), P, str(paket), W))
    lagi = Path(shutil.copytree(offices[0], root / "kantor-lagi" / offices[0].name))
    shutil.rmtree(lagi / "dokumen")  # measured, signed (same certificate) and packaged anew
    for p in (lagi / "arsip").iterdir():
        if p.name != "tte":
            for q in [p, *p.rglob("*")] if p.is_dir() else [p]:
                q.chmod(0o755 if q.is_dir() else 0o644)
            shutil.rmtree(p) if p.is_dir() else p.unlink()
    baru = sintetis.paket_sintetis(
        sintetis.PaketSintetis(str(lagi), P, str(root / "paket-baru"), W_BARU, True, True)
    )
    akar = sorted((offices[0] / "arsip" / "tte" / "akar").glob("*.pem"))
    return {"offices": offices, "a": Path(a), "b": Path(b), "baru": Path(baru), "akar": akar}


def _salin(src: Path, dest: Path) -> Path:
    return Path(shutil.copytree(src, dest / src.name))


def _status(r) -> dict[str, str]:
    return {f"{h.path.parent.name}/{h.path.name}": h.status for h in r.hasil}


def test_an_unsigned_package_with_forged_figures_is_never_ranked(
    asal: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def forge(d: dict) -> dict:
        d["hasil"]["kantor"]["capaian"] = "150.00"
        return d

    forged = _paket_palsu(asal["offices"][1], tmp_path / "palsu", forge)
    bagit.Bag(str(forged)).validate()  # a sound bag: manifests, chain and index agree
    a = _salin(asal["a"], tmp_path / "masuk")
    args = [str(a), str(forged), "--akar", str(asal["akar"][0]), "--tanpa-pdf"]
    code = main(["rekap", *args, "--keluaran", str(tmp_path / "out")])
    out, err = capsys.readouterr()
    assert code == 1
    assert "TANPA-TTD" in err and forged.name in err and "DITERIMA" in out
    r = rekap([a, forged], akar=asal["akar"])
    (h,) = [h for h in r.hasil if h.path == forged]
    assert h.utuh and h.status == "tanpa-ttd" and h.data["hasil"]["kantor"]["capaian"] == "150.00"
    assert list(r.peringkat["paket"]) == [str(a)] and (r.kantor["capaian"] < 150).all()
    assert list(r.terpisah["status"]) == ["tanpa-ttd"] and r.ditolak.empty
    assert any("tidak diperingkat" in c for c in r.catatan)
    # the Kabupaten may still take it, but the ranking says whose figures nobody signed
    r = rekap([a, forged], akar=asal["akar"], terima_tanpa_ttd=True)
    top = r.peringkat.iloc[0]
    assert top["paket"] == str(forged) and top["capaian"] == 150.0
    assert "tanpa TTE terpercaya" in top["catatan"]
    assert "tanpa TTE" not in r.peringkat.iloc[1]["catatan"]
    assert main(["rekap", *args, "--keluaran", str(tmp_path / "o2"), "--terima-tanpa-ttd"]) == 0


def test_a_signature_no_given_root_vouches_for_is_listed_apart(asal: dict, tmp_path: Path) -> None:
    a = _salin(asal["a"], tmp_path)
    r = rekap([a])  # no --akar: an intact signature by a self-made CA proves nothing
    assert [h.status for h in r.hasil] == ["tidak-terpercaya"] and r.peringkat.empty
    assert "sertifikat akar yang dipercaya Kabupaten" in r.hasil[0].tanda_tangan
    assert not r.semua_utuh
    lain = load_kantor(shutil.copytree(asal["offices"][1], tmp_path / "lain"))
    from kinerja.ttd.tandatangan import buat_sertifikat_uji

    buat_sertifikat_uji(tmp_path / "ca-lain", lain)
    r = rekap([a], akar=[tmp_path / "ca-lain" / "ca-uji.pem"])
    assert [h.status for h in r.hasil] == ["tidak-terpercaya"] and r.peringkat.empty
    r = rekap([a], akar=asal["akar"])
    assert [h.status for h in r.hasil] == ["diterima"] and r.hasil[0].ttd == "terpercaya"
    assert r.hasil[0].berkas_data.endswith(".pdf#data-sumber.json")  # the signed PDF's data


def test_a_second_package_of_one_office_and_periode_counts_once(
    asal: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lama = _salin(asal["a"], tmp_path / "lama")
    baru = _salin(asal["baru"], tmp_path / "baru")
    b = _salin(asal["b"], tmp_path / "b1")
    b_lagi = _salin(asal["b"], tmp_path / "b2")  # the same package sent twice
    r = rekap([lama, b, baru, b_lagi], akar=asal["akar"], terima_tanpa_ttd=True)
    status = _status(r)
    assert status[f"lama/{lama.name}"] == "ganda" and status[f"baru/{baru.name}"] == "diterima"
    assert sorted(status.values()).count("ganda") == 2 and r.semua_utuh
    (g,) = [h for h in r.hasil if h.path == lama]
    assert str(baru) in g.keterangan  # named with the package that counts
    assert len(r.peringkat) == 2 and r.peringkat["kantor_kode"].is_unique
    kantor_a = r.kantor[r.kantor["kantor_kode"].eq(g.kantor_kode)]
    assert list(kantor_a["paket"]) == [str(baru)]  # the newer signed version wins
    assert r.predikat[r.predikat["tingkat"].eq("kantor")]["jumlah"].sum() == 2
    assert set(r.terpisah["status"]) == {"ganda"} and len(r.terpisah) == 2
    # the newer one wins whatever the order of the inputs
    r2 = rekap([baru, lama], akar=asal["akar"])
    assert {h.path: h.status for h in r2.hasil} == {baru: "diterima", lama: "ganda"}
    code = main(["rekap", str(lama), str(baru), "--akar", str(asal["akar"][0]), "--tanpa-pdf",
                 "--keluaran", str(tmp_path / "out")])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0 and "GANDA" in err and "1 diterima, 0 ditolak, 1 tidak diperingkat" in out


def _daftar_angka(d: dict) -> dict:
    d["hasil"]["kantor"]["capaian"] = [99.5, 150]
    return d


def _tak_hingga(d: dict) -> bytes:
    d["hasil"]["kantor"]["capaian"] = "__X__"
    return json.dumps(d).replace('"__X__"', "Infinity").encode("utf-8")


def _teks_inf(d: dict) -> dict:
    d["hasil"]["indikator"][2]["capaian"] = "inf"
    return d


def _tanpa_hasil(d: dict) -> dict:
    del d["hasil"]["kantor"]
    return d


def test_one_malformed_package_is_one_refusal_and_the_others_get_their_report(
    asal: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    masuk = tmp_path / "masuk"
    a = _salin(asal["a"], masuk)
    bad = {}
    for name, fn, kunci in (
        ("daftar", _daftar_angka, "hasil.kantor.capaian"),
        ("inf", _tak_hingga, "Infinity"),
        ("teks-inf", _teks_inf, "hasil.indikator[2].capaian"),
        ("tanpa", _tanpa_hasil, "hasil.kantor"),
    ):
        p = _paket_palsu(asal["offices"][1], tmp_path / name, fn)
        bad[name] = (p.rename(masuk / f"{name}-{p.name}"), kunci)
    latin = _salin(asal["b"], tmp_path / "latin")  # bag-info in Latin-1: a broken bag
    info = latin / "bag-info.txt"
    info.chmod(0o644)
    info.write_bytes(info.read_bytes().replace(b"Kantor: ", b"Kantor: Ngar\xe9 ", 1))
    bad["latin"] = (latin.rename(masuk / "latin-bag"), "hash-berbeda")
    index = _salin(asal["b"], tmp_path / "index")  # the artefact index is not a list
    target = index / "data/register/artefak.json"
    target.chmod(0o644)
    target.write_text('{"berkas_paket": 1}', encoding="utf-8")
    for p in index.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    bagit.Bag(str(index)).save(manifests=True)
    bad["index"] = (index.rename(masuk / "index-bag"), "artefak-rusak")
    (masuk / "paket.zip").write_bytes(b"PK\x03\x04 terpotong")  # a broken zip, not a bag
    code = main(["rekap", str(masuk), "--akar", str(asal["akar"][0]), "--tanpa-pdf",
                 "--keluaran", str(tmp_path / "out"), "--tanggal-cetak", "2026-01-20"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err and "galat tak terduga" not in err
    assert out.count("DITERIMA") == 1 and "1 diterima, 7 ditolak" in out
    for path, kunci in bad.values():
        bagian = err.split(f"({path}):")[1].split("DITOLAK")[0]
        if kunci in KODE_MASALAH:  # a person reads the title, not the code
            assert judul_masalah(kunci) in bagian and kunci not in bagian
        else:  # a word of the message itself
            assert kunci in bagian
    assert judul_masalah("data-tidak-sah") in err and "bukan angka yang terhingga" in err
    assert "paket.zip" in err and judul_masalah("bukan-paket") in err
    assert (tmp_path / "out" / "rekap-2025-TW4.xlsx").is_file()  # the good one got its report
    r = rekap([masuk], akar=asal["akar"])
    assert [h.path for h in r.diterima] == [a] and len(r.peringkat) == 1


def test_no_name_from_a_package_leaves_the_output_folder(asal: dict, tmp_path: Path) -> None:
    jahat = _salin(asal["a"], tmp_path / "masuk")
    info = jahat / "bag-info.txt"
    info.chmod(0o644)
    info.write_text(
        info.read_text("utf-8").replace(f"Periode: {P}", "Periode: ../../../pwned-rekap"), "utf-8"
    )
    for p in jahat.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    bagit.Bag(str(jahat)).save(manifests=True)  # a careful forger recomputes the tag manifest
    b = _salin(asal["b"], tmp_path / "masuk")
    out = tmp_path / "a" / "b" / "c" / "out"
    code = main(["rekap", str(jahat), str(b), "--keluaran", str(out), "--tanpa-pdf",
                 "--terima-tanpa-ttd", "--tanggal-cetak", "2026-01-20"])  # fmt: skip
    assert code == 1
    assert not list(tmp_path.rglob("*pwned*"))
    assert sorted(p.name for p in out.iterdir()) == ["rekap-2025-TW4.html", "rekap-2025-TW4.xlsx"]
    r = rekap([jahat, b], terima_tanpa_ttd=True)
    assert "periode-tidak-sah" in {m.kode for m in r.hasil[0].masalah}
    # and were such a periode to reach the writer, it stays one file name inside keluaran
    r = dataclasses.replace(r, periode_utama="../../../pwned-rekap")
    hasil = tulis_rekap(r, out / "x", tanggal_cetak=dt.date(2026, 1, 20), pdf=False)
    assert hasil.xlsx.parent == out / "x" and not list(tmp_path.rglob("pwned-rekap.*"))


def test_arsip_paket_keeps_a_hostile_kode_inside_keluaran(
    kantor: Kantor, tmp_path: Path, capsys
) -> None:
    toml = kantor.path / "kantor.toml"
    text = toml.read_text("utf-8")
    toml.write_text(text.replace(f'kode = "{kantor.kode}"', 'kode = "../../../escaped"', 1))
    keluaran = tmp_path / "x" / "y" / "z"
    code = main(["arsip", "paket", "--kantor", str(kantor.path), "--periode", P,
                 "--keluaran", str(keluaran)])  # fmt: skip
    # kantor.toml's schema refuses the kode before anything is written, naming the key
    assert code == 1
    assert "[kantor] kode = '../../../escaped'" in capsys.readouterr().err
    assert list(tmp_path.rglob("*escaped*")) == []
    assert not keluaran.exists() or not list(keluaran.iterdir())
    # and the package folder's name stays one file name even for a kode that got past it
    name = f"{safe_filename('../../../escaped')}-{P}"
    assert (keluaran / name).resolve().parent == keluaran.resolve()


def test_a_package_carries_every_number_of_its_periode_whatever_year(
    kantor: Kantor, tmp_path: Path
) -> None:
    objek.simpan(kantor, b'{"a": 1}', jenis="data", nama="data-sumber.json", periode=P, waktu=W)
    undangan = alokasi_nomor(
        kantor, "000.8.6.3", "Undangan", tanggal=dt.date(2025, 12, 29), periode=P
    )
    lain_2025 = alokasi_nomor(kantor, "000.8.3.3", "Surat lain", tanggal=dt.date(2025, 12, 30))
    pengantar = alokasi_nomor(kantor, "000.8.6.3", "Pengantar", tanggal=dt.date(2026, 1, 12))
    dokumen = alokasi_nomor_dokumen(kantor, P, "Dokumen PK", tanggal=dt.date(2026, 1, 20))
    tw1 = alokasi_nomor(
        kantor, "000.8.6.3", "Undangan", tanggal=dt.date(2026, 4, 2), periode="2026-TW1"
    )
    assert dokumen == "000.8.6.3/2/Kec-LSB/2026"
    path = buat_paket(kantor, P, tmp_path)
    rows = json.loads((path / "data/register/nomor-surat.json").read_text("utf-8"))
    nomor = [r["nomor"] for r in rows]
    assert set(nomor) == {undangan, lain_2025, dokumen}
    assert pengantar not in nomor and tw1 not in nomor  # 2026 letters of no or another periode
    assert bagit.Bag(str(path)).info["Jumlah-Nomor-Surat"] == "3"
