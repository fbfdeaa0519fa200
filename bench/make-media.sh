#!/usr/bin/env bash
# Creates the benchmark's test media with ffmpeg: 60 s of H.264 + AAC in FLV, GOP 2 s (keyframe every 50 frames at
# 25 fps), near-constant bitrate (maxrate = bitrate, 1 s VBV buffer).
#
#   bench/make-media.sh [OUTPUT_DIR]      default: bench/target/media
#
# Writes 1mbps.flv (video 1000 kbit/s) and 200kbps.flv (video 200 kbit/s), both with AAC 64 kbit/s.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
out=${1:-$here/target/media}
mkdir -p -- "$out"

make() {
    local name=$1 kbps=$2 size=$3
    [ -s "$out/$name" ] && { echo "exists: $out/$name"; return; }
    ffmpeg -hide_banner -loglevel error -y \
        -f lavfi -i "testsrc2=size=$size:rate=25" \
        -f lavfi -i "sine=frequency=440:sample_rate=44100" \
        -t 60 \
        -c:v libx264 -preset veryfast -profile:v main -pix_fmt yuv420p \
        -b:v "${kbps}k" -maxrate "${kbps}k" -bufsize "${kbps}k" -g 50 -keyint_min 50 -sc_threshold 0 -bf 0 \
        -x264-params nal-hrd=cbr \
        -c:a aac -b:a 64k -ac 2 \
        -f flv "$out/$name" </dev/null
    echo "wrote: $out/$name ($(stat -c %s "$out/$name") bytes)"
}

make 1mbps.flv 1000 1280x720
make 200kbps.flv 200 640x360
