#!/usr/bin/env bash
# Set up a fresh machine and build: system packages (Debian/Ubuntu), npm ci, npm run build.
set -euo pipefail
cd "$(dirname "$0")/.."

# --- print: a browser for the PDFs, poppler for the PDF tests, Java for the HTML checker ---
have_browser() {
  [ -n "${CHROME_PATH:-}" ] && [ -x "${CHROME_PATH}" ] && return 0
  for b in chromium-headless-shell chromium chromium-browser google-chrome-stable google-chrome; do
    command -v "$b" >/dev/null 2>&1 && return 0
  done
  return 1
}
missing=()
have_browser || missing+=(chromium)
command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
# Chromium's headless shell prints the same PDFs in about half the CPU (docs/scaling.md): installed
# beside Chromium where the system offers it (Debian), unless CHROME_PATH chooses the browser.
want_shell=false
if [ -z "${CHROME_PATH:-}" ] && ! command -v chromium-headless-shell >/dev/null 2>&1 &&
  command -v apt-get >/dev/null 2>&1; then
  want_shell=true
fi
sudo=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
can_install=false
if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then can_install=true; fi

if [ "${#missing[@]}" -gt 0 ] || { [ "$want_shell" = true ] && [ "$can_install" = true ]; }; then
  if command -v apt-get >/dev/null 2>&1; then
    if [ "$can_install" != true ]; then
      echo "Please install as root: apt-get install ${missing[*]}" >&2; exit 1
    fi
    $sudo apt-get update -qq
    pkgs=()
    for p in "${missing[@]}"; do
      if [ "$p" = chromium ] && ! apt-cache show chromium >/dev/null 2>&1; then p=chromium-browser; fi
      pkgs+=("$p")
    done
    if [ "$want_shell" = true ] && apt-cache show chromium-headless-shell >/dev/null 2>&1; then
      pkgs+=(chromium-headless-shell)
    fi
    if [ "${#pkgs[@]}" -gt 0 ]; then
      echo "Installing: ${pkgs[*]}"
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${pkgs[@]}" >/dev/null
    fi
  else
    echo "Please install: ${missing[*]}" >&2
    echo "  Mac: Google Chrome (or 'brew install --cask chromium'), 'brew install poppler', a Java runtime." >&2
    echo "  Windows: Google Chrome, poppler (e.g. 'choco install poppler'), a Java runtime." >&2
    echo "  Or set CHROME_PATH to an installed Chromium/Chrome." >&2
    exit 1
  fi
elif [ "$want_shell" = true ]; then
  echo "Note: 'apt-get install chromium-headless-shell' (as root) prints the PDFs in about half the time." >&2
fi

npm ci --no-audit --no-fund --loglevel=error
npm run build
