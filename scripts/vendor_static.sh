#!/usr/bin/env bash
# Refresh the front-end files `herald serve` ships, from the npm registry, at pinned versions.
# They are committed under src/herald/serve/static/vendor/ so the UI needs no build step and no
# network; run this only to move to new versions (then update VERSIONS below and LICENSES.md).
set -euo pipefail
LEAFLET=1.9.4          # BSD-2-Clause
WORLD_ATLAS=2.0.2      # ISC; the data is Natural Earth 4.1.0, public domain
TOPOJSON_CLIENT=3.1.0  # ISC
SWAGGER_UI=5.35.0      # Apache-2.0
here=$(cd "$(dirname "$0")/.." && pwd)
dest=$here/src/herald/serve/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts "leaflet@$LEAFLET" "world-atlas@$WORLD_ATLAS" \
  "topojson-client@$TOPOJSON_CLIENT" "swagger-ui-dist@$SWAGGER_UI" >/dev/null
m=$work/node_modules
rm -rf "$dest" && mkdir -p "$dest"/{leaflet,world-atlas,topojson-client,swagger-ui}
cp "$m/leaflet/dist/leaflet.js" "$m/leaflet/dist/leaflet.css" "$m/leaflet/LICENSE" "$dest/leaflet/"
cp -r "$m/leaflet/dist/images" "$dest/leaflet/"
cp "$m/world-atlas/countries-50m.json" "$m/world-atlas/LICENSE" "$dest/world-atlas/"
cp "$m/topojson-client/dist/topojson-client.min.js" "$m/topojson-client/LICENSE" \
  "$dest/topojson-client/"
cp "$m/swagger-ui-dist/swagger-ui-bundle.js" "$m/swagger-ui-dist/swagger-ui.css" \
  "$m/swagger-ui-dist/LICENSE" "$m/swagger-ui-dist/NOTICE" \
  "$m/swagger-ui-dist/swagger-ui-bundle.js.LICENSE.txt" "$dest/swagger-ui/"
echo "vendored into $dest"
