import { test } from "node:test";
import assert from "node:assert/strict";
import { Feed, EventCursor, backoff, liveURL, CLOSE_RESYNC, CLOSE_SESSION_ENDED, CLOSE_LOCKED } from "../../Sources/MirsadConsole/Web/feed.js";

class FakeSocket {
  static all = [];
  constructor(url) { this.url = url; FakeSocket.all.push(this); }
  get since() { return Number(new URL(this.url).searchParams.get("since") || 0); }
  send() {}
  close() { this.closed = true; }
  frame(f) { this.onmessage?.({ data: JSON.stringify(f) }); }
  event(id) { this.frame({ type: "event", event: { id, type: "incident.noteAdded" } }); }
  drop(code = 1006) { this.onclose?.({ code }); }
}

function harness() {
  FakeSocket.all = [];
  const timers = [];
  const seen = [], states = [], calls = [];
  const feed = new Feed({
    base: "ws://x", token: "tok", WebSocketImpl: FakeSocket, random: () => 0.5,
    setTimer: (fn, ms) => { timers.push({ fn, ms }); return timers.length; }, clearTimer: () => {},
    handlers: {
      onHello: (head) => calls.push(["hello", head]), onEvent: (e) => seen.push(e.id), onState: (s) => states.push(s),
      onResync: () => calls.push(["resync"]), onSessionEnded: () => calls.push(["ended"]), onLocked: () => calls.push(["locked"]),
      onPositions: (p) => calls.push(["positions", p.length]),
    },
  });
  const fire = () => { const t = timers.shift(); t.fn(); return t.ms; };
  return { feed, seen, states, calls, fire, timers, socket: () => FakeSocket.all.at(-1) };
}

test("cursor rejects duplicates and older events", () => {
  const c = new EventCursor();
  assert.deepEqual([3, 3, 1, 4, 2, 7].map((id) => c.accept({ id })), [true, false, false, true, false, true]);
  assert.equal(c.last, 7);
});

test("backoff grows, is capped, and the URL resumes with since", () => {
  assert.equal(backoff(0, () => 0.5), 500);
  assert.equal(backoff(3, () => 0.5), 4000);
  assert.equal(backoff(20, () => 0.5), 15000);
  assert.equal(liveURL("ws://h", "a b", 0), "ws://h/v1/live?access_token=a%20b");
  assert.equal(liveURL("ws://h", "t", 42), "ws://h/v1/live?access_token=t&since=42");
});

test("first connection buffers events until the snapshot is loaded, then applies only newer ones", () => {
  const h = harness();
  h.feed.start();
  const s = h.socket();
  assert.equal(s.since, 0);
  s.frame({ type: "hello", head: 10 });
  assert.deepEqual(h.calls, [["hello", 10]]);
  s.frame({ type: "caughtUp", head: 10 });
  s.event(11); s.event(12);
  assert.deepEqual(h.seen, []);
  h.feed.snapshotLoaded(11); // the snapshot already reflects event 11
  assert.deepEqual(h.seen, [12]);
  assert.equal(h.feed.state, "live");
  s.frame({ type: "positions", positions: [{}, {}] });
  assert.deepEqual(h.calls.at(-1), ["positions", 2]);
});

test("after a drop the feed reconnects with since= and catch-up overlap is not applied twice", () => {
  const h = harness();
  h.feed.start();
  let s = h.socket();
  s.frame({ type: "hello", head: 0 });
  h.feed.snapshotLoaded(0);
  for (const id of [1, 2, 3, 5]) s.event(id);
  s.drop();
  assert.equal(h.feed.state, "offline");
  assert.ok(h.fire() > 0);
  s = h.socket();
  assert.equal(s.since, 5);
  s.frame({ type: "hello", head: 9 });
  // The server replays from since; an overlapping or repeated frame must not count twice.
  for (const id of [5, 6, 7, 7, 8]) s.event(id);
  s.frame({ type: "caughtUp", head: 8 });
  assert.equal(h.feed.state, "live");
  s.event(9); s.event(8);
  assert.deepEqual(h.seen, [1, 2, 3, 5, 6, 7, 8, 9]);
  // A second drop while catching up resumes from the last applied event.
  s.drop();
  h.fire();
  assert.equal(h.socket().since, 9);
  assert.deepEqual(h.calls.filter((c) => c[0] === "hello"), [["hello", 0]]);
});

test("reconnect delays back off across repeated failures and reset after catching up", () => {
  const h = harness();
  h.feed.start();
  h.socket().frame({ type: "hello", head: 0 });
  h.feed.snapshotLoaded(0);
  h.socket().event(1);
  const delays = [];
  for (let i = 0; i < 4; i++) { h.socket().drop(); delays.push(h.fire()); }
  assert.deepEqual(delays, [500, 1000, 2000, 4000]);
  h.socket().frame({ type: "caughtUp", head: 1 });
  h.socket().drop();
  assert.equal(h.fire(), 500);
});

test("resync, session end and lock stop the automatic reconnect", () => {
  let h = harness();
  h.feed.start(); h.socket().frame({ type: "hello", head: 3 }); h.feed.snapshotLoaded(3);
  h.socket().drop(CLOSE_RESYNC);
  assert.deepEqual(h.calls.at(-1), ["resync"]);
  assert.equal(h.timers.length, 0);
  assert.equal(h.feed.cursor.last, 0);
  h.feed.start();
  assert.equal(h.socket().since, 0);

  h = harness();
  h.feed.start(); h.socket().drop(CLOSE_SESSION_ENDED);
  assert.deepEqual(h.calls.at(-1), ["ended"]);
  assert.equal(h.timers.length, 0);

  h = harness();
  h.feed.start(); h.socket().frame({ type: "hello", head: 4 }); h.feed.snapshotLoaded(4); h.socket().event(5);
  h.socket().drop(CLOSE_LOCKED);
  assert.deepEqual(h.calls.at(-1), ["locked"]);
  assert.equal(h.timers.length, 0);
  h.feed.start(); // after unlocking
  assert.equal(h.socket().since, 5);
});

test("stop closes the socket and ignores its late frames", () => {
  const h = harness();
  h.feed.start();
  const s = h.socket();
  s.frame({ type: "hello", head: 0 }); h.feed.snapshotLoaded(0);
  h.feed.stop();
  assert.equal(s.closed, true);
  s.event(1);
  assert.deepEqual(h.seen, []);
});
