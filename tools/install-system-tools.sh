#!/usr/bin/env bash
# System tools, installed the same way for the build and for the tests.
#   bash tools/install-system-tools.sh build   what `make html` needs: Pango and the DejaVu
#                                              fonts, for WeasyPrint (the PDF portfolio)
#   bash tools/install-system-tools.sh         that, and what the tests drive for real:
# - system packages: Debian's Chromium (Playwright and Lighthouse drive it), GNU gettext
#   (msgfmt -c), hunspell with its Spanish and English dictionaries (catalog spelling),
#   a Java runtime (the Nu HTML Checker) and Node.js with npm when missing;
#   installed through apt when run as root, otherwise a clear message says what to install;
# - npm packages pinned in package-lock.json (axe-core, vnu-jar, lighthouse), through
#   `npm ci`. Install scripts are skipped: the only one, vnu-jar's, would download a
#   Java runtime; the system's is used instead.
# Idempotent: does nothing when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)
if [ "${1:-}" != build ]; then
  packages+=(chromium gettext hunspell hunspell-es hunspell-en-us)
  command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
  { command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; } || packages+=(nodejs npm)
fi
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} (apt)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

[ "${1:-}" = build ] && exit 0

# Lighthouse 12 needs Node.js 18.16 or newer.
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 18 || (a === 18 && b >= 16) ? 0 : 1)'; then
  echo "Node.js $(node --version) is too old: Lighthouse needs 18.16 or newer (Node 20 recommended)." >&2
  exit 1
fi

stamp=node_modules/.installed-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Installing npm packages from package-lock.json (npm ci)..."
  if ! npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; then
    echo "npm ci failed: the tests need axe-core, vnu-jar and lighthouse from the npm registry." >&2
    exit 1
  fi
  echo "$want" > "$stamp"
fi
