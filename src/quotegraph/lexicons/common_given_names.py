"""Common English-language given names with the gender they usually carry.

Only a tie-breaker for "he"/"she" between candidates; a name not listed gives no gender,
and a gender from the text itself (Mr., Mrs., a pronoun already resolved) wins.
"""
from __future__ import annotations

MALE = frozenset("""
aaron adam alan albert alex alexander andrew angelo anthony antonio arnold arthur barack ben benjamin
bernie bill billy bob brad bradley brandon brian bruce carl carlos charles charlie chris christopher chuck
colin craig dan daniel darren dave david dennis dick don donald doug douglas duncan ed eddie edward emmanuel
eric ernest frank fred frederick gary george gerald gordon greg gregory harold harry henry howard hugh ian
jack jacob jake james jason jeff jeffrey jeremy jerry jim jimmy joe joel john johnny jon jonathan jose joseph
josh joshua juan keith ken kenneth kevin larry lawrence lee leon louis luis luke marco marcus mark martin
matt matthew max michael mike mitch mitt mohammed muhammad nathan neil nicholas nick nigel oliver patrick paul
pete peter phil philip ralph ray raymond richard rick rob robert roger ron ronald ross roy russell ryan sam
samuel scott sean sergei simon stephen steve steven stuart ted terry thomas tim timothy todd tom tony vladimir
walter warren wayne william xi yuri nayib rand marco mitch kevin rudy chuck boris emmanuel olaf
justin narendra recep jair andres javier dean
""".split())

FEMALE = frozenset("""
alice alison amanda amy andrea angela ann anna anne barbara betty beverly brenda carol caroline catherine
cathy charlotte cheryl christina christine cindy claire daisy deborah debra diana diane donna doris dorothy
elizabeth ellen emily emma eva evelyn frances gina gloria hannah heather helen hillary jacqueline jane janet
janice jean jennifer jessica jill joan joanne joyce judith judy julia julie karen kate katherine kathleen
kathy kelly kim kimberly kristi laura lauren linda lisa lois lori louise lynn margaret maria marie marilyn
martha mary megan melania melissa michelle nancy natalie nicole nikki pamela patricia paula rachel rebecca
rose ruth sally samantha sandra sara sarah sharon shirley sophie stephanie susan suzanne teresa theresa
tina tracy ursula victoria virginia wendy angela theresa kamala marine giorgia jacinda
""".split())


def gender_of(first_name: str) -> str | None:
    name = first_name.lower().strip(".")
    if name in MALE:
        return "m"
    if name in FEMALE:
        return "f"
    return None
