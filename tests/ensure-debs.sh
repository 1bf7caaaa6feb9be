#!/bin/sh
# ensure-debs.sh PURPOSE PACKAGE...: make sure these Debian packages are installed.
# As root with apt-get, install the missing ones; otherwise name them and fail.
purpose=$1; shift
command -v dpkg-query >/dev/null 2>&1 || exit 0  # not Debian-like: nothing to check here
missing=""
for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian packages for $purpose:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null &&
        apt-get install -y -qq --no-install-recommends $missing >/dev/null && exit 0
    echo "apt-get could not install:$missing" >&2
    exit 1
fi
echo "b24admin needs these Debian packages for $purpose:$missing" >&2
echo "Install them with: sudo apt-get install --no-install-recommends$missing" >&2
exit 1
