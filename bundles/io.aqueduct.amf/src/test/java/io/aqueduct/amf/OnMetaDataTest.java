package io.aqueduct.amf;

import static io.aqueduct.amf.Vectors.bytes;
import static io.aqueduct.amf.Vectors.readAllAmf0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The data message ffmpeg's FLV muxer sends over RTMP for an H.264 + AAC stream. */
class OnMetaDataTest {

    /**
     * "@setDataFrame", "onMetaData", ECMA array. ffmpeg writes an estimated count (here 13) and cannot seek back
     * on a live connection, so the count differs from the 14 entries that follow.
     */
    static final byte[] FFMPEG_SET_DATA_FRAME = bytes(
            "02", "000D", "'@setDataFrame'",                                    // string "@setDataFrame"
            "02", "000A", "'onMetaData'",                                       // string "onMetaData"
            "08", "0000000D",                                                   // ECMA array, count 13 (wrong)
            "0008", "'duration'", "00", "0000000000000000",                     // duration: 0.0
            "0005", "'width'", "00", "4094000000000000",                        // width: 1280.0
            "0006", "'height'", "00", "4086800000000000",                       // height: 720.0
            "000D", "'videodatarate'", "00", "40A3880000000000",                // videodatarate: 2500.0
            "0009", "'framerate'", "00", "403E000000000000",                    // framerate: 30.0
            "000C", "'videocodecid'", "00", "401C000000000000",                 // videocodecid: 7.0 (AVC)
            "000D", "'audiodatarate'", "00", "4060000000000000",                // audiodatarate: 128.0
            "000F", "'audiosamplerate'", "00", "40E5888000000000",              // audiosamplerate: 44100.0
            "000F", "'audiosamplesize'", "00", "4030000000000000",              // audiosamplesize: 16.0
            "0006", "'stereo'", "01", "01",                                     // stereo: true
            "000C", "'audiocodecid'", "00", "4024000000000000",                 // audiocodecid: 10.0 (AAC)
            "0007", "'encoder'", "02", "000D", "'Lavf58.76.100'",               // encoder: "Lavf58.76.100"
            "0008", "'filesize'", "00", "0000000000000000",                     // filesize: 0.0
            "0009", "'videoname'", "02", "0000",                                // videoname: ""
            "0000", "09");                                                      // object end

    @Test
    void readsAllEntriesInOrderDespiteTheWrongCount() throws AmfException {
        List<Object> values = readAllAmf0(FFMPEG_SET_DATA_FRAME);

        assertEquals("@setDataFrame", values.get(0));
        assertEquals("onMetaData", values.get(1));
        EcmaArray metadata = assertInstanceOf(EcmaArray.class, values.get(2));
        assertEquals(List.of("duration", "width", "height", "videodatarate", "framerate", "videocodecid",
                "audiodatarate", "audiosamplerate", "audiosamplesize", "stereo", "audiocodecid", "encoder",
                "filesize", "videoname"), List.copyOf(metadata.keySet()));
        assertEquals(1280.0, AmfObjects.number(metadata, "width", -1));
        assertEquals(720.0, AmfObjects.number(metadata, "height", -1));
        assertEquals(7.0, AmfObjects.number(metadata, "videocodecid", -1));
        assertEquals(true, AmfObjects.bool(metadata, "stereo", false));
        assertEquals("Lavf58.76.100", AmfObjects.string(metadata, "encoder"));
    }

    @Test
    void rewritesTheSameEntriesWithTheirTrueCount() throws AmfException {
        EcmaArray metadata = (EcmaArray) readAllAmf0(FFMPEG_SET_DATA_FRAME).get(2);

        byte[] rewritten = Vectors.written(out -> Amf0Writer.writeAll(out, "@setDataFrame", "onMetaData", metadata));

        byte[] expected = FFMPEG_SET_DATA_FRAME.clone();
        int countAt = 3 + 13 + 3 + 10 + 1;                                      // after both strings and marker
        expected[countAt + 3] = 14;                                             // the writer states 14 entries
        assertArrayEquals(expected, rewritten);
    }
}
