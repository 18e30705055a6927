"""The maps: a choropleth of the 19 regions (maakunnat) on their simplified boundaries,
each shaded by its figure's class; and, where no boundary file is vendored, the older
symbol map (a circle per region at its administrative centre on Finland's outline). See
data/reference/map/SOURCE.md and docs/decisions.
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
REGIONS_FILE = "finland-regions.geojson"
SHADES = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")   # light = low, dark = high


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


def _feature_rings(file_name: str) -> list[tuple[dict, list[list[list[float]]]]]:
    """(properties, outer and inner rings) of each feature of a vendored GeoJSON file."""
    collection = json.loads((MAP_DIR / file_name).read_text(encoding="utf-8"))
    return [(feature["properties"], [ring for polygon in feature["geometry"]["coordinates"]
                                     for ring in polygon])
            for feature in collection["features"]]


def _frame(rings: list[list[list[float]]]) -> Frame:
    lons = [lon for ring in rings for lon, _lat in ring]
    lats = [lat for ring in rings for _lon, lat in ring]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    scale = (WIDTH - 2 * MARGIN) / ((east - west) * math.cos(math.radians(LAT0)))
    return Frame(west, north, scale, round((north - south) * scale) + 2 * MARGIN)


def _path(rings: list[list[list[float]]], frame: Frame) -> str:
    return " ".join("M" + " L".join("{},{}".format(*frame.point(lon, lat)) for lon, lat in ring)
                    + " Z" for ring in rings)


@lru_cache(maxsize=1)
def outline() -> Outline:
    rings = [ring for _properties, rings in _feature_rings("finland-outline.geojson")
             for ring in rings]
    frame = _frame(rings)
    with (MAP_DIR / "region-centres.tsv").open(encoding="utf-8", newline="") as table:
        centres = {row["maakunta_code"]: frame.point(float(row["lon"]), float(row["lat"]))
                   for row in csv.DictReader(table, delimiter="\t")}
    return Outline(_path(rings, frame), frame, centres)


@dataclass(frozen=True)
class Boundaries:
    paths: dict[str, str]     # maakunta code -> SVG path data of the region
    height: int


@lru_cache(maxsize=1)
def boundaries() -> Boundaries | None:
    """The regions' boundaries, or None where no boundary file is vendored."""
    if not (MAP_DIR / REGIONS_FILE).is_file():
        return None
    features = _feature_rings(REGIONS_FILE)
    frame = _frame([ring for _properties, rings in features for ring in rings])
    return Boundaries({properties["maakunta_code"]: _path(rings, frame)
                       for properties, rings in features}, frame.height)


def shade_classes(values: list[Decimal], count: int = len(SHADES)) -> list[Decimal]:
    """Upper bounds of up to ``count`` classes holding about as many values each (quantiles);
    the last bound is the largest value. Equal values always share a class."""
    ordered = sorted(values)
    if not ordered:
        return []
    bounds = [ordered[math.ceil(step * len(ordered) / count) - 1] for step in range(1, count)]
    return sorted(set(bounds) | {ordered[-1]})


def shade_of(value: Decimal | None, bounds: list[Decimal]) -> int | None:
    """The class of a value (0 = lowest), None for an unknown one; never falls as values rise."""
    if value is None or not bounds:
        return None
    return next((index for index, bound in enumerate(bounds) if value <= bound),
                len(bounds) - 1)


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
