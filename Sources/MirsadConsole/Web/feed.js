// The live feed: one WebSocket, reconnected after drops, resumed with `since=` so no event is
// lost, and deduplicated by event id so none is applied twice. Pure apart from the injected
// WebSocket constructor and timer, so Node tests drive it with fakes.

export const CLOSE_RESYNC = 4001;
export const CLOSE_SESSION_ENDED = 4401;
export const CLOSE_LOCKED = 4403;

/** Tracks the last applied event id and rejects anything at or below it. */
export class EventCursor {
  constructor(last = 0) { this.last = last; }
  accept(event) {
    if (typeof event?.id !== "number" || event.id <= this.last) return false;
    this.last = event.id;
    return true;
  }
  reset(last = 0) { this.last = last; }
}

/** Reconnect delay after `attempt` failures: 0.5 s doubling to 15 s, with jitter. */
export function backoff(attempt, random = Math.random) {
  const base = Math.min(15000, 500 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.75 + 0.5 * random()));
}

export function liveURL(base, token, since) {
  const url = `${base}/v1/live?access_token=${encodeURIComponent(token)}`;
  return since > 0 ? `${url}&since=${since}` : url;
}

/**
 * Handlers: onEvent(event), onPositions(list), onState("connecting"|"live"|"offline"),
 * onCaughtUp(head), onResync() (reload the snapshot, then call `start` again),
 * onSessionEnded(), onLocked().
 * Before the first snapshot the feed starts without `since`; events arriving before
 * `snapshotLoaded(head)` is called are buffered, then those above the head are applied.
 */
export class Feed {
  constructor({ base, token, WebSocketImpl, setTimer = (fn, ms) => setTimeout(fn, ms), clearTimer = (id) => clearTimeout(id), random = Math.random, handlers }) {
    this.base = base; this.token = token; this.WS = WebSocketImpl;
    this.setTimer = setTimer; this.clearTimer = clearTimer; this.random = random;
    this.h = handlers;
    this.cursor = new EventCursor();
    this.attempt = 0;
    this.socket = null;
    this.stopped = false;
    this.timer = null;
    this.state = "offline";
    this.buffer = null;
    this.everLive = false;
  }

  /** Opens the feed; with `since` = 0 the caller loads the snapshot after `hello`. */
  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    if (this.timer) this.clearTimer(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) { socket.onclose = null; socket.onmessage = null; try { socket.close(1000); } catch { /* closing */ } }
    this.setState("offline");
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.h.onState?.(state);
  }

  open() {
    if (this.stopped) return;
    this.setState("connecting");
    const since = this.cursor.last;
    if (since === 0) this.buffer = [];
    const socket = new this.WS(liveURL(this.base, this.token, since));
    this.socket = socket;
    socket.onmessage = (message) => {
      if (this.socket !== socket) return;
      let frame;
      try { frame = JSON.parse(message.data); } catch { return; }
      this.frame(frame);
    };
    socket.onclose = (close) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.closed(close.code);
    };
    socket.onerror = () => {};
  }

  frame(frame) {
    switch (frame.type) {
      case "hello":
        if (this.cursor.last === 0) this.h.onHello?.(frame.head);
        break;
      case "event":
        if (this.buffer) this.buffer.push(frame.event);
        else this.deliver(frame.event);
        break;
      case "positions":
        this.h.onPositions?.(frame.positions || []);
        break;
      case "caughtUp":
        this.attempt = 0;
        if (!this.buffer) this.live(frame.head);
        break;
      case "sessionEnded": case "sessionLocked": case "resync":
        break; // the close code that follows says what to do
      default:
        break;
    }
  }

  live(head) {
    this.everLive = true;
    this.setState("live");
    this.h.onCaughtUp?.(head);
  }

  /** The caller loaded the REST snapshot reflecting at least event `head`: replay the buffer. */
  snapshotLoaded(head) {
    if (this.cursor.last < head) this.cursor.reset(head);
    const buffered = this.buffer || [];
    this.buffer = null;
    for (const event of buffered) this.deliver(event);
    if (this.socket) this.live(this.cursor.last);
  }

  deliver(event) {
    if (this.cursor.accept(event)) this.h.onEvent?.(event);
  }

  closed(code) {
    if (this.stopped) return;
    if (code === CLOSE_SESSION_ENDED) { this.stopped = true; this.setState("offline"); this.h.onSessionEnded?.(); return; }
    if (code === CLOSE_LOCKED) { this.stopped = true; this.setState("offline"); this.h.onLocked?.(); return; }
    this.setState("offline");
    this.buffer = null;
    if (code === CLOSE_RESYNC) {
      // Too far behind (or unknown id): the caller reloads everything, then we start afresh.
      this.cursor.reset(0);
      this.stopped = true;
      this.h.onResync?.();
      return;
    }
    const delay = backoff(this.attempt++, this.random);
    this.timer = this.setTimer(() => { this.timer = null; this.open(); }, delay);
  }
}
