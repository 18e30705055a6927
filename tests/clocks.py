"""An injected clock for the engine's timed parts (flights, the served build's check)."""

from __future__ import annotations


class SteppedClock:
    """Monotonic seconds that move only when the test moves them; counts its readings."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now, self.readings = now, 0

    def __call__(self) -> float:
        self.readings += 1
        return self.now
