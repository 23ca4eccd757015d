// The console's entry point: language, sign-in, session (lock, logout), the live feed and the
// frame scheduler that redraws only what changed.
import { api, session, ApiError, errorKey } from "./api.js";
import { $, $$, h, data, isTextField } from "./dom.js";
import { t, setLanguage, language, chooseLanguage, direction, localized, setTimeZone } from "./i18n.js";
import { Store } from "./store.js";
import { Feed } from "./feed.js";
import { QueueView } from "./queue-view.js";
import { CardView } from "./card-view.js";
import { CallForm } from "./call-form.js";
import { UnitsView } from "./units-view.js";
import { AlertsView } from "./alerts-view.js";
import { MapView } from "./map-view.js";
import { placesChangedBy } from "./map-data.js";

const hooks = { drawnAt: {}, ready: false };
window.mirsadConsole = hooks;

const ctx = {
  store: new Store(),
  world: null,
  user: null,
  types: new Map(),
  sectors: new Map(),
  feed: null,
  selectedId: null,
  dirty: new Set(),
  pendingEvents: [],
  select(id, { focusCard = false } = {}) {
    ctx.selectedId = id;
    ctx.card.show(id, { focusCard });
    ctx.queue.markSelected(id);
    ctx.invalidate("map");
  },
  invalidate(...parts) {
    for (const part of parts) ctx.dirty.add(part);
    if (!ctx.frameRequested) { ctx.frameRequested = true; requestAnimationFrame(frame); }
  },
  sectorName(id) { const s = ctx.sectors.get(id); return s ? localized(s.name) : id; },
  typeName(code) { const type = ctx.types.get(code); return type ? localized(type.name) : code; },
  isOversight() { return ctx.world?.oversightSectors?.includes(ctx.user?.sector); },
};

function frame() {
  ctx.frameRequested = false;
  const dirty = new Set(ctx.dirty);
  ctx.dirty.clear();
  if (dirty.has("queue")) ctx.queue.render();
  if (dirty.has("card")) ctx.card.render();
  if (dirty.has("units")) ctx.units.render();
  // "map": what the map shows changed; "view": only the map's view moved (pan/zoom, pick mark).
  const mapContent = dirty.has("map") || dirty.has("static") || (dirty.has("card") && ctx.selectedId);
  if (mapContent || dirty.has("view")) ctx.map.draw(dirty.has("static"), mapContent);
  if (ctx.pendingEvents.length) {
    const now = Date.now();
    for (const id of ctx.pendingEvents) if (!(id in hooks.drawnAt)) hooks.drawnAt[id] = now;
    ctx.pendingEvents.length = 0;
  }
}

// ---- language ----

function applyLanguage() {
  const lang = language();
  document.documentElement.lang = lang;
  document.documentElement.dir = direction(lang);
  document.title = t("app.title");
  for (const node of $$("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of $$("[data-i18n-label]")) node.setAttribute("aria-label", t(node.dataset.i18nLabel));
  $("#lang-text").textContent = t("lang.other");
  $("#lang-text").lang = lang === "ar" ? "en" : "ar";
  if (ctx.user) {
    renderWhoami();
    ctx.queue.languageChanged();
    ctx.card.render();
    ctx.call.languageChanged();
    ctx.units.languageChanged();
    ctx.alerts.render();
    ctx.map.languageChanged();
    renderLink(ctx.feed?.state || "offline");
  }
}

function switchLanguage() {
  setLanguage(language() === "ar" ? "en" : "ar");
  localStorage.setItem("mirsad.lang", language());
  const url = new URL(location.href);
  if (url.searchParams.has("lang")) { url.searchParams.set("lang", language()); history.replaceState(null, "", url); }
  applyLanguage();
}

// ---- sign-in ----

async function signIn(event) {
  event.preventDefault();
  const form = $("#login");
  const error = $("#login-error");
  error.textContent = "";
  const body = { username: form.username.value.trim(), password: form.password.value };
  const code = form.code.value.trim();
  if (code) body.otp = code;
  try {
    const reply = await api("/v1/auth/login", { method: "POST", body });
    session.token = reply.token;
    sessionStorage.setItem("mirsad.token", reply.token);
    form.password.value = ""; form.code.value = "";
    $("#code-row").hidden = true;
    await start();
  } catch (failure) {
    if (!(failure instanceof ApiError)) { error.textContent = t("error.generic"); console.error(failure); return; }
    if (failure.status === 423) error.textContent = t("login.locked");
    else if (failure.status === 403) error.textContent = t("login.adminNeedsFactor");
    else if (failure.status === 401 && failure.code === "second-factor-required") {
      // The password was right; the account also needs its authenticator code.
      error.textContent = t("login.codeNeeded");
      $("#code-row").hidden = false;
      form.code.focus();
    } else if (failure.status === 401) {
      error.textContent = t("login.failed");
      form.password.focus();
    } else error.textContent = t(errorKey(failure));
  }
}

function renderWhoami() {
  const who = $("#whoami");
  const u = ctx.user;
  who.replaceChildren(
    h("span", { class: "muted" }, t("whoami.label")),
    data(u.displayName || u.username),
    h("span", { class: "sep", "aria-hidden": "true" }, "·"),
    h("span", { class: "role" }, t("role." + u.role)),
    h("span", { class: "sep", "aria-hidden": "true" }, "·"),
    h("span", { class: "sector" }, ctx.sectorName(u.sector)),
  );
  who.hidden = false;
}

async function start() {
  ctx.user = await api("/v1/auth/me");
  ctx.world = await api("/v1/jurisdiction");
  setTimeZone(ctx.world.timeZone);
  ctx.types = new Map(ctx.world.incidentTypes.map((type) => [type.code, type]));
  ctx.sectors = new Map(ctx.world.sectors.map((sector) => [sector.id, sector]));
  $("#signin").hidden = true;
  $("#login").hidden = true;
  $("#workspace").hidden = false;
  $("#logout").hidden = false;
  $("#new-call").hidden = false;
  ctx.queue.init(); ctx.card.init(); ctx.call.init(); ctx.units.init(); ctx.alerts.init();
  applyLanguage();
  ctx.map.init().then(() => { ctx.mapReady = true; checkReady(); });
  connectFeed();
}

function checkReady() {
  if (ctx.queueLoaded && ctx.mapReady) hooks.ready = true;
}

async function loadSnapshot() {
  const [units, incidents] = await Promise.all([api("/v1/units"), api("/v1/incidents?scope=open&limit=1000")]);
  ctx.store.loadUnits(units.units);
  ctx.store.loadIncidents(incidents.incidents);
  ctx.queueLoaded = true;
  ctx.invalidate("queue", "units", "map", "card");
  checkReady();
}

function connectFeed() {
  ctx.feed?.stop();
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const feed = new Feed({
    base: `${scheme}//${location.host}`, token: session.token, WebSocketImpl: WebSocket,
    handlers: {
      onHello: async (head) => {
        try { await loadSnapshot(); feed.snapshotLoaded(head); } catch (error) { console.error(error); }
      },
      onEvent: (event) => handleEvent(event),
      onPositions: (positions) => { if (ctx.store.applyPositions(positions)) ctx.invalidate("map"); },
      onState: (state) => renderLink(state),
      onResync: async () => {
        // Events were lost: shelters and sensors may have changed unseen, like the incidents.
        ctx.map.reloadPlacesSoon("shelters"); ctx.map.reloadPlacesSoon("sensors");
        await loadSnapshot().catch(() => {});
        feed.start();
      },
      onSessionEnded: () => signOut("login.sessionEnded"),
      onLocked: () => showLock(),
    },
  });
  ctx.feed = feed;
  feed.start();
}

const refreshTimers = new Map();
function refreshIncidentSoon(id) {
  if (refreshTimers.has(id)) return;
  refreshTimers.set(id, setTimeout(async () => {
    refreshTimers.delete(id);
    try {
      const incident = await api("/v1/incidents/" + id);
      if (ctx.store.putIncident(incident)) ctx.invalidate("queue", "map", ...(isSelected(id) ? ["card"] : []));
    } catch (error) {
      if (error.status === 404 || error.status === 403) { ctx.store.incidents.delete(id); ctx.invalidate("queue", "map"); }
      // The event is applied but the incident could not be read (network cut, server away):
      // keep trying, or the change would be lost once the feed has moved past that event.
      else setTimeout(() => refreshIncidentSoon(id), 2000);
    }
  }, 150));
}

function isSelected(id) {
  return Boolean(id && ctx.selectedId) && String(id).toLowerCase() === String(ctx.selectedId).toLowerCase();
}

function handleEvent(event) {
  const refresh = ctx.store.applyEvent(event);
  if (refresh) refreshIncidentSoon(refresh);
  ctx.alerts.fromEvent(event);
  ctx.card.fromEvent(event);
  if (event.type.startsWith("roads.closure")) ctx.map.reloadClosures();
  const places = placesChangedBy(event.type);
  if (places) ctx.map.reloadPlacesSoon(places);
  if (event.type.startsWith("unit.")) ctx.invalidate("units");
  ctx.pendingEvents.push(event.id);
  // The open card is redrawn only for its own incident: redrawing it for every event in the
  // city would replace a button under the operator's pointer mid-click.
  if (isSelected(event.incidentId)) ctx.invalidate("card");
  ctx.invalidate("queue", "map");
}

function renderLink(state) {
  const link = $("#link");
  const previous = link.dataset.state;
  link.dataset.state = state;
  $("#link-text").textContent = t("link." + state);
  const banner = $("#offline-banner");
  banner.hidden = state === "live" || !ctx.user;
  banner.className = state === "connecting" ? "connecting" : "";
  banner.textContent = state === "connecting" && !ctx.feed?.everLive ? t("banner.connecting")
    : state === "connecting" ? t("banner.catchingUp") : t("banner.offline");
  $("#workspace").classList.toggle("banner", !banner.hidden);
  if (previous === "live" && state !== "live") ctx.alerts.system("connectionLost", "bad");
  if (previous && previous !== "live" && state === "live" && ctx.feed?.wasDropped) ctx.alerts.system("connectionRestored", "ok");
  if (state !== "live" && previous === "live" && ctx.feed) ctx.feed.wasDropped = true;
  ctx.map?.resize();
}

// ---- session ----

function showLock() {
  const dialog = $("#lock");
  if (dialog.open) return;
  $("#unlock-error").textContent = "";
  ctx.lockedFocus = document.activeElement;
  dialog.showModal();
  $("#unlock-password").focus();
}

async function unlock(event) {
  event.preventDefault();
  const input = $("#unlock-password");
  try {
    await api("/v1/auth/unlock", { method: "POST", body: { password: input.value } });
    input.value = "";
    $("#lock").close();
    ctx.lockedFocus?.focus?.();
    ctx.feed.start(); // resumes with since=: nothing missed while locked
  } catch (error) {
    $("#unlock-error").textContent = error.status === 401 || error.status === 400 ? t("lock.failed") : t(errorKey(error));
  }
}

function signOut(messageKey) {
  if (session.token) fetch("/v1/auth/logout", { method: "POST", headers: { Authorization: "Bearer " + session.token } }).catch(() => {});
  session.token = null;
  sessionStorage.removeItem("mirsad.token");
  ctx.feed?.stop();
  // A fresh page: no data of the previous user stays in memory.
  const url = new URL(location.href);
  if (typeof messageKey === "string") url.searchParams.set("ended", "1");
  location.replace(url);
}

// ---- keyboard ----

function onKey(event) {
  if (!ctx.user || $("#lock").open) return;
  if (event.key === "Escape") {
    if (!$("#call-form").hidden) { ctx.call.close(); event.preventDefault(); }
    else if ($("#shortcuts").open) $("#shortcuts").open = false;
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey || isTextField(event.target)) return;
  const key = event.key.toLowerCase();
  if (key === "n" || key === "ى") { event.preventDefault(); ctx.call.open(); }
  else if (key === "d" || key === "ي") { if (ctx.card.dispatch()) event.preventDefault(); }
  else if (event.key === "?") { $("#shortcuts").open = !$("#shortcuts").open; event.preventDefault(); }
  else if (key === "q" || key === "ض") { ctx.queue.focus(); event.preventDefault(); }
  else if ((key === "m" || key === "ة") && document.activeElement !== $("#map")) { $("#map").focus(); event.preventDefault(); }
}

// ---- boot ----

function boot() {
  setLanguage(chooseLanguage(location.search, localStorage.getItem("mirsad.lang")));
  if (new URLSearchParams(location.search).has("lang")) localStorage.setItem("mirsad.lang", language());
  ctx.queue = new QueueView(ctx);
  ctx.card = new CardView(ctx);
  ctx.call = new CallForm(ctx);
  ctx.units = new UnitsView(ctx);
  ctx.alerts = new AlertsView(ctx);
  ctx.map = new MapView(ctx, $("#map"));
  hooks.layers = ctx.map.counts; // { shelters, cameras, sensors, sensorsInAlarm } as last drawn
  session.onUnauthorized = () => signOut("login.sessionEnded");
  session.onLocked = () => showLock();
  $("#login").addEventListener("submit", signIn);
  $("#logout").addEventListener("click", () => signOut());
  $("#lang").addEventListener("click", switchLanguage);
  $("#unlock-form").addEventListener("submit", unlock);
  $("#lock").addEventListener("cancel", (event) => event.preventDefault());
  $("#new-call").addEventListener("click", () => ctx.call.open());
  document.addEventListener("keydown", onKey);
  applyLanguage();
  const url = new URL(location.href);
  if (url.searchParams.has("ended")) {
    $("#login-error").textContent = t("login.sessionEnded");
    url.searchParams.delete("ended");
    history.replaceState(null, "", url);
  }
  session.token = sessionStorage.getItem("mirsad.token");
  if (session.token) {
    start().catch((error) => {
      console.error(error);
      session.token = null;
      sessionStorage.removeItem("mirsad.token");
      $("#workspace").hidden = true; $("#signin").hidden = false; $("#login").hidden = false;
    });
  }
}

boot();
