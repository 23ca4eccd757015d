// The unit board: units grouped by sector with status (text, colour and shape) and a quick
// status change. Rows are keyed so a status change touches one row only.
import { api, errorKey } from "./api.js";
import { $, h, data } from "./dom.js";
import { t, localized, formatNumber, has } from "./i18n.js";
import { UNIT_STATUSES, UNIT_SHAPES } from "./map-style.js";

export class UnitsView {
  constructor(ctx) {
    this.ctx = ctx;
    this.root = $("#units");
    this.rows = new Map();
    this.sector = "";
    this.built = false;
  }

  init() {
    const select = $("select[name=units-sector]");
    const own = this.ctx.user.sector;
    this.sector = this.ctx.world.units.some((u) => u.sector === own) ? own : "";
    select.addEventListener("change", () => { this.sector = select.value; this.built = false; this.render(); });
    this.root.addEventListener("change", (event) => {
      const select = event.target.closest("select[data-unit-select]");
      if (select) this.setStatus(select.dataset.unitSelect, select.value, select);
    });
    this.fillSectors();
  }

  fillSectors() {
    const select = $("select[name=units-sector]");
    select.replaceChildren(h("option", { value: "" }, t("filter.all")),
      ...this.ctx.world.sectors.filter((s) => this.ctx.world.units.some((u) => u.sector === s.id))
        .map((s) => h("option", { value: s.id, selected: s.id === this.sector || undefined }, localized(s.name))));
  }

  languageChanged() { this.fillSectors(); this.built = false; this.render(); }

  async setStatus(unitId, status, select) {
    try {
      const unit = await api(`/v1/units/${unitId}/status`, { method: "POST", body: { status }, idempotent: true });
      this.ctx.store.putUnit(unit);
    } catch (error) {
      select.setCustomValidity(t(errorKey(error)));
      select.title = t(errorKey(error));
      select.value = this.ctx.store.units.get(unitId)?.unit.status || status;
    }
    this.ctx.invalidate("units", "map");
  }

  render() {
    const views = this.ctx.store.unitViews().filter((v) => !this.sector || v.unit.sector === this.sector);
    if (!this.built || this.builtCount !== views.length) this.build(views);
    let available = 0;
    for (const view of views) {
      if (view.unit.status === "available") available++;
      const row = this.rows.get(view.unit.id);
      if (row && row.status !== view.unit.status) this.fill(row, view.unit);
    }
    $("#units-count").textContent = t("units.count", { available: formatNumber(available), total: formatNumber(views.length) });
  }

  build(views) {
    this.rows.clear();
    const bySector = new Map();
    for (const view of views) {
      if (!bySector.has(view.unit.sector)) bySector.set(view.unit.sector, []);
      bySector.get(view.unit.sector).push(view.unit);
    }
    const groups = [];
    for (const [sector, units] of bySector) {
      units.sort((a, b) => a.callSign.localeCompare(b.callSign));
      const grid = h("div", { class: "unit-grid", role: "list" });
      for (const unit of units) {
        const row = { node: h("div", { class: "unit", role: "listitem", "data-unit-id": unit.id }), status: null };
        this.rows.set(unit.id, row);
        this.fill(row, unit);
        grid.append(row.node);
      }
      groups.push(h("section", { class: "sector-group", "aria-label": this.ctx.sectorName(sector) },
        h("h3", null, this.ctx.sectorName(sector), " ", h("span", { class: "muted" }, formatNumber(units.length))), grid));
    }
    this.root.replaceChildren(...groups);
    this.built = true;
    this.builtCount = views.length;
  }

  fill(row, unit) {
    row.status = unit.status;
    row.node.dataset.status = unit.status;
    const typeKey = "unitType." + unit.type;
    const select = h("select", { "data-unit-select": unit.id, "aria-label": t("units.setStatus", { unit: unit.callSign }) },
      UNIT_STATUSES.map((s) => h("option", { value: s, selected: s === unit.status || undefined }, t("unitStatus." + s))));
    row.node.replaceChildren(
      h("span", { class: "shape", "aria-hidden": "true" }, UNIT_SHAPES[unit.status]?.glyph || "•"),
      data(unit.callSign),
      has(typeKey) ? h("span", { class: "muted" }, t(typeKey)) : null,
      select);
  }
}
