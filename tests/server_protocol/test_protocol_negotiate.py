"""Content negotiation: q-values, wildcards, specificity, server preference on ties."""

from server.renderers.negotiate import negotiate

OFFERS = ["text/turtle", "application/n-triples", "application/ld+json", "text/html"]


def test_no_or_empty_accept_takes_the_first_offer() -> None:
    assert negotiate(None, OFFERS) == "text/turtle"
    assert negotiate("  ", OFFERS) == "text/turtle"


def test_highest_q_wins_and_ties_keep_server_order() -> None:
    assert negotiate("application/ld+json;q=0.9, text/html;q=0.8", OFFERS) == "application/ld+json"
    assert negotiate("text/html, application/ld+json", OFFERS) == "application/ld+json"


def test_most_specific_range_sets_the_q() -> None:
    accept = "text/*;q=0.9, text/turtle;q=0.1, application/*;q=0.5"
    assert negotiate(accept, OFFERS) == "text/html"
    assert negotiate("*/*;q=0.1, application/n-triples", OFFERS) == "application/n-triples"


def test_q_zero_refuses_and_nothing_fitting_is_none() -> None:
    assert negotiate("text/turtle;q=0, */*;q=0.2", OFFERS) == "application/n-triples"
    assert negotiate("image/png", OFFERS) is None
    assert negotiate("*/*;q=0", OFFERS) is None
    assert negotiate("text/turtle", []) is None


def test_case_and_parameters_are_tolerated() -> None:
    assert negotiate("Text/Turtle; charset=utf-8; q=0.4, TEXT/HTML;q=0.3", OFFERS) == "text/turtle"
    assert negotiate("application/ld+json;q=abc, text/html", OFFERS) == "text/html"
