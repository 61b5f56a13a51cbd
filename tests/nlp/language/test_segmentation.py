"""Viterbi segmentation of token evidence into language runs."""

from tawasol.nlp.language.segmentation import Segment, segments_of, viterbi_labels


def test_switch_needs_enough_evidence() -> None:
    scores = [[5.0, 0.0], [4.0, 0.0], [0.0, 3.0], [5.0, 0.0]]
    assert viterbi_labels(scores, ["a", "b"], switch_cost=4.0) == ["a"] * 4
    assert viterbi_labels(scores, ["a", "b"], switch_cost=1.0) == ["a", "a", "b", "a"]


def test_empty_input() -> None:
    assert viterbi_labels([], ["a", "b"]) == []


def test_segments_group_runs() -> None:
    assert segments_of(["a", "a", "b", "a"]) == [
        Segment("a", 0, 2),
        Segment("b", 2, 3),
        Segment("a", 3, 4),
    ]
