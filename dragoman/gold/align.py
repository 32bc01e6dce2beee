"""Pairing two sets of event mentions of one document (two annotators' passes, or gold and coded
events), and comparing actors: one place for the rules that agreement and adjudication share."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

A = TypeVar("A")
B = TypeVar("B")


def overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return bool(a and b and a[0] < b[1] and b[0] < a[1])


def max_matching(left: Sequence[A], right: Sequence[B], fits: Callable[[A, B], bool]) -> list[tuple[int, int]]:
    """A largest set of (i, j) pairs with fits(left[i], right[j]), each index used once (Kuhn's
    augmenting paths: the sets are a document's events, a few dozen at most)."""
    edges = [[j for j, r in enumerate(right) if fits(l, r)] for l in left]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(left)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def tiered_matching(left: Sequence[A], right: Sequence[B],
                    tiers: Sequence[Callable[[A, B], bool]]) -> list[tuple[int, int]]:
    """Match on the strictest rule first, then pair what is left on each looser rule in turn."""
    pairs: list[tuple[int, int]] = []
    for fits in tiers:
        used_l, used_r = {i for i, _ in pairs}, {j for _, j in pairs}
        rest_l = [i for i in range(len(left)) if i not in used_l]
        rest_r = [j for j in range(len(right)) if j not in used_r]
        found = max_matching([left[i] for i in rest_l], [right[j] for j in rest_r], fits)
        pairs += [(rest_l[i], rest_r[j]) for i, j in found]
    return sorted(pairs)


def same_actors(a, b) -> bool:
    """Two lists of gold actors name the same actors: each of either has a partner in the other
    with the same key (country or international prefix), or, where a key is missing, an
    overlapping span."""
    def partner(x, others) -> bool:
        return any((x.key and x.key == y.key) or (not (x.key and y.key) and overlaps(x.span, y.span))
                   for y in others)
    return all(partner(x, b) for x in a) and all(partner(y, a) for y in b)


def kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two annotators' labels on the same items."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    labels = {x for pair in pairs for x in pair}
    expected = sum((sum(a == c for a, _ in pairs) / n) * (sum(b == c for _, b in pairs) / n) for c in labels)
    return round((observed - expected) / (1 - expected), 3) if expected < 1 else 1.0
