"""The review notebook in a real JupyterLab, driven by headless Chromium (Playwright).

JupyterLab runs on a copy of the notebook and of the demo office (with one unit
mistake: IK-07 TW III = 937,5 %). The test runs all cells, picks that finding in the
widget, chooses Koreksi, types the value and a reason, saves, and reads the ledger row
back from SQLite. The screenshot is left in tests/artefacts/ for a person to look at.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import nbformat
import openpyxl
import pytest
from lab_server import CHROMIUM, CHROMIUM_ARGS, lab_label, menu_title, running_lab

from kinerja.validasi import koreksi, ledger

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "03-tinjau-temuan.ipynb"


def _click(page, selector: str, dialog) -> None:
    """Click ``selector``; a JupyterLab dialog that pops up in between is accepted first."""
    from playwright.sync_api import (  # noqa: PLC0415  (Playwright: only where a browser runs)
        TimeoutError as PlaywrightTimeout,
    )

    for _attempt in range(20):
        if dialog.count():
            dialog.first.click()
            page.wait_for_timeout(300)
            continue
        try:
            page.click(selector, timeout=3_000)
            return
        except PlaywrightTimeout:
            continue
    pytest.fail(f"could not click {selector}: a dialog kept covering the page")


def _run_all_cells(page, save, artefacts: Path) -> None:
    """Run → Run All Cells until the widget's save button shows.

    JupyterLab sometimes asks "Select Kernel" although the session has one (the page
    outran its kernelspec list); accept python3 and run again.
    """
    dialog = page.locator(".jp-Dialog button.jp-mod-accept")
    idle = ".jp-Notebook-ExecutionIndicator[data-status='idle']"
    for _attempt in range(4):
        page.wait_for_timeout(500)
        if dialog.count():
            dialog.first.click()
            page.wait_for_selector(idle, timeout=60_000)
        _click(page, f".lm-MenuBar-itemLabel:text-is('{menu_title('Run')}')", dialog)
        _click(page, f".lm-Menu-itemLabel:text-is('{lab_label('Run All Cells')}')", dialog)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if save.count():
                return
            if dialog.count():
                break  # accepted at the top of the next attempt
            page.wait_for_timeout(250)
        # on a loaded machine a kernel change can drop the queued cells: wait until the
        # kernel is idle, then run all again (the notebook is safe to run twice)
        page.wait_for_selector(idle, timeout=60_000)
    page.screenshot(path=str(artefacts / "tinjau-temuan-gagal.png"))
    pytest.fail("the review widget did not appear (see tests/artefacts/tinjau-temuan-gagal.png)")


@pytest.fixture
def lab(tmp_path: Path, kantor_dir: Path) -> Iterator[tuple[str, str, Path]]:
    """JupyterLab on a copy: <root>/notebooks/03-… and <root>/data/linggo-sari-baganti
    (chosen like `kinerja lab --kantor`)."""
    root = tmp_path / "lab"
    (root / "notebooks").mkdir(parents=True)
    (root / "data").mkdir()
    shutil.copy2(NOTEBOOK, root / "notebooks" / NOTEBOOK.name)
    office = root / "data" / kantor_dir.name
    shutil.move(kantor_dir, office)
    path = office / "realisasi-2025.xlsx"
    wb = openpyxl.load_workbook(path)
    for row in wb["Realisasi"].iter_rows(min_row=2):
        if row[0].value == "IK-07" and int(row[1].value) == 3:
            row[2].value = "937,5"
    wb.save(path)

    # the office chosen as `kinerja lab --kantor` chooses it: the notebook's kantor stays empty
    env = {"KINERJA_KANTOR": str(office), "KINERJA_ROOT": str(root)}
    with running_lab(root, tmp_path, f"notebooks/{NOTEBOOK.name}", env=env) as (base, token):
        yield base, token, root


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.xdist_group("jupyterlab")
def test_review_widget_records_a_correction_in_the_ledger(lab, artefacts: Path) -> None:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415  (only where a browser runs)

    base, token, root = lab
    office = root / "data" / "linggo-sari-baganti"
    (temuan,) = [
        t for t in ledger.load_temuan(office, "2025-TW4") if t.kode == "persen-di-luar-rentang"
    ]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1360, "height": 1500})
            page.goto(f"{base}/lab/tree/notebooks/{NOTEBOOK.name}?token={token}")
            page.wait_for_selector(
                ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000
            )
            save = page.locator(".jp-OutputArea-output button.jupyter-button", has_text="Simpan")
            _run_all_cells(page, save, artefacts)
            widget = page.locator(".jp-OutputArea-output .widget-vbox").first

            # the table shows the finding; pick it, choose Koreksi, type value and reason
            shown = widget.inner_text()  # the finding by its title and severity word, no code
            assert "Persentase di luar 0–100" in shown and "KESALAHAN" in shown
            assert "persen-di-luar-rentang" not in shown and "Error" not in shown
            pilih = widget.locator(".widget-dropdown", has_text="Temuan").locator("select")
            options = pilih.locator("option").all_inner_texts()
            label = next(  # the dropdown shows its labels with no-break spaces
                (o for o in options if "Persentase di luar 0–100" in o.replace("\xa0", " ")),
                options,
            )
            assert isinstance(label, str), label
            pilih.select_option(label=label)
            widget.locator(".widget-dropdown", has_text="Peninjau").locator("select").select_option(
                label="YULIANTI, S.Sos. — Sekretaris Camat"
            )
            widget.locator("button.widget-toggle-button", has_text="Koreksi").click()
            nilai = widget.locator(".widget-text", has_text="Nilai koreksi").locator("input")
            nilai.wait_for(state="visible")
            page.wait_for_function("el => !el.disabled", arg=nilai.element_handle(), timeout=10_000)
            nilai.fill("93,75")
            widget.locator(".widget-textarea").locator("textarea").fill(
                "Salah ketik: 15 dari 16 nagari menyampaikan LPPN (93,75%)."
            )
            save.click()
            widget.locator("text=Tersimpan: keputusan #1").wait_for(timeout=30_000)
            page.wait_for_timeout(300)  # let the table redraw before the picture
            widget.screenshot(path=str(artefacts / "tinjau-temuan.png"))
            assert "Dikoreksi" in widget.inner_text()
            assert "KESALAHAN belum selesai" not in widget.inner_text()
        finally:
            browser.close()

    conn = sqlite3.connect(office / "arsip" / "kinerja.sqlite")
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute("SELECT * FROM ledger_keputusan").fetchall()
    finally:
        conn.close()
    assert len(rows) == 1
    row = dict(rows[0])
    assert row["temuan_id"] == temuan.data["id"]
    assert (row["keputusan"], row["nilai_lama"], row["nilai_baru"]) == ("koreksi", "937,5", "93.75")
    assert (row["oleh_nama"], row["oleh_peran"]) == ("YULIANTI, S.Sos.", "sekcam")
    assert row["alasan"].startswith("Salah ketik")
    assert row["waktu"].endswith("+07:00")
    assert not ledger.ada_error_terbuka(office, "2025-TW4")
    # the submitted value is still what the unit sent
    fixed, _, _ = koreksi.realisasi_terkoreksi(office, "2025-TW4")
    r = fixed[fixed["kode"].eq("IK-07") & fixed["tw"].eq(3)].iloc[0]
    assert (r["realisasi"], r["realisasi_asli"]) == (93.75, "937,5")


@pytest.mark.slow
@pytest.mark.xdist_group("papermill")
def test_review_notebook_runs_headless_without_waiting(tmp_path: Path, kantor_dir: Path) -> None:
    import papermill  # noqa: PLC0415  (papermill: loaded only by the test that runs a notebook)

    out = tmp_path / "03-tinjau-temuan.ipynb"
    started = time.monotonic()
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters={"kantor": str(kantor_dir), "periode": "2025-TW4"},
        kernel_name="python3",
        cwd=str(tmp_path),
        progress_bar=False,
        shutdown_kernel="immediate",
    )
    assert time.monotonic() - started < 60
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    last = outputs[-1]["data"]
    assert "application/vnd.jupyter.widget-view+json" in last
    assert "2 temuan, 0 diputus, 0 KESALAHAN belum selesai" in last["text/plain"]  # + IK-02
    assert "Lonjakan dari tahun lalu" in last["text/html"]  # by its title, not its code
    assert "lonjakan-tahun-lalu" not in last["text/html"]


#: Appended to a copy of the notebook: decide the finding through the widget's own API.
PUTUSKAN = """\
tinjau = _
tinjau.pilih_temuan(tinjau.baris[0].id)
tinjau.keputusan.value = "terima"
tinjau.alasan.value = "Lonjakan dijelaskan dalam rapat pembahasan."
keputusan = tinjau.simpan()
print("KEPUTUSAN", keputusan.id, keputusan.kode)"""


def _ledger_rows(office: Path) -> list[dict]:
    db_file = office / "arsip" / "kinerja.sqlite"
    if not db_file.is_file():
        return []
    conn = sqlite3.connect(db_file)
    conn.row_factory = sqlite3.Row
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "ledger_keputusan" not in names:
            return []
        return [dict(r) for r in conn.execute("SELECT * FROM ledger_keputusan")]
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.xdist_group("papermill")
@pytest.mark.parametrize("pilih", ["parameter", "kinerja-lab"])
def test_review_notebook_decides_in_the_office_it_was_given(
    tmp_path: Path, kantor_dir: Path, monkeypatch: pytest.MonkeyPatch, pilih: str
) -> None:
    """kantor = a copy office (or empty with `kinerja lab --kantor`'s $KINERJA_KANTOR): the
    decision lands in THAT office's ledger, nowhere else."""
    import papermill  # noqa: PLC0415  (papermill: loaded only by the test that runs a notebook)

    lain = tmp_path / "kantor-lain"
    shutil.copytree(kantor_dir, lain)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PUTUSKAN))
    source = tmp_path / "03-dengan-keputusan.ipynb"
    nbformat.write(nb, source)
    work = tmp_path / "kerja"
    work.mkdir()
    monkeypatch.setenv("KINERJA_ROOT", str(work))
    monkeypatch.setenv("KINERJA_KANTOR", str(kantor_dir))  # the office open in the lab
    parameters = {"periode": "2025-TW4", "tanggal_cetak": "2026-01-14"}
    if pilih == "parameter":
        parameters["kantor"] = str(lain)
    else:
        monkeypatch.setenv("KINERJA_KANTOR", str(lain))
    out = tmp_path / "03-hasil.ipynb"
    papermill.execute_notebook(
        str(source),
        str(out),
        parameters=parameters,
        kernel_name="python3",
        cwd=str(work),
        progress_bar=False,
        shutdown_kernel="immediate",
    )
    text = "".join(
        o.get("text", "")
        for c in nbformat.read(out, as_version=4).cells
        for o in c.get("outputs", [])
    )
    assert "KEPUTUSAN 1 lonjakan-tahun-lalu" in text
    rows = _ledger_rows(lain)
    assert [(r["keputusan"], r["alasan"]) for r in rows] == [
        ("terima", "Lonjakan dijelaskan dalam rapat pembahasan.")
    ]
    assert _ledger_rows(kantor_dir) == []  # the other office (and the lab's default) untouched
    assert not (work / "reports" / "demo").exists()  # no demo copy was made or written
