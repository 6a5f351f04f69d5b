"""How the admin, exports and reports name a person (clause 5.3 roles and responsibilities).

Records name their owner, chair or evaluator by the person's name, not by the login: a
Chinese name (family name, then given name, both in Han characters) is written without a
space, ``王芳``; other names as Django writes them, ``Fang Wang``; the login only when no name
is recorded.
"""


def _is_han(char: str) -> bool:
    """A CJK unified ideograph (basic block or extension A)."""
    return "\u3400" <= char <= "\u9fff"


def person_name(user) -> str:
    """The display name of ``user`` ("" for ``None``); issues no query."""
    if user is None:
        return ""
    first = (getattr(user, "first_name", "") or "").strip()
    last = (getattr(user, "last_name", "") or "").strip()
    if first and last and _is_han(first[0]) and _is_han(last[-1]):
        return f"{last}{first}"
    full = " ".join(part for part in (first, last) if part)
    return full or user.get_username()
