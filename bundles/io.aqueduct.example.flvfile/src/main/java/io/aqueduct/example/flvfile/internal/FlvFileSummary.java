package io.aqueduct.example.flvfile.internal;

/**
 * What a scan of an FLV file found: how many tags, and the timestamps that pace and loop it.
 *
 * @param tags                audio, video and script tags
 * @param audioTags           audio tags
 * @param videoTags           video tags
 * @param firstMediaTimestamp the first audio or video timestamp: playback starts there
 * @param durationMillis      from the first to the last audio or video timestamp
 * @param loopLengthMillis    how far timestamps advance per pass of a loop: the duration plus one frame
 */
record FlvFileSummary(int tags, int audioTags, int videoTags, long firstMediaTimestamp, long durationMillis,
        long loopLengthMillis) {

    /** When a file has one frame or none, the frame length a loop adds. */
    static final long DEFAULT_FRAME_MILLIS = 40;

    /** Collects a summary tag by tag. */
    static final class Builder {
        private int tags;
        private int audioTags;
        private int videoTags;
        /** Distinct timestamps per type: a sequence header or end of sequence shares its frame's timestamp. */
        private final long[] count = new long[2];
        private final long[] first = new long[2];
        private final long[] last = new long[2];
        private long firstMedia = -1;
        private long lastMedia = -1;

        void add(int type, long timestamp) {
            tags++;
            audioTags += type == FlvTag.AUDIO ? 1 : 0;
            videoTags += type == FlvTag.VIDEO ? 1 : 0;
            int i = type == FlvTag.AUDIO ? 0 : type == FlvTag.VIDEO ? 1 : -1;
            if (i < 0) {
                return;
            }
            if (count[i] == 0) {
                first[i] = timestamp;
            }
            if (count[i] == 0 || timestamp != last[i]) {
                count[i]++;
            }
            last[i] = timestamp;
            if (firstMedia < 0) {
                firstMedia = timestamp;
            }
            lastMedia = Math.max(lastMedia, timestamp);
        }

        FlvFileSummary build() {
            long duration = firstMedia < 0 ? 0 : Math.max(0, lastMedia - firstMedia);
            return new FlvFileSummary(tags, audioTags, videoTags, Math.max(0, firstMedia), duration,
                    duration + frameMillis());
        }

        /** The mean frame interval of the video, else of the audio: one pass ends one frame after its last. */
        private long frameMillis() {
            for (int i = 1; i >= 0; i--) {
                if (count[i] > 1 && last[i] > first[i]) {
                    return Math.max(1, (last[i] - first[i]) / (count[i] - 1));
                }
            }
            return DEFAULT_FRAME_MILLIS;
        }
    }
}
