package io.aqueduct.stream.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MediaMessageTest {

    private static MediaMessage video(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return MediaMessage.of(MessageType.VIDEO, 0, Unpooled.wrappedBuffer(b));
    }

    @Test
    void legacyAvcKeyframeAndSequenceHeader() {
        MediaMessage header = video(0x17, 0x00, 0, 0, 0, 0x01); // key frame | AVC, AVCPacketType 0 = sequence header
        MediaMessage key = video(0x17, 0x01, 0, 0, 0, 0x65);    // key frame | AVC, NALU
        MediaMessage inter = video(0x27, 0x01, 0, 0, 0, 0x41);  // inter frame | AVC, NALU
        assertTrue(header.isSequenceHeader());
        assertFalse(header.isKeyframe(), "a sequence header does not start a GOP");
        assertTrue(key.isKeyframe());
        assertFalse(inter.isKeyframe());
        assertEquals("H264", MediaCodecs.videoCodec(key.payload()));
        header.release();
        key.release();
        inter.release();
    }

    @Test
    void legacyHevcCodecTwelve() {
        MediaMessage header = video(0x1C, 0x00, 0, 0, 0); // key frame | codec 12 (HEVC), sequence header
        assertTrue(header.isSequenceHeader());
        assertEquals("HEVC", MediaCodecs.videoCodec(header.payload()));
        header.release();
    }

    @Test
    void enhancedRtmpHevcAndAv1() {
        // 0x80 ex-header | frame type 1 (key) << 4 | packet type 0 (SequenceStart), FourCC "hvc1"
        MediaMessage hevcStart = video(0x90, 'h', 'v', 'c', '1', 1, 2, 3);
        // ex-header | key frame | packet type 1 (CodedFrames), FourCC "hvc1"
        MediaMessage hevcKey = video(0x91, 'h', 'v', 'c', '1', 0, 0, 0, 9);
        // ex-header | inter frame (2) | packet type 3 (CodedFramesX), FourCC "av01"
        MediaMessage av1Inter = video(0xA3, 'a', 'v', '0', '1', 9);
        assertTrue(hevcStart.isSequenceHeader());
        assertTrue(hevcKey.isKeyframe());
        assertFalse(hevcKey.isSequenceHeader());
        assertFalse(av1Inter.isKeyframe());
        assertEquals("HEVC", MediaCodecs.videoCodec(hevcKey.payload()));
        assertEquals("AV1", MediaCodecs.videoCodec(av1Inter.payload()));
        assertEquals("VP9", MediaCodecs.videoCodec(Unpooled.wrappedBuffer(new byte[] {(byte) 0x91, 'v', 'p', '0', '9'})));
        hevcStart.release();
        hevcKey.release();
        av1Inter.release();
    }

    @Test
    void aacSequenceHeader() {
        MediaMessage asc = MediaMessage.of(MessageType.AUDIO, 0, Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 0, 0x12, 0x10}));
        MediaMessage raw = MediaMessage.of(MessageType.AUDIO, 23, Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 1, 0x21}));
        assertTrue(asc.isSequenceHeader());
        assertFalse(raw.isSequenceHeader());
        assertEquals("AAC", MediaCodecs.audioCodec(raw.payload()));
        asc.release();
        raw.release();
    }

    @Test
    void encodingIsComputedOnceAndSharedAndReleasedWithTheMessage() {
        AtomicInteger calls = new AtomicInteger();
        ByteBuf[] made = new ByteBuf[1];
        Encoding encoding = (m, alloc) -> {
            calls.incrementAndGet();
            made[0] = alloc.buffer(4).writeInt(m.timestamp());
            return made[0];
        };
        MediaMessage m = MediaMessage.of(MessageType.VIDEO, 42, Unpooled.wrappedBuffer(new byte[] {0x27, 1}));
        ByteBuf first = m.encoded(encoding, ByteBufAllocator.DEFAULT);
        ByteBuf second = m.encoded(encoding, ByteBufAllocator.DEFAULT);
        assertEquals(1, calls.get(), "encoded once");
        assertEquals(42, first.getInt(0));
        second.setInt(0, 7);
        assertEquals(7, first.getInt(0), "both players' buffers share the same memory");
        first.release();
        second.release();
        assertEquals(1, made[0].refCnt(), "the cache holds its copy while the message lives");
        m.release();
        assertEquals(0, made[0].refCnt(), "released with the message");
    }

    @Test
    void withTimestampSharesThePayload() {
        MediaMessage m = MediaMessage.of(MessageType.AUDIO, 10, Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 1}));
        ByteBuf payload = m.payload();
        MediaMessage moved = m.withTimestamp(20);
        assertEquals(0, m.refCnt(), "the caller's reference moved to the new message");
        assertSame(payload, moved.payload());
        assertEquals(20, moved.timestamp());
        moved.release();
        assertEquals(0, payload.refCnt());
    }

    @Test
    void runsAreSharedByKeyAndBoundedPerMessage() {
        MediaMessage first = video(0x27, 0x01, 0, 0, 0, 1);
        MediaMessage last = video(0x27, 0x01, 0, 0, 0, 2);
        AtomicInteger encoded = new AtomicInteger();
        Encoding run = (m, alloc) -> {
            encoded.incrementAndGet();
            return alloc.directBuffer().writeBytes(first.payload().duplicate()).writeBytes(m.payload().duplicate());
        };
        ByteBuf a = last.encodedRun(java.util.List.of(first, 7), ByteBufAllocator.DEFAULT, run);
        ByteBuf b = last.encodedRun(java.util.List.of(first, 7), ByteBufAllocator.DEFAULT, run);
        assertEquals(1, encoded.get(), "a second player with an equal key shares the first one's bytes");
        assertEquals(12, a.readableBytes());
        assertEquals(a, b);
        a.release();
        b.release();
        AtomicInteger wireForms = new AtomicInteger();
        Encoding wire = (m, alloc) -> {
            wireForms.incrementAndGet();
            return alloc.directBuffer().writeByte(2);
        };
        last.encoded(wire, ByteBufAllocator.DEFAULT).release();
        for (int base = 0; base < MediaMessage.MAX_CACHED_RUNS - 1; base++) {
            last.encodedRun(java.util.List.of(first, 100 + base), ByteBufAllocator.DEFAULT, run).release();
        }
        assertEquals(MediaMessage.MAX_CACHED_RUNS, encoded.get());
        assertEquals(null, last.encodedRun(java.util.List.of(first, -1), ByteBufAllocator.DEFAULT, run),
                "past the bound a player writes message by message");
        ByteBuf single = last.encoded((m, alloc) -> alloc.directBuffer().writeByte(1), ByteBufAllocator.DEFAULT);
        assertEquals(1, single.readableBytes(), "single-message encodings are not limited by the run bound");
        single.release();
        ByteBuf again = last.encoded(wire, ByteBufAllocator.DEFAULT);
        assertEquals(2, again.readByte(), "the wire form made before the runs is still found");
        assertEquals(1, wireForms.get(), "and not computed again");
        again.release();
        first.release();
        last.release();
    }

    @Test
    void theRunsAMessageCachesAreBoundedInBytesToo() {
        MediaMessage first = video(0x27, 0x01, 0, 0, 0, 1);
        MediaMessage last = video(0x27, 0x01, 0, 0, 0, 2);
        AtomicInteger encoded = new AtomicInteger();
        int caughtUp = MediaMessage.MAX_CACHED_RUN_BYTES / 2; // players behind drain long runs
        Encoding run = (m, alloc) -> {
            encoded.incrementAndGet();
            return alloc.directBuffer(caughtUp).writeZero(caughtUp);
        };
        RunKey probe = new RunKey();
        for (int base = 0; base < 2; base++) {
            secondAsk(last, probe.setLogRun("flv", first, 50, caughtUp, 7, base), run).release();
        }
        assertEquals(2, encoded.get());
        assertTrue(last.canCacheRun(0), "two runs of 32 allowed");
        assertFalse(last.canCacheRun(1), "but their bytes fill the budget");
        assertEquals(null, last.sharedRun(probe.setLogRun("flv", first, 2, 1000, 7, 99), ByteBufAllocator.DEFAULT,
                run), "past the budget a player writes message by message");
        assertEquals(2, encoded.get(), "and encodes nothing");
        ByteBuf cached = last.cacheRun(probe.setLogRun("flv", first, 2, 1000, 7, 98).copy(),
                Unpooled.directBuffer().writeByte(9));
        assertEquals(1, cached.refCnt(), "a run computed meanwhile comes back uncached, as the caller's own");
        cached.release();
        first.release();
        last.release();
    }

    @Test
    void aReusedKeyFindsARunOnlyWhileItDescribesTheSameMessages() {
        MediaMessage header = video(0x17, 0x00, 0, 0, 0, 1);
        MediaMessage otherHeader = video(0x17, 0x00, 0, 0, 0, 2); // same size, other bytes
        MediaMessage key = video(0x17, 0x01, 0, 0, 0, 3);
        MediaMessage last = video(0x27, 0x01, 0, 0, 0, 4);
        AtomicInteger encoded = new AtomicInteger();
        Encoding run = (m, alloc) -> alloc.directBuffer().writeByte(encoded.incrementAndGet());
        RunKey probe = new RunKey();
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        ByteBuf stored = last.sharedRun(probe.set("rtmp", List.of(header, key, last), 0), alloc, run);
        assertEquals(1, encoded.get(), "nothing cached yet: the first player computes the run");
        ByteBuf found = last.sharedRun(probe.set("rtmp", List.of(header, key, last), 0), alloc, run);
        assertEquals(1, encoded.get(), "an equal run is found with the reused key");
        assertEquals(stored, found);
        found.release();
        stored.release();
        last.sharedRun(probe.set("rtmp", List.of(header, key, last), 40), alloc, run).release();
        assertEquals(2, encoded.get(), "another base");
        last.sharedRun(probe.set("flv", List.of(header, key, last), 0), alloc, run).release();
        assertEquals(3, encoded.get(), "another format");
        last.sharedRun(probe.set("rtmp", List.of(otherHeader, key, last), 0), alloc, run).release();
        assertEquals(4, encoded.get(),
                "other headers in front of the same GOP: same ends, length and size, other messages");
        ByteBuf again = last.sharedRun(probe.set("rtmp", List.of(header, key, last), 0), alloc, run);
        assertEquals(4, encoded.get(), "setting the probe again did not change the cached key");
        assertEquals(1, again.getByte(again.readerIndex()), "the first run's bytes");
        again.release();
        for (MediaMessage m : List.of(header, otherHeader, key, last)) {
            m.release();
        }
    }

    @Test
    void aLongRunOnlyOnePlayerAsksForIsNeverCopied() {
        MediaMessage first = video(0x17, 0x01, 0, 0, 0, 1);
        MediaMessage last = video(0x27, 0x01, 0, 0, 0, 2);
        AtomicInteger encoded = new AtomicInteger();
        Encoding run = (m, alloc) -> alloc.directBuffer().writeByte(encoded.incrementAndGet());
        RunKey probe = new RunKey();
        long longRun = MediaMessage.MAX_RUN_BYTES_ON_FIRST_ASK + 1;
        ByteBuf window = last.sharedRun(probe.setLogRun("flv", first, 6, MediaMessage.MAX_RUN_BYTES_ON_FIRST_ASK, 500,
                0), ByteBufAllocator.DEFAULT, run);
        assertEquals(1, encoded.get(), "a window's run is cached by the first player that asks");
        window.release();
        for (int from = 1; from < MediaMessage.MAX_CACHED_RUNS; from++) {
            // players that fell behind, each catching up from a place of its own
            assertEquals(null, last.sharedRun(probe.setLogRun("flv", first, 40, longRun, from, 0),
                    ByteBufAllocator.DEFAULT, run));
        }
        assertEquals(1, encoded.get(), "no copy for any of them");
        assertFalse(last.canCacheRun(0), "their marks fill the list: a message keeps at most "
                + MediaMessage.MAX_CACHED_RUNS + " entries to walk");
        assertFalse(last.requestRun(probe.setLogRun("flv", first, 40, longRun, 99, 0)), "a new run is not marked");
        assertEquals(null, last.sharedRun(probe, ByteBufAllocator.DEFAULT, run),
                "so a second player asking for it writes message by message too");
        assertTrue(last.requestRun(probe.setLogRun("flv", first, 40, longRun, 3, 0)), "a marked run was asked for");
        assertEquals(1, encoded.get());
        first.release();
        last.release(); // marks hold no bytes; the leak detector would report a cached run never released
    }

    @Test
    void aLongRunIsCachedWhenASecondPlayerAsksForIt() {
        MediaMessage first = video(0x17, 0x01, 0, 0, 0, 1);
        MediaMessage last = video(0x27, 0x01, 0, 0, 0, 2);
        AtomicInteger encoded = new AtomicInteger();
        Encoding run = (m, alloc) -> alloc.directBuffer().writeByte(encoded.incrementAndGet());
        RunKey probe = new RunKey().setLogRun("flv", first, 40, MediaMessage.MAX_RUN_BYTES_ON_FIRST_ASK + 1, 7, 0);
        ByteBuf second = secondAsk(last, probe, run);
        ByteBuf third = last.sharedRun(probe, ByteBufAllocator.DEFAULT, run);
        assertEquals(1, encoded.get(), "computed once, by the second player");
        assertEquals(second, third, "and shared from then on");
        second.release();
        third.release();
        first.release();
        last.release();
    }

    @Test
    void droppedRunsAreReleasedAndNoneIsCachedAfterwards() {
        MediaMessage first = video(0x17, 0x01, 0, 0, 0, 1);
        MediaMessage last = video(0x27, 0x01, 0, 0, 0, 2);
        AtomicInteger encoded = new AtomicInteger();
        ByteBuf[] made = new ByteBuf[1];
        Encoding run = (m, alloc) -> made[0] = alloc.directBuffer().writeByte(encoded.incrementAndGet());
        RunKey probe = new RunKey().setLogRun("flv", first, 6, 100, 500, 0);
        ByteBuf taken = last.sharedRun(probe, ByteBufAllocator.DEFAULT, run);
        RunKey longRun = new RunKey().setLogRun("flv", first, 40, 1 << 20, 9, 0);
        assertFalse(last.requestRun(longRun), "a long run is marked at its first ask");
        last.dropRuns();
        assertEquals(1, made[0].refCnt(), "a player's reference stays good after the drop");
        assertEquals(1, taken.readByte());
        taken.release();
        assertEquals(0, made[0].refCnt(), "and the run is released with it");
        assertEquals(null, last.cachedRun(probe), "a dropped run is not found");
        assertEquals(null, last.sharedRun(probe, ByteBufAllocator.DEFAULT, run), "nor computed again");
        assertEquals(1, encoded.get());
        assertFalse(last.canCacheRun(0));
        assertFalse(last.requestRun(longRun), "marks go too");
        ByteBuf own = Unpooled.buffer(1);
        assertSame(own, last.cacheRun(probe.copy(), own), "a run computed meanwhile stays the player's");
        own.release();
        last.dropRuns(); // twice is harmless
        first.release();
        last.release();
    }

    @Test
    void runsDroppedWhilePlayersOnOtherThreadsLookThemUpAreReleasedOnce() throws Exception {
        // Unpooled buffers: a reference taken after the release fails at once, where a pooled one could be
        // another buffer's by then.
        ByteBufAllocator alloc = new io.netty.buffer.UnpooledByteBufAllocator(false);
        MediaMessage first = video(0x17, 0x01, 0, 0, 0, 1);
        for (int round = 0; round < 500; round++) {
            MediaMessage last = video(0x27, 0x01, 0, 0, 0, 2);
            List<ByteBuf> made = new java.util.concurrent.CopyOnWriteArrayList<>();
            Encoding run = (m, a) -> {
                ByteBuf b = alloc.heapBuffer(1).writeByte(7);
                made.add(b);
                return b;
            };
            RunKey probe = new RunKey();
            for (int from = 0; from < 4; from++) { // cached before the players start: they find and retain these
                last.sharedRun(probe.setLogRun("flv", first, 6, 100, from, 0), alloc, run).release();
            }
            int players = 2;
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(players);
            java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                    new java.util.concurrent.atomic.AtomicReference<>();
            List<Thread> threads = new java.util.ArrayList<>();
            for (int t = 0; t < players; t++) {
                int seed = t;
                Thread player = new Thread(() -> {
                    RunKey key = new RunKey();
                    try {
                        started.countDown();
                        for (int i = 0; i < 400; i++) {
                            // mostly the cached runs, now and then a new one (cached in a race with the drop)
                            int from = i % 16 == 15 ? 1000 * seed + i : i % 4;
                            ByteBuf b = last.sharedRun(key.setLogRun("flv", first, 6, 100, from, 0), alloc, run);
                            if (b != null) {
                                if (b.getByte(b.readerIndex()) != 7) {
                                    throw new AssertionError("a run's bytes changed under a player");
                                }
                                b.release();
                            }
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
                threads.add(player);
                player.start();
            }
            started.await();
            last.dropRuns(); // while both players look runs up
            for (Thread player : threads) {
                player.join(10_000);
                assertFalse(player.isAlive());
            }
            if (failure.get() != null) {
                throw new AssertionError("round " + round, failure.get());
            }
            assertTrue(made.size() >= 4);
            for (ByteBuf b : made) {
                assertEquals(0, b.refCnt(), "round " + round + ": every run computed is released, once");
            }
            last.release();
        }
        first.release();
    }

    /** What a long run's second asker gets: the first one was told to write message by message. */
    private static ByteBuf secondAsk(MediaMessage last, RunKey probe, Encoding run) {
        assertEquals(null, last.sharedRun(probe, ByteBufAllocator.DEFAULT, run), "the first asker copies nothing");
        ByteBuf bytes = last.sharedRun(probe, ByteBufAllocator.DEFAULT, run);
        assertTrue(bytes != null, "the second asker gets the run");
        return bytes;
    }
}
