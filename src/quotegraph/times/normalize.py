"""TIMEX3 type, value and modifier of a matched expression: pure functions, no spaCy.

`resolve(rule, groups, anchor, tense)` dispatches on the rule that matched (see
`patterns.RULES`); `normalize(expression, anchor, tense)` does the same for a bare
string, for tests and callers outside the pipeline. Without an anchor, relative
expressions stay unresolved ("XXXX-04-14", "XXXX-WXX-1"): never today's date.
A normalizer returns None where the match is not a time after all ("fall" the verb).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable, Mapping, NamedTuple

from .dates import (
    PART_CODES,
    SEASON_CODES,
    Tense,
    fmt_date,
    fmt_month,
    fmt_week,
    nth_weekday,
    quarter_of,
    season_value,
    shift_months,
    shift_quarters,
    valid_date,
    weekday_date,
    year_for_month,
    year_for_month_day,
)
from .patterns import MONTH_NUMBERS, NUMBER_WORDS, ORDINALS, RULES, WEEKDAY_NUMBERS


class Resolved(NamedTuple):
    type: str
    value: str
    mod: str | None = None


Groups = Mapping[str, str | None]

_EDGE_MODS = {"early": "START", "earlier": "START", "beginning": "START", "start": "START",
              "first half": "START", "late": "END", "later": "END", "end": "END",
              "second half": "END", "rest": "END", "remainder": "END", "mid": "MID", "middle": "MID",
              "turn": None}
_DUR_MODS = {"more than": "MORE_THAN", "over": "MORE_THAN", "less than": "LESS_THAN",
             "fewer than": "LESS_THAN", "under": "LESS_THAN", "at least": "EQUAL_OR_MORE",
             "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
             "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
             "nearly": "APPROX", "almost": "APPROX", "some": "APPROX"}
_UNIT_CODES = {"second": ("T", "S"), "minute": ("T", "M"), "hour": ("T", "H"), "day": ("", "D"),
               "night": ("", "D"), "week": ("", "W"), "weekend": ("", "WE"), "month": ("", "M"),
               "quarter": ("", "Q"), "year": ("", "Y"), "decade": ("", "Y"), "century": ("", "Y")}
_UNIT_SCALE = {"decade": 10, "century": 100}
_REF_VALUES = {"now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
               "at present": "PRESENT_REF", "presently": "PRESENT_REF", "nowadays": "PRESENT_REF",
               "these days": "PRESENT_REF", "at the moment": "PRESENT_REF", "the present": "PRESENT_REF",
               "recently": "PAST_REF", "lately": "PAST_REF", "formerly": "PAST_REF",
               "previously": "PAST_REF", "once upon a time": "PAST_REF", "the past": "PAST_REF"}
_SET_VALUES = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
               "quarterly": "P1Q", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H"}
_HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas": lambda y: dt.date(y, 12, 25), "christmas day": lambda y: dt.date(y, 12, 25),
    "christmas eve": lambda y: dt.date(y, 12, 24), "new year's": lambda y: dt.date(y, 1, 1),
    "new year's day": lambda y: dt.date(y, 1, 1), "new year's eve": lambda y: dt.date(y, 12, 31),
    "thanksgiving": lambda y: nth_weekday(y, 11, 4, 4), "thanksgiving day": lambda y: nth_weekday(y, 11, 4, 4),
    "independence day": lambda y: dt.date(y, 7, 4), "the fourth of july": lambda y: dt.date(y, 7, 4),
    "july fourth": lambda y: dt.date(y, 7, 4), "halloween": lambda y: dt.date(y, 10, 31),
    "valentine's day": lambda y: dt.date(y, 2, 14), "memorial day": lambda y: nth_weekday(y, 5, 1, -1),
    "labor day": lambda y: nth_weekday(y, 9, 1, 1), "veterans day": lambda y: dt.date(y, 11, 11),
    "boxing day": lambda y: dt.date(y, 12, 26),
}
_SPACES = re.compile(r"\s+")


def _low(value: str | None) -> str | None:
    return None if value is None else _SPACES.sub(" ", value.lower())


def _edge_mod(edge: str | None) -> str | None:
    """"early" -> START, "the end of" -> END, "mid-" -> MID."""
    if edge is None:
        return None
    edge = _low(edge).removeprefix("the ").removesuffix(" of").rstrip("-")  # type: ignore[union-attr]
    return _EDGE_MODS.get(edge)


def _month(name: str) -> int:
    return MONTH_NUMBERS[name.lower().rstrip(".")]


def _day(text: str) -> int:
    return int(text.rstrip("stndrh"))


def _year(text: str) -> int:
    return int(text)


def _number(text: str) -> float | None:
    """"two" -> 2, "twenty-four" -> 24, "5 1/2" -> 5.5, "a" -> 1; None for "several", "few"."""
    text = _low(text)  # type: ignore[assignment]
    half = 0.5 if text.endswith(("and a half", " 1/2")) else 0.0
    text = text.removesuffix(" and a half").removesuffix(" 1/2")
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text] + half
    try:
        return float(text) + half
    except ValueError:
        pass
    parts = re.split(r"[- ]", text)
    if all(part in NUMBER_WORDS for part in parts):
        return sum(NUMBER_WORDS[part] for part in parts) + half
    return None


def _unit(text: str) -> str:
    text = _low(text).removeprefix("trading ").removeprefix("business ")  # type: ignore[union-attr]
    return "century" if text.startswith("centur") else text.removesuffix("s")


def duration_value(amount: float | None, unit: str) -> str:
    """P2W, PT24H, P10Y for "a decade", PXY where the amount is vague."""
    time_part, code = _UNIT_CODES[unit]
    if amount is None:
        return f"P{time_part}X{'Y' if unit in _UNIT_SCALE else code}"
    amount *= _UNIT_SCALE.get(unit, 1)
    if amount != int(amount):
        if unit == "hour":
            return f"PT{int(amount)}H{int(amount % 1 * 60)}M" if amount >= 1 else f"PT{int(amount * 60)}M"
        if unit == "minute":
            return f"PT{int(amount)}M{int(amount % 1 * 60)}S"
        if unit == "year":
            return f"P{int(amount * 12)}M"
        if unit == "day":
            return f"PT{int(amount * 24)}H"
        return f"P{time_part}{amount:g}{code}"
    if unit == "weekend":
        return f"P{2 * int(amount)}D"
    return f"P{time_part}{int(amount)}{code}"


def _date_or_unresolved(day: dt.date | None, anchor: dt.date | None) -> str:
    return fmt_date(day) if anchor is not None and day is not None else "XXXX-XX-XX"


def _month_day(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    month, day = _month(g["month"]), _day(g["day"])  # type: ignore[arg-type]
    mod = _edge_mod(g.get("edge"))
    if g.get("year"):
        date = valid_date(_year(g["year"]), month, day)  # type: ignore[arg-type]
        return None if date is None else Resolved("DATE", fmt_date(date), mod)
    if valid_date(2000, month, day) is None:  # no such day in any year (April 31)
        return None
    if anchor is None:
        return Resolved("DATE", f"XXXX-{month:02d}-{day:02d}", mod)
    date = year_for_month_day(month, day, anchor, tense)
    return None if date is None else Resolved("DATE", fmt_date(date), mod)


def _iso(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    date = valid_date(_year(g["year"]), int(g["month"]), int(g["day"]))  # type: ignore[arg-type]
    if date is None:
        return None
    if g.get("hour"):
        return Resolved("TIME", f"{fmt_date(date)}T{g['hour']}:{g['minute']}")
    return Resolved("DATE", fmt_date(date))


def _slash(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    year = int(g["year"])  # type: ignore[arg-type]
    if year < 100:
        year += 1900 if year >= 30 else 2000
    date = valid_date(year, int(g["month"]), int(g["day"]))  # type: ignore[arg-type]
    return None if date is None else Resolved("DATE", fmt_date(date))


def _month_alone(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    month = _month(g["month"])  # type: ignore[arg-type]
    mod = _edge_mod(g.get("edge"))
    year_text, rel = _low(g.get("year")), _low(g.get("rel"))
    if year_text and year_text[0].isdigit():
        return Resolved("DATE", fmt_month(int(year_text), month), mod)
    if anchor is None:
        return Resolved("DATE", f"XXXX-{month:02d}", mod)
    if year_text:  # "March of last year"
        year = anchor.year + {"last": -1, "this": 0, "next": 1}[year_text.split()[0]]
    elif rel in ("last", "past", "this past"):
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel in ("next", "coming", "this coming"):
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "this":
        year = anchor.year
    elif rel in ("that", "the same"):
        return Resolved("DATE", f"XXXX-{month:02d}", mod)
    else:
        year = year_for_month(month, anchor, tense)
    return Resolved("DATE", fmt_month(year, month), mod)


def _with_part(date_value: str, part: str | None) -> Resolved:
    if part is None:
        return Resolved("DATE", date_value)
    return Resolved("TIME", f"{date_value}T{PART_CODES[part.lower()]}")


def _weekday(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    weekday = WEEKDAY_NUMBERS[g["wd"].lower()]  # type: ignore[union-attr]
    if g.get("plural"):
        return Resolved("SET", f"XXXX-WXX-{weekday}")
    rel = _low(g.get("rel"))
    value = (fmt_date(weekday_date(weekday, anchor, tense, rel)) if anchor is not None
             else f"XXXX-WXX-{weekday}")
    resolved = _with_part(value, g.get("part"))
    return resolved._replace(mod=_edge_mod(g.get("edge")))


_RELDAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _relday(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    rel = _low(g["rel"])
    date = None if anchor is None else anchor + dt.timedelta(days=_RELDAY_OFFSETS[rel])  # type: ignore[index]
    part = "night" if rel == "tonight" else g.get("part")
    return _with_part(_date_or_unresolved(date, anchor), part)._replace(mod=_edge_mod(g.get("edge")))


def _part(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    rel = _low(g["rel"])
    date = None if anchor is None else anchor - dt.timedelta(days=1 if rel == "last" else 0)
    return _with_part(_date_or_unresolved(date, anchor), g["part"])._replace(mod=_edge_mod(g.get("edge")))


def _clock(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    if g.get("hour24"):  # "18:00 UTC": a 24-hour clock, only with its zone
        hour, minute = int(g["hour24"]), int(g["minute24"])  # type: ignore[arg-type]
    elif g.get("noon"):
        hour, minute = (24 if g["noon"].lower() == "midnight" else 12), 0  # type: ignore[union-attr]
    else:
        hour, minute = int(g["hour"]) % 12, int(g.get("minute") or 0)  # type: ignore[arg-type]
        if g["ampm"].lower().startswith("p"):  # type: ignore[union-attr]
            hour += 12
    if g.get("wd"):
        day = _weekday(g, anchor, tense)
    elif g.get("rel"):
        day = _relday(g, anchor, tense)
    elif g.get("month"):
        day = _month_day(g, anchor, tense)
    else:
        day = Resolved("DATE", _date_or_unresolved(anchor, anchor))
    if day is None:
        return None
    zulu = "Z" if (g.get("zone") or "") in ("UTC", "GMT") else ""  # ISO 8601 marks UTC times with Z
    return Resolved("TIME", f"{day.value}T{hour:02d}:{minute:02d}{zulu}", "APPROX" if g.get("mod") else None)


def _unit_value(unit: str, delta: int, anchor: dt.date) -> str:
    """The value of the calendar unit containing the anchor, moved by delta units."""
    if unit == "week":
        return fmt_week(anchor + dt.timedelta(weeks=delta))
    if unit == "weekend":
        return fmt_week(anchor + dt.timedelta(weeks=delta)) + "-WE"
    if unit == "month":
        return fmt_month(*shift_months(anchor.year, anchor.month, delta))
    if unit == "quarter":
        year, quarter = shift_quarters(anchor.year, quarter_of(anchor), delta)
        return f"{year:04d}-Q{quarter}"
    if unit == "decade":
        return str(anchor.year // 10 + delta)
    if unit == "century":
        return str(anchor.year // 100 + delta)
    return f"{anchor.year + delta:04d}"


_UNRESOLVED_UNITS = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
                     "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX", "century": "XX"}
_REL_DELTAS = {"this": 0, "the current": 0, "last": -1, "past": -1, "previous": -1, "the previous": -1,
               "the prior": -1, "next": 1, "coming": 1, "the coming": 1}


def _rel_unit(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    rel, unit = _low(g["rel"]), _unit(g["unit"]).removeprefix("fiscal ")  # type: ignore[arg-type]
    if rel in ("the past", "the last", "the next"):  # TimeML: "the past year" is a duration
        return Resolved("DURATION", duration_value(1, unit))
    mod = _edge_mod(g.get("edge"))
    if anchor is None or rel not in _REL_DELTAS:  # "the following year": another reference
        return Resolved("DATE", _UNRESOLVED_UNITS[unit], mod)
    return Resolved("DATE", _unit_value(unit, _REL_DELTAS[rel], anchor), mod)


def _weekend(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    if anchor is None:
        return Resolved("DATE", "XXXX-WXX-WE")
    # Before Saturday, "the weekend" of a past-tense sentence is the one just past.
    past = tense == "PAST" and anchor.isoweekday() < 6
    return Resolved("DATE", _unit_value("weekend", -1 if past else 0, anchor))


def _quarter(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    number = ORDINALS[g["ord"].lower()]  # type: ignore[union-attr]
    half = g["unit"].lower() == "half"  # type: ignore[union-attr]
    if half and number > 2:
        return None
    code = f"H{number}" if half else f"Q{number}"
    the = _low(g.get("the")) or ""
    if g.get("year"):
        return Resolved("DATE", f"{g['year']}-{code}")
    if anchor is None:
        return Resolved("DATE", f"XXXX-{code}")
    current = (anchor.month - 1) // 6 + 1 if half else quarter_of(anchor)
    year = anchor.year
    if the.startswith("last year"):
        year -= 1
    elif the == "next":
        year += 1
    elif tense == "PAST" and number > current:
        year -= 1  # company reports name this year's quarters ahead of time: no future shift
    return Resolved("DATE", f"{year:04d}-{code}")


def _the_quarter(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    """Company reports: "the quarter" is the latest one ended; "the year-ago quarter" the
    same quarter a year before."""
    which = _low(g["which"])
    if anchor is None:
        return Resolved("DATE", "XXXX-QX")
    if "current" in which:  # type: ignore[operator]
        return Resolved("DATE", _unit_value("quarter", 0, anchor))
    if "year-" in which:  # type: ignore[operator]
        return Resolved("DATE", same_quarter_last_year(anchor))
    delta = -1
    if "previous" in which or "prior" in which:  # type: ignore[operator]
        delta = -2
    return Resolved("DATE", _unit_value("quarter", delta, anchor))


def same_quarter_last_year(anchor: dt.date) -> str:
    """The quarter a year before the latest one ended: what earnings reports compare with."""
    return _unit_value("quarter", -5, anchor)


def _fiscal(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    year = g["year"].lstrip("'’")  # type: ignore[union-attr]
    if len(year) == 2:
        year = ("19" if int(year) >= 30 else "20") + year
    return Resolved("DATE", year)


def _year_rel(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    rel = _low(g["rel"])
    end = "end" in rel  # type: ignore[operator]
    if anchor is None:
        return Resolved("DATE", "XXXX", "END" if end else None)
    return Resolved("DATE", f"{anchor.year - (0 if end else 1):04d}", "END" if end else None)


def _year_alone(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    return Resolved("DATE", g["year"], _edge_mod(g.get("edge")))  # type: ignore[arg-type]


def _decade(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    if g.get("year"):
        value = g["year"][:3]  # type: ignore[index]
    else:
        short = int(g["short"])  # type: ignore[arg-type]
        value = f"{19 if short >= 20 else 20}{short // 10}"
    return Resolved("DATE", value, _edge_mod(g.get("edge")))


def _century(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    number = int(g["num"])  # type: ignore[arg-type]
    return None if number == 0 else Resolved("DATE", f"{number - 1:02d}", _edge_mod(g.get("edge")))


def _season(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    season, rel = _low(g["season"]), _low(g.get("rel"))
    mod = _edge_mod(g.get("edge"))
    code = SEASON_CODES[season]  # type: ignore[index]
    if g.get("year"):
        return Resolved("DATE", f"{g['year']}-{code}", mod)
    if rel is None:  # "fall" the verb, "spring" the noun: only with a year or a determiner
        return None
    if anchor is None:
        return Resolved("DATE", f"XXXX-{code}", mod)
    return Resolved("DATE", season_value(season, anchor, rel), mod)  # type: ignore[arg-type]


def _ago(amount: float | None, unit: str, direction: int, anchor: dt.date | None) -> Resolved:
    """"two days ago", "a year earlier", "three weeks from now": a date at the unit's grain."""
    if amount is None or amount != int(amount):
        return Resolved("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF")
    steps = int(amount) * _UNIT_SCALE.get(unit, 1) * direction
    if anchor is None:
        grain = {"year": "XXXX", "decade": "XXXX", "century": "XXXX", "month": "XXXX-XX",
                 "quarter": "XXXX-QX"}
        return Resolved("DATE", grain.get(unit, "XXXX-XX-XX"))
    if unit in ("year", "decade", "century"):
        return Resolved("DATE", f"{anchor.year + steps:04d}")
    if unit in ("month", "quarter"):
        months = steps * (3 if unit == "quarter" else 1)
        return Resolved("DATE", fmt_month(*shift_months(anchor.year, anchor.month, months)))
    days = {"week": 7, "weekend": 7, "day": 1, "night": 1}.get(unit, 0) * steps
    return Resolved("DATE", fmt_date(anchor + dt.timedelta(days=days)))


def _duration(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    amount, unit = _number(g["num"]), _unit(g["unit"])  # type: ignore[arg-type]
    direction = _low(g.get("dir"))
    if direction and direction != "or so":
        return _ago(amount, unit, -1 if direction in ("ago", "earlier") else 1, anchor)
    mod = _DUR_MODS.get(_low(g.get("mod2")) or _low(g.get("mod")) or "")
    return Resolved("DURATION", duration_value(amount, unit), mod)


def _vague(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    rel, unit = _low(g["rel"]), _unit(g["unit"])  # type: ignore[arg-type]
    if rel == "recent":
        return Resolved("DATE", "PAST_REF")
    if rel in ("coming", "the coming"):
        return Resolved("DATE", "FUTURE_REF")
    return Resolved("DURATION", duration_value(None, unit))


def _set(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    words = _low(g["set"]).split()  # type: ignore[union-attr]
    if len(words) == 1:
        return Resolved("SET", _SET_VALUES[words[0]])
    last = words[-1]
    if last in WEEKDAY_NUMBERS:
        return Resolved("SET", f"XXXX-WXX-{WEEKDAY_NUMBERS[last]}")
    if last in PART_CODES:
        return Resolved("SET", f"XXXX-XX-XXT{PART_CODES[last]}")
    if last in SEASON_CODES:
        return Resolved("SET", f"XXXX-{SEASON_CODES[last]}")
    return Resolved("SET", duration_value(2 if "other" in words else 1, _unit(last)))


def _ref(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    return Resolved("DATE", _REF_VALUES.get(_low(g["ref"]), "FUTURE_REF"))  # type: ignore[arg-type]


def _holiday(g: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    rule = _HOLIDAYS[_low(g["holiday"])]  # type: ignore[index]
    if g.get("year"):
        return Resolved("DATE", fmt_date(rule(int(g["year"]))))  # type: ignore[arg-type]
    if anchor is None:
        fixed = rule(2001)  # a common year: the month/day of a fixed holiday
        movable = rule(2002) != fixed.replace(year=2002)
        return Resolved("DATE", "XXXX-XX-XX" if movable else f"XXXX-{fixed.month:02d}-{fixed.day:02d}")
    this_year = rule(anchor.year)
    date = year_for_month_day(this_year.month, this_year.day, anchor, tense)
    if date is not None and date.year != anchor.year:  # movable feasts differ by year
        date = rule(date.year)
    return Resolved("DATE", fmt_date(date or this_year))


NORMALIZERS: dict[str, Callable[[Groups, dt.date | None, Tense | None], Resolved | None]] = {
    "iso": _iso, "slash": _slash, "month_day": _month_day, "day_month": _month_day,
    "month": _month_alone, "weekday": _weekday, "relday": _relday, "part": _part, "clock": _clock,
    "rel_unit": _rel_unit, "weekend": _weekend, "quarter": _quarter, "the_quarter": _the_quarter,
    "fiscal": _fiscal, "year_rel": _year_rel, "year": _year_alone, "decade": _decade,
    "century": _century, "season": _season, "duration": _duration, "vague": _vague, "set": _set,
    "ref": _ref, "holiday": _holiday,
}
assert set(NORMALIZERS) == {rule.name for rule in RULES}, "every rule needs a normalizer"


def resolve(rule: str, groups: Groups, anchor: dt.date | None, tense: Tense | None) -> Resolved | None:
    """Type, value and mod of a match of `rule`, or None where it is not a time after all."""
    return NORMALIZERS[rule](groups, anchor, tense)


def normalize(expression: str, anchor: dt.date | None, tense: Tense | None = None) -> Resolved | None:
    """Type, value and mod of a whole expression ("last Friday", "April 14"), or None if no
    rule matches all of it. Tries the rules in order of their listing."""
    for rule in RULES:
        match = rule.regex.fullmatch(expression)
        if match is not None:
            resolved = resolve(rule.name, match.groupdict(), anchor, tense)
            if resolved is not None:
                return resolved
    return None
