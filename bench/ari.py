"""Adjusted Rand index (Hubert & Arabie 1985) from a contingency table, exact in integers
until the last division: what sklearn.metrics.adjusted_rand_score computes."""
from collections import Counter


def comb2(n):
    return n * (n - 1) // 2


def adjusted_rand_index(truth, predicted):
    """truth, predicted: equal-length sequences of hashable labels."""
    if len(truth) != len(predicted):
        raise ValueError("label lists differ in length")
    n = len(truth)
    pairs = sum(comb2(c) for c in Counter(zip(truth, predicted)).values())
    rows = sum(comb2(c) for c in Counter(truth).values())
    cols = sum(comb2(c) for c in Counter(predicted).values())
    total = comb2(n)
    if total == 0:
        return 1.0
    expected = rows * cols / total
    maximum = (rows + cols) / 2
    if maximum == expected:  # both partitions all-singletons or one block: sklearn returns 1.0
        return 1.0
    return (pairs - expected) / (maximum - expected)


def _self_test():
    """Values worked out by hand (and given in sklearn's documentation)."""
    from fractions import Fraction
    assert adjusted_rand_index([0, 0, 1, 1], [0, 0, 1, 1]) == 1.0
    assert adjusted_rand_index([0, 0, 1, 1], [1, 1, 0, 0]) == 1.0
    # pairs 1, rows 1, cols 2, total 6: (1 - 1/3) / (3/2 - 1/3) = 4/7
    assert abs(adjusted_rand_index([0, 0, 1, 2], [0, 0, 1, 1]) - float(Fraction(4, 7))) < 1e-15
    assert adjusted_rand_index([0, 0, 0, 0], [0, 1, 2, 3]) == 0.0
    # pairs 2, rows 6, cols 3, total 15: (2 - 18/15) / (9/2 - 18/15) = 8/33
    assert abs(adjusted_rand_index([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) - float(Fraction(8, 33))) < 1e-15
    print("ari.py: self-test passed")


if __name__ == "__main__":
    _self_test()
