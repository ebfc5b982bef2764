#!/usr/bin/env bash
# What the browser tests need beyond Python packages, installed only where missing:
# Debian's Chromium (Playwright must never download its own), a CJK font so
# layout checks measure real glyphs, Java for the Nu HTML Checker, lynx for
# reading the plain-text channel as a text browser does, and the
# npm packages pinned in package-lock.json (axe-core, vnu-jar), nginx to
# serve the built site as a government web server would (tests/test_nginx.py),
# LibreOffice Writer (no GUI) to print the importer's Word fixtures as PDF,
# the way real PDFs are made (tests/test_import_formats.py), and EPUBCheck to
# validate the EPUB editions (DAISY Ace, the other EPUB checker, is an npm
# package run with Debian's Chromium). The build's own tools (liblouis) first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-build-tools.sh

missing=()
command -v lynx >/dev/null 2>&1 || missing+=(lynx)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
[ -f /usr/share/java/epubcheck.jar ] || missing+=(epubcheck)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages (package-lock.json)"
  # Ace's Puppeteer must use Debian's Chromium: no browser download (none could be fetched).
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
