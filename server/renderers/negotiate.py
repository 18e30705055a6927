"""HTTP content negotiation with q-values and wildcards (RFC 9110 §12.5.1)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    def specificity(self, media_type: str) -> int:
        """-1 when this range does not cover media_type, else 0 (*/*), 1 (type/*) or 2 (exact)."""
        offered_type, _, offered_subtype = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != offered_type:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == offered_subtype else -1


def parse_accept(header: str) -> list[MediaRange]:
    ranges = []
    for item in header.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        if "/" not in media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value.strip())))
                except ValueError:
                    q = 0.0
        main, _, sub = media.lower().partition("/")
        ranges.append(MediaRange(main, sub, q))
    return ranges


def quality(ranges: list[MediaRange], media_type: str) -> float:
    """The q of the most specific range covering media_type (0 when none does)."""
    best_specificity, best_q = -1, 0.0
    for media_range in ranges:
        specificity = media_range.specificity(media_type)
        if specificity > best_specificity:
            best_specificity, best_q = specificity, media_range.q
    return best_q


def negotiate(accept_header: str | None, offered: list[str]) -> str | None:
    """The offered media type the client prefers; ties go to the earlier offer.

    No (or an empty) Accept header accepts anything, so the first offer wins.
    None when nothing offered is acceptable (the caller answers 406).
    """
    if not offered:
        return None
    if not accept_header or not accept_header.strip():
        return offered[0]
    return _negotiate(accept_header, tuple(offered))


@lru_cache(maxsize=1024)  # clients send a handful of distinct Accept headers
def _negotiate(accept_header: str, offered: tuple[str, ...]) -> str | None:
    ranges = parse_accept(accept_header)
    if not ranges:
        return offered[0]
    best, best_q = None, 0.0
    for media_type in offered:
        q = quality(ranges, media_type.lower())
        if q > best_q:
            best, best_q = media_type, q
    return best
