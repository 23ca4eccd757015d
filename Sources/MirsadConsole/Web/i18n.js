// Translation tables and locale-aware formatting. Pure: no DOM, so Node tests import it.
import { en } from "./i18n-en.js";
import { ar } from "./i18n-ar.js";

export const tables = { en, ar };
export const languages = ["en", "ar"];

let current = "en";
let timeZone;

export function setLanguage(lang) { current = languages.includes(lang) ? lang : "en"; return current; }
export function language() { return current; }
export function direction(lang = current) { return lang === "ar" ? "rtl" : "ltr"; }
export function setTimeZone(zone) { timeZone = zone || undefined; }

/** Picks the language: `?lang=` wins, then the remembered choice, then English. */
export function chooseLanguage(search, remembered) {
  const asked = new URLSearchParams(search || "").get("lang");
  if (languages.includes(asked)) return asked;
  return languages.includes(remembered) ? remembered : "en";
}

/** The text for `key`, with `{name}` placeholders filled; a missing key falls back to English. */
export function t(key, params) {
  let text = tables[current][key] ?? tables.en[key];
  if (text === undefined) return key;
  if (params) text = text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : ""));
  return text;
}

/** True when a translation exists (data-driven keys such as `unitType.x`). */
export function has(key) { return key in tables[current]; }

/** A `{en, ar}` name from the server in the current language. */
export function localized(name) {
  if (!name) return "";
  if (typeof name === "string") return name;
  return name[current] || name.en || "";
}

// Intl formatters are costly to construct (the queue formats ~2,000 numbers a second), so
// they are kept per language and options.
const numberFormats = new Map();
export function formatNumber(value, options) {
  const key = options ? current + JSON.stringify(options) : current;
  let format = numberFormats.get(key);
  if (!format) { format = new Intl.NumberFormat(current, options); numberFormats.set(key, format); }
  return format.format(value);
}

const timeFormats = new Map();
export function formatTime(date, withSeconds = false) {
  const key = `${current}|${timeZone}|${withSeconds}`;
  let format = timeFormats.get(key);
  if (!format) {
    const options = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone };
    if (withSeconds) options.second = "2-digit";
    format = new Intl.DateTimeFormat(current, options);
    timeFormats.set(key, format);
  }
  return format.format(new Date(date));
}

export function formatDateTime(date) {
  return new Intl.DateTimeFormat(current, {
    year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone,
  }).format(new Date(date));
}

const PAD2 = { minimumIntegerDigits: 2 };

/** A compact elapsed time: `45 s`, `4 min 31 s`, `2 h 05 min` (translated units). */
export function formatDuration(seconds) {
  const total = Math.max(0, Math.round(seconds));
  const n = (value, pad) => formatNumber(value, pad ? PAD2 : undefined);
  if (total < 60) return t("duration.s", { s: n(total) });
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return t("duration.ms", { m: n(minutes), s: n(total % 60, true) });
  const hours = Math.floor(minutes / 60);
  return t("duration.hm", { h: n(hours), m: n(minutes % 60, true) });
}

export function formatDistance(meters) {
  if (meters < 1000) return t("distance.m", { v: formatNumber(Math.round(meters)) });
  return t("distance.km", { v: formatNumber(meters / 1000, { maximumFractionDigits: 1 }) });
}

export function formatCoordinate(lat, lon) {
  const f = (v) => v.toFixed(5);
  return `${f(lat)}, ${f(lon)}`;
}

/** Parses `lat, lon` (comma or space, Arabic-Indic digits accepted); null when not valid. */
export function parseCoordinate(text) {
  if (!text) return null;
  const western = String(text)
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x6f0))
    .replace(/\u066B/g, ".").replace(/[\u060C\u066C]/g, ",");
  const match = western.trim().match(/^(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)$/);
  if (!match) return null;
  const lat = Number(match[1]), lon = Number(match[2]);
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon };
}
