"""Make the regions' boundary file for the choropleth map: the 19 maakunnat of Finland from
the npm package @superset-ui/legacy-plugin-chart-country-map (Apache Superset's country
maps, cut from Natural Earth's 1:10m admin-1 polygons), keyed by Statistics Finland's
maakunta codes, simplified. Prints the figures of the simplification.

    npm pack @superset-ui/legacy-plugin-chart-country-map@0.20.3
    tar xzf superset-ui-legacy-plugin-chart-country-map-0.20.3.tgz -C /tmp/ccm
    .venv/bin/python bench/region_boundaries.py /tmp/ccm/package/lib/countries/finland.geojson

Writes data/reference/map/finland-regions.geojson (see data/reference/map/SOURCE.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from map_geometry import simplify  # noqa: E402

from kg.link.reference import read_tsv  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "data" / "reference" / "map"
TOLERANCE_DEG = 0.01    # Douglas-Peucker tolerance, degrees of latitude (about 1 km)
MIN_SPAN_DEG = 0.05     # islands whose bounding box is smaller are left out
DECIMALS = 3
# English names of the source that data/reference does not carry (YSO has no pref_en here)
ALIASES = {"Ostrobothnia": "Pohjanmaa"}


def region_names(reference_dir: Path | None = None) -> dict[str, str]:
    """Every Finnish, Swedish and English name of a region -> its Statistics Finland code."""
    names: dict[str, str] = {}
    for row in read_tsv("wikidata_places_fi.tsv", reference_dir):
        if row["level"] == "maakunta":
            names.update({row["name_fi"]: row["code"], row["name_sv"]: row["code"]})
    for row in read_tsv("yso_places_fi.tsv", reference_dir):
        if row["kind"] == "region":
            names.update({name: row["maakunta_code"]
                          for name in (row["pref_fi"], row["pref_sv"], row["pref_en"]) if name})
    return names


def region_code(name: str, names: dict[str, str]) -> str:
    """The code of a region named in any of its languages (KeyError if it is not one)."""
    return names[ALIASES.get(name, name)]


def _polygons(geometry: dict) -> list[list[list[list[float]]]]:
    coordinates = geometry["coordinates"]
    return [coordinates] if geometry["type"] == "Polygon" else coordinates


def _ring(ring: list[list[float]]) -> list[list[float]] | None:
    points = np.asarray(ring, dtype=float)
    if max(points.max(axis=0) - points.min(axis=0)) < MIN_SPAN_DEG:
        return None
    kept = simplify(points, TOLERANCE_DEG)
    if len(kept) < 4:
        return None
    return [[round(float(x), DECIMALS), round(float(y), DECIMALS)] for x, y in kept]


def region_feature(feature: dict, names: dict[str, str]) -> tuple[dict, int, int]:
    """The feature keyed by maakunta code, its outer rings simplified; points before, after."""
    polygons, before = [], 0
    for polygon in _polygons(feature["geometry"]):
        before += len(polygon[0])
        ring = _ring(polygon[0])
        if ring is not None:
            polygons.append([ring])
    name = feature["properties"]["NAME_1"]
    out = {"type": "Feature",
           "properties": {"maakunta_code": region_code(name, names), "source_name": name,
                          "iso_3166_2": feature["properties"]["ISO"]},
           "geometry": {"type": "MultiPolygon", "coordinates": polygons}}
    return out, before, sum(len(polygon[0]) for polygon in polygons)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="finland.geojson of the npm package")
    args = parser.parse_args()
    names = region_names()
    source = json.loads(args.source.read_text(encoding="utf-8"))
    features, before, after = [], 0, 0
    for feature in source["features"]:
        drawn, points_in, points_out = region_feature(feature, names)
        features.append(drawn)
        before, after = before + points_in, after + points_out
    features.sort(key=lambda feature: feature["properties"]["maakunta_code"])
    target = OUT / "finland-regions.geojson"
    collection = {"type": "FeatureCollection", "features": features}
    target.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n",
                      encoding="utf-8")
    print(f"regions: {len(features)}, outer-ring points: {before} -> {after}, "
          f"{target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
