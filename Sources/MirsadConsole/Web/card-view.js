// The incident card: details, restricted fields behind a stated purpose, recommendations with
// one-key dispatch, the cameras that see it, status changes, notes, timeline, share and merge.
import { api, errorKey } from "./api.js";
import { $, h, data } from "./dom.js";
import { t, formatDuration, formatDistance, formatNumber, formatTime, formatDateTime, formatCoordinate, localized, language } from "./i18n.js";

const STATUS_ACTIONS = ["enRoute", "onScene", "cleared", "closed", "cancelled"];

export class CardView {
  constructor(ctx) {
    this.ctx = ctx;
    this.root = $("#card");
    this.id = null;
    this.recommendation = null; // { incidentId, version, data | error }
    this.timeline = null;
    this.cameras = null; // the cameras whose picture covers the incident
    this.restricted = new Map(); // incident id → incident read with a purpose
    this.revealing = false;
    this.message = "";
    this.error = "";
    this.routes = new Map(); // unit id → [lat/lon]
  }

  init() {
    this.root.addEventListener("click", (event) => this.onClick(event));
    this.root.addEventListener("submit", (event) => this.onSubmit(event));
  }

  incident() { return this.id ? this.ctx.store.incidents.get(this.id) : null; }

  show(id, { focusCard = false, focusDispatch = false } = {}) {
    if (id !== this.id) {
      this.id = id;
      this.recommendation = null; this.timeline = null; this.cameras = null; this.revealing = false;
      this.message = ""; this.error = ""; this.routes = new Map();
      this.loadDetails();
    }
    this.render();
    if (focusDispatch) this.root.querySelector("button[data-action=dispatch]")?.focus();
    else if (focusCard) this.root.querySelector("button[data-action=dispatch], button, [tabindex]")?.focus();
  }

  async loadDetails() {
    const id = this.id;
    const incident = this.incident();
    this.loadTimeline(id);
    this.loadCameras(id);
    if (incident && incident.status !== "closed") this.loadRecommendation(id);
  }

  async loadTimeline(id) {
    try {
      const timeline = await api(`/v1/incidents/${id}/timeline`);
      if (id === this.id) { this.timeline = timeline.events; this.ctx.invalidate("card"); }
    } catch { /* the card still shows the incident */ }
  }

  async loadCameras(id) {
    try {
      const reply = await api(`/v1/incidents/${id}/cameras`);
      if (id === this.id) { this.cameras = reply.cameras; this.ctx.invalidate("card"); }
    } catch { /* the card still shows the incident */ }
  }

  async loadRecommendation(id) {
    const version = this.incident()?.version;
    try {
      const rec = await api(`/v1/incidents/${id}/recommendations`);
      if (id !== this.id) return;
      this.recommendation = { incidentId: id, version, data: rec };
      this.loadRoutes(rec);
    } catch (error) {
      if (id === this.id) this.recommendation = { incidentId: id, version, error };
    }
    this.ctx.invalidate("card", "map");
  }

  async loadRoutes(rec) {
    const incident = this.incident();
    if (!incident) return;
    const to = `${incident.location.lat},${incident.location.lon}`;
    for (const unit of this.recommendedUnits(rec).slice(0, 6)) {
      const view = this.ctx.store.units.get(unit.unitId);
      if (!view?.position) continue;
      try {
        const route = await api(`/v1/roads/route?from=${view.position.lat},${view.position.lon}&to=${to}`);
        if (incident.id !== this.id) return;
        this.routes.set(unit.unitId, { geometry: route.geometry, seconds: route.seconds, callSign: unit.callSign });
        this.ctx.invalidate("map");
      } catch { /* no route: the map shows the unit only */ }
    }
  }

  recommendedUnits(rec = this.recommendation?.data) {
    return rec ? rec.requirements.flatMap((r) => r.recommended || []) : [];
  }

  /** Dispatches the open card's recommendation; false when there is nothing to dispatch. */
  dispatch() {
    const button = this.root.querySelector("button[data-action=dispatch]");
    if (!button || button.disabled) return false;
    this.doDispatch();
    return true;
  }

  async doDispatch() {
    const id = this.id;
    if (!id) return;
    this.error = ""; this.message = "";
    try {
      const units = this.recommendedUnits().map((u) => u.unitId);
      const reply = await api(`/v1/incidents/${id}/recommendations/accept`, {
        method: "POST", body: units.length ? { unitIds: units } : {}, idempotent: true,
      });
      const incident = reply?.incident || (reply?.id ? reply : null);
      if (incident) this.ctx.store.putIncident(incident);
      const assigned = reply?.assigned?.length ?? reply?.assignedUnits?.length ?? units.length;
      this.message = t("card.dispatched", { n: formatNumber(assigned) });
      this.refresh();
    } catch (error) { this.error = t(errorKey(error)); }
    this.ctx.invalidate("card", "queue", "map");
  }

  async refresh() {
    const id = this.id;
    try {
      const incident = await api(`/v1/incidents/${id}`);
      this.ctx.store.putIncident(incident);
    } catch { /* gone */ }
    this.loadTimeline(id);
    this.loadRecommendation(id);
  }

  fromEvent(event) {
    if (!this.id || event.incidentId !== this.id) return;
    clearTimeout(this.eventTimer);
    this.eventTimer = setTimeout(() => {
      this.loadTimeline(this.id);
      if (["unit.assigned", "unit.statusChanged", "incident.typeChanged", "incident.statusChanged"].includes(event.type)) this.loadRecommendation(this.id);
    }, 250);
  }

  async reveal(purpose) {
    const id = this.id;
    try {
      const incident = await api(`/v1/incidents/${id}`, { headers: { "X-Purpose": purpose } });
      this.restricted.set(id, incident);
      this.revealing = false;
      this.error = "";
    } catch (error) { this.error = t(errorKey(error)); }
    this.ctx.invalidate("card");
  }

  entitled(incident) {
    const type = this.ctx.types.get(incident.type);
    return Boolean(type?.restrictedFields?.length) && this.ctx.user.sector === incident.owningSector;
  }

  onClick(event) {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const action = button.dataset.action;
    const incident = this.incident();
    if (!incident) return;
    if (action === "dispatch") this.doDispatch();
    else if (action === "reveal") { this.revealing = true; this.render(); this.root.querySelector("input[name=purpose]")?.focus(); }
    else if (action === "status") this.changeStatus(button.dataset.status);
    else if (action === "close-card") { this.ctx.select(null); this.ctx.queue.focus(); }
    else if (action === "locate") this.ctx.map.focusOn(incident.location);
  }

  async changeStatus(status) {
    const id = this.id;
    this.error = ""; this.message = "";
    try {
      const incident = await api(`/v1/incidents/${id}/status`, { method: "POST", body: { status }, idempotent: true });
      this.ctx.store.putIncident(incident);
      this.message = t("card.saved");
      this.loadTimeline(id);
    } catch (error) { this.error = t(errorKey(error)); }
    this.ctx.invalidate("card", "queue", "map");
  }

  async onSubmit(event) {
    event.preventDefault();
    const form = event.target;
    const id = this.id;
    this.error = ""; this.message = "";
    try {
      if (form.name === "reveal") {
        const purpose = form.purpose.value.trim();
        if (!purpose) { this.error = t("error.purposeRequired"); this.render(); return; }
        await this.reveal(purpose);
        return;
      }
      if (form.name === "note") {
        const text = form.note.value.trim();
        if (!text) return;
        const reply = await api(`/v1/incidents/${id}/notes`, { method: "POST", body: { text }, idempotent: true });
        if (reply?.id === id) this.ctx.store.putIncident(reply);
        form.note.value = "";
      } else if (form.name === "share") {
        const reply = await api(`/v1/incidents/${id}/shares`, {
          method: "POST", body: { sector: form.sector.value, reason: form.reason.value.trim() }, idempotent: true });
        if (reply?.id) this.ctx.store.putIncident(reply);
      } else if (form.name === "merge") {
        const number = form.into.value.trim();
        const target = [...this.ctx.store.incidents.values()].find((i) => i.number === number && i.id !== id);
        if (!target) { this.error = t("card.mergeUnknown"); this.render(); return; }
        const reply = await api(`/v1/incidents/${id}/merge`, {
          method: "POST", body: { into: target.id, reason: form.reason.value.trim() || undefined }, idempotent: true });
        if (reply?.id) this.ctx.store.putIncident(reply);
      }
      this.message = t("card.saved");
      this.loadTimeline(id);
    } catch (error) { this.error = t(errorKey(error)); }
    this.ctx.invalidate("card", "queue", "map");
  }

  render() {
    const incident = this.incident();
    const ctx = this.ctx;
    if (!incident) {
      delete this.root.dataset.incidentId;
      this.root.replaceChildren(h("h2", { id: "card-heading" }, t("card.heading")), h("p", { class: "muted" }, t("card.none")));
      return;
    }
    // Keep typed-but-unsent text and focus across re-renders.
    const kept = {};
    for (const field of this.root.querySelectorAll("textarea, input[type=text], input:not([type]), select")) kept[field.name] = field.value;
    const focusedKey = document.activeElement && this.root.contains(document.activeElement)
      ? focusKey(document.activeElement) : null;
    const openDetails = new Set([...this.root.querySelectorAll("details[open]")].map((d) => d.dataset.key));

    this.root.dataset.incidentId = incident.id;
    const type = ctx.types.get(incident.type);
    const unitName = (id) => ctx.store.units.get(id)?.unit.callSign || id.slice(0, 8);
    const dl = h("dl", null,
      h("dt", null, t("card.type")), h("dd", null, ctx.typeName(incident.type)),
      h("dt", null, t("card.priority")), h("dd", null, t("priority.long", { n: formatNumber(incident.priority) })),
      h("dt", null, t("card.status")), h("dd", { "data-field": "status", "data-status": incident.status }, t("status." + incident.status)),
      h("dt", null, t("card.location")), h("dd", null, data(formatCoordinate(incident.location.lat, incident.location.lon)), " ",
        h("button", { type: "button", "data-action": "locate" }, t("card.mapShow"))),
      incident.address ? [h("dt", null, t("card.address")), h("dd", null, data(incident.address))] : null,
      incident.caller && (incident.caller.name || incident.caller.phone)
        ? [h("dt", null, t("card.caller")), h("dd", null, data([incident.caller.name, incident.caller.phone].filter(Boolean).join(" · ")))] : null,
      incident.narrative ? [h("dt", null, t("card.narrative")), h("dd", null, data(incident.narrative))] : null,
      h("dt", null, t("card.sector")), h("dd", null, ctx.sectorName(incident.owningSector)),
      h("dt", null, t("card.created")), h("dd", null, formatDateTime(incident.createdAt)),
      h("dt", null, t("card.updated")), h("dd", null, formatDateTime(incident.updatedAt)),
      h("dt", null, t("card.units")), h("dd", { "data-field": "units" },
        incident.assignedUnits.length ? data(incident.assignedUnits.map(unitName).join(", ")) : t("card.noUnits")),
      incident.sharedWith.length ? [h("dt", null, t("card.shared")), h("dd", null, incident.sharedWith.map((s) => ctx.sectorName(s.sector)).join(language() === "ar" ? "، " : ", "))] : null,
      incident.possibleDuplicateOf ? [h("dt", null, t("card.duplicateOf")), h("dd", null,
        h("span", { class: "badge badge-duplicate" }, t("queue.duplicate")), " ",
        data(ctx.store.incidents.get(incident.possibleDuplicateOf)?.number || ""))] : null,
    );

    this.root.replaceChildren(...[
      h("div", { class: "card-head" },
        h("h2", { id: "card-heading" }, t("card.heading")),
        h("span", { class: `prio prio-${incident.priority}` }, t("priority.short", { n: formatNumber(incident.priority) })),
        data(incident.number, "span"),
        h("span", { class: "spacer" }),
        h("button", { type: "button", "data-action": "close-card", "aria-label": t("card.close") }, "×")),
      dl,
      this.renderRestricted(incident, type),
      this.renderRecommendations(incident),
      this.renderCameras(),
      h("p", { class: "message", role: "status" }, this.message),
      h("p", { class: "error", role: "alert" }, this.error),
      this.renderStatusActions(incident),
      this.renderNotes(incident),
      this.renderTimeline(),
      this.renderShare(incident),
      this.renderMerge(incident),
    ].filter(Boolean));
    for (const field of this.root.querySelectorAll("textarea, input[type=text], input:not([type]), select")) {
      if (kept[field.name] !== undefined && field.type !== "hidden") field.value = kept[field.name];
    }
    for (const details of this.root.querySelectorAll("details")) if (openDetails.has(details.dataset.key)) details.open = true;
    if (focusedKey) this.root.querySelector(focusedKey)?.focus({ preventScroll: true });
  }

  renderRestricted(incident, type) {
    if (!this.entitled(incident)) return null;
    const read = this.restricted.get(incident.id);
    if (read) {
      const rows = [];
      for (const field of type.restrictedFields) {
        const value = field === "caller" ? [read.caller?.name, read.caller?.phone].filter(Boolean).join(" · ") : read[field];
        if (value) rows.push(h("dt", null, t("card." + field)), h("dd", null, data(value)));
      }
      return h("section", { class: "restricted", "data-field": "restricted" }, h("h3", null, t("card.restricted")),
        rows.length ? h("dl", null, rows) : h("p", { class: "muted" }, t("card.restrictedNone")));
    }
    if (this.revealing) {
      return h("form", { name: "reveal", class: "restricted" },
        h("label", { for: "purpose-input" }, t("card.purpose")),
        h("input", { id: "purpose-input", name: "purpose", required: true, autocomplete: "off", dir: "auto" }),
        h("button", { type: "submit" }, t("card.purposeSubmit")));
    }
    return h("div", { class: "actions" }, h("button", { type: "button", "data-action": "reveal" }, "🔒 ", t("card.reveal")));
  }

  renderRecommendations(incident) {
    const rec = this.recommendation;
    const section = h("section", { "aria-label": t("card.recommendations") }, h("h3", null, t("card.recommendations")));
    const canDispatch = ["dispatcher", "supervisor", "callTaker", "admin"].includes(this.ctx.user.role);
    const button = h("button", { type: "button", class: "primary dispatch", "data-action": "dispatch", "aria-keyshortcuts": "D" },
      t("card.dispatch"), " ", h("kbd", null, t("card.dispatchHint")));
    if (!rec || rec.incidentId !== incident.id) {
      section.append(h("p", { class: "muted" }, t("card.recommendationsLoading")));
      if (canDispatch && incident.status === "received") section.append(button);
      return section;
    }
    if (rec.error) { section.append(h("p", { class: "error" }, t(errorKey(rec.error)))); return section; }
    const units = [];
    for (const requirement of rec.data.requirements) {
      const capability = t("cap." + requirement.capability) === "cap." + requirement.capability ? requirement.capability : t("cap." + requirement.capability);
      for (const unit of requirement.recommended || []) units.push({ unit, capability });
      if (requirement.shortfall > 0) section.append(h("p", { class: "error" }, t("card.shortfall", { n: formatNumber(requirement.shortfall), cap: capability })));
      if (requirement.alreadyAssigned?.length) section.append(h("p", { class: "muted" }, t("card.alreadyAssigned", { n: formatNumber(requirement.alreadyAssigned.length) })));
    }
    if (!units.length) { section.append(h("p", { class: "muted" }, t("card.noRecommendation"))); return section; }
    for (const { unit, capability } of units) {
      section.append(h("div", { class: "recommendation", "data-recommendation": "", "data-unit-id": unit.unitId, "data-eta-seconds": String(Math.round(unit.etaSeconds)) },
        data(unit.callSign, "strong"),
        h("span", null, capability),
        h("span", { class: "muted" }, this.ctx.sectorName(unit.sector)),
        h("span", { class: "muted" }, t("card.distance", { d: formatDistance(unit.meters) })),
        h("span", { class: "eta" }, t("card.eta", { t: formatDuration(unit.etaSeconds) }))));
      if (language() === "en" && unit.why) section.append(h("p", { class: "why", translate: "no" }, unit.why));
    }
    if (rec.data.method === "straight-line") section.append(h("p", { class: "muted" }, t("card.straightLine")));
    if (canDispatch) section.append(button);
    return section;
  }

  renderStatusActions(incident) {
    const buttons = STATUS_ACTIONS.filter((s) => s !== incident.status).map((status) =>
      h("button", { type: "button", "data-action": "status", "data-status": status }, t("status." + status)));
    return h("section", { "aria-label": t("card.statusChange") }, h("h3", null, t("card.statusChange")), h("div", { class: "actions" }, buttons));
  }

  renderNotes(incident) {
    const notes = h("ul", { class: "notes" }, incident.notes.map((note) => h("li", null,
      h("span", { class: "muted" }, formatTime(note.at)), " ", data(note.author), ": ",
      note.redacted ? h("em", null, t("card.noteRedacted")) : data(note.text))));
    return h("section", null, h("h3", null, t("card.notes")), notes,
      h("form", { name: "note" },
        h("label", { for: "note-input" }, t("card.noteLabel")),
        h("textarea", { id: "note-input", name: "note", rows: "2", dir: "auto" }),
        h("button", { type: "submit" }, t("card.noteAdd"))));
  }

  // Where each camera is and how far; the stream address itself is a restricted read
  // (GET /v1/cameras/{id}/stream with X-Purpose) that the video client makes.
  renderCameras() {
    if (!this.cameras?.length) return null;
    const list = h("ul", { "data-field": "cameras" });
    for (const item of this.cameras) {
      list.append(h("li", { "data-camera-id": item.camera.id },
        h("span", null, localized(item.camera.name)), " ",
        h("span", { class: "muted" }, formatDistance(item.meters)),
        item.camera.canWatch ? null : h("span", { class: "muted" }, " · ", t("card.cameraOtherSector"))));
    }
    return h("section", { "aria-label": t("card.cameras") }, h("h3", null, t("card.cameras")), list);
  }

  renderTimeline() {
    const list = h("ol", { "data-field": "timeline" });
    for (const event of [...(this.timeline || [])].reverse()) {
      const key = "event." + event.type;
      const label = t(key) === key ? t("event.other") : t(key);
      const change = event.data?.from && event.data?.to
        ? t("timeline.change", { from: this.statusLabel(event, event.data.from), to: this.statusLabel(event, event.data.to) }) : "";
      list.append(h("li", null, h("span", { class: "muted" }, formatTime(event.at, true)), h("span", null, label),
        change ? h("span", null, change) : null,
        event.data?.callSign ? data(event.data.callSign) : null,
        data(event.actor?.username || "")));
    }
    return h("section", null, h("h3", null, t("card.timeline")), list);
  }

  statusLabel(event, status) {
    const prefix = event.type === "unit.statusChanged" ? "unitStatus." : "status.";
    if (typeof status === "number") return formatNumber(status);
    const key = prefix + status;
    return t(key) === key ? String(status) : t(key);
  }

  renderShare(incident) {
    const options = this.ctx.world.sectors.filter((s) => s.id !== incident.owningSector && !incident.sharedWith.some((x) => x.sector === s.id))
      .map((s) => h("option", { value: s.id }, localized(s.name)));
    return h("details", { "data-key": "share" }, h("summary", null, t("card.share")),
      h("form", { name: "share" },
        h("label", { for: "share-sector" }, t("card.shareSector")), h("select", { id: "share-sector", name: "sector" }, options),
        h("label", { for: "share-reason" }, t("card.shareReason")), h("input", { id: "share-reason", name: "reason", required: true, dir: "auto" }),
        h("button", { type: "submit" }, t("card.shareSubmit"))));
  }

  renderMerge(incident) {
    if (!["supervisor", "admin"].includes(this.ctx.user.role)) return null;
    return h("details", { "data-key": "merge" }, h("summary", null, t("card.merge")),
      h("form", { name: "merge" },
        h("label", { for: "merge-into" }, t("card.mergeInto")),
        h("input", { id: "merge-into", name: "into", required: true, translate: "no", dir: "ltr",
          value: incident.possibleDuplicateOf ? this.ctx.store.incidents.get(incident.possibleDuplicateOf)?.number || "" : "" }),
        h("label", { for: "merge-reason" }, t("card.mergeReason")), h("input", { id: "merge-reason", name: "reason", dir: "auto" }),
        h("button", { type: "submit" }, t("card.mergeSubmit"))));
  }
}

function focusKey(element) {
  if (element.id) return "#" + CSS.escape(element.id);
  if (element.dataset.action) {
    return `[data-action="${element.dataset.action}"]` + (element.dataset.status ? `[data-status="${element.dataset.status}"]` : "");
  }
  if (element.name) return `[name="${element.name}"]`;
  return null;
}
