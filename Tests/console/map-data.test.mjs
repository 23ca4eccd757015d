import { test } from "node:test";
import assert from "node:assert/strict";
import { parsePlaces, placeCounts, placesChangedBy } from "../../Sources/MirsadConsole/Web/map-data.js";
import {
  shelterStyle, sensorStyle, cameraStyle, SHELTER_STYLES, SENSOR_STYLES, CAMERA_STYLES, ALARM_COLOUR,
} from "../../Sources/MirsadConsole/Web/map-style.js";
import * as geo from "../../Sources/MirsadConsole/Web/geo.js";

const collection = (...features) => ({ type: "FeatureCollection", features });
const feature = (lon, lat, properties) => ({ type: "Feature", geometry: { type: "Point", coordinates: [lon, lat] }, properties });
const name = { en: "North school", ar: "مدرسة الشمال" };

test("shelter style: open prominent, full barred, closed faint (closed wins over full)", () => {
  assert.equal(shelterStyle({ status: "open", full: false }), SHELTER_STYLES.open);
  assert.equal(shelterStyle({ status: "open", full: true }), SHELTER_STYLES.full);
  assert.equal(shelterStyle({ status: "closed", full: true }), SHELTER_STYLES.closed);
  assert.equal(shelterStyle({}), SHELTER_STYLES.closed);
  assert.ok(SHELTER_STYLES.full.barred && !SHELTER_STYLES.open.barred);
  assert.ok(SHELTER_STYLES.closed.alpha < SHELTER_STYLES.open.alpha);
});

test("sensor style: alarm in the bad colour, never heard muted, else normal", () => {
  assert.equal(sensorStyle({ sensor: {} }), SENSOR_STYLES.silent);
  assert.equal(sensorStyle({ sensor: {}, state: null }), SENSOR_STYLES.silent);
  assert.equal(sensorStyle({ state: { value: 4, alarm: false } }), SENSOR_STYLES.normal);
  const alarm = sensorStyle({ state: { value: 42, alarm: true, peak: 45 } });
  assert.equal(alarm, SENSOR_STYLES.alarm);
  assert.equal(alarm.colour, ALARM_COLOUR);
  assert.ok(alarm.alarm && alarm.size > SENSOR_STYLES.normal.size);
  assert.ok(SENSOR_STYLES.silent.alpha < 1);
  assert.equal(cameraStyle({ canWatch: true }), CAMERA_STYLES.watch);
  assert.equal(cameraStyle({ canWatch: false }), CAMERA_STYLES.other);
});

test("places from GeoJSON: points only, projected once, with their name and style", () => {
  const shelters = parsePlaces("shelters", collection(
    feature(47.97, 29.37, { site: { id: "s1", name }, status: "open", full: true, persons: 300, freeBeds: 0 }),
    { type: "Feature", geometry: { type: "Polygon", coordinates: [] }, properties: {} },
    { type: "Feature", geometry: null, properties: {} },
    feature("x", 29, {}),
  ));
  assert.equal(shelters.length, 1);
  assert.equal(shelters[0].id, "s1");
  assert.equal(shelters[0].name, name);
  assert.equal(shelters[0].style, SHELTER_STYLES.full);
  assert.deepEqual(shelters[0].world, geo.project(47.97, 29.37));
  assert.deepEqual(parsePlaces("sensors", null), []);
  const sensors = parsePlaces("sensors", collection(feature(47.97, 29.37, { sensor: { id: "g1", name, kind: "floodGauge" }, state: { value: 40, alarm: true } })));
  assert.equal(sensors[0].id, "g1");
  assert.equal(sensors[0].style, SENSOR_STYLES.alarm);
});

test("a camera place carries its field of view in world coordinates", () => {
  const [camera, dome, broken] = parsePlaces("cameras", collection(
    feature(47.97, 29.3712, { id: "c1", name, heading: 180, fieldOfView: 70, range: 400, canWatch: true }),
    feature(47.98, 29.22, { id: "c2", name, heading: 0, fieldOfView: 360, range: 300, canWatch: false }),
    feature(47.98, 29.22, { id: "c3", name }),
  ));
  assert.equal(camera.style, CAMERA_STYLES.watch);
  assert.equal(camera.wedge.length, 2 * (1 + 15));
  assert.deepEqual([camera.wedge[0], camera.wedge[1]], geo.project(47.97, 29.3712));
  // Heading south: the arc is below the camera on the map (world y grows southwards).
  for (let i = 3; i < camera.wedge.length; i += 2) assert.ok(camera.wedge[i] > camera.wedge[1]);
  assert.equal(dome.wedge.length, 2 * 72);
  assert.equal(dome.style, CAMERA_STYLES.other);
  assert.equal(broken.wedge, null);
});

test("counts per layer: only layers that are on, and sensors in alarm", () => {
  const sensors = parsePlaces("sensors", collection(
    feature(47.9, 29.3, { sensor: { id: "a" }, state: { alarm: true } }),
    feature(47.9, 29.3, { sensor: { id: "b" }, state: { alarm: false } }),
    feature(47.9, 29.3, { sensor: { id: "c" } }),
  ));
  const places = { shelters: [{}, {}], cameras: [{}], sensors };
  assert.deepEqual(placeCounts(places, new Set(["shelters", "cameras", "sensors"])), { shelters: 2, cameras: 1, sensors: 3, sensorsInAlarm: 1 });
  assert.deepEqual(placeCounts(places, new Set(["cameras"])), { shelters: 0, cameras: 1, sensors: 0, sensorsInAlarm: 0 });
});

test("which live events reload which layer", () => {
  assert.equal(placesChangedBy("shelters.opened"), "shelters");
  assert.equal(placesChangedBy("shelters.occupancyChanged"), "shelters");
  assert.equal(placesChangedBy("sensors.alarm"), "sensors");
  assert.equal(placesChangedBy("sensors.normal"), "sensors");
  assert.equal(placesChangedBy("sensors.reading"), null);
  assert.equal(placesChangedBy("incident.created"), null);
});
