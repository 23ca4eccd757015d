// The incident queue: one focusable row per open incident, kept in priority/age order,
// with live timers and filters. Rows are reused between renders (keyed by incident id).
import { $, h, data } from "./dom.js";
import { t, formatDuration, formatNumber, formatTime, localized } from "./i18n.js";
import { orderQueue, timers, OPEN_STATUSES } from "./queue.js";

export class QueueView {
  constructor(ctx) {
    this.ctx = ctx;
    this.root = $("#queue");
    this.rows = new Map(); // id → { node, signature, age, changed, ageText, changedText }
    this.filters = { sector: "", type: "", status: "" };
    // Rows near the queue's scrolled view. Timers of the others are refreshed when they come
    // into view (text changes in 500 rows each second would lay out the whole queue).
    this.nearView = new Set();
    this.sweep = 0;
    this.observer = typeof IntersectionObserver === "function"
      ? new IntersectionObserver((entries) => this.seen(entries), { root: this.root, rootMargin: "400px 0px" })
      : null;
  }

  seen(entries) {
    const now = Date.now();
    for (const entry of entries) {
      const id = entry.target.dataset.incidentId;
      if (!entry.isIntersecting) { this.nearView.delete(id); continue; }
      this.nearView.add(id);
      const row = this.rows.get(id), incident = this.ctx.store.incidents.get(id);
      if (row && row.node === entry.target && incident) this.updateTimers(row, incident, now);
    }
  }

  init() {
    for (const name of ["sector", "type", "status"]) {
      $(`select[name=filter-${name}]`).addEventListener("change", (event) => {
        this.filters[name] = event.target.value;
        this.ctx.invalidate("queue", "map");
      });
    }
    this.root.addEventListener("click", (event) => {
      const row = event.target.closest("[data-incident-id]");
      if (row) this.ctx.select(row.dataset.incidentId);
    });
    this.root.addEventListener("keydown", (event) => {
      const row = event.target.closest("[data-incident-id]");
      if (!row) return;
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        this.ctx.select(row.dataset.incidentId, { focusCard: true });
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const next = event.key === "ArrowDown" ? row.nextElementSibling : row.previousElementSibling;
        next?.focus();
      }
    });
    setInterval(() => this.tick(), 1000);
    this.fillFilters();
  }

  fillFilters() {
    const option = (value, label, selected) => h("option", { value, selected: selected || undefined }, label);
    const fill = (name, entries) => {
      const select = $(`select[name=filter-${name}]`);
      const current = this.filters[name];
      select.replaceChildren(option("", t("filter.all")), ...entries.map(([value, label]) => option(value, label, value === current)));
    };
    const ctx = this.ctx;
    fill("sector", ctx.world.sectors.map((s) => [s.id, localized(s.name)]));
    fill("type", [...ctx.types.values()].map((type) => [type.code, localized(type.name)])
      .sort((a, b) => a[1].localeCompare(b[1], document.documentElement.lang)));
    fill("status", OPEN_STATUSES.map((s) => [s, t("status." + s)]));
  }

  languageChanged() {
    this.fillFilters();
    for (const row of this.rows.values()) this.observer?.unobserve(row.node);
    this.nearView.clear();
    this.rows.clear();
    this.render();
  }

  visible() { return orderQueue(this.ctx.store.openIncidents(), this.filters); }

  render() {
    const list = this.visible();
    const now = Date.now();
    const keep = new Set();
    const nodes = [];
    const duplicates = new Set();
    for (const incident of list) if (incident.possibleDuplicateOf) duplicates.add(incident.id);
    for (const incident of list) {
      keep.add(incident.id);
      const signature = `${incident.version}|${incident.status}|${incident.priority}|${incident.assignedUnits.length}|${incident.updatedAt}|${duplicates.has(incident.id)}`;
      let row = this.rows.get(incident.id);
      const fresh = !row || row.signature !== signature;
      if (fresh) {
        if (row) this.observer?.unobserve(row.node);
        row = this.build(incident, row?.node);
        row.signature = signature;
        this.rows.set(incident.id, row);
        this.observer?.observe(row.node);
      }
      if (fresh || !this.observer || this.nearView.has(incident.id)) this.updateTimers(row, incident, now);
      const selected = String(incident.id === this.ctx.selectedId);
      if (row.node.getAttribute("aria-selected") !== selected) row.node.setAttribute("aria-selected", selected);
      nodes.push(row.node);
    }
    for (const [id, row] of this.rows) {
      if (keep.has(id)) continue;
      this.observer?.unobserve(row.node);
      this.nearView.delete(id);
      this.rows.delete(id);
    }
    // Children are replaced only when the rows or their order changed.
    const children = this.root.children;
    const same = nodes.length > 0 && children.length === nodes.length && nodes.every((node, i) => children[i] === node);
    if (!same) {
      const focusedId = document.activeElement?.closest?.("#queue [data-incident-id]")?.dataset.incidentId;
      if (nodes.length === 0) this.root.replaceChildren(h("p", { class: "muted" }, t("queue.empty")));
      else this.root.replaceChildren(...nodes);
      if (focusedId && this.rows.has(focusedId)) this.rows.get(focusedId).node.focus({ preventScroll: true });
    }
    $("#queue-count").textContent = t("queue.count", {
      shown: formatNumber(list.length), total: formatNumber(this.ctx.store.incidents.size),
    });
  }

  build(incident, reuse) {
    const ctx = this.ctx;
    const node = reuse || h("div", { role: "listitem", tabindex: "0", class: "incident" });
    node.dataset.incidentId = incident.id;
    node.dataset.number = incident.number;
    node.dataset.priority = String(incident.priority);
    node.dataset.status = incident.status;
    const age = h("span", { class: "timer-age" });
    const changed = h("span", { class: "timer-changed" });
    const badges = [];
    if (incident.possibleDuplicateOf) badges.push(h("span", { class: "badge badge-duplicate" }, "≈ ", t("queue.duplicate")));
    node.setAttribute("aria-label", `${incident.number} ${t("priority.long", { n: formatNumber(incident.priority) })} ${ctx.typeName(incident.type)} ${t("status." + incident.status)}`);
    node.replaceChildren(
      h("span", { class: `prio prio-${incident.priority}`, "aria-hidden": "true" }, t("priority.short", { n: formatNumber(incident.priority) })),
      h("div", { class: "line1" }, h("span", null, ctx.typeName(incident.type)), data(incident.number)),
      h("div", { class: "line2" },
        h("span", { class: "status", "data-status": incident.status }, t("status." + incident.status)),
        h("span", null, ctx.sectorName(incident.owningSector)),
        incident.assignedUnits.length ? h("span", null, t("queue.units", { n: formatNumber(incident.assignedUnits.length) })) : null,
        ...badges),
      h("div", { class: "line3" }, age, changed,
        h("span", { class: "created" }, formatTime(incident.createdAt))),
    );
    return { node, age, changed };
  }

  updateTimers(row, incident, now) {
    const { age, sinceChange } = timers(incident, now);
    // Text nodes are touched only when the shown value changes (no layout otherwise).
    const ageText = t("queue.age", { t: formatDuration(age) });
    if (row.ageText !== ageText) { row.age.textContent = ageText; row.ageText = ageText; }
    const changedText = t("queue.changed", { t: formatDuration(sinceChange) });
    if (row.changedText !== changedText) { row.changed.textContent = changedText; row.changedText = changedText; }
  }

  tick() {
    const now = Date.now();
    const update = (id) => {
      const row = this.rows.get(id), incident = this.ctx.store.incidents.get(id);
      if (row && incident) this.updateTimers(row, incident, now);
    };
    if (!this.observer) { for (const id of this.rows.keys()) update(id); return; }
    for (const id of this.nearView) update(id);
    // Rows out of view are refreshed a slice at a time, so none is more than ~10 s behind.
    const ids = [...this.rows.keys()];
    const slice = Math.min(ids.length, Math.max(50, Math.ceil(ids.length / 10)));
    for (let i = 0; i < slice; i++) {
      const id = ids[(this.sweep + i) % ids.length];
      if (!this.nearView.has(id)) update(id);
    }
    this.sweep = ids.length ? (this.sweep + slice) % ids.length : 0;
  }

  markSelected(id) {
    for (const [rowId, row] of this.rows) {
      const selected = String(rowId === id);
      if (row.node.getAttribute("aria-selected") !== selected) row.node.setAttribute("aria-selected", selected);
    }
  }

  focus() {
    const selected = this.ctx.selectedId && this.rows.get(this.ctx.selectedId);
    (selected?.node || this.root.querySelector("[data-incident-id]") || this.root).focus();
  }
}
