#!/usr/bin/env bash
# Builds the distribution (tests skipped) and starts one server in the foreground, like `srs -c FILE`:
#
#   ./run.sh                        conf/aqueduct.conf of the distribution
#   ./run.sh -c conf/origin.conf    any SRS-style config, relative to the working directory
#
# Arguments go to runtime/target/aqueduct/bin/aqueduct (see runtime/README-runtime.md). Ctrl-C or SIGTERM stops it.
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)

mvn -B -q -f "$root/pom.xml" package -DskipTests </dev/null
exec "$root/runtime/target/aqueduct/bin/aqueduct" "$@"
