#!/usr/bin/env bash
# Debian's Chromium for the browser tests, installed through apt where missing.
# Playwright drives it (executable /usr/bin/chromium); nothing is downloaded
# from anywhere but Debian's package archive.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium not found: browser tests will be skipped (install Debian's chromium)" >&2
  exit 0
fi
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
