"""Notebook 04 as a person runs it: real JupyterLab, headless Chromium, all cells run.

The kantor parameter is left empty, so the notebook takes ``$KINERJA_KANTOR``
(what ``kinerja lab`` sets). The test waits for the styled tables and the three
charts, checks the Indonesian formats on the page, and leaves a screenshot in
tests/artefacts/ for a person to look at.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from lab_server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    lab_label,
    lab_locale,
    menu_bar,
    menu_title,
    running_lab,
)

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "04-ukur-kinerja.ipynb"


@pytest.fixture
def lab(tmp_path: Path, kantor_dir: Path) -> Iterator[tuple[str, str]]:
    root = tmp_path / "notebooks"
    root.mkdir()
    shutil.copy2(NOTEBOOK, root / NOTEBOOK.name)  # autosave writes to the copy
    env = {"KINERJA_KANTOR": str(kantor_dir)}
    with running_lab(root, tmp_path, NOTEBOOK.name, env) as (base, token):
        yield base, token


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.xdist_group("jupyterlab")
def test_measurement_notebook_displays_in_jupyterlab(lab, artefacts: Path) -> None:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415  (browser tests only)

    base, token = lab
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1360, "height": 1200})
            page.goto(f"{base}/lab/tree/{NOTEBOOK.name}?token={token}")
            page.wait_for_selector(
                ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000
            )
            charts = page.locator(".jp-RenderedSVG")  # SVG output, shown as an image
            dialog = page.locator(".jp-Dialog button.jp-mod-accept")
            for _attempt in range(3):
                page.wait_for_timeout(500)
                if dialog.count():
                    dialog.first.click()
                page.click(f".lm-MenuBar-itemLabel:text-is('{menu_title('Run')}')")
                page.wait_for_selector(".lm-Menu-itemLabel")
                page.screenshot(path=str(artefacts / "jupyterlab-menu.png"))
                page.click(f".lm-Menu-itemLabel:text-is('{lab_label('Run All Cells')}')")
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline and charts.count() < 3:
                    page.wait_for_timeout(300)
                if charts.count() >= 3:
                    break
            page.wait_for_selector(
                ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000
            )
            page.wait_for_timeout(500)
            text = page.locator(".jp-Notebook").inner_text()
            shot = artefacts / "ukur-kinerja-jupyterlab.png"
            page.screenshot(path=str(shot))
            assert not page.locator(".jp-OutputArea-output[data-mime-type*='error']").count()
            assert "Capaian kantor" in text
            assert re.search(r"\d{2,3},\d{2}%", text)  # Indonesian percent: 95,18%
            assert "Rp" in text and re.search(r"Rp\d{1,3}(\.\d{3})+,\d{2}", text)
            assert "Sangat Tinggi" in text
            assert page.locator(".jp-OutputArea-output table").count() >= 3  # styled tables
            assert charts.count() == 3  # the three charts
            # JupyterLab itself speaks Indonesian (language pack, locale id_ID by default): the
            # menu bar (its titles from the project's settings, the pack has none), and the
            # cells ran from the menu item "Menjalakan Semua Sel" (sic, the pack's own words)
            bar = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
            assert bar == menu_bar()
            if lab_locale() == "id_ID":
                assert bar[:4] == ["Berkas", "Sunting", "Tampilan", "Jalankan"]
                assert lab_label("Run All Cells") == "Menjalakan Semua Sel"
        finally:
            browser.close()
