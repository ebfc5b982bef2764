#!/usr/bin/env bash
# What the build needs beyond Python packages: liblouis and its tables, which
# translate the braille edition (盲文版) into 国家通用盲文 (zhcn-cbs.ctb).
# Installed only where missing; a machine without Debian's apt is told what to install.
set -euo pipefail

have_liblouis() {
  { ldconfig -p 2>/dev/null | grep -q 'liblouis\.so'; } &&
    { [ -f /usr/share/liblouis/tables/zhcn-cbs.ctb ] || [ -f /usr/local/share/liblouis/tables/zhcn-cbs.ctb ]; }
}

if have_liblouis; then
  exit 0
fi
packages=(liblouis-bin liblouis-data)
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "盲文版需要 liblouis（3.22 或更新，含国家通用盲文表 zhcn-cbs.ctb）。请安装：sudo apt-get install -y ${packages[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${packages[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
