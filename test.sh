#!/usr/bin/env bash
# Builds Aqueduct and runs every test: unit tests, in-framework tests, and the end-to-end tests that drive the
# assembled distribution (runtime/target/aqueduct) with ffmpeg, ffprobe, rtmpdump and curl.
#
#   ./test.sh [extra mvn arguments]      e.g. ./test.sh -o   (offline)
#
# Installs the media tools first when one is missing (Debian/Ubuntu, apt-get; sudo when not root).
# Needs no terminal: CI runs it with stdin closed.
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")"

missing=()
for tool in ffmpeg ffprobe rtmpdump curl; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "test.sh: installing ffmpeg rtmpdump curl (missing: ${missing[*]})" >&2
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg rtmpdump curl </dev/null
fi

# A hung test JVM is killed after 10 minutes (surefire and failsafe), well inside CI's 20-minute budget.
exec mvn -B -Dsurefire.timeout=600 -Dfailsafe.timeout=600 verify "$@" </dev/null
