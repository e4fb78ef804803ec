#!/usr/bin/env bash
# Refreshes the bundled third-party front-end files from the npm registry.
# Usage: crates/jixiao_web/assets/vendor/refresh.sh [ECHARTS_VERSION]
# The files are committed; the workbench never loads anything from a CDN.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="${1:-5.6.0}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "echarts@$version" >/dev/null && tar xzf echarts-*.tgz)
cp "$tmp/package/dist/echarts.min.js" "$here/echarts.min.js"
cp "$tmp/package/LICENSE" "$here/echarts.LICENSE"
cp "$tmp/package/NOTICE" "$here/echarts.NOTICE"
echo "echarts $version: $(wc -c < "$here/echarts.min.js") bytes"
