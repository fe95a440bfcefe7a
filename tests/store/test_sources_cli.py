"""`quotegraph sources` on SQLite and PostgreSQL: its tables, CSV and JSON agree; every
figure's `quotegraph quotes` command (printed in the JSON) lists exactly the statements
counted; bad input is refused with a clear message."""
from __future__ import annotations

import csv
import io
import json
import shlex

import pytest
from click.testing import CliRunner
from support.sources_corpus import write_corpus

from quotegraph.cli import main


@pytest.fixture
def corpus_db(store_url: str) -> str:
    write_corpus(store_url)
    return store_url


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_the_text_report_has_a_table_of_statements_and_one_of_speakers(corpus_db: str) -> None:
    code, out, _ = run("sources", "--db", corpus_db, "--by", "outlet,month")
    assert code == 0
    statements, speakers = out.split("\n\nDistinct speakers\n")
    lines = [line.split() for line in statements.splitlines()[3:]]
    # OUTLET MONTH STATEMENTS FEMALE MALE UNKNOWN WOMEN PERSON ORG GROUP ANON DOC NONE
    assert lines == [["herald.example", "2024-03", "5", "2", "1", "2", "66.7%", "3", "0", "1", "0", "0", "1"],
                     ["gazette.example", "2024-04", "4", "1", "0", "3", "100.0%", "1", "1", "0", "1", "1", "0"],
                     ["none", "undated", "2", "0", "1", "1", "0.0%", "2", "0", "0", "0", "0", "0"],
                     ["TOTAL", "TOTAL", "11", "3", "2", "6", "60.0%", "6", "1", "1", "1", "1", "1"]]
    assert speakers.splitlines()[-3].split()[:7] == ["TOTAL", "TOTAL", "7", "1", "1", "5", "50.0%"]


def test_csv_and_json_give_the_same_figures(corpus_db: str) -> None:
    _, as_json, _ = run("sources", "--db", corpus_db, "--by", "month", "--format", "json")
    _, as_csv, _ = run("sources", "--db", corpus_db, "--by", "month", "--format", "csv")
    report = json.loads(as_json)
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert [row["month"] for row in rows] == ["2024-03", "2024-04", "undated", ""]
    for line, item in zip(rows, [*report["rows"], report["total"]]):
        assert int(line["statements"]) == item["statements"] and int(line["speakers"]) == item["speakers"]
        assert int(line["statements_female"]) == item["gender"]["female"]["statements"]
        assert int(line["speakers_anonymous"]) == item["source_type"]["anonymous"]["speakers"]
        assert line["quotes"] == item["quotes"]
    assert report["total"]["women_share"] == {"statements": 0.6, "speakers": 0.5}


@pytest.mark.parametrize("options", [[], ["--by", "outlet,month"], ["--search", "bridge", "--by", "month"],
                                     ["--min-confidence", "0", "--outlet", "herald.example"],
                                     ["--since", "2024-03-15", "--until", "2024-04-30"]])
def test_each_figures_quotes_command_lists_its_statements(corpus_db: str, options: list[str]) -> None:
    code, out, _ = run("sources", "--db", corpus_db, "--format", "json", *options)
    assert code == 0
    report = json.loads(out)
    commands = 0
    for row in (report["total"], *report["rows"]):
        for cell in (row, *row["gender"].values(), *row["source_type"].values()):
            args = shlex.split(cell["quotes"])
            assert args[:4] == ["quotegraph", "quotes", "--db", corpus_db]
            # as printed, then with room for more: exactly the statements counted
            for limit in ([], ["--limit", "1000"]):
                code, listed, err = run(*args[1:], *limit, "--format", "json")
                assert code == 0, err
                quotes = json.loads(listed)
                assert len(quotes) == cell["statements"], cell["quotes"]
                if limit:
                    assert len({q["speaker_entity_id"] for q in quotes if q["speaker_entity_id"]}) == cell["speakers"]
            commands += 1
    assert commands == 10 * (1 + len(report["rows"]))


@pytest.mark.parametrize("args, message", [
    (["--outlet", "nowhere.example"], "no article in the store is from outlet 'nowhere.example'"),
    (["--since", "2024-02-30"], "'2024-02-30' is not a date in YYYY-MM-DD form"),
    (["--since", "2024-05-01", "--until", "2024-04-01"], "--since 2024-05-01 is after --until 2024-04-01"),
    (["--by", "outlet,author"], "give outlet, month or outlet,month"),
    (["--by", "month,month"], "give outlet, month or outlet,month"),
    (["--format", "xml"], "'xml' is not one of 'text', 'csv', 'json'"),
    (["--min-confidence", "2"], "2"),
])
def test_bad_input_is_refused_with_a_clear_message(corpus_db: str, args: list[str], message: str) -> None:
    code, out, err = run("sources", "--db", corpus_db, *args)
    assert code == 2
    assert message in err and out == ""


@pytest.mark.parametrize("args, message", [
    (["--outlet", "nowhere.example"], "no article in the store is from outlet 'nowhere.example'"),
    (["--speaker-gender", "other"], "'other' is not one of 'female', 'male', 'unknown'"),
    (["--source-type", "official"], "'official' is not one of 'person', 'organisation'"),
    (["--undated", "--since", "2024-01-01"], "--undated lists quotes without a date"),
])
def test_the_quotes_filters_refuse_bad_input(corpus_db: str, args: list[str], message: str) -> None:
    code, out, err = run("quotes", "--db", corpus_db, *args)
    assert code == 2
    assert message in err and out == ""


def test_a_missing_store_is_an_error(tmp_path) -> None:
    code, _, err = run("sources", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "no store at" in err
