"""Made-up inputs that tests in several folders share (test modules never import one another)."""
from __future__ import annotations

# A paragraph with a direct and an indirect statement (test_api.py cuts huge articles of it;
# the language detector must take it for English).
PARAGRAPH = (
    "“We will rebuild the bridge before the winter comes,” said Mayor Jane Smith on Tuesday. "
    "She told reporters that the cost, according to the council, was \"far higher than "
    "expected\" and that work would start in May.\n\n"
)

# Articles in other languages, which extract answers with an error naming the language.
GERMAN = ("Die Regierung hat am Montag erklärt, dass die neue Brücke nicht vor dem Winter fertig wird. "
          "Der Bürgermeister sagte, es sei eine schwierige Entscheidung für die Stadt und ihre Bürger, "
          "und die Kosten würden auch im nächsten Jahr weiter steigen.")
RUSSIAN = ("Правительство заявило в понедельник, что новый мост не будет построен до зимы. "
           "Мэр сказал журналистам, что это было трудное решение для города.")

# An HTML news page with a title, a canonical URL, a date and two paragraphs (the readers').
GOOD_HTML = b"""<html><head><title>Minister speaks | Example News</title>
<link rel="canonical" href="https://news.example.com/minister-speaks">
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Minister speaks</h1>
<p>The minister said that the plan would go ahead next week, despite the protests in the capital.</p>
<p>"We will not back down," she told reporters on Tuesday evening at the ministry.</p>
</article></body></html>"""
