"""The web app's CSV downloads are as safe to open in a spreadsheet as `quotegraph export`'s."""
from __future__ import annotations

import csv
import io

from quotegraph.web.responses import csv_response


def test_csv_download_cells_cannot_run_as_formulas() -> None:
    rows = [{"content": '=HYPERLINK("http://evil.example","click")', "speaker": "@mention", "n": 3,
             "tags": ["a", "b"], "note": "line one\rline two"},
            {"content": "-1 said the mayor", "speaker": None, "n": -2, "tags": [], "note": "+tax"}]
    response = csv_response(rows, ["content", "speaker", "n", "tags", "note"], "quotes.csv")
    assert response.headers["content-disposition"] == 'attachment; filename="quotes.csv"'
    text = response.body.decode("utf-8")
    assert text.endswith("\r\n")
    parsed = list(csv.DictReader(io.StringIO(text, newline="")))
    assert parsed == [
        {"content": '\'=HYPERLINK("http://evil.example","click")', "speaker": "'@mention", "n": "3",
         "tags": '["a", "b"]', "note": "line one\rline two"},
        {"content": "'-1 said the mayor", "speaker": "", "n": "-2", "tags": "[]", "note": "'+tax"},
    ]
