"""Vendor the JavaScript the browser tests inject: `python scripts/vendor_test_js.py`.

axe-core runs inside the pages the browser tests open (tests/browser/test_axe.py). It is a
test tool only: the product never serves or links it, so it lives in tests/browser/vendor/, not
in static/. The file is fetched once with `npm pack` (the registry's own tarball, checked against
the SHA-512 integrity pinned below), copied unmodified with its licence, and committed: CI never
needs npm. Re-running with the same pin changes nothing.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "tests" / "browser" / "vendor"

NAME = "axe-core"
VERSION = "4.14.1"
LICENCE = "MPL-2.0"
INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
# path inside the package -> path under tests/browser/vendor/axe-core/
FILES = {"axe.min.js": "axe.min.js", "LICENSE": "LICENSE"}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="coalition-test-vendor-") as tmp:
        workdir = Path(tmp)
        spec = f"{NAME}@{VERSION}"
        result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            ["npm", "pack", spec, "--silent", "--pack-destination", str(workdir)],  # noqa: S607
            check=True,
            capture_output=True,
            text=True,
        )
        tarball = workdir / result.stdout.strip().splitlines()[-1]
        digest = (
            "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        )
        if digest != INTEGRITY:
            raise SystemExit(f"{spec}: integrity {digest} does not match the pinned {INTEGRITY}")
        with tarfile.open(tarball) as tar:
            tar.extractall(workdir / NAME, filter="data")
        source = workdir / NAME / "package"
        target = VENDOR / NAME
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for inner, dest in FILES.items():
            shutil.copyfile(source / inner, target / dest)
        (VENDOR / "VERSIONS.md").write_text(
            "# JavaScript vendored for the browser tests only\n\n"
            "Written by `python scripts/vendor_test_js.py`: fetched from the npm registry with\n"
            "`npm pack`, the tarball checked against the pinned SHA-512 integrity, files copied\n"
            "unmodified. Never served by the product. Edit the pin in the script, not these files.\n\n"
            "| package | version | licence | files | used for |\n"
            "| --- | --- | --- | --- | --- |\n"
            f"| {NAME} | {VERSION} | {LICENCE} | "
            + ", ".join(f"`{NAME}/{dest}`" for dest in FILES.values())
            + " | accessibility checks in tests/browser/test_axe.py |\n\n"
            f"Integrity (npm `dist.integrity`): `{INTEGRITY}`\n",
            encoding="utf-8",
        )
        print(f"{spec}: {len(FILES)} files -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
