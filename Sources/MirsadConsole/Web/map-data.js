// Loads the base map from the server (map description, sea/coast/governorates, road tiles),
// caching decoded tiles by (version, z, x, y) with a bounded number of requests in flight.
// Also turns the GeoJSON layers of fixed things (shelters, cameras, sensors) into map places.
import { api } from "./api.js";
import { cameraWedge, decodeTileLines, project, projectRing, tileKey } from "./geo.js";
import { cameraStyle, sensorStyle, shelterStyle } from "./map-style.js";

const MAX_TILES = 800;
const MAX_IN_FLIGHT = 6;

export class MapData {
  constructor() {
    this.info = null;
    this.features = { sea: [], coast: [], governorates: [] };
    this.tiles = new Map(); // key → { byClass } | { failed }
    this.pending = new Map(); // key → Promise
    this.queue = [];
    this.inFlight = 0;
    this.onTile = null;
  }

  async loadInfo() {
    try { this.info = await api("/v1/map"); } catch { this.info = null; }
    this.watchForRoads();
    return this.info;
  }

  /** Until the server has a road network (the demo builds its roads while already serving),
   * asks again every 10 s; when one is there, the empty tiles are dropped and redrawn. */
  watchForRoads() {
    if (this.info?.tiles?.version || this.roadWatch) return;
    this.roadWatch = setInterval(async () => {
      let info;
      try { info = await api("/v1/map"); } catch { return; }
      if (!info?.tiles?.version) return;
      clearInterval(this.roadWatch);
      this.roadWatch = null;
      this.info = info;
      this.tiles.clear();
      this.onTile?.({});
    }, 10000);
  }

  async loadFeatures() {
    let collection;
    try { collection = await api("/v1/map/features"); } catch { return this.features; }
    const sea = [], coast = [], governorates = [];
    for (const feature of collection.features || []) {
      const kind = feature.properties?.kind;
      const g = feature.geometry;
      if (!g) continue;
      const polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
      const lines = g.type === "LineString" ? [g.coordinates] : g.type === "MultiLineString" ? g.coordinates : [];
      if (kind === "sea") for (const polygon of polygons) sea.push(polygon.map(projectRing));
      else if (kind === "coastline") for (const line of lines) coast.push(projectRing(line));
      else if (kind === "governorate") {
        const center = feature.properties.center;
        governorates.push({
          id: feature.properties.id, name: feature.properties.name,
          center: Array.isArray(center) ? { lon: center[0], lat: center[1] } : center || null,
          rings: polygons.map((polygon) => polygon.map(projectRing)),
        });
      }
    }
    this.features = { sea, coast, governorates };
    return this.features;
  }

  version() { return this.info?.tiles?.version ?? ""; }

  /** The decoded tile if cached; otherwise starts loading it and returns undefined. */
  tile(z, x, y) {
    const key = tileKey(this.version(), z, x, y);
    const cached = this.tiles.get(key);
    if (cached) { this.tiles.delete(key); this.tiles.set(key, cached); return cached; } // LRU touch
    this.load(z, x, y);
    return undefined;
  }

  /** A promise for the tile (used to know when the first view is complete). */
  load(z, x, y) {
    const key = tileKey(this.version(), z, x, y);
    if (this.tiles.has(key)) return Promise.resolve(this.tiles.get(key));
    if (this.pending.has(key)) return this.pending.get(key);
    const promise = new Promise((resolve) => this.queue.push({ key, z, x, y, resolve }));
    this.pending.set(key, promise);
    this.pump();
    return promise;
  }

  /** Drops queued requests for tiles no longer wanted (after a fast pan). */
  keepOnly(keys) {
    this.queue = this.queue.filter((job) => {
      if (keys.has(job.key)) return true;
      this.pending.delete(job.key);
      job.resolve(undefined);
      return false;
    });
  }

  pump() {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length) {
      const job = this.queue.shift();
      this.inFlight++;
      const url = this.info.tiles.url.replace("{z}", job.z).replace("{x}", job.x).replace("{y}", job.y);
      api(url).then((reply) => ({ byClass: decodeTileLines(reply.lines || []) }), () => ({ failed: true, byClass: new Map() }))
        .then((tile) => {
          this.inFlight--;
          this.pending.delete(job.key);
          if (!tile.failed) {
            this.tiles.set(job.key, tile);
            if (this.tiles.size > MAX_TILES) this.tiles.delete(this.tiles.keys().next().value);
          }
          job.resolve(tile);
          this.onTile?.(job);
          this.pump();
        });
    }
  }
}

// ---- fixed things: shelters, cameras, sensors ----

/** What the map keeps of one feature of each layer, from its properties and its point. */
export const PLACE_LAYERS = {
  shelters: (p) => ({ id: p.site?.id, name: p.site?.name, style: shelterStyle(p) }),
  cameras: (p, at) => ({ id: p.id, name: p.name, style: cameraStyle(p), wedge: wedgeOf(p, at) }),
  sensors: (p) => ({ id: p.sensor?.id, name: p.sensor?.name, style: sensorStyle(p) }),
};

/** A camera's field of view in world coordinates, projected once here rather than per frame. */
function wedgeOf(p, at) {
  const range = Number(p.range), fov = Number(p.fieldOfView);
  if (!(range > 0) || !(fov > 0)) return null;
  return projectRing(cameraWedge(at, Number(p.heading) || 0, fov, range));
}

/** The Point features of a layer's FeatureCollection as places: { lon, lat, world, id, name, style, … }. */
export function parsePlaces(layer, collection) {
  const describe = PLACE_LAYERS[layer];
  const places = [];
  for (const feature of collection?.features || []) {
    const g = feature.geometry;
    if (g?.type !== "Point" || !Array.isArray(g.coordinates)) continue;
    const [lon, lat] = g.coordinates;
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
    places.push({ lon, lat, world: project(lon, lat), ...describe(feature.properties || {}, { lon, lat }) });
  }
  return places;
}

/** How many places the map draws per layer (none of a layer that is off). */
export function placeCounts(places, layers) {
  const shown = (layer) => (layers.has(layer) ? places[layer] || [] : []);
  return {
    shelters: shown("shelters").length,
    cameras: shown("cameras").length,
    sensors: shown("sensors").length,
    sensorsInAlarm: shown("sensors").filter((p) => p.style.alarm).length,
  };
}

/** The layer a live event makes stale, or null (cameras come from the jurisdiction file: no events). */
export function placesChangedBy(type) {
  if (type.startsWith("shelters.")) return "shelters";
  if (type === "sensors.alarm" || type === "sensors.normal") return "sensors";
  return null;
}
