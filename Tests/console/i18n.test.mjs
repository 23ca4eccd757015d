import { test } from "node:test";
import assert from "node:assert/strict";
import { en } from "../../Sources/MirsadConsole/Web/i18n-en.js";
import { ar } from "../../Sources/MirsadConsole/Web/i18n-ar.js";
import * as i18n from "../../Sources/MirsadConsole/Web/i18n.js";

test("English and Arabic tables have exactly the same keys", () => {
  assert.deepEqual(Object.keys(ar).sort(), Object.keys(en).sort());
});

test("Arabic texts carry no Latin letters outside placeholders (shortcut names excepted)", () => {
  const allowed = new Set(["lang.other"]); // the name of the other language, shown in translate=no
  for (const [key, text] of Object.entries(ar)) {
    if (allowed.has(key)) continue;
    assert.doesNotMatch(text.replace(/\{\w+\}/g, ""), /[A-Za-z]/, key);
  }
});

test("placeholders match between languages", () => {
  const names = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(en)) assert.deepEqual(names(ar[key]), names(en[key]), key);
});

test("t fills placeholders and falls back to the key", () => {
  i18n.setLanguage("en");
  assert.equal(i18n.t("queue.count", { shown: 3, total: 9 }), "3 of 9 open");
  assert.equal(i18n.t("no.such.key"), "no.such.key");
  i18n.setLanguage("ar");
  assert.equal(i18n.t("priority.long", { n: 1 }), "الأولوية 1");
  i18n.setLanguage("en");
});

test("language choice: ?lang= wins, then remembered, then English", () => {
  assert.equal(i18n.chooseLanguage("?lang=ar", "en"), "ar");
  assert.equal(i18n.chooseLanguage("?lang=fr", "ar"), "ar");
  assert.equal(i18n.chooseLanguage("", null), "en");
  assert.equal(i18n.direction("ar"), "rtl");
  assert.equal(i18n.direction("en"), "ltr");
});

test("durations and numbers are localised", () => {
  i18n.setLanguage("en");
  assert.equal(i18n.formatDuration(45), "45 s");
  assert.equal(i18n.formatDuration(271), "4 min 31 s");
  assert.equal(i18n.formatDuration(7500), "2 h 05 min");
  i18n.setLanguage("ar");
  const text = i18n.formatDuration(271);
  assert.doesNotMatch(text, /[A-Za-z]/);
  assert.match(text, /د/);
  assert.equal(i18n.formatNumber(12), new Intl.NumberFormat("ar").format(12));
  i18n.setLanguage("en");
});

test("coordinates parse in Latin and Arabic-Indic digits", () => {
  assert.deepEqual(i18n.parseCoordinate("29.33, 47.98"), { lat: 29.33, lon: 47.98 });
  assert.deepEqual(i18n.parseCoordinate("29.33 47.98"), { lat: 29.33, lon: 47.98 });
  assert.deepEqual(i18n.parseCoordinate("٢٩٫٣٣، ٤٧٫٩٨"), { lat: 29.33, lon: 47.98 });
  assert.equal(i18n.parseCoordinate("95, 47"), null);
  assert.equal(i18n.parseCoordinate("abc"), null);
});
