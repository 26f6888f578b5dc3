#!/usr/bin/env bash
# Install fzanalyzer (and, with --dev, what its tests need) on a fresh machine.
#   bash scripts/setup.sh          # the toolkit
#   bash scripts/setup.sh --dev    # + test tools, a CJK font for test PDFs, headless Chromium,
#                                  #   the offline sentence encoder and the sentence-transformers path
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
dev=0
[ "${1:-}" = "--dev" ] && dev=1

if [ "$dev" = 1 ]; then
  # System packages for the tests: a CJK TrueType font reportlab can embed (the Noto .ttc files
  # are not usable by reportlab), Chromium to load the audit's HTML page, and LibreOffice to
  # make and convert legacy .doc files.
  need=()
  [ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || need+=(fonts-wqy-zenhei)
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    else
      echo "setup: please install ${need[*]} (Debian packages); tests that need them will fail" >&2
    fi
  fi
  # torch for the CPU, before sentence-transformers so pip does not choose torch itself: a plain
  # `torch` from PyPI is a multi-GB CUDA build on Linux. A torch already installed is kept; else
  # the CPU wheel index (no version pin: it has a build for every platform), else the version
  # this project's CI machines serve as a CPU wheel from their package index.
  if ! "$PY" -c "import torch" >/dev/null 2>&1; then
    "$PY" -m pip install -q --disable-pip-version-check --retries 1 --timeout 15 torch \
        --index-url https://download.pytorch.org/whl/cpu 2>/dev/null \
      || "$PY" -m pip install -q --disable-pip-version-check "torch==2.13.0" \
      || echo "setup: torch could not be installed; the sentence-transformers tests will fail" >&2
  fi
  "$PY" -m pip install -q --disable-pip-version-check -e ".[dev,semantic,e5,st,dask]"
else
  "$PY" -m pip install -q --disable-pip-version-check -e .
fi
# pyenv installs console scripts behind shims that exist only after a rehash.
if command -v pyenv >/dev/null 2>&1; then pyenv rehash || true; fi
