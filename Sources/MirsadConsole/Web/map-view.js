// The canvas map. Static layers (sea, coast, governorates, roads, stations) are drawn into an
// offscreen canvas with a margin and only redrawn after a zoom, a pan that nears the margin's
// edge, or when tiles arrive. The live layers (coverage, hotspots, closures, cameras' fields of
// view, shelters, cameras, sensors, selection, incidents, units) are composed over it into a
// second offscreen canvas of the same size, rebuilt only when their content changes ("map"
// invalidations: positions once a second, events) or the view leaves it; a frame that only
// moves the view (a drag) is one blit of that composite, plus evidence and the picked point.
// While a zoom is in progress the static bitmap is scaled and the live layers are drawn
// directly each frame.
import { api } from "./api.js";
import { $ } from "./dom.js";
import { t, localized, formatNumber, formatDuration, language } from "./i18n.js";
import * as geo from "./geo.js";
import { MapData, PLACE_LAYERS, parsePlaces, placeCounts } from "./map-data.js";
import { UNIT_SHAPES, PRIORITY_COLOURS, CAMERA_COLOUR, roadStyle, roadWidth } from "./map-style.js";
import { orderQueue, isOpen, matches } from "./queue.js";

const MARGIN = 256; // offscreen margin, CSS px, so short pans need no redraw
const SETTLE_MS = 140;
const LAND = "#1a2029", SEA = "#0b2a45", COAST = "#3f7fb0", BOUNDARY = "#7a8aa0";
const NAME_ZOOM = 15; // fixed things are named from this zoom on
const RELOAD_MS = 300; // a burst of shelter or sensor events reloads its layer once

export class MapView {
  constructor(ctx, canvas) {
    this.ctx = ctx;
    this.canvas = canvas;
    this.g = canvas.getContext("2d");
    this.data = new MapData();
    this.view = null;
    this.dpr = window.devicePixelRatio || 1;
    this.cache = document.createElement("canvas");
    this.cacheView = null;
    this.staticDirty = true;
    this.layerCache = document.createElement("canvas");
    this.layerView = null; // the view the composite was drawn for (null: must be rebuilt)
    this.sprites = new Map(); // marker bitmaps by kind, size, dpr and language
    this.lastMove = 0;
    this.layers = new Set();
    this.picking = null;
    this.pick = null;
    this.evidence = null;
    this.closures = [];
    this.coverage = null; // { polygons: [{ rings, sector }] }
    this.hotspots = null;
    this.places = Object.fromEntries(Object.keys(PLACE_LAYERS).map((layer) => [layer, []]));
    this.placeLoads = new Map(); // layer → number of its latest load (an older reply is dropped)
    this.placeTimers = new Map();
    this.counts = placeCounts(this.places, this.layers); // mutated in place: the test hook holds it
    this.pointers = new Map();
    this.minZoom = 8; this.maxZoom = 18;
  }

  async init() {
    for (const box of document.querySelectorAll("#layers input[name=layer]")) {
      if (box.checked) this.layers.add(box.value);
      box.addEventListener("change", () => this.toggle(box.value, box.checked));
    }
    this.bindInput();
    new ResizeObserver(() => this.resize()).observe(this.canvas);
    this.resize(true);
    const [info] = await Promise.all([this.data.loadInfo(), this.data.loadFeatures()]);
    const bbox = info?.bbox || this.stationBounds();
    this.bbox = bbox;
    if (info?.tiles) { this.minZoom = Math.max(3, info.tiles.minZoom - 1); this.maxZoom = info.tiles.maxZoom + 1; }
    if (!info) $("#layer-note").textContent = t("map.noBaseMap");
    this.home();
    this.data.onTile = () => { this.staticDirty = true; this.ctx.invalidate("map"); };
    this.reloadClosures();
    // Ready once the first view's tiles and the fixed things are in and drawn.
    const wanted = this.wantedTiles();
    await Promise.all([
      ...wanted.map(({ z, x, y }) => this.data.load(z, x, y)),
      ...Object.keys(this.places).map((layer) => this.loadPlaces(layer)),
    ]);
    this.staticDirty = true;
    this.draw(true);
    document.documentElement.dataset.mapReady = "true";
  }

  stationBounds() {
    const points = this.ctx.world.stations.map((s) => s.location);
    const lats = points.map((p) => p.lat), lons = points.map((p) => p.lon);
    return { minLat: Math.min(...lats), maxLat: Math.max(...lats), minLon: Math.min(...lons), maxLon: Math.max(...lons) };
  }

  home() {
    const { width, height } = this.size();
    this.view = geo.fitBounds(this.bbox, width, height, 24, this.maxZoom);
    this.moved(false);
  }

  size() {
    const rect = this.canvas.getBoundingClientRect();
    return { width: Math.max(1, rect.width), height: Math.max(1, rect.height) };
  }

  resize(initial = false) {
    const { width, height } = this.size();
    this.dpr = window.devicePixelRatio || 1;
    const w = Math.round(width * this.dpr), h = Math.round(height * this.dpr);
    if (this.canvas.width === w && this.canvas.height === h && !initial) return;
    this.canvas.width = w; this.canvas.height = h;
    if (this.view) { this.view = { ...this.view, width, height }; this.staticDirty = true; this.ctx.invalidate("map"); }
  }

  languageChanged() { this.staticDirty = true; this.ctx.invalidate("map"); }

  toggle(layer, on) {
    if (on) this.layers.add(layer); else this.layers.delete(layer);
    if (["roads", "governorates", "stations"].includes(layer)) this.staticDirty = true;
    if (layer === "coverage" && on && !this.coverage) this.loadCoverage();
    if (layer === "hotspots" && on && !this.hotspots) this.loadHotspots();
    if (!on && layer === "coverage") $("#layer-note").textContent = "";
    if (!on && layer === "hotspots") $("#hotspot-note").textContent = "";
    this.ctx.invalidate("map");
  }

  // ---- view changes ----

  moved(interactive = true) {
    this.lastMove = interactive ? performance.now() : 0;
    if (!interactive) this.staticDirty = true;
    this.ctx.invalidate(interactive ? "view" : "map");
    if (interactive) {
      clearTimeout(this.settleTimer);
      this.settleTimer = setTimeout(() => this.settled(), SETTLE_MS);
    }
  }

  /** After a pan/zoom: the static layers are redrawn only if the cached bitmap no longer serves. */
  settled() {
    this.lastMove = 0;
    if (!covers(this.cacheView, this.view, MARGIN / 2)) this.staticDirty = true;
    this.ctx.invalidate(this.staticDirty ? "map" : "view");
  }

  panBy(dx, dy) { this.view = geo.pan(this.view, dx, dy); this.moved(); }
  zoomBy(delta, sx = this.view.width / 2, sy = this.view.height / 2) {
    this.view = geo.zoomAt(this.view, delta, sx, sy, this.minZoom, this.maxZoom);
    this.moved();
  }

  focusOn({ lat, lon }, zoom) {
    const [cx, cy] = geo.project(lon, lat);
    this.view = { ...this.view, cx, cy, zoom: Math.max(this.view.zoom, zoom ?? 13) };
    this.moved(false);
  }

  setPick(point) { this.pick = point; this.ctx.invalidate("view"); }

  showEvidence(geometry) {
    const governorates = this.data.features.governorates.filter((g) => geometry.governorates?.includes(g.id));
    this.evidence = { ...geometry, governorateRings: governorates.flatMap((g) => g.rings) };
    const points = [...geometry.points, ...geometry.polygons.flat()];
    for (const g of governorates) for (const ring of g.rings) for (let i = 0; i < ring[0].length; i += 2) {
      points.push(geo.unproject(ring[0][i], ring[0][i + 1]));
    }
    if (points.length) {
      const lats = points.map((p) => p.lat), lons = points.map((p) => p.lon);
      const pad = 0.005;
      const bbox = { minLat: Math.min(...lats) - pad, maxLat: Math.max(...lats) + pad, minLon: Math.min(...lons) - pad, maxLon: Math.max(...lons) + pad };
      this.view = geo.fitBounds(bbox, this.view.width, this.view.height, 60, 16);
    }
    this.moved(false);
  }

  // ---- input ----

  bindInput() {
    const c = this.canvas;
    c.addEventListener("wheel", (event) => {
      event.preventDefault();
      const rect = c.getBoundingClientRect();
      const delta = -event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0025);
      this.zoomBy(Math.max(-1, Math.min(1, delta)), event.clientX - rect.left, event.clientY - rect.top);
    }, { passive: false });
    c.addEventListener("pointerdown", (event) => {
      c.setPointerCapture(event.pointerId);
      this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      this.dragStart = { x: event.clientX, y: event.clientY, moved: false };
      this.pinch = null;
    });
    c.addEventListener("pointermove", (event) => {
      const last = this.pointers.get(event.pointerId);
      if (!last) return;
      const now = { x: event.clientX, y: event.clientY };
      if (this.pointers.size === 2) {
        const [a, b] = [...this.pointers.entries()].map(([id, p]) => (id === event.pointerId ? now : p));
        const distance = Math.hypot(a.x - b.x, a.y - b.y);
        const rect = c.getBoundingClientRect();
        const mid = { x: (a.x + b.x) / 2 - rect.left, y: (a.y + b.y) / 2 - rect.top };
        if (this.pinch) {
          this.view = geo.pan(this.view, mid.x - this.pinch.mid.x, mid.y - this.pinch.mid.y);
          this.zoomBy(Math.log2(distance / this.pinch.distance), mid.x, mid.y);
        }
        this.pinch = { distance, mid };
        this.dragStart.moved = true;
      } else {
        this.panBy(now.x - last.x, now.y - last.y);
        if (Math.hypot(now.x - this.dragStart.x, now.y - this.dragStart.y) > 4) this.dragStart.moved = true;
      }
      this.pointers.set(event.pointerId, now);
    });
    const up = (event) => {
      const wasClick = this.dragStart && !this.dragStart.moved && this.pointers.size === 1;
      this.pointers.delete(event.pointerId);
      if (this.pointers.size < 2) this.pinch = null;
      if (wasClick && event.type === "pointerup") {
        const rect = c.getBoundingClientRect();
        this.click(event.clientX - rect.left, event.clientY - rect.top);
      }
    };
    c.addEventListener("pointerup", up);
    c.addEventListener("pointercancel", up);
    c.addEventListener("keydown", (event) => {
      const step = 80;
      const keys = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      if (keys[event.key]) { event.preventDefault(); this.panBy(...keys[event.key]); }
      else if (event.key === "+" || event.key === "=") { event.preventDefault(); this.zoomBy(0.5); }
      else if (event.key === "-" || event.key === "_") { event.preventDefault(); this.zoomBy(-0.5); }
      else if (event.key === "0" || event.key === "Home") { event.preventDefault(); this.home(); }
    });
    $("#zoom-in").addEventListener("click", () => this.zoomBy(1));
    $("#zoom-out").addEventListener("click", () => this.zoomBy(-1));
    $("#zoom-home").addEventListener("click", () => this.home());
  }

  click(sx, sy) {
    if (this.picking) { this.picking(geo.screenToLonLat(this.view, sx, sy)); return; }
    let best = null, bestDistance = 14;
    for (const incident of this.visibleIncidents()) {
      const [x, y] = geo.lonLatToScreen(this.view, incident.location.lon, incident.location.lat);
      const d = Math.hypot(x - sx, y - sy);
      if (d < bestDistance) { best = incident; bestDistance = d; }
    }
    if (best) this.ctx.select(best.id);
  }

  visibleIncidents() { return orderQueue(this.ctx.store.openIncidents(), this.ctx.queue.filters); }

  // ---- data layers ----

  async reloadClosures() {
    try { this.closures = (await api("/v1/roads/closures")).closures || []; } catch { this.closures = []; }
    this.ctx.invalidate("map");
  }

  /** Loads a layer of fixed things. A role that may not read it (403) is not offered it. */
  async loadPlaces(layer) {
    const load = (this.placeLoads.get(layer) || 0) + 1;
    this.placeLoads.set(layer, load);
    let places;
    try { places = parsePlaces(layer, await api(`/v1/geojson/${layer}`)); } catch (error) {
      if (error.status !== 403) return; // keep what is shown; the next event or resync reloads it
      places = [];
      const box = document.querySelector(`#layers input[name=layer][value=${layer}]`);
      if (box) box.closest("label").hidden = true;
    }
    if (load !== this.placeLoads.get(layer)) return;
    this.places[layer] = places;
    this.ctx.invalidate("map");
  }

  reloadPlacesSoon(layer) {
    if (this.placeTimers.has(layer)) return;
    this.placeTimers.set(layer, setTimeout(() => { this.placeTimers.delete(layer); this.loadPlaces(layer); }, RELOAD_MS));
  }

  async loadCoverage() {
    const ctx = this.ctx;
    const sector = ctx.queue.filters.sector || (ctx.isOversight() ? "" : ctx.user.sector);
    const sectors = ctx.world.sectors.filter((s) => (!sector || s.id === sector) && ctx.world.stations.some((st) => st.sector === s.id));
    this.coverage = { polygons: [] };
    const notes = [];
    for (const s of sectors.slice(0, 4)) {
      try {
        const c = await api(`/v1/coverage?sector=${encodeURIComponent(s.id)}`);
        notes.push(t("map.coverageShare", { sector: localized(s.name), share: formatNumber(c.share, { style: "percent" }), min: formatNumber(c.targetSeconds / 60) }));
      } catch { /* not allowed */ }
    }
    $("#layer-note").textContent = notes.join(" · ");
    const stations = ctx.world.stations.filter((st) => sectors.some((s) => s.id === st.sector)).slice(0, 40);
    const minutes = (id) => ctx.sectors.get(id)?.targetResponseMinutes || 10;
    let next = 0;
    const worker = async () => {
      while (next < stations.length) {
        const station = stations[next++];
        try {
          const reply = await api(`/v1/roads/isochrone?at=${station.location.lat},${station.location.lon}&minutes=${minutes(station.sector)}`);
          for (const area of reply.areas || []) this.coverage.polygons.push(area.map((p) => geo.project(p.lon, p.lat)));
          this.ctx.invalidate("map");
        } catch { /* skip */ }
      }
    };
    await Promise.all([worker(), worker(), worker()]);
  }

  async loadHotspots() {
    $("#hotspot-note").textContent = t("map.hotspotsLoading");
    try {
      const reply = await api("/v1/analytics/gistar?format=geojson", { method: "POST", body: { input: {}, cell: 500 } });
      this.hotspots = [];
      for (const f of reply.features || []) {
        const p = f.properties || {};
        const z = Number(p.value ?? p.z ?? p.gi ?? p.zScore ?? 0);
        if (!(Math.abs(z) >= 1.96) || f.geometry?.type !== "Polygon") continue;
        this.hotspots.push({ z, ring: geo.projectRing(f.geometry.coordinates[0]) });
      }
      $("#hotspot-note").textContent = "";
    } catch (error) {
      this.hotspots = [];
      $("#hotspot-note").textContent = error.status === 403 ? t("map.hotspotsForbidden") : t("error.generic");
    }
    this.ctx.invalidate("map");
  }

  // ---- drawing ----

  wantedTiles(margin = MARGIN) {
    if (!this.data.info?.tiles || !this.view) return [];
    const { minZoom, maxZoom } = this.data.info.tiles;
    const z = geo.tileZoom(this.view.zoom, minZoom, maxZoom);
    return geo.tilesForView(this.view, z, margin, this.bbox);
  }

  /** Redraws the offscreen static layers for the current view (with margin). */
  renderStatic() {
    const v = this.view;
    const cv = { ...v, width: v.width + 2 * MARGIN, height: v.height + 2 * MARGIN };
    const dpr = this.dpr;
    const w = Math.round(cv.width * dpr), h = Math.round(cv.height * dpr);
    if (this.cache.width !== w || this.cache.height !== h) { this.cache.width = w; this.cache.height = h; }
    const g = this.cache.getContext("2d");
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = LAND; g.fillRect(0, 0, cv.width, cv.height);
    const s = geo.scaleOf(cv), ox = cv.width / 2 - cv.cx * s, oy = cv.height / 2 - cv.cy * s;
    const path = (flat, close) => {
      g.moveTo(flat[0] * s + ox, flat[1] * s + oy);
      for (let i = 2; i < flat.length; i += 2) g.lineTo(flat[i] * s + ox, flat[i + 1] * s + oy);
      if (close) g.closePath();
    };
    const f = this.data.features;
    if (f.sea.length) {
      g.fillStyle = SEA; g.beginPath();
      for (const polygon of f.sea) for (const ring of polygon) path(ring, true);
      g.fill("evenodd");
    }
    if (this.layers.has("governorates")) {
      g.strokeStyle = BOUNDARY; g.lineWidth = 1.2; g.setLineDash([6, 4]); g.beginPath();
      for (const gov of f.governorates) for (const rings of gov.rings) for (const ring of rings) path(ring, true);
      g.stroke(); g.setLineDash([]);
    }
    if (f.coast.length) {
      g.strokeStyle = COAST; g.lineWidth = 1.5; g.beginPath();
      for (const line of f.coast) path(line, false);
      g.stroke();
    }
    if (this.layers.has("roads") && this.data.info?.tiles) this.drawRoads(g, cv, s, ox, oy);
    if (this.layers.has("stations")) {
      g.fillStyle = "#dee2e6"; g.strokeStyle = "#111"; g.lineWidth = 1; g.beginPath();
      for (const st of this.ctx.world.stations) {
        const [x, y] = geo.project(st.location.lon, st.location.lat);
        const px = x * s + ox, py = y * s + oy;
        g.rect(px - 4, py - 4, 8, 8);
      }
      g.fill(); g.stroke();
    }
    if (this.layers.has("governorates")) {
      g.font = "600 14px system-ui, 'Noto Sans Arabic', sans-serif"; g.textAlign = "center"; g.textBaseline = "middle";
      g.lineWidth = 4; g.strokeStyle = "rgba(10,14,20,.85)"; g.fillStyle = "#cfd8e3";
      for (const gov of f.governorates) {
        const c = gov.center ? geo.project(gov.center.lon, gov.center.lat) : geo.ringCentroid(gov.rings[0][0]);
        const label = localized(gov.name);
        g.strokeText(label, c[0] * s + ox, c[1] * s + oy); g.fillText(label, c[0] * s + ox, c[1] * s + oy);
      }
    }
    this.cacheView = cv;
    this.staticDirty = false;
  }

  drawRoads(g, cv, s, ox, oy) {
    const tiles = geo.tilesForView(cv, geo.tileZoom(cv.zoom, this.data.info.tiles.minZoom, this.data.info.tiles.maxZoom), 0, this.bbox);
    const keys = new Set(tiles.map(({ z, x, y }) => geo.tileKey(this.data.version(), z, x, y)));
    this.data.keepOnly(keys);
    const byClass = new Map();
    for (const { z, x, y } of tiles) {
      const tile = this.data.tile(z, x, y);
      if (!tile) continue;
      for (const [cls, lines] of tile.byClass) {
        if (!byClass.has(cls)) byClass.set(cls, []);
        byClass.get(cls).push(...lines);
      }
    }
    const classes = this.data.info.roadClasses || [];
    g.lineCap = "round"; g.lineJoin = "round";
    // Minor classes first so main roads are drawn over them.
    for (const cls of [...byClass.keys()].sort((a, b) => b - a)) {
      const style = roadStyle(classes[cls]);
      g.strokeStyle = style.colour; g.lineWidth = roadWidth(style, cv.zoom);
      g.beginPath();
      for (const flat of byClass.get(cls)) {
        g.moveTo(flat[0] * s + ox, flat[1] * s + oy);
        for (let i = 2; i < flat.length; i += 2) g.lineTo(flat[i] * s + ox, flat[i + 1] * s + oy);
      }
      g.stroke();
    }
  }

  /**
   * Draws a frame. `contentChanged`: the live layers' data changed (else only the view moved,
   * and the composite, if it still covers the view at this zoom, is blitted).
   */
  draw(forceStatic = false, contentChanged = true) {
    if (!this.view) return;
    const moving = this.lastMove && performance.now() - this.lastMove < SETTLE_MS;
    if ((this.staticDirty || forceStatic) && !moving) { this.renderStatic(); this.layerView = null; }
    if (contentChanged) this.layerView = null;
    const g = this.g, v = this.view, dpr = this.dpr;
    g.setTransform(1, 0, 0, 1, 0, 0);
    const zooming = this.cacheView && this.cacheView.zoom !== v.zoom;
    if (zooming) {
      // A zoom in progress: the static bitmap scaled, the live layers drawn for this view.
      g.fillStyle = LAND; g.fillRect(0, 0, this.canvas.width, this.canvas.height);
      g.setTransform(dpr, 0, 0, dpr, 0, 0);
      this.drawLayers(g, v);
    } else {
      if (!this.layerView || this.layerView.zoom !== v.zoom || !covers(this.layerView, v, MARGIN / 4)) this.renderLayers();
      const lv = this.layerView;
      const [x0, y0] = geo.toScreen(v, ...geo.toWorld(lv, 0, 0));
      if (x0 > 0 || y0 > 0 || x0 + lv.width < v.width || y0 + lv.height < v.height) {
        g.fillStyle = LAND; g.fillRect(0, 0, this.canvas.width, this.canvas.height);
      }
      g.imageSmoothingEnabled = false;
      g.setTransform(dpr, 0, 0, dpr, 0, 0);
      g.drawImage(this.layerCache, x0, y0, lv.width, lv.height);
    }
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    const P = this.projector(v);
    if (this.evidence) this.drawEvidence(g, P, this.flatPath(g, v));
    if (this.pick) {
      const [x, y] = P(this.pick.lon, this.pick.lat);
      g.strokeStyle = "#ffd166"; g.lineWidth = 2;
      g.beginPath(); g.moveTo(x - 10, y); g.lineTo(x + 10, y); g.moveTo(x, y - 10); g.lineTo(x, y + 10); g.stroke();
      g.beginPath(); g.arc(x, y, 6, 0, 2 * Math.PI); g.stroke();
    }
  }

  /** Rebuilds the composite (static bitmap + live layers) for the current view plus margin. */
  renderLayers() {
    const v = this.view, dpr = this.dpr;
    const lv = { ...v, width: v.width + 2 * MARGIN, height: v.height + 2 * MARGIN };
    const w = Math.round(lv.width * dpr), h = Math.round(lv.height * dpr);
    const c = this.layerCache;
    if (c.width !== w || c.height !== h) { c.width = w; c.height = h; }
    const g = c.getContext("2d");
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.fillStyle = LAND; g.fillRect(0, 0, w, h);
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.drawLayers(g, lv);
    this.layerView = lv;
  }

  projector(v) {
    const s = geo.scaleOf(v), ox = v.width / 2 - v.cx * s, oy = v.height / 2 - v.cy * s;
    return (lon, lat) => { const [x, y] = geo.project(lon, lat); return [x * s + ox, y * s + oy]; };
  }

  flatPath(g, v) {
    const s = geo.scaleOf(v), ox = v.width / 2 - v.cx * s, oy = v.height / 2 - v.cy * s;
    return (flat) => {
      g.moveTo(flat[0] * s + ox, flat[1] * s + oy);
      for (let i = 2; i < flat.length; i += 2) g.lineTo(flat[i] * s + ox, flat[i + 1] * s + oy);
      g.closePath();
    };
  }

  /** The static bitmap and the live layers (all but evidence and the pick) for view `v` into `g` (CSS px transform set). */
  drawLayers(g, v) {
    if (this.cacheView) {
      // Place the cached bitmap where its world now is (translation and scale).
      const k = 2 ** (v.zoom - this.cacheView.zoom);
      const [x0, y0] = geo.toScreen(v, ...geo.toWorld(this.cacheView, 0, 0));
      g.imageSmoothingEnabled = k !== 1;
      g.drawImage(this.cache, x0, y0, this.cacheView.width * k, this.cacheView.height * k);
    }
    const s = geo.scaleOf(v), ox = v.width / 2 - v.cx * s, oy = v.height / 2 - v.cy * s;
    const P = this.projector(v);
    const flatPath = this.flatPath(g, v);
    if (this.layers.has("coverage") && this.coverage?.polygons.length) {
      g.fillStyle = "rgba(105, 219, 124, 0.12)"; g.strokeStyle = "rgba(105, 219, 124, 0.5)"; g.lineWidth = 1; g.beginPath();
      for (const ring of this.coverage.polygons) {
        ring.forEach(([x, y], i) => (i ? g.lineTo(x * s + ox, y * s + oy) : g.moveTo(x * s + ox, y * s + oy)));
        g.closePath();
      }
      g.fill(); g.stroke();
    }
    if (this.layers.has("hotspots") && this.hotspots?.length) {
      for (const spot of this.hotspots) {
        g.fillStyle = spot.z > 0 ? `rgba(255, 80, 80, ${Math.min(0.6, 0.15 * spot.z)})` : `rgba(80, 160, 255, ${Math.min(0.5, -0.12 * spot.z)})`;
        g.beginPath(); flatPath(spot.ring); g.fill();
      }
    }
    if (this.layers.has("closures") && this.closures.length) {
      g.strokeStyle = "#ff6b6b"; g.fillStyle = "rgba(255, 107, 107, 0.18)"; g.lineWidth = 2; g.setLineDash([5, 3]);
      for (const closure of this.closures) {
        g.beginPath();
        closure.polygon.forEach((p, i) => { const [x, y] = P(p.lon, p.lat); if (i) g.lineTo(x, y); else g.moveTo(x, y); });
        g.closePath(); g.fill(); g.stroke();
      }
      g.setLineDash([]);
    }
    if (this.layers.has("cameras")) this.drawWedges(g, flatPath);
    if (this.layers.has("shelters")) this.drawPlaces(g, v, "shelters");
    if (this.layers.has("cameras")) this.drawPlaces(g, v, "cameras");
    if (this.layers.has("sensors")) this.drawPlaces(g, v, "sensors", (p) => !p.style.alarm);
    this.drawSelection(g, P);
    if (this.layers.has("incidents")) this.drawIncidents(g, v);
    if (this.layers.has("units")) this.drawUnits(g, v);
    // Sensors in alarm over the units, so that a crowd of units cannot hide one.
    if (this.layers.has("sensors")) this.drawPlaces(g, v, "sensors", (p) => p.style.alarm);
    Object.assign(this.counts, placeCounts(this.places, this.layers));
  }

  /** The cameras' fields of view, as one faint path under every marker. */
  drawWedges(g, flatPath) {
    g.fillStyle = "rgba(177, 151, 252, 0.08)"; g.strokeStyle = "rgba(177, 151, 252, 0.35)"; g.lineWidth = 1;
    g.beginPath();
    for (const camera of this.places.cameras) if (camera.wedge) flatPath(camera.wedge);
    g.fill(); g.stroke();
  }

  /** Stamps the places of `layer` that `which` keeps, one sprite per style; names them when zoomed in. */
  drawPlaces(g, v, layer, which = () => true) {
    const { width, height } = v;
    const s = geo.scaleOf(v), ox = width / 2 - v.cx * s, oy = height / 2 - v.cy * s;
    const byStyle = new Map(), names = [];
    for (const place of this.places[layer]) {
      if (!which(place)) continue;
      const x = place.world[0] * s + ox, y = place.world[1] * s + oy;
      if (x < -20 || y < -20 || x > width + 20 || y > height + 20) continue;
      let points = byStyle.get(place.style);
      if (!points) byStyle.set(place.style, (points = []));
      points.push(x, y);
      if (v.zoom >= NAME_ZOOM) names.push(x, y + place.style.size / 2, place.name);
    }
    for (const [style, points] of byStyle) {
      this.stamp(g, this.sprite(style.key, style.size, (m, c) => PAINT_PLACE[layer](m, c, style)), points);
    }
    if (names.length) this.drawNames(g, names);
  }

  drawNames(g, names) {
    g.font = "600 11px system-ui, 'Noto Sans Arabic', sans-serif"; g.textAlign = "center"; g.textBaseline = "top";
    g.lineWidth = 3; g.strokeStyle = "rgba(10,14,20,.85)"; g.fillStyle = "#cfd8e3";
    for (let i = 0; i < names.length; i += 3) {
      const label = localized(names[i + 2]);
      g.strokeText(label, names[i], names[i + 1]); g.fillText(label, names[i], names[i + 1]);
    }
  }

  drawSelection(g, P) {
    const incident = this.ctx.selectedId && this.ctx.store.incidents.get(this.ctx.selectedId);
    if (!incident) return;
    const card = this.ctx.card;
    const recommended = card.id === incident.id ? card.recommendedUnits() : [];
    g.font = "600 12px system-ui, sans-serif"; g.textAlign = "center"; g.textBaseline = "bottom";
    for (const unit of recommended) {
      const route = card.routes.get(unit.unitId);
      const view = this.ctx.store.units.get(unit.unitId);
      if (route?.geometry?.length) {
        g.strokeStyle = "rgba(108, 182, 255, 0.9)"; g.lineWidth = 3.5; g.beginPath();
        route.geometry.forEach((p, i) => { const [x, y] = P(p.lon, p.lat); if (i) g.lineTo(x, y); else g.moveTo(x, y); });
        g.stroke();
      }
      if (view?.position) {
        const [x, y] = P(view.position.lon, view.position.lat);
        g.strokeStyle = "#6cb6ff"; g.lineWidth = 2; g.beginPath(); g.arc(x, y, 10, 0, 2 * Math.PI); g.stroke();
        const label = `${unit.callSign} · ${formatDuration(unit.etaSeconds)}`;
        g.lineWidth = 3; g.strokeStyle = "rgba(10,14,20,.9)"; g.fillStyle = "#e6edf5";
        g.strokeText(label, x, y - 12); g.fillText(label, x, y - 12);
      }
    }
    const [x, y] = P(incident.location.lon, incident.location.lat);
    g.strokeStyle = "#ffffff"; g.lineWidth = 2.5; g.beginPath(); g.arc(x, y, 14, 0, 2 * Math.PI); g.stroke();
  }

  // Markers are stamped from small pre-rendered bitmaps (one per priority / unit status and
  // size): hundreds of drawImage calls raster far faster than one path of hundreds of
  // antialiased shapes, and the priority digit is not laid out as text for every incident.

  /** A marker bitmap of `size` CSS px square, centred, drawn once by `paint(g, centre)`. */
  sprite(key, size, paint) {
    const dpr = this.dpr;
    const id = `${key}|${size}|${dpr}|${language()}`;
    let sprite = this.sprites.get(id);
    if (!sprite) {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = Math.ceil(size * dpr);
      const g = canvas.getContext("2d");
      g.setTransform(dpr, 0, 0, dpr, 0, 0);
      paint(g, canvas.width / dpr / 2);
      sprite = { canvas, size: canvas.width / dpr, half: canvas.width / dpr / 2 };
      this.sprites.set(id, sprite);
    }
    return sprite;
  }

  /** Stamps `sprite` centred on each (x, y) of `points`, snapped to device pixels so it is not resampled. */
  stamp(g, sprite, points) {
    const dpr = this.dpr, { canvas, size, half } = sprite;
    for (let i = 0; i < points.length; i += 2) {
      const x = Math.round((points[i] - half) * dpr) / dpr, y = Math.round((points[i + 1] - half) * dpr) / dpr;
      g.drawImage(canvas, x, y, size, size);
    }
  }

  drawIncidents(g, v) {
    const { width, height } = v;
    const s = geo.scaleOf(v), ox = width / 2 - v.cx * s, oy = height / 2 - v.cy * s;
    const filters = this.ctx.queue.filters;
    const byPriority = new Map();
    for (const incident of this.ctx.store.incidents.values()) {
      if (!isOpen(incident) || !matches(incident, filters)) continue;
      const w = worldOf(incident.location);
      const x = w[0] * s + ox, y = w[1] * s + oy;
      if (x < -20 || y < -20 || x > width + 20 || y > height + 20) continue;
      if (!byPriority.has(incident.priority)) byPriority.set(incident.priority, []);
      byPriority.get(incident.priority).push(x, y);
    }
    // Priority by colour and by the digit drawn inside (colour is never the only signal).
    // Priority 1 is drawn first, as the queue order did.
    for (const priority of [...byPriority.keys()].sort((a, b) => a - b)) {
      const sprite = this.sprite(`incident-${priority}`, 22, (m, c) => {
        m.fillStyle = PRIORITY_COLOURS[priority] || "#fff"; m.strokeStyle = "#0c1118"; m.lineWidth = 1.5;
        m.beginPath(); m.moveTo(c, c - 9); m.lineTo(c + 9, c); m.lineTo(c, c + 9); m.lineTo(c - 9, c); m.closePath();
        m.fill(); m.stroke();
        m.fillStyle = "#0c1118"; m.font = "700 10px system-ui, sans-serif"; m.textAlign = "center"; m.textBaseline = "middle";
        m.fillText(formatNumber(priority), c, c + 0.5);
      });
      this.stamp(g, sprite, byPriority.get(priority));
    }
  }

  drawUnits(g, v) {
    const { width, height } = v;
    const s = geo.scaleOf(v), ox = width / 2 - v.cx * s, oy = height / 2 - v.cy * s;
    const byStatus = new Map();
    for (const view of this.ctx.store.units.values()) {
      if (!view.position) continue;
      const w = worldOf(view.position);
      const x = w[0] * s + ox, y = w[1] * s + oy;
      if (x < -10 || y < -10 || x > width + 10 || y > height + 10) continue;
      let list = byStatus.get(view.unit.status);
      if (!list) byStatus.set(view.unit.status, (list = []));
      list.push(x, y);
    }
    const r = v.zoom >= 13 ? 5 : 3.5;
    for (const [status, points] of byStatus) {
      const style = UNIT_SHAPES[status] || UNIT_SHAPES.available;
      const sprite = this.sprite(`unit-${status}`, Math.ceil(2 * r * 1.2 + 6), (m, c) => {
        m.fillStyle = style.colour; m.strokeStyle = style.shape === "ring" || style.shape === "cross" ? style.colour : "#0c1118";
        m.lineWidth = 1; m.beginPath();
        shape(m, style.shape, c, c, r);
        if (style.shape === "ring" || style.shape === "cross") { m.lineWidth = 2; m.stroke(); }
        else { m.fill(); m.stroke(); }
      });
      this.stamp(g, sprite, points);
    }
  }

  drawEvidence(g, P, flatPath) {
    g.strokeStyle = "#ffd166"; g.lineWidth = 2.5; g.setLineDash([4, 3]);
    for (const polygon of this.evidence.polygons) {
      g.beginPath();
      polygon.forEach((p, i) => { const [x, y] = P(p.lon, p.lat); if (i) g.lineTo(x, y); else g.moveTo(x, y); });
      g.closePath(); g.stroke();
    }
    for (const rings of this.evidence.governorateRings || []) for (const ring of rings) { g.beginPath(); flatPath(ring); g.stroke(); }
    g.setLineDash([]);
    for (const p of this.evidence.points) {
      const [x, y] = P(p.lon, p.lat);
      g.beginPath(); g.arc(x, y, 12, 0, 2 * Math.PI); g.stroke();
    }
  }
}

/** True when view `outer` (same zoom) contains view `inner` with at least `margin` CSS px to spare on every side. */
function covers(outer, inner, margin) {
  if (!outer || !inner || outer.zoom !== inner.zoom) return false;
  const s = geo.scaleOf(inner);
  const dx = Math.abs(outer.cx - inner.cx) * s, dy = Math.abs(outer.cy - inner.cy) * s;
  return (outer.width - inner.width) / 2 - dx >= margin && (outer.height - inner.height) / 2 - dy >= margin;
}

// Projected world coordinates of {lon, lat} objects, kept while the object lives (positions
// and locations are replaced, never mutated, when they change).
const projected = new WeakMap();
function worldOf(point) {
  let w = projected.get(point);
  if (!w) { w = geo.project(point.lon, point.lat); projected.set(point, w); }
  return w;
}

// Marker bitmaps of the fixed things, painted once per style (see MapView.sprite).
const PAINT_PLACE = {
  shelters(m, c, style) {
    const r = 6;
    m.globalAlpha = style.alpha; m.fillStyle = style.colour; m.strokeStyle = "#0c1118"; m.lineWidth = 1.2;
    m.beginPath(); shape(m, "house", c, c, r); m.fill(); m.stroke();
    if (style.barred) { m.fillStyle = "#0c1118"; m.fillRect(c - r * 0.7, c + r * 0.4 - 1.25, r * 1.4, 2.5); } // no room
  },
  cameras(m, c, style) {
    m.strokeStyle = style.filled ? "#0c1118" : CAMERA_COLOUR; m.fillStyle = CAMERA_COLOUR; m.lineWidth = style.filled ? 1 : 2;
    m.beginPath(); m.arc(c, c, 4.5, 0, 2 * Math.PI);
    if (style.filled) m.fill();
    m.stroke();
    m.fillStyle = style.filled ? "#0c1118" : CAMERA_COLOUR; m.beginPath(); m.arc(c, c, 1.6, 0, 2 * Math.PI); m.fill(); // the lens
  },
  sensors(m, c, style) {
    const r = style.alarm ? 7 : 4.5;
    m.globalAlpha = style.alpha;
    if (style.alarm) { m.strokeStyle = style.colour; m.lineWidth = 2; m.beginPath(); m.arc(c, c, 11, 0, 2 * Math.PI); m.stroke(); }
    m.fillStyle = style.colour; m.strokeStyle = "#0c1118"; m.lineWidth = 1;
    m.beginPath(); shape(m, "hexagon", c, c, r); m.fill(); m.stroke();
    if (style.alarm) {
      m.fillStyle = "#0c1118"; m.font = "800 10px system-ui, sans-serif"; m.textAlign = "center"; m.textBaseline = "middle";
      m.fillText("!", c, c + 0.5);
    }
  },
};

function shape(g, kind, x, y, r) {
  switch (kind) {
    case "triangle": g.moveTo(x, y - r * 1.2); g.lineTo(x + r * 1.1, y + r * 0.8); g.lineTo(x - r * 1.1, y + r * 0.8); g.closePath(); break;
    case "diamond": g.moveTo(x, y - r * 1.2); g.lineTo(x + r, y); g.lineTo(x, y + r * 1.2); g.lineTo(x - r, y); g.closePath(); break;
    case "square": g.rect(x - r, y - r, 2 * r, 2 * r); break;
    case "cross": g.moveTo(x - r, y - r); g.lineTo(x + r, y + r); g.moveTo(x + r, y - r); g.lineTo(x - r, y + r); break;
    case "house": g.moveTo(x, y - r * 1.1); g.lineTo(x + r, y - r * 0.2); g.lineTo(x + r, y + r); g.lineTo(x - r, y + r); g.lineTo(x - r, y - r * 0.2); g.closePath(); break;
    case "hexagon":
      for (let i = 0; i < 6; i++) { const a = (Math.PI / 3) * i; g[i ? "lineTo" : "moveTo"](x + r * Math.cos(a), y + r * Math.sin(a)); }
      g.closePath(); break;
    default: g.moveTo(x + r, y); g.arc(x, y, r, 0, 2 * Math.PI); break;
  }
}
