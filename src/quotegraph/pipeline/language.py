"""Is an article in English? A light detector: the script of its letters, then the share of
common function words of each language. It names another language only on clear evidence;
short or unclear texts count as English, so that odd English is never turned away."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

# Enough of the text to decide on, and the least evidence to decide at all.
_SAMPLE_CHARS = 20_000
_MIN_LETTERS = 40
_MIN_WORDS = 15
# Another Latin-script language must cover this share of the words, and twice English's.
_MIN_SHARE = 0.15
_MARGIN = 2.0

_WORD = re.compile(r"[^\W\d_]+")

# Frequent function words, leaving out those that are also common English words.
_STOPWORDS: dict[str, tuple[str, str]] = {
    "en": ("English", "the of and to in is that for it was on with as by at from he his said are be this have"),
    "es": ("Spanish", "el la los las del que y en un una por con para es se al lo como más pero sus le ya o fue"),
    "fr": ("French", "le la les des du que et un une est pour dans qui sur pas au avec ce il elle sont aux été"),
    "de": ("German", "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es wird sie"),
    "it": ("Italian", "il di che la è e per un una del della non con sono le gli ha si dei nel alla ma anche"),
    "pt": ("Portuguese", "de que o os do da em um uma para com não se na dos das é mais ao foi pelo pela"),
    "nl": ("Dutch", "de het een en van dat niet op te zijn met voor er maar ook als bij werd naar wordt"),
    "sv": ("Swedish", "och att det som en är på för med av till den inte har om var ett jag också"),
    "pl": ("Polish", "w nie na się że z jest jak po co ale tak od za jego przez są dla"),
    "id": ("Indonesian", "yang yg dan di ini itu dengan untuk tidak dari dalam akan pada juga ke karena ada sudah "
                         "mereka kita pun para saat jadi"),
    "tr": ("Turkish", "ve bir bu da de için ile çok ne gibi daha olarak ama sonra kadar değil olan"),
}
_WORDS = {code: frozenset(words.split()) for code, (_, words) in _STOPWORDS.items()}
_NAMES = {code: name for code, (name, _) in _STOPWORDS.items()}

# Scripts other than Latin: (code, name) of the language they most likely are.
_SCRIPTS: dict[str, tuple[str, str]] = {
    "CYRILLIC": ("ru", "Russian or another Cyrillic-script language"),
    "GREEK": ("el", "Greek"),
    "ARABIC": ("ar", "Arabic or another Arabic-script language"),
    "HEBREW": ("he", "Hebrew"),
    "DEVANAGARI": ("hi", "Hindi or another Devanagari-script language"),
    "BENGALI": ("bn", "Bengali"),
    "THAI": ("th", "Thai"),
    "HANGUL": ("ko", "Korean"),
    "HIRAGANA": ("ja", "Japanese"),
    "KATAKANA": ("ja", "Japanese"),
    "CJK": ("zh", "Chinese"),
    "ARMENIAN": ("hy", "Armenian"),
    "GEORGIAN": ("ka", "Georgian"),
}


def detect_language(text: str) -> tuple[str, str] | None:
    """(ISO 639-1 code, name) of the language of `text` where it is clearly not English,
    else None (English, or too little or too mixed to tell)."""
    sample = text[:_SAMPLE_CHARS]
    scripts = Counter(_script(char) for char in sample if char.isalpha())
    letters = sum(scripts.values())
    if letters < _MIN_LETTERS:
        return None
    script, count = scripts.most_common(1)[0]
    if script != "LATIN":
        if count / letters > 0.5 and script in _SCRIPTS:
            # Japanese mixes kana with Chinese characters: any kana decides it.
            if script == "CJK" and (scripts["HIRAGANA"] or scripts["KATAKANA"]):
                return _SCRIPTS["HIRAGANA"]
            return _SCRIPTS[script]
        return None
    words = [word.lower() for word in _WORD.findall(sample)]
    if len(words) < _MIN_WORDS:
        return None
    shares = {code: sum(word in stop for word in words) / len(words) for code, stop in _WORDS.items()}
    english = shares.pop("en")
    code, share = max(shares.items(), key=lambda pair: pair[1])
    if share >= _MIN_SHARE and share > _MARGIN * english:
        return code, _NAMES[code]
    return None


def _script(char: str) -> str:
    if char.isascii():
        return "LATIN"
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"
