"""The committed notebooks: thin, parameterized, saved clean, and each runs under papermill."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from kinerja.formulir.pesan import KODE
from kinerja.inti.errors import UsageError
from kinerja.jalankan.langkah import KELUARAN_KERJA, ringkasan_dokumen
from kinerja.jalankan.pipeline import TAHAP
from kinerja.jalankan.runner import TAG_PETUNJUK_LAB, NotebookError, run_notebook, to_html

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MINE = [ROOT / "notebooks" / t.notebook for t in TAHAP]
PARAM_LINE = re.compile(r'^(\w+): (str|int|float|bool) = ("[^"]*"|\S+)  # \S.{8,}$')


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def test_notebooks_exist_and_are_named_nn_verb_object() -> None:
    assert NOTEBOOKS
    for path in NOTEBOOKS:
        assert re.fullmatch(r"\d\d-[a-z]+(-[a-z]+)+\.ipynb", path.name), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_saved_clean_with_python3_kernel(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    spec = nb.metadata.kernelspec
    assert (spec.name, spec.display_name, spec.language) == (
        "python3",
        "Python 3 (ipykernel)",
        "python",
    )
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: outputs committed"
            assert cell.execution_count is None, f"{path.name}: execution_count committed"
    assert "widgets" not in nb.metadata


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_thin_parameters_first_then_check(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source.startswith("# ")
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    lines = [x for x in code[0].source.splitlines() if x.strip()]
    names = []
    for line in lines:
        match = PARAM_LINE.match(line)
        assert match, f"{path.name}: parameter without type or help: {line!r}"
        names.append(match.group(1))
    assert {"periode", "kantor"} <= set(names)
    if path in MINE:  # the pipeline's notebooks check their parameters right after
        assert names == ["periode", "kantor", "tanggal_cetak", "keluaran"]
        assert "periksa_parameter(" in code[1].source
    for cell in code:
        tree = ast.parse(cell.source)
        defs = [
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda)
        ]
        assert not defs, f"{path.name}: definitions belong in the kinerja package"


def test_generated_notebooks_match_the_script() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_notebooks.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
@pytest.mark.xdist_group("papermill")
@pytest.mark.parametrize(
    "path", [p for p in MINE if p.exists()], ids=_ids([p for p in MINE if p.exists()])
)
def test_notebook_runs_under_papermill(path: Path, tmp_path: Path, kantor_dir: Path) -> None:
    out = tmp_path / path.name
    run_notebook(
        path,
        out,
        {
            "periode": "2025-TW4",
            "kantor": str(kantor_dir),
            "tanggal_cetak": "2026-01-15",
            "keluaran": str(tmp_path / "keluaran"),
        },
        cwd=tmp_path,
    )
    nb = nbformat.read(out, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code)
    outputs = [o for c in code for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    shown = [o.get("data", {}) for o in outputs]
    assert any("text/html" in d or "text/markdown" in d for d in shown)  # tables, summaries
    if path.name.startswith("01-"):  # the forms' findings by their Indonesian title, no code
        [html] = [d["text/html"] for d in shown if "Temuan pada formulir" in d.get("text/html", "")]
        assert "Realisasi bukan angka" in html and "Persentase di atas 100" in html
        codes = "|".join(re.escape(k) for k in sorted(KODE, key=len, reverse=True))
        assert not re.findall(rf"(?<![\w-])({codes})(?![\w-])", html)
    if path.name.startswith("05-"):  # the document stage writes its files into keluaran
        assert list((tmp_path / "keluaran").glob("pengukuran-kinerja-2025-TW4*.pdf"))
        # and links them relative to the notebook's folder, so JupyterLab opens them
        md = "".join(d.get("text/markdown", "") for d in shown)
        assert re.search(r"\[pengukuran-kinerja-2025-TW4[^\]]*\.pdf\]\(keluaran/", md), md


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_lab_instructions_are_a_cell_of_their_own_tagged_for_removal(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if TAG_PETUNJUK_LAB in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and "jalankan semua sel" in tagged[0].source
    assert "jalankan semua sel" not in nb.cells[0].source


@pytest.mark.slow
@pytest.mark.xdist_group("papermill")
def test_published_html_drops_lab_instructions_and_names_the_published_folder(
    tmp_path: Path, kantor_dir: Path
) -> None:
    out = tmp_path / "02.ipynb"
    params = {"periode": "2025-TW4", "kantor": str(kantor_dir), "keluaran": "."}
    run_notebook(ROOT / "notebooks" / "02-periksa-validasi.ipynb", out, params, cwd=tmp_path)
    executed = out.read_text(encoding="utf-8")
    assert "jalankan semua sel" in executed and KELUARAN_KERJA in executed
    html = to_html(out, tmp_path / "02.html", terbit=Path("/srv/kinerja/2025-TW4"))
    page = html.read_text(encoding="utf-8")
    assert "Periksa validasi" in page  # the title cell stays
    assert "jalankan semua sel" not in page and "ubah nilainya" not in page
    assert "/srv/kinerja/2025-TW4" in page and "folder kerja" not in page


@pytest.mark.slow
@pytest.mark.xdist_group("papermill")
def test_notebook_06_defaults_show_the_indonesian_message_without_traceback(
    tmp_path: Path,
) -> None:
    out = tmp_path / "06.ipynb"
    with pytest.raises(NotebookError) as exc:
        run_notebook(ROOT / "notebooks" / "06-rekap-kabupaten.ipynb", out, {}, cwd=tmp_path)
    assert exc.value.ename == UsageError.__name__
    nb = nbformat.read(out, as_version=4)
    [error] = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    shown = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(error.traceback))
    assert shown.startswith("Isi parameter paket")
    assert "Traceback" not in shown and "File " not in shown and "---" not in shown
    assert len(error.traceback) == 1


def test_document_summary_links_files_under_the_notebooks_folder(tmp_path: Path) -> None:
    from types import SimpleNamespace

    folder = tmp_path / "lab" / "kantor saya" / "2025-TW4"
    folder.mkdir(parents=True)
    hasil = SimpleNamespace(
        pdf=folder / "pengukuran-kinerja-2025-TW4.pdf",
        html=folder / "pengukuran-kinerja-2025-TW4.html",
        xlsx=folder / "pengukuran-kinerja-2025-TW4.xlsx",
        halaman=12,
        dapat_diarsipkan=False,
        pdf_sha256="a" * 64,
        source_sha256="b" * 64,
    )
    md = ringkasan_dokumen(hasil, tmp_path / "lab")
    assert (
        "[pengukuran-kinerja-2025-TW4.pdf](kantor%20saya/2025-TW4/pengukuran-kinerja-2025-TW4.pdf)"
        in md
    )
    assert "KESALAHAN" in md and "error" not in md
    elsewhere = ringkasan_dokumen(hasil, tmp_path / "lain")
    assert "](" not in elsewhere and str(hasil.pdf) in elsewhere
