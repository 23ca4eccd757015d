// Colours and shapes shared by the map and the boards. Status is never colour alone: each
// unit status also has its own shape (and the boards show the status name).

export const UNIT_STATUSES = ["available", "dispatched", "enRoute", "onScene", "returning", "outOfService"];

export const UNIT_SHAPES = {
  available: { colour: "#69db7c", shape: "circle", glyph: "●" },
  dispatched: { colour: "#ffa94d", shape: "triangle", glyph: "▲" },
  enRoute: { colour: "#ffe066", shape: "diamond", glyph: "◆" },
  onScene: { colour: "#ff6b6b", shape: "square", glyph: "■" },
  returning: { colour: "#74c0fc", shape: "ring", glyph: "○" },
  outOfService: { colour: "#868e96", shape: "cross", glyph: "✕" },
};

export const PRIORITY_COLOURS = { 1: "#ff6b6b", 2: "#ffa94d", 3: "#ffe066", 4: "#74c0fc" };

/** Road styles by class name: width in CSS pixels at zoom 12 (scaled with zoom), colour. */
export const ROAD_STYLES = {
  motorway: { colour: "#c98f3c", width: 3.2 },
  trunk: { colour: "#b88a4a", width: 2.8 },
  primary: { colour: "#9c8a5e", width: 2.2 },
  secondary: { colour: "#7d7a68", width: 1.7 },
  tertiary: { colour: "#66707a", width: 1.3 },
  residential: { colour: "#4d5866", width: 0.9 },
  unclassified: { colour: "#4d5866", width: 0.8 },
  service: { colour: "#414b57", width: 0.6 },
};
export const DEFAULT_ROAD = { colour: "#4a5562", width: 0.8 };

export function roadStyle(name) { return ROAD_STYLES[name] || DEFAULT_ROAD; }

/** Road line width at a zoom: thin when zoomed out, capped when zoomed in. */
export function roadWidth(style, zoom) {
  return Math.max(0.4, Math.min(style.width * 3, style.width * 2 ** ((zoom - 12) * 0.5)));
}

// Fixed things on the map, by state. As for units, the state is never colour alone: a full
// shelter is barred, a sensor in alarm is larger and ringed, closed and silent ones are faint.
// `key` names the marker bitmap, `size` its side in CSS px.

export const SHELTER_STYLES = {
  open: { key: "shelter-open", size: 18, colour: "#69db7c", alpha: 1, barred: false },
  full: { key: "shelter-full", size: 18, colour: "#ffa94d", alpha: 1, barred: true },
  closed: { key: "shelter-closed", size: 16, colour: "#868e96", alpha: 0.45, barred: false },
};

/** A shelter's style from its GeoJSON properties (the shelter view): closed wins over full. */
export function shelterStyle(p) {
  return SHELTER_STYLES[p.status !== "open" ? "closed" : p.full ? "full" : "open"];
}

export const CAMERA_COLOUR = "#b197fc";

// Filled when the operator's sector may open the camera's picture, hollow otherwise.
export const CAMERA_STYLES = {
  watch: { key: "camera-watch", size: 14, filled: true },
  other: { key: "camera-other", size: 14, filled: false },
};

export function cameraStyle(p) { return p.canWatch ? CAMERA_STYLES.watch : CAMERA_STYLES.other; }

export const ALARM_COLOUR = "#ff6b6b"; // the console's "bad" (--bad in console.css)

export const SENSOR_STYLES = {
  alarm: { key: "sensor-alarm", size: 26, colour: ALARM_COLOUR, alpha: 1, alarm: true },
  normal: { key: "sensor-normal", size: 14, colour: "#3bc9db", alpha: 1, alarm: false },
  silent: { key: "sensor-silent", size: 14, colour: "#868e96", alpha: 0.5, alarm: false }, // never heard from
};

/** A sensor's style from its GeoJSON properties (`state` is absent until its first reading). */
export function sensorStyle(p) {
  return SENSOR_STYLES[!p.state ? "silent" : p.state.alarm ? "alarm" : "normal"];
}
