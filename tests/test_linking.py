"""The linking metrics (kiwi_bench.scoring.linking) against scorch, the reference scorer's rules and hand arithmetic.

scorch (PyPI) implements MUC, B-cubed and CEAF-e from lists of sets and returns (recall, precision, F1);
it has no LEA, so LEA (and, as a second witness, MUC and B-cubed) is checked against literal
transcriptions of the CoNLL reference scorer's Perl (v8.01 and Moosavi's LEA extension of it).
Every random case comes from `random.Random(seed)`: a failure names its seed.
"""

from __future__ import annotations

import itertools
import math
import random
from collections import defaultdict
from fractions import Fraction
from operator import itemgetter
from statistics import StatisticsError

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment
from scorch import scores as scorch  # test dependency (PyPI: scorch)

from kiwi_bench.scoring import linking
from kiwi_bench.scoring.linking import PRF, b_cubed, ceaf_e, conll_f1, lea, linking_report, muc, pairwise, restrict_to_matched

TOL = 1e-9
METRICS = {"muc": muc, "b3": b_cubed, "ceafe": ceaf_e, "lea": lea}
document = itemgetter(0)


# ----------------------------------------------------------------------------------------------
# Helpers: clusterings as lists of sets, random cases, reference transcriptions.


def clusters(mapping: dict) -> list[set]:
    groups: dict = defaultdict(set)
    for mention, cluster in mapping.items():
        groups[cluster].add(mention)
    return list(groups.values())


def random_case(seed: int) -> tuple[dict, dict]:
    """A gold and a predicted clustering over a few documents with typical linking errors."""
    rng = random.Random(seed)
    mentions = []
    for d in range(rng.randint(1, 4)):
        # starts 3 apart and ends at start or start + 1, so a shifted end (+1) never hits another mention
        for start in rng.sample(range(0, 60, 3), rng.randint(0, 10)):
            mentions.append((f"doc{d}", start, start + rng.randint(0, 1)))
    n = len(mentions)
    style = rng.random()
    if style < 0.1:
        gold = list(range(n))  # all singletons
    elif style < 0.2:
        gold = [0] * n  # one entity
    else:
        n_entities = rng.randint(1, max(1, n))
        gold = [rng.randrange(n_entities) for _ in range(n)]
    as_id = (lambda c: f"E{c}") if rng.random() < 0.5 else (lambda c: c)
    key = {m: as_id(c) for m, c in zip(mentions, gold)}

    mode = rng.random()
    if mode < 0.03:
        return key, {}
    if mode < 0.09:  # an independent prediction over part of the mentions, plus spurious ones
        chosen = rng.sample(mentions, rng.randint(0, n))
        chosen += [("doc9", 100 + i, 100 + i) for i in range(rng.randint(0, 4))]
        response = {m: rng.randrange(1 + len(chosen) // 2) for m in chosen}
        return ({} if mode < 0.05 else key), response
    response = {m: ("R", c) for m, c in key.items()}
    fresh = itertools.count()
    for _ in range(rng.randint(0, 5)):
        op = rng.choice(["merge", "split", "wrong", "miss", "spurious", "boundary", "singleton"])
        if not response and op != "spurious":
            continue
        ids = sorted(set(response.values()), key=repr)
        items = sorted(response, key=repr)
        if op == "merge":
            a, b = rng.choice(ids), rng.choice(ids)
            response = {m: (b if c == a else c) for m, c in response.items()}
        elif op == "split":
            a, new = rng.choice(ids), ("S", next(fresh))
            for m in [m for m in items if response[m] == a]:
                if rng.random() < 0.5:
                    response[m] = new
        elif op == "wrong":
            response[rng.choice(items)] = rng.choice(ids)
        elif op == "miss":
            del response[rng.choice(items)]
        elif op == "spurious":
            spurious = (f"doc{rng.randint(0, 4)}", 200 + next(fresh), 201)
            response[spurious] = rng.choice(ids) if ids and rng.random() < 0.6 else ("N", next(fresh))
        elif op == "boundary":
            m = rng.choice(items)
            response[(m[0], m[1], m[2] + 1)] = response.pop(m)
        else:
            response[rng.choice(items)] = ("N", next(fresh))
    return key, response


def reference_muc(key: list[list], response: list[list]) -> tuple[float, float, float]:
    """CorScorer.pm v8.01 MUC: IdentifMentions' response chains, then MUCScorer's chain counting."""
    key_mentions = {m for entity in key for m in entity}
    response_mentions = {m for entity in response for m in entity}
    chains = [list(entity) for entity in response]
    chains += [[m] for entity in key for m in entity if m not in response_mentions]  # 1. missed key -> singletons
    chains = [c for c in chains if not (len(c) == 1 and c[0] not in key_mentions)]  # 2. twinless singletons out
    k_index = {m: i for i, entity in enumerate(key) for m in entity}
    correct = 0
    for chain in chains:
        for i, a in enumerate(chain):
            for b in chain[i + 1:]:
                if a in k_index and b in k_index and k_index[a] == k_index[b]:
                    correct += 1
                    break
    key_links = sum(len(e) - 1 for e in key if e)
    response_links = sum(len(c) - 1 for c in chains if c)
    return show_rpf(correct, key_links, correct, response_links)


def reference_b_cubed(key: list[list], response: list[list]) -> tuple[float, float, float]:
    """CorScorer.pm v8.01 BCUBED on the original chains."""
    k_index = {m: i for i, entity in enumerate(key) for m in entity}
    acc_p = acc_r = 0.0
    for chain in response:
        for m in chain:
            k_chain = key[k_index[m]] if m in k_index else []
            common = sum(1 for x in chain if x in k_chain)
            acc_p += common / len(chain)
            if k_chain:
                acc_r += common / len(k_chain)
    return show_rpf(acc_r, sum(map(len, key)), acc_p, sum(map(len, response)))


def _lea_sub(key: list[list], response: list[list]) -> tuple[float, int]:
    r_index = {m: i for i, entity in enumerate(response) for m in entity}
    ratio, mentions = 0.0, 0
    for entity in key:
        size = len(entity)
        if size == 1:
            m = entity[0]
            correct = 1 if m in r_index and len(response[r_index[m]]) == 1 else 0
            links = 1
        else:
            correct = sum(1 for a, b in itertools.combinations(entity, 2)
                          if a in r_index and b in r_index and r_index[a] == r_index[b])
            links = size * (size - 1) / 2
        ratio += correct / links * size
        mentions += size
    return ratio, mentions


def reference_lea(key: list[list], response: list[list]) -> tuple[float, float, float]:
    """LEA as in Moosavi's extension of CorScorer.pm v8.01 (LEASUB both ways)."""
    recall_num, recall_den = _lea_sub(key, response)
    precision_num, precision_den = _lea_sub(response, key)
    return show_rpf(recall_num, recall_den, precision_num, precision_den)


def show_rpf(rn, rd, pn, pd) -> tuple[float, float, float]:
    """ShowRPF: (R, P, F) with 0 for a zero denominator."""
    r = rn / rd if rd else 0.0
    p = pn / pd if pd else 0.0
    return r, p, (2 * p * r / (p + r) if p + r else 0.0)


def assert_rpf(ours: PRF | dict, expected: tuple[float, float, float], what: str) -> None:
    if isinstance(ours, PRF):
        ours = ours.as_dict()
    got = (ours["recall"], ours["precision"], ours["f1"])
    assert got == pytest.approx(expected, abs=TOL), f"{what}: ours (R, P, F) {got} != {expected}"


def scorch_ceaf_e(key: list[set], response: list[set]) -> tuple[float, float, float]:
    """scorch's CEAF-e, except where scorch 0.2.0 crashes.

    When both sides are non-empty but share no mention, its similarity is a numpy 0.0 and
    statistics.harmonic_mean((0.0, 0.0)) raises StatisticsError; the reference scorer gives 0 there."""
    try:
        with np.errstate(divide="ignore"):
            return scorch.ceaf_e(key, response)
    except StatisticsError:
        assert not any(k & r for k in key for r in response)
        return 0.0, 0.0, 0.0


def assert_against_references(key: dict, response: dict, scores: dict, what: str) -> None:
    k, r = clusters(key), clusters(response)
    expected = {"muc": scorch.muc(k, r), "b3": scorch.b_cubed(k, r), "ceafe": scorch_ceaf_e(k, r)}
    for name, rpf in expected.items():
        assert_rpf(scores[name], rpf, f"{what} {name} vs scorch")
    try:
        with np.errstate(divide="ignore"):
            conll = scorch.conll2012(k, r)
    except StatisticsError:  # the same crash, inside CEAF-e
        conll = sum(rpf[2] for rpf in expected.values()) / 3
    assert scores["conll_f1"] == pytest.approx(conll, abs=TOL), f"{what} conll vs scorch"
    kl, rl = [sorted(c) for c in k], [sorted(c) for c in r]
    assert_rpf(scores["muc"], reference_muc(kl, rl), f"{what} muc vs reference")
    assert_rpf(scores["b3"], reference_b_cubed(kl, rl), f"{what} b3 vs reference")
    assert_rpf(scores["lea"], reference_lea(kl, rl), f"{what} lea vs reference")


# ----------------------------------------------------------------------------------------------
# Cross-checks on seeded random cases.

BLOCKS = 12
PER_BLOCK = 100  # 1,200 seeded cases in all


@pytest.mark.parametrize("block", range(BLOCKS))
def test_random_cases_match_scorch_and_reference(block: int) -> None:
    for seed in range(block * PER_BLOCK, (block + 1) * PER_BLOCK):
        key, response = random_case(seed)
        report = linking_report(key, response, document)
        assert_against_references(key, response, report["end_to_end"], f"seed {seed} end-to-end")
        matched_key, matched_response = restrict_to_matched(key, response)
        assert_against_references(matched_key, matched_response, report["matched"], f"seed {seed} matched")
        for name, metric in METRICS.items():  # the public functions agree with the report
            assert metric(key, response).as_dict() == report["end_to_end"][name], f"seed {seed} {name}"
        assert conll_f1(key, response) == report["end_to_end"]["conll_f1"]


def test_random_cases_cover_every_situation() -> None:
    """The generator does produce the errors the cross-check is meant to cover."""
    seen = defaultdict(int)
    for seed in range(BLOCKS * PER_BLOCK):
        key, response = random_case(seed)
        k, r = clusters(key), clusters(response)
        seen["empty key"] += not key
        seen["empty response"] += not response
        seen["missed"] += bool(set(key) - set(response))
        seen["spurious"] += bool(set(response) - set(key))
        seen["boundary"] += any((m[0], m[1], m[2] + 1) in response and m not in response for m in key)
        seen["key singletons"] += any(len(c) == 1 for c in k)
        seen["cross-document key cluster"] += any(len({m[0] for m in c}) > 1 for c in k)
        seen["merge"] += any(sum(1 for c in k if c & x) > 1 for x in r)
        seen["split"] += any(sum(1 for x in r if c & x) > 1 for c in k)
        seen["no predicted link"] += bool(response) and all(len(x) == 1 for x in r)
    assert all(count >= 20 for count in seen.values()), dict(seen)


def tangled_case(seed: int) -> tuple[dict, dict]:
    """A few hundred mentions with many merges, splits and wrong links: big, tangled CEAF components."""
    rng = random.Random(1000 + seed)
    mentions = [(f"d{rng.randrange(10)}", i, i) for i in range(400)]
    key = {m: rng.randrange(60) for m in mentions}
    response = {m: (c if rng.random() < 0.6 else rng.randrange(80)) for m, c in key.items() if rng.random() < 0.9}
    response.update({(f"d{rng.randrange(10)}", 1000 + i, 1000 + i): rng.randrange(80) for i in range(30)})
    return key, response


def test_tangled_clusterings_match_scorch() -> None:
    for seed in range(4):
        key, response = tangled_case(seed)
        assert_against_references(key, response, linking_report(key, response, document)["end_to_end"], f"seed {seed}")


def test_sparse_assignment_path_matches_scorch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Components forced through the sparse matcher (meant for huge components) give the same CEAF-e."""
    monkeypatch.setattr(linking, "_DENSE_LIMIT", 0)
    cases = [tangled_case(seed) for seed in range(4)] + [random_case(seed) for seed in range(300)]
    for i, (key, response) in enumerate(cases):
        assert_rpf(ceaf_e(key, response), scorch_ceaf_e(clusters(key), clusters(response)), f"case {i}")


def test_sparse_assignment_equals_dense() -> None:
    for seed in range(50):
        rng = np.random.default_rng(seed)
        n_rows, n_cols = rng.integers(1, 12, size=2)
        dense = np.where(rng.random((n_rows, n_cols)) < 0.3, rng.random((n_rows, n_cols)) + 1e-3, 0.0)
        rows, cols = np.nonzero(dense)
        chosen = linear_sum_assignment(dense, maximize=True)
        expected = dense[chosen].sum()
        got = linking._sparse_assignment(rows, cols, dense[rows, cols], int(n_rows), int(n_cols))
        assert got == pytest.approx(expected, abs=1e-12), seed


# ----------------------------------------------------------------------------------------------
# Hand-worked cases.

# The example of Pradhan et al. (2014, Figure 1, after Luo 2005): key {a,b,c} {d,e,f,g},
# response {a,b} {c,d} {f,g,h,i}; e is missed, h and i are spurious.
KEY = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 2, "g": 2}
RESPONSE = {"a": "x", "b": "x", "c": "y", "d": "y", "f": "z", "g": "z", "h": "z", "i": "z"}


def close(prf: PRF, precision: float, recall: float, f1: float) -> bool:
    return (prf.precision, prf.recall, prf.f1) == pytest.approx((precision, recall, f1), abs=1e-12)


def test_pradhan_example() -> None:
    # MUC recall: key {a,b,c} splits into {a,b},{c} -> 3-2 = 1 link; {d,e,f,g} into {d},{e},{f,g}
    #   -> 4-3 = 1; over (3-1)+(4-1) = 5 links: 2/5.
    # MUC precision: {a,b} 2-1 = 1, {c,d} 2-2 = 0, {f,g,h,i} into {f,g},{h},{i} 4-3 = 1; over 1+1+3: 2/5.
    assert close(muc(KEY, RESPONSE), 2 / 5, 2 / 5, 2 / 5)
    # B3 recall: (2²/3 + 1²/3 + 1²/4 + 2²/4) / 7 = (5/3 + 5/4) / 7 = 5/12.
    # B3 precision: (2²/2 + 1²/2 + 1²/2 + 2²/4) / 8 = 4/8 = 1/2; F1 = 2·(5/24)/(11/12) = 5/11.
    assert close(b_cubed(KEY, RESPONSE), 1 / 2, 5 / 12, 5 / 11)
    # CEAF-e phi4: ({a,b,c},{a,b}) = 4/5, ({a,b,c},{c,d}) = 2/5, ({d..g},{c,d}) = 2/6, ({d..g},{f..i}) = 4/8.
    # Best alignment {a,b,c}-{a,b} + {d..g}-{f..i} = 4/5 + 1/2 = 13/10 (the others: 9/10, 17/15).
    # Recall 13/10 / 2 = 13/20, precision 13/10 / 3 = 13/30, F1 = 2·(169/600)/(65/60) = 13/25.
    assert close(ceaf_e(KEY, RESPONSE), 13 / 30, 13 / 20, 13 / 25)
    # LEA recall: {a,b,c} 3 · (1 of 3 links: a-b) = 1; {d..g} 4 · (1 of 6: f-g) = 2/3; (5/3)/7 = 5/21.
    # LEA precision: {a,b} 2 · 1/1 = 2; {c,d} 2 · 0/1 = 0; {f..i} 4 · 1/6 = 2/3; (8/3)/8 = 1/3.
    # F1 = 2·(5/63)/(12/21) = 5/18.
    assert close(lea(KEY, RESPONSE), 1 / 3, 5 / 21, 5 / 18)
    assert conll_f1(KEY, RESPONSE) == pytest.approx((2 / 5 + 5 / 11 + 13 / 25) / 3, abs=1e-12)


def test_pradhan_example_matched() -> None:
    # Matched: e, h and i are dropped. Key {a,b,c} {d,f,g}, response {a,b} {c,d} {f,g}.
    key, response = restrict_to_matched(KEY, RESPONSE)
    assert key == {m: KEY[m] for m in "abcdfg"} and response == {m: RESPONSE[m] for m in "abcdfg"}
    # MUC: recall (3-2 + 3-2)/(2+2) = 1/2; precision (1 + 0 + 1)/(1+1+1) = 2/3; F1 = (2/3)/(7/6) = 4/7.
    assert close(muc(key, response), 2 / 3, 1 / 2, 4 / 7)
    # B3 recall (2²/3 + 1²/3 + 1²/3 + 2²/3)/6 = (10/3)/6 = 5/9; precision (2²/2 + 1/2 + 1/2 + 2²/2)/6 = 5/6;
    # F1 = 2·(25/54)/(25/18) = 2/3.
    assert close(b_cubed(key, response), 5 / 6, 5 / 9, 2 / 3)
    report = linking_report(KEY, RESPONSE, lambda m: "doc")
    assert report["matched"]["muc"] == muc(key, response).as_dict()
    assert report["mentions"] == {"key": 7, "response": 8, "matched": 6}


def test_no_predicted_links() -> None:
    key = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    response = {m: m for m in key}  # every mention its own cluster
    # MUC: no response link, so precision 0/0 -> 0 and recall 0/3 -> 0.
    assert close(muc(key, response), 0, 0, 0)
    # B3 recall (3 · 1/3 + 2 · 1/2)/5 = 2/5, precision 5/5 = 1, F1 = 0.8/1.4 = 4/7.
    assert close(b_cubed(key, response), 1, 2 / 5, 4 / 7)
    # CEAF-e: best {a,b,c}-{a} 2/4 + {d,e}-{d} 2/3 = 7/6; recall 7/12, precision 7/30, F1 = 1/3.
    assert close(ceaf_e(key, response), 7 / 30, 7 / 12, 1 / 3)
    # LEA: no key link resolved; the response singletons' self-links are resolved only where the key
    # has a singleton, and it has none.
    assert close(lea(key, response), 0, 0, 0)


def test_all_singletons() -> None:
    key = {m: i for i, m in enumerate("abcd")}
    # MUC has no link to score: 0 on both sides (degenerate), while B3, CEAF-e and LEA score the
    # singletons: each one is found, so 1.0; CoNLL = (0 + 1 + 1)/3.
    assert close(muc(key, dict(key)), 0, 0, 0)
    for metric in (b_cubed, ceaf_e, lea):
        assert close(metric(key, {m: -c for m, c in key.items()}), 1, 1, 1)
    assert conll_f1(key, key) == pytest.approx(2 / 3)


def test_one_mention() -> None:
    assert close(muc({"a": 1}, {"a": 9}), 0, 0, 0)
    for metric in (b_cubed, ceaf_e, lea):
        assert close(metric({"a": 1}, {"a": 9}), 1, 1, 1)
        assert close(metric({"a": 1}, {"b": 1}), 0, 0, 0)  # its only mention is missed


@pytest.mark.parametrize("key, response", [(KEY, {}), ({}, RESPONSE), ({}, {})])
def test_empty_side(key: dict, response: dict) -> None:
    # Nothing to find or nothing found: every recall and precision is 0, never 0/0.
    for metric in METRICS.values():
        assert metric(key, response) == PRF(0.0, 0.0, 0.0)
    assert conll_f1(key, response) == 0.0
    report = linking_report(key, response, document)
    assert all(v == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
               for part in ("end_to_end", "matched") for name, v in report[part].items() if name != "conll_f1")
    assert report["pairwise"]["within_document"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_merge_everything() -> None:
    key = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    response = {m: 0 for m in key}
    # MUC recall (3-1 + 2-1)/(2+1) = 1; precision (5-2)/(5-1) = 3/4; F1 = 6/7.
    assert close(muc(key, response), 3 / 4, 1, 6 / 7)
    # B3 recall 1; precision (3²/5 + 2²/5)/5 = 13/25; F1 = (26/25)/(38/25) = 13/19.
    assert close(b_cubed(key, response), 13 / 25, 1, 13 / 19)
    # CEAF-e: phi4 {a,b,c} 6/8, {d,e} 4/7: one response cluster, so 3/4; recall 3/8, precision 3/4, F1 1/2.
    assert close(ceaf_e(key, response), 3 / 4, 3 / 8, 1 / 2)
    # LEA recall (3 · 3/3 + 2 · 1/1)/5 = 1; precision 5 · (3 + 1 correct of 10 links)/5 = 2/5; F1 = 4/7.
    assert close(lea(key, response), 2 / 5, 1, 4 / 7)


def test_boundary_error_is_a_miss_and_a_spurious_mention() -> None:
    key = {("d", 0, 1): "A", ("d", 5, 6): "A"}
    response = {("d", 0, 1): "X", ("d", 5, 7): "X"}  # the second mention's end is off by one
    # MUC: the response link joins a key mention and an invented one, so 0 of 1 link each way.
    assert close(muc(key, response), 0, 0, 0)
    # B3: only ("d",0,1) overlaps, 1 of its 2-mention clusters on each side: (1²/2)/2 = 1/4 each way.
    assert close(b_cubed(key, response), 1 / 4, 1 / 4, 1 / 4)
    # CEAF-e: phi4 = 2·1/(2+2) = 1/2 over one cluster each side.
    assert close(ceaf_e(key, response), 1 / 2, 1 / 2, 1 / 2)
    # Matched: only ("d",0,1) is left, a singleton on both sides, so everything but MUC is 1.
    matched = linking_report(key, response, document)["matched"]
    assert matched["b3"]["f1"] == matched["ceafe"]["f1"] == matched["lea"]["f1"] == 1.0
    assert matched["muc"]["f1"] == 0.0


# ----------------------------------------------------------------------------------------------
# Pairwise links.


def test_pairwise_hand_worked() -> None:
    a1, a2, a3 = ("d1", 0, 1), ("d1", 5, 6), ("d2", 0, 1)
    b1, b2, spurious = ("d2", 3, 4), ("d2", 7, 8), ("d2", 9, 9)
    key = {a1: "A", a2: "A", a3: "A", b1: "B", b2: "B"}
    response = {a1: "X", a2: "X", b1: "X", a3: "Y", b2: "Y", spurious: "Y"}
    # Gold links: A gives a1-a2 (within d1), a1-a3 and a2-a3 (cross); B gives b1-b2 (within d2).
    #   within 2, cross 2.
    # Predicted: X gives a1-a2 (within, correct), a1-b1 and a2-b1 (cross, wrong); Y gives a3-b2,
    #   a3-spurious and b2-spurious (within d2, all wrong). within 4 (1 correct), cross 2 (0 correct).
    # within: precision 1/4, recall 1/2, F1 = (1/4)/(3/4) = 1/3; cross: all 0.
    result = pairwise(key, response, document)
    assert close(result["within_document"], 1 / 4, 1 / 2, 1 / 3)
    assert close(result["cross_document"], 0, 0, 0)
    # A perfect response: every gold link found, in both classes.
    perfect = pairwise(key, {m: c.lower() for m, c in key.items()}, document)
    assert close(perfect["within_document"], 1, 1, 1) and close(perfect["cross_document"], 1, 1, 1)


def brute_force_pairwise(key: dict, response: dict) -> dict[str, tuple[int, int, int]]:
    """(correct, gold, predicted) link counts per class, by enumerating every pair."""
    def links(mapping):
        return {frozenset(pair) for c in clusters(mapping) for pair in itertools.combinations(c, 2)}

    def within(pair):
        a, b = tuple(pair)
        return document(a) == document(b)

    gold, predicted = links(key), links(response)
    out = {}
    for name, keep in (("within_document", within), ("cross_document", lambda p: not within(p))):
        g, p = {x for x in gold if keep(x)}, {x for x in predicted if keep(x)}
        out[name] = (len(g & p), len(g), len(p))
    return out


def test_pairwise_equals_brute_force() -> None:
    for seed in range(600):
        key, response = random_case(seed)
        ours = pairwise(key, response, document)
        for name, (correct, gold, predicted) in brute_force_pairwise(key, response).items():
            expected = show_rpf(correct, gold, correct, predicted)
            assert_rpf(ours[name], expected, f"seed {seed} {name}")
        assert linking_report(key, response, document)["pairwise"] == {n: v.as_dict() for n, v in ours.items()}


# ----------------------------------------------------------------------------------------------
# Properties.


def flat(report: dict) -> dict:
    out = {}
    for section in ("end_to_end", "matched", "pairwise"):
        for name, value in report[section].items():
            for field, number in (value.items() if isinstance(value, dict) else [("", value)]):
                out[(section, name, field)] = number
    return out


def test_invariant_to_renaming_ids_and_mention_order() -> None:
    for seed in range(300):
        key, response = random_case(seed)
        rng = random.Random(seed)
        base = flat(linking_report(key, response, document))
        renamed_key = {m: ("k", hash(c) % 7, repr(c)) for m, c in key.items()}  # a bijection on ids
        renamed_response = {m: f"cluster {c!r}" for m, c in response.items()}
        shuffled_key = dict(rng.sample(sorted(key.items()), len(key)))
        shuffled_response = dict(rng.sample(sorted(response.items(), key=repr), len(response)))
        for k, r in ((renamed_key, renamed_response), (shuffled_key, shuffled_response)):
            other = flat(linking_report(k, r, document))
            assert other.keys() == base.keys()
            for field, value in base.items():
                assert other[field] == pytest.approx(value, abs=1e-12), f"seed {seed} {field}"


def test_key_against_itself_is_perfect() -> None:
    checked = 0
    for seed in range(300):
        key, _ = random_case(seed)
        if all(len(c) == 1 for c in clusters(key)):
            continue  # degenerate for MUC (no link): covered by test_all_singletons
        checked += 1
        report = linking_report(key, dict(key), document)
        for part in ("end_to_end", "matched"):
            assert report[part]["conll_f1"] == pytest.approx(1.0, abs=1e-12)
            for name in METRICS:
                assert report[part][name] == pytest.approx({"precision": 1.0, "recall": 1.0, "f1": 1.0}, abs=1e-12)
        counts = brute_force_pairwise(key, key)
        for name in ("within_document", "cross_document"):
            expected = 1.0 if counts[name][1] else 0.0  # a class with no gold link has nothing to score
            assert report["pairwise"][name] == {"precision": expected, "recall": expected, "f1": expected}
    assert checked > 200


def test_restrict_to_matched() -> None:
    key = {"a": 1, "b": 1, "c": 2}
    response = {"b": 5, "c": 5, "z": 5}
    assert restrict_to_matched(key, response) == ({"b": 1, "c": 2}, {"b": 5, "c": 5})
    assert restrict_to_matched(key, {}) == ({}, {})
    for seed in range(200):  # the report's matched section is the metrics of the restricted clusterings
        key, response = random_case(seed)
        k, r = restrict_to_matched(key, response)
        assert set(k) == set(r) == set(key) & set(response)
        matched = linking_report(key, response, document)["matched"]
        for name, metric in METRICS.items():
            assert matched[name] == pytest.approx(metric(k, r).as_dict(), abs=1e-12), f"seed {seed} {name}"


def test_report_shape_and_plain_floats() -> None:
    report = linking_report(KEY, RESPONSE, lambda m: "d1" if m < "e" else "d2")
    assert set(report) == {"end_to_end", "matched", "pairwise", "mentions"}
    for part in ("end_to_end", "matched"):
        assert set(report[part]) == {"muc", "b3", "ceafe", "lea", "conll_f1"}
        assert type(report[part]["conll_f1"]) is float
        for name in METRICS:
            assert set(report[part][name]) == {"precision", "recall", "f1"}
            assert all(type(v) is float for v in report[part][name].values())
    assert set(report["pairwise"]) == {"within_document", "cross_document"}
    assert all(type(v) is float for d in report["pairwise"].values() for v in d.values())
    assert all(type(v) is int for v in report["mentions"].values())
    assert PRF(0.5, 0.25, 1 / 3).as_dict() == {"precision": 0.5, "recall": 0.25, "f1": 1 / 3}
    with pytest.raises(AttributeError):
        PRF(0.5, 0.25, 1 / 3).f1 = 1.0  # frozen


def test_hash_collisions_never_merge_distinct_mentions_or_ids() -> None:
    # In CPython hash(-1) == hash(-2), so these mentions and these tuple ids collide pairwise: the
    # numpy hash grouping must notice and fall back to exact dict matching.
    assert hash(("d", -1)) == hash(("d", -2)) and hash((-1,)) == hash((-2,))
    key = {("d", -1): (-1,), ("d", -2): (-2,), ("d", 3): (-1,), ("d", 4): (-2,)}
    response = {("d", -2): (-1,), ("d", 3): (-1,), ("d", -1): (-2,), ("d", 4): (-2,), ("e", -1): (-1,)}
    # The same clusterings with collision-free names.
    name = {("d", -1): "m1", ("d", -2): "m2", ("d", 3): "m3", ("d", 4): "m4", ("e", -1): "m5"}
    plain_key = {name[m]: str(c) for m, c in key.items()}
    plain_response = {name[m]: str(c) for m, c in response.items()}
    docs = {"m1": "d", "m2": "d", "m3": "d", "m4": "d", "m5": "e"}
    plain = flat(linking_report(plain_key, plain_response, docs.get))
    assert flat(linking_report(key, response, document)) == pytest.approx(plain, abs=1e-12)
    assert close(b_cubed({("d", -1): 1}, {("d", -2): 1}), 0, 0, 0)  # equal hashes, unequal mentions: no twin
    # Ids equal in Python are one cluster (1 == 1.0 == True), ids that differ are not (1 != "1").
    assert close(b_cubed({"a": 1, "b": 1.0, "c": True}, {"a": 0, "b": 0, "c": 0}), 1, 1, 1)
    assert close(muc({"a": 1, "b": "1"}, {"a": 0, "b": 0}), 0, 0, 0)
    assert close(muc({"a": -1, "b": -2, "c": -1}, {"a": 0, "b": 1, "c": 0}), 1, 1, 1)
    assert close(muc({"a": 2**70, "b": 2**70 + 1, "c": 2**70}, {"a": 0, "b": 1, "c": 0}), 1, 1, 1)  # beyond int64


def test_exact_fractions_on_a_mid_sized_case() -> None:
    """B3 and LEA sums in floats stay within 1e-12 of exact rational arithmetic."""
    key, response = linking._synthetic(2_000, 400, seed=3)
    k, r = clusters(key), clusters(response)
    r_index = {m: i for i, c in enumerate(r) for m in c}
    recall = Fraction(0)
    for c in k:
        overlap = defaultdict(int)
        for m in c:
            if m in r_index:
                overlap[r_index[m]] += 1
        recall += sum(Fraction(n * n, len(c)) for n in overlap.values())
    recall /= len(key)
    assert math.isclose(b_cubed(key, response).recall, float(recall), rel_tol=0, abs_tol=1e-12)
    assert_against_references(key, response, linking_report(key, response, document)["end_to_end"], "synthetic")


def test_figures_are_identical_to_the_last_bit_under_any_hash_seed():
    """String ids hash differently per process; the figures must not depend on it (byte-identical reports)."""
    import json
    import os
    import subprocess
    import sys

    program = ("import json, random\n"
               "from kiwi_bench.scoring.linking import linking_report\n"
               "rng = random.Random(3)\n"
               "key = {(d, m): f'k{rng.randrange(40)}' for d in range(6) for m in range(60)}\n"
               "response = {(d, m): f'r{rng.randrange(50)}' for d in range(6) for m in range(0, 60, 2)}\n"
               "print(json.dumps(linking_report(key, response, lambda m: m[0])))\n")
    outputs = {subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2, 3, 4)}
    assert len(outputs) == 1, outputs
    assert json.loads(outputs.pop())["mentions"]["key"] == 360
