#!/usr/bin/env bash
# Set-up for kinerja, called by the Makefile (run it by hand the same way):
#
#   scripts/setup.sh system demo   system packages for the demo (WeasyPrint, fonts, PDF tools)
#   scripts/setup.sh system test   the same plus Chromium and LibreOffice Calc for the tests
#   scripts/setup.sh python        .venv/ from requirements.lock, kinerja editable, Lab settings
#   scripts/setup.sh lock          recompile requirements.lock, regenerate environment.yml
#   scripts/setup.sh lab-settings  JupyterLab defaults only (KINERJA_LAB_BAHASA=en: English)
#
# Environment: PYTHON (interpreter for a new venv, default python3), VENV (default .venv),
# KINERJA_SKIP_SYSTEM=1 (carry on without the system packages when not root), KINERJA_LAB_BAHASA
# (JupyterLab's language: id, the default, or en).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
STAMP="$VENV/.installed"
export UV_PYTHON_DOWNLOADS=never # only registries are reachable: never fetch a Python
export DEBIAN_FRONTEND=noninteractive

DEMO_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
    fonts-liberation fonts-noto-core poppler-utils qpdf)
TEST_PACKAGES=(chromium libreoffice-calc-nogui)

say() { printf '==> %s\n' "$*" >&2; }
die() {
    printf 'GAGAL (failed): %s\n' "$*" >&2
    exit 1
}

# --- system packages (Debian/Ubuntu) --------------------------------------------------------

is_installed() { dpkg-query -W -f='${db:Status-Status}\n' "$1" 2>/dev/null | grep -qx installed; }

python_can_make_venv() { "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; }

system() {
    local packages=("${DEMO_PACKAGES[@]}")
    case "${1:-demo}" in
    demo) ;;
    test) packages+=("${TEST_PACKAGES[@]}") ;;
    *) die "scripts/setup.sh system demo|test" ;;
    esac
    # Debian's python3 cannot make a venv without python3-venv; uv on PATH does not need it.
    if [[ ! -x "$VENV/bin/python" ]] && ! command -v uv >/dev/null && ! python_can_make_venv; then
        packages+=(python3-venv)
    fi

    if ! command -v dpkg-query >/dev/null; then
        say "Bukan Debian/Ubuntu: pastikan setara paket berikut terpasang (not Debian/Ubuntu:"
        say "make sure the equivalents of these are installed): ${packages[*]}"
        say "Atau pakai conda dengan environment.yml (or use conda with environment.yml)."
        return 0
    fi

    local missing=() p
    for p in "${packages[@]}"; do is_installed "$p" || missing+=("$p"); done
    if ((${#missing[@]} == 0)); then
        say "Paket sistem sudah lengkap (system packages present): ${#packages[@]} paket"
        return 0
    fi

    if [[ $(id -u) -ne 0 ]]; then
        cat >&2 <<EOF

Paket sistem berikut belum terpasang (these system packages are missing):
    ${missing[*]}
Minta admin memasangnya, atau jalankan sendiri (ask an admin, or run yourself):
    sudo apt-get update
    sudo apt-get install -y --no-install-recommends ${missing[*]}
lalu ulangi perintah make ini (then run this make command again).
Untuk lanjut tanpa paket itu (to carry on without them): KINERJA_SKIP_SYSTEM=1 make ...

EOF
        [[ ${KINERJA_SKIP_SYSTEM:-0} == 1 ]] || exit 1
        say "KINERJA_SKIP_SYSTEM=1: lanjut tanpa paket sistem (carrying on without them)"
        return 0
    fi

    say "Memasang paket sistem (installing system packages): ${missing[*]}"
    apt-get update -q </dev/null || die "apt-get update"
    apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}" </dev/null ||
        die "apt-get install ${missing[*]}"
}

# --- Python environment ---------------------------------------------------------------------

check_python() {
    command -v "$PYTHON" >/dev/null || die "$PYTHON tidak ditemukan (not found): pasang Python 3.11-3.13"
    "$PYTHON" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] < (3, 14))' ||
        die "kinerja butuh Python 3.11-3.13 (needs Python 3.11-3.13); $PYTHON adalah $("$PYTHON" -V 2>&1). Pilih yang lain: make ... PYTHON=python3.12"
}

make_venv() {
    if [[ -x "$VENV/bin/python" ]] && "$VENV/bin/python" -c '' 2>/dev/null; then
        return 0
    fi
    check_python
    if [[ -e "$VENV" ]]; then
        say "$VENV rusak, dibuat ulang (broken venv, recreating)"
        rm -rf "$VENV"
    fi
    say "Membuat lingkungan Python (creating the venv) $VENV dengan $("$PYTHON" -V 2>&1)"
    if command -v uv >/dev/null; then
        uv venv --quiet --python "$PYTHON" "$VENV"
    else
        "$PYTHON" -m venv "$VENV" ||
            die "python3 -m venv gagal: pasang paket python3-venv (install the python3-venv package)"
    fi
}

uv_is_usable() { [[ -x "$1" ]] && "$1" pip install --help 2>/dev/null | grep -q -- --excludes; }

# Sets UV: uv on PATH, else the one inside the venv, else install it there with pip.
find_uv() {
    UV=$(command -v uv || true)
    uv_is_usable "$UV" && return 0
    [[ -z $UV ]] || say "uv di PATH terlalu tua (uv on PATH is too old: no --excludes): $UV"
    UV="$VENV/bin/uv"
    uv_is_usable "$UV" && return 0
    make_venv
    say "Memasang uv ke $VENV dengan pip (bootstrapping uv into the venv with pip)"
    if ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
        "$VENV/bin/python" -m ensurepip --upgrade >/dev/null
    fi
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade uv
}

write_lab_settings() {
    # Turn off JupyterLab's news and update toasts (no internet; they distract in the office),
    # start a notebook's own kernel (python3) on opening instead of asking "Select Kernel", and
    # speak Indonesian (jupyterlab-language-pack-id-ID): KINERJA_LAB_BAHASA=en for English.
    # These are defaults (overrides.json): a language picked in Lab's Settings → Language wins.
    # The pack (every version up to 4.5.post3) has no translation for the menu bar's titles
    # (msgctxt "menu": File, Edit, …), so the Indonesian titles are set here as the menus'
    # labels; they stay when English is picked in Lab, KINERJA_LAB_BAHASA=en removes them.
    local bahasa="${KINERJA_LAB_BAHASA:-id}" locale
    case "$bahasa" in
    id | id_ID) locale=id_ID ;;
    en | en_US) locale=en ;;
    *) die "KINERJA_LAB_BAHASA=$bahasa tidak dikenal: pakai id (bawaan) atau en" ;;
    esac
    "$VENV/bin/python" - "$VENV/share/jupyter/lab/settings/overrides.json" "$locale" <<'EOF'
import json, sys
from pathlib import Path

path, locale = Path(sys.argv[1]), sys.argv[2]
settings = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
settings.setdefault("@jupyterlab/apputils-extension:notification", {}).update(
    {"fetchNews": "false", "checkForUpdates": False}
)
settings.setdefault("@jupyterlab/notebook-extension:tracker", {})["autoStartDefaultKernel"] = True
settings.setdefault("@jupyterlab/translation-extension:plugin", {})["locale"] = locale
MENU = {"file": "Berkas", "edit": "Sunting", "view": "Tampilan", "run": "Jalankan",
        "kernel": "Kernel", "tabs": "Tab", "settings": "Pengaturan", "help": "Bantuan"}
menu = settings.setdefault("@jupyterlab/mainmenu-extension:plugin", {})
ours = {f"jp-mainmenu-{key}" for key in MENU}
menus = [m for m in menu.get("menus", []) if m.get("id") not in ours]
if locale == "id_ID":
    menus += [{"id": f"jp-mainmenu-{key}", "label": label} for key, label in MENU.items()]
if menus:
    menu["menus"] = menus
else:
    menu.pop("menus", None)
if not menu:
    del settings["@jupyterlab/mainmenu-extension:plugin"]
path.parent.mkdir(parents=True, exist_ok=True)
path.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
EOF
}

python_env() {
    local start=$SECONDS
    make_venv
    find_uv
    local py="$VENV/bin/python"
    say "Memasang paket Python dari requirements.lock (installing the locked Python packages)"
    # --excludes again at install time: jsonschema[format-nongpl] would pull rfc3987-syntax back.
    "$UV" pip install --quiet --python "$py" --compile-bytecode \
        --excludes uv-excludes.txt -r requirements.lock
    "$UV" pip install --quiet --python "$py" --compile-bytecode --no-deps -e .
    # A venv made before the excludes may still hold them: take them out.
    local excluded
    excluded=$(grep -Ev '^\s*(#|$)' uv-excludes.txt || true)
    if [[ -n $excluded ]]; then
        # shellcheck disable=SC2086  # one name per word
        "$UV" pip uninstall --quiet --python "$py" $excluded 2>/dev/null || true
    fi
    write_lab_settings
    date -u +%FT%TZ >"$STAMP"
    say "Lingkungan Python siap (venv ready) dalam $((SECONDS - start)) s: $VENV"
}

lock() {
    find_uv
    say "Menyusun ulang requirements.lock (recompiling the lock) ${LOCK_ARGS:-}"
    # Resolve for Python 3.11.0, the oldest that requires-python allows: resolving for the
    # machine's own 3.11.x picked soupsieve 4.x, which refuses Debian 12's Python 3.11.2.
    # shellcheck disable=SC2086  # LOCK_ARGS holds extra flags, e.g. --upgrade
    "$UV" pip compile pyproject.toml --extra dev --extra dask --excludes uv-excludes.txt \
        --python-version 3.11 -o requirements.lock ${LOCK_ARGS:-} >/dev/null
    local py="$PYTHON"
    [[ -x "$VENV/bin/python" ]] && py="$VENV/bin/python"
    "$py" scripts/make_environment_yml.py
}

case "${1:-}" in
system) system "${2:-demo}" ;;
python) python_env ;;
lock) lock ;;
lab-settings) write_lab_settings ;;
*) die "pakai (usage): scripts/setup.sh system demo|test | python | lock | lab-settings" ;;
esac
