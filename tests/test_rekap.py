"""The Kabupaten roll-up on real packages: damaged ones are refused by name, the rest consolidated.

Four synthetic offices are measured, archived and packaged with the real functions
(``sintetis.paket_sintetis``: ``documents``, ``signing``, ``archive``,
``bagit_export``); the first one's document is rendered to PDF/A and signed with
its test certificate. Each test damages a copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import tomllib
from pathlib import Path

import bagit
import pytest
import sintetis
from openpyxl import load_workbook

from kinerja.arsip.masalah import judul_masalah
from kinerja.cli import main
from kinerja.rekap.banding import kunci_banding
from kinerja.rekap.periksa import periksa_paket
from kinerja.rekap.tabel import rekap
from kinerja.rekap.tulis import tulis_rekap

pytestmark = pytest.mark.xdist_group("rekap")

WIB = dt.timezone(dt.timedelta(hours=7))
W = dt.datetime(2026, 1, 15, 9, 0, tzinfo=WIB)
NAMA_JAHAT = '=HYPERLINK("http://x") Kecamatan Uji'


@pytest.fixture(scope="module")
def asal(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("rekap")
    offices = sintetis.buat_banyak_kantor(root / "kantor", 4, seed=3)
    # one office with a name that Excel would run as a formula
    toml = offices[3] / "kantor.toml"
    config = tomllib.loads(toml.read_text("utf-8"))
    toml.write_text(
        toml.read_text("utf-8").replace(
            f'nama = "{config["kantor"]["nama"]}"', f"nama = {json.dumps(NAMA_JAHAT)}", 1
        ),
        encoding="utf-8",
    )
    paket = root / "paket"
    specs = [
        sintetis.PaketSintetis(str(offices[0]), "2025-TW4", str(paket), W, True, True),
        sintetis.PaketSintetis(str(offices[1]), "2025-TW3", str(paket), W),
        sintetis.PaketSintetis(str(offices[1]), "2025-TW4", str(paket), W),
        sintetis.PaketSintetis(str(offices[2]), "2025-TW4", str(paket), W),
        sintetis.PaketSintetis(str(offices[3]), "2025-TW4", str(paket), W),
    ]
    built = [Path(sintetis.paket_sintetis(s)) for s in specs]
    akar = sorted((offices[0] / "arsip" / "tte" / "akar").glob("*.pem"))
    return {"root": root, "offices": offices, "paket": built, "akar": akar}


@pytest.fixture
def salinan(asal: dict, tmp_path: Path) -> list[Path]:
    """A private copy of the five packages (tests damage them)."""
    out = []
    for p in asal["paket"]:
        out.append(Path(shutil.copytree(p, tmp_path / "paket" / p.name)))
    return out


def _flip(path: Path, offset: int = 200) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.chmod(0o644)
    path.write_bytes(bytes(data))


def _rebag(path: Path) -> None:
    """What a careful forger does: recompute the manifests after changing the payload."""
    for p in path.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    bagit.Bag(str(path)).save(manifests=True)


def _semua(paths: list[Path], asal: dict, **opsi):
    """The roll-up with the Kabupaten's root and the unsigned packages accepted (noted)."""
    return rekap(paths, akar=asal["akar"], terima_tanpa_ttd=True, **opsi)


def _codes(r, name: str) -> set[str]:
    (h,) = [h for h in r.hasil if h.path.name == name]
    return {m.kode for m in h.masalah}


def test_intact_packages_are_all_consolidated_with_lineage(salinan: list[Path], asal: dict) -> None:
    r = _semua([salinan[0].parent], asal)
    assert r.semua_utuh and len(r.diterima) == 5 and r.terpisah.empty
    assert set(r.kantor["periode"]) == {"2025-TW3", "2025-TW4"}
    assert r.periode_utama == "2025-TW4" and len(r.peringkat) == 4
    assert list(r.peringkat["peringkat"]) == sorted(r.peringkat["peringkat"])
    # lineage: every figure's data file exists in its package with that sha256
    for row in r.kantor.itertuples():
        rel = row.berkas_data.split("#")[0]
        assert (Path(row.paket) / rel).is_file()
    signed = r.kantor[r.kantor["paket"].str.endswith(salinan[0].name)].iloc[0]
    assert signed["berkas_data"] == "data/dokumen/pengukuran-kinerja.pdf#data-sumber.json"
    stored = (salinan[0] / "data/data/data-sumber.json").read_bytes()
    assert signed["sha256_data"] == hashlib.sha256(stored).hexdigest()
    other = r.kantor[r.kantor["paket"].str.endswith(salinan[3].name)].iloc[0]
    assert other["berkas_data"] == "data/data/data-sumber.json"
    # the figures are the office's own: capaian from the embedded data, not recomputed
    data = json.loads(stored)
    assert signed["capaian"] == data["hasil"]["kantor"]["capaian"]  # a JSON number
    # comparable indicators: 4 offices drawing 16 of 22 indicators share many
    tw4 = r.banding[r.banding["periode"].eq("2025-TW4")]
    assert tw4["n_kantor"].max() >= 3 and (tw4["dasar_banding"] == "nama+satuan").all()
    assert r.predikat[r.predikat["tingkat"].eq("kantor")]["jumlah"].sum() == 5
    # office 0 and 2 sent no TW3
    missing = r.kekurangan[["kantor_kode", "periode", "status"]].to_records(index=False).tolist()
    assert len(missing) == 3 and all(p == "2025-TW3" and s == "tidak ada" for _, p, s in missing)
    assert any("sebanding" in c for c in r.catatan) and any("Peringkat" in c for c in r.catatan)
    # only the signed office's figures are vouched for: the others are ranked with a note
    noted = r.peringkat.set_index("kantor_kode")["catatan"].str.contains("tanpa TTE terpercaya")
    assert set(noted[noted].index) == set(r.peringkat["kantor_kode"]) - {signed.kantor_kode}
    assert any("atas permintaan penyusun rekap" in c for c in r.catatan)
    assert not [c for c in r.catatan if "--" in c]  # the report's notes name no CLI option


def test_a_flipped_byte_is_refused_by_name_and_the_rest_consolidated(
    salinan: list[Path], asal: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = salinan[3]
    _flip(bad / "data/data/data-sumber.json")
    akar = [x for a in asal["akar"] for x in ("--akar", str(a))]
    code = main(["rekap", str(salinan[0].parent), "--keluaran", str(tmp_path / "out"),
                 "--tanggal-cetak", "2026-01-20", "--tanpa-pdf", "--terima-tanpa-ttd", *akar])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 1
    assert "DITOLAK  " in err and bad.name in err and judul_masalah("hash-berbeda") in err
    assert "data/data/data-sumber.json" in err
    assert out.count("DITERIMA") == 4 and "4 diterima, 1 ditolak, 0 tidak diperingkat" in out
    r = _semua([salinan[0].parent], asal)
    assert _codes(r, bad.name) == {"hash-berbeda"}
    assert bad.name not in set(r.kantor["paket"].map(lambda p: Path(p).name))
    ditolak = r.kekurangan[r.kekurangan["status"].eq("ditolak")]
    assert list(ditolak["periode"]) == ["2025-TW4"]


def test_a_deleted_event_is_refused_even_when_the_manifests_are_recomputed(
    salinan: list[Path], asal: dict
) -> None:
    target = salinan[2]  # office 1, TW4: two events (TW3's and TW4's data)
    log = target / "data/register/peristiwa.jsonl"
    lines = log.read_bytes().splitlines(keepends=True)
    assert len(lines) >= 2
    log.chmod(0o644)
    log.write_bytes(b"".join(lines[1:]))  # the first event disappears
    r = rekap([target.parent])
    assert {"rantai-putus", "hash-berbeda"} <= _codes(r, target.name)
    _rebag(target)  # bag-info no longer matches (tagmanifest recomputed too)
    r = _semua([target.parent], asal)
    codes = _codes(r, target.name)
    assert "rantai-putus" in codes and "hash-berbeda" not in codes
    assert len(r.diterima) == 4


def test_a_dropped_manifest_line_is_refused(salinan: list[Path], asal: dict) -> None:
    target = salinan[2]
    manifest = target / "manifest-sha256.txt"
    lines = manifest.read_text("utf-8").splitlines(keepends=True)
    kept = [line for line in lines if "data-sumber.json" not in line]
    assert len(kept) == len(lines) - 1
    manifest.chmod(0o644)
    manifest.write_text("".join(kept), encoding="utf-8")
    r = _semua([target.parent], asal)
    (h,) = [h for h in r.hasil if h.path == target]
    assert {m.kode for m in h.masalah} == {"berkas-tak-tercatat", "hash-berbeda"}
    assert {m.objek for m in h.masalah} == {"data/data/data-sumber.json", "manifest-sha256.txt"}
    assert len(r.diterima) == 4


def test_a_tampered_signed_pdf_is_refused_and_trust_roots_are_checked(
    salinan: list[Path], asal: dict, tmp_path: Path
) -> None:
    target = salinan[0]
    ok = periksa_paket(target, akar=asal["akar"])
    assert ok.utuh and ok.tanda_tangan.startswith("Tanda tangan pada") and ok.ttd == "terpercaya"
    untrusted = periksa_paket(target)  # no roots given: intact, but nobody vouches for it
    assert untrusted.utuh and untrusted.ttd == "tidak-terpercaya"
    assert "tanpa sertifikat akar yang dipercaya Kabupaten" in untrusted.tanda_tangan
    # a root the Kabupaten trusts, but not the one that issued this certificate
    from kinerja.kantor.katalog import load_kantor
    from kinerja.ttd.tandatangan import buat_sertifikat_uji

    lain = load_kantor(shutil.copytree(asal["offices"][1], tmp_path / "lain"))
    buat_sertifikat_uji(tmp_path / "ca-lain", lain)
    wrong = periksa_paket(target, akar=[tmp_path / "ca-lain" / "ca-uji.pem"])
    assert wrong.utuh and wrong.ttd == "tidak-terpercaya" and "akar" in wrong.tanda_tangan
    pdf = target / "data/dokumen/pengukuran-kinerja.pdf"
    data = bytearray(pdf.read_bytes())
    at = data.index(b"/Title")  # inside the signed byte range, outside the data stream
    data[at + 1] ^= 0x20
    pdf.chmod(0o644)
    pdf.write_bytes(bytes(data))
    _rebag(target)  # even with fresh manifests the signature gives it away
    h = periksa_paket(target, akar=asal["akar"])
    assert not h.utuh and "tanda-tangan-tidak-sah" in {m.kode for m in h.masalah}
    assert any(m.objek == "data/dokumen/pengukuran-kinerja.pdf" for m in h.masalah)


def test_embedded_data_that_differs_from_the_stored_file_is_refused(salinan: list[Path]) -> None:
    target = salinan[0]
    stored = target / "data/data/data-sumber.json"
    doc = json.loads(stored.read_text("utf-8"))
    doc["hasil"]["kantor"]["capaian"] = "120.00"
    stored.chmod(0o644)
    stored.write_text(json.dumps(doc), encoding="utf-8")
    _rebag(target)
    h = periksa_paket(target)
    assert "data-tertanam-berbeda" in {m.kode for m in h.masalah}
    assert "artefak-berbeda" in {m.kode for m in h.masalah}  # not what was archived


def test_office_folders_are_verified_with_verifikasi(asal: dict, tmp_path: Path) -> None:
    office = Path(shutil.copytree(asal["offices"][2], tmp_path / "k"))
    r = rekap([office, tmp_path / "tidak-ada"])
    assert [h.jenis for h in r.hasil] == ["arsip", "tak-dikenal"]
    assert r.hasil[0].utuh and r.hasil[0].berkas_data.startswith("objek/sha256/")
    assert r.hasil[0].status == "tanpa-ttd" and r.peringkat.empty  # its figures nobody signed
    assert {m.kode for m in r.hasil[1].masalah} == {"tidak-ditemukan"}
    signed = Path(shutil.copytree(asal["offices"][0], tmp_path / "ttd"))
    r = rekap([signed], akar=asal["akar"])
    assert [(h.status, h.ttd) for h in r.hasil] == [("diterima", "terpercaya")]
    assert r.hasil[0].berkas_data.endswith("#data-sumber.json") and len(r.peringkat) == 1
    # verifikasi's PERINGATAN (a run log no event recorded) reaches the Kabupaten as a catatan
    log = signed / "arsip" / "log" / "jalankan-2025-TW4-20260101-080000.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("2026-01-01 08:00:00 BERHASIL\n", encoding="utf-8")
    (h,) = rekap([signed], akar=asal["akar"]).hasil
    assert h.status == "diterima" and any(
        c.startswith("PERINGATAN: ") and log.name in c for c in h.catatan
    ), h.catatan
    objects = [p for p in (office / "arsip/objek/sha256").glob("*/*") if p.is_file()]
    for p in objects:
        _flip(p, 10)
    r = rekap([office / "arsip"])
    assert not r.hasil[0].utuh and "objek-rusak" in {m.kode for m in r.hasil[0].masalah}


def test_mapping_file_makes_indicators_comparable(
    salinan: list[Path], asal: dict, tmp_path: Path
) -> None:
    peta = tmp_path / "pemetaan.csv"
    peta.write_text(
        "indikator,satuan,kunci\n"
        "Jumlah patroli ketertiban umum,kali,Patroli dan pembinaan\n"
        "Jumlah pembinaan administrasi pemerintahan nagari,kegiatan,Patroli dan pembinaan\n",
        encoding="utf-8",
    )
    r = _semua([salinan[0].parent], asal, pemetaan=peta)
    mapped = r.indikator[r.indikator["dasar_banding"].eq("pemetaan")]
    assert len(mapped) and set(mapped["kunci"]) == {"peta: Patroli dan pembinaan"}
    assert set(mapped["indikator"]) == {
        "Jumlah patroli ketertiban umum",
        "Jumlah pembinaan administrasi pemerintahan nagari",
    }
    assert any("pemetaan.csv" in c for c in r.catatan)
    bad = tmp_path / "salah.csv"
    bad.write_text("nama,grup\nx,y\n", encoding="utf-8")
    assert main(["rekap", str(salinan[0].parent), "--pemetaan", str(bad)]) == 1


def test_comparison_key_normalises_case_punctuation_and_percent() -> None:
    import pandas as pd

    keys = kunci_banding(
        pd.Series(["Persentase  Nagari, tepat waktu", "persentase nagari tepat-waktu",
                   "Prosentase nagari tepat waktu"]),
        pd.Series(["%", "Persen", "persentase"]),
    )  # fmt: skip
    assert keys.nunique() == 1


def test_workbook_and_pdf_report(salinan: list[Path], asal: dict, tmp_path: Path) -> None:
    import pdfplumber

    from kinerja.cetak.render import read_embedded

    r = _semua([salinan[0].parent], asal)
    out = tulis_rekap(r, tmp_path / "out", tanggal_cetak=dt.date(2026, 1, 20))
    wb = load_workbook(out.xlsx)
    assert wb.sheetnames == [
        "Ringkasan", "Peringkat", "Kantor", "Indikator", "Sebanding", "Predikat",
        "Kekurangan", "Tidak Diperingkat", "Ditolak", "Jejak",
    ]  # fmt: skip
    names = [c.value for c in wb["Kantor"]["B"][1:]]
    assert "'" + NAMA_JAHAT in names and NAMA_JAHAT not in names
    assert all(not str(v).startswith("=") for row in wb["Indikator"].values for v in row if v)
    assert wb["Peringkat"]["A1"].value == "Peringkat" and wb["Peringkat"]["A2"].value == 1
    ws = wb["Indikator"]
    col = [c.value for c in ws[1]].index("Target tahunan")
    targets = [row[col] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert any(isinstance(v, float) for v in targets)  # numbers as number cells
    assert not [v for v in targets if isinstance(v, str) and v.replace(".", "", 1).isdigit()]
    with pdfplumber.open(out.pdf) as pdf:
        text = " ".join((page.extract_text() or "").replace("\n", " ") for page in pdf.pages)
        assert len(pdf.pages) == out.halaman >= 2
    assert "REKAPITULASI PENGUKURAN KINERJA" in text and "Triwulan IV Tahun 2025" in text
    assert "PEMERINTAH KABUPATEN PESISIR SELATAN" in text
    for h in r.diterima[:3]:
        assert h.kantor_nama in text
    embedded = read_embedded(out.pdf)
    assert b"sha256_data" in embedded["jejak-rekap.csv"]
    # Jejak data names each package and its hash, never a folder of the machine that made it
    assert salinan[0].name in text and r.diterima[0].sha256_data[:16] in text.replace(" ", "")
    folder = str(salinan[0].parent)
    assert folder not in text and folder.encode() not in embedded["jejak-rekap.csv"]


def test_unranked_packages_read_in_words_in_the_pdf(
    salinan: list[Path], asal: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Bupati reads labels and periodes in words; the codes stay in the workbook."""
    import pdfplumber

    r = rekap([salinan[0].parent], akar=asal["akar"], periode=["2025-TW3", "2025-TW4"])
    assert set(r.terpisah["status"]) == {"tanpa-ttd"} and len(r.terpisah) == 4
    out = tulis_rekap(r, tmp_path / "out", tanggal_cetak=dt.date(2026, 1, 20))
    with pdfplumber.open(out.pdf) as pdf:
        text = " ".join((page.extract_text() or "").replace("\n", " ") for page in pdf.pages)
        rows = [
            [" ".join(str(c or "").split()) for c in row]
            for page in pdf.pages
            for table in page.extract_tables()
            for row in table
        ]
    assert "Paket yang tidak diperingkat" in text
    apart = [row for row in rows if "Tanpa tanda tangan elektronik" in row]
    assert len(apart) == 4, rows
    assert {row[2] for row in apart} == {"Triwulan III Tahun 2025", "Triwulan IV Tahun 2025"}
    assert "tanpa-ttd" not in text and "--terima" not in text and "--akar" not in text
    assert "Triwulan III Tahun 2025, Triwulan IV Tahun 2025" in text
    assert "2025-TW3," not in text and " 2025-TW4 " not in text
    # packages by name, never a folder of this machine
    paket = {row[0].replace(" ", "") for row in apart}
    assert paket == {p.name for p in salinan[1:]} and "/paket/" not in text
    ws = load_workbook(out.xlsx)["Tidak Diperingkat"]
    col = [c.value for c in ws[1]].index("Status")
    assert {row[col] for row in ws.iter_rows(min_row=2, values_only=True)} == {"tanpa-ttd"}
    # the command line keeps its option hint on stderr
    args = [str(salinan[0].parent), "--akar", str(asal["akar"][0]), "--tanpa-pdf"]
    assert main(["rekap", *args, "--keluaran", str(tmp_path / "cli")]) == 1
    err = capsys.readouterr().err
    assert "TANPA-TTD" in err and "(--terima-tanpa-ttd untuk tetap memakainya)" in err


def test_usage_errors_exit_2(salinan: list[Path], tmp_path: Path) -> None:
    assert main(["rekap", str(salinan[0]), "--pekerja", "0"]) == 2
    assert main(["rekap", str(salinan[0]), "--akar", str(tmp_path / "x.pem")]) == 2
    (tmp_path / "rusak.pem").write_text("bukan sertifikat", encoding="utf-8")
    assert main(["rekap", str(salinan[0]), "--akar", str(tmp_path / "rusak.pem")]) == 2
    assert main(["rekap", str(salinan[0]), "--periode", "2025-TW9"]) == 2


@pytest.mark.slow
def test_notebook_06_runs_under_papermill(salinan: list[Path], asal: dict, tmp_path: Path) -> None:
    import nbformat

    from kinerja.jalankan.runner import run_notebook
    from kinerja.paths import notebooks_dir

    _flip(salinan[3] / "data/data/data-sumber.json")  # one refused package, named in the output
    source = notebooks_dir() / "06-rekap-kabupaten.ipynb"
    out = tmp_path / "06-rekap-kabupaten-hasil.ipynb"
    run_notebook(
        source,
        out,
        {
            "paket": str(salinan[0].parent),
            "keluaran": str(tmp_path / "keluaran"),
            "periode": "2025-TW3,2025-TW4",
            "akar": ",".join(str(a) for a in asal["akar"]),
            "tanggal_cetak": "2026-01-20",
            "pekerja": 2,
            "kantor": str(asal["offices"][0]),
            "terima_tanpa_ttd": "ya",
        },
        cwd=tmp_path,
    )
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    markdown = " ".join(o.get("data", {}).get("text/markdown", "") for o in outputs)
    assert "**ditolak:** 1" in markdown and salinan[3].name in markdown
    for suffix in ("xlsx", "html", "pdf"):
        assert (tmp_path / "keluaran" / f"rekap-2025-TW4.{suffix}").is_file()
