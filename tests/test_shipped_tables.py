"""The one mechanism of the tables shipped beside the models (junctions, paragraph edges):
read once, replaced by the training recipe's own table while it trains."""

from __future__ import annotations

import pytest

from convert_core.errors import UsageError
from convert_core.reader import junctions, paragraph_edges
from convert_core.reader.shipped_tables import ShippedTable


def test_the_shipped_table_is_read_once_and_a_table_in_use_comes_first(tmp_path):
    path = tmp_path / "table.bin"
    path.write_bytes(b"shipped")
    reads: list[bytes] = []
    changes: list[str] = []
    table = ShippedTable(
        path, lambda data: reads.append(data) or data.decode(), "test table", on_use=lambda: changes.append("x")
    )
    assert table.current() == "shipped" and table.current() == "shipped" and len(reads) == 1
    table.use("mine")
    assert table.current() == "mine" and changes == ["x"]
    table.use(None)
    assert table.current() == "shipped" and changes == ["x", "x"] and len(reads) == 1
    path.write_bytes(b"again")
    table.forget_shipped()
    assert table.current() == "again"


@pytest.mark.parametrize(("module", "what"), [(junctions, "junction table"), (paragraph_edges, "paragraph edge table")])
def test_both_tables_share_the_mechanism_and_name_themselves_when_missing(module, what, tmp_path, monkeypatch):
    assert module.use == module.TABLE.use and module.table == module.TABLE.current
    monkeypatch.setattr(module.TABLE, "path", tmp_path / "missing.bin")
    module.TABLE.forget_shipped()
    try:
        with pytest.raises(UsageError, match=f"cannot read the reader's {what}"):
            module.table()
    finally:
        monkeypatch.undo()
        module.TABLE.forget_shipped()
