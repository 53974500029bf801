#!/usr/bin/env bash
# Installs everything the project needs into .venv (Python 3.11).
# With --test it also installs the test tools and Debian's Chromium for the browser test.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3.11}
command -v "$python" >/dev/null || python=python3
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -r requirements.txt

if [ "${1:-}" = "--test" ]; then
    .venv/bin/python -m pip install -q -r requirements-dev.txt
    if [ ! -x /usr/bin/chromium ]; then
        sudo=""
        [ "$(id -u)" = 0 ] || sudo=sudo
        $sudo apt-get update -qq
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    fi
fi
