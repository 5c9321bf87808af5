#!/usr/bin/env bash
# Set up a fresh machine and build: system packages (Debian/Ubuntu), npm ci, npm run build.
set -euo pipefail
cd "$(dirname "$0")/.."

# --- print: a browser for the PDFs, poppler for the PDF tests, Java for the HTML checker ---
have_browser() {
  [ -n "${CHROME_PATH:-}" ] && [ -x "${CHROME_PATH}" ] && return 0
  for b in chromium chromium-browser google-chrome-stable google-chrome; do
    command -v "$b" >/dev/null 2>&1 && return 0
  done
  return 1
}
missing=()
have_browser || missing+=(chromium)
command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)

if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
      if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
        echo "Please install as root: apt-get install ${missing[*]}" >&2; exit 1; fi
    fi
    echo "Installing: ${missing[*]}"
    $sudo apt-get update -qq
    pkgs=()
    for p in "${missing[@]}"; do
      if [ "$p" = chromium ] && ! apt-cache show chromium >/dev/null 2>&1; then p=chromium-browser; fi
      pkgs+=("$p")
    done
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${pkgs[@]}" >/dev/null
  else
    echo "Please install: ${missing[*]}" >&2
    echo "  Mac: Google Chrome (or 'brew install --cask chromium'), 'brew install poppler', a Java runtime." >&2
    echo "  Windows: Google Chrome, poppler (e.g. 'choco install poppler'), a Java runtime." >&2
    echo "  Or set CHROME_PATH to an installed Chromium/Chrome." >&2
    exit 1
  fi
fi

npm ci --no-audit --no-fund --loglevel=error
npm run build
