// The call-taker form, keyboard first: N → type (searchable in both languages, Enter picks)
// → location (typed or map click) → Enter/Ctrl+Enter saves → the card opens on Dispatch.
import { api, errorKey } from "./api.js";
import { $, h, data } from "./dom.js";
import { t, localized, formatNumber, parseCoordinate, formatCoordinate } from "./i18n.js";
import { searchTypes } from "./queue.js";

const SAVE_ON_ENTER = ["location", "address", "callerName", "callerPhone"];

export class CallForm {
  constructor(ctx) {
    this.ctx = ctx;
    this.form = $("#call-form");
    this.options = $("#type-options");
    this.matches = [];
    this.highlight = 0;
    this.saving = false;
  }

  init() {
    const f = this.form;
    f.type.addEventListener("input", () => { f["type-code"].value = ""; delete f.dataset.typeCode; this.search(); });
    f.type.addEventListener("focus", () => this.search());
    f.type.addEventListener("keydown", (event) => this.typeKeys(event));
    this.options.addEventListener("mousedown", (event) => {
      const item = event.target.closest("li[data-code]");
      if (item) { event.preventDefault(); this.choose(item.dataset.code); }
    });
    f.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); this.save(); return; }
      if (event.key === "Enter" && SAVE_ON_ENTER.includes(event.target.name)) { event.preventDefault(); this.save(); }
    });
    f.addEventListener("submit", (event) => { event.preventDefault(); this.save(); });
    $("#call-cancel").addEventListener("click", () => this.close());
    this.fillPriorities();
  }

  fillPriorities() {
    const select = this.form.priority;
    const current = select.value;
    select.replaceChildren(h("option", { value: "" }, t("call.priorityDefault")),
      ...[1, 2, 3, 4].map((n) => h("option", { value: String(n) }, t("priority.long", { n: formatNumber(n) }))));
    select.value = current;
  }

  languageChanged() {
    this.fillPriorities();
    if (!this.form.hidden) this.renderOptions();
    const code = this.form["type-code"].value;
    if (code) this.form.type.value = localized(this.ctx.types.get(code)?.name);
  }

  open() {
    const f = this.form;
    f.hidden = false;
    f.reset();
    f["type-code"].value = "";
    delete f.dataset.typeCode;
    $("#call-error").textContent = "";
    this.matches = []; this.renderOptions();
    $("#map-hint").hidden = false;
    $("#map").classList.add("picking");
    this.ctx.map.picking = (lonLat) => this.setLocation(lonLat);
    f.type.focus();
    this.search();
  }

  close() {
    this.form.hidden = true;
    $("#map-hint").hidden = true;
    $("#map").classList.remove("picking");
    this.ctx.map.picking = null;
    this.ctx.map.setPick(null);
  }

  setLocation({ lat, lon }) {
    this.form.location.value = formatCoordinate(lat, lon);
    this.ctx.map.setPick({ lat, lon });
    this.form.address.focus();
  }

  search() {
    this.matches = searchTypes([...this.ctx.types.values()], this.form.type.value).slice(0, 8);
    this.highlight = 0;
    this.renderOptions();
  }

  renderOptions() {
    const f = this.form;
    const chosen = f["type-code"].value;
    if (chosen || document.activeElement !== f.type) { this.options.replaceChildren(); f.type.setAttribute("aria-expanded", "false"); return; }
    f.type.setAttribute("aria-expanded", String(this.matches.length > 0));
    this.options.replaceChildren(...(this.matches.length ? this.matches.map((type, i) =>
      h("li", { role: "option", id: "type-option-" + i, "data-code": type.code, "aria-selected": String(i === this.highlight) },
        h("span", null, localized(type.name)), data(type.code)))
      : [h("li", { class: "muted", role: "option", "aria-disabled": "true" }, t("call.noMatch"))]));
    if (this.matches.length) f.type.setAttribute("aria-activedescendant", "type-option-" + this.highlight);
  }

  typeKeys(event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!this.matches.length) return;
      this.highlight = (this.highlight + (event.key === "ArrowDown" ? 1 : -1) + this.matches.length) % this.matches.length;
      this.renderOptions();
    } else if (event.key === "Enter" && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      event.stopPropagation();
      if (this.form["type-code"].value) { this.form.location.focus(); return; }
      const type = this.matches[this.highlight] || this.matches[0];
      if (type) this.choose(type.code);
      else $("#call-error").textContent = t("call.typeInvalid");
    }
  }

  choose(code) {
    const f = this.form;
    const type = this.ctx.types.get(code);
    f["type-code"].value = code;
    f.dataset.typeCode = code;
    f.type.value = localized(type.name);
    this.options.replaceChildren();
    f.type.setAttribute("aria-expanded", "false");
    $("#call-error").textContent = "";
    f.location.focus();
  }

  async save() {
    if (this.saving) return;
    const f = this.form;
    const error = $("#call-error");
    let code = f["type-code"].value;
    if (!code && this.matches.length && f.type.value.trim()) { code = this.matches[0].code; this.choose(code); }
    if (!code) { error.textContent = t("call.typeInvalid"); f.type.focus(); return; }
    const location = parseCoordinate(f.location.value);
    if (!location) { error.textContent = t("call.locationInvalid"); f.location.focus(); return; }
    const body = { type: code, location };
    if (f.address.value.trim()) body.address = f.address.value.trim();
    const caller = {};
    if (f.callerName.value.trim()) caller.name = f.callerName.value.trim();
    if (f.callerPhone.value.trim()) caller.phone = f.callerPhone.value.trim();
    if (Object.keys(caller).length) { caller.language = document.documentElement.lang; body.caller = caller; }
    if (f.narrative.value.trim()) body.narrative = f.narrative.value.trim();
    if (f.priority.value) body.priority = Number(f.priority.value);
    this.saving = true;
    try {
      const incident = await api("/v1/incidents", { method: "POST", body, idempotent: true });
      this.ctx.store.putIncident(incident);
      this.close();
      this.ctx.select(incident.id);
      this.ctx.queue.render();
      this.ctx.card.show(incident.id, { focusDispatch: true });
      this.ctx.map.focusOn(incident.location);
    } catch (failure) {
      error.textContent = t(errorKey(failure));
    } finally { this.saving = false; }
  }
}
