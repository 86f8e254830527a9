"""Many offices at once: a real process pool, a real Dask LocalCluster (127.0.0.1 only)."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import sintetis

from kinerja.cli import main
from kinerja.inti.errors import UsageError
from kinerja.jalankan.batch import jalankan_banyak, peta, temukan_kantor
from kinerja.jalankan.tahap import TAHAP

pytestmark = pytest.mark.xdist_group("batch")

MULAI = dt.datetime(2026, 1, 15, 9, 0)
TANGGAL = dt.date(2026, 1, 15)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three good synthetic offices and one whose PK names an unknown unit."""
    root = tmp_path_factory.mktemp("batch") / "kantor"
    offices = sintetis.buat_banyak_kantor(root, 4, seed=9)
    toml = offices[2] / "kantor.toml"
    toml.write_text(toml.read_text("utf-8").replace('kode = "PELUM"', 'kode = "LAYANAN"'), "utf-8")
    (root / ".rusak").write_text(offices[2].name, "utf-8")
    return root


def _ok(folder: Path) -> list[bool]:
    """Which offices (in temukan_kantor's order) should succeed."""
    bad = (folder / ".rusak").read_text("utf-8")
    return [p.name != bad for p in temukan_kantor([folder])]


def test_pool_runs_every_office_and_a_failure_stops_nothing(folder: Path) -> None:
    lines: list[str] = []
    offices = temukan_kantor([folder])
    hasil = jalankan_banyak(
        offices, "2025-TW4", TANGGAL, mulai=MULAI, pekerja=2, tugas="ukur", laporan=lines.append
    )
    assert [h.nama for h in hasil] == [o.name for o in offices]  # the input's order
    assert [h.ok for h in hasil] == _ok(folder)
    (bad,) = [h for h in hasil if not h.ok]
    assert 'Unit "PELUM" tidak ada di kantor.toml' in bad.pesan and "LAYANAN" in bad.pesan
    for h in hasil:
        if h.ok:
            assert 40 < h.nilai["capaian"] < 160 and h.nilai["predikat"]
    pids = {h.pekerja for h in hasil}
    assert len(pids) == 2 and f":{os.getpid()}" not in " ".join(pids)
    assert len(lines) == 4 and sum("GAGAL" in line for line in lines) == 1
    assert lines[-1].startswith("[4/4] ")


def test_serial_and_pool_give_the_same_figures(folder: Path) -> None:
    offices = temukan_kantor([folder])
    one = jalankan_banyak(
        offices, "2025-TW3", TANGGAL, mulai=MULAI, pekerja=1, tugas="ukur", laporan=None
    )
    two = jalankan_banyak(offices, "2025-TW3", TANGGAL, mulai=MULAI, pekerja=2, tugas="ukur", laporan=None)  # fmt: skip
    assert [h.nilai for h in one] == [h.nilai for h in two]
    assert {h.pekerja for h in one} == {f"{platform.node()}:{os.getpid()}"}


def test_cli_exit_codes(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["jalankan-banyak", "--folder-kantor", str(folder), "--periode", "2025-TW4",
                 "--pekerja", "2", "--tugas", "ukur"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 1
    assert out.count("OK     ") == 3 and out.count("GAGAL  ") == 1
    assert "3 berhasil, 1 gagal." in err
    good = [p for p, ok in zip(temukan_kantor([folder]), _ok(folder), strict=True) if ok]
    args = ["jalankan", "--periode", "2025", "--tugas", "ukur", "--pekerja", "1"]
    for p in good[:2]:
        args += ["--kantor", str(p)]
    assert main(args) == 0
    assert main(["jalankan", "--kantor", str(folder), "--periode", "2025"]) == 2
    assert main(["jalankan", "--periode", "2025"]) == 2  # no office named
    assert main(["jalankan", "--folder-kantor", str(folder), "--periode", "2025",
                 "--scheduler", "bogus:1"]) == 2  # fmt: skip
    assert main(["jalankan", "--folder-kantor", str(folder), "--periode", "2025",
                 "--pekerja", "2", "--scheduler", "lokal:2"]) == 2  # fmt: skip
    assert main(["jalankan", "--folder-kantor", str(folder), "--periode", "2025",
                 "--pekerja", "0"]) == 2  # fmt: skip


def test_missing_dask_is_a_clear_indonesian_error(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    with pytest.raises(UsageError, match=r"kinerja\[dask\]"):
        peta(str, [1, 2], scheduler="lokal:2", laporan=None)


@pytest.mark.slow
def test_dask_local_cluster_of_worker_processes(folder: Path) -> None:
    lines: list[str] = []
    offices = temukan_kantor([folder])
    hasil = jalankan_banyak(
        offices, "2025-TW4", TANGGAL, mulai=MULAI, scheduler="lokal:2", tugas="ukur",
        laporan=lines.append,
    )  # fmt: skip
    serial = jalankan_banyak(offices, "2025-TW4", TANGGAL, mulai=MULAI, pekerja=1, tugas="ukur", laporan=None)  # fmt: skip
    assert [h.ok for h in hasil] == _ok(folder)
    assert [h.nilai for h in hasil] == [h.nilai for h in serial]
    pids = {h.pekerja.split(":")[1] for h in hasil}
    assert str(os.getpid()) not in pids and 1 <= len(pids) <= 2
    assert len(lines) == 4


@pytest.mark.slow
def test_local_cluster_listens_on_loopback_only() -> None:
    import distributed

    from kinerja.inti.paralel import _client

    client, cluster = _client(distributed, "lokal:1")
    try:
        addresses = [cluster.scheduler_address, *client.scheduler_info()["workers"]]
        assert all(a.startswith("tcp://127.0.0.1:") for a in addresses), addresses
        # dashboard_address=None: no dashboard, but the scheduler's small HTTP server (health,
        # metrics) still listens; it must listen on the loopback address too
        http = cluster.scheduler.http_server
        bound = [sock.getsockname()[0] for sock in http._sockets.values()]
        assert bound and set(bound) == {"127.0.0.1"}
    finally:
        client.close()
        cluster.close()


def _tiny_pipeline(root: Path) -> Path:
    """A notebooks folder (``KINERJA_NOTEBOOKS``) of tiny stage notebooks.

    Each takes the four parameters; the last leaves a PDF naming its office: enough for a
    whole ``jalankan`` (papermill kernels, HTML, manifest, publication, run log) in each
    worker without the real notebooks, which test_pipeline and the demo run for real.
    """
    root.mkdir(parents=True)
    params = (
        'periode: str = ""  # periode\nkantor: str = ""  # folder kantor\n'
        'tanggal_cetak: str = ""  # tanggal cetak\nkeluaran: str = ""  # folder hasil'
    )
    pdf = (
        "from pathlib import Path\n"
        'Path(f"pengukuran-kinerja-{periode}.pdf").write_bytes(f"%PDF-1.7 {kantor}".encode())'
    )
    for i, tahap in enumerate(TAHAP):
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell(params)
        cell.metadata["tags"] = ["parameters"]
        last = i == len(TAHAP) - 1
        nb.cells = [cell, nbformat.v4.new_code_cell(pdf if last else "pass")]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}  # fmt: skip
        nbformat.write(nb, root / tahap.notebook)
    return root


@pytest.mark.slow
def test_jalankan_with_kantor_repeated_runs_the_whole_pipeline_for_each(
    folder: Path, tmp_path: Path
) -> None:
    offices = [p for p, ok in zip(temukan_kantor([folder]), _ok(folder), strict=True) if ok][:2]
    args = ["jalankan", "--periode", "2025-TW4", "--tanggal-cetak", "2026-01-15",
            "--keluaran", str(tmp_path / "out"), "--pekerja", "2"]  # fmt: skip
    for office in offices:
        args += ["--kantor", str(office)]
    # a process of its own: the pool's workers (forkserver) see the environment from its start
    env = {**os.environ, "KINERJA_NOTEBOOKS": str(_tiny_pipeline(tmp_path / "notebooks"))}
    done = subprocess.run(
        [str(Path(sys.executable).with_name("kinerja")), *args],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out, err = done.stdout, done.stderr
    lines = out.splitlines()
    assert len(lines) == 2 and "2 berhasil, 0 gagal." in err
    for office, line in zip(offices, lines, strict=True):
        published = tmp_path / "out" / office.name / "2025-TW4"
        assert (published / "jalankan.json").is_file()
        pdf = Path(line.removeprefix(f"OK     {office.name}: "))
        assert pdf.parent == published and pdf.suffix == ".pdf" and pdf.is_file()
        assert pdf.read_bytes().endswith(str(office.resolve()).encode())  # its own run
        assert (published / "04-ukur-kinerja-2025-TW4.html").is_file()
        (log,) = (office / "arsip" / "log").glob("jalankan-2025-TW4-*.log")
        text = log.read_text("utf-8")
        assert "04-ukur-kinerja" in text and text.rstrip().endswith("BERHASIL")
