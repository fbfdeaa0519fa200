package io.aqueduct.stream.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class MediaBuffersTest {

    private static final int PLAYERS = 1000;

    @Test
    void playersWriteASharedBufferWithoutAllocating() throws Exception {
        ByteBuf shared = untracked(() -> MediaBuffers.allocator().directBuffer(4096).writeZero(4096));
        long[] allocated = {-1};
        // On an event loop's kind of thread, as players write: Netty recycles objects on those.
        Thread loop = new FastThreadLocalThread(() -> {
            ByteBuf[] inFlight = new ByteBuf[PLAYERS];
            for (int round = 0; round < 100; round++) {
                writeToPlayers(shared, inFlight); // fills the duplicates' recycler (it keeps one new object in eight)
            }
            allocated[0] = allocatedBytes(() -> {
                for (int round = 0; round < 10; round++) {
                    writeToPlayers(shared, inFlight);
                }
            });
        });
        try {
            loop.start();
            loop.join(30_000);
            assertFalse(loop.isAlive());
            // An allocating duplicate costs 40+ bytes (the adaptive allocator: 400 KB for these 10 000).
            assertTrue(allocated[0] >= 0 && allocated[0] < 100_000,
                    "allocated " + allocated[0] + " bytes for 10 000 duplicates");
        } finally {
            shared.release();
        }
    }

    @Test
    void theAllocatorPools() {
        ByteBufAllocator alloc = MediaBuffers.allocator();
        ByteBuf b = alloc.directBuffer(16);
        try {
            assertTrue(alloc.isDirectBufferPooled());
            assertTrue(b.isDirect());
        } finally {
            b.release();
        }
    }

    /** What a window does: each player holds a duplicate until its socket took it, then releases it. */
    private static void writeToPlayers(ByteBuf shared, ByteBuf[] inFlight) {
        for (int i = 0; i < inFlight.length; i++) {
            inFlight[i] = shared.retainedDuplicate();
        }
        for (ByteBuf d : inFlight) {
            d.release();
        }
    }

    /**
     * Tests run with PARANOID leak detection, which wraps each buffer and records every duplicate (allocating);
     * a buffer allocated with detection off has plain, recycled duplicates, as in production.
     */
    private static ByteBuf untracked(Supplier<ByteBuf> allocation) {
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        try {
            return allocation.get();
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
    }

    private static long allocatedBytes(Runnable work) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        work.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
