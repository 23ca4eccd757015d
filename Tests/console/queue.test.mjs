import { test } from "node:test";
import assert from "node:assert/strict";
import { orderQueue, matches, timers, searchTypes, isOpen } from "../../Sources/MirsadConsole/Web/queue.js";

const at = (minutesAgo) => new Date(Date.UTC(2026, 0, 1, 12, 0) - minutesAgo * 60000).toISOString();
const incident = (number, priority, minutesAgo, extra = {}) => ({
  id: number, number, priority, createdAt: at(minutesAgo), updatedAt: at(minutesAgo), status: "received",
  owningSector: "traffic", type: "TRF-ACCIDENT", sharedWith: [], assignedUnits: [], ...extra,
});

test("queue: priority 1 first, then oldest first", () => {
  const list = [incident("a", 3, 50), incident("b", 1, 5), incident("c", 1, 30), incident("d", 2, 60), incident("e", 3, 90)];
  assert.deepEqual(orderQueue(list).map((i) => i.number), ["c", "b", "d", "e", "a"]);
});

test("queue leaves out closed, cancelled and merged incidents", () => {
  const list = [incident("a", 1, 1, { status: "closed" }), incident("b", 1, 1, { status: "cancelled" }),
    incident("c", 1, 1, { mergedInto: "x" }), incident("d", 2, 1, { status: "cleared" })];
  assert.deepEqual(orderQueue(list).map((i) => i.number), ["d"]);
  assert.equal(isOpen(list[3]), true);
});

test("filters by sector (owner or share), type and status", () => {
  const list = [
    incident("a", 1, 1),
    incident("b", 1, 2, { owningSector: "firefighting", type: "FIRE-STRUCTURE", status: "dispatched" }),
    incident("c", 1, 3, { owningSector: "public-security", sharedWith: [{ sector: "traffic" }] }),
  ];
  assert.deepEqual(orderQueue(list, { sector: "traffic" }).map((i) => i.number), ["c", "a"]);
  assert.deepEqual(orderQueue(list, { type: "FIRE-STRUCTURE" }).map((i) => i.number), ["b"]);
  assert.deepEqual(orderQueue(list, { status: "dispatched" }).map((i) => i.number), ["b"]);
  assert.equal(matches(list[1], { sector: "traffic", status: "dispatched" }), false);
  assert.deepEqual(orderQueue(list, { sector: "", type: "", status: "" }).length, 3);
});

test("timers since creation and since last change", () => {
  const i = { createdAt: "2026-01-01T12:00:00Z", updatedAt: "2026-01-01T12:05:00Z" };
  assert.deepEqual(timers(i, Date.parse("2026-01-01T12:10:00Z")), { age: 600, sinceChange: 300 });
});

test("type search works in English, Arabic (letter variants folded) and by code", () => {
  const types = [
    { code: "FIRE-STRUCTURE", name: { en: "Structure fire", ar: "حريق مبنى" } },
    { code: "TRF-ACCIDENT", name: { en: "Traffic accident", ar: "حادث مروري" } },
    { code: "FIRE-ALARM", name: { en: "Fire alarm", ar: "إنذار حريق" } },
  ];
  assert.deepEqual(searchTypes(types, "fire").map((t) => t.code), ["FIRE-ALARM", "FIRE-STRUCTURE"]);
  assert.deepEqual(searchTypes(types, "acc").map((t) => t.code), ["TRF-ACCIDENT"]);
  assert.deepEqual(searchTypes(types, "حريق").map((t) => t.code), ["FIRE-STRUCTURE", "FIRE-ALARM"]);
  assert.deepEqual(searchTypes(types, "انذار").map((t) => t.code), ["FIRE-ALARM"]);
  assert.deepEqual(searchTypes(types, "trf-").map((t) => t.code), ["TRF-ACCIDENT"]);
  assert.equal(searchTypes(types, "zzz").length, 0);
});
