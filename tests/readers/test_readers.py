"""Readers: each format, and every way an input can be bad, from real files in tmp_path."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from support.samples import GOOD_HTML

from quotegraph.article import Article, coerce_article
from quotegraph.errors import InputError
from quotegraph.readers import ReadError, is_single_article, read_file, read_inputs

BROKEN_HTML = (b"<html><body><div><p>The minister said that the plan would go ahead next week, despite "
               b"protests in the capital.<p>\"We will not back down,\" she told reporters <b>on Tuesday")


def items_of(path: Path) -> list[Article | ReadError]:
    return list(read_file(path))


def only_article(path: Path) -> Article:
    (item,) = items_of(path)
    assert isinstance(item, Article), item
    return item


def only_error(path: Path) -> ReadError:
    (item,) = items_of(path)
    assert isinstance(item, ReadError), item
    return item


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("He said so.\n".encode(), "He said so.\n"),
        ("\ufeffShe said “yes”.".encode(), "She said “yes”."),
        ("Café owners said no.".encode("latin-1"), "Café owners said no."),
        ("“Quoted,” he said – in cp1252.".encode("cp1252"), "“Quoted,” he said – in cp1252."),
        ("Line one.\r\nLine two.".encode(), "Line one.\r\nLine two."),
        ("A UTF-16 note.".encode("utf-16"), "A UTF-16 note."),
    ],
    ids=["utf8", "utf8-bom", "latin-1", "cp1252", "crlf-kept", "utf16-bom"],
)
def test_txt_decodes(tmp_path: Path, data: bytes, text: str) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    article = only_article(path)
    assert article.text == text
    assert article.id == "story"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t \r\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
        (bytes(range(1, 32)) * 40, "binary file"),
        (b"caf\xe9 \x81\x8d owners", "not UTF-8 text"),
        (b"caf\xe9 owners said the plan would go ahead next week \x1b[0m as planned", "not UTF-8 text"),
    ],
    ids=["empty", "whitespace-only", "png", "control-bytes", "undefined-cp1252", "latin-1-with-controls"],
)
def test_txt_rejects(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    error = only_error(path)
    assert reason in error.reason
    assert error.source == str(path)
    assert error.code == "QG100"


def test_html_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(GOOD_HTML)
    article = only_article(path)
    assert "The minister said that the plan would go ahead" in article.text
    assert "Home | World" not in article.text
    assert article.title == "Minister speaks"
    assert article.published == "2024-03-05"
    assert article.url == "https://news.example.com/minister-speaks"
    assert article.id == "page"


LAYOUT_HTML = b"""<html><head><title>Oats</title></head><body><article><h1>\xe2\x80\x9cReady\xe2\x80\x9d: easy oats</h1>
<p>Chef Maria Gonzalez said that the oats need a whole night in the fridge before you eat them.</p>
<h2>Ingredients</h2><ul><li>Portion Fix Containers: 1 tsp.</li><li>Rolled oats: 1 cup</li></ul>
<table><tr><td>Runtime: 42 minutes</td></tr></table>
<p>Gonzalez said she serves them with fresh berries, which she buys at the market every morning.</p>
</article></body></html>"""


def test_html_layout_hints_are_exact(tmp_path: Path) -> None:
    """Headings, list items and table cells travel with the text, at exact offsets."""
    path = tmp_path / "oats.html"
    path.write_bytes(LAYOUT_HTML)
    article = only_article(path)
    found = [(kind, article.text[start:end]) for start, end, kind in article.layout]
    assert found == [("heading", "\u201cReady\u201d: easy oats"), ("heading", "Ingredients"),
                     ("list_item", "Portion Fix Containers: 1 tsp."), ("list_item", "Rolled oats: 1 cup"),
                     ("table_cell", "Runtime: 42 minutes")]


@pytest.mark.parametrize("layout, reason", [
    ([(0, 99, "heading")], "outside the text"),
    ([(3, 2, "heading")], "outside the text"),
    ([(0, 2, "sidebar")], "kind must be one of"),
])
def test_bad_layout_hints_are_refused(layout: list, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        coerce_article("Some text.", layout=layout)


def test_broken_html_still_gives_text(tmp_path: Path) -> None:
    path = tmp_path / "broken.htm"
    path.write_bytes(BROKEN_HTML)
    article = only_article(path)
    assert article.text.startswith("The minister said that the plan would go ahead")
    assert article.published is None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html><head><title>Nothing here</title></head></html>", "no article text found"),
        (b"<html><head><title>x</title></head><body></body></html>", "no article text found"),
        (b"<html><body><script>var x = 1;</script></body></html>", "no article text found"),
        (b"", "no article text found"),
        (b"<html>\x00\x01\x02</html>", "binary file"),
    ],
    ids=["no-body", "empty-body", "script-only", "empty-file", "binary"],
)
def test_html_rejects(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(data)
    assert reason in only_error(path).reason


def test_jsonl_bad_lines_do_not_stop_the_file(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"text": "First, she said.", "title": "One", "url": "https://e.com/1", "published": "2024-01-02T09:00:00"}\n'
        "{not json\n"
        "\n"
        '{"title": "no text here"}\n'
        '{"id": "dated", "text": "Bad date.", "published": "2024-02-30"}\n'
        '["a", "list"]\n'
        '{"text": "   "}\n'
        '{"id": 7, "text": "Last, he said."}\n',
        encoding="utf-8",
    )
    items = items_of(path)
    kinds = [type(item).__name__ for item in items]
    assert kinds == ["Article", "ReadError", "ReadError", "ReadError", "ReadError", "ReadError", "Article"]
    first, last = items[0], items[-1]
    assert isinstance(first, Article) and isinstance(last, Article)
    assert (first.id, first.title, first.url, first.published) == ("feed:1", "One", "https://e.com/1", "2024-01-02")
    assert last.id == "7"
    errors = [item for item in items if isinstance(item, ReadError)]
    assert [e.source for e in errors] == [f"{path}:{n}" for n in (2, 4, 5, 6, 7)]
    reasons = [e.reason for e in errors]
    assert "invalid JSON" in reasons[0]
    assert "missing 'text'" in reasons[1]
    assert "not a calendar date" in reasons[2] and errors[2].code == "QG101"
    assert "expected a JSON object" in reasons[3]
    assert "empty" in reasons[4]


@pytest.mark.parametrize(("data", "reason"), [(b"", "empty"), (b"\n \n", "empty"), (b"\x00\x01{}", "binary file")])
def test_jsonl_rejects_whole_file(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(data)
    assert reason in only_error(path).reason


def test_jsonl_accepts_bom(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes('\ufeff{"text": "Café, she said."}\n'.encode())
    assert only_article(path).text == "Café, she said."


def test_json_holds_one_article_object(tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    path.write_bytes('\ufeff{"text": "Café, she said.", "title": "T", "published": "2024-01-02", "extra": 1}'.encode())
    article = only_article(path)
    assert (article.id, article.title, article.published, article.text) == ("story", "T", "2024-01-02", "Café, she said.")
    assert is_single_article([str(path)])


def test_json_list_bad_elements_do_not_stop_the_list(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text('[{"text": "One, he said."}, {"title": "no text"}, 3, {"id": "x", "text": "Two."}]',
                    encoding="utf-8")
    items = items_of(path)
    assert [item.id if isinstance(item, Article) else item.source for item in items] == [
        "batch:1", f"{path}[2]", f"{path}[3]", "x"]
    assert "missing 'text'" in items[1].reason and "expected a JSON object" in items[2].reason
    assert not is_single_article([str(path)])


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "invalid JSON"), (b'{"text": "cut', "invalid JSON"), (b"[]", "empty JSON list"),
    (b'"a string"', "expected a JSON object with 'text'"), (b"\x00\x01{}", "binary file"),
    (b'{"text": "  "}', "empty 'text'"),
])
def test_json_rejects_whole_file(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "story.json"
    path.write_bytes(data)
    assert reason in only_error(path).reason


def test_directory_is_walked_sorted_with_known_suffixes(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zed said.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Ay said.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "Cee said."}\n{"text": "Dee said."}\n', encoding="utf-8")
    (tmp_path / "_quotegraph.json").write_text('{"run": 1}', encoding="utf-8")  # named only: not walked
    (tmp_path / "d.HTM").write_bytes(BROKEN_HTML)
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00")
    items = list(read_inputs([str(tmp_path)]))
    assert [item.id for item in items if isinstance(item, Article)] == ["a", "z", "c:1", "c:2", "d"]
    assert not any(isinstance(item, ReadError) for item in items)


def test_inputs_missing_path_and_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "ok.txt").write_text("Fine, he said.", encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "missing.txt"), str(tmp_path / "empty"), str(tmp_path / "ok.txt")]))
    assert isinstance(items[0], ReadError) and "no such file" in items[0].reason
    assert isinstance(items[1], ReadError) and "no .txt" in items[1].reason
    assert isinstance(items[2], Article) and items[2].id == "ok"


def test_unknown_suffix_named_explicitly_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("He said so.", encoding="utf-8")
    assert only_article(path).text == "He said so."


@pytest.mark.parametrize(
    ("stdin", "stdin_format", "expected"),
    [
        (b"Typed in, he said.\n", "text", ["stdin"]),
        (b"   ", "text", ["error"]),
        (b'{"text": "One."}\n{"bad"\n{"text": "Two."}\n', "jsonl", ["stdin:1", "error", "stdin:3"]),
    ],
)
def test_stdin(stdin: bytes, stdin_format: str, expected: list[str]) -> None:
    items = list(read_inputs(["-"], stdin=io.BytesIO(stdin), stdin_format=stdin_format))
    assert [item.id if isinstance(item, Article) else "error" for item in items] == expected
    assert all(item.source.startswith("-") for item in items if isinstance(item, ReadError))


@pytest.mark.parametrize(
    ("inputs", "single"),
    [(["a.txt"], True), (["a.html"], True), (["-"], True), (["a.jsonl"], False), (["a.txt", "b.txt"], False)],
)
def test_is_single_article(inputs: list[str], single: bool) -> None:
    assert is_single_article(inputs) is single


def test_directory_is_never_single(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert not is_single_article([str(tmp_path)])
