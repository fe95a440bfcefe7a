"""Who is in an article: named mentions grouped into entities, their names, the speakers of
quotes resolved to them, and their profiles (gender as the text signals it)."""
