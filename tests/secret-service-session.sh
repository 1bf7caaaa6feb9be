#!/usr/bin/env bash
# Run a command against a real, private, unlocked Secret Service (GNOME Keyring).
#
#   tests/secret-service-session.sh CMD [ARGS...]
#   tests/secret-service-session.sh .venv/bin/python -m pytest tests/integration/test_keyring.py
#
# CMD runs inside its own D-Bus session (dbus-run-session) with HOME and the XDG directories in
# a fresh temporary folder, so it never sees or touches the developer's own keyring. A
# gnome-keyring-daemon is started there and unlocked with a random password (an empty one would
# make it prompt, which fails without a desktop); its new login keyring is the default
# collection. B24ADMIN_SECRET_SERVICE=1 tells the tests that
# a real Secret Service is there. The exit code is CMD's; the folder is removed afterwards.
# Started as `sh tests/secret-service-session.sh` (the Makefile does): become bash first.
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 2
fi

missing=()
command -v dbus-run-session >/dev/null 2>&1 || missing+=("dbus-run-session")
command -v dbus-send >/dev/null 2>&1 || missing+=("dbus-send")
command -v gnome-keyring-daemon >/dev/null 2>&1 || missing+=("gnome-keyring-daemon")
if [ "${#missing[@]}" -ne 0 ]; then
    echo "$0: cannot start a Secret Service: not found: ${missing[*]}." >&2
    echo "Install the Debian packages: sudo apt-get install dbus-daemon gnome-keyring" >&2
    exit 127
fi

root="$(mktemp -d "${TMPDIR:-/tmp}/b24admin-secret-service.XXXXXX")"
cleanup() { rm -rf -- "$root"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$root/home" "$root/data" "$root/config" "$root/cache" "$root/runtime"
chmod 700 "$root" "$root/runtime"

export HOME="$root/home"
export XDG_DATA_HOME="$root/data"
export XDG_CONFIG_HOME="$root/config"
export XDG_CACHE_HOME="$root/cache"
export XDG_RUNTIME_DIR="$root/runtime"
export B24ADMIN_SECRET_SERVICE=1
unset PYTHON_KEYRING_BACKEND  # let keyring find the Secret Service on its own
# An unlock prompt must fail at once rather than pop up on the developer's screen.
unset DISPLAY WAYLAND_DISPLAY

# The daemon is D-Bus-activated rather than started by hand: a daemon started by hand may still
# be claiming its bus name when a quick CMD ends, and then it never exits. Activation makes the
# first call wait until the name is owned. The password goes through a 0600 file that the start
# script deletes once it is open (not argv, which `ps` shows; not the environment, which CMD sees).
(umask 077 && od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >"$root/unlock")
cat >"$root/start-keyring" <<END_OF_SCRIPT
exec <"$root/unlock"
rm -f "$root/unlock"
exec gnome-keyring-daemon --foreground --unlock --components=secrets
END_OF_SCRIPT
mkdir -p "$XDG_DATA_HOME/dbus-1/services"
cat >"$XDG_DATA_HOME/dbus-1/services/org.freedesktop.secrets.service" <<END_OF_SERVICE
[D-BUS Service]
Name=org.freedesktop.secrets
Exec=/bin/sh "$root/start-keyring"
END_OF_SERVICE

# Inside the session: activate the daemon, run CMD with its stderr on fd 3 (the real stderr),
# then stop the daemon by its pid so nothing outlives the session.
# shellcheck disable=SC2016  # expanded by the inner shell
inner='
bus=(dbus-send --session --print-reply=literal --reply-timeout=20000)
if ! "${bus[@]}" --dest=org.freedesktop.secrets /org/freedesktop/secrets \
        org.freedesktop.DBus.Peer.Ping >/dev/null; then
    echo "secret-service-session: gnome-keyring-daemon did not start" >&3
    exit 125
fi
daemon=$("${bus[@]}" --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets)
daemon=${daemon##* }
"$@" 2>&3 3>&- 4>&-
status=$?
kill "$daemon" 2>/dev/null
exit "$status"
'

# The daemons' chatter on stderr is filtered out: dbus-daemon may not raise RLIMIT_NOFILE
# (containers, CI) and reports each activation; gnome-keyring announces new collections, warns
# that a quickly replaced item is "already registered", and, in the test of a locked keyring,
# tries a prompter that cannot open a display. CMD's own stdout and stderr pass untouched.
noise='Failed to set fd limit|Activating service name=|Successfully activated service'
noise+="|emit collection_|but it's already registered"
noise+='|SystemPrompter|create system prompt|cannot open display|^$'
exec 3>&2 4>&1
set +e
dbus-run-session -- bash -c "$inner" secret-service-session "$@" 2>&1 >&4 \
    | grep -Ev --line-buffered "$noise" >&2
status=("${PIPESTATUS[@]}")
set -e
exit "${status[0]}"
