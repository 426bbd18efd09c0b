"""kg.layout: positions computed once, seeded, spread, groups packed."""

from kg.layout import layout


def test_layout_is_seeded_spread_and_packs_apart_groups():
    pairs = [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (4, 5)]         # two groups and a loner
    a, b = layout(7, pairs), layout(7, pairs)
    assert a == b and len(a) == 7                                       # the same picture every time
    dist = lambda p, q: ((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2) ** 0.5  # noqa: E731
    assert min(dist(a[i], a[j]) for i in range(7) for j in range(i)) >= 100   # room for labels
    # the lone pair and the loner sit beside the big group, not flung far away
    assert max(dist(a[i], a[0]) for i in range(7)) < 1000
    assert layout(0, []) == [] and layout(1, []) == [(0, 0)]
