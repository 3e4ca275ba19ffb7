#!/bin/sh
# Installs what tests/test_report.py drives: Debian's chromium (and chromium-driver), used
# headless through Playwright's Python package. Never downloads Playwright's own browsers.
# Does nothing when /usr/bin/chromium and /usr/bin/chromedriver are already there.
set -eu

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    echo "install-browser: /usr/bin/chromium and /usr/bin/chromedriver are installed; nothing to do"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "install-browser: chromium is missing and this user is not root and has no sudo;" >&2
    echo "install-browser: run as root: apt-get install -y --no-install-recommends chromium chromium-driver" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: chromium is missing and there is no apt-get (Debian/Ubuntu);" >&2
    echo "install-browser: install chromium and chromium-driver so that /usr/bin/chromium exists" >&2
    exit 1
fi

run() {
    echo "install-browser: + $*"
    if ! "$@"; then
        echo "install-browser: failed: $* (is the network or the apt mirror reachable?)" >&2
        exit 1
    fi
}
echo "install-browser: chromium or chromedriver is missing; installing them with apt-get"
run $SUDO apt-get update
run $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver

if [ ! -x /usr/bin/chromium ]; then
    echo "install-browser: apt-get finished but /usr/bin/chromium is still missing" >&2
    exit 1
fi
echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) installed"
