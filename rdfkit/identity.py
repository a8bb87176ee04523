"""One identity per person and organisation across a batch of documents.

Documents name people in many ways: ``Chervonenko`` in one, ``[Stepan] Chervonenko`` in another.
:func:`resolve` groups the agents of all documents into identities and gives each agent the canonical
label and the key its IRI is minted from:

- the same name (brackets dropped, case folded) is the same identity;
- a one-word name joins the one full name in the batch whose family name it is (preferring a full name
  with a compatible position when several share the family name); if that is still ambiguous it stays
  an identity of its own rather than being guessed;
- the canonical label is the fullest form (most words, then most often used, then alphabetical).

The result depends only on the set of documents, not on their order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from .converters.text import family_name, position_head
from .graph import slug
from .model import Agent, Document


def resolve(documents: Iterable[Document]) -> None:
    """Set ``key`` and ``label`` on every agent of every document (in place)."""
    agents = [a for doc in documents for a in doc.agents()]
    for kind in ("person", "organization"):
        _resolve_kind([a for a in agents if a.kind == kind], kind)


def _resolve_kind(agents: list[Agent], kind: str) -> None:
    groups: dict[str, list[Agent]] = defaultdict(list)
    for agent in agents:
        groups[slug(agent.name)].append(agent)
    if kind == "person":
        full = {k: g for k, g in groups.items() if len(g[0].name.split()) > 1}
        for key in sorted(k for k, g in groups.items() if len(g[0].name.split()) == 1):
            target = _full_name_for(groups[key], full)
            if target is not None:
                full[target].extend(groups.pop(key))
    for group in groups.values():
        counts = Counter(a.name for a in group)
        label = min(counts, key=lambda n: (-len(n.split()), -counts[n], n))
        for agent in group:
            agent.label = label
            agent.key = slug(label)


def _full_name_for(short: list[Agent], full: dict[str, list[Agent]]) -> str | None:
    word = short[0].name.casefold()
    cands = sorted(k for k, g in full.items() if family_name(g[0].name).casefold() == word)
    if len(cands) > 1:
        heads = {position_head(a.position) for a in short} - {None}
        if heads:
            cands = [k for k in cands if any(position_head(a.position) in heads for a in full[k])]
    return cands[0] if len(cands) == 1 else None
