import { test } from "node:test";
import assert from "node:assert/strict";
import * as geo from "../../Sources/MirsadConsole/Web/geo.js";

const close = (a, b, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

test("projection round trip", () => {
  for (const [lon, lat] of [[47.95, 29.3], [0, 0], [-120.5, 60.25], [179.9, -80]]) {
    const [x, y] = geo.project(lon, lat);
    const back = geo.unproject(x, y);
    close(back.lon, lon); close(back.lat, lat);
  }
  assert.deepEqual(geo.project(0, 0), [128, 128]);
});

test("screen round trip through a zoomed view", () => {
  const view = geo.makeView({ lat: 29.3, lon: 47.95 }, 12.4, 1200, 800);
  const [sx, sy] = geo.lonLatToScreen(view, 47.97, 29.31);
  const back = geo.screenToLonLat(view, sx, sy);
  close(back.lon, 47.97, 1e-9); close(back.lat, 29.31, 1e-9);
  const [cx, cy] = geo.lonLatToScreen(view, 47.95, 29.3);
  close(cx, 600, 1e-6); close(cy, 400, 1e-6);
});

test("zooming at a point keeps that point still; panning moves by pixels", () => {
  const view = geo.makeView({ lat: 29.3, lon: 47.95 }, 11, 1000, 700);
  const before = geo.screenToLonLat(view, 200, 150);
  const zoomed = geo.zoomAt(view, 1.5, 200, 150);
  const after = geo.screenToLonLat(zoomed, 200, 150);
  close(before.lon, after.lon, 1e-9); close(before.lat, after.lat, 1e-9);
  assert.equal(geo.zoomAt(view, 30, 0, 0, 0, 18).zoom, 18);
  const panned = geo.pan(view, 100, -50);
  const [x, y] = geo.lonLatToScreen(panned, 47.95, 29.3);
  close(x, 600, 1e-6); close(y, 300, 1e-6);
});

test("slippy tile numbers match the standard formula", () => {
  // Standard OSM formula.
  const osm = (lon, lat, z) => {
    const n = 2 ** z, r = (lat * Math.PI) / 180;
    return { x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n) };
  };
  for (const z of [0, 5, 8, 12, 16]) {
    const t = geo.lonLatToTile(47.95, 29.3, z);
    assert.deepEqual({ x: t.x, y: t.y }, osm(47.95, 29.3, z));
  }
  assert.deepEqual(geo.lonLatToTile(47.95, 29.3, 12), { x: 2593, y: 1699, z: 12 });
  const nw = geo.tileToLonLat(12, 2593, 1699);
  assert.ok(nw.lon <= 47.95 && nw.lat >= 29.3);
  assert.deepEqual(geo.lonLatToTile(nw.lon + 1e-9, nw.lat - 1e-9, 12), { x: 2593, y: 1699, z: 12 });
});

test("tiles for a view cover exactly its extent, centre first, clipped to the bbox", () => {
  const view = geo.makeView({ lat: 29.3, lon: 47.95 }, 12, 1024, 768);
  const tiles = geo.tilesForView(view, 12);
  const xs = tiles.map((t) => t.x), ys = tiles.map((t) => t.y);
  // 1024 px wide = 4 tiles, possibly 5 when not aligned; 768 = 3 or 4.
  assert.ok(new Set(xs).size >= 4 && new Set(xs).size <= 5);
  assert.ok(new Set(ys).size >= 3 && new Set(ys).size <= 4);
  assert.deepEqual({ x: tiles[0].x, y: tiles[0].y }, { x: 2593, y: 1699 });
  const bbox = { minLat: 29.29, maxLat: 29.31, minLon: 47.94, maxLon: 47.96 };
  const clipped = geo.tilesForView(view, 12, 0, bbox);
  for (const t of clipped) {
    assert.ok(t.x >= geo.lonLatToTile(47.94, 29.31, 12).x && t.x <= geo.lonLatToTile(47.96, 29.29, 12).x);
  }
  assert.ok(clipped.length <= tiles.length);
  assert.equal(geo.tileZoom(12.6, 8, 18), 13);
  assert.equal(geo.tileZoom(5, 8, 18), 8);
  assert.equal(geo.tileZoom(20.2, 8, 18), 18);
});

test("tile line decoding: first point absolute, then deltas, grouped by class", () => {
  const line = [2, 4795000, 2930000, 100, -50, 20, 30];
  assert.deepEqual(geo.decodeLine(line), [
    { lon: 47.95, lat: 29.3 }, { lon: 47.951, lat: 29.2995 }, { lon: 47.9512, lat: 29.2998 },
  ]);
  const byClass = geo.decodeTileLines([line, [0, 4790000, 2930000, 10, 10], [2, 1, 1]]);
  assert.deepEqual([...byClass.keys()].sort(), [0, 2]);
  const flat = byClass.get(2)[0];
  assert.equal(flat.length, 6);
  const [x, y] = geo.project(47.951, 29.2995);
  close(flat[2], x); close(flat[3], y);
});

test("fitBounds shows the whole box", () => {
  const bbox = { minLat: 29.09, maxLat: 29.51, minLon: 47.68, maxLon: 48.13 };
  const view = geo.fitBounds(bbox, 800, 600, 20);
  for (const [lon, lat] of [[47.68, 29.09], [48.13, 29.51]]) {
    const [x, y] = geo.lonLatToScreen(view, lon, lat);
    assert.ok(x >= 19.99 && x <= 780.01 && y >= 19.99 && y <= 580.01, `${x},${y}`);
  }
});

// Great-circle distance and initial bearing, written independently of geo.js.
const haversine = (a, b) => {
  const r = Math.PI / 180, dLat = (b.lat - a.lat) * r, dLon = (b.lon - a.lon) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(dLon / 2) ** 2;
  return 2 * geo.EARTH_RADIUS * Math.asin(Math.sqrt(h));
};
const bearing = (a, b) => {
  const r = Math.PI / 180, dLon = (b.lon - a.lon) * r;
  const y = Math.sin(dLon) * Math.cos(b.lat * r);
  const x = Math.cos(a.lat * r) * Math.sin(b.lat * r) - Math.sin(a.lat * r) * Math.cos(b.lat * r) * Math.cos(dLon);
  return ((Math.atan2(y, x) / r) + 360) % 360;
};
const point = ([lon, lat]) => ({ lon, lat });

test("destination: north and east by a known distance", () => {
  const north = geo.destination({ lat: 29.3, lon: 47.95 }, 0, 1000);
  close(north.lon, 47.95, 1e-12);
  close(north.lat, 29.3 + (1000 / geo.EARTH_RADIUS) * (180 / Math.PI), 1e-9);
  const east = geo.destination({ lat: 0, lon: 10 }, 90, 1000);
  close(east.lat, 0, 1e-12);
  close(east.lon, 10 + (1000 / geo.EARTH_RADIUS) * (180 / Math.PI), 1e-9);
  close(haversine({ lat: 29.3, lon: 47.95 }, geo.destination({ lat: 29.3, lon: 47.95 }, 217, 2500)), 2500, 1e-6);
});

test("camera wedge: the camera, then an arc at range from heading − fov/2 to heading + fov/2", () => {
  const at = { lat: 29.3712, lon: 47.97 };
  const ring = geo.cameraWedge(at, 180, 70, 400);
  assert.deepEqual(ring[0], [at.lon, at.lat]);
  const arc = ring.slice(1).map(point);
  assert.equal(arc.length, Math.ceil(70 / 5) + 1);
  for (const p of arc) close(haversine(at, p), 400, 1e-6);
  close(bearing(at, arc[0]), 145, 1e-6);
  close(bearing(at, arc.at(-1)), 215, 1e-6);
  close(bearing(at, arc[7]), 180, 1e-6); // the middle of the picture, due south
  // Every step is at most `step` degrees; a wedge across north wraps round correctly.
  const across = geo.cameraWedge(at, 10, 60, 250, 10).slice(1).map(point);
  assert.equal(across.length, 7);
  assert.deepEqual(across.map((p) => Math.round(bearing(at, p)) % 360), [340, 350, 0, 10, 20, 30, 40]);
});

test("camera wedge: a 360° dome is a circle without its centre", () => {
  const at = { lat: 29.22, lon: 47.98 };
  const ring = geo.cameraWedge(at, 0, 360, 300);
  assert.equal(ring.length, 72);
  for (const p of ring.map(point)) close(haversine(at, p), 300, 1e-6);
  assert.equal(geo.cameraWedge(at, 0, 400, 300).length, 72); // clamped to 360
  // Projected like any GeoJSON ring, for the map's flat path.
  assert.equal(geo.projectRing(ring).length, 144);
});
