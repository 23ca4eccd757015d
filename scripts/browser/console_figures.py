#!/usr/bin/env python3
"""The console's figures, measured in headless Chromium against a demo started here.

  (i)   page load to a usable map: navigation start until `window.mirsadConsole.ready` and
        `<html data-map-ready="true">`, p50 over --loads loads. "cold": a fresh browser whose
        sign-in form is submitted by the script as soon as it shows (so no typing time);
        "reload": an already signed-in tab reloaded.
  (ii)  frame time p95 while --units units move (every unit reports a new position each
        second through POST /v1/units/positions, as the operations dispatcher, who is an
        oversight sector) and --incidents incidents are open, measured by a
        requestAnimationFrame loop in the page for --frame-seconds while the map is dragged.
        The demo city has 305 units; for more, the script restarts the same database with
        `mirsad serve --jurisdiction` on the demo's jurisdiction plus copies of its units
        (new ids and call signs, at their stations), so the count is real server-side units.
  (iii) commit-to-draw latency: incidents created through the API at --rate per second for
        --rate-seconds; for each, the server's commit time (the incident's createdAt, same
        machine clock) against `window.mirsadConsole.drawnAt[eventId]` of its
        `incident.created` event (id from GET /v1/incidents/{id}/timeline). Also given
        against the moment the client received the POST's reply.

Usage:
  python3 scripts/browser/console_figures.py --mirsad .build/release/mirsad \
      [--console-dir Sources/MirsadConsole/Web] [--json figures.json]

Needs selenium==4.51.0 (Tests/browser/requirements.txt) and Debian's chromium and
chromium-driver. The helpers (demo launcher, API client, browser set-up) are those of
Tests/browser/console_test.py.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import math
import os
import random
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("console_test", ROOT / "Tests/browser/console_test.py")
ct = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ct)

if ct.SELENIUM_ERROR is None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

READY_PROBE = r"""
(() => {
  const t = {};
  window.__mirsadTimes = t;
  const poll = () => {
    const root = document.documentElement;
    if (!t.form) { const f = document.getElementById('login'); if (f && !f.hidden && f.getClientRects().length) t.form = performance.now(); }
    if (!t.mapReady && root && root.dataset.mapReady === 'true') t.mapReady = performance.now();
    if (!t.ready && window.mirsadConsole && window.mirsadConsole.ready) t.ready = performance.now();
    if (!(t.ready && t.mapReady)) setTimeout(poll, 1);
  };
  poll();
})();
"""


def log(text):
    print(text, file=sys.stderr, flush=True)


def fmt(ms):
    return "n/a" if ms is None or (isinstance(ms, float) and math.isnan(ms)) else f"{ms:,.0f} ms"


# (i) --------------------------------------------------------------------------------------


def measure_load(demo, loads):
    user, password = "dispatcher", demo.password("dispatcher")
    cold, cold_submit, reload, form = [], [], [], []
    for i in range(loads):
        driver = ct.make_driver()
        try:
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": READY_PROBE})
            driver.get(f"{demo.base}/?lang=en")
            ct.wait_for(driver, lambda d: ct.js(d, "return (window.__mirsadTimes || {}).form || null;"), 30,
                        "sign-in form")
            submitted = ct.js(driver, """
                const f = document.getElementById('login');
                f.querySelector('[name=username]').value = arguments[0];
                f.querySelector('[name=password]').value = arguments[1];
                const t = performance.now(); f.requestSubmit(); return t;""", user, password)
            times = ct.wait_for(driver, lambda d: (lambda t: t if t.get("ready") and t.get("mapReady") else None)(
                ct.js(d, "return window.__mirsadTimes;")), 60, "ready and mapReady")
            done = max(times["ready"], times["mapReady"])
            cold.append(done)
            cold_submit.append(done - submitted)
            form.append(times["form"])
            # The same tab reloaded: the console signs itself in again if it keeps the session.
            driver.refresh()
            try:
                times = ct.wait_for(driver, lambda d: (lambda t: t if t.get("ready") and t.get("mapReady") else None)(
                    ct.js(d, "return window.__mirsadTimes;")), 30, "")
                reload.append(max(times["ready"], times["mapReady"]))
            except AssertionError:
                pass
            log(f"  load {i + 1}: form {form[-1]:.0f} ms, cold {cold[-1]:.0f} ms "
                f"(submit→ready {cold_submit[-1]:.0f} ms), reload {reload[-1] if reload else float('nan'):.0f} ms")
        finally:
            driver.quit()
    return {
        "cold": ct.percentile(cold, 50), "cold_submit": ct.percentile(cold_submit, 50),
        "form": ct.percentile(form, 50), "reload": ct.percentile(reload, 50) if reload else None,
        "loads": loads, "reloads": len(reload),
    }


# (iii) ------------------------------------------------------------------------------------


def measure_commit_to_draw(demo, rate, seconds):
    driver = ct.make_driver()
    try:
        ct.sign_in(driver, demo.base, "dispatcher", demo.password("dispatcher"))
        if not ct.js(driver, "return !!(window.mirsadConsole && window.mirsadConsole.drawnAt);"):
            return {"error": "window.mirsadConsole.drawnAt missing"}
        rng = random.Random(7)
        token = demo.token("calltaker")
        points = ct.city_points(demo, token, int(rate * seconds), rng)
        types = ["FIRE-STRUCTURE", "TRF-ACCIDENT", "PS-DISTURBANCE", "CD-FLOOD", "FIRE-VEHICLE"]
        created, lock = [], threading.Lock()

        def create(lat, lon):
            sent = ct.now_ms()
            incident = demo.api.call("POST", "/v1/incidents", {"type": rng.choice(types),
                                     "location": {"lat": lat, "lon": lon}}, token=token)
            received = ct.now_ms()
            with lock:
                created.append((incident["id"], ct.parse_time_ms(incident["createdAt"]), sent, received))

        start = time.time()
        threads = []
        for i, (lat, lon) in enumerate(points):
            delay = start + i / rate - time.time()
            if delay > 0:
                time.sleep(delay)
            thread = threading.Thread(target=create, args=(lat, lon))
            thread.start()
            threads.append(thread)
        for thread in threads:
            thread.join()
        time.sleep(3.0)
        dispatcher = demo.token("dispatcher")
        drawn = ct.js(driver, "return window.mirsadConsole.drawnAt;")
        from_commit, from_reply, missing = [], [], 0
        for incident_id, committed, _sent, received in created:
            timeline = demo.api.call("GET", f"/v1/incidents/{incident_id}/timeline", token=dispatcher)
            event = next((e for e in timeline["events"] if e["type"] == "incident.created"), None)
            at = drawn.get(str(event["id"])) if event else None
            if at is None:
                missing += 1
                continue
            from_commit.append(at - committed)
            from_reply.append(at - received)
        return {
            "count": len(created), "missing": missing,
            "p50": ct.percentile(from_commit, 50), "p99": ct.percentile(from_commit, 99),
            "max": max(from_commit) if from_commit else None,
            "reply_p50": ct.percentile(from_reply, 50), "reply_p99": ct.percentile(from_reply, 99),
        }
    finally:
        driver.quit()


# (ii) -------------------------------------------------------------------------------------


def bigger_city(demo, units_wanted, console_dir, log_dir):
    """Stops the demo and serves its database again with `units_wanted` units."""
    dispatcher = demo.token("dispatcher")
    jurisdiction = demo.api.call("GET", "/v1/jurisdiction", token=dispatcher)
    accounts = dict(demo.accounts)
    db = demo.tmp / "demo.sqlite"
    roads = demo.tmp / "demo.sqlite.mroads"
    units = jurisdiction["units"]
    templates = [u for u in units if "drone" not in u]
    extra, i = [], 0
    while len(units) + len(extra) < units_wanted:
        unit = copy.deepcopy(templates[i % len(templates)])
        i += 1
        unit["id"] = str(uuid.uuid4()).upper()
        unit["callSign"] = f"{unit['callSign']}-X{i:04d}"
        extra.append(unit)
    jurisdiction["units"] = units + extra
    path = demo.tmp / f"jurisdiction-{units_wanted}.json"
    path.write_text(json.dumps(jurisdiction))
    # Stop the demo but keep its folder (database, roads) for `serve`.
    demo.process.send_signal(2)
    demo.process.wait(30)
    port = ct.free_port()
    args = [str(demo.tmp / "mirsad"), "serve", "--db", f"sqlite:{db}", "--port", str(port),
            "--jurisdiction", str(path)]
    if roads.exists():
        args += ["--roads", str(roads)]
    if console_dir:
        args += ["--console-dir", str(Path(console_dir).resolve())]
    logf = open(Path(log_dir) / f"mirsad-serve-{port}.log", "wb")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MIRSAD_")}
    process = subprocess.Popen(args, stdout=logf, stderr=subprocess.STDOUT, env=env, cwd=demo.tmp)
    api = ct.Api(f"http://127.0.0.1:{port}")
    deadline = time.time() + 120
    while True:
        try:
            api.call("GET", "/health")
            break
        except Exception:
            if process.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"mirsad serve did not start: {' '.join(args)}")
            time.sleep(0.3)
    served = ct.Demo.__new__(ct.Demo)  # the same interface as Demo, for the helpers
    served.process, served.base, served.api, served.accounts = process, api.base, api, accounts
    served.port, served.tmp, served.log, served._tokens = port, demo.tmp, logf, {}
    return served, jurisdiction


class PositionDriver(threading.Thread):
    """Every unit moves ~15 m/s on a random heading; one batch of all units per second."""

    def __init__(self, demo, units):
        super().__init__(daemon=True)
        self.demo, self.token = demo, demo.token("dispatcher")
        self.rng = random.Random(3)
        self.state = {u: [lat, lon, self.rng.uniform(0, 2 * math.pi)] for u, (lat, lon) in units.items()}
        self.stop_event = threading.Event()
        self.batches, self.errors, self.post_ms = 0, 0, []

    def run(self):
        while not self.stop_event.is_set():
            begun = time.time()
            positions = []
            for unit, s in self.state.items():
                s[2] += self.rng.uniform(-0.4, 0.4)
                s[0] += 15 / 111_000 * math.cos(s[2])
                s[1] += 15 / 96_000 * math.sin(s[2])
                positions.append({"unitId": unit, "lat": s[0], "lon": s[1], "speed": 15.0,
                                  "heading": (math.degrees(s[2]) + 360) % 360})
            try:
                self.demo.api.call("POST", "/v1/units/positions", {"positions": positions}, token=self.token)
                self.batches += 1
            except Exception as error:  # keep driving; count it
                self.errors += 1
                if self.errors < 4:
                    log(f"  positions: {error}")
            self.post_ms.append((time.time() - begun) * 1000)
            self.stop_event.wait(max(0.0, 1.0 - (time.time() - begun)))


FRAMES_JS = """
const ms = arguments[0];
window.__frames = []; window.__framesDone = false;
let last = performance.now(); const end = last + ms;
const step = t => { window.__frames.push(t - last); last = t;
  if (t < end) requestAnimationFrame(step); else window.__framesDone = true; };
requestAnimationFrame(step);
"""


def measure_frames(demo, jurisdiction, units_wanted, incidents_wanted, seconds):
    rng = random.Random(11)
    dispatcher = demo.token("dispatcher")
    stations = {s["id"]: s["location"] for s in jurisdiction["stations"]}
    listed = demo.api.call("GET", "/v1/units", token=dispatcher)["units"]
    units = {}
    for entry in listed:
        unit, position = entry["unit"], entry.get("position")
        if unit.get("type", "").endswith("drone") or "drone" in unit:
            continue
        if position:
            units[unit["id"]] = (position["lat"], position["lon"])
        else:
            home = stations.get(unit.get("homeStation"), jurisdiction["center"])
            units[unit["id"]] = (home["lat"] + rng.uniform(-0.01, 0.01), home["lon"] + rng.uniform(-0.01, 0.01))
    log(f"  {len(listed)} units on the server, {len(units)} driven")
    # Open incidents: create up to --incidents through the API.
    open_now = [i for i in demo.api.call("GET", "/v1/incidents?limit=1000", token=dispatcher)["incidents"]
                if i["status"] not in ("closed", "cancelled")]
    need = max(0, incidents_wanted - len(open_now))
    token = demo.token("calltaker")
    types = ["FIRE-STRUCTURE", "TRF-ACCIDENT", "PS-DISTURBANCE", "CD-FLOOD", "FIRE-VEHICLE", "PS-NOISE"]
    points = ct.city_points(demo, token, need, rng, spread=0.03)
    chunks = [points[i::4] for i in range(4)]

    def creator(chunk):
        for lat, lon in chunk:
            demo.api.call("POST", "/v1/incidents", {"type": rng.choice(types), "location": {"lat": lat, "lon": lon}},
                          token=token)

    begun = time.time()
    workers = [threading.Thread(target=creator, args=(c,)) for c in chunks]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    open_count = len([i for i in demo.api.call("GET", "/v1/incidents?limit=1000", token=dispatcher)["incidents"]
                      if i["status"] not in ("closed", "cancelled")])
    log(f"  created {need} incidents in {time.time() - begun:.0f} s; {open_count} open")

    mover = PositionDriver(demo, units)
    mover.start()
    driver = ct.make_driver()
    try:
        ct.sign_in(driver, demo.base, "dispatcher", demo.password("dispatcher"), timeout=90)
        queue = ct.js(driver, "return document.querySelectorAll('#queue [data-incident-id]').length;")
        time.sleep(3.0)  # positions flowing
        canvas = driver.find_element(By.CSS_SELECTOR, "canvas#map")
        ct.js(driver, FRAMES_JS, seconds * 1000)
        end = time.time() + seconds
        direction = 1
        while time.time() < end:  # drag the map back and forth
            chain = ActionChains(driver, duration=16)
            chain.move_to_element(canvas).click_and_hold()
            for _ in range(10):
                chain.move_by_offset(12 * direction, 6 * direction)
            chain.release().perform()
            direction = -direction
        ct.wait_for(driver, lambda d: ct.js(d, "return window.__framesDone;"), 10, "frame loop")
        frames = ct.js(driver, "return window.__frames;")[1:]
    finally:
        driver.quit()
        mover.stop_event.set()
        mover.join(5)
    return {
        "units": len(listed), "moving": len(units), "open": open_count, "queue": queue,
        "frames": len(frames), "p50": ct.percentile(frames, 50), "p95": ct.percentile(frames, 95),
        "max": max(frames) if frames else None, "over50": sum(1 for f in frames if f > 50),
        "batches": mover.batches, "batch_errors": mover.errors,
        "post_p50": ct.percentile(mover.post_ms, 50) if mover.post_ms else None,
    }


def attempt(measure, *args):
    """A figure, or {"error": why} when the console cannot give it (so the other figures still print)."""
    try:
        return measure(*args)
    except (AssertionError, ct.ApiError, RuntimeError) as error:
        log(f"  failed: {error}")
        return {"error": str(error).splitlines()[0][:160]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Console figures in headless Chromium")
    parser.add_argument("--mirsad", required=True)
    parser.add_argument("--console-dir", default=os.environ.get("MIRSAD_CONSOLE_DIR") or None)
    parser.add_argument("--artifacts", default=".ci/artifacts")
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--incidents", type=int, default=500)
    parser.add_argument("--frame-seconds", type=float, default=10)
    parser.add_argument("--rate", type=float, default=5)
    parser.add_argument("--rate-seconds", type=float, default=20)
    parser.add_argument("--json", help="also write the figures here")
    parser.add_argument("--only", choices=["load", "draw", "frames"], action="append")
    args = parser.parse_args(argv)
    why = ct.browsers_available()
    if why:
        print(f"SKIP console figures: {why}")
        return 0
    artifacts = Path(args.artifacts).resolve()
    artifacts.mkdir(parents=True, exist_ok=True)
    only = set(args.only or ["load", "draw", "frames"])
    demo = ct.Demo(args.mirsad, console_dir=args.console_dir, log_dir=artifacts)
    log(f"demo at {demo.base}")
    figures = {"chromium": subprocess.run([ct.CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()}
    served = None
    try:
        if "load" in only:
            log("(i) page load to usable map")
            figures["load"] = attempt(measure_load, demo, args.loads)
        if "draw" in only:
            log("(iii) commit to draw")
            figures["draw"] = attempt(measure_commit_to_draw, demo, args.rate, args.rate_seconds)
        if "frames" in only:
            log("(ii) frame time")
            base_units = len(demo.api.call("GET", "/v1/units", token=demo.token("dispatcher"))["units"])
            if args.units > base_units:
                served, jurisdiction = bigger_city(demo, args.units, args.console_dir, artifacts)
                target = served
            else:
                jurisdiction = demo.api.call("GET", "/v1/jurisdiction", token=demo.token("dispatcher"))
                target = demo
            figures["frames"] = attempt(measure_frames, target, jurisdiction, args.units, args.incidents,
                                        args.frame_seconds)
            figures["frames"]["demo_units"] = base_units
    finally:
        if served is not None:
            served.process.send_signal(2)
            try:
                served.process.wait(20)
            except subprocess.TimeoutExpired:
                served.process.kill()
        demo.stop()

    rows = []
    for key, name in (("load", "(i) load → ready + mapReady"), ("frames", "(ii) frame time p95 while panning"),
                      ("draw", "(iii) commit → drawn p99")):
        if "error" in figures.get(key, {}):
            rows.append((name, "n/a", figures.pop(key)["error"]))
    if "load" in figures:
        f = figures["load"]
        rows.append(("(i) load → ready + mapReady, cold (p50)", fmt(f["cold"]),
                     f"{f['loads']} fresh browsers; sign-in form at {fmt(f['form'])}, submit → ready {fmt(f['cold_submit'])}"))
        rows.append(("(i) load → ready + mapReady, reload (p50)", fmt(f["reload"]),
                     f"{f['reloads']} reloads of a signed-in tab"))
    if "frames" in figures:
        f = figures["frames"]
        rows.append(("(ii) frame time p95 while panning", fmt(f["p95"]),
                     f"{f['moving']} units moving (demo has {f['demo_units']}), {f['open']} open incidents "
                     f"({f['queue']} in the queue); p50 {fmt(f['p50'])}, max {fmt(f['max'])}, "
                     f"{f['over50']}/{f['frames']} frames > 50 ms; {f['batches']} position batches"))
    if "draw" in figures:
        f = figures["draw"]
        rows.append(("(iii) commit → drawn p99", fmt(f["p99"]),
                     f"{f['count']} incidents at {args.rate:g}/s; p50 {fmt(f['p50'])}, max {fmt(f['max'])}; "
                     f"from the POST reply p50 {fmt(f['reply_p50'])} p99 {fmt(f['reply_p99'])}; "
                     f"{f['missing']} never drawn"))
    width = max(len(r[0]) for r in rows)
    print(f"Console figures ({figures['chromium']}, headless, 1600×1000)")
    print(f"{'figure'.ljust(width)}  {'value':>9}  detail")
    for name, value, detail in rows:
        print(f"{name.ljust(width)}  {value:>9}  {detail}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
