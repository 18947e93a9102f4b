// Regenerates ../../assets/basemap/ne-50m.json from world-atlas (Natural Earth, public domain).
//
// Output: countries (name and polygons), coastlines and land borders as lines; every
// coordinate in hundredths of a degree, each ring or line delta-encoded as a flat list
// [lon0, lat0, dlon1, dlat1, ...]. Usage: npm ci && node generate.mjs [110m|50m|10m]
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { feature, mesh } from "topojson-client";

const scale = process.argv[2] ?? "50m";
const require = createRequire(import.meta.url);
const atlasPackage = require("world-atlas/package.json");
const topology = JSON.parse(
  readFileSync(require.resolve(`world-atlas/countries-${scale}.json`), "utf8"),
);
const countries = topology.objects.countries;

/** A ring or line as a flat delta list of hundredths of a degree, repeated points dropped. */
function encode(points) {
  const out = [];
  let [px, py] = [null, null];
  for (const [lon, lat] of points) {
    const x = Math.round(lon * 100);
    const y = Math.round(lat * 100);
    if (x === px && y === py) continue;
    if (px === null) out.push(x, y);
    else out.push(x - px, y - py);
    [px, py] = [x, y];
  }
  return out.length >= 4 ? out : null;
}

function polygonsOf(geometry) {
  if (!geometry) return [];
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons
    .map((rings) => rings.map(encode).filter((ring) => ring && ring.length >= 6))
    .filter((rings) => rings.length > 0);
}

const features = feature(topology, countries).features
  .map((f) => ({ name: f.properties.name, polygons: polygonsOf(f.geometry) }))
  .filter((c) => c.name && c.polygons.length > 0)
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

const lines = (filter) =>
  mesh(topology, countries, filter).coordinates.map(encode).filter(Boolean);

const basemap = {
  about:
    `Natural Earth 1:${scale} admin-0 countries (public domain, naturalearthdata.com), ` +
    `from world-atlas ${atlasPackage.version}; regenerate with scripts/basemap/generate.mjs`,
  countries: features,
  coastlines: lines((a, b) => a === b),
  borders: lines((a, b) => a !== b),
};
const target = new URL(`../../assets/basemap/ne-${scale}.json`, import.meta.url);
writeFileSync(target, JSON.stringify(basemap) + "\n");
console.log(`${target.pathname}: ${features.length} countries`);
