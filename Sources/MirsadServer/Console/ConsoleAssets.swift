/// The browser console served at `/`: a live picture of incidents and units that signs in,
/// loads the world over the API and follows the WebSocket feed. Embedded so the single
/// `mirsad` binary carries it.
enum ConsoleAssets {
    static let html = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Mirsad — live picture</title>
        <link rel="stylesheet" href="/console.css">
        </head>
        <body>
        <header>
          <strong id="title">Mirsad <span class="ar">مرصاد</span></strong>
          <span id="world"></span>
          <span id="counts"></span>
          <span id="link" class="off">offline</span>
          <button id="lang" type="button">العربية</button>
          <button id="logout" type="button" hidden>Log out</button>
        </header>
        <main>
          <form id="login">
            <h1 data-en="Sign in" data-ar="تسجيل الدخول">Sign in</h1>
            <label><span data-en="Username" data-ar="اسم المستخدم">Username</span><input name="username" autocomplete="username" required></label>
            <label><span data-en="Password" data-ar="كلمة المرور">Password</span><input name="password" type="password" autocomplete="current-password" required></label>
            <button type="submit" data-en="Sign in" data-ar="دخول">Sign in</button>
            <p id="error" role="alert"></p>
          </form>
          <section id="picture" hidden>
            <canvas id="map" width="900" height="640" aria-label="map of units and incidents"></canvas>
            <aside>
              <h2 data-en="Open incidents" data-ar="البلاغات المفتوحة">Open incidents</h2>
              <ol id="incidents"></ol>
              <h2 data-en="Events" data-ar="الأحداث">Events</h2>
              <ol id="events"></ol>
            </aside>
          </section>
        </main>
        <script src="/console.js"></script>
        </body>
        </html>
        """#

    static let css = #"""
        :root { font-family: system-ui, sans-serif; color: #e8eef2; background: #0f1a22; }
        body { margin: 0; }
        header { display: flex; gap: 1rem; align-items: center; padding: .5rem 1rem; background: #16262f; }
        header #counts { margin-inline-start: auto; font-variant-numeric: tabular-nums; }
        .ar { font-family: "Noto Naskh Arabic", serif; }
        #link.on { color: #6fd08c; } #link.off { color: #f07470; }
        button { background: #25414f; color: inherit; border: 1px solid #3b5e70; padding: .3rem .8rem; border-radius: 4px; cursor: pointer; }
        #login { max-width: 22rem; margin: 4rem auto; display: grid; gap: .8rem; }
        #login label { display: grid; gap: .2rem; }
        #login input { padding: .4rem; background: #0b141a; color: inherit; border: 1px solid #3b5e70; }
        #error { color: #f07470; min-height: 1.2em; }
        #picture { display: grid; grid-template-columns: minmax(0, 2fr) minmax(18rem, 1fr); gap: .5rem; padding: .5rem; }
        canvas { width: 100%; height: auto; background: #0b141a; border: 1px solid #25414f; }
        aside { overflow: auto; max-height: calc(100vh - 4rem); }
        aside h2 { font-size: 1rem; margin: .5rem 0; }
        ol { list-style: none; padding: 0; margin: 0; font-size: .85rem; }
        #incidents li { padding: .3rem; border-inline-start: 4px solid #3b5e70; margin-bottom: .25rem; background: #16262f; }
        #incidents li.p1 { border-color: #f07470; } #incidents li.p2 { border-color: #f0b070; }
        #incidents li.p3 { border-color: #e8e070; } #incidents li.p4 { border-color: #70b0f0; }
        #events li { padding: .15rem 0; border-bottom: 1px solid #1d3440; color: #b6c6cf; }
        .muted { color: #7e95a1; }
        [dir="rtl"] body { font-family: "Noto Naskh Arabic", system-ui, sans-serif; }
        """#

    static let javascript = #"""
        // Mirsad console: signs in, loads the picture over the API and keeps it live over the
        // WebSocket feed (resuming with ?since= after a drop). No dependencies, no external tiles.
        "use strict";
        const state = { token: sessionStorage.getItem("mirsad.token"), lang: localStorage.getItem("mirsad.lang") || "en",
          world: null, units: new Map(), incidents: new Map(), lastEvent: 0, socket: null, types: new Map() };
        const $ = (id) => document.getElementById(id);
        const statusColour = { available: "#6fd08c", dispatched: "#f0b070", enRoute: "#f0d070", onScene: "#f07470",
          returning: "#70b0f0", outOfService: "#556" };

        async function api(path, options = {}) {
          const response = await fetch(path, { ...options, headers: { "Content-Type": "application/json",
            ...(state.token ? { Authorization: "Bearer " + state.token } : {}) } });
          if (response.status === 401) { signOut(); throw new Error("signed out"); }
          const body = response.status === 204 ? null : await response.json();
          if (!response.ok) throw new Error(body && (body.detail || body.title) || response.statusText);
          return body;
        }

        function name(localized) { return localized ? (localized[state.lang] || localized.en) : ""; }

        function applyLanguage() {
          document.documentElement.lang = state.lang;
          document.documentElement.dir = state.lang === "ar" ? "rtl" : "ltr";
          $("lang").textContent = state.lang === "ar" ? "English" : "العربية";
          for (const node of document.querySelectorAll("[data-en]")) node.textContent = node.dataset[state.lang];
          renderIncidents();
          if (state.world) $("world").textContent = name(state.world.name);
        }

        async function signIn(event) {
          event.preventDefault();
          const form = new FormData($("login"));
          try {
            const reply = await api("/v1/auth/login", { method: "POST",
              body: JSON.stringify({ username: form.get("username"), password: form.get("password") }) });
            state.token = reply.token;
            sessionStorage.setItem("mirsad.token", reply.token);
            $("error").textContent = "";
            await start();
          } catch (error) { $("error").textContent = error.message; }
        }

        function signOut() {
          if (state.token) fetch("/v1/auth/logout", { method: "POST", headers: { Authorization: "Bearer " + state.token } });
          state.token = null;
          sessionStorage.removeItem("mirsad.token");
          if (state.socket) state.socket.close();
          $("picture").hidden = true; $("login").hidden = false; $("logout").hidden = true;
        }

        async function start() {
          $("login").hidden = true; $("picture").hidden = false; $("logout").hidden = false;
          state.world = await api("/v1/jurisdiction");
          for (const type of state.world.incidentTypes) state.types.set(type.code, type);
          const [units, incidents] = await Promise.all([api("/v1/units"), api("/v1/incidents?scope=open&limit=500")]);
          for (const view of units.units) state.units.set(view.unit.id, view);
          for (const incident of incidents.incidents) state.incidents.set(incident.id, incident);
          applyLanguage();
          connect();
          draw();
        }

        function connect() {
          const scheme = location.protocol === "https:" ? "wss:" : "ws:";
          const since = state.lastEvent ? "&since=" + state.lastEvent : "";
          const socket = new WebSocket(`${scheme}//${location.host}/v1/live?access_token=${encodeURIComponent(state.token)}${since}`);
          state.socket = socket;
          socket.onopen = () => { $("link").textContent = "live"; $("link").className = "on"; };
          socket.onclose = (close) => {
            $("link").textContent = "offline"; $("link").className = "off";
            if (!state.token) return;
            if (close.code === 4401) { signOut(); return; }
            if (close.code === 4001) state.lastEvent = 0; // told to resync: reload everything
            setTimeout(() => (state.lastEvent ? connect() : start()), 1500);
          };
          socket.onmessage = (message) => handle(JSON.parse(message.data));
        }

        async function handle(frame) {
          if (frame.type === "hello" && !state.lastEvent) state.lastEvent = frame.head;
          if (frame.type === "positions") {
            for (const p of frame.positions) { const view = state.units.get(p.unitId); if (view) view.position = p; }
          }
          if (frame.type === "event") {
            const event = frame.event;
            state.lastEvent = Math.max(state.lastEvent, event.id);
            logEvent(event);
            if (event.unitId && event.type === "unit.statusChanged") {
              const view = state.units.get(event.unitId);
              if (view) { view.unit.status = event.data.to; view.unit.incidentId = ["dispatched", "enRoute", "onScene"].includes(event.data.to) ? event.data.incidentId : null; }
            }
            if (event.incidentId) {
              try {
                const incident = await api("/v1/incidents/" + event.incidentId);
                if (["closed", "cancelled"].includes(incident.status)) state.incidents.delete(incident.id);
                else state.incidents.set(incident.id, incident);
              } catch (_) { state.incidents.delete(event.incidentId); }
              renderIncidents();
            }
          }
          renderCounts();
        }

        function logEvent(event) {
          const item = document.createElement("li");
          const time = new Date(event.at).toLocaleTimeString();
          item.textContent = `${time} #${event.id} ${event.type} — ${event.actor.username}`;
          $("events").prepend(item);
          while ($("events").children.length > 60) $("events").lastChild.remove();
        }

        function renderIncidents() {
          const list = $("incidents");
          list.replaceChildren();
          const sorted = [...state.incidents.values()].sort((a, b) => a.priority - b.priority || b.createdAt.localeCompare(a.createdAt));
          for (const incident of sorted.slice(0, 150)) {
            const item = document.createElement("li");
            item.className = "p" + incident.priority;
            const type = state.types.get(incident.type);
            item.innerHTML = "";
            const head = document.createElement("div");
            head.textContent = `${incident.number} · P${incident.priority} · ${type ? name(type.name) : incident.type}`;
            const detail = document.createElement("div");
            detail.className = "muted";
            detail.textContent = `${incident.status} · ${incident.assignedUnits.length} units · ${new Date(incident.createdAt).toLocaleTimeString()}`;
            item.append(head, detail);
            list.append(item);
          }
          renderCounts();
        }

        function renderCounts() {
          const busy = [...state.units.values()].filter((v) => ["dispatched", "enRoute", "onScene"].includes(v.unit.status)).length;
          $("counts").textContent = `${state.incidents.size} open · ${busy}/${state.units.size} units committed · event #${state.lastEvent}`;
        }

        function draw() {
          const canvas = $("map"), ctx = canvas.getContext("2d");
          const points = [...state.units.values()].map((v) => v.position).filter(Boolean)
            .concat([...state.incidents.values()].map((i) => i.location));
          if (points.length && state.token) {
            const lats = points.map((p) => p.lat), lons = points.map((p) => p.lon);
            const [minLat, maxLat, minLon, maxLon] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
            const pad = 20, w = canvas.width - 2 * pad, h = canvas.height - 2 * pad;
            const scale = Math.min(w / Math.max(maxLon - minLon, 1e-6), h / Math.max(maxLat - minLat, 1e-6));
            const x = (lon) => pad + (lon - minLon) * scale, y = (lat) => canvas.height - pad - (lat - minLat) * scale;
            ctx.clearRect(0, 0, canvas.width, canvas.height);
            for (const incident of state.incidents.values()) {
              ctx.strokeStyle = ["", "#f07470", "#f0b070", "#e8e070", "#70b0f0"][incident.priority] || "#fff";
              ctx.lineWidth = 2;
              ctx.beginPath(); ctx.arc(x(incident.location.lon), y(incident.location.lat), 7, 0, 2 * Math.PI); ctx.stroke();
            }
            for (const view of state.units.values()) {
              if (!view.position) continue;
              ctx.fillStyle = statusColour[view.unit.status] || "#fff";
              ctx.fillRect(x(view.position.lon) - 2, y(view.position.lat) - 2, 4, 4);
            }
          }
          requestAnimationFrame(() => setTimeout(draw, 250));
        }

        $("login").addEventListener("submit", signIn);
        $("logout").addEventListener("click", signOut);
        $("lang").addEventListener("click", () => { state.lang = state.lang === "ar" ? "en" : "ar"; localStorage.setItem("mirsad.lang", state.lang); applyLanguage(); });
        applyLanguage();
        if (state.token) start().catch(() => signOut());
        """#
}
