"""Copy the web UI's libraries from node_modules/ into src/eventwire/ui/vendor/.

`make ui` runs `npm ci` (versions pinned in package-lock.json), then this
script, which copies each library's dist files and licence and writes
vendor/MANIFEST.json (file -> package, version, sha256). The vendored files
are committed, so `pip install` users need no Node; tests/test_ui.py checks
that they match the locked packages.

    python scripts/vendor_ui.py [--check]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULES = ROOT / "node_modules"
VENDOR = ROOT / "src" / "eventwire" / "ui" / "vendor"

# package -> (file in the package, name in vendor/)
FILES: dict[str, list[tuple[str, str]]] = {
    "d3": [("dist/d3.min.js", "d3.min.js"), ("LICENSE", "LICENSES/d3.txt")],
    "@observablehq/plot": [("dist/plot.umd.min.js", "plot.umd.min.js"), ("LICENSE", "LICENSES/plot.txt")],
    "leaflet": [("dist/leaflet.js", "leaflet.js"), ("dist/leaflet.css", "leaflet.css"),
                ("LICENSE", "LICENSES/leaflet.txt")],
    "leaflet.markercluster": [("dist/leaflet.markercluster.js", "leaflet.markercluster.js"),
                              ("dist/MarkerCluster.css", "MarkerCluster.css"),
                              ("dist/MarkerCluster.Default.css", "MarkerCluster.Default.css"),
                              ("MIT-LICENCE.txt", "LICENSES/leaflet.markercluster.txt")],
    "topojson-client": [("dist/topojson-client.min.js", "topojson-client.min.js"),
                        ("LICENSE", "LICENSES/topojson-client.txt")],
    "world-atlas": [("countries-50m.json", "countries-50m.json"), ("LICENSE", "LICENSES/world-atlas.txt")],
    "cytoscape": [("dist/cytoscape.min.js", "cytoscape.min.js"), ("LICENSE", "LICENSES/cytoscape.txt")],
}


def locked_versions(lock: Path = ROOT / "package-lock.json") -> dict[str, str]:
    """Package -> version, as package-lock.json pins them."""
    packages = json.loads(lock.read_text(encoding="utf-8"))["packages"]
    return {name: packages[f"node_modules/{name}"]["version"] for name in FILES}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest(modules: Path = MODULES) -> dict[str, dict[str, str]]:
    """vendor file -> {package, version, source, sha256} from an installed node_modules/."""
    out = {}
    for package, files in FILES.items():
        version = json.loads((modules / package / "package.json").read_text(encoding="utf-8"))["version"]
        for source, target in files:
            out[target] = {"package": package, "version": version, "source": source,
                           "sha256": sha256(modules / package / source)}
    return out


def copy(modules: Path = MODULES, vendor: Path = VENDOR) -> None:
    if vendor.exists():
        shutil.rmtree(vendor)
    for package, files in FILES.items():
        for source, target in files:
            (vendor / target).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(modules / package / source, vendor / target)
    text = json.dumps(manifest(modules), indent=1, sort_keys=True) + "\n"
    (vendor / "MANIFEST.json").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="Only check that vendor/ matches node_modules/.")
    args = parser.parse_args()
    if not MODULES.is_dir():
        sys.exit("no node_modules/: run `npm ci` first (make ui does)")
    if args.check:
        want = manifest()
        have = json.loads((VENDOR / "MANIFEST.json").read_text(encoding="utf-8"))
        bad = [f for f in want if want[f] != have.get(f) or sha256(VENDOR / f) != want[f]["sha256"]]
        sys.exit(f"vendor/ differs from node_modules/ in: {', '.join(bad)}" if bad else 0)
    copy()
    print(f"vendored {sum(len(f) for f in FILES.values())} files into {VENDOR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
