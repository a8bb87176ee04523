"""Synthetic Digital Archive datasets, with known errors injected, for validation tests and benchmarks.

:func:`write_nquads` writes ``n`` documents as N-Quads shaped like ``rdfkit build`` output (see
``docs/model.md`` and ``out/rdfkit.trig``): one named graph per document, ``id:graph/da-{record}``, holding
the document, its translation, the meeting it records with the participants' roles, the attributions,
the documents it refers to, the people, organisations, places, archive and record sets it names (each
described again in every graph that names it, as rdfkit does) and the provenance of the record (the
graph and the translation ``prov:wasDerivedFrom`` a ``prov:Entity``)::

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     out = pathlib.Path(folder) / "da.nq"
    ...     generated = write_nquads(out, 200, error_rate=0.01, seed=1)
    ...     lines = len(out.read_text().splitlines())
    >>> generated.n, len(generated.errors), generated.triples == lines
    (200, 2, True)

Sharing is realistic: about ``n / 5`` people, drawn with a skewed popularity but none in more than 2% of
the documents (20% of them linked to Wikidata), translators from a smaller group of those, a few hundred
organisations, ten archives with fonds -> series -> file hierarchies (at most 40 documents per file),
meeting places. Documents average about 44.5 quads, as rdfkit's output of the DA does (445k for 10,000
documents); shared descriptions make the union of the graphs about 55% of that (24 triples a document).

A clean document conforms to ``shapes/*.ttl``: no Violation, no Warning (the Info "person not linked to
an authority file" is normal). With ``error_rate``, that share of the documents gets one error each,
taken in turn from :data:`ERRORS`, the catalogue with one entry per thing the shapes check; each
:class:`InjectedError` says which shapes must report it, and on which node. ``every_kind=True`` makes
sure every entry is used at least once. Everything is written from string templates (no rdflib): 10,000
documents in under a second, 100,000 in under ten; the same ``seed`` gives the same bytes.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

__all__ = ["ERRORS", "ErrorKind", "Expected", "Generated", "InjectedError", "RKS", "write_nquads", "documents"]

# --- vocabulary -----------------------------------------------------------------------------------

ID = "https://w3id.org/rdfkit/id/"
RKS = "https://w3id.org/rdfkit/shapes#"
_RK = "https://w3id.org/rdfkit/ns#"
_RICO = "https://www.ica.org/standards/RiC/ontology#"
_RICRST = "https://www.ica.org/standards/RiC/vocabularies/recordSetTypes#"
_XSD = "http://www.w3.org/2001/XMLSchema#"

A = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
SAME_AS = "<http://www.w3.org/2002/07/owl#sameAs>"
PREF, ALT, NOTE, EDITORIAL = (f"<http://www.w3.org/2004/02/skos/core#{t}>"
                              for t in ("prefLabel", "altLabel", "note", "editorialNote"))
TITLE, DATE, DESCRIPTION, RIGHTS, CITATION, IDENTIFIER, SOURCE, CREATOR, REFERENCES, LANGUAGE, ISSUED = (
    f"<http://purl.org/dc/terms/{t}>" for t in ("title", "date", "description", "rights", "bibliographicCitation",
                                                "identifier", "source", "creator", "references", "language", "issued"))
PAGE_START, PAGE_END = "<http://purl.org/ontology/bibo/pageStart>", "<http://purl.org/ontology/bibo/pageEnd>"
(P_AGENT, HAD_ROLE, Q_ATTRIBUTION, Q_ASSOCIATION, STARTED, DERIVED, ATTRIBUTION, ASSOCIATION, ENTITY) = (
    f"<http://www.w3.org/ns/prov#{t}>" for t in ("agent", "hadRole", "qualifiedAttribution", "qualifiedAssociation",
                                                 "startedAtTime", "wasDerivedFrom", "Attribution", "Association",
                                                 "Entity"))
(WORK_TRANSLATION, TRANSLATION_OF, TRANSLATOR, FUNDER, SPONSOR, RECIPIENT, MENTIONS, URL, COUNTRY) = (
    f"<https://schema.org/{t}>" for t in ("workTranslation", "translationOfWork", "translator", "funder", "sponsor",
                                          "recipient", "mentions", "url", "addressCountry"))
(DOCTYPE, STATE, HOLDER, INCLUDED_IN, DOCUMENTS, LOCATION, PARTICIPANT, SUBDIVISION_OF, RS_IDENTIFIER, RS_TYPE,
 RECORD_SET, PLACE) = (
    f"<{_RICO}{t}>" for t in ("hasDocumentaryFormType", "hasRecordState", "hasOrHadHolder", "isOrWasIncludedIn",
                              "documents", "hasOrHadLocation", "hasOrHadParticipant", "isOrWasSubdivisionOf",
                              "identifier", "hasRecordSetType", "RecordSet", "Place"))
(DOCUMENT, TRANSLATION, MEETING, PERSON, ORGANIZATION, REPOSITORY, SUBTITLE, NUMBER, POSITION, AS_WRITTEN,
 RECORD_ID, LEVEL_NAME, SHA256) = (
    f"<{_RK}{t}>" for t in ("Document", "Translation", "Meeting", "Person", "Organization", "Repository", "subtitle",
                            "documentNumber", "positionHeld", "nameAsWritten", "daRecordId", "levelName", "sha256"))
RICRST_TYPE = {"fonds": f"<{_RICRST}Fonds>", "series": f"<{_RICRST}Series>", "file": f"<{_RICRST}File>"}
ENGLISH = "<http://id.loc.gov/vocabulary/iso639-1/en>"


def role(name: str) -> str:
    return f"<{_RK}role-{name}>"


def iri(path: str) -> str:
    """A data IRI under ``id:``, in N-Triples form."""
    return f"<{ID}{path}>"


def en(text: str) -> str:
    return f'"{_escape(text)}"@en'


def plain(text: str) -> str:
    return f'"{_escape(text)}"'


def typed(text: str, datatype: str) -> str:
    return f'"{_escape(text)}"^^<{_XSD}{datatype}>'


def _escape(text: str) -> str:
    if '"' in text or "\\" in text or "\n" in text:
        text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return text


def slug(text: str) -> str:
    """rdfkit's IRI key for the ASCII names used here (``rdfkit.graph.slug``)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("[", "").replace("]", "")).strip("-")


def bare(term: str) -> str:
    """An N-Triples IRI without its angle brackets; blank nodes (any label) as ``_:``."""
    return "_:" if term.startswith("_:") else term[1:-1]


# --- the things documents name --------------------------------------------------------------------

CH_SURNAMES = ("Zhang Wang Li Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie "
               "Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du").split()
CH_SYLLABLES = ("Han Fu Zi Fan Man Gai Qing En Lai Yi Xiao Peng Fei Jia Xiang Biao Guan Hua Xiu Quan Wen Tian Xian "
                "Nian Ming De Hong Jun Bo Ping Sheng Lin Wei Zhong Guo Rong Shan Yong Kang Ning").split()
RU_FIRST = ("Andrei Nikita Stepan Vasily Ivan Georgy Pavel Yuri Anastas Mikhail Sergei Nikolai Aleksei Dmitri Boris "
            "Viktor Leonid Konstantin Fyodor Grigory Valentin Oleg Vladimir Arkady Yakov Semyon Pyotr Anatoly "
            "Gennady Lev").split()
RU_ROOTS = ("Grom Kuznets Chervon Zor Puzan Pelish Yud Roshch Aleks Ponomar Susl Mal Abras Sokol Volk Lebed Orl "
            "Golub Medved Zaits Bel Chern Kras Zelen Dobryn Tikhon Yerm Fedot Kirill Semen Danil Makar Pankrat "
            "Nazar Prokhor Terent Filipp Yefim Zakhar Arsen Gavril Isa Kondrat Lavrent Mitr Nikan Osip Rodion "
            "Savel Trofim").split()
RU_SUFFIXES = ("ov", "ev", "in", "enko", "sky", "ovich")
EN_FIRST = ("John Robert William James Charles George Henry Richard Thomas Walter Harold Dean Averell Llewellyn "
            "Chester Foy Allen Paul Karl Willy Egon Imre Janos Wladyslaw Adam Kim Pak Choe Le Nguyen").split()
EN_LAST = ("Smith Kennan Bohlen Harriman Thompson Rusk Bowles Kohler Dulles Acheson Bundy Rostow Hilsman Nitze "
           "Brandt Bahr Krenz Honecker Ulbricht Kadar Nagy Rapacki Gomulka Ochab Rakosi Ceausescu Zhivkov Tito "
           "Hoxha Castro Sukarno Nehru Nasser Nkrumah Ho Giap Dong Il Song Hyon Chol Nam Hun Yong").split()

TITLES = ("Ambassador", "Vice Minister", "Deputy Director", "Counselor", "First Secretary", "Minister",
          "Premier", "Vice Premier", "Chairman", "Secretary", "Consul General", "Chargé d'Affaires")
COUNTRIES = ("the People's Republic of China", "the Soviet Union", "the United States", "the German Democratic "
             "Republic", "the Polish People's Republic", "the Hungarian People's Republic", "Czechoslovakia",
             "the Democratic People's Republic of Korea", "the Democratic Republic of Vietnam", "Mongolia",
             "Romania", "Bulgaria", "Albania", "Yugoslavia", "Cuba", "India", "Indonesia", "Japan", "France",
             "the United Kingdom")
BODIES = ("Ministry of Foreign Affairs of {c}", "Government of {c}", "Embassy of {c} in Beijing",
          "Embassy of {c} in Moscow", "Central Committee of the Communist Party of {c}", "Ministry of Defense of {c}")
DEPARTMENTS = ("Department of Soviet and Eastern European Affairs", "First Asian Department", "Press Department",
               "Department of Consular Affairs", "General Office", "Department of American and Oceanian Affairs")
FUNDERS = ("MacArthur Foundation", "Henry Luce Foundation", "Carnegie Corporation of New York", "Leon Levy Foundation",
           "Smith Richardson Foundation", "Korea Foundation", "Chun and Jane Chiu Family Foundation",
           "Blavatnik Family Foundation")
PLACES = ("Meeting Room, Ministry of Foreign Affairs", "Great Hall of the People", "Zhongnanhai", "Kremlin",
          "Embassy of the Soviet Union in Beijing", "Embassy of the People's Republic of China in Moscow",
          "Xinjiang Room, Great Hall of the People", "Diaoyutai State Guesthouse", "White House", "Palace of Culture",
          "Reception Room, Ministry of Foreign Affairs", "Beidaihe", "Hangzhou", "Pyongyang", "Hanoi",
          "Warsaw", "Budapest", "Berlin", "Ulaanbaatar", "Havana")
DOCTYPES = ("minutes", "memorandum-of-conversation", "record-of-conversation", "telegram", "cable", "letter",
            "report", "note", "memorandum", "statement", "message", "speech", "resolution", "instruction")
KINDS = ("Minutes of Conversation between {a} and {b}", "Memorandum of Conversation between {a} and {b}",
         "Record of Meeting between {a} and {b}", "Telegram from {a} to {b}", "Letter from {a} to {b}",
         "Report by {a} on the Talks with {b}", "Note from {a} to {b}", "Cable from {a} to {b}")
WORDS = ("the government delegation border question treaty economic assistance talks position party comrade "
         "cooperation agreement proposal situation meeting representatives relations friendly visit").split()
RIGHTS_TEXTS = ("The History and Public Policy Program welcomes reuse of Digital Archive materials for research and "
                "educational purposes.",
                "Some documents may be subject to copyright, which is retained by the rights holders.")
PUBLISHED = ("Cold War International History Project Bulletin, Issue 6-7", "Zhou Enlai Nianpu, Vol. 2",
             "Jianguo yilai Mao Zedong wengao, Vol. 8", "Sovetsko-kitaiskie otnosheniia, Vol. 2")


@dataclass(frozen=True)
class Repository:
    """An archive, the words and identifier forms of its levels, and how its citations read."""

    id: str
    name: str
    abbreviation: str
    country: str
    weight: int
    levels: tuple[tuple[str, str], ...]      # (fonds|series|file, the archive's word for it), top down
    wikidata: str | None = None
    parent: str | None = None

    def values(self, counters: tuple[int, ...]) -> tuple[str, ...]:
        """The identifiers of the levels down to one file, as the archive writes them."""
        out: list[str] = []
        for (kind, _), k in zip(self.levels, counters):
            if self.id == "prc-fma":
                out.append(str(100 + k) if kind == "series" else f"{out[-1]}-{k:05d}")
            elif kind == "fonds":
                out.append(f"{k:04d}" if self.country == "RU" else str(k))
            else:
                out.append(str(k))
        return tuple(out)

    def citation(self, values: tuple[str, ...], item: int, pages: str | None) -> str:
        where = ", ".join(f"{word[0]}. {v}" for (_, word), v in zip(self.levels, values))
        if self.id == "prc-fma":
            return f"PRC FMA {values[-1]}-{item:02d}" + (f", {pages}" if pages else "")
        return f"{self.abbreviation}, {where}" + (f", ll. {pages}" if pages else "")


REPOSITORIES = (
    Repository("prc-fma", "Archives of the Ministry of Foreign Affairs of the People's Republic of China", "PRC FMA",
               "CN", 30, (("series", "category"), ("file", "file")),
               parent="Ministry of Foreign Affairs of the People's Republic of China"),
    Repository("avprf", "Archive of Foreign Policy of the Russian Federation", "AVPRF", "RU", 15,
               (("fonds", "fond"), ("series", "opis"), ("file", "delo")), wikidata="Q4048530",
               parent="Ministry of Foreign Affairs of the Russian Federation"),
    Repository("rgani", "Russian State Archive of Contemporary History", "RGANI", "RU", 8,
               (("fonds", "fond"), ("series", "opis"), ("file", "delo")), wikidata="Q4389839"),
    Repository("rgaspi", "Russian State Archive of Socio-Political History", "RGASPI", "RU", 7,
               (("fonds", "fond"), ("file", "delo")), wikidata="Q2158148"),
    Repository("nara", "National Archives and Records Administration", "NARA", "US", 10,
               (("fonds", "record group"), ("file", "box")), wikidata="Q518155"),
    Repository("sapmo", "Foundation Archives of Parties and Mass Organizations of the GDR in the Federal Archives",
               "SAPMO-BArch", "DE", 6, (("series", "bestand"), ("file", "akte")),
               parent="Federal Archives of Germany"),
    Repository("mnl-ol", "National Archives of Hungary", "MNL OL", "HU", 5, (("fonds", "fond"), ("file", "file")),
               wikidata="Q691830"),
    Repository("aan", "Archives of Modern Records", "AAN", "PL", 5, (("fonds", "zespol"), ("file", "teczka"))),
    Repository("amae", "Diplomatic Archives of the Ministry for Europe and Foreign Affairs", "AMAE", "FR", 4,
               (("series", "serie"), ("file", "dossier")), parent="Ministry for Europe and Foreign Affairs"),
    Repository("tna", "The National Archives", "TNA", "GB", 10, (("series", "series"), ("file", "piece")),
               wikidata="Q392703"),
)
_REPO_WEIGHTS = list(itertools.accumulate(r.weight for r in REPOSITORIES))


# --- the catalogue of errors ----------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """A result a validator must report: the shape IRI and the focus node (an IRI, or ``_:`` for a blank node)."""

    shape: str
    focus: str


@dataclass(frozen=True)
class ErrorKind:
    """One thing the shapes check, and how to break it in a document.

    ``shapes`` are the shape IRIs the error triggers; ``needs`` the parts the document must have (a meeting,
    a page range …); ``inject`` changes one document and returns the results it must cause.
    """

    name: str
    description: str
    shapes: tuple[str, ...]
    needs: frozenset[str]
    inject: Callable[[_Doc], list[Expected]] = field(repr=False, compare=False)


@dataclass(frozen=True)
class InjectedError:
    """An error put into one document: which kind, and the results it must cause."""

    document: str
    kind: str
    expected: tuple[Expected, ...]

    @property
    def shapes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.shape for e in self.expected))


@dataclass(frozen=True)
class Generated:
    """What :func:`write_nquads` wrote.

    ``triples`` is the number of N-Quads lines (each a distinct quad); ``distinct_triples`` the size of the
    union of all graphs (shared people, archives and record sets are described in every graph naming them).
    """

    path: str
    n: int
    seed: int
    error_rate: float
    triples: int
    distinct_triples: int
    errors: tuple[InjectedError, ...]

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1)

    @classmethod
    def from_json(cls, text: str) -> Generated:
        data = json.loads(text)
        errors = tuple(InjectedError(e["document"], e["kind"], tuple(Expected(**x) for x in e["expected"]))
                       for e in data.pop("errors"))
        return cls(errors=errors, **data)


ERRORS: list[ErrorKind] = []


def _kind(name: str, shapes: str, needs: str = "") -> Callable[[Callable[[_Doc], list[Expected]]],
                                                              Callable[[_Doc], list[Expected]]]:
    """Register an error kind: its docstring describes it, ``shapes`` are local names under ``rks:``."""

    def register(inject: Callable[[_Doc], list[Expected]]) -> Callable[[_Doc], list[Expected]]:
        ERRORS.append(ErrorKind(name, " ".join((inject.__doc__ or "").split()), tuple(RKS + s for s in shapes.split()),
                                frozenset(needs.split()), inject))
        return inject

    return register


def _x(shape: str, focus: str) -> Expected:
    return Expected(RKS + shape, bare(focus))


# --- document generation --------------------------------------------------------------------------


class _Doc:
    """One document being written: its triples (``"<s> <p> <o>"``, without the graph), the shared
    descriptions it repeats (by key), and the IRIs the error kinds need."""

    def __init__(self, world: _World, i: int, rng: random.Random) -> None:
        self.world, self.i, self.rng = world, i, rng
        self.record = 100000 + i
        self.d = iri(f"document/da-{self.record}")
        self.g = iri(f"graph/da-{self.record}")
        self.t: str | None = None
        self.e: str | None = None
        self.triples: list[str] = []
        self.shared: dict[object, list[str]] = {}
        self.repo: Repository = REPOSITORIES[0]
        self.repo_iri = ""
        self.file = ""
        self.series = ""
        self.values: tuple[str, ...] = ()
        self.in_role: set[str] = set()
        self.title_people: tuple[int, int] = (0, 1)
        self.date: date = date(1962, 1, 1)
        self.fresh = 0
        self.item = 1

    def add(self, s: str, p: str, o: str) -> None:
        self.triples.append(f"{s} {p} {o}")

    def drop(self, s: str, p: str, o: str | None = None) -> list[str]:
        """Remove the triples ``s p *`` (or only ``s p o``); return the objects removed."""
        head = f"{s} {p} "
        gone = [t for t in self.triples if t.startswith(head) and (o is None or t == head + o)]
        for t in gone:
            self.triples.remove(t)
        return [t[len(head):] for t in gone]

    def rename(self, old: str, new: str) -> None:
        """Write ``new`` wherever the term ``old`` is the subject or the object of a triple of this document."""
        out = []
        for t in self.triples:
            s, p, o = t.split(" ", 2)
            out.append(f"{new if s == old else s} {p} {new if o == old else o}")
        self.triples = out

    def replace(self, s: str, p: str, o: str) -> None:
        self.drop(s, p)
        self.add(s, p, o)

    def objects(self, s: str, p: str) -> list[str]:
        head = f"{s} {p} "
        return [t[len(head):] for t in self.triples if t.startswith(head)]

    def share(self, key: object, lines: Callable[[], list[str]]) -> None:
        if key not in self.shared:
            self.shared[key] = self.world.block(key, lines)

    # helpers for the error kinds: fresh things that exist only in this document

    def person_a(self) -> tuple[str, str, str]:
        """The first person of the title, described in this document: (IRI, label, surname)."""
        return self.world.describe_person(self, self.title_people[0])

    def fresh_person(self, with_name: bool = True) -> str:
        """A person only this document names (so errors on them touch nothing else)."""
        self.fresh += 1
        label = _person_name(self.world.people + 8 * self.i + self.fresh)[0]
        p = iri(f"person/{slug(label)}")
        self.add(p, A, PERSON)
        if with_name:
            self.add(p, PREF, en(label))
        self.add(self.d, MENTIONS, p)
        return p

    def fresh_organization(self) -> str:
        self.fresh += 1
        o = iri(f"organization/committee-{self.record}-{self.fresh}")
        self.add(o, A, ORGANIZATION)
        self.add(self.d, MENTIONS, o)
        return o

    def fresh_file(self, parent: str | None, holder: str) -> str:
        """A new file (in ``parent``) holding this document instead of its own file."""
        self.fresh += 1
        value = f"9{self.record}{self.fresh}"
        f = (parent[:-1] if parent else iri(f"recordset/{self.repo.id}")[:-1]) + f"/file-{value}>"
        self.add(f, A, RECORD_SET)
        self.add(f, RS_IDENTIFIER, plain(value))
        self.add(f, LEVEL_NAME, plain(self.repo.levels[-1][1]))
        self.add(f, RS_TYPE, RICRST_TYPE["file"])
        self.add(f, HOLDER, holder)
        if parent:
            self.add(f, INCLUDED_IN, parent)
        self.replace(self.d, INCLUDED_IN, f)
        return f

    def other_repository(self) -> str:
        """A second archive, described in this graph, other than the document's own."""
        other = REPOSITORIES[(REPOSITORIES.index(self.repo) + 1) % len(REPOSITORIES)]
        self.world.repository(self, other)
        return iri(f"repository/{other.id}")

    def text(self) -> str:
        lines = self.triples + [t for block in self.shared.values() for t in block]
        suffix = f" {self.g} .\n"
        return suffix.join(lines) + suffix


class _World:
    """The state shared by all documents: people and their use, archives' files, descriptions written."""

    def __init__(self, n: int, seed: int) -> None:
        self.n, self.seed = n, seed
        self.people = max(50, n // 5)
        self.translators = max(20, n // 200)
        # No person in more than 2% of the documents (when there are enough people for that).
        self.cap = max(n // 50, 4 * n // self.people + 4)
        self.used = [0] * self.people
        # Skewed popularity: weight 1/(rank + 5); translators are the last ranks of the pool.
        self.person_cum = list(itertools.accumulate(1 / (r + 5) for r in range(self.people)))
        self.translator_cum = list(itertools.accumulate(1 / (r + 3) for r in range(self.translators)))
        self.files: dict[str, list[int]] = {}    # repository id -> [counters per level..., documents left in file]
        self.blocks: dict[object, list[str]] = {}
        self.written: set[object] = set()
        self.shared_triples = 0

    def block(self, key: object, lines: Callable[[], list[str]]) -> list[str]:
        found = self.blocks.get(key)
        if found is None:
            found = self.blocks[key] = lines()
            if len(self.blocks) > 200_000:  # keep memory flat: descriptions are cheap to rebuild
                self.blocks.clear()
                self.blocks[key] = found
        if key not in self.written:
            self.written.add(key)
            self.shared_triples += len(found)
        return found

    # -- people and organisations

    def person(self, rng: random.Random, exclude: list[int], translator: bool = False) -> int:
        cum = self.translator_cum if translator else self.person_cum
        offset = self.people - self.translators if translator else 0
        for _ in range(50):
            k = offset + bisect.bisect(cum, rng.random() * cum[-1])
            k = min(k, self.people - 1)
            if self.used[k] < self.cap and k not in exclude:
                break
        else:  # everyone popular is taken: the least used
            k = min((j for j in range(self.people) if j not in exclude), key=self.used.__getitem__)
        self.used[k] += 1
        exclude.append(k)
        return k

    def describe_person(self, doc: _Doc, k: int) -> tuple[str, str, str]:
        """Add person ``k``'s description to the document; return (IRI, label, surname)."""
        label, surname = _person_name(k)
        p = iri(f"person/{slug(label)}")

        def lines() -> list[str]:
            out = [f"{p} {A} {PERSON}", f"{p} {PREF} {en(label)}"]
            if _hash(f"wikidata {k}") % 5 == 0:  # a fifth of the people are linked to Wikidata
                out.append(f"{p} {SAME_AS} <http://www.wikidata.org/entity/Q{_hash(label) % 90_000_000 + 10_000}>")
            return out

        doc.share(("person", k), lines)
        return p, label, surname

    def organization(self, doc: _Doc, name: str, parent: str | None = None) -> str:
        o = iri(f"organization/{slug(name)}")

        def lines() -> list[str]:
            out = [f"{o} {A} {ORGANIZATION}", f"{o} {PREF} {en(name)}"]
            if parent:
                out.append(f"{o} {SUBDIVISION_OF} {iri('organization/' + slug(parent))}")
            return out

        if parent:
            self.organization(doc, parent)
        doc.share(("org", name), lines)
        return o

    # -- archives

    def repository(self, doc: _Doc, repo: Repository) -> str:
        r = iri(f"repository/{repo.id}")

        def lines() -> list[str]:
            out = [f"{r} {A} {REPOSITORY}", f"{r} {PREF} {en(repo.name)}", f"{r} {ALT} {plain(repo.abbreviation)}",
                   f"{r} {COUNTRY} {plain(repo.country)}"]
            if repo.wikidata:
                out.append(f"{r} {SAME_AS} <http://www.wikidata.org/entity/{repo.wikidata}>")
            if repo.parent:
                out.append(f"{r} {SUBDIVISION_OF} {iri('organization/' + slug(repo.parent))}")
            return out

        if repo.parent:
            self.organization(doc, repo.parent)
        doc.share(("repo", repo.id), lines)
        return r

    def place_in_file(self, doc: _Doc, rng: random.Random) -> None:
        """Put the document in a file of an archive, opening a new file (series, fonds) when one is full."""
        repo = REPOSITORIES[bisect.bisect(_REPO_WEIGHTS, rng.random() * _REPO_WEIGHTS[-1])]
        state = self.files.get(repo.id)
        depth = len(repo.levels)
        if state is None:
            state = self.files[repo.id] = [1] * depth + [rng.randint(5, 40), rng.randint(2, 25), rng.randint(2, 10)]
        elif state[depth] == 0:  # file full: the next file, series, fonds
            state[depth] = rng.randint(5, 40)
            state[depth - 1] += 1
            if depth >= 2:
                state[depth + 1] -= 1
                if state[depth + 1] == 0:
                    state[depth + 1] = rng.randint(2, 25)
                    state[depth - 2] += 1
                    state[depth - 1] = 1
                    if depth == 3:
                        state[depth + 2] -= 1
                        if state[depth + 2] == 0:
                            state[depth + 2] = rng.randint(2, 10)
                            state[0] += 1
                            state[1] = 1
        item = 41 - state[depth]
        state[depth] -= 1
        values = repo.values(tuple(state[:depth]))
        doc.repo, doc.values = repo, values
        r = doc.repo_iri = self.repository(doc, repo)
        parent = None
        path = f"recordset/{repo.id}"
        for (kind, word), value in zip(repo.levels, values):
            path += f"/{kind}-{value}"
            s = iri(path)

            def lines(s: str = s, kind: str = kind, word: str = word, value: str = value,
                      parent: str | None = parent) -> list[str]:
                out = [f"{s} {A} {RECORD_SET}", f"{s} {RS_IDENTIFIER} {plain(value)}",
                       f"{s} {LEVEL_NAME} {plain(word)}", f"{s} {RS_TYPE} {RICRST_TYPE[kind]}", f"{s} {HOLDER} {r}"]
                if parent:
                    out.append(f"{s} {INCLUDED_IN} {parent}")
                return out

            doc.share(("rs", path), lines)
            doc.series, parent = (parent or s), s
        doc.file = parent or ""
        if depth == 1:
            doc.series = ""
        doc.item = item


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def _spread(j: int, size: int) -> int:
    """A fixed permutation of range(size), so that popular people do not all share a surname."""
    step = 7919 if size % 7919 else 7907
    return (j * step + 13) % size


def _person_name(k: int) -> tuple[str, str]:
    """The name of person ``k`` (unique for every k) and the surname the documents use."""
    style, j = k % 3, k // 3
    if style == 0:
        size = len(CH_SURNAMES) * len(CH_SYLLABLES) ** 2
        m = _spread(j % size, size)
        a, b, c = m % len(CH_SURNAMES), (m // len(CH_SURNAMES)) % len(CH_SYLLABLES), m // (len(CH_SURNAMES) * len(CH_SYLLABLES))
        surname = CH_SURNAMES[a]
        name = f"{surname} {CH_SYLLABLES[b]}{CH_SYLLABLES[c].lower()}"
    elif style == 1:
        size = len(RU_FIRST) * len(RU_ROOTS) * len(RU_SUFFIXES)
        m = _spread(j % size, size)
        first, rest = RU_FIRST[m % len(RU_FIRST)], m // len(RU_FIRST)
        surname = RU_ROOTS[rest % len(RU_ROOTS)] + RU_SUFFIXES[rest // len(RU_ROOTS)]
        name = f"{first} {surname}"
    else:
        size = len(EN_FIRST) * len(EN_LAST)
        m = _spread(j % size, size)
        surname = EN_LAST[m // len(EN_FIRST)]
        name = f"{EN_FIRST[m % len(EN_FIRST)]} {surname}"
    if j >= size:  # beyond the combinations: a namesake, told apart by a number
        name += f" {j // size + 1}"
    return name, surname


def _sentence(rng: random.Random, low: int = 8, high: int = 18) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def _date_literal(d: date, rng: random.Random) -> str:
    """A document date: a full date mostly, sometimes only the month or the year."""
    x = rng.random()
    if x < 0.85:
        return typed(d.isoformat(), "date")
    if x < 0.96:
        return typed(d.isoformat()[:7], "gYearMonth")
    return typed(str(d.year), "gYear")


#: How often the optional parts appear (tuned so that documents average about 44.5 quads).
P_TRANSLATION, P_MEETING, P_PUBLISHED, P_AUTHOR, P_RECIPIENT, P_FUNDER = 0.38, 0.11, 0.04, 0.25, 0.08, 0.10
P_MENTION = 0.3
P_PAGES, P_DESCRIPTION, P_RIGHTS, P_REFERENCE, P_IDENTIFIER = 0.45, 0.45, 0.25, 0.04, 0.5


def _document(world: _World, i: int, needs: frozenset[str]) -> _Doc:
    rng = random.Random(world.seed * 1_000_003 + i)
    doc = _Doc(world, i, rng)
    d = doc.d
    r = rng.random
    has = {
        "meeting": (r() < P_MEETING or bool(needs & {"meeting", "start", "place"})) and "no-meeting" not in needs,
        "translation": r() < P_TRANSLATION or bool(needs & {"translation", "funder", "url", "editorial"}),
        "author": r() < P_AUTHOR or "author" in needs,
        "recipient": r() < P_RECIPIENT,
        "reference": r() < P_REFERENCE,
        "published": r() < P_PUBLISHED and not needs & {"citation", "pages", "identifier"},
    }
    has["start"] = has["meeting"] and (r() < 0.4 or "start" in needs) and "no-start" not in needs
    has["place"] = has["meeting"] and (r() < 0.5 or "place" in needs)
    has["funder"] = has["translation"] and (r() < P_FUNDER or "funder" in needs)

    doc.date = day = date(1945, 1, 1) + timedelta(days=rng.randrange(47 * 365))
    people: list[int] = []
    doc.title_people = (world.person(rng, people), world.person(rng, people))
    a_name, b_name = (_person_name(k)[0] for k in doc.title_people)
    title = rng.choice(KINDS).format(a=a_name, b=b_name)
    doc.add(d, A, DOCUMENT)
    doc.add(d, TITLE, en(title))
    if has["meeting"]:
        doc.add(d, DATE, typed((day + timedelta(days=rng.randint(0, 3))).isoformat(), "date"))
    else:
        doc.add(d, DATE, _date_literal(day, rng))
    doc.add(d, DOCTYPE, f"<{_RK}doctype-{rng.choice(DOCTYPES)}>")
    if r() < P_DESCRIPTION or "description" in needs:
        doc.add(d, DESCRIPTION, en(_sentence(rng)))
    if r() < P_RIGHTS or "rights" in needs:
        doc.add(d, RIGHTS, en(rng.choice(RIGHTS_TEXTS)))
    if r() < 0.04 or "subtitle" in needs:
        doc.add(d, SUBTITLE, en(_sentence(rng, 4, 8)))
    if r() < 0.03 or "note" in needs:
        doc.add(d, NOTE, en("(Not reviewed by " + a_name + ")"))
    if r() < 0.08 or "state" in needs:
        doc.add(d, STATE, f"<{_RK}state-{rng.choice(('draft', 'final', 'copy'))}>")
    if r() < 0.04 or "number" in needs:
        doc.add(d, NUMBER, plain(str(rng.randint(1, 999))))

    if has["published"]:
        doc.add(d, SOURCE, plain(rng.choice(PUBLISHED)))
    else:
        world.place_in_file(doc, rng)
        pages = None
        if r() < P_PAGES or "pages" in needs:
            start = rng.randint(1, 300)
            end = start + rng.randint(0, 12)
            pages = (str(start), f"{end}ob" if r() < 0.1 else str(end))
            doc.add(d, PAGE_START, plain(pages[0]))
            doc.add(d, PAGE_END, plain(pages[1]))
        item = doc.item
        doc.add(d, CITATION, plain(doc.repo.citation(doc.values, item, "-".join(pages) if pages else None)))
        if r() < P_IDENTIFIER or "identifier" in needs:
            doc.add(d, IDENTIFIER, plain(f"{doc.values[-1]}-{item:02d}"))
        doc.add(d, HOLDER, doc.repo_iri)
        doc.add(d, INCLUDED_IN, doc.file)

    if has["author"]:
        if r() < 0.25:
            body = rng.choice(BODIES).format(c=rng.choice(COUNTRIES))
            _attribution(doc, d, world.organization(doc, body), ["issuing-body"], {"issuing-body": CREATOR})
        else:
            pos = rng.choice(TITLES) if r() < 0.5 else None
            roles = ["author", "signatory"] if r() < 0.3 else ["author"]
            a = doc.person_a()
            _attribution(doc, d, a[0], roles, {"author": CREATOR}, position=pos,
                         written=f"{pos} {a[2]}" if pos else None,
                         when=day.isoformat() if r() < 0.15 else None)
    if has["recipient"]:
        body = rng.choice(BODIES).format(c=rng.choice(COUNTRIES))
        parent = None
        if body.startswith("Ministry of Foreign Affairs") and r() < 0.5:
            parent, body = body, f"{rng.choice(DEPARTMENTS)}, {body}"
        _attribution(doc, d, world.organization(doc, body, parent), ["recipient"], {"recipient": RECIPIENT})

    if has["meeting"]:
        e = doc.e = f"<{d[1:-1]}/event-1>"
        doc.add(d, DOCUMENTS, e)
        doc.add(e, A, MEETING)
        doc.add(e, LABEL, en(f"Meeting between {a_name} and {b_name}"))
        doc.add(e, DATE, typed(day.isoformat(), "date"))
        if has["start"]:
            doc.add(e, STARTED, typed(f"{day.isoformat()}T{rng.randint(8, 21):02d}:{rng.choice((0, 30)):02d}:00",
                                      "dateTime"))
        if has["place"]:
            name = rng.choice(PLACES)
            pl = iri(f"place/{slug(name)}")
            doc.add(e, LOCATION, pl)
            doc.share(("place", name), lambda: [f"{pl} {A} {PLACE}", f"{pl} {PREF} {en(name)}"])
        participants = [world.describe_person(doc, k) for k in doc.title_people]
        participants += [world.describe_person(doc, world.person(rng, people))
                                 for _ in range(rng.choice((0, 0, 1, 2)))]
        for k, (p, label, surname) in enumerate(participants):
            roles = ["participant", "speaker"] if k < 2 else [rng.choice(("attendee", "interpreter", "note-taker"))]
            pos = rng.choice(TITLES) if k < 2 and r() < 0.5 else None
            node = f"<{e[1:-1]}/participant/{p[len(ID) + 8:-1]}>"
            doc.add(e, Q_ASSOCIATION, node)
            doc.add(e, PARTICIPANT, p)
            doc.add(node, A, ASSOCIATION)
            doc.add(node, P_AGENT, p)
            doc.in_role.add(p)
            for x in roles:
                doc.add(node, HAD_ROLE, role(x))
            if pos:
                doc.add(node, POSITION, en(pos))
                doc.add(node, AS_WRITTEN, plain(f"{pos} {surname}"))
                alt = f"{p} {ALT} {en(pos + ' ' + surname)}"
                doc.share(("alt", p, pos), lambda: [alt])  # (called at once: no late binding)

    if has["reference"]:
        ref = f"<{d[1:-1]}/reference-1>"
        doc.add(d, REFERENCES, ref)
        doc.add(ref, A, DOCUMENT)
        doc.add(ref, TITLE, en(f"{rng.choice(('Memorandum', 'Telegram', 'Letter', 'Statement'))} of "
                               f"{(day - timedelta(days=rng.randint(1, 40))).strftime('%d %B').lstrip('0')}"))
        doc.add(ref, DATE, typed((day - timedelta(days=rng.randint(1, 40))).isoformat(), "date"))
        doc.add(ref, DOCTYPE, f"<{_RK}doctype-{rng.choice(('memorandum', 'telegram', 'letter', 'statement'))}>")

    if r() < P_MENTION:  # the people of the title without a role are sometimes named in the text
        for k in doc.title_people:
            p = world.describe_person(doc, k)[0]
            if p not in doc.in_role:
                doc.add(d, MENTIONS, p)

    source = iri(f"source/sha256-{hashlib.sha256(f'{world.seed}/{i}'.encode()).hexdigest()}")
    if has["translation"]:
        t = doc.t = f"<{d[1:-1]}/translation-en>"
        doc.add(t, A, TRANSLATION)
        doc.add(t, TRANSLATION_OF, d)
        doc.add(d, WORK_TRANSLATION, t)
        doc.add(t, LANGUAGE, ENGLISH)
        doc.add(t, RECORD_ID, plain(str(doc.record)))
        if r() < 0.5 or "url" in needs:
            doc.add(t, URL, f"<https://digitalarchive.wilsoncenter.org/document/{doc.record}>")
        doc.add(t, ISSUED, typed((date(2010, 1, 1) + timedelta(days=rng.randrange(14 * 365))).isoformat(), "date"))
        if r() < 0.03 or "editorial" in needs:
            doc.add(t, EDITORIAL, en("Translator's note--" + _sentence(rng, 5, 10)))
        translator = world.describe_person(doc, world.person(rng, people, translator=True))
        _attribution(doc, t, translator[0], ["translator"], {"translator": TRANSLATOR})
        if has["funder"]:
            funder = world.organization(doc, rng.choice(FUNDERS))
            _attribution(doc, t, funder, ["funder", "donor"], {"funder": FUNDER, "donor": SPONSOR})
        doc.add(t, DERIVED, source)
    doc.add(doc.g, DERIVED, source)
    doc.add(source, A, ENTITY)
    doc.add(source, SHA256, plain(source[len(ID) + 14:-1]))
    doc.add(source, SOURCE, plain(f"pages/{i // 1000:04d}/{i:06d}.txt"))
    return doc


def _attribution(doc: _Doc, subject: str, agent: str, roles: list[str], shortcuts: dict[str, str],
                 position: str | None = None, written: str | None = None, when: str | None = None) -> str:
    node = f"<{subject[1:-1]}/attribution/{agent.rsplit('/', 1)[1][:-1]}>"
    doc.add(subject, Q_ATTRIBUTION, node)
    doc.add(node, A, ATTRIBUTION)
    doc.add(node, P_AGENT, agent)
    for x in roles:
        doc.add(node, HAD_ROLE, role(x))
        if x in shortcuts:
            doc.add(subject, shortcuts[x], agent)
    if position:
        doc.add(node, POSITION, en(position))
    if written:
        doc.add(node, AS_WRITTEN, plain(written))
    if when:
        doc.add(node, DATE, typed(when, "date"))
    doc.in_role.add(agent)
    return node


def _plan(n: int, error_rate: float, seed: int, every_kind: bool) -> dict[int, ErrorKind]:
    """Which documents get which error: ``round(n * error_rate)`` documents, kinds in a seeded order."""
    count = round(n * error_rate)
    if every_kind:
        count = max(count, len(ERRORS))
    count = min(count, n)
    rng = random.Random(f"errors {seed}")
    order = list(ERRORS)
    rng.shuffle(order)
    chosen = sorted(rng.sample(range(n), count))
    return {i: order[k % len(order)] for k, i in enumerate(chosen)}


def documents(n: int, *, error_rate: float = 0.01, seed: int = 0, every_kind: bool = False,
              errors: list[InjectedError] | None = None, stats: dict[str, int] | None = None) -> Iterator[str]:
    """The N-Quads text of each document in turn (one named graph each); see :func:`write_nquads`.

    Injected errors are appended to ``errors``; ``stats`` receives ``triples`` and ``distinct_triples``.
    """
    world = _World(n, seed)
    plan = _plan(n, error_rate, seed, every_kind)
    quads = own = 0
    for i in range(n):
        kind = plan.get(i)
        doc = _document(world, i, kind.needs if kind else frozenset())
        if kind is not None:
            expected = kind.inject(doc)
            if errors is not None:
                errors.append(InjectedError(bare(doc.d), kind.name, tuple(expected)))
        quads += len(doc.triples) + sum(len(b) for b in doc.shared.values())
        own += len(doc.triples)
        yield doc.text()
    if stats is not None:
        stats["triples"] = quads
        stats["distinct_triples"] = own + world.shared_triples


def write_nquads(path: str | Path, n: int, *, error_rate: float = 0.01, seed: int = 0,
                 every_kind: bool = False) -> Generated:
    """Write ``n`` synthetic DA documents to ``path`` as N-Quads; return what was written.

    Parameters:
        path: the N-Quads file to write (replaced if it exists).
        n: the number of documents (and named graphs).
        error_rate: the share of documents that get one error from :data:`ERRORS` (0 for clean data).
        seed: the same seed gives the same bytes.
        every_kind: inject at least one error of every kind, however small ``n`` is.

    Example::

        generated = write_nquads("/tmp/da.nq", 10_000, seed=1)
        report = rdfkit.validate.validate("/tmp/da.nq")
    """
    errors: list[InjectedError] = []
    stats: dict[str, int] = {}
    chunk: list[str] = []
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for text in documents(n, error_rate=error_rate, seed=seed, every_kind=every_kind, errors=errors, stats=stats):
            chunk.append(text)
            if len(chunk) == 1000:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))
    return Generated(str(path), n, seed, error_rate, stats["triples"], stats["distinct_triples"], tuple(errors))


# --- the catalogue: one entry per thing the shapes check --------------------------------------------
#
# Every property shape of shapes/*.ttl with severity Violation or Warning has at least one entry, and
# most constraint components of each shape one of their own (tests/test_synthetic.py checks this against
# the shapes graph). Errors about people, organisations, archives, places and record sets are made on
# things only the broken document names, so that the result points at one node and nothing else breaks.
#
# Not in the catalogue: rks:Person-external-link (sh:Info, "not linked to an authority file"), which the
# clean data already triggers for 80% of the people.


def _place(doc: _Doc, name: str = "Palace of Culture") -> str:
    pl = iri(f"place/{slug(name)}")
    doc.share(("place", name), lambda: [f"{pl} {A} {PLACE}", f"{pl} {PREF} {en(name)}"])
    return pl


def _body(doc: _Doc) -> str:
    return doc.world.organization(doc, "Government of the Soviet Union")


def _association(doc: _Doc) -> str:
    assert doc.e is not None
    return doc.objects(doc.e, Q_ASSOCIATION)[0]


def _author(doc: _Doc) -> str:
    return doc.objects(doc.d, Q_ATTRIBUTION)[0]


def _translator(doc: _Doc) -> str:
    assert doc.t is not None
    return doc.objects(doc.t, Q_ATTRIBUTION)[0]


def _fresh_repository(doc: _Doc, name: bool = True) -> str:
    """An archive only this document names, as a second holder of the document."""
    r = iri(f"repository/archive-{doc.record}")
    doc.add(r, A, REPOSITORY)
    if name:
        doc.add(r, PREF, en(f"Archive of the Foreign Ministry, Reading Room {doc.record}"))
    doc.add(r, ALT, plain("AFM"))
    doc.add(r, COUNTRY, plain("CN"))
    doc.add(doc.d, HOLDER, r)
    return r


# document


@_kind("document-blank-node", "DocumentShape")
def _(doc: _Doc) -> list[Expected]:
    """A document written as a blank node, without an IRI of its own."""
    b = f"_:document{doc.record}"
    doc.add(b, A, DOCUMENT)
    doc.add(b, TITLE, en("Memorandum without an address"))
    doc.add(b, DATE, typed(doc.date.isoformat(), "date"))
    doc.add(b, SOURCE, plain(PUBLISHED[0]))
    return [_x("DocumentShape", b)]


@_kind("title-missing", "Document-title")
def _(doc: _Doc) -> list[Expected]:
    """The document has no title."""
    doc.drop(doc.d, TITLE)
    return [_x("Document-title", doc.d)]


@_kind("title-twice", "Document-title")
def _(doc: _Doc) -> list[Expected]:
    """The document has two titles."""
    doc.add(doc.d, TITLE, en("Record of a Conversation (second title)"))
    return [_x("Document-title", doc.d)]


@_kind("title-empty", "Document-title-text")
def _(doc: _Doc) -> list[Expected]:
    """The title is an empty string."""
    doc.replace(doc.d, TITLE, en(""))
    return [_x("Document-title-text", doc.d)]


@_kind("title-not-text", "Document-title-text")
def _(doc: _Doc) -> list[Expected]:
    """The title is a year (an xsd:gYear), not text."""
    doc.replace(doc.d, TITLE, typed(str(doc.date.year), "gYear"))
    return [_x("Document-title-text", doc.d)]


@_kind("subtitle-empty", "Document-subtitle", "subtitle")
def _(doc: _Doc) -> list[Expected]:
    """The subtitle is an empty string."""
    doc.replace(doc.d, SUBTITLE, en(""))
    return [_x("Document-subtitle", doc.d)]


@_kind("note-not-text", "Document-note", "note")
def _(doc: _Doc) -> list[Expected]:
    """An editorial note is a number."""
    doc.replace(doc.d, NOTE, typed("3", "integer"))
    return [_x("Document-note", doc.d)]


@_kind("description-empty", "Document-description", "description")
def _(doc: _Doc) -> list[Expected]:
    """The summary is an empty string."""
    doc.replace(doc.d, DESCRIPTION, en(""))
    return [_x("Document-description", doc.d)]


@_kind("date-missing", "Document-date")
def _(doc: _Doc) -> list[Expected]:
    """The document has no date (a Warning)."""
    doc.drop(doc.d, DATE)
    return [_x("Document-date", doc.d)]


@_kind("date-twice", "Document-date-single")
def _(doc: _Doc) -> list[Expected]:
    """The document has two dates (both after any meeting it records)."""
    doc.add(doc.d, DATE, typed((doc.date + timedelta(days=30)).isoformat(), "date"))
    return [_x("Document-date-single", doc.d)]


@_kind("date-wrong-datatype", "Document-date-form")
def _(doc: _Doc) -> list[Expected]:
    """The date is a plain string, not an xsd:date."""
    value = doc.drop(doc.d, DATE)[0]
    doc.add(doc.d, DATE, value.split("^^")[0])
    return [_x("Document-date-form", doc.d)]


@_kind("date-not-a-day", "Document-date-form", "no-meeting")
def _(doc: _Doc) -> list[Expected]:
    """The date is an xsd:date that does not exist (30 February)."""
    doc.replace(doc.d, DATE, typed(f"{doc.date.year}-02-30", "date"))
    return [_x("Document-date-form", doc.d)]


@_kind("date-before-meeting", "Document-date-after-meeting", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """The document is dated before the meeting it records (a Warning)."""
    doc.replace(doc.d, DATE, typed((doc.date - timedelta(days=5)).isoformat(), "date"))
    return [_x("Document-date-after-meeting", doc.d)]


@_kind("doctype-not-in-scheme", "Document-type")
def _(doc: _Doc) -> list[Expected]:
    """The document type is a concept of another vocabulary (Getty AAT)."""
    doc.replace(doc.d, DOCTYPE, "<http://vocab.getty.edu/aat/300026068>")
    return [_x("Document-type", doc.d)]


@_kind("doctype-as-text", "Document-type")
def _(doc: _Doc) -> list[Expected]:
    """The document type is the word "minutes", not a concept."""
    doc.replace(doc.d, DOCTYPE, plain("minutes"))
    return [_x("Document-type", doc.d)]


@_kind("state-not-in-scheme", "Document-record-state")
def _(doc: _Doc) -> list[Expected]:
    """The record state is not draft, final or copy."""
    doc.replace(doc.d, STATE, f"<{_RK}state-lost>")
    return [_x("Document-record-state", doc.d)]


@_kind("rights-empty", "Document-rights", "rights")
def _(doc: _Doc) -> list[Expected]:
    """The rights statement is an empty string."""
    doc.replace(doc.d, RIGHTS, en(""))
    return [_x("Document-rights", doc.d)]


@_kind("citation-missing", "Document-citation", "citation")
def _(doc: _Doc) -> list[Expected]:
    """The archival document has no citation (a Warning)."""
    doc.drop(doc.d, CITATION)
    return [_x("Document-citation", doc.d)]


@_kind("citation-with-language", "Document-citation-text", "citation")
def _(doc: _Doc) -> list[Expected]:
    """The verbatim citation carries a language tag."""
    value = doc.drop(doc.d, CITATION)[0]
    doc.add(doc.d, CITATION, value + "@en")
    return [_x("Document-citation-text", doc.d)]


@_kind("identifier-as-number", "Document-identifier", "identifier")
def _(doc: _Doc) -> list[Expected]:
    """The item identifier is an xsd:integer (its leading zeros lost)."""
    doc.replace(doc.d, IDENTIFIER, typed(str(doc.record), "integer"))
    return [_x("Document-identifier", doc.d)]


@_kind("number-empty", "Document-number", "number")
def _(doc: _Doc) -> list[Expected]:
    """The document number is an empty string."""
    doc.replace(doc.d, NUMBER, plain(""))
    return [_x("Document-number", doc.d)]


def _pages(doc: _Doc) -> tuple[str, str]:
    start = doc.objects(doc.d, PAGE_START)[0]
    end = doc.objects(doc.d, PAGE_END)[0]
    return start.strip('"'), end.strip('"')


@_kind("page-start-twice", "Document-page-start", "pages")
def _(doc: _Doc) -> list[Expected]:
    """Two first pages (both before the last page)."""
    start, _ = _pages(doc)
    doc.add(doc.d, PAGE_START, plain(str(int(start) // 2)))
    return [_x("Document-page-start", doc.d)]


@_kind("page-start-with-language", "Document-page-start", "pages")
def _(doc: _Doc) -> list[Expected]:
    """The first page carries a language tag."""
    start, _ = _pages(doc)
    doc.replace(doc.d, PAGE_START, en(start))
    return [_x("Document-page-start", doc.d)]


@_kind("page-start-not-a-number", "Document-page-start", "pages")
def _(doc: _Doc) -> list[Expected]:
    """The first page is written "p. 24"."""
    start, _ = _pages(doc)
    doc.replace(doc.d, PAGE_START, plain(f"p. {start}"))
    return [_x("Document-page-start", doc.d)]


@_kind("page-end-twice", "Document-page-end", "pages")
def _(doc: _Doc) -> list[Expected]:
    """Two last pages (both after the first page)."""
    start, _ = _pages(doc)
    doc.add(doc.d, PAGE_END, plain(str(int(start) + 20)))
    return [_x("Document-page-end", doc.d)]


@_kind("page-end-with-language", "Document-page-end", "pages")
def _(doc: _Doc) -> list[Expected]:
    """The last page carries a language tag."""
    _, end = _pages(doc)
    doc.replace(doc.d, PAGE_END, en(end))
    return [_x("Document-page-end", doc.d)]


@_kind("page-end-not-a-number", "Document-page-end", "pages")
def _(doc: _Doc) -> list[Expected]:
    """The last page is written "26 verso"."""
    _, end = _pages(doc)
    doc.replace(doc.d, PAGE_END, plain(f"{end} verso"))
    return [_x("Document-page-end", doc.d)]


@_kind("page-end-without-start", "Document-page-end-without-start", "pages")
def _(doc: _Doc) -> list[Expected]:
    """A last page but no first page."""
    doc.drop(doc.d, PAGE_START)
    return [_x("Document-page-end-without-start", doc.d)]


@_kind("pages-backwards", "Document-page-order", "pages")
def _(doc: _Doc) -> list[Expected]:
    """The last page comes before the first page."""
    start, _ = _pages(doc)
    doc.replace(doc.d, PAGE_END, plain(str(int(start) + 9)))
    doc.replace(doc.d, PAGE_START, plain(str(int(start) + 12)))
    return [_x("Document-page-order", doc.d)]


@_kind("holder-not-a-repository", "Document-holder", "citation")
def _(doc: _Doc) -> list[Expected]:
    """A second holder that is an organisation, not an archive."""
    doc.add(doc.d, HOLDER, _body(doc))
    return [_x("Document-holder", doc.d)]


@_kind("holder-as-text", "Document-holder", "citation")
def _(doc: _Doc) -> list[Expected]:
    """A second holder written as the archive's abbreviation."""
    doc.add(doc.d, HOLDER, plain(doc.repo.abbreviation))
    return [_x("Document-holder", doc.d)]


@_kind("holder-disagrees-with-file", "Document-holder-matches-record-set", "citation")
def _(doc: _Doc) -> list[Expected]:
    """The document names another archive than the one holding its file."""
    doc.replace(doc.d, HOLDER, doc.other_repository())
    return [_x("Document-holder-matches-record-set", doc.d)]


@_kind("record-set-twice", "Document-record-set", "citation")
def _(doc: _Doc) -> list[Expected]:
    """The document is placed in its file and in the series above it."""
    doc.add(doc.d, INCLUDED_IN, doc.series)
    return [_x("Document-record-set", doc.d)]


@_kind("record-set-as-text", "Document-record-set", "citation")
def _(doc: _Doc) -> list[Expected]:
    """The file is written as its identifier, not linked."""
    doc.replace(doc.d, INCLUDED_IN, plain(doc.values[-1]))
    return [_x("Document-record-set", doc.d)]


@_kind("record-set-not-a-record-set", "Document-record-set", "citation")
def _(doc: _Doc) -> list[Expected]:
    """The document is "included in" its archive."""
    doc.replace(doc.d, INCLUDED_IN, doc.repo_iri)
    return [_x("Document-record-set", doc.d)]


@_kind("meeting-not-a-meeting", "Document-meeting")
def _(doc: _Doc) -> list[Expected]:
    """The document "records" a place."""
    doc.add(doc.d, DOCUMENTS, _place(doc))
    return [_x("Document-meeting", doc.d)]


@_kind("attribution-not-an-attribution", "Document-attribution")
def _(doc: _Doc) -> list[Expected]:
    """A role on the document points at the person, not at a prov:Attribution."""
    doc.add(doc.d, Q_ATTRIBUTION, doc.person_a()[0])
    return [_x("Document-attribution", doc.d)]


@_kind("attribution-as-text", "Document-attribution")
def _(doc: _Doc) -> list[Expected]:
    """A role on the document written as text."""
    doc.add(doc.d, Q_ATTRIBUTION, plain("Author: the Ministry"))
    return [_x("Document-attribution", doc.d)]


@_kind("creator-as-text", "Document-creator")
def _(doc: _Doc) -> list[Expected]:
    """The author written as a name, not linked."""
    doc.add(doc.d, CREATOR, plain("Zhou Enlai"))
    return [_x("Document-creator", doc.d)]


@_kind("creator-not-an-agent", "Document-creator")
def _(doc: _Doc) -> list[Expected]:
    """The author is a place."""
    doc.add(doc.d, CREATOR, _place(doc))
    return [_x("Document-creator", doc.d)]


@_kind("recipient-as-text", "Document-recipient")
def _(doc: _Doc) -> list[Expected]:
    """The recipient written as a name, not linked."""
    doc.add(doc.d, RECIPIENT, plain("Soviet Government"))
    return [_x("Document-recipient", doc.d)]


@_kind("recipient-not-an-agent", "Document-recipient")
def _(doc: _Doc) -> list[Expected]:
    """The recipient is a place."""
    doc.add(doc.d, RECIPIENT, _place(doc))
    return [_x("Document-recipient", doc.d)]


@_kind("reference-undescribed", "Document-references")
def _(doc: _Doc) -> list[Expected]:
    """The document refers to an IRI nothing describes as a document."""
    doc.add(doc.d, REFERENCES, f"<{doc.d[1:-1]}/reference-9>")
    return [_x("Document-references", doc.d)]


@_kind("translation-not-a-translation", "Document-translation")
def _(doc: _Doc) -> list[Expected]:
    """The translation link points at the DA web page."""
    doc.add(doc.d, WORK_TRANSLATION, f"<https://digitalarchive.wilsoncenter.org/document/{doc.record}>")
    return [_x("Document-translation", doc.d)]


# people and organisations


@_kind("person-blank-node", "PersonShape")
def _(doc: _Doc) -> list[Expected]:
    """A person written as a blank node."""
    b = f"_:person{doc.record}"
    doc.add(b, A, PERSON)
    doc.add(b, PREF, en("Comrade Lin"))
    doc.add(doc.d, MENTIONS, b)
    return [_x("PersonShape", b)]


@_kind("person-name-missing", "Person-name")
def _(doc: _Doc) -> list[Expected]:
    """A person without a name."""
    return [_x("Person-name", doc.fresh_person(with_name=False))]


@_kind("person-two-names", "Person-name")
def _(doc: _Doc) -> list[Expected]:
    """A person with two preferred names."""
    p = doc.fresh_person()
    doc.add(p, PREF, en("Comrade Lin"))
    return [_x("Person-name", p)]


@_kind("person-name-empty", "Person-name-text")
def _(doc: _Doc) -> list[Expected]:
    """A person whose name is an empty string."""
    p = doc.fresh_person(with_name=False)
    doc.add(p, PREF, en(""))
    return [_x("Person-name-text", p)]


@_kind("person-name-not-text", "Person-name-text")
def _(doc: _Doc) -> list[Expected]:
    """A person whose name is typed xsd:normalizedString."""
    p = doc.fresh_person(with_name=False)
    doc.add(p, PREF, typed("Lin Biao", "normalizedString"))
    return [_x("Person-name-text", p)]


@_kind("person-other-name-empty", "Person-other-name")
def _(doc: _Doc) -> list[Expected]:
    """A person with an empty other name."""
    p = doc.fresh_person()
    doc.add(p, ALT, en(""))
    return [_x("Person-other-name", p)]


@_kind("person-same-as-text", "Person-same-as")
def _(doc: _Doc) -> list[Expected]:
    """A person's Wikidata link written as the bare Q-number."""
    p = doc.fresh_person()
    doc.add(p, SAME_AS, plain("Q12345"))
    return [_x("Person-same-as", p)]


@_kind("organization-blank-node", "OrganizationShape")
def _(doc: _Doc) -> list[Expected]:
    """An organisation written as a blank node."""
    b = f"_:organization{doc.record}"
    doc.add(b, A, ORGANIZATION)
    doc.add(b, PREF, en("Propaganda Department"))
    doc.add(doc.d, MENTIONS, b)
    return [_x("OrganizationShape", b)]


@_kind("organization-name-missing", "Organization-name")
def _(doc: _Doc) -> list[Expected]:
    """An organisation without a name."""
    return [_x("Organization-name", doc.fresh_organization())]


@_kind("organization-two-names", "Organization-name")
def _(doc: _Doc) -> list[Expected]:
    """An organisation with two preferred names."""
    o = doc.fresh_organization()
    doc.add(o, PREF, en("Foreign Affairs Committee"))
    doc.add(o, PREF, en("Committee for Foreign Affairs"))
    return [_x("Organization-name", o)]


@_kind("organization-name-empty", "Organization-name-text")
def _(doc: _Doc) -> list[Expected]:
    """An organisation whose name is an empty string."""
    o = doc.fresh_organization()
    doc.add(o, PREF, en(""))
    return [_x("Organization-name-text", o)]


@_kind("organization-other-name-empty", "Organization-other-name")
def _(doc: _Doc) -> list[Expected]:
    """An organisation with an empty abbreviation."""
    o = doc.fresh_organization()
    doc.add(o, PREF, en("Foreign Affairs Committee"))
    doc.add(o, ALT, plain(""))
    return [_x("Organization-other-name", o)]


@_kind("organization-same-as-text", "Organization-same-as")
def _(doc: _Doc) -> list[Expected]:
    """An organisation's authority link written as text."""
    o = doc.fresh_organization()
    doc.add(o, PREF, en("Foreign Affairs Committee"))
    doc.add(o, SAME_AS, plain("https://viaf.org/viaf/123456"))
    return [_x("Organization-same-as", o)]


@_kind("organization-parent-as-text", "Organization-parent")
def _(doc: _Doc) -> list[Expected]:
    """An organisation's parent body written as a name."""
    o = doc.fresh_organization()
    doc.add(o, PREF, en("Foreign Affairs Committee"))
    doc.add(o, SUBDIVISION_OF, en("State Council"))
    return [_x("Organization-parent", o)]


@_kind("organization-parent-not-an-organization", "Organization-parent", "citation")
def _(doc: _Doc) -> list[Expected]:
    """An organisation is "part of" an archive (rk:Repository is not rk:Organization)."""
    o = doc.fresh_organization()
    doc.add(o, PREF, en("Foreign Affairs Committee"))
    doc.add(o, SUBDIVISION_OF, doc.repo_iri)
    return [_x("Organization-parent", o)]


# archives and record sets


@_kind("repository-blank-node", "RepositoryShape Document-holder")
def _(doc: _Doc) -> list[Expected]:
    """A second archive of the document written as a blank node."""
    b = f"_:repository{doc.record}"
    doc.add(b, A, REPOSITORY)
    doc.add(b, PREF, en("Central Archives"))
    doc.add(doc.d, HOLDER, b)
    return [_x("RepositoryShape", b), _x("Document-holder", doc.d)]


@_kind("repository-name-missing", "Repository-name")
def _(doc: _Doc) -> list[Expected]:
    """An archive without a name."""
    return [_x("Repository-name", _fresh_repository(doc, name=False))]


@_kind("repository-two-names", "Repository-name")
def _(doc: _Doc) -> list[Expected]:
    """An archive with two preferred names."""
    r = _fresh_repository(doc)
    doc.add(r, PREF, en("Foreign Ministry Archive"))
    return [_x("Repository-name", r)]


@_kind("repository-name-empty", "Repository-name-text")
def _(doc: _Doc) -> list[Expected]:
    """An archive whose name is an empty string."""
    r = _fresh_repository(doc, name=False)
    doc.add(r, PREF, en(""))
    return [_x("Repository-name-text", r)]


@_kind("repository-abbreviation-empty", "Repository-other-name")
def _(doc: _Doc) -> list[Expected]:
    """An archive with an empty abbreviation."""
    r = _fresh_repository(doc)
    doc.add(r, ALT, plain(""))
    return [_x("Repository-other-name", r)]


@_kind("repository-parent-not-an-organization", "Repository-parent")
def _(doc: _Doc) -> list[Expected]:
    """An archive is "part of" a person."""
    r = _fresh_repository(doc)
    doc.add(r, SUBDIVISION_OF, doc.person_a()[0])
    return [_x("Repository-parent", r)]


@_kind("repository-country-name", "Repository-country")
def _(doc: _Doc) -> list[Expected]:
    """An archive's country written as a name, not an ISO code."""
    r = _fresh_repository(doc)
    doc.replace(r, COUNTRY, plain("China"))
    return [_x("Repository-country", r)]


@_kind("repository-two-countries", "Repository-country")
def _(doc: _Doc) -> list[Expected]:
    """An archive in two countries."""
    r = _fresh_repository(doc)
    doc.add(r, COUNTRY, plain("TW"))
    return [_x("Repository-country", r)]


@_kind("repository-country-with-language", "Repository-country")
def _(doc: _Doc) -> list[Expected]:
    """An archive's country code carries a language tag."""
    r = _fresh_repository(doc)
    doc.replace(r, COUNTRY, en("CN"))
    return [_x("Repository-country", r)]


@_kind("repository-same-as-text", "Repository-same-as")
def _(doc: _Doc) -> list[Expected]:
    """An archive's Wikidata link written as text."""
    r = _fresh_repository(doc)
    doc.add(r, SAME_AS, plain("wikidata Q1234567"))
    return [_x("Repository-same-as", r)]


@_kind("record-set-blank-node", "RecordSetShape Document-record-set", "citation")
def _(doc: _Doc) -> list[Expected]:
    """The document's file written as a blank node."""
    b = f"_:file{doc.record}"
    doc.rename(doc.file, b)  # the file's description is shared: write a blank copy of it
    doc.add(b, A, RECORD_SET)
    doc.add(b, RS_IDENTIFIER, plain(doc.values[-1]))
    doc.add(b, RS_TYPE, RICRST_TYPE["file"])
    doc.add(b, HOLDER, doc.repo_iri)
    return [_x("RecordSetShape", b), _x("Document-record-set", doc.d)]


@_kind("record-set-identifier-missing", "RecordSet-identifier", "citation")
def _(doc: _Doc) -> list[Expected]:
    """A file without an identifier."""
    f = doc.fresh_file(doc.series or None, doc.repo_iri)
    doc.drop(f, RS_IDENTIFIER)
    return [_x("RecordSet-identifier", f)]


@_kind("record-set-two-identifiers", "RecordSet-identifier", "citation")
def _(doc: _Doc) -> list[Expected]:
    """A file with two identifiers."""
    f = doc.fresh_file(doc.series or None, doc.repo_iri)
    doc.add(f, RS_IDENTIFIER, plain("old-17"))
    return [_x("RecordSet-identifier", f)]


@_kind("record-set-identifier-as-number", "RecordSet-identifier-text", "citation")
def _(doc: _Doc) -> list[Expected]:
    """A file identifier typed xsd:integer."""
    f = doc.fresh_file(doc.series or None, doc.repo_iri)
    doc.replace(f, RS_IDENTIFIER, typed("1765", "integer"))
    return [_x("RecordSet-identifier-text", f)]


@_kind("record-set-level-missing", "RecordSet-type", "citation")
def _(doc: _Doc) -> list[Expected]:
    """A file that says neither its level nor the archive's word for it (a Warning)."""
    f = doc.fresh_file(doc.series or None, doc.repo_iri)
    doc.drop(f, RS_TYPE)
    doc.drop(f, LEVEL_NAME)
    return [_x("RecordSet-type", f)]


@_kind("record-set-level-not-in-vocabulary", "RecordSet-type-value", "citation")
def _(doc: _Doc) -> list[Expected]:
    """A file whose level is not a RiC record set type."""
    f = doc.fresh_file(doc.series or None, doc.repo_iri)
    doc.replace(f, RS_TYPE, f"<{_RK}level-box>")
    return [_x("RecordSet-type-value", f)]


@_kind("record-set-two-levels", "RecordSet-type-value", "citation")
def _(doc: _Doc) -> list[Expected]:
    """A unit that is both a file and a series."""
    f = doc.fresh_file(doc.series or None, doc.repo_iri)
    doc.add(f, RS_TYPE, RICRST_TYPE["series"])
    return [_x("RecordSet-type-value", f)]


@_kind("record-set-level-as-text", "RecordSet-type-value", "citation")
def _(doc: _Doc) -> list[Expected]:
    """A file whose level is the word "file"."""
    f = doc.fresh_file(doc.series or None, doc.repo_iri)
    doc.replace(f, RS_TYPE, plain("file"))
    return [_x("RecordSet-type-value", f)]


@_kind("record-set-level-name-empty", "RecordSet-level-name", "citation")
def _(doc: _Doc) -> list[Expected]:
    """A file whose level name is an empty string."""
    f = doc.fresh_file(doc.series or None, doc.repo_iri)
    doc.replace(f, LEVEL_NAME, plain(""))
    return [_x("RecordSet-level-name", f)]


@_kind("record-set-two-parents", "RecordSet-parent", "citation")
def _(doc: _Doc) -> list[Expected]:
    """A file in two series."""
    f = doc.fresh_file(doc.series or None, doc.repo_iri)
    other = iri(f"recordset/{doc.repo.id}/series-{doc.record}")
    doc.add(other, A, RECORD_SET)
    doc.add(other, RS_IDENTIFIER, plain(str(doc.record)))
    doc.add(other, RS_TYPE, RICRST_TYPE["series"])
    doc.add(other, HOLDER, doc.repo_iri)
    doc.add(f, INCLUDED_IN, other)
    return [_x("RecordSet-parent", f)]


@_kind("record-set-parent-as-text", "RecordSet-parent", "citation")
def _(doc: _Doc) -> list[Expected]:
    """A file whose series is written as its identifier."""
    f = doc.fresh_file(None, doc.repo_iri)
    doc.add(f, INCLUDED_IN, plain(doc.values[0]))
    return [_x("RecordSet-parent", f)]


@_kind("record-set-parent-not-a-record-set", "RecordSet-parent", "citation")
def _(doc: _Doc) -> list[Expected]:
    """A file "included in" its archive."""
    f = doc.fresh_file(None, doc.repo_iri)
    doc.add(f, INCLUDED_IN, doc.repo_iri)
    return [_x("RecordSet-parent", f)]


@_kind("record-set-loop", "RecordSet-no-cycle", "citation")
def _(doc: _Doc) -> list[Expected]:
    """A file in a series that is itself in the file."""
    s = iri(f"recordset/{doc.repo.id}/series-{doc.record}")
    f = doc.fresh_file(s, doc.repo_iri)
    doc.add(s, A, RECORD_SET)
    doc.add(s, RS_IDENTIFIER, plain(str(doc.record)))
    doc.add(s, RS_TYPE, RICRST_TYPE["series"])
    doc.add(s, HOLDER, doc.repo_iri)
    doc.add(s, INCLUDED_IN, f)
    return [_x("RecordSet-no-cycle", f), _x("RecordSet-no-cycle", s)]


@_kind("record-set-holder-missing", "RecordSet-holder", "citation")
def _(doc: _Doc) -> list[Expected]:
    """A file that says no archive holds it."""
    f = doc.fresh_file(doc.series or None, doc.repo_iri)
    doc.drop(f, HOLDER)
    return [_x("RecordSet-holder", f)]


@_kind("record-set-two-holders", "RecordSet-holder", "citation")
def _(doc: _Doc) -> list[Expected]:
    """A file held by two archives (both named by the document)."""
    other = doc.other_repository()
    f = doc.fresh_file(None, doc.repo_iri)
    doc.add(f, HOLDER, other)
    doc.add(doc.d, HOLDER, other)
    return [_x("RecordSet-holder", f)]


@_kind("record-set-holder-as-text", "RecordSet-holder-link Document-holder-matches-record-set", "citation")
def _(doc: _Doc) -> list[Expected]:
    """The archive of the document's file written as its abbreviation (so the document disagrees too)."""
    f = doc.fresh_file(None, plain(doc.repo.abbreviation))
    return [_x("RecordSet-holder-link", f), _x("Document-holder-matches-record-set", doc.d)]


@_kind("record-set-holder-not-a-repository", "RecordSet-holder-link Document-holder-matches-record-set", "citation")
def _(doc: _Doc) -> list[Expected]:
    """The document's file is "held" by an organisation (so the document disagrees too)."""
    f = doc.fresh_file(None, _body(doc))
    return [_x("RecordSet-holder-link", f), _x("Document-holder-matches-record-set", doc.d)]


@_kind("record-set-holder-disagrees-with-parent", "RecordSet-holder-matches-parent", "citation")
def _(doc: _Doc) -> list[Expected]:
    """A file held by another archive than its series (the document names both)."""
    other = doc.other_repository()
    f = doc.fresh_file(doc.series or None, other)
    doc.add(doc.d, HOLDER, other)
    return [_x("RecordSet-holder-matches-parent", f)]


# meetings and places


@_kind("place-blank-node", "PlaceShape Meeting-place", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """The meeting's place written as a blank node."""
    assert doc.e is not None
    b = f"_:place{doc.record}"
    doc.replace(doc.e, LOCATION, b)
    doc.add(b, A, PLACE)
    doc.add(b, PREF, en("Guesthouse"))
    return [_x("PlaceShape", b), _x("Meeting-place", doc.e)]


def _fresh_place(doc: _Doc) -> str:
    assert doc.e is not None
    pl = iri(f"place/guesthouse-{doc.record}")
    doc.replace(doc.e, LOCATION, pl)
    doc.add(pl, A, PLACE)
    return pl


@_kind("place-name-missing", "Place-name", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """A place without a name."""
    return [_x("Place-name", _fresh_place(doc))]


@_kind("place-two-names", "Place-name", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """A place with two names."""
    pl = _fresh_place(doc)
    doc.add(pl, PREF, en("Guesthouse"))
    doc.add(pl, PREF, en("State Guesthouse"))
    return [_x("Place-name", pl)]


@_kind("place-name-not-text", "Place-name-text", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """A place whose name is typed xsd:token."""
    pl = _fresh_place(doc)
    doc.add(pl, PREF, typed("Guesthouse", "token"))
    return [_x("Place-name-text", pl)]


@_kind("meeting-blank-node", "MeetingShape Document-meeting", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """The meeting written as a blank node."""
    b = f"_:meeting{doc.record}"
    doc.rename(doc.e or "", b)
    return [_x("MeetingShape", b), _x("Document-meeting", doc.d)]


@_kind("meeting-label-empty", "Meeting-label", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """The meeting's name is an empty string."""
    assert doc.e is not None
    doc.replace(doc.e, LABEL, en(""))
    return [_x("Meeting-label", doc.e)]


@_kind("meeting-date-missing", "Meeting-date", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """The meeting has no date (a Warning)."""
    assert doc.e is not None
    doc.drop(doc.e, DATE)
    return [_x("Meeting-date", doc.e)]


@_kind("meeting-two-dates", "Meeting-date-single", "meeting no-start")
def _(doc: _Doc) -> list[Expected]:
    """The meeting has two dates (the day before too)."""
    assert doc.e is not None
    doc.add(doc.e, DATE, typed((doc.date - timedelta(days=1)).isoformat(), "date"))
    return [_x("Meeting-date-single", doc.e)]


@_kind("meeting-date-wrong-datatype", "Meeting-date-form", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """The meeting date is a plain string."""
    assert doc.e is not None
    doc.replace(doc.e, DATE, plain(doc.date.isoformat()))
    return [_x("Meeting-date-form", doc.e)]


def _start(doc: _Doc) -> str:
    assert doc.e is not None
    return doc.objects(doc.e, STARTED)[0].split('"')[1]


@_kind("meeting-two-start-times", "Meeting-start", "start")
def _(doc: _Doc) -> list[Expected]:
    """The meeting starts twice on its day."""
    assert doc.e is not None
    doc.add(doc.e, STARTED, typed(f"{doc.date.isoformat()}T07:15:00", "dateTime"))
    return [_x("Meeting-start", doc.e)]


@_kind("meeting-start-as-text", "Meeting-start", "start")
def _(doc: _Doc) -> list[Expected]:
    """The start time is a plain string, not an xsd:dateTime."""
    assert doc.e is not None
    doc.replace(doc.e, STARTED, plain(_start(doc)))
    return [_x("Meeting-start", doc.e)]


@_kind("meeting-start-with-time-zone", "Meeting-start", "start")
def _(doc: _Doc) -> list[Expected]:
    """The start time has a time zone the source does not give."""
    assert doc.e is not None
    doc.replace(doc.e, STARTED, typed(_start(doc) + "+08:00", "dateTime"))
    return [_x("Meeting-start", doc.e)]


@_kind("meeting-start-another-day", "Meeting-start-matches-date", "start")
def _(doc: _Doc) -> list[Expected]:
    """The start time is on the day after the meeting's date."""
    assert doc.e is not None
    doc.replace(doc.e, STARTED, typed(f"{(doc.date + timedelta(days=1)).isoformat()}T10:00:00", "dateTime"))
    return [_x("Meeting-start-matches-date", doc.e)]


@_kind("meeting-place-as-text", "Meeting-place", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """The meeting's place written as its name."""
    assert doc.e is not None
    doc.replace(doc.e, LOCATION, en("Great Hall of the People"))
    return [_x("Meeting-place", doc.e)]


@_kind("meeting-place-not-a-place", "Meeting-place", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """The meeting took place "at" an organisation."""
    assert doc.e is not None
    doc.replace(doc.e, LOCATION, _body(doc))
    return [_x("Meeting-place", doc.e)]


@_kind("meeting-without-participants", "Meeting-participant", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """The meeting names no participant (a Warning)."""
    assert doc.e is not None
    doc.drop(doc.e, PARTICIPANT)
    return [_x("Meeting-participant", doc.e)]


@_kind("meeting-participant-as-text", "Meeting-participant-link", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """A participant written as a name."""
    assert doc.e is not None
    doc.add(doc.e, PARTICIPANT, en("Interpreter Li"))
    return [_x("Meeting-participant-link", doc.e)]


@_kind("meeting-participant-not-an-agent", "Meeting-participant-link", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """A participant that is a place."""
    assert doc.e is not None
    doc.add(doc.e, PARTICIPANT, _place(doc))
    return [_x("Meeting-participant-link", doc.e)]


@_kind("meeting-role-not-an-association", "Meeting-association", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """A role in the meeting points at the person, not at a prov:Association."""
    assert doc.e is not None
    doc.add(doc.e, Q_ASSOCIATION, doc.objects(doc.e, PARTICIPANT)[0])
    return [_x("Meeting-association", doc.e)]


@_kind("meeting-role-as-text", "Meeting-association", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """A role in the meeting written as text."""
    assert doc.e is not None
    doc.add(doc.e, Q_ASSOCIATION, plain("interpreter"))
    return [_x("Meeting-association", doc.e)]


# roles


@_kind("association-blank-node", "AssociationShape Meeting-association", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """A role in the meeting written as a blank node."""
    b = f"_:association{doc.record}"
    doc.rename(_association(doc), b)
    return [_x("AssociationShape", b), _x("Meeting-association", doc.e or "")]


@_kind("association-agent-missing", "Association-agent", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """A role in the meeting that names nobody."""
    node = _association(doc)
    doc.drop(node, P_AGENT)
    return [_x("Association-agent", node)]


@_kind("association-two-agents", "Association-agent", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """A role in the meeting that names two people."""
    node = _association(doc)
    assert doc.e is not None
    doc.add(node, P_AGENT, doc.objects(doc.e, PARTICIPANT)[1])
    return [_x("Association-agent", node)]


@_kind("association-agent-as-text", "Association-agent-link", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """A role in the meeting whose person is written as a name."""
    node = _association(doc)
    doc.replace(node, P_AGENT, plain("Vice Minister Zhang"))
    return [_x("Association-agent-link", node)]


@_kind("association-agent-not-an-agent", "Association-agent-link", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """A role in the meeting held by a place."""
    node = _association(doc)
    doc.replace(node, P_AGENT, _place(doc))
    return [_x("Association-agent-link", node)]


@_kind("association-role-missing", "Association-role", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """A role in the meeting without a role."""
    node = _association(doc)
    doc.drop(node, HAD_ROLE)
    return [_x("Association-role", node)]


@_kind("association-role-not-in-scheme", "Association-role-value", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """A role outside the role scheme (chairman)."""
    node = _association(doc)
    doc.add(node, HAD_ROLE, role("chairman"))
    return [_x("Association-role-value", node)]


@_kind("association-role-as-text", "Association-role-value", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """A role written as a word."""
    node = _association(doc)
    doc.add(node, HAD_ROLE, plain("interpreter"))
    return [_x("Association-role-value", node)]


@_kind("association-position-empty", "Association-position", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """A position held that is an empty string."""
    node = _association(doc)
    doc.replace(node, POSITION, en(""))
    return [_x("Association-position", node)]


@_kind("association-name-with-language", "Association-name-as-written", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """A name as written that carries a language tag."""
    node = _association(doc)
    doc.add(node, AS_WRITTEN, en("Comrade Zhang"))
    return [_x("Association-name-as-written", node)]


@_kind("association-orphan", "Association-meeting", "meeting")
def _(doc: _Doc) -> list[Expected]:
    """A role in the meeting that the meeting does not link to (a Warning)."""
    node = _association(doc)
    assert doc.e is not None
    doc.drop(doc.e, Q_ASSOCIATION, node)
    return [_x("Association-meeting", node)]


@_kind("attribution-blank-node", "AttributionShape Document-attribution", "author")
def _(doc: _Doc) -> list[Expected]:
    """A role on the document written as a blank node."""
    b = f"_:attribution{doc.record}"
    doc.rename(_author(doc), b)
    return [_x("AttributionShape", b), _x("Document-attribution", doc.d)]


@_kind("attribution-agent-missing", "Attribution-agent", "translation")
def _(doc: _Doc) -> list[Expected]:
    """The translator's role names nobody."""
    node = _translator(doc)
    doc.drop(node, P_AGENT)
    return [_x("Attribution-agent", node)]


@_kind("attribution-two-agents", "Attribution-agent", "author")
def _(doc: _Doc) -> list[Expected]:
    """The author's role names two people or bodies."""
    node = _author(doc)
    other = doc.world.describe_person(doc, doc.title_people[1])[0]
    doc.add(node, P_AGENT, other)
    return [_x("Attribution-agent", node)]


@_kind("attribution-agent-as-text", "Attribution-agent-link", "translation")
def _(doc: _Doc) -> list[Expected]:
    """The translator's role names the translator as text."""
    node = _translator(doc)
    doc.replace(node, P_AGENT, plain("Translated by Stephen Mercado"))
    return [_x("Attribution-agent-link", node)]


@_kind("attribution-agent-not-an-agent", "Attribution-agent-link", "author")
def _(doc: _Doc) -> list[Expected]:
    """The author's role is held by a place."""
    node = _author(doc)
    doc.replace(node, P_AGENT, _place(doc))
    return [_x("Attribution-agent-link", node)]


@_kind("attribution-role-missing", "Attribution-role", "author")
def _(doc: _Doc) -> list[Expected]:
    """A role on the document without a role."""
    node = _author(doc)
    doc.drop(node, HAD_ROLE)
    return [_x("Attribution-role", node)]


@_kind("attribution-role-not-in-scheme", "Attribution-role-value", "translation")
def _(doc: _Doc) -> list[Expected]:
    """A role outside the role scheme (typist)."""
    node = _translator(doc)
    doc.add(node, HAD_ROLE, role("typist"))
    return [_x("Attribution-role-value", node)]


@_kind("attribution-position-empty", "Attribution-position", "author")
def _(doc: _Doc) -> list[Expected]:
    """A position held that is an empty string."""
    node = _author(doc)
    doc.replace(node, POSITION, en(""))
    return [_x("Attribution-position", node)]


@_kind("attribution-name-with-language", "Attribution-name-as-written", "author")
def _(doc: _Doc) -> list[Expected]:
    """A name as written that carries a language tag."""
    node = _author(doc)
    doc.add(node, AS_WRITTEN, en("[Zhang] Hanfu"))
    return [_x("Attribution-name-as-written", node)]


@_kind("attribution-two-dates", "Attribution-date", "author")
def _(doc: _Doc) -> list[Expected]:
    """A role with two dates (signed twice?)."""
    node = _author(doc)
    doc.drop(node, DATE)
    doc.add(node, DATE, typed(doc.date.isoformat(), "date"))
    doc.add(node, DATE, typed((doc.date + timedelta(days=2)).isoformat(), "date"))
    return [_x("Attribution-date", node)]


@_kind("attribution-date-as-text", "Attribution-date-form", "author")
def _(doc: _Doc) -> list[Expected]:
    """A role's date written as "22 June 1962"."""
    node = _author(doc)
    doc.replace(node, DATE, plain(doc.date.strftime("%d %B %Y").lstrip("0")))
    return [_x("Attribution-date-form", node)]


@_kind("attribution-orphan", "Attribution-record", "translation")
def _(doc: _Doc) -> list[Expected]:
    """The translator's role that the translation does not link to (a Warning)."""
    node = _translator(doc)
    assert doc.t is not None
    doc.drop(doc.t, Q_ATTRIBUTION, node)
    return [_x("Attribution-record", node)]


# translations


@_kind("translation-blank-node", "TranslationShape Document-translation", "translation")
def _(doc: _Doc) -> list[Expected]:
    """The translation written as a blank node."""
    b = f"_:translation{doc.record}"
    doc.rename(doc.t or "", b)
    return [_x("TranslationShape", b), _x("Document-translation", doc.d)]


def _t(doc: _Doc) -> str:
    assert doc.t is not None
    return doc.t


@_kind("translation-original-missing", "Translation-original", "translation")
def _(doc: _Doc) -> list[Expected]:
    """The translation does not say what it translates."""
    doc.drop(_t(doc), TRANSLATION_OF)
    return [_x("Translation-original", _t(doc))]


@_kind("translation-two-originals", "Translation-original", "translation")
def _(doc: _Doc) -> list[Expected]:
    """The translation translates two documents."""
    ref = f"<{doc.d[1:-1]}/reference-9>"
    doc.add(doc.d, REFERENCES, ref)
    doc.add(ref, A, DOCUMENT)
    doc.add(ref, TITLE, en("Draft of the same memorandum"))
    doc.add(ref, DATE, typed(doc.date.isoformat(), "date"))
    doc.add(_t(doc), TRANSLATION_OF, ref)
    return [_x("Translation-original", _t(doc))]


@_kind("translation-original-as-text", "Translation-original-link", "translation")
def _(doc: _Doc) -> list[Expected]:
    """The original written as its title."""
    doc.replace(_t(doc), TRANSLATION_OF, en("The original memorandum"))
    return [_x("Translation-original-link", _t(doc))]


@_kind("translation-original-not-a-document", "Translation-original-link", "translation")
def _(doc: _Doc) -> list[Expected]:
    """The original is the DA web page."""
    doc.replace(_t(doc), TRANSLATION_OF, f"<https://digitalarchive.wilsoncenter.org/document/{doc.record}>")
    return [_x("Translation-original-link", _t(doc))]


@_kind("translation-language-as-text", "Translation-language", "translation")
def _(doc: _Doc) -> list[Expected]:
    """The language written as the word "English"."""
    doc.replace(_t(doc), LANGUAGE, plain("English"))
    return [_x("Translation-language", _t(doc))]


@_kind("translation-language-other-list", "Translation-language", "translation")
def _(doc: _Doc) -> list[Expected]:
    """The language is an ISO 639-2 code, not ISO 639-1."""
    doc.replace(_t(doc), LANGUAGE, "<http://id.loc.gov/vocabulary/iso639-2/eng>")
    return [_x("Translation-language", _t(doc))]


@_kind("translation-record-id-twice", "Translation-record-id", "translation")
def _(doc: _Doc) -> list[Expected]:
    """Two DA record IDs."""
    doc.add(_t(doc), RECORD_ID, plain(str(doc.record + 1)))
    return [_x("Translation-record-id", _t(doc))]


@_kind("translation-record-id-not-digits", "Translation-record-id", "translation")
def _(doc: _Doc) -> list[Expected]:
    """The record ID written "DA-118200"."""
    doc.replace(_t(doc), RECORD_ID, plain(f"DA-{doc.record}"))
    return [_x("Translation-record-id", _t(doc))]


@_kind("translation-record-id-as-number", "Translation-record-id", "translation")
def _(doc: _Doc) -> list[Expected]:
    """The record ID typed xsd:integer."""
    doc.replace(_t(doc), RECORD_ID, typed(str(doc.record), "integer"))
    return [_x("Translation-record-id", _t(doc))]


@_kind("translation-url-as-text", "Translation-url", "url")
def _(doc: _Doc) -> list[Expected]:
    """The web page written as a string."""
    doc.replace(_t(doc), URL, plain(f"https://digitalarchive.wilsoncenter.org/document/{doc.record}"))
    return [_x("Translation-url", _t(doc))]


@_kind("translation-url-not-web", "Translation-url", "url")
def _(doc: _Doc) -> list[Expected]:
    """The web page is a URN, not an http(s) link."""
    doc.replace(_t(doc), URL, f"<urn:x-da:document:{doc.record}>")
    return [_x("Translation-url", _t(doc))]


@_kind("translation-upload-date-twice", "Translation-issued", "translation")
def _(doc: _Doc) -> list[Expected]:
    """Two upload dates."""
    doc.add(_t(doc), ISSUED, typed("2024-01-01", "date"))
    return [_x("Translation-issued", _t(doc))]


@_kind("translation-upload-month-only", "Translation-issued", "translation")
def _(doc: _Doc) -> list[Expected]:
    """The upload date is only a month (xsd:gYearMonth)."""
    value = doc.drop(_t(doc), ISSUED)[0].split('"')[1]
    doc.add(_t(doc), ISSUED, typed(value[:7], "gYearMonth"))
    return [_x("Translation-issued", _t(doc))]


@_kind("translation-translator-missing", "Translation-translator", "translation")
def _(doc: _Doc) -> list[Expected]:
    """The translation does not credit a translator (a Warning)."""
    node = _translator(doc)
    doc.drop(_t(doc), TRANSLATOR)
    doc.drop(_t(doc), Q_ATTRIBUTION, node)
    doc.triples = [t for t in doc.triples if not t.startswith(node + " ")]
    return [_x("Translation-translator", _t(doc))]


@_kind("translation-translator-as-text", "Translation-translator-link", "translation")
def _(doc: _Doc) -> list[Expected]:
    """A translator written as a name."""
    doc.add(_t(doc), TRANSLATOR, plain("Stephen Mercado"))
    return [_x("Translation-translator-link", _t(doc))]


@_kind("translation-translator-not-an-agent", "Translation-translator-link", "translation")
def _(doc: _Doc) -> list[Expected]:
    """The translator is the document itself."""
    doc.add(_t(doc), TRANSLATOR, doc.d)
    return [_x("Translation-translator-link", _t(doc))]


@_kind("translation-funder-as-text", "Translation-funder", "translation")
def _(doc: _Doc) -> list[Expected]:
    """A funder written as a name."""
    doc.add(_t(doc), FUNDER, plain("MacArthur Foundation"))
    return [_x("Translation-funder", _t(doc))]


@_kind("translation-funder-not-an-agent", "Translation-funder", "translation")
def _(doc: _Doc) -> list[Expected]:
    """A funder that is a place."""
    doc.add(_t(doc), FUNDER, _place(doc))
    return [_x("Translation-funder", _t(doc))]


@_kind("translation-donor-as-text", "Translation-sponsor", "translation")
def _(doc: _Doc) -> list[Expected]:
    """A donor written as a name."""
    doc.add(_t(doc), SPONSOR, plain("Henry Luce Foundation"))
    return [_x("Translation-sponsor", _t(doc))]


@_kind("translation-role-not-an-attribution", "Translation-attribution", "translation")
def _(doc: _Doc) -> list[Expected]:
    """A role on the translation points at the translator, not at a prov:Attribution."""
    doc.add(_t(doc), Q_ATTRIBUTION, doc.objects(_t(doc), TRANSLATOR)[0])
    return [_x("Translation-attribution", _t(doc))]


@_kind("translation-note-empty", "Translation-editorial-note", "editorial")
def _(doc: _Doc) -> list[Expected]:
    """A translator's note that is an empty string."""
    doc.replace(_t(doc), EDITORIAL, en(""))
    return [_x("Translation-editorial-note", _t(doc))]


@_kind("translation-source-as-text", "Translation-source", "translation")
def _(doc: _Doc) -> list[Expected]:
    """The translation's source file written as its path."""
    doc.replace(_t(doc), DERIVED, plain(f"pages/{doc.i // 1000:04d}/{doc.i:06d}.txt"))
    return [_x("Translation-source", _t(doc))]
