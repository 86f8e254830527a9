"""tableio: the CSV writer of ``kinerja hitung`` writes exactly what pandas would."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.berkas.tabel import fixed_2, write_csv_atomic

# characters that quote a field, or might, plus text a cell really holds
TEKS = st.text(alphabet=st.sampled_from(list('ab ,"\n\r\t;é\u2028x0.-\x00')), max_size=6)
SEL = st.one_of(st.none(), TEKS)


def pandas_csv(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, na_rep="")
    return buffer.getvalue().encode("utf-8")


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=2, max_value=4).flatmap(
        lambda m: st.tuples(
            st.lists(TEKS, min_size=m, max_size=m, unique=True),
            st.lists(st.lists(SEL, min_size=m, max_size=m), max_size=30),
        )
    ),
    st.sampled_from(["str", object]),
)
def test_text_frames_are_written_as_pandas_writes_them(tmp_path_factory, shape, dtype):
    """Invariant: for every frame of text columns, the same bytes as ``to_csv``."""
    names, rows = shape
    frame = pd.DataFrame(rows, columns=names, dtype=object).astype(dtype)
    path = tmp_path_factory.mktemp("csv") / "out.csv"
    write_csv_atomic(frame, path, na_rep="")
    assert path.read_bytes() == pandas_csv(frame)


def test_other_frames_go_through_pandas(tmp_path):
    frame = pd.DataFrame({"a": [1.5, np.nan], "b": ["x", "y,z"], 3: [True, False]})
    path = tmp_path / "out.csv"
    write_csv_atomic(frame, path, na_rep="")
    assert path.read_bytes() == pandas_csv(frame)
    one = pd.DataFrame({"a": ["", "x"]})  # a lone empty field is written as ""
    write_csv_atomic(one, path, na_rep="")
    assert path.read_bytes() == pandas_csv(one)


def test_fixed_2_formats_each_value_like_the_scalar_rule():
    values = pd.Series([1.005, 2.675, np.nan, -0.0, -1.005, -0.004, 1e10, 99.995, 1.005])
    assert fixed_2(values).tolist() == [
        "1.00",  # already rounded upstream: fixed_2 only prints
        "2.68",
        "",
        "0.00",
        "-1.00",
        "0.00",
        "10000000000.00",
        "100.00",
        "1.00",
    ]
    assert fixed_2(pd.Series([], dtype=float)).tolist() == []
    assert fixed_2(pd.Series([np.nan, np.nan])).tolist() == ["", ""]
