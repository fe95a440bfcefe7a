"""The command line: output shapes, formats, exit codes and error reports.

Most tests replace `extract_many` with a stand-in that echoes articles back as records, so
they test the CLI and not the model; the `slow` ones run the real pipeline, once through
a real subprocess.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator

import pytest
from click.testing import CliRunner, Result
from support.records import make_record

import quotegraph
from quotegraph import cli
from quotegraph.article import Article
from quotegraph.config import DEFAULT_MIN_CONFIDENCE
from quotegraph.errors import ModelError
from quotegraph.record import Record

CALLS: list[dict[str, Any]] = []


def echo_extract_many(items: Iterable[Article], **kwargs: Any) -> Iterator[Record]:
    """Stands in for the pipeline: one quote-less record per article, `error` where asked."""
    CALLS.append(kwargs)
    for article in items:
        if "FAIL" in article.text:
            yield make_record(text="", id=article.id, error={"code": "QG999", "reason": "stand-in failure"})
        else:
            yield make_record(text=article.text, id=article.id, title=article.title,
                         published=article.published, url=article.url)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    CALLS.clear()
    monkeypatch.setattr(cli.extract, "extract_many", echo_extract_many)
    return CALLS


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text("The minister said that the plan would go ahead.", encoding="utf-8")
    (tmp_path / "other.txt").write_text("“Fine,” she said.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x7fELF\x00\x00\x01")
    (tmp_path / "fails.txt").write_text("FAIL in extraction", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(
        '{"text": "One, he said.", "published": "2024-01-02"}\n{oops\n{"text": "Two, she said."}\n', encoding="utf-8")
    (tmp_path / "clean.jsonl").write_text('{"text": "One."}\n{"text": "Two."}\n', encoding="utf-8")
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "a.txt").write_text("Ay.", encoding="utf-8")
    (tmp_path / "dir" / "b.txt").write_text("Bee.", encoding="utf-8")
    return tmp_path


def run(*args: str, input: bytes | None = None) -> Result:
    return CliRunner().invoke(cli.main, list(args), input=input)


def jsonl_ids(output: str) -> list[str]:
    return [json.loads(line)["id"] for line in output.splitlines()]


@pytest.mark.parametrize(
    ("inputs", "code", "ids", "reported"),
    [
        (["good.txt"], 0, ["good"], []),
        (["good.txt", "other.txt"], 0, ["good", "other"], []),
        (["dir"], 0, ["a", "b"], []),
        (["clean.jsonl"], 0, ["clean:1", "clean:2"], []),
        (["good.txt", "empty.txt", "binary.txt"], 1, ["good"], ["empty.txt: empty", "binary.txt: binary file"]),
        (["feed.jsonl"], 1, ["feed:1", "feed:3"], ["feed.jsonl:2: invalid JSON"]),
        (["good.txt", "fails.txt"], 1, ["good"], ["fails: stand-in failure"]),
        (["good.txt", "missing.txt"], 1, ["good"], ["missing.txt: no such file or directory"]),
        (["empty.txt"], 2, [], ["empty.txt: empty"]),
        (["missing.txt"], 2, [], ["missing.txt: no such file or directory"]),
        (["empty.txt", "binary.txt"], 2, [], ["empty.txt: empty", "binary.txt: binary file"]),
    ],
)
def test_exit_codes_and_reports(fake: Any, files: Path, monkeypatch: pytest.MonkeyPatch,
                                inputs: list[str], code: int, ids: list[str], reported: list[str]) -> None:
    monkeypatch.chdir(files)
    result = run("extract", "--format", "jsonl", *inputs)
    assert result.exit_code == code, result.output
    assert jsonl_ids(result.stdout) == ids
    lines = result.stderr.splitlines()
    assert len(lines) == len(reported)
    for line, expected in zip(lines, reported):
        assert line.startswith(f"quotegraph: {expected}"), line


@pytest.mark.parametrize(
    ("inputs", "shape"),
    [(["good.txt"], "object"), (["dir"], "jsonl"), (["clean.jsonl"], "jsonl"), (["good.txt", "other.txt"], "jsonl")],
)
def test_default_format_follows_the_input(fake: Any, files: Path, inputs: list[str], shape: str) -> None:
    result = run("extract", *(str(files / name) for name in inputs))
    assert result.exit_code == 0
    if shape == "object":
        assert result.stdout.startswith("{\n  ")
        assert json.loads(result.stdout)["id"] == "good"
    else:
        assert all(json.loads(line)["text"] for line in result.stdout.splitlines())
        assert len(result.stdout.splitlines()) == 2


def test_json_format_for_many_is_an_array(fake: Any, files: Path) -> None:
    result = run("extract", "--format", "json", str(files / "dir"))
    assert [item["id"] for item in json.loads(result.stdout)] == ["a", "b"]


def test_csv_format(fake: Any, files: Path) -> None:
    result = run("extract", "--format", "csv", str(files / "good.txt"))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["article_id,quote_id,type,kind,speaker,cue,source,content,start,end,confidence,within"]


def test_output_file_and_brat_directory(fake: Any, files: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert run("extract", str(files / "dir"), "-o", str(out)).exit_code == 0
    assert jsonl_ids(out.read_text(encoding="utf-8")) == ["a", "b"]
    brat = tmp_path / "brat"
    assert run("extract", "--format", "brat", str(files / "dir"), "-o", str(brat)).exit_code == 0
    assert sorted(p.name for p in brat.iterdir()) == ["a.ann", "a.txt", "b.ann", "b.txt"]
    assert (brat / "a.txt").read_text(encoding="utf-8") == "Ay."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "brat"], "-o DIR"),
        (["--format", "brat", "-o", "other.txt"], "-o DIR"),
        (["--format", "jsonl", "-o", "dir"], "is a directory"),
    ],
)
def test_output_that_does_not_fit_the_format_is_a_usage_error(
    fake: Any, files: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(files)
    result = run("extract", *args, "good.txt")
    assert result.exit_code == 2
    assert message in result.stderr
    assert not fake


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], [None, "2024-01-02", None]),
        (["--published", "2023-05-06"], ["2023-05-06", "2024-01-02", "2023-05-06"]),
        (["--published", "2023-05-06T12:00:00"], ["2023-05-06", "2024-01-02", "2023-05-06"]),
    ],
)
def test_published_fills_in_missing_dates_only(fake: Any, files: Path, args: list[str], expected: list[Any]) -> None:
    result = run("extract", *args, str(files / "good.txt"), str(files / "feed.jsonl"))
    assert [json.loads(line)["published"] for line in result.stdout.splitlines()] == expected


@pytest.mark.parametrize("value", ["2024-02-30", "05/06/2023", "yesterday"])
def test_invalid_published_is_a_usage_error(fake: Any, files: Path, value: str) -> None:
    result = run("extract", "--published", value, str(files / "good.txt"))
    assert result.exit_code == 2
    assert "--published" in result.stderr
    assert result.stdout == ""
    assert not fake  # nothing was extracted


@pytest.mark.parametrize(
    ("args", "stdin", "ids"),
    [
        (["-"], b"Typed, he said.", None),
        (["--stdin-format", "jsonl", "-"], b'{"text": "One."}\n{"id": "x", "text": "Two."}\n', ["stdin:1", "x"]),
    ],
)
def test_stdin(fake: Any, args: list[str], stdin: bytes, ids: list[str] | None) -> None:
    result = run("extract", *args, input=stdin)
    assert result.exit_code == 0
    if ids is None:
        assert json.loads(result.stdout)["text"] == "Typed, he said."
    else:
        assert jsonl_ids(result.stdout) == ids


def test_model_and_processes_reach_the_api(fake: list[dict[str, Any]], files: Path) -> None:
    run("extract", "--model", "/some/pipeline", "--n-process", "3", str(files / "good.txt"))
    (call,) = fake
    assert call["n_process"] == 3
    assert call["options"].model == "/some/pipeline"


def test_model_that_cannot_load_exits_2(monkeypatch: pytest.MonkeyPatch, files: Path) -> None:
    def broken(items: Iterable[Article], **kwargs: Any) -> Iterator[Record]:
        raise ModelError("cannot load spaCy pipeline 'nope'")
        yield  # a generator, as extract_many is

    monkeypatch.setattr(cli.extract, "extract_many", broken)
    result = run("extract", "--model", "nope", str(files / "good.txt"))
    assert result.exit_code == 2
    assert result.stderr.startswith("quotegraph: [QG200] cannot load spaCy pipeline")


def test_no_progress_bar_when_stderr_is_not_a_terminal(fake: Any, files: Path) -> None:
    result = run("extract", str(files / "dir"))
    assert result.exit_code == 0 and result.stderr == ""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--version"], f"quotegraph, version {quotegraph.__version__}"),
        (["extract", "--help"], "Exit codes:"),
        (["eval", "--help"], "polnear"),
        (["eval", "polnear", "--help"], "--format [text|json]"),
        (["demo", "--help"], "Where to write the JSON record"),
    ],
)
def test_help_and_version(args: list[str], expected: str) -> None:
    result = run(*args)
    assert result.exit_code == 0
    assert expected in result.stdout


def test_eval_polnear_calls_the_scorer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from quotegraph.eval import polnear  # (it exists: an import error fails, never skips)
    seen: list = []
    monkeypatch.setattr(polnear, "run", lambda path, options, limit: seen.append(options)
                        or ({"split": str(path), "f1": 0.5}, [], []))
    monkeypatch.setattr(polnear, "format_report", lambda result: f"report for {result['split']}")
    text = run("eval", "polnear", str(tmp_path))
    assert (text.exit_code, text.stdout) == (0, f"report for {tmp_path}\n")
    as_json = run("eval", "polnear", "--format", "json", str(tmp_path))
    assert json.loads(as_json.stdout) == {"split": str(tmp_path), "f1": 0.5}
    run("eval", "polnear", "--attribution", "rules", str(tmp_path))
    assert [options.attribution for options in seen] == ["model", "model", "rules"]


def test_eval_gate_passes_its_arguments_and_exit_status(monkeypatch: pytest.MonkeyPatch) -> None:
    from quotegraph.eval import gate
    seen: list[list[str]] = []
    monkeypatch.setattr(gate, "main", lambda argv: seen.append(argv) or 3)
    assert run("eval", "gate", "--data", "/d", "--json", "out.json").exit_code == 3
    assert run("eval", "gate").exit_code == 3
    assert seen == [["--data", "/d", "--json", "out.json"], []]


def test_extract_help_documents_every_exit_code() -> None:
    help_text = run("extract", "--help").stdout
    for line in ("0  every input", "1  some inputs failed", "2  usage error"):
        assert line in help_text


@pytest.mark.slow
def test_real_extraction_single_and_many(files: Path) -> None:
    single = run("extract", "--published", "2024-03-05", str(files / "good.txt"))
    assert single.exit_code == 0, single.stderr
    record = json.loads(single.stdout)
    assert (record["id"], record["published"]) == ("good", "2024-03-05")
    assert record["text"] == (files / "good.txt").read_text(encoding="utf-8")
    assert record["quotes"], "good.txt holds a statement (\"The minister said that ...\")"
    for quote in record["quotes"]:
        for span in quote["content"]:
            assert record["text"][span["start"]:span["end"]] == span["text"]
    many = run("extract", str(files / "dir"), str(files / "empty.txt"))
    assert many.exit_code == 1
    assert jsonl_ids(many.stdout) == ["a", "b"]


@pytest.mark.slow
def test_real_subprocess_pipe(files: Path) -> None:
    """`python -m quotegraph` in a pipe: JSON on stdout, reports on stderr, no progress bar."""
    proc = subprocess.run(
        [sys.executable, "-m", "quotegraph", "extract", "-", str(files / "binary.txt")],
        input="Reporters said the talks had failed.".encode(), capture_output=True, timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    assert jsonl_ids(proc.stdout.decode()) == ["stdin"]
    assert proc.stderr.decode().splitlines() == [f"quotegraph: {files / 'binary.txt'}: binary file, not text"]


@pytest.mark.slow
def test_demo_prints_summary_and_writes_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("demo")
    assert result.exit_code == 0, result.stderr
    assert "CC BY 4.0" in result.stdout and "MEANTIME" in result.stdout and "Wikinews" in result.stdout
    assert "quotegraph-demo.json" in result.stdout
    record = json.loads((tmp_path / "quotegraph-demo.json").read_text(encoding="utf-8"))
    assert (record["title"], record["published"]) == ("Automaker GM to cut 10,000 jobs at Opel", "2009-11-05")
    # the JSON holds everything; the summary the default view, and how many it leaves out
    shown = [q for q in record["quotes"] if q["confidence"] >= DEFAULT_MIN_CONFIDENCE]
    hidden = len(record["quotes"]) - len(shown)
    assert f"{len(shown)} statements:" in result.stdout
    assert hidden and f"({hidden} weaker attributions below confidence" in result.stdout
    custom = tmp_path / "sub.json"
    assert run("demo", "-o", str(custom)).exit_code == 0
    assert json.loads(custom.read_text(encoding="utf-8"))["text"] == record["text"]
