#!/usr/bin/env bash
# Re-create the vendored browser libraries of the map, timeline and large-graph views
# (and axe-core for the browser tests) from the npm registry:
# `bash web/vendor/vendor.sh`. Versions are pinned here and listed in README.md.
# Only dist files, licences and two small bundles of unmodified package sources
# (made with esbuild, no code of ours inside) are copied.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent \
  world-atlas@2.0.2 d3-geo@3.1.2 topojson-client@3.1.0 vis-timeline@8.5.4 \
  sigma@3.0.2 graphology@0.26.0 graphology-layout-forceatlas2@0.10.1 \
  axe-core@4.14.1 esbuild@0.28.2
m=node_modules

mkdir -p "$here/world-atlas" "$here/d3-geo" "$here/vis-timeline" "$here/sigma" "$here/axe-core"
cp $m/world-atlas/countries-50m.json "$here/world-atlas/"
cp $m/world-atlas/LICENSE "$here/world-atlas/LICENSE"

# d3-geo's UMD build needs d3-array as a global: one IIFE with both, plus
# topojson-client's feature(), exposed as window.d3geo.
cat > entry-geo.js <<'JS'
export { geoNaturalEarth1, geoPath, geoCentroid, geoBounds, geoContains, geoGraticule10, geoInterpolate, geoDistance } from "d3-geo";
export { feature, mesh } from "topojson-client";
JS
$m/.bin/esbuild entry-geo.js --bundle --minify --format=iife --global-name=d3geo \
  --legal-comments=inline --outfile="$here/d3-geo/d3-geo-topojson.min.js"
cp $m/d3-geo/LICENSE "$here/d3-geo/LICENSE-d3-geo"
cp $m/d3-array/LICENSE "$here/d3-geo/LICENSE-d3-array"
cp $m/topojson-client/LICENSE "$here/d3-geo/LICENSE-topojson-client"

# vis-timeline's standalone build carries vis-data and moment.
cp $m/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js "$here/vis-timeline/"
cp $m/vis-timeline/styles/vis-timeline-graph2d.min.css "$here/vis-timeline/" 2>/dev/null \
  || cp $m/vis-timeline/dist/vis-timeline-graph2d.min.css "$here/vis-timeline/"
cp $m/vis-timeline/LICENSE.Apache-2.0.txt $m/vis-timeline/LICENSE.MIT.txt "$here/vis-timeline/"

# sigma 3 (UMD, window.Sigma), not 4: sigma 4 draws with SDF shaders that software WebGL
# (SwiftShader, no GPU here or in CI) renders slowly: a click on a 5,000-node view took
# 4.2 s to answer with sigma 4.0.4 and 0.3 s with 3.0.2 (benchmarks/web_view.py).
# sigma, graphology (UMD, window.graphology) and ForceAtlas2's
# synchronous layout (no UMD build: bundled, window.graphologyLayoutForceAtlas2).
cp $m/sigma/dist/sigma.min.js "$here/sigma/"
cp $m/graphology/dist/graphology.umd.min.js "$here/sigma/"
cat > entry-fa2.js <<'JS'
import forceAtlas2 from "graphology-layout-forceatlas2";
export default forceAtlas2;
JS
$m/.bin/esbuild entry-fa2.js --bundle --minify --format=iife \
  --global-name=graphologyLayoutForceAtlas2 --footer:js="graphologyLayoutForceAtlas2=graphologyLayoutForceAtlas2.default;" \
  --legal-comments=inline --outfile="$here/sigma/graphology-layout-forceatlas2.min.js"
cp $m/sigma/LICENSE.txt "$here/sigma/LICENSE-sigma"
cp $m/graphology/LICENSE.txt "$here/sigma/LICENSE-graphology"
cp $m/graphology-layout-forceatlas2/LICENSE.txt "$here/sigma/LICENSE-graphology-layout-forceatlas2"

# axe-core: loaded by the browser tests only, never by a page.
cp $m/axe-core/axe.min.js $m/axe-core/LICENSE "$here/axe-core/"
echo "vendored into $here"
