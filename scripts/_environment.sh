# Sourced by scripts/build and scripts/test: a virtual environment in .venv with the exact
# dependencies of requirements.lock, reinstalled whenever the lock file changes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
VENV="$ROOT/.venv"
STAMP="$VENV/.requirements.lock.sha256"
wanted="$(sha256sum requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$wanted" ]; then
  echo "Setting up $VENV from requirements.lock ..." >&2
  "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --require-virtualenv -r requirements.lock
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
  echo "$wanted" > "$STAMP"
fi
# Material for MkDocs prints a large banner about MkDocs 2.0 on every run; it is not about this
# site and would drown real warnings.
export NO_MKDOCS_2_WARNING=1

# Debian packages a command needs: installed when missing (with apt-get, as root or through
# password-less sudo as on CI runners), or a clear stop naming them.
install_debian_packages() {
  [ $# -gt 0 ] || return 0
  local as_root=""
  [ "$(id -u)" = 0 ] || { sudo -n true 2>/dev/null && as_root="sudo -n"; }
  if { [ "$(id -u)" = 0 ] || [ -n "$as_root" ]; } && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian packages: $*" >&2
    $as_root apt-get update -qq
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
  else
    echo "These Debian packages are needed: $*. Install them (sudo apt-get install $*)." >&2
    exit 1
  fi
}

# The PDF copies' libraries and fonts (WeasyPrint loads Pango; the PDFs embed DejaVu). Where
# the system has no ldconfig to ask, the build itself says what is missing.
pdf_packages_missing() {
  local ldconfig
  ldconfig="$(command -v ldconfig || echo /sbin/ldconfig)"
  [ -x "$ldconfig" ] || return 0
  "$ldconfig" -p | grep -q 'libpango-1\.0\.so\.0' || echo libpango-1.0-0
  "$ldconfig" -p | grep -q 'libpangoft2-1\.0\.so\.0' || echo libpangoft2-1.0-0
  "$ldconfig" -p | grep -q 'libharfbuzz-subset\.so\.0' || echo libharfbuzz-subset0  # smaller fonts
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || echo fonts-dejavu-core
}
