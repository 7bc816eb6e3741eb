#!/usr/bin/env bash
# Debian packages no JSON library for the Windows cross-compiler, so the agent is built with the
# one the reference agent uses, jansson, from Debian's own source package: fetched once into
# target/ through a private apt configuration (a deb-src entry for the machine's release), never
# touching the machine's sources.
set -euo pipefail
mkdir -p "$1"
target=$(cd "$1" && pwd)  # apt takes relative Dir:: paths as relative to /etc/apt
[ -f "$target/jansson/src/jansson.h" ] && exit 0
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
apt_dir="$target/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/sources"
cat > "$apt_dir/sources/debian-src.sources" <<SOURCES
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $codename
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
touch "$apt_dir/no-sources.list"
apt_options=(-o "Dir::Etc::SourceList=$apt_dir/no-sources.list" -o "Dir::Etc::SourceParts=$apt_dir/sources"
             -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o APT::Sandbox::User=root)
apt-get -qq "${apt_options[@]}" update
(cd "$target" && apt-get -qq "${apt_options[@]}" source --download-only jansson)
rm -rf "$target/jansson"
mkdir -p "$target/jansson"
tar -xzf "$target"/jansson_*.orig.tar.gz -C "$target/jansson" --strip-components=1
# jansson's own ready-made configuration for builds without autotools or cmake.
cp "$target/jansson/android/jansson_config.h" "$target/jansson/src/jansson_config.h"
printf '#define HAVE_STDINT_H 1\n#define HAVE_STDLIB_H 1\n#define HAVE_STRING_H 1\n#define USE_WINDOWS_CRYPTOAPI 1\n' \
  > "$target/jansson/src/jansson_private_config.h"
