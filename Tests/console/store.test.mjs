import { test } from "node:test";
import assert from "node:assert/strict";
import { Store } from "../../Sources/MirsadConsole/Web/store.js";

const incident = (id, extra = {}) => ({ id, number: id, priority: 2, status: "received", version: 1, createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z", statusTimes: {}, assignedUnits: [], sharedWith: [], ...extra });

test("events change the picture directly and say which incident to refresh", () => {
  const store = new Store();
  store.loadIncidents([incident("a"), incident("z", { status: "closed" })]);
  assert.deepEqual([...store.incidents.keys()], ["a"]);
  store.loadUnits([{ unit: { id: "u1", status: "available", version: 1 }, position: null }]);
  assert.equal(store.applyEvent({ id: 1, type: "incident.created", at: "t", incidentId: "b", data: { incident: incident("b") } }), null);
  assert.ok(store.incidents.has("b"));
  assert.equal(store.applyEvent({ id: 2, type: "unit.assigned", at: "t2", incidentId: "a", data: { unitId: "u1" } }), "a");
  store.applyEvent({ id: 3, type: "unit.assigned", at: "t2", incidentId: "a", data: { unitId: "u1" } });
  assert.deepEqual(store.incidents.get("a").assignedUnits, ["u1"]);
  store.applyEvent({ id: 4, type: "unit.statusChanged", at: "t3", unitId: "u1", incidentId: "a", data: { to: "dispatched", incidentId: "a" } });
  assert.equal(store.units.get("u1").unit.status, "dispatched");
  assert.equal(store.units.get("u1").unit.incidentId, "a");
  store.applyEvent({ id: 5, type: "incident.statusChanged", at: "t4", incidentId: "a", data: { from: "received", to: "dispatched" } });
  assert.equal(store.incidents.get("a").status, "dispatched");
  assert.equal(store.incidents.get("a").statusTimes.dispatched, "t4");
  store.applyEvent({ id: 6, type: "incident.statusChanged", at: "t5", incidentId: "a", data: { to: "closed" } });
  assert.equal(store.incidents.has("a"), false);
});

test("an older copy never replaces a newer one; positions only move forward", () => {
  const store = new Store();
  store.putIncident(incident("a", { version: 3, priority: 1 }));
  assert.equal(store.putIncident(incident("a", { version: 2, priority: 4 })), false);
  assert.equal(store.incidents.get("a").priority, 1);
  store.loadUnits([{ unit: { id: "u", status: "available", version: 1 }, position: { at: "2026-01-01T00:00:05Z", lat: 1, lon: 1 } }]);
  assert.equal(store.applyPositions([{ unitId: "u", at: "2026-01-01T00:00:04Z", lat: 2, lon: 2 }]), 0);
  assert.equal(store.applyPositions([{ unitId: "u", at: "2026-01-01T00:00:06Z", lat: 3, lon: 3 }, { unitId: "nope", at: "x" }]), 1);
  assert.equal(store.units.get("u").position.lat, 3);
});
