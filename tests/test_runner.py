"""The papermill runner: parameters, a real execution, failures, HTML without inputs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from kinerja.inti.errors import UsageError
from kinerja.jalankan import runner as runner_module
from kinerja.jalankan.runner import (
    KernelSiap,
    NotebookError,
    notebook_parameters,
    run_notebook,
    to_html,
)

ROOT = Path(__file__).resolve().parent.parent
NB04 = ROOT / "notebooks" / "04-ukur-kinerja.ipynb"
PARAMS = ("periode", "kantor", "tanggal_cetak", "keluaran")


def test_notebook_parameters_are_typed_and_documented() -> None:
    params = notebook_parameters(NB04)
    assert tuple(params) == PARAMS
    for info in params.values():
        assert info["type"] == "str"
        assert len(info["help"]) > 10
    assert params["periode"]["default"] == '"2025-TW4"'


def test_papermill_help_notebook_lists_each_parameter_with_help() -> None:
    papermill = Path(sys.executable).with_name("papermill")
    done = subprocess.run(
        [str(papermill), "--help-notebook", str(NB04)],
        capture_output=True,
        text=True,
        check=True,
    )
    params = notebook_parameters(NB04)
    for name, info in params.items():
        assert f"{name}: str" in done.stdout
        assert info["help"][:30] in done.stdout.replace("\n", " ")


def test_unknown_parameter_is_refused_before_any_kernel(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="Parameter tidak dikenal.*perode"):
        run_notebook(NB04, tmp_path / "out.ipynb", {"perode": "2025-TW4"})
    assert not (tmp_path / "out.ipynb").exists()


@pytest.mark.slow
@pytest.mark.xdist_group("papermill")
def test_run_notebook_executes_and_converts(tmp_path: Path, kantor_dir: Path) -> None:
    out = tmp_path / "04-ukur-kinerja-2025-TW4.ipynb"
    seconds = run_notebook(
        NB04,
        out,
        {
            "periode": "2025-TW4",
            "kantor": str(kantor_dir),
            "tanggal_cetak": "2026-01-15",
            "keluaran": str(tmp_path / "keluaran"),
        },
        cwd=tmp_path,
    )
    assert seconds > 0
    nb = nbformat.read(out, as_version=4)
    assert nb.metadata.kernelspec.name == "python3"
    assert nb.metadata.papermill.parameters["periode"] == "2025-TW4"  # passed raw, a string
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not any(o.output_type == "error" for o in c.outputs) for c in code)
    svgs = [o for c in code for o in c.outputs if "image/svg+xml" in o.get("data", {})]
    assert len(svgs) == 3  # the three charts display themselves
    html = to_html(out, out.with_suffix(".html")).read_text("utf-8")
    assert "Capaian kantor" in html
    assert "95,18%" in html
    assert "periksa_parameter(" not in html  # no input cells
    assert "ukur_kantor(" not in html


@pytest.mark.slow
@pytest.mark.xdist_group("papermill")
def test_bad_parameter_fails_in_the_check_cell(tmp_path: Path, kantor_dir: Path) -> None:
    out = tmp_path / "gagal.ipynb"
    with pytest.raises(NotebookError) as raised:
        run_notebook(
            NB04, out, {"periode": "2025-TW9", "kantor": str(kantor_dir), "tanggal_cetak": ""}
        )
    exc = raised.value
    assert exc.ename == "UsageError"
    assert "2025-TW9" in exc.evalue
    assert "periksa_parameter" in str(exc)  # the failing line is named
    assert '"04-ukur-kinerja.ipynb"' in str(exc)
    nb = nbformat.read(out, as_version=4)  # kept, with the error in it
    errors = [
        o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
    assert errors and errors[0].ename == "UsageError"


def test_widget_metadata_is_stripped_before_conversion(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("tombol")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "application/vnd.jupyter.widget-view+json": {
                    "model_id": "abc",
                    "version_major": 2,
                    "version_minor": 0,
                },
                "text/plain": "Button(description='Terima')",
            },
        )
    ]
    nb.cells = [cell]
    # Malformed widget state (no "state" key) makes nbconvert raise KeyError (nbconvert#1731).
    nb.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {"version_major": 2, "version_minor": 0}
    }
    path = tmp_path / "w.ipynb"
    nbformat.write(nb, path)
    html = to_html(path, tmp_path / "w.html").read_text("utf-8")
    assert "<html" in html
    assert "tombol" not in html.split("<body", 1)[1]  # input excluded


@pytest.mark.slow
@pytest.mark.xdist_group("papermill")
def test_kernel_started_ahead_runs_the_notebook_and_is_shut_down(
    tmp_path: Path, kantor_dir: Path
) -> None:
    ahead = KernelSiap(tmp_path)
    out = tmp_path / "04.ipynb"
    params = {"periode": "2025-TW4", "kantor": str(kantor_dir), "tanggal_cetak": "2026-01-15"}
    run_notebook(NB04, out, params, cwd=tmp_path, kernel=ahead)
    assert ahead.ambil() is ahead.km  # it started, and this run used it
    assert not ahead.km.has_kernel  # shut down after the run
    nb = nbformat.read(out, as_version=4)
    assert all(not c.get("outputs") or c.outputs[0].output_type != "error" for c in nb.cells)

    unused = KernelSiap(tmp_path)
    assert unused.ambil() is not None
    assert unused.km.has_kernel
    unused.tutup()
    assert not unused.km.has_kernel


@pytest.mark.slow
@pytest.mark.xdist_group("papermill")
def test_a_kernel_whose_first_import_failed_does_not_outlive_its_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kernel started, then its client gave up (a port taken by another process, a
    timeout): the run falls back to a fresh kernel, and this one is killed, not left
    holding the terminal's pipes (a CI run hung 300 s on such a kernel)."""

    async def gave_up(km, modules, timeout=120):
        raise TimeoutError("kernel tidak menjawab")

    monkeypatch.setattr(runner_module, "_import_in", gave_up)
    ahead = KernelSiap(tmp_path, ("pandas",))
    assert ahead.ambil() is None  # the run will start its own kernel
    process = ahead.km.provisioner.process
    assert process.poll() is None  # the kernel itself is alive
    ahead.tutup()
    assert process.wait(timeout=30) is not None and not ahead.km.has_kernel


def _one_cell(path: Path, code: str) -> Path:
    """A python3 notebook of one code cell, written to ``path``."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
    nb.cells = [nbformat.v4.new_code_cell(code)]
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
@pytest.mark.xdist_group("papermill")
def test_the_kernel_runs_in_cwd_and_this_process_never_changes_folder(tmp_path: Path) -> None:
    """Stages run side by side in threads: a process-wide chdir would race between them."""
    import threading

    source = _one_cell(tmp_path / "cwd.ipynb", "import os, time\nprint(os.getcwd())\ntime.sleep(1)")
    work = tmp_path / "kerja"
    work.mkdir()
    before = Path.cwd()
    seen: set[Path] = set()
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            seen.add(Path.cwd())
            stop.wait(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        run_notebook(source, tmp_path / "out.ipynb", {}, cwd=work)
    finally:
        stop.set()
        watcher.join()
    assert seen == {before} and Path.cwd() == before
    out = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert out.cells[0].outputs[0]["text"].strip() == str(work)


@pytest.mark.slow
@pytest.mark.xdist_group("papermill")
def test_a_kernel_started_ahead_has_its_stage_modules_imported_silently(tmp_path: Path) -> None:
    source = _one_cell(
        tmp_path / "impor.ipynb", "import sys\nprint('kinerja.inti.angka' in sys.modules)"
    )
    for impor, expected in (
        (("kinerja.inti.angka", "modul_yang_tidak_ada"), "True"),
        ((), "False"),
    ):
        ahead = KernelSiap(tmp_path, impor)
        run_notebook(source, tmp_path / "out.ipynb", {}, kernel=ahead)
        cell = nbformat.read(tmp_path / "out.ipynb", as_version=4).cells[0]
        assert cell.outputs[0]["text"].strip() == expected  # a missing module is left alone
        assert cell.execution_count == 1  # the warm-up was silent: no count, no output
