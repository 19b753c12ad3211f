#!/usr/bin/env bash
# Install what certsim needs from Debian's packages (only what is missing),
# then configure and build it in ./build. Safe to run again: fast when done.
set -euo pipefail
cd "$(dirname "$0")/.."

# The second line is for the tests and CI (.ci/run): tmux, minisign, jq and
# procps (ps) drive the end-to-end tests; chromium renders the HTML report
# headless (tests/e2e/report_browser.sh); valgrind, clang, its libFuzzer and
# sanitizer runtimes (libclang-rt-dev, a mere "Recommends" of clang) and
# llvm-symbolizer (llvm) for the sanitizer and fuzz runs; clang-format for
# the formatting check (.clang-format); groff-base renders the man pages
# with warnings as errors (man_pages.sh); zsh loads and drives the zsh
# completion (completion.sh).
packages=(build-essential cmake pkg-config libcjson-dev libsodium-dev
          libcmocka-dev libncurses-dev libxml2-dev
          tmux minisign jq procps chromium valgrind clang libclang-rt-dev llvm
          clang-format groff-base zsh)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "setup: installing ${missing[*]}" >&2
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 3; }
		sudo="sudo"
	fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if [ ! -f build/CMakeCache.txt ]; then
	cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
fi
cmake --build build -j"$(nproc 2>/dev/null || echo 2)" >&2
