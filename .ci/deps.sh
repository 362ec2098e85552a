#!/bin/sh
# .ci/deps.sh - installs the Debian 12 packages glosy needs to build, test,
# evaluate and benchmark.  Used by the README's first command and by .ci/run.
set -e
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Build: compiler, pkg-config, ICU, PCRE2, Snowball, zlib.  The Polish
# dictionary comes as data from libmorfologik-stemming2-java (no Java runs).
# Tests: mandoc (man-page lint), miller and datamash (independent counts),
# chromium (renders the HTML report), parallel (sharded runs),
# python3-sklearn (the baseline of make eval and make bench).
$SUDO apt-get install -y -qq --no-install-recommends \
	build-essential pkg-config \
	libicu-dev libpcre2-dev libstemmer-dev zlib1g-dev \
	libmorfologik-stemming2-java \
	mandoc miller datamash parallel python3-sklearn \
	chromium fonts-dejavu-core \
	clang libclang-rt-14-dev >/dev/null
