"""Reading people, positions, organisations and dates out of English document text.

These are the shared heuristics of the text converters. They are deliberately conservative: a name
they cannot place is left as written rather than guessed.
"""

from __future__ import annotations

import re

from ..model import Agent, DateValue
from ..sources.da_page import MONTHS

# Head words of positions and honorifics, longest first where they overlap.
POSITION_WORDS = (
    "Vice Premier", "Vice Minister", "Deputy Minister", "Foreign Minister", "Prime Minister", "Vice Chairman",
    "General Secretary", "First Secretary", "Second Secretary", "Third Secretary", "1st Secretary",
    "Deputy Director", "Deputy Head", "Vice President", "Colonel General", "Lieutenant General",
    "Major General", "Chargé d'Affaires", "Charge d'Affaires", "Ambassador", "Minister", "Premier",
    "Chairman", "President", "Secretary", "Director", "Head", "Counselor", "Counsellor", "Marshal",
    "General", "Admiral", "Colonel", "Consul", "Attaché", "Comrade", "Cde.", "Cde", "Mr.", "Mrs.", "Ms.", "Dr.",
    "Prof.", "Professor", "Chancellor", "King", "Queen", "Prince", "Leader", "Commander", "Envoy",
)
_POSITION = "|".join(re.escape(w) for w in sorted(POSITION_WORDS, key=len, reverse=True))
POSITION_RE = re.compile(rf"^(?:the\s+)?(?:(?:{_POSITION})(?!\w)\.?\s*)+", re.IGNORECASE)
HONORIFICS = frozenset({"comrade", "comrades", "cde", "cde.", "comr.", "mr.", "mrs.", "ms.", "dr.", "prof.", "professor"})

ORG_WORDS = (
    "Ministry", "Ministries", "Committee", "Department", "Government", "Institute", "University", "Archive",
    "Archives", "Center", "Centre", "Office", "Agency", "Embassy", "Party", "Council", "Bureau", "Foundation",
    "Fund", "Inc", "Ltd", "LLC", "Company", "Corporation", "Commission", "Presidium", "Politburo",
    "Secretariat", "Assembly", "Congress", "Directorate", "Section", "Division", "Press", "Library",
    "Association", "Society", "Academy", "Administration", "Service", "Command",
    "Delegation", "Consulate", "Legation", "Mission", "Brands",
)
_ORG_RE = re.compile(rf"\b(?:{'|'.join(ORG_WORDS)})\b")

# Countries and polities that follow "to" / "of" / "in" in a position ("Ambassador of the Soviet Union to China").
POLITIES = (
    "People's Republic of China", "Soviet Union", "USSR", "PRC", "China", "DPRK", "North Korea", "South Korea",
    "Korea", "Cuba", "United States", "USA", "US", "Japan", "Vietnam", "North Vietnam", "Mongolia",
    "Mongolian People's Republic", "Poland", "PRL", "Hungary", "GDR", "East Germany", "West Germany", "FRG",
    "Germany", "Czechoslovakia", "Romania", "Bulgaria", "Yugoslavia", "Albania", "India", "Pakistan",
    "Indonesia", "Iran", "Iraq", "Egypt", "Israel", "France", "Britain", "Great Britain", "United Kingdom", "UK",
    "Italy", "Laos", "Cambodia", "Burma", "Afghanistan", "Turkey", "Syria", "Austria", "Finland", "Sweden",
    "Canada", "Brazil", "Argentina", "Chile", "Mexico", "Ethiopia", "Angola", "Mozambique", "Algeria",
    "Azerbaijan", "Kazakhstan", "Ukraine", "Georgia", "Armenia", "Belarus", "Lithuania", "Latvia", "Estonia",
    "Moscow", "Beijing", "Peking", "Pyongyang", "Berlin", "Warsaw", "Prague", "Budapest", "Bucharest",
    "Sofia", "Belgrade", "Hanoi", "Havana", "Tokyo", "Washington", "Xinjiang",
)
_POLITY = "|".join(re.escape(p) for p in sorted(POLITIES, key=len, reverse=True))

# Chinese and Korean family names are written first; for these the family name is the first word.
EAST_ASIAN_SURNAMES = frozenset("""
zhang wang li liu chen yang zhao huang zhou wu xu sun hu zhu gao lin he guo ma luo liang song zheng xie han
tang feng yu dong xiao cheng cao yuan deng fu shen zeng peng lu su jiang cai jia ding wei xue ye yan pan du
dai xia zhong tian ren fan fang shi yao tan liao zou xiong jin hao kong bai cui kang mao qiu qin gu hou shao
meng long wan duan lei qian yin yi chang qiao lai gong wen geng ji kim pak park choe choi ri rim jo jang
chou chu teng chiang
""".split())

_BRACKET = re.compile(r"\[([^\]]*)\]")


def unbracket(name: str) -> str:
    """Drop editorial brackets but keep what they hold: ``[Stepan] Chervonenko`` → ``Stepan Chervonenko``."""
    return re.sub(r"\s+", " ", _BRACKET.sub(r"\1", name)).strip()


def is_organization(name: str) -> bool:
    """True when a name reads as an organisation (``Ministry of …``, ``7Brands``, ``Henry Luce Foundation``)."""
    bare = unbracket(name)
    if _ORG_RE.search(bare):
        return True
    words = bare.split()
    return len(words) == 1 and bool(re.search(r"\d", bare))


def family_name(name: str) -> str:
    """The family name: the first word of an East Asian name, else the last word."""
    words = unbracket(name).split()
    if not words:
        return ""
    if len(words) in (2, 3) and words[0].casefold() in EAST_ASIAN_SURNAMES:
        return words[0]
    return words[-1]


def split_position(text: str) -> tuple[str | None, str]:
    """Split ``Vice Minister Zhang Hanfu`` into (``Vice Minister``, ``Zhang Hanfu``).

    A position may carry complements naming an organisation or country
    (``the Ambassador of the Soviet Union to China Chervonenko``); the name is what follows them.
    """
    text = text.strip()
    m = POSITION_RE.match(text)
    if not m:
        return None, text
    position = m.group(0).strip()
    rest = text[m.end():]
    # complements: "of the Soviet Union", "to China", "in the DPRK", "of the Department of X Affairs"
    comp = re.compile(
        rf"^(?:(?:of|to|in|at|for)\s+(?:the\s+)?(?:{_POLITY}|(?:[A-Z][\w'’-]*\s+)*?(?:{'|'.join(ORG_WORDS)})"
        rf"(?:\s+(?:of|for)\s+(?:the\s+)?(?:{_POLITY}|[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*)*))?)\s*)"
    )
    while (c := comp.match(rest)):
        position += " " + c.group(0).strip()
        rest = rest[c.end():]
    position = re.sub(r"^the\s+", "", position, flags=re.IGNORECASE).strip(" ,")
    # "Comrade", "Dr.": forms of address, not offices
    position = " ".join(w for w in position.split() if w.casefold() not in HONORIFICS)
    return position or None, rest.strip(" ,")


def looks_like_name(text: str) -> bool:
    """One to four capitalised words (editorial brackets and initials allowed)."""
    words = unbracket(text).split()
    return 1 <= len(words) <= 4 and all(re.match(r"^[A-Z\u00c0-\u024f][\w.'’\-]*$", w) for w in words)


def make_agent(written: str, *, position: str | None = None, kind: str | None = None) -> Agent:
    """An :class:`Agent` from a name as written; brackets resolved, the written form kept."""
    name = unbracket(written)
    agent = Agent(name=name, kind=kind or ("organization" if is_organization(name) else "person"),  # type: ignore[arg-type]
                  position=position)
    agent.add_form(written.strip())
    return agent


def parse_date(text: str, *, year: int | None = None, month_first_year: int | None = None) -> DateValue | None:
    """Read a date written as ``June 8, 1962``, ``8 June 1962``, ``November 04, 1962``, ``June 1962``,
    ``1962``, ``1962-06-08``, or ``22 June`` (with ``year`` supplied).

    >>> parse_date("November 04, 1962").iso, parse_date("8 June 1962, 5:00 p.m.").iso, parse_date("22 June", year=1962).iso
    ('1962-11-04', '1962-06-08', '1962-06-22')
    """
    t = text.strip()
    if m := re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$", t):
        return _checked(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)
    months = "|".join(MONTHS)
    if m := re.match(rf"^({months})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", t, re.IGNORECASE):
        return _checked(int(m[3]), MONTHS.index(m[1].lower()) + 1, int(m[2]))
    if m := re.match(rf"^(\d{{1,2}})\s+({months})\.?,?\s+(\d{{4}})\b", t, re.IGNORECASE):
        return _checked(int(m[3]), MONTHS.index(m[2].lower()) + 1, int(m[1]))
    if m := re.match(rf"^({months}),?\s+(\d{{4}})$", t, re.IGNORECASE):
        return _checked(int(m[2]), MONTHS.index(m[1].lower()) + 1, None)
    if m := re.match(r"^(\d{4})$", t):
        return DateValue(m[1])
    if year and (m := re.match(rf"^(\d{{1,2}})\s+({months})\b|^({months})\s+(\d{{1,2}})\b", t, re.IGNORECASE)):
        day, month = (m[1], m[2]) if m[1] else (m[4], m[3])
        return _checked(year, MONTHS.index(month.lower()) + 1, int(day))
    return None


def _checked(year: int, month: int, day: int | None) -> DateValue | None:
    import calendar

    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return DateValue(f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else ""))


def parse_time(text: str) -> str | None:
    """``5:00 p.m.`` → ``17:00:00``; ``10.30 am`` → ``10:30:00``; ``14:15`` → ``14:15:00``."""
    m = re.search(r"\b(\d{1,2})[:.](\d{2})\s*(a\.?\s?m\.?|p\.?\s?m\.?)?(?!\w)", text, re.IGNORECASE)
    if not m:
        return None
    hour, minute = int(m[1]), int(m[2])
    if m[3]:
        pm = m[3].lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}:00"


_POSITION_ANY = re.compile(rf"\b(?:{_POSITION})(?!\w)", re.IGNORECASE)


def position_head(position: str | None) -> str | None:
    """The office a position names, casefolded: ``the Ambassador of the Soviet Union to China`` → ``ambassador``."""
    if not position:
        return None
    found = [m.group(0).casefold() for m in _POSITION_ANY.finditer(position)]
    found = [f for f in found if f not in HONORIFICS]
    return found[0] if found else None
