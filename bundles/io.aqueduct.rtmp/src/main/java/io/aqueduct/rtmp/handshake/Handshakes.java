package io.aqueduct.rtmp.handshake;

import java.util.concurrent.ThreadLocalRandom;

/** Small helpers shared by both handshake roles. */
final class Handshakes {

    /** C0/S0: plain RTMP. */
    static final int RTMP_VERSION = 3;

    private Handshakes() {
    }

    /** A packet of random bytes with time and version fields 0. */
    static byte[] randomPacket() {
        byte[] packet = new byte[HandshakeDigest.PACKET_SIZE];
        ThreadLocalRandom.current().nextBytes(packet);
        writeInt(packet, 0, 0);
        writeInt(packet, 4, 0);
        return packet;
    }

    static void writeInt(byte[] b, int index, int value) {
        b[index] = (byte) (value >>> 24);
        b[index + 1] = (byte) (value >>> 16);
        b[index + 2] = (byte) (value >>> 8);
        b[index + 3] = (byte) value;
    }

    static int readInt(byte[] b, int index) {
        return (b[index] & 0xff) << 24 | (b[index + 1] & 0xff) << 16 | (b[index + 2] & 0xff) << 8
                | (b[index + 3] & 0xff);
    }
}
