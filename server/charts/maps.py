"""The map: a simplified outline of Finland with a circle per region at its administrative
centre, its area proportional to the region's figure. A region-level symbol map, not a
boundary map (see data/reference/map/SOURCE.md and docs/decisions).
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from kg import config

MAP_DIR = config.PROJECT_ROOT / "data" / "reference" / "map"
WIDTH = 360                # SVG units; the height follows the country's shape
MARGIN = 10
MAX_RADIUS = 28.0
LAT0 = 64.0                # longitudes are shrunk by cos(LAT0): fair shapes across Finland


@dataclass(frozen=True)
class Frame:
    west: float
    north: float
    scale: float
    height: int

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x = MARGIN + (lon - self.west) * math.cos(math.radians(LAT0)) * self.scale
        y = MARGIN + (self.north - lat) * self.scale
        return round(x, 1), round(y, 1)


@dataclass(frozen=True)
class Outline:
    path: str          # SVG path data
    frame: Frame
    centres: dict[str, tuple[float, float]]   # maakunta code -> (x, y)


def _rings() -> list[list[list[float]]]:
    collection = json.loads((MAP_DIR / "finland-outline.geojson").read_text(encoding="utf-8"))
    return [ring for feature in collection["features"]
            for polygon in feature["geometry"]["coordinates"] for ring in polygon]


@lru_cache(maxsize=1)
def outline() -> Outline:
    rings = _rings()
    lons = [lon for ring in rings for lon, _lat in ring]
    lats = [lat for ring in rings for _lon, lat in ring]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    scale = (WIDTH - 2 * MARGIN) / ((east - west) * math.cos(math.radians(LAT0)))
    frame = Frame(west, north, scale, round((north - south) * scale) + 2 * MARGIN)
    path = " ".join("M" + " L".join("{},{}".format(*frame.point(lon, lat)) for lon, lat in ring)
                    + " Z" for ring in rings)
    with (MAP_DIR / "region-centres.tsv").open(encoding="utf-8", newline="") as table:
        centres = {row["maakunta_code"]: frame.point(float(row["lon"]), float(row["lat"]))
                   for row in csv.DictReader(table, delimiter="\t")}
    return Outline(path, frame, centres)


@dataclass
class Symbol:
    label: str
    href: str | None
    value: Decimal | None
    rows: int
    x: float
    y: float
    radius: float


def radius(value: Decimal | None, largest: Decimal) -> float:
    """Circle areas proportional to the values; an unknown value gets a small hollow dot."""
    if value is None or largest <= 0 or value <= 0:
        return 3.0
    return round(MAX_RADIUS * math.sqrt(float(value / largest)), 1)
