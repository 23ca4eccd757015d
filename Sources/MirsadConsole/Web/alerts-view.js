// The alerts panel: early warnings (analytic alerts, other agencies' warnings), road closures
// sensor alarms and system alerts (feed connection, drone link). A click shows the evidence on the map.
import { api } from "./api.js";
import { $, h, data } from "./dom.js";
import { t, localized, formatTime, formatNumber, language, has } from "./i18n.js";

const MAX_ALERTS = 100;

/** Every {lat, lon} point and point list found in an evidence object (its shape varies by kind). */
export function evidenceGeometry(value, out = { points: [], polygons: [] }, depth = 0) {
  if (!value || typeof value !== "object" || depth > 6) return out;
  if (Array.isArray(value)) {
    if (value.length >= 3 && value.every((p) => p && typeof p.lat === "number" && typeof p.lon === "number")) {
      out.polygons.push(value.map((p) => ({ lat: p.lat, lon: p.lon })));
      return out;
    }
    for (const item of value) evidenceGeometry(item, out, depth + 1);
    return out;
  }
  if (typeof value.lat === "number" && typeof value.lon === "number") { out.points.push({ lat: value.lat, lon: value.lon }); return out; }
  for (const item of Object.values(value)) evidenceGeometry(item, out, depth + 1);
  return out;
}

export class AlertsView {
  constructor(ctx) {
    this.ctx = ctx;
    this.root = $("#alerts");
    this.items = [];
    this.seq = 0;
  }

  init() {
    this.root.addEventListener("click", (event) => {
      const dismiss = event.target.closest("button[data-dismiss]");
      if (dismiss) { this.items = this.items.filter((a) => String(a.key) !== dismiss.dataset.dismiss); this.render(); return; }
      const open = event.target.closest("button[data-alert]");
      if (open) this.showEvidence(this.items.find((a) => String(a.key) === open.dataset.alert));
    });
    this.loadWarnings();
    this.render();
  }

  async loadWarnings() {
    try {
      const reply = await api("/v1/warnings?active=true");
      for (const warning of reply.warnings || reply.items || []) this.addWarning(warning);
      this.render();
    } catch { /* no CAP feed configured, or not allowed */ }
  }

  addWarning(warning) {
    const info = warning.infos.find((i) => i.language?.startsWith(language())) || warning.infos[0] || {};
    this.push({
      kind: "warning", level: ["Extreme", "Severe"].includes(warning.severity) ? "bad" : "warn",
      at: warning.sent, title: t("alerts.warning"), severity: warning.severity,
      text: info.headline || info.event || "", textIsData: !(info.language || "").startsWith(language()),
      geometry: { ...evidenceGeometry(warning.areas), governorates: warning.governorates || [] },
    });
  }

  push(alert) {
    alert.key = ++this.seq;
    this.items.unshift(alert);
    if (this.items.length > MAX_ALERTS) this.items.length = MAX_ALERTS;
  }

  system(kind, level) {
    this.push({ kind, level, at: new Date().toISOString(), title: t("alerts." + kind), titleKey: "alerts." + kind });
    this.render();
  }

  fromEvent(event) {
    const d = event.data || {};
    let alert = null;
    if (event.type === "analytics.alert") {
      const geometry = evidenceGeometry(d.evidence);
      alert = { kind: d.kind, level: "warn", titleKey: d.kind === "emergingSeries" ? "alerts.emergingSeries" : "alerts.nearRepeat",
        summary: d.summary, geometry, incidentId: d.incidentId || event.incidentId };
    } else if (event.type === "drones.linkLost" || event.type === "drones.linkRestored") {
      alert = { kind: event.type, level: event.type.endsWith("Lost") ? "bad" : "ok",
        titleKey: event.type.endsWith("Lost") ? "alerts.droneLinkLost" : "alerts.droneLinkRestored",
        detail: d.droneId || d.callSign || d.mission?.droneId, geometry: evidenceGeometry(d), incidentId: event.incidentId };
    } else if (event.type === "sensors.alarm" || event.type === "sensors.normal") {
      const alarm = event.type === "sensors.alarm";
      alert = { kind: event.type, level: alarm ? "bad" : "ok", titleKey: alarm ? "alerts.sensorAlarm" : "alerts.sensorNormal",
        summary: d.name, detail: `${formatNumber(d.value)} ${d.unit} (${alarm ? ">" : "<"} ${formatNumber(d.threshold)})`,
        geometry: { points: d.location ? [d.location] : [], polygons: [] } };
    } else if (event.type === "roads.closureAdded") {
      alert = { kind: "closure", level: "warn", titleKey: "alerts.closure", detail: d.closure?.reason || d.reason,
        geometry: evidenceGeometry(d) };
    } else if (event.type === "alerts.received" && d.warning) {
      this.addWarning(d.warning);
    }
    if (alert) { alert.at = event.at; alert.eventId = event.id; this.push(alert); }
    if (alert || event.type === "alerts.received") this.render();
  }

  showEvidence(alert) {
    if (!alert) return;
    const geometry = { points: [...(alert.geometry?.points || [])], polygons: [...(alert.geometry?.polygons || [])],
      governorates: alert.geometry?.governorates || [] };
    const incident = alert.incidentId && this.ctx.store.incidents.get(alert.incidentId);
    if (incident) geometry.points.push(incident.location);
    this.ctx.map.showEvidence(geometry);
    if (incident) this.ctx.select(incident.id);
  }

  render() {
    if (!this.items.length) { this.root.replaceChildren(h("li", { class: "muted" }, t("alerts.empty"))); return; }
    this.root.replaceChildren(...this.items.map((alert) => {
      const title = alert.titleKey ? t(alert.titleKey) : alert.title;
      const severity = alert.severity && has("severity." + alert.severity) ? t("severity." + alert.severity) : null;
      const text = alert.summary ? localized(alert.summary) : null;
      return h("li", { "data-level": alert.level, "data-kind": alert.kind },
        h("span", { class: "shape", "aria-hidden": "true" }, alert.level === "bad" ? "⬤" : alert.level === "ok" ? "✓" : "▲"),
        h("button", { type: "button", class: "alert-open", "data-alert": String(alert.key), "aria-label": `${title} — ${t("alerts.show")}` },
          h("span", { class: "alert-title" }, title, severity ? ` · ${severity}` : ""),
          h("span", { class: "muted" }, formatTime(alert.at, true)), " ",
          text ? h("span", null, text) : null,
          alert.text ? (alert.textIsData ? data(alert.text) : h("span", null, alert.text)) : null,
          alert.detail ? data(alert.detail) : null),
        h("button", { type: "button", "data-dismiss": String(alert.key), "aria-label": t("alerts.dismiss") }, "×"));
    }));
  }
}
