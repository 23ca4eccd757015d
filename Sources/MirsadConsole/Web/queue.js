// Incident queue ordering and filtering. Pure: no DOM.

export const OPEN_STATUSES = ["received", "dispatched", "enRoute", "onScene", "cleared"];
export const CLOSED_STATUSES = ["closed", "cancelled"];

export function isOpen(incident) { return !CLOSED_STATUSES.includes(incident.status) && !incident.mergedInto; }

/** Priority 1 first, then the oldest first; the number breaks ties so the order is stable. */
export function compareIncidents(a, b) {
  return a.priority - b.priority
    || Date.parse(a.createdAt) - Date.parse(b.createdAt)
    || String(a.number).localeCompare(String(b.number));
}

/** Filters: `{ sector, type, status }`, each "" (any) or a code. Sector matches owner or share. */
export function matches(incident, filters = {}) {
  if (filters.sector && incident.owningSector !== filters.sector
    && !(incident.sharedWith || []).some((share) => share.sector === filters.sector)) return false;
  if (filters.type && incident.type !== filters.type) return false;
  if (filters.status && incident.status !== filters.status) return false;
  return true;
}

export function orderQueue(incidents, filters) {
  return [...incidents].filter((incident) => isOpen(incident) && matches(incident, filters)).sort(compareIncidents);
}

/** Seconds since creation and since the last change at `now` (ms). */
export function timers(incident, now) {
  return {
    age: Math.max(0, (now - Date.parse(incident.createdAt)) / 1000),
    sinceChange: Math.max(0, (now - Date.parse(incident.updatedAt || incident.createdAt)) / 1000),
  };
}

/** Search over incident types in both languages: prefix matches of code or any word first. */
export function searchTypes(types, query) {
  const q = normalize(query);
  if (!q) return [...types];
  const scored = [];
  for (const type of types) {
    const fields = [type.code, type.name?.en, type.name?.ar].filter(Boolean).map(normalize);
    let score = Infinity;
    for (const field of fields) {
      if (field === q) score = Math.min(score, 0);
      else if (field.startsWith(q)) score = Math.min(score, 1);
      else if (field.split(/[\s\-]+/).some((word) => word.startsWith(q))) score = Math.min(score, 2);
      else if (field.includes(q)) score = Math.min(score, 3);
    }
    if (score < Infinity) scored.push({ type, score });
  }
  return scored.sort((a, b) => a.score - b.score || a.type.code.localeCompare(b.type.code)).map((s) => s.type);
}

/** Lower case, Arabic letter variants folded (alef forms, taa marbuta, alef maqsura), no tashkeel. */
export function normalize(text) {
  return String(text || "").toLowerCase().trim()
    .replace(/[\u064B-\u0652\u0640]/g, "")
    .replace(/[\u0622\u0623\u0625]/g, "\u0627")
    .replace(/\u0629/g, "\u0647")
    .replace(/\u0649/g, "\u064A");
}
