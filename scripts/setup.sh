#!/usr/bin/env bash
# Installs everything the project needs into .venv (Python 3.11).
# System packages from Debian: Apertium's Danish morphology (always) and, with --test, Chromium for the browser
# test. With --test it also installs the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

# Danish morphology for the editor's check (summarizer/morphology.py): Apertium's analyser and CG-3 disambiguator.
need_apt=""
[ -f /usr/share/apertium/apertium-dan-nor/dan-nob.automorf.bin ] && command -v cg-proc >/dev/null || need_apt="apertium-dan-nor lttoolbox cg3"
if [ "${1:-}" = "--test" ] && [ ! -x /usr/bin/chromium ]; then
    need_apt="$need_apt chromium chromium-driver"
fi
if [ -n "$need_apt" ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need_apt >/dev/null
fi

python=${PYTHON:-python3.11}
command -v "$python" >/dev/null || python=python3
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -r requirements.txt
# The generative engine's fast backend, built from source (a few minutes, once). Without AMX kernels and
# -march=native: the AMX build crashed (SIGSEGV) on this project's Xeon machines, and a portable AVX2 build
# also runs on the AMD EPYC ones. --no-cache-dir: a wheel pip cached from another build is not reused.
if ! .venv/bin/python -c "import llama_cpp" 2>/dev/null; then
    CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON" \
        .venv/bin/python -m pip install -q --no-cache-dir llama-cpp-python==0.3.36
fi

if [ "${1:-}" = "--test" ]; then
    .venv/bin/python -m pip install -q -r requirements-dev.txt
fi
