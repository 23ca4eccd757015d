// The console's picture of the world: incidents and units, changed by REST replies and live
// events. Pure: no DOM. Listeners hear which parts changed.
import { isOpen } from "./queue.js";

const UNIT_BUSY = ["dispatched", "enRoute", "onScene"];

export class Store {
  constructor() {
    this.incidents = new Map();
    this.units = new Map(); // id → { unit, position }
    this.listeners = new Set();
  }

  on(listener) { this.listeners.add(listener); return () => this.listeners.delete(listener); }
  emit(change) { for (const listener of this.listeners) listener(change); }

  loadIncidents(list) {
    this.incidents.clear();
    for (const incident of list) if (isOpen(incident)) this.incidents.set(incident.id, incident);
    this.emit({ incidents: true });
  }

  loadUnits(views) {
    this.units.clear();
    for (const view of views) this.units.set(view.unit.id, { unit: view.unit, position: view.position || null });
    this.emit({ units: true });
  }

  /** A fresher incident from the server (kept only while open; versions never go back). */
  putIncident(incident) {
    const known = this.incidents.get(incident.id);
    if (known && known.version > incident.version) return false;
    if (isOpen(incident)) this.incidents.set(incident.id, incident);
    else this.incidents.delete(incident.id);
    this.emit({ incidents: true, incidentId: incident.id });
    return true;
  }

  putUnit(unit) {
    const view = this.units.get(unit.id);
    if (view && view.unit.version > unit.version) return;
    this.units.set(unit.id, { unit, position: view ? view.position : null });
    this.emit({ units: true, unitId: unit.id });
  }

  applyPositions(positions) {
    let moved = 0;
    for (const p of positions) {
      const view = this.units.get(p.unitId);
      if (view && (!view.position || view.position.at <= p.at)) { view.position = p; moved++; }
    }
    if (moved) this.emit({ positions: true });
    return moved;
  }

  /**
   * Applies what a live event says directly (so the screen changes without a round trip).
   * Returns the incident id to refresh from the server when the event changes an incident in
   * ways the event does not fully describe.
   */
  applyEvent(event) {
    const data = event.data || {};
    const incident = event.incidentId ? this.incidents.get(event.incidentId) : undefined;
    switch (event.type) {
      case "incident.created":
        if (data.incident) { this.putIncident(data.incident); return null; }
        return event.incidentId;
      case "incident.statusChanged":
        if (incident && data.to) {
          const next = { ...incident, status: data.to, updatedAt: event.at,
            statusTimes: { ...incident.statusTimes, [data.to]: incident.statusTimes?.[data.to] || event.at } };
          if (isOpen(next)) this.incidents.set(next.id, next); else this.incidents.delete(next.id);
          this.emit({ incidents: true, incidentId: next.id });
        }
        break;
      case "incident.priorityChanged":
        if (incident && typeof data.to === "number") {
          this.incidents.set(incident.id, { ...incident, priority: data.to, updatedAt: event.at });
          this.emit({ incidents: true, incidentId: incident.id });
        }
        break;
      case "incident.merged":
        if (incident && data.into && event.incidentId !== data.into) {
          this.incidents.delete(incident.id);
          this.emit({ incidents: true, incidentId: incident.id });
        }
        break;
      case "unit.assigned":
        if (incident && data.unitId && !incident.assignedUnits.includes(data.unitId)) {
          this.incidents.set(incident.id, { ...incident, assignedUnits: [...incident.assignedUnits, data.unitId], updatedAt: event.at });
          this.emit({ incidents: true, incidentId: incident.id });
        }
        break;
      case "unit.statusChanged": {
        const view = event.unitId && this.units.get(event.unitId);
        if (view && data.to) {
          const unit = { ...view.unit, status: data.to, statusChangedAt: event.at };
          if (UNIT_BUSY.includes(data.to)) unit.incidentId = data.incidentId || unit.incidentId;
          else delete unit.incidentId;
          view.unit = unit;
          this.emit({ units: true, unitId: unit.id });
        }
        break;
      }
      default:
        break;
    }
    return event.incidentId || null;
  }

  openIncidents() { return [...this.incidents.values()]; }
  unitViews() { return [...this.units.values()]; }
}
