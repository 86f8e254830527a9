"""The committed notebooks: thin, parameterized, saved clean, and each runs under papermill."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from kinerja.jalankan.pipeline import TAHAP
from kinerja.jalankan.runner import run_notebook

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
    if path.name.startswith("05-"):  # the document stage writes its files into keluaran
        assert list((tmp_path / "keluaran").glob("pengukuran-kinerja-2025-TW4*.pdf"))
