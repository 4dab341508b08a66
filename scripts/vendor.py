"""Vendor the map's JavaScript and CSS from the npm registry: `make vendor`.

No page may load anything from a CDN, so the files the maps need are fetched once with
`npm pack` (the registry's own tarball, checked against the integrity hash pinned below),
copied into static/vendor/<package>/ with their licence, and committed: CI and production
never need npm. The same run regenerates the country shapes from world-atlas
(maps/data/prepare_shapes.py). Re-running it with the same pins changes nothing.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "static" / "vendor"


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    licence: str
    integrity: str  # npm's dist.integrity: the tarball's SHA-512, base64
    files: dict[str, str]  # path inside the package -> path under static/vendor/<name>/
    purpose: str
    served: bool = True


PACKAGES = [
    Package(
        name="leaflet",
        version="1.9.4",
        licence="BSD-2-Clause",
        integrity="sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
        files={
            "dist/leaflet.js": "leaflet.js",
            # The source map is referenced from leaflet.js; the manifest static storage refuses
            # a reference to a missing file, and the map helps debugging in the browser.
            "dist/leaflet.js.map": "leaflet.js.map",
            "dist/leaflet.css": "leaflet.css",
            # leaflet.css loads its icons relatively: images/ stays beside it.
            "dist/images/layers.png": "images/layers.png",
            "dist/images/layers-2x.png": "images/layers-2x.png",
            "dist/images/marker-icon.png": "images/marker-icon.png",
            "dist/images/marker-icon-2x.png": "images/marker-icon-2x.png",
            "dist/images/marker-shadow.png": "images/marker-shadow.png",
            "LICENSE": "LICENSE",
        },
        purpose="the map library",
    ),
    Package(
        name="leaflet.markercluster",
        version="1.5.3",
        licence="MIT",
        integrity="sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA==",
        files={
            "dist/leaflet.markercluster.js": "leaflet.markercluster.js",
            "dist/leaflet.markercluster.js.map": "leaflet.markercluster.js.map",
            "dist/MarkerCluster.css": "MarkerCluster.css",
            "dist/MarkerCluster.Default.css": "MarkerCluster.Default.css",
            "MIT-LICENCE.txt": "MIT-LICENCE.txt",
        },
        purpose="clusters of partner markers",
    ),
]
# Not served: the input of maps/data/prepare_shapes.py, which writes maps/data/.
WORLD_ATLAS = Package(
    name="world-atlas",
    version="2.0.2",
    licence="ISC (data: Natural Earth, public domain)",
    integrity="sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==",
    files={"countries-50m.json": "", "LICENSE": ""},
    purpose="country shapes, prepared into maps/data/ (not served as is)",
    served=False,
)


def npm_pack(package: Package, workdir: Path) -> Path:
    """Download the package tarball, check its hash, unpack it; return the package folder."""
    spec = f"{package.name}@{package.version}"
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        ["npm", "pack", spec, "--silent", "--pack-destination", str(workdir)],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    )
    tarball = workdir / result.stdout.strip().splitlines()[-1]
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if digest != package.integrity:
        raise SystemExit(
            f"{spec}: integrity {digest} does not match the pinned {package.integrity}"
        )
    target = workdir / package.name
    with tarfile.open(tarball) as tar:
        tar.extractall(target, filter="data")
    return target / "package"


def versions_md() -> str:
    lines = [
        "# Vendored front-end files",
        "",
        "Written by `make vendor` (scripts/vendor.py): each package is fetched from the npm registry",
        "with `npm pack <name>@<version>`, its tarball checked against the pinned SHA-512 integrity,",
        "and the files below copied unmodified. Edit the pins in scripts/vendor.py, never these files.",
        "",
        "| package | version | licence | files | used for |",
        "| --- | --- | --- | --- | --- |",
    ]
    for package in [*PACKAGES, WORLD_ATLAS]:
        served = (
            ", ".join(f"`{package.name}/{dest}`" for dest in package.files.values())
            if package.served
            else "none (input of `maps/data/prepare_shapes.py`)"
        )
        lines.append(
            f"| {package.name} | {package.version} | {package.licence} | {served} | "
            f"{package.purpose} |"
        )
    lines += [
        "",
        "Integrity (npm `dist.integrity`):",
        "",
        *(f"- {p.name}@{p.version}: `{p.integrity}`" for p in [*PACKAGES, WORLD_ATLAS]),
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="coalition-vendor-") as tmp:
        workdir = Path(tmp)
        for package in PACKAGES:
            source = npm_pack(package, workdir)
            target = VENDOR / package.name
            shutil.rmtree(target, ignore_errors=True)
            for inner, dest in package.files.items():
                (target / dest).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source / inner, target / dest)
            print(f"{package.name}@{package.version}: {len(package.files)} files -> {target}")
        (VENDOR / "VERSIONS.md").write_text(versions_md(), encoding="utf-8")
        atlas = npm_pack(WORLD_ATLAS, workdir)
        subprocess.run(  # noqa: S603 - our own script
            [
                sys.executable,
                str(ROOT / "maps" / "data" / "prepare_shapes.py"),
                "--world-atlas",
                str(atlas / "countries-50m.json"),
            ],
            check=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
