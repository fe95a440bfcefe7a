"""The language detector: other languages named on clear evidence, English (odd or short) never."""
from __future__ import annotations

import pytest
from support.samples import GERMAN, PARAGRAPH, RUSSIAN

from quotegraph.pipeline.language import detect_language


@pytest.mark.parametrize("text,code", [
    (GERMAN, "de"),
    (RUSSIAN, "ru"),
    ("La ministra dijo el lunes que el gobierno no va a cambiar la ley, pero los sindicatos creen que la "
     "reforma es un error para los trabajadores.", "es"),
    ("Le ministre a déclaré lundi que le gouvernement ne changera pas la loi, mais les syndicats pensent que "
     "la réforme est une erreur pour les travailleurs.", "fr"),
    ("O ministro disse na segunda-feira que o governo não vai mudar a lei, mas os sindicatos acham que a "
     "reforma é um erro para os trabalhadores.", "pt"),
    ("De minister zei maandag dat de regering de wet niet zal veranderen, maar de vakbonden vinden dat de "
     "hervorming een fout is voor de werknemers.", "nl"),
    ("Minister powiedział w poniedziałek, że rząd nie zmieni ustawy, ale związki zawodowe uważają, że "
     "reforma jest błędem dla pracowników.", "pl"),
    # informal Indonesian ("yg" for "yang"), made up; a real page of it passed as English
    ("Menteri bilang hari Senin pemerintah tdk akan ubah undang2, tapi serikat pekerja yg protes sudah bilang "
     "mereka kita pun jadi korban saat para pejabat diam saja.", "id"),
    ("東京都は月曜日、新しい橋の建設が冬までに完了しないと発表しました。市長は記者団に対し、難しい決断だったと語った。", "ja"),
    ("国务院新闻办公室星期一举行新闻发布会，介绍了今年经济运行的基本情况和下一步的工作安排。", "zh"),
])
def test_other_languages_are_named(text: str, code: str) -> None:
    found = detect_language(text)
    assert found is not None and found[0] == code


@pytest.mark.parametrize("text", [
    PARAGRAPH,
    "",
    "Yes.",
    "Le Monde and Der Spiegel said the talks in Brussels would go on, according to officials.",
    # English quoting a foreign phrase stays English
    '"La lucha continúa," the protesters chanted, and the minister said the government would listen to them.',
    "Путин said on Monday that the talks in Geneva were over, according to a statement from the Kremlin.",
    # English words that are also another language's function words ("a" in Portuguese)
    "said said says says says says says says don't a a a a a",
    "!!! ??? ... 12345 67890 --- *** ### @@@ $$$ %%% ^^^ &&& ((( ))) ___ +++ === ~~~ ``` ''' \"\"\"",
])
def test_english_and_unclear_texts_pass(text: str) -> None:
    assert detect_language(text) is None
