#!/usr/bin/env bash
# System tools the tests drive for real: Debian's Chromium (Playwright drives it)
# and GNU gettext (msgfmt -c). Installed through apt when run as root; otherwise
# a clear message says what to install. Idempotent: does nothing when all is there.
set -euo pipefail

packages=(chromium gettext)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} (apt)..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
