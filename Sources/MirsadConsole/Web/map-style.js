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
