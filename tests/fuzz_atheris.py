"""Coverage-guided fuzzing of the readers and `extract_many` with atheris (by hand, not in CI).

    pip install -e '.[test,fuzz]'      # atheris: wheels for CPython 3.11 on Linux
    PYTHONPATH=tests python tests/fuzz_atheris.py -max_total_time=600 [corpus_dir ...]

The first byte of each input picks the reader (by file name, as `read_bytes` does); the
rest is the file. No exception may escape, and every record extracted from what was read
must have an `error` or exact offsets (the properties of tests/test_fuzz.py).
"""
from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import quotegraph
    from quotegraph.article import Article
    from quotegraph.config import Options
    from quotegraph.readers.blob import read_bytes

from support.offsets import assert_record_offsets

NAMES = ["a.txt", "a.html", "a.json", "a.jsonl", "a.warc", "a.warc.gz", "a.txt.gz", "a.html.gz", "a.jsonl.gz"]
OPTIONS = Options(attribution="rules")  # the model's scores do not change which code runs


def one_input(data: bytes) -> None:
    if not data:
        return
    name = NAMES[data[0] % len(NAMES)]
    items = list(read_bytes(data[1:], source=name))
    articles = [item for item in items if isinstance(item, Article)]
    for record in quotegraph.extract_many(articles, options=OPTIONS):
        out = record.to_dict()
        if out.get("error") is None:
            assert_record_offsets(out)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
