"""Douglas-Peucker simplification of (lon, lat) rings, shared by the map data scripts."""

from __future__ import annotations

import math

import numpy as np


def simplify(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas-Peucker on (lon, lat) with longitudes shrunk to the local scale."""
    scaled = points * np.array([math.cos(math.radians(64.0)), 1.0])
    keep = np.zeros(len(points), dtype=bool)
    # a ring ends where it starts: split it first at the point farthest from its start
    opposite = int(np.argmax(np.hypot(*(scaled - scaled[0]).T)))
    keep[[0, opposite, -1]] = True
    stack = [(0, opposite), (opposite, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        start, end = scaled[first], scaled[last]
        segment = end - start
        length = float(np.hypot(*segment)) or 1e-12
        between = scaled[first + 1:last] - start
        distance = np.abs(segment[0] * between[:, 1] - segment[1] * between[:, 0]) / length
        farthest = int(np.argmax(distance))
        if distance[farthest] > tolerance:
            middle = first + 1 + farthest
            keep[middle] = True
            stack += [(first, middle), (middle, last)]
    return points[keep]
