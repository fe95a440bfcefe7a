"""The PolNeAR dev texts the extraction benchmarks time, found as the gate finds its data
(`--data`, else $QUOTEGRAPH_DATA, else ../shared/data), or a SKIP line saying where it looked."""
from __future__ import annotations

from quotegraph.eval.gate import DATA_ENV_VAR, data_candidates, find_data

DATA_HELP = f"data folder holding polnear/dev (default: ${DATA_ENV_VAR} or ../shared/data)"


def dev_texts(explicit: str | None, limit: int | None = None) -> list[str] | None:
    """The first `limit` dev texts (all: None), in file name order; None, after printing
    why, where they are not there (the PolNeAR data cannot be bundled)."""
    data = find_data(explicit)
    folder = data / "polnear" / "dev" / "text" if data is not None else None
    if folder is None or not folder.is_dir():
        tried = ", ".join(str(p) for p in data_candidates(explicit))
        print(f"SKIP: PolNeAR dev texts not found (looked under: {tried}); set --data or {DATA_ENV_VAR} "
              "to the folder holding polnear/ to run the benchmark.")
        return None
    return [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))[:limit]]
