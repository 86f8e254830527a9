"""The ranking of offices and the caveats that go with every roll-up.

A rank compares each office's own capaian (the mean of its own indicators): the
offices measure different indicators against different targets, so each row says
how much of it is comparable and what else differs (provisional figures, another
predikat scale or aggregation method).
"""

from __future__ import annotations

import pandas as pd

__all__ = ["catatan_rekap", "peringkat"]


def peringkat(kantor: pd.DataFrame, ind: pd.DataFrame, periode: str) -> pd.DataFrame:
    """The offices of ``periode`` ranked by capaian, with why each place may mislead."""
    k = kantor[kantor["periode"].eq(periode)].copy() if len(kantor) else kantor
    if k.empty:
        return pd.DataFrame()
    i = ind[ind["periode"].eq(periode)]
    n_kantor = k["kantor_kode"].nunique()
    spread = i.groupby("kunci")["kantor_kode"].nunique()
    common = i["kunci"].map(spread).fillna(0) >= max(2, n_kantor / 2)
    share = common.groupby(i["kantor_kode"]).mean() * 100
    k["indikator_sebanding_persen"] = k["kantor_kode"].map(share).fillna(0.0)
    k["peringkat"] = k["capaian"].rank(method="min", ascending=False).astype("Int64")
    skala = k["skala_predikat"].mode().iloc[0] if len(k) else ""
    metode = k["agregasi"].mode().iloc[0] if len(k) else ""
    notes = pd.Series("", index=k.index, dtype=object)
    if "ttd" in k:
        notes = notes.where(k["ttd"].eq("terpercaya"), notes + "tanpa TTE terpercaya; ")
    notes = notes.where(~k["sementara"], notes + "sementara; ")
    notes = notes.where(k["skala_predikat"].eq(skala), notes + "skala predikat lain; ")
    notes = notes.where(k["agregasi"].eq(metode), notes + "metode agregasi lain; ")
    notes = notes.where(
        k["indikator_sebanding_persen"] >= 50, notes + "< 50% indikator sebanding; "
    )
    k["catatan"] = notes.str.rstrip("; ")
    cols = [
        "peringkat", "kantor", "kantor_kode", "capaian", "predikat", "n_valid", "n_total",
        "sementara", "indikator_sebanding_persen", "skala_predikat", "agregasi", "catatan",
        "paket", "berkas_data", "sha256_data",
    ]  # fmt: skip
    return k.sort_values(["peringkat", "kantor"])[cols].reset_index(drop=True)


def catatan_rekap(
    kantor: pd.DataFrame,
    banding: pd.DataFrame,
    ditolak: int,
    pemetaan: str,
    n_peta: int,
    terpisah: pd.DataFrame | None = None,
    terima_tanpa_ttd: bool = False,
) -> list[str]:
    """The caveats of the roll-up, in Indonesian: how indicators compare, what ranks mean."""
    out = [
        "Indikator dianggap sebanding bila nama dan satuannya sama setelah dinormalkan (huruf "
        'besar-kecil, tanda baca dan spasi diabaikan; "persen" dan "persentase" = "%")'
        + (
            f', atau bila berkas pemetaan "{pemetaan}" ({n_peta} baris) memberinya kunci yang sama.'
            if pemetaan
            else "; tidak ada berkas pemetaan yang dipakai."
        ),
        "Peringkat membandingkan capaian kantor, yaitu rata-rata capaian indikator kantor itu "
        "sendiri. Tiap kantor mengukur indikator dan target yang berbeda, sehingga peringkat "
        "bukan ukuran kinerja yang setara: bacalah bersama kolom indikator sebanding dan catatan.",
    ]
    if len(kantor):
        n_s = int(kantor["sementara"].sum())
        if n_s:
            out.append(
                f"{n_s} kantor-periode berstatus sementara (ada indikator wajib tanpa realisasi): "
                "capaiannya dapat berubah setelah realisasi lengkap."
            )
        for col, label in (("skala_predikat", "skala predikat"), ("agregasi", "metode agregasi")):
            values = sorted(set(kantor[col]) - {""})
            if len(values) > 1:
                out.append(f"Kantor memakai {label} yang berbeda ({', '.join(values)}).")
    if len(banding):
        beda = banding[(banding["n_kantor"] > 1) & (banding["n_target_berbeda"] > 1)]
        if len(beda):
            out.append(
                f"{len(beda)} kelompok indikator sebanding memiliki target yang berbeda antar "
                "kantor: capaian yang sama tidak berarti hasil yang sama."
            )
    if terima_tanpa_ttd:
        out.append(
            "Paket tanpa tanda tangan elektronik yang dijamin akar terpercaya ikut direkap atas "
            "permintaan penyusun rekap: angkanya tidak dijamin tanda tangan; kantor itu bercatatan "
            '"tanpa TTE terpercaya" di peringkat.'
        )
    if terpisah is not None and len(terpisah):
        n = terpisah["status"].value_counts()
        bagian = [
            f"{n[s]} {label}"
            for s, label in (
                ("tanpa-ttd", "tanpa tanda tangan elektronik"),
                ("tidak-terpercaya", "bertanda tangan dengan sertifikat yang tidak dijamin akar "
                 "terpercaya"),
                ("penanda-lain", "ditandatangani orang lain, bukan penanda tangan kantor"),
                ("ganda", "ganda (kantor dan periode yang sama; dihitung sekali)"),
            )
            if s in n
        ]  # fmt: skip
        out.append(
            f"{len(terpisah)} paket utuh tidak diperingkat: {'; '.join(bagian)} (lihat lembar "
            "Tidak Diperingkat). Peringkat hanya memakai angka dari dokumen bertanda tangan yang "
            "dijamin sertifikat akar yang dipercaya Kabupaten."
        )
    if ditolak:
        out.append(
            f"{ditolak} paket ditolak karena gagal verifikasi dan tidak ikut direkap (lihat "
            "lembar Ditolak)."
        )
    return out
