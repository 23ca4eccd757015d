// Web-Mercator maths for the canvas map: projection, view transform, slippy tiles, tile decoding.
// Pure: no DOM. "World" coordinates are pixels of a 256-pixel world at zoom 0.

export const TILE = 256;
const MAX_LAT = 85.05112878;

export function project(lon, lat) {
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  return [
    ((lon + 180) / 360) * TILE,
    (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * TILE,
  ];
}

export function unproject(x, y) {
  const lon = (x / TILE) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * y) / TILE;
  const lat = (180 / Math.PI) * Math.atan(Math.sinh(n));
  return { lon, lat };
}

/** A view: centre in world coordinates, fractional zoom, canvas size in CSS pixels. */
export function makeView(center, zoom, width, height) {
  const [cx, cy] = project(center.lon, center.lat);
  return { cx, cy, zoom, width, height };
}

export function scaleOf(view) { return 2 ** view.zoom; }

export function toScreen(view, x, y) {
  const s = scaleOf(view);
  return [(x - view.cx) * s + view.width / 2, (y - view.cy) * s + view.height / 2];
}

export function toWorld(view, sx, sy) {
  const s = scaleOf(view);
  return [(sx - view.width / 2) / s + view.cx, (sy - view.height / 2) / s + view.cy];
}

export function lonLatToScreen(view, lon, lat) {
  const [x, y] = project(lon, lat);
  return toScreen(view, x, y);
}

export function screenToLonLat(view, sx, sy) {
  const [x, y] = toWorld(view, sx, sy);
  return unproject(x, y);
}

export function pan(view, dx, dy) {
  const s = scaleOf(view);
  return { ...view, cx: view.cx - dx / s, cy: view.cy - dy / s };
}

/** Zooms by `delta` levels keeping the world point under screen (sx, sy) in place. */
export function zoomAt(view, delta, sx, sy, minZoom = 0, maxZoom = 22) {
  const zoom = Math.max(minZoom, Math.min(maxZoom, view.zoom + delta));
  const [wx, wy] = toWorld(view, sx, sy);
  const s = 2 ** zoom;
  return { ...view, zoom, cx: wx - (sx - view.width / 2) / s, cy: wy - (sy - view.height / 2) / s };
}

/** The view that shows a lat/lon box whole, centred. */
export function fitBounds(bbox, width, height, padding = 20, maxZoom = 18) {
  const [x0, y1] = project(bbox.minLon, bbox.minLat);
  const [x1, y0] = project(bbox.maxLon, bbox.maxLat);
  const span = Math.max((x1 - x0) / Math.max(1, width - 2 * padding), (y1 - y0) / Math.max(1, height - 2 * padding));
  const zoom = Math.min(maxZoom, Math.log2(1 / Math.max(span, 1e-12)));
  return { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, zoom, width, height };
}

export function lonLatToTile(lon, lat, z) {
  const [x, y] = project(lon, lat);
  const n = 2 ** z;
  return { x: Math.floor((x / TILE) * n), y: Math.floor((y / TILE) * n), z };
}

/** The north-west corner of tile (z, x, y). */
export function tileToLonLat(z, x, y) {
  const n = 2 ** z;
  return unproject((x / n) * TILE, (y / n) * TILE);
}

/** The integer zoom whose tiles serve a fractional view zoom, within the server's range. */
export function tileZoom(zoom, minZoom, maxZoom) {
  return Math.max(minZoom, Math.min(maxZoom, Math.round(zoom)));
}

/** Tiles (z, x, y) covering the view, optionally with a margin in screen pixels, clipped to a bbox. */
export function tilesForView(view, z, margin = 0, bbox) {
  const [wx0, wy0] = toWorld(view, -margin, -margin);
  const [wx1, wy1] = toWorld(view, view.width + margin, view.height + margin);
  const n = 2 ** z, k = n / TILE;
  let x0 = Math.floor(wx0 * k), x1 = Math.floor(wx1 * k), y0 = Math.floor(wy0 * k), y1 = Math.floor(wy1 * k);
  if (bbox) {
    const a = lonLatToTile(bbox.minLon, bbox.maxLat, z), b = lonLatToTile(bbox.maxLon, bbox.minLat, z);
    x0 = Math.max(x0, a.x); y0 = Math.max(y0, a.y); x1 = Math.min(x1, b.x); y1 = Math.min(y1, b.y);
  }
  x0 = Math.max(0, x0); y0 = Math.max(0, y0); x1 = Math.min(n - 1, x1); y1 = Math.min(n - 1, y1);
  const tiles = [];
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) tiles.push({ z, x, y });
  // Centre tiles first so the middle of the screen fills in first.
  const [cx, cy] = [view.cx * k, view.cy * k];
  tiles.sort((a, b) => Math.hypot(a.x + 0.5 - cx, a.y + 0.5 - cy) - Math.hypot(b.x + 0.5 - cx, b.y + 0.5 - cy));
  return tiles;
}

export function tileKey(version, z, x, y) { return `${version}/${z}/${x}/${y}`; }

/**
 * Decodes a road tile's lines (`[class, lonE5, latE5, dLon, dLat, …]`) into lon/lat points and
 * projected world coordinates (Float64Array of x, y pairs), grouped by class index.
 */
export function decodeTileLines(lines) {
  const byClass = new Map();
  for (const line of lines) {
    if (!Array.isArray(line) || line.length < 5) continue;
    const cls = line[0];
    let lon = line[1], lat = line[2];
    const points = new Float64Array(((line.length - 1) / 2) * 2);
    let j = 0;
    for (let i = 1; i + 1 < line.length; i += 2) {
      if (i > 1) { lon += line[i]; lat += line[i + 1]; }
      const [x, y] = project(lon / 1e5, lat / 1e5);
      points[j++] = x; points[j++] = y;
    }
    if (!byClass.has(cls)) byClass.set(cls, []);
    byClass.get(cls).push(points);
  }
  return byClass;
}

/** The absolute lon/lat points of one encoded line (used by tests and hit checks). */
export function decodeLine(line) {
  const points = [];
  let lon = line[1], lat = line[2];
  points.push({ lon: lon / 1e5, lat: lat / 1e5 });
  for (let i = 3; i + 1 < line.length; i += 2) {
    lon += line[i]; lat += line[i + 1];
    points.push({ lon: lon / 1e5, lat: lat / 1e5 });
  }
  return points;
}

/** Projects GeoJSON rings ([lon, lat] arrays) into flat world-coordinate arrays. */
export function projectRing(ring) {
  const out = new Float64Array(ring.length * 2);
  for (let i = 0; i < ring.length; i++) {
    const [x, y] = project(ring[i][0], ring[i][1]);
    out[2 * i] = x; out[2 * i + 1] = y;
  }
  return out;
}

/** Centroid of a projected ring (area-weighted; falls back to the mean). */
export function ringCentroid(flat) {
  let a = 0, cx = 0, cy = 0;
  const n = flat.length / 2;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const x0 = flat[2 * i], y0 = flat[2 * i + 1], x1 = flat[2 * j], y1 = flat[2 * j + 1];
    const f = x0 * y1 - x1 * y0;
    a += f; cx += (x0 + x1) * f; cy += (y0 + y1) * f;
  }
  if (Math.abs(a) < 1e-18) {
    let sx = 0, sy = 0;
    for (let i = 0; i < n; i++) { sx += flat[2 * i]; sy += flat[2 * i + 1]; }
    return [sx / n, sy / n];
  }
  return [cx / (3 * a), cy / (3 * a)];
}

export const EARTH_RADIUS = 6371008.8; // metres, the mean radius MirsadGeodesy uses

/** The point `meters` from `at` ({lat, lon}) along `bearing` (degrees clockwise from north), on the sphere. */
export function destination(at, bearing, meters) {
  const d = meters / EARTH_RADIUS, b = (bearing * Math.PI) / 180;
  const p1 = (at.lat * Math.PI) / 180, l1 = (at.lon * Math.PI) / 180;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
  const l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return { lat: (p2 * 180) / Math.PI, lon: (l2 * 180) / Math.PI };
}

/**
 * What a camera at `at` covers, as a ring of [lon, lat] points (not closed): the camera, then
 * the arc of radius `range` metres from heading − fov/2 to heading + fov/2, a point at least
 * every `step` degrees. A 360° dome is the circle alone (its centre would cut it open).
 */
export function cameraWedge(at, heading, fieldOfView, range, step = 5) {
  const fov = Math.min(360, Math.max(0, fieldOfView));
  const full = fov >= 360;
  const n = Math.max(1, Math.ceil(fov / step));
  const start = full ? 0 : heading - fov / 2;
  const ring = full ? [] : [[at.lon, at.lat]];
  for (let i = 0; i < (full ? n : n + 1); i++) {
    const p = destination(at, start + (fov * i) / n, range);
    ring.push([p.lon, p.lat]);
  }
  return ring;
}
