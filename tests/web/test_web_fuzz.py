"""Every route's path and query parameters fed numbers a page cannot take: at and beyond
64 bits, negative, fractional, in other scripts' digits. A clear 4xx each time, never a 5xx
(ids of 2^63 and above were 500s: OverflowError from the SQLite driver)."""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest

NUMBERS = [
    "0", "-1", "1", "2147483647", "2147483648",  # PostgreSQL's integer ids end at 2^31 - 1, SQLite's at 2^63 - 1
    "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
    "18446744073709551615", "18446744073709551616", "1" + "0" * 40, "9" * 5_000,
    "1.5", "-0.0", "1e3", "1e400", "nan", "inf", "-inf", "0x10", "+1", " 1", "1_000", "",
    "١٢٣", "１２", "²", "৩", "\u0660", "𝟙𝟚",
]
PARAMETER = re.compile(r"\{(\w+)\}")


def routes(client: Any) -> list[tuple[str, list[str]]]:
    """Each GET path of the API with the names of its query parameters."""
    spec = client.get("/openapi.json").json()
    return [(path, [p["name"] for p in operation.get("get", {}).get("parameters", []) if p["in"] == "query"])
            for path, operation in spec["paths"].items()]


def test_no_number_makes_a_server_error(client: Any) -> None:
    tried = 0
    for path, query in routes(client):
        placeholders = PARAMETER.findall(path)
        for number in NUMBERS:
            cases = [PARAMETER.sub(quote(number, safe=""), path)] if placeholders else []
            base = PARAMETER.sub("1", path)
            cases += [f"{base}?{name}={quote(number, safe='')}" for name in query]
            for case in cases:
                response = client.get(case)
                tried += 1
                assert response.status_code < 500, (case, response.status_code, response.text[:300])
    assert tried > 500


@pytest.mark.parametrize("path", ["/articles/{}", "/articles/{}.json", "/speakers/{}", "/speakers/{}.csv",
                                  "/clusters/{}", "/clusters/{}.json"])
@pytest.mark.parametrize("number", ["2147483648", "9223372036854775808", "99999999999999999999999", "0", "-5"])
def test_ids_out_of_range_are_not_found(client: Any, path: str, number: str) -> None:
    response = client.get(path.format(number))
    assert response.status_code == 404
    assert f" {number} in this store" in response.text
