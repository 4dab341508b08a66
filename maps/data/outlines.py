"""What prepare_shapes.py and prepare_lite.py share: the simplification of an outline and the
name of the browser global both scripts define.

Its own module so that prepare_shapes.py can run prepare_lite.py (to keep the coarse outlines in
step with countries.geojson) while prepare_lite.py still runs alone: neither imports the other
for these. Standard library only, like both scripts.
"""

from __future__ import annotations

import math

# The global that static/maps/countries.js and countries-lite.js both define and
# static/maps/coalition-maps.js reads, so the map script draws either file.
BROWSER_GLOBAL = "coalitionCountryShapes"

Point = tuple[float, float]


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker on one arc, endpoints kept, so neighbours sharing the arc still meet."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - x1, py - y1)
            else:
                distance = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]
