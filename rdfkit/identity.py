"""One identity per person and organisation across a batch of documents.

Documents name people in many ways: ``Chervonenko`` in one, ``[Stepan] Chervonenko`` in another,
``Chou En-lai`` for ``Zhou Enlai``. :func:`resolve` gives every agent of every document the key its
IRI is minted from and the canonical label:

1. each agent is looked up in the authority file (its name, then each form the document writes);
   a match gives the entry's id, label and Wikidata/VIAF links;
2. the agents left are grouped within the batch: the same name (brackets dropped, case folded) is the
   same identity, and a one-word name joins the one full name in the batch whose family name it is
   (preferring a full name with the same office when several share it); anything still ambiguous
   stays an identity of its own rather than being guessed;
3. each group is looked up again by its fullest name (a full name also joins a surname-only entry minted
   earlier, "Chervonenko" before "Stepan Chervonenko"), and otherwise a new authority entry is minted for
   it (``Authority.save_minted`` records them so the next run reuses them).

The result depends only on the set of documents and the authority, not on the order of documents.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from .authority import Authority, Entry
from .converters.text import family_name, position_head
from .graph import slug
from .model import Agent, Document


def resolve(documents: Iterable[Document], authority: Authority | None = None) -> None:
    """Set ``key``, ``label`` and ``same_as`` on every agent of every document (in place)."""
    authority = authority if authority is not None else Authority.load(None)
    pairs = [(doc, agent) for doc in documents for agent in doc.agents()]
    for kind in ("person", "organization"):
        _resolve_kind([(d, a) for d, a in pairs if a.kind == kind], kind, authority)


def _lookup(authority: Authority, agent: Agent) -> Entry | None:
    for name in (agent.name, *agent.written):
        entry = authority.match(name, kind=agent.kind, position=agent.position)
        if entry is not None:
            return entry
    return None


def _apply(agent: Agent, entry: Entry) -> None:
    agent.key, agent.label, agent.same_as = entry.id, entry.label, entry.links


def _resolve_kind(pairs: list[tuple[Document, Agent]], kind: str, authority: Authority) -> None:
    groups: dict[str, list[tuple[Document, Agent]]] = defaultdict(list)
    for doc, agent in pairs:
        entry = _lookup(authority, agent)
        if entry is not None:
            _apply(agent, entry)
            groups[f"={entry.id}"].append((doc, agent))
        else:
            groups[slug(agent.name)].append((doc, agent))
    if kind == "person":
        full = {k: g for k, g in groups.items() if k.startswith("=") or len(g[0][1].name.split()) > 1}
        for key in sorted(k for k in groups if not k.startswith("=") and len(groups[k][0][1].name.split()) == 1):
            target = _full_name_for([a for _, a in groups[key]], full)
            if target is not None:
                full[target].extend(groups.pop(key))
    for key in sorted(groups):
        members = groups[key]
        agents = [a for _, a in members]
        if key.startswith("="):
            entry = authority.get(key[1:])
            assert entry is not None
        else:
            counts = Counter(a.name for a in agents)
            label = min(counts, key=lambda n: (-len(n.split()), -counts[n], n))
            entry = authority.match(label, kind=kind) or _minted_surname(authority, label, kind) or authority.mint(
                label, kind=kind, aliases=sorted({n for a in agents for n in (a.name, *a.written)} - {label}),
                first_source=min(d.source.path for d, _ in members))
        authority.add_aliases(entry.id, sorted({n for a in agents for n in (a.name, *a.written)}))
        for agent in agents:
            _apply(agent, entry)


def _minted_surname(authority: Authority, label: str, kind: str) -> Entry | None:
    """A full name ("Stepan Chervonenko") whose family name an earlier run minted alone ("Chervonenko"):
    the same person, as batch resolution would decide when both are in one batch."""
    if kind != "person" or len(label.split()) < 2:
        return None
    entry = authority.match(family_name(label), kind=kind)
    if entry is not None and entry.source == "minted.csv" and len(entry.label.split()) == 1:
        return entry
    return None


def _full_name_for(short: list[Agent], full: dict[str, list[tuple[Document, Agent]]]) -> str | None:
    word = short[0].name.casefold()

    def label(key: str) -> str:
        agent = full[key][0][1]
        return agent.label or agent.name

    cands = sorted(k for k in full if family_name(label(k)).casefold() == word)
    if len(cands) > 1:
        heads = {position_head(a.position) for a in short} - {None}
        if heads:
            cands = [k for k in cands if any(position_head(a.position) in heads for _, a in full[k])]
    return cands[0] if len(cands) == 1 else None
