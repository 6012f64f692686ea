# Shared by run.sh and test.sh: installs the Debian packages CityMaturity needs, or says what to install.
# shellcheck shell=bash

# has_package_file NAME: is the thing that Debian package NAME provides already on this machine?
has_package_file() {
  case "$1" in
    postgresql) compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null ;;
    chromium) [ -x /usr/bin/chromium ] ;;
    chromium-headless-shell) [ -x /usr/bin/chromium-headless-shell ] ;;
    curl) command -v curl >/dev/null ;;
    poppler-utils) command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null ;;
    libnss3-tools) command -v certutil >/dev/null ;;
    fonts-dejavu-core) [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] ;;
    fonts-wqy-zenhei) [ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] ;;
    *) dpkg -s "$1" >/dev/null 2>&1 ;;
  esac
}

# ensure_packages NAME...: installs the missing ones with apt-get (as root, or through passwordless sudo).
ensure_packages() {
  local missing=()
  for package in "$@"; do
    has_package_file "$package" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  local apt=(apt-get)
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      apt=(sudo apt-get)
    else
      echo "CityMaturity needs these Debian packages: ${missing[*]}" >&2
      echo "Install them with:  sudo apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
  echo "Installing ${missing[*]} …"
  "${apt[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null || ! dotnet --list-sdks | grep -q '^10\.'; then
    echo "CityMaturity needs the .NET 10 SDK (https://dot.net). 'dotnet --list-sdks' shows none." >&2
    exit 1
  fi
}
