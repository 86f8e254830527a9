"""The BSrE (BSSN) signing-service adapter: configuration only, credentials from the environment.

kantor.toml::

    [tte]
    url = "https://esign.example.go.id"   # the office's BSrE Esign Client Service
    tampilan = "INVISIBLE"                 # or VISIBLE (the service then wants a specimen)

Environment (never in the repository): ``KINERJA_BSRE_NIK``,
``KINERJA_BSRE_PASSPHRASE``, and for the client's basic authentication
``KINERJA_BSRE_CLIENT_ID`` / ``KINERJA_BSRE_CLIENT_SECRET``.

The request follows the Esign Client Service API v2 (``POST /api/v2/sign/pdf``,
JSON with the PDF in base64); it cannot be exercised on a machine without the
service, so the tests check only that a missing configuration is refused clearly.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.request
from pathlib import Path

from kinerja.inti.errors import InputError
from kinerja.ttd.dasar import Permintaan, Tanda

__all__ = ["ENV_BSRE", "konfigurasi_bsre", "sign_bsre"]

ENV_BSRE = (
    "KINERJA_BSRE_NIK",
    "KINERJA_BSRE_PASSPHRASE",
    "KINERJA_BSRE_CLIENT_ID",
    "KINERJA_BSRE_CLIENT_SECRET",
)


def konfigurasi_bsre(req: Permintaan) -> dict[str, str]:
    """URL from ``[tte] url`` and credentials from the environment; a clear error when absent."""
    url = str(req.kantor.opsi("tte", "url", "") or "").strip()
    missing = [] if url else ["[tte] url di kantor.toml"]
    missing += [name for name in ENV_BSRE if not os.environ.get(name)]
    if missing:
        raise InputError(
            "Penanda tangan BSrE belum dikonfigurasi: "
            + ", ".join(missing)
            + " belum diisi. Isi alamat layanan TTE BSrE kantor di [tte] url dan setel "
            "kredensial di variabel lingkungan (jangan pernah menyimpannya di repositori), "
            "atau pakai --penanda-tangan pkcs12 atau basah."
        )
    cfg = {name: os.environ[name] for name in ENV_BSRE}
    cfg["url"] = url.rstrip("/")
    cfg["tampilan"] = str(req.kantor.opsi("tte", "tampilan", "INVISIBLE")).upper()
    return cfg


def sign_bsre(pdf_in: Path, req: Permintaan, *, timeout: float = 60.0) -> Tanda:
    """Send ``pdf_in`` to the BSrE service and return the signed PDF it sends back."""
    cfg = konfigurasi_bsre(req)
    data = pdf_in.read_bytes()
    prop: dict[str, object] = {
        "tampilan": cfg["tampilan"],
        "reason": req.alasan,
        "location": req.lokasi,
    }
    if req.kotak is not None and cfg["tampilan"] == "VISIBLE":
        prop.update(
            page=req.kotak.halaman,
            originX=req.kotak.x1,
            originY=req.kotak.y1,
            width=req.kotak.x2 - req.kotak.x1,
            height=req.kotak.y2 - req.kotak.y1,
        )
    body = json.dumps(
        {
            "nik": cfg["KINERJA_BSRE_NIK"],
            "passphrase": cfg["KINERJA_BSRE_PASSPHRASE"],
            "signatureProperties": [prop],
            "file": [base64.b64encode(data).decode("ascii")],
        }
    ).encode()
    auth = base64.b64encode(
        f"{cfg['KINERJA_BSRE_CLIENT_ID']}:{cfg['KINERJA_BSRE_CLIENT_SECRET']}".encode()
    ).decode("ascii")
    request = urllib.request.Request(
        f"{cfg['url']}/api/v2/sign/pdf",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Basic {auth}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            answer = json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:500].decode("utf-8", "replace")
        raise InputError(
            f"Layanan TTE BSrE menolak permintaan (HTTP {exc.code}): {detail}"
        ) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise InputError(
            f"Layanan TTE BSrE di {cfg['url']} tidak dapat dihubungi: {exc}. Periksa jaringan "
            "dan [tte] url."
        ) from exc
    except json.JSONDecodeError as exc:
        raise InputError("Jawaban layanan TTE BSrE bukan JSON yang sah.") from exc
    try:
        signed = base64.b64decode(answer["file"][0], validate=True)
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise InputError(
            f"Jawaban layanan TTE BSrE tidak memuat berkas bertanda tangan: {answer!r:.300}"
        ) from exc
    if not signed.startswith(b"%PDF-"):
        raise InputError("Jawaban layanan TTE BSrE bukan berkas PDF.")
    return Tanda(data=signed, penanda_tangan=req.pejabat.nama, kotak=req.kotak)
