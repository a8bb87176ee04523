"""Reading people, positions, organisations and dates out of English document text.

These are the shared heuristics of the text converters. They are deliberately conservative: a name
they cannot place is left as written rather than guessed.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from ..model import Agent, DateValue
from ..sources.da_page import MONTHS

# Head words of positions and honorifics, longest first where they overlap.
POSITION_WORDS = (
    "Vice Premier", "Vice Minister", "Deputy Minister", "Foreign Minister", "Prime Minister", "Vice Chairman",
    "General Secretary", "First Secretary", "Second Secretary", "Third Secretary", "1st Secretary",
    "2nd Secretary", "3rd Secretary", "Executive Secretary", "Assistant Secretary", "Special Assistant",
    "Deputy Director", "Deputy Head", "Vice President", "Colonel General", "Lieutenant General",
    "Lieutenant Colonel", "Major General", "Chargé d'Affaires", "Charge d'Affaires", "Ambassador", "Minister",
    "Premier", "Chairman", "President", "Secretary", "Director", "Head", "Counselor", "Counsellor", "Marshal",
    "General", "Admiral", "Colonel", "Major", "Captain", "Lieutenant", "Consul", "Attaché", "Deputy", "Chief",
    "Adviser", "Advisor", "Assistant", "Governor", "Mayor", "Senator", "Comrade", "Cde.", "Cde", "Mr.", "Mrs.",
    "Ms.", "Dr.", "Prof.", "Professor", "Chancellor", "King", "Queen", "Prince", "Leader", "Commander", "Envoy",
)
_POSITION = "|".join(re.escape(w) for w in sorted(POSITION_WORDS, key=len, reverse=True))
POSITION_RE = re.compile(rf"^(?:the\s+)?(?:(?:{_POSITION})(?!\w)\.?\s*)+", re.IGNORECASE)
HONORIFICS = frozenset({"comrade", "comrades", "cde", "cde.", "cdes", "cdes.", "comr.", "comr", "comrs.", "comrs",
                        "tov.", "mr.", "mr", "mrs.", "mrs", "ms.", "dr.", "dr", "prof.", "professor", "sir", "madame",
                        "mme.", "messrs."})

ORG_WORDS = (
    "Ministry", "Ministries", "Committee", "Department", "Government", "Institute", "University", "Archive",
    "Archives", "Center", "Centre", "Office", "Agency", "Embassy", "Party", "Council", "Bureau", "Foundation",
    "Fund", "Inc", "Ltd", "LLC", "Company", "Corporation", "Commission", "Presidium", "Politburo",
    "Secretariat", "Assembly", "Congress", "Directorate", "Section", "Division", "Press", "Library",
    "Association", "Society", "Academy", "Administration", "Service", "Command",
    "Delegation", "Consulate", "Legation", "Mission", "Brands", "Branch", "Commissariat", "Group",
    "Headquarters", "Cabinet", "Subdivision", "Board", "Federation", "League", "Authorities", "Embassies",
)
_ORG_RE = re.compile(rf"\b(?:{'|'.join(ORG_WORDS)})\b")
#: Abbreviations that name parties, state organs and agencies ("CC CPSU", "MfS", "VKP(b)").
ORG_ACRONYMS = frozenset("""
cc cpsu ccp cpc kgb mfa mid sed puwp pzpr hswp mszmp wpk kwp un nato cia nsc gru nkvd mgb mvd rcp pcr bcp bkp cpcz
ksc ksč lcy skj cpv vwp lprp aec usaec iaea eec cmea comecon tass mfs mfaa vkp(b) cp(b) cc(b) kmt pla kpa nlf prg
uar oau narkomindel narkomvneshtorg stasi mnd mgimo ckp pci pcf spd cdu kpd kpö pcc psp
""".split())
_ORG_ACRONYM_RE = re.compile(
    r"(?<![\w(])(?:" + "|".join(re.escape(a) for a in sorted(ORG_ACRONYMS, key=len, reverse=True)) + r")(?![\w(])",
    re.IGNORECASE)

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
    "People's Republic of Poland", "Polish People's Republic", "Guinea", "Ghana", "Mali", "Tanzania", "Zambia",
    "Nigeria", "Libya", "Tunisia", "Morocco", "Sudan", "Somalia", "Kenya", "Congo", "Nicaragua", "Taiwan", "Tibet",
    "Thailand", "Philippines", "Malaysia", "Ceylon", "Sri Lanka", "Nepal", "Bangladesh", "Lebanon", "Greece",
    "Cyprus", "Spain", "Portugal", "Netherlands", "Belgium", "Denmark", "Norway", "Switzerland", "Ulan Bator",
    "Bonn", "London", "Paris", "Rome", "Vienna", "Geneva", "New York", "Shanghai", "Seoul", "Saigon", "Vientiane",
    "Rangoon", "Jakarta", "Delhi", "New Delhi", "Kabul", "Tehran", "Baghdad", "Cairo", "Damascus", "Ankara",
    "Baku", "Tirana", "Kiev", "Minsk", "Leningrad", "Manchuria", "Southern Azerbaijan", "Soviet Azerbaijan",
)
_POLITY = "|".join(re.escape(p) for p in sorted(POLITIES, key=len, reverse=True))
_POLITY_SET = frozenset(p.casefold() for p in POLITIES)

NATIONALITIES = frozenset("""
soviet russian chinese korean japanese mongolian vietnamese polish hungarian romanian bulgarian czechoslovak czech
slovak yugoslav yugoslavian albanian german cuban american british english french italian indian indonesian israeli
egyptian iranian iraqi syrian afghan pakistani turkish finnish swedish austrian canadian lao laotian cambodian
burmese ethiopian angolan algerian azerbaijani ukrainian georgian armenian kazakh uzbek serbian croatian slovenian
macedonian greek spanish portuguese dutch belgian danish norwegian swiss mexican brazilian argentine chilean
nicaraguan guinean ghanaian tanzanian zambian nigerian libyan tunisian moroccan saudi jordanian lebanese
palestinian thai filipino malaysian taiwanese tibetan uyghur western eastern northern southern asian european
african latin arab sino-soviet sino-korean
""".split())

# Words that are never part of a person's name where headers and titles name people.
_DOMAIN_WORDS = """
affairs foreign state security trade defense defence interior internal justice finance economic economy culture
cultural education agriculture industry relations staff chief adviser advisor deputy acting member members candidate
candidates section vice national public people's people’s peoples democratic socialist communist workers worker's
workers' central supreme executive assistant special senior junior first second third fourth fifth near far middle
east west north south white house room hall residence palace kremlin copy copies file secret top strictly
confidential urgent personal note notes memorandum telegram cable letter record minutes report subject date time
place venue the a an and on in of to from with between about re dear meeting meetings summit session conversation
conversations talks discussion negotiations reception visit military armed forces force army navy air intelligence
information propaganda organization organisation planning science technology health labor labour transport
communications railways construction energy atomic nuclear commerce ministers commissar plenipotentiary
extraordinary resident representative representatives spokesman official officials officer excellency highness
majesty honorable his her their our your my its mr mrs ms dr prof cde comrade comrades copy no nº n° enclosure
attachment annex appendix regarding concerning translation translated original draft approved signed stamp
handwritten illegible page pages division regional ministry embassy republic union kingdom states great
""".split()
_NON_NAME = frozenset(
    {w.casefold().strip(".,") for phrase in (*POSITION_WORDS, *ORG_WORDS, *POLITIES) for w in phrase.split()}
    | set(_DOMAIN_WORDS) | NATIONALITIES | HONORIFICS | ORG_ACRONYMS | set(MONTHS)
)
_PREPOSITIONS = frozenset({"of", "to", "in", "at", "for", "from", "on", "by", "with", "and", "under"})
_PARTICLES = frozenset({"de", "van", "von", "der", "da", "di", "la", "le", "du", "bin", "ibn", "al", "el", "y", "dos"})

# Chinese and Korean family names are written first; for these the family name is the first word.
EAST_ASIAN_SURNAMES = frozenset("""
zhang wang li liu chen yang zhao huang zhou wu xu sun hu zhu gao lin he guo ma luo liang song zheng xie han
tang feng yu dong xiao cheng cao yuan deng fu shen zeng peng lu su jiang cai jia ding wei xue ye yan pan du
dai xia zhong tian ren fan fang shi yao tan liao zou xiong jin hao kong bai cui kang mao qiu qin gu hou shao
meng long wan duan lei qian yin yi chang qiao lai gong wen geng ji kim pak park choe choi ri rim jo jang
chou chu teng chiang
""".split())

_BRACKET = re.compile(r"\[([^\]]*)\]")
_SPACE_RUN = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_NAME_WORD = re.compile(r"^[A-Z\u00c0-\u024f][\w.'’\-]*$")


def unbracket(name: str) -> str:
    """Drop editorial brackets but keep what they hold: ``[Stepan] Chervonenko`` → ``Stepan Chervonenko``."""
    if "[" in name:
        name = _BRACKET.sub(r"\1", name)
    return " ".join(name.split())


def is_organization(name: str) -> bool:
    """True when a name reads as an organisation (``Ministry of …``, ``7Brands``, ``CC CPSU``).

    >>> is_organization("Henry Luce Foundation"), is_organization("CC CPSU"), is_organization("Zhou Enlai")
    (True, True, False)
    """
    bare = unbracket(name)
    if _ORG_RE.search(bare) or _ORG_ACRONYM_RE.search(bare):
        return True
    words = bare.split()
    return len(words) == 1 and bool(_DIGIT.search(bare))


def family_name(name: str) -> str:
    """The family name: the first word of an East Asian name, else the last word."""
    words = unbracket(name).split()
    if not words:
        return ""
    if len(words) in (2, 3) and words[0].casefold() in EAST_ASIAN_SURNAMES:
        return words[0]
    return words[-1]


# complements of a position: "of the Soviet Union", "to China", "in the DPRK", "of the Department of X Affairs"
_COMPLEMENT = re.compile(
    rf"^(?:(?:of|to|in|at|for)\s+(?:the\s+)?(?:{_POLITY}|(?:[A-Z][\w'’-]*\s+)*?(?:{'|'.join(ORG_WORDS)})"
    rf"(?:\s+(?:of|for)\s+(?:the\s+)?(?:{_POLITY}|[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*)*))?)\s*)"
)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"^(?:the|an?)\s+(?=[A-Z\d])", re.IGNORECASE)


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
    while (c := _COMPLEMENT.match(rest)):
        position += " " + c.group(0).strip()
        rest = rest[c.end():]
    position = _LEADING_THE.sub("", position).strip(" ,")
    # "Comrade", "Dr.": forms of address, not offices
    position = " ".join(w for w in position.split() if w.casefold() not in HONORIFICS)
    return position or None, rest.strip(" ,")


def looks_like_name(text: str) -> bool:
    """One to four capitalised words (editorial brackets and initials allowed)."""
    words = unbracket(text).split()
    return 1 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words)


def make_agent(written: str, *, position: str | None = None, kind: str | None = None) -> Agent:
    """An :class:`Agent` from a name as written; brackets resolved, the written form kept."""
    name = unbracket(written)
    agent = Agent(name=name, kind=kind or ("organization" if is_organization(name) else "person"),  # type: ignore[arg-type]
                  position=position)
    agent.add_form(written.strip())
    return agent


_SMALL_WORDS = frozenset("a an and as at between by for from in into of on or regarding the to with about concerning "
                         "re over under during after before".split())
_CAPS_KEEP = ORG_ACRONYMS | {p.casefold() for p in POLITIES if p.isupper()} | {"ussr", "us", "u.s.", "uk", "un"}
_UPPER_LETTERS = re.compile(r"[A-Z\u00c0-\u00de]")
_LOWER_LETTERS = re.compile(r"[a-z\u00df-\u00ff]")


def is_upper_case(text: str) -> bool:
    """True for a line written in capitals (``MEMORANDUM OF CONVERSATION BETWEEN …``)."""
    upper = len(_UPPER_LETTERS.findall(text))
    return upper >= 8 and len(_LOWER_LETTERS.findall(text)) * 10 < upper


def title_case(text: str) -> str:
    """Write a title set in capitals as a title: ``MEMORANDUM OF CONVERSATION BETWEEN SOVIET AMBASSADOR
    S.V. CHERVONENKO AND LIU SHAOQI`` → ``Memorandum of Conversation between Soviet Ambassador S.V. Chervonenko
    and Liu Shaoqi``; abbreviations (``CC CPSU``, ``USSR``), initials and Roman numerals stay in capitals.

    >>> title_case("CIPHERED TELEGRAM FROM A.I. MIKOYAN TO CC CPSU")
    'Ciphered Telegram from A.I. Mikoyan to CC CPSU'
    """
    out = []
    for k, word in enumerate(text.split()):
        bare = word.strip("[]()\"'“”‘’,.:;")
        folded = bare.casefold()
        if k and folded in _SMALL_WORDS:
            out.append(word.lower())
        elif folded in _CAPS_KEEP or _INITIALS.match(bare + ".") or _INITIALS.match(bare) or _ROMAN_NUMERAL.match(bare):
            out.append(word)
        else:
            out.append("-".join(part[:1] + part[1:].lower() for part in word.split("-")))
    return " ".join(out)


# --- footnotes and editorial marks ----------------------------------------------------------------------

_FOOTNOTE = re.compile(
    r"\s?\[\d{1,3}\]|(?<=[^\s(\d])\(\d{1,2}\)|(?<=[.,;:!?”\"’)\]])\d{1,2}(?=\s|$)|\s\(\d{1,2}\)$")
_SIC = re.compile(r"\s*\[(?:sic!?|\?|illegible|unclear|name illegible)\]", re.IGNORECASE)


def strip_footnotes(text: str) -> str:
    """Drop footnote markers (``MfS[1]``, ``Budapest(2)``, ``Congress.7``) and ``[sic]`` from a name or line.

    >>> strip_footnotes("Colonel General Ch’oe Dwu Sen [sic], in the MfS[1] (2)")
    'Colonel General Ch’oe Dwu Sen, in the MfS'
    """
    if "[" in text or "(" in text or "." in text or "," in text:
        text = _SIC.sub("", _FOOTNOTE.sub("", text))
    return text.strip()


# --- dates -----------------------------------------------------------------------------------------------

_MONTHS_ALT = "|".join(MONTHS)
_ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_ROMAN = "|".join(sorted(_ROMAN_MONTHS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"
_D_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_D_MDY = re.compile(rf"^({_MONTHS_ALT})\.?\s+(\d{{1,2}}){_ORD},?\s+(\d{{4}})\b", re.IGNORECASE)
_D_DMY = re.compile(rf"^(\d{{1,2}}){_ORD}\s+(?:of\s+)?({_MONTHS_ALT})\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
_D_YMD = re.compile(rf"^(\d{{4}}),?\s+({_MONTHS_ALT})\.?\s+(\d{{1,2}}){_ORD}\b", re.IGNORECASE)
_D_ROMAN = re.compile(rf"^(\d{{1,2}})\s?\.\s?({_ROMAN})\s?\.\s?(\d{{4}})\b")
_D_NUMERIC = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_D_MY = re.compile(rf"^({_MONTHS_ALT}),?\s+(\d{{4}})$", re.IGNORECASE)
_D_Y = re.compile(r"^(\d{4})$")
_D_DM = re.compile(rf"^(\d{{1,2}}){_ORD}\s+({_MONTHS_ALT})\b|^({_MONTHS_ALT})\s+(\d{{1,2}}){_ORD}\b", re.IGNORECASE)
_D_RANGE = re.compile(rf"^(\d{{1,2}}){_ORD}\s*(?:and|-|–|to|&)\s*\d{{1,2}}{_ORD}\s+({_MONTHS_ALT}),?\s+(\d{{4}})\b",
                      re.IGNORECASE)
#: A date anywhere in a line (``Moscow, 4 December 1989``, ``on 22.X.1957``, ``8 June 1962, 5:00 p.m.``).
DATE_SEARCH = re.compile(
    rf"(?<![\w.])(?:\d{{1,2}}{_ORD}\s*(?:(?:and|-|–|to|&)\s*\d{{1,2}}{_ORD}\s+)?(?:of\s+)?"
    rf"(?:{_MONTHS_ALT})\.?,?\s+\d{{4}}"
    rf"|(?:{_MONTHS_ALT})\.?\s+\d{{1,2}}{_ORD},?\s+\d{{4}}|\d{{4}},?\s+(?:{_MONTHS_ALT})\.?\s+\d{{1,2}}{_ORD}"
    rf"|\d{{1,2}}\s?\.\s?(?:{_ROMAN})\s?\.\s?\d{{4}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}})(?![\w])",
    re.IGNORECASE)


def parse_date(text: str, *, year: int | None = None, month_first_year: int | None = None) -> DateValue | None:
    """Read a date written as ``June 8, 1962``, ``8 June 1962``, ``November 04, 1962``, ``June 1962``,
    ``1962``, ``1962-06-08``, ``24.X.1957``, ``1972 September 25th``, ``9 and 12 July 1956`` (the first
    day), or ``22 June`` (with ``year`` supplied).

    >>> parse_date("November 04, 1962").iso, parse_date("8 June 1962, 5:00 p.m.").iso
    ('1962-11-04', '1962-06-08')
    >>> parse_date("22 June", year=1962).iso
    '1962-06-22'
    >>> parse_date("24.X.1957").iso, parse_date("September 1944").datatype, parse_date("1958").datatype
    ('1957-10-24', 'gYearMonth', 'gYear')
    """
    t = text.strip()
    if not t:
        return None
    if m := _D_ISO.match(t):
        return _checked(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)
    if m := _D_MDY.match(t):
        return _checked(int(m[3]), MONTHS.index(m[1].lower()) + 1, int(m[2]))
    if m := _D_DMY.match(t):
        return _checked(int(m[3]), MONTHS.index(m[2].lower()) + 1, int(m[1]))
    if m := _D_RANGE.match(t):
        return _checked(int(m[3]), MONTHS.index(m[2].lower()) + 1, int(m[1]))
    if m := _D_YMD.match(t):
        return _checked(int(m[1]), MONTHS.index(m[2].lower()) + 1, int(m[3]))
    if m := _D_ROMAN.match(t):
        return _checked(int(m[3]), _ROMAN_MONTHS.index(m[2]) + 1, int(m[1]))
    if m := _D_NUMERIC.match(t):
        return _checked(int(m[3]), int(m[2]), int(m[1]))
    if m := _D_MY.match(t):
        return _checked(int(m[2]), MONTHS.index(m[1].lower()) + 1, None)
    if m := _D_Y.match(t):
        return DateValue(m[1])
    if year and (m := _D_DM.match(t)):
        day, month = (m[1], m[2]) if m[1] else (m[4], m[3])
        return _checked(year, MONTHS.index(month.lower()) + 1, int(day))
    return None


def search_date(text: str) -> tuple[DateValue, int, int] | None:
    """The first full date anywhere in ``text``, with where it starts and ends, or None."""
    for m in DATE_SEARCH.finditer(text):
        value = parse_date(m.group(0))
        if value is not None:
            return value, m.start(), m.end()
    return None


def _checked(year: int, month: int, day: int | None) -> DateValue | None:
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return DateValue(f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else ""))


_TIME = re.compile(r"\b(\d{1,2})[:.](\d{2})\s*(a\.?\s?m\.?|p\.?\s?m\.?)?(?!\w)", re.IGNORECASE)


def parse_time(text: str) -> str | None:
    """``5:00 p.m.`` → ``17:00:00``; ``10.30 am`` → ``10:30:00``; ``14:15`` → ``14:15:00``."""
    m = _TIME.search(text)
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


# --- people and organisations in headers and titles ------------------------------------------------------

@dataclass
class Party:
    """A person or organisation as a header line or a title names it.

    ``name`` is the name to file the agent under (honorifics, footnote markers, ``[sic]`` and alternative
    romanisations dropped; names in capitals written as names); ``written`` is the name as the page writes it
    (``Hashimoto [Hiroshi]``, ``MITTIG``); ``phrase`` the whole phrase (``Colonel General MITTIG``).
    """

    name: str
    kind: str = "person"  # person | organization
    position: str | None = None
    written: str = ""
    phrase: str = ""
    alternate: str | None = None  # "Kim Kwang Hyop" in "Kim Gwang-hyeop [Kim Kwang Hyop]"
    roles: tuple[str, ...] = ()  # extra roles the phrase gives ("Ko Gon/Interpreter")


@dataclass
class _Piece:
    kind: str  # person | organization | position | place | date | other
    text: str
    party: Party | None = None
    raw: str = ""  # the phrase as written (footnote markers and a leading "the" dropped)

    def __post_init__(self) -> None:
        self.raw = self.raw or self.text


_TOKEN = re.compile(r"\[[^\]]*\]|\S+")
_INITIALS = re.compile(r"^(?:[A-Z]\.\s?){1,3}$|^[A-Z]{1,2}$")
_ROMAN_NUMERAL = re.compile(r"^[IVX]{1,5}$")
_CAPS = re.compile(r"^[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de'’\-]+$")
_NAME_TOKEN = re.compile(r"^[A-Z\u00c0-\u00de\u0100-\u024f](?:[^\W\d_]|['’.\-])*$")
_ROLE_SUFFIX = re.compile(r"\s*/\s*(?P<role>Interpreter|Translator|Note-?taker|Secretary)\s*$", re.IGNORECASE)
_LEAD_BRACKET = re.compile(r"^\[(?P<inner>[^\]]+)\]\s+(?=\S)")
_DATE_PIECE = re.compile(
    rf"^(?:\d{{1,2}}\s+(?:{_MONTHS_ALT})\.?,?\s+\d{{2,4}}|(?:{_MONTHS_ALT})\s+\d{{1,2}},?\s+\d{{2,4}}"
    rf"|\d{{1,2}}\s?\.\s?(?:{_ROMAN}|\d{{1,2}})\s?\.\s?\d{{2,4}}|\d{{4}})\.?$", re.IGNORECASE)
_OF_ORG = re.compile(r"\bof\s+(?:the\s+)?(?P<org>[A-Z].*)$")
_LIST_SEP = re.compile(r"\s*;\s*|\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+")
_LIST_SEP_WITH = re.compile(r"\s*;\s*|\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&|with)\s+")
_GENERIC_ORGS = frozenset({"department", "ministry", "ministries", "embassy", "committee", "office", "section",
                           "division", "government", "party", "delegation", "group", "branch", "bureau", "council",
                           "secretariat", "mission", "agency", "service", "command", "board", "cabinet",
                           "headquarters"})


def _apostrophes(text: str) -> str:
    return text.replace("’", "'")


def is_name_token(token: str) -> bool:
    """A word that can be part of a person's name: capitalised, not an office, body, country or
    abbreviation; initials (``A.I.``) and editorial insertions (``[Stepan]``) count."""
    if token.startswith("["):
        inner = token[1:-1].strip()
        return bool(inner) and all(is_name_token(t) for t in inner.split())
    if _INITIALS.match(token):
        return token.rstrip(".").casefold() not in ORG_ACRONYMS and token.casefold() not in ("us", "un", "cc")
    if not _NAME_TOKEN.match(token):
        return False
    folded = token.casefold().rstrip(".,;:")
    if folded in _NON_NAME or _apostrophes(folded) in _NON_NAME or folded.replace("’", "'") in _POLITY_SET:
        return False
    if folded.endswith(("'s", "’s")):
        return False
    if _CAPS.match(token.rstrip(".,")) and (_ROMAN_NUMERAL.match(token) or len(token.rstrip(".,")) <= 2):
        return False
    return True


def _is_initial(token: str) -> bool:
    return bool(_INITIALS.match(token))


def name_case(token: str) -> str:
    """``MITTIG`` → ``Mittig``; ``[PELISHENKO]`` → ``[Pelishenko]``; other words as written."""
    bare = token.strip("[]")
    if len(bare) >= 3 and _CAPS.match(bare):
        cased = "-".join(part[:1] + part[1:].lower() for part in bare.split("-"))
        return token.replace(bare, cased)
    return token


def _position_text(tokens: list[str]) -> str | None:
    words = [t for t in tokens if t.casefold().strip(",") not in HONORIFICS]
    text = " ".join(words).strip(" ,;:")
    text = _LEADING_THE.sub("", text)
    return text or None


def _starts_with_position(tokens: list[str]) -> bool:
    """The phrase names an office (``1st Secretary of …``, ``Soviet Ambassador``, ``Deputy of …``)."""
    for t in tokens:
        folded = t.casefold().strip(",.")
        if folded in HONORIFICS or folded in ("the", "a", "an"):
            continue
        if POSITION_RE.match(t) and folded not in ("mr", "mrs", "ms", "dr", "prof"):
            return True
        if folded in NATIONALITIES or _DIGIT.search(folded) or folded in _NON_NAME and folded not in ORG_ACRONYMS:
            if folded in (w.casefold() for w in ORG_WORDS):
                return False
            continue
        return False
    return False


def read_piece(text: str) -> _Piece:
    """Read one phrase naming at most one agent: ``Soviet Ambassador to Cuba A.I. Alekseev``,
    ``comr. Pelishenko Counselor of the Embassy of the USSR``, ``USSR Foreign Ministry``, ``26 May 86``."""
    phrase = strip_footnotes(text).strip(" ,;:")
    if phrase.endswith(".") and not _INITIALS.match(phrase.rsplit(" ", 1)[-1]):
        phrase = phrase.rstrip(".").rstrip()
    roles: tuple[str, ...] = ()
    if m := _ROLE_SUFFIX.search(phrase):
        roles = (m["role"].casefold().replace("notetaker", "note-taker"),)
        roles = tuple("interpreter" if r == "translator" else ("note-taker" if r == "secretary" else r) for r in roles)
        phrase = phrase[: m.start()]
    phrase = _LEADING_ARTICLE.sub("", phrase).strip()
    if not phrase:
        return _Piece("other", text)
    if _DATE_PIECE.match(phrase) or parse_date(phrase):
        return _Piece("date", phrase)
    lead_position = None
    body = phrase
    if (m := _LEAD_BRACKET.match(body)) and not all(is_name_token(t) for t in m["inner"].split()):
        lead_position, body = m["inner"].strip(), body[m.end():]  # "[Vice Premier] Chen Yun"
    tokens = _TOKEN.findall(body)
    person = _trailing_name(tokens) or _leading_name(tokens)
    if person is not None:
        name_tokens, position = person
        alternate = None
        if len(name_tokens) >= 2 and name_tokens[-1].startswith("[") and len(name_tokens[-1].split()) >= 2:
            if len(name_tokens) >= 3:  # "Kim Gwang-hyeop [Kim Kwang Hyop]": another romanisation
                alternate = name_tokens[-1][1:-1].strip()
                name_tokens = name_tokens[:-1]
            elif all(_is_initial(t) or len(t) <= 4 and t.isupper() for t in name_tokens[:-1]):
                name_tokens = [name_tokens[-1][1:-1].strip()]  # "EH [Erich Honecker]": initials expanded
        written = " ".join(name_tokens)
        name = unbracket(" ".join(name_case(t) for t in name_tokens))
        if lead_position:
            position = f"{lead_position} {position}" if position else lead_position
        party = Party(name=name, kind="person", position=position, written=written, phrase=phrase,
                      alternate=alternate, roles=roles)
        return _Piece("person", phrase, raw=phrase, party=party)
    if _starts_with_position(tokens):
        return _Piece("position", _position_text(tokens) or phrase, raw=phrase)
    if is_organization(phrase):
        org = phrase
        if phrase[:1].islower() and (m := _OF_ORG.search(phrase)):
            org = m["org"]  # "members and candidates of the Politburo"
        elif phrase[:1].islower():
            return _Piece("other", phrase)
        if org.casefold() in _GENERIC_ORGS:
            return _Piece("other", phrase)
        return _Piece("organization", phrase, Party(name=org, kind="organization", written=org, phrase=phrase,
                                                    roles=roles))
    if _apostrophes(phrase).casefold() in _POLITY_SET:
        return _Piece("place", phrase)
    return _Piece("other", phrase)


def _trailing_name(tokens: list[str]) -> tuple[list[str], str | None] | None:
    """The name at the end of a phrase and the position before it (``Premier Zhou Enlai``)."""
    j = len(tokens)
    while j > 0 and (is_name_token(tokens[j - 1]) or (tokens[j - 1].casefold() in _PARTICLES and j < len(tokens))):
        j -= 1
    while j < len(tokens) and tokens[j].casefold() in _PARTICLES:
        j += 1
    if j > 0 and j < len(tokens) and tokens[j - 1].casefold() in _PREPOSITIONS:
        j += 1  # "to Cuba A.I. Alekseev": the first word completes the position
    run = tokens[j:]
    if not run or len(run) > 5 or all(_is_initial(t) for t in run):
        return None
    if j > 0 and tokens[j - 1].casefold() in _PREPOSITIONS | {"the", "a", "an"}:
        return None
    return run, _position_text(tokens[:j])


def _leading_name(tokens: list[str]) -> tuple[list[str], str | None] | None:
    """A name followed by its position: ``Pelishenko Counselor of the Embassy``, ``Ambassador Avraham Harman of
    Israel``, ``Myer Feldman of the White House Staff``."""
    k = 0
    while k < len(tokens) and tokens[k].casefold().strip(",") in HONORIFICS:
        k += 1
    p0 = k
    while k < len(tokens) and POSITION_RE.match(tokens[k]) and not is_name_token(tokens[k]):
        k += 1
    s = k
    while k < len(tokens) and is_name_token(tokens[k]):
        k += 1
    run = tokens[s:k]
    if not run or k >= len(tokens) or len(run) > 4 or all(_is_initial(t) for t in run):
        return None
    nxt = tokens[k].casefold()
    if nxt in ("of", "from"):
        rest = tokens[k:]
        after = [t for t in rest[1:] if t.casefold() != "the"]
        if not after or not all(t[:1].isupper() for t in after):
            return None  # "Kim of the …" must go on to name a body or a country
        if s == p0:
            rest = rest[2:] if len(rest) > 2 and rest[1].casefold() == "the" else rest[1:]
    elif POSITION_RE.match(tokens[k]):
        rest = tokens[k:]
    else:
        return None
    return run, _position_text(tokens[p0:s] + rest)


def split_top_level(text: str, sep: re.Pattern[str]) -> list[tuple[str, str]]:
    """Split at separators outside brackets, parentheses and quotes: ``[(separator, piece), …]``; the first
    separator is ``""``."""
    out: list[tuple[str, str]] = []
    depth = 0
    cuts: list[tuple[int, int, str]] = []
    opened = {"[": "]", "(": ")", "“": "”", "‘": "’"}
    if not any(ch in text for ch in "[(“‘"):
        cuts = [(m.start(), m.end(), m.group(0)) for m in sep.finditer(text)]
    else:
        spans: list[tuple[int, int]] = []
        stack: list[str] = []
        start = 0
        for i, ch in enumerate(text):
            if ch in opened and not (ch == "‘" and i and text[i - 1].isalpha()):
                if not stack:
                    start = i
                stack.append(opened[ch])
            elif stack and ch == stack[-1]:
                stack.pop()
                if not stack:
                    spans.append((start, i))
        depth = 0
        for m in sep.finditer(text):
            if not any(a < m.start() < b for a, b in spans):
                cuts.append((m.start(), m.end(), m.group(0)))
    last, last_sep = 0, ""
    for a, b, found in cuts:
        out.append((last_sep, text[last:a]))
        last, last_sep = b, found
    out.append((last_sep, text[last:]))
    del depth
    return [(s.strip().rstrip(",").strip() or ",", p) if s else ("", p) for s, p in out if p.strip()]


def parse_people(text: str, *, with_is_separator: bool = False) -> list[Party]:
    """The people and organisations a header value or title phrase names, each with its position.

    Positions written after a name (``Yu Man, Deputy Director of …``) or before it across a comma
    (``the Deputy of the DPRK’s Minister of State Security, Colonel General Ch’oe Dwu Sen``) go with it;
    dates, places and unnamed offices (``the 1st Secretary of the PRL Embassy``) name nobody.

    >>> [(p.name, p.position) for p in parse_people("Yu Man, Deputy Director of the Department of Soviet Affairs")]
    [('Yu Man', 'Deputy Director of the Department of Soviet Affairs')]
    >>> [(p.name, p.kind) for p in parse_people("comrs. Fedorenko and Shi Zhe; USSR Foreign Ministry")]
    [('Fedorenko', 'person'), ('Shi Zhe', 'person'), ('USSR Foreign Ministry', 'organization')]
    """
    parties: list[Party] = []
    pending: list[_Piece] = []
    attached = False  # the previous piece belongs to the last party
    for sep, raw in split_top_level(text, _LIST_SEP_WITH if with_is_separator else _LIST_SEP):
        piece = read_piece(raw)
        if piece.kind in ("person", "organization"):
            party = piece.party
            assert party is not None
            if piece.kind == "organization" and parties and attached and sep == "," and parties[-1].kind == "person" \
                    and not pending:
                last = parties[-1]  # "Liao Chengzhi, Ministry of Foreign Affairs": an affiliation
                last.position = f"{last.position}, {party.name}" if last.position else party.name
                last.phrase = f"{last.phrase}, {piece.raw}"
                continue
            if pending and party.kind == "person" and sep == ",":
                party.position = ", ".join([p.text for p in pending] + ([party.position] if party.position else []))
                party.phrase = ", ".join([p.raw for p in pending] + [party.phrase])
            pending = []
            parties.append(party)
            attached = True
        elif attached and parties and parties[-1].kind == "person" and (
                piece.kind == "position" and sep == "," or piece.kind == "other" and parties[-1].position
                and sep in (",", "and", "&")):
            last = parties[-1]  # "Yu Man, Deputy Director of the Department of Soviet and Eastern European Affairs"
            joiner = ", " if sep == "," else " and "
            last.position = f"{last.position}{joiner}{piece.text}" if last.position else piece.text
            last.phrase = f"{last.phrase}{joiner}{piece.raw}"
        elif piece.kind == "position" and sep != ";":
            pending = [piece]
            attached = False
        else:
            pending = []
            attached = False
    return parties
