"""pandas frames of the client's results (pandas is imported only when a frame is asked for)."""
from __future__ import annotations

import dataclasses
from typing import Any, Iterable, Optional


def frame(items: Iterable[Any], index: Optional[str] = None):
    """A DataFrame with a column per dataclass field (nested dataclasses flattened as `parent_child`)."""
    import pandas as pd

    rows = [_flat(dataclasses.asdict(item)) if dataclasses.is_dataclass(item) else dict(item) for item in items]
    df = pd.DataFrame(rows)
    for column in ("date", "from_", "to"):
        if column in df.columns and len(df) and not isinstance(df[column].iloc[0], (int, float)):
            df[column] = pd.to_datetime(df[column])
    return df.set_index(index) if index else df


def _flat(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dict) and key != "extra" and all(isinstance(k, str) for k in value):
            flat.update(_flat(value, f"{prefix}{key}_"))
        else:
            flat[prefix + key] = value
    return flat
