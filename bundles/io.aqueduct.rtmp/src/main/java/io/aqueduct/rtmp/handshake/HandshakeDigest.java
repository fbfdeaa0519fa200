package io.aqueduct.rtmp.handshake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The digest arithmetic of the complex handshake. A C1/S1 packet (1536 bytes) is time (4), version (4) and two
 * 764-byte blocks; its 32-byte digest sits in the first block (schema 0, offset from bytes 8-11) or the second one
 * (schema 1, offset from bytes 772-775) and covers the whole packet except itself. A C2/S2 packet ends with a digest
 * of its first 1504 bytes, keyed with the HMAC of the peer's C1/S1 digest.
 */
final class HandshakeDigest {

    static final int PACKET_SIZE = 1536;
    static final int DIGEST_SIZE = 32;
    static final int SCHEMA_0 = 0;
    static final int SCHEMA_1 = 1;

    private static final byte[] KEY_TAIL = {
        (byte) 0xF0, (byte) 0xEE, (byte) 0xC2, (byte) 0x4A, (byte) 0x80, (byte) 0x68, (byte) 0xBE, (byte) 0xE8,
        (byte) 0x2E, (byte) 0x00, (byte) 0xD0, (byte) 0xD1, (byte) 0x02, (byte) 0x9E, (byte) 0x7E, (byte) 0x57,
        (byte) 0x6E, (byte) 0xEC, (byte) 0x5D, (byte) 0x2D, (byte) 0x29, (byte) 0x80, (byte) 0x6F, (byte) 0xAB,
        (byte) 0x93, (byte) 0xB8, (byte) 0xE6, (byte) 0x36, (byte) 0xCF, (byte) 0xEB, (byte) 0x31, (byte) 0xAE,
    };
    /** "Genuine Adobe Flash Player 001" + tail (62 bytes); the first 30 bytes key C1. */
    static final byte[] CLIENT_KEY = concat("Genuine Adobe Flash Player 001", KEY_TAIL);
    static final int CLIENT_KEY_C1_LENGTH = 30;
    /** "Genuine Adobe Flash Media Server 001" + tail (68 bytes); the first 36 bytes key S1. */
    static final byte[] SERVER_KEY = concat("Genuine Adobe Flash Media Server 001", KEY_TAIL);
    static final int SERVER_KEY_S1_LENGTH = 36;

    private HandshakeDigest() {
    }

    /** Where the digest of a C1/S1 packet sits in {@code schema}. */
    static int digestOffset(byte[] packet, int schema) {
        int base = schema == SCHEMA_0 ? 8 : 772;
        int sum = (packet[base] & 0xff) + (packet[base + 1] & 0xff) + (packet[base + 2] & 0xff)
                + (packet[base + 3] & 0xff);
        return sum % 728 + base + 4;
    }

    /** The digest a C1/S1 packet should carry at {@code offset}. */
    static byte[] packetDigest(byte[] packet, int offset, byte[] key, int keyLength) {
        Mac mac = hmac(key, keyLength);
        mac.update(packet, 0, offset);
        mac.update(packet, offset + DIGEST_SIZE, PACKET_SIZE - offset - DIGEST_SIZE);
        return mac.doFinal();
    }

    /** Finds the schema whose digest is valid, or -1. */
    static int findSchema(byte[] packet, byte[] key, int keyLength) {
        for (int schema : new int[] {SCHEMA_0, SCHEMA_1}) {
            int offset = digestOffset(packet, schema);
            byte[] expected = packetDigest(packet, offset, key, keyLength);
            if (MessageDigest.isEqual(expected, Arrays.copyOfRange(packet, offset, offset + DIGEST_SIZE))) {
                return schema;
            }
        }
        return -1;
    }

    /** Writes the digest into a C1/S1 packet whose other bytes are final. */
    static void imprint(byte[] packet, int schema, byte[] key, int keyLength) {
        int offset = digestOffset(packet, schema);
        System.arraycopy(packetDigest(packet, offset, key, keyLength), 0, packet, offset, DIGEST_SIZE);
    }

    static byte[] digestAt(byte[] packet, int schema) {
        int offset = digestOffset(packet, schema);
        return Arrays.copyOfRange(packet, offset, offset + DIGEST_SIZE);
    }

    /** The digest ending a C2/S2 packet that answers the peer digest {@code peerDigest}. */
    static byte[] responseDigest(byte[] response, byte[] peerDigest, byte[] key) {
        Mac keyMac = hmac(key, key.length);
        byte[] responseKey = keyMac.doFinal(peerDigest);
        Mac mac = hmac(responseKey, responseKey.length);
        mac.update(response, 0, PACKET_SIZE - DIGEST_SIZE);
        return mac.doFinal();
    }

    /** Writes the closing digest into a C2/S2 packet. */
    static void imprintResponse(byte[] response, byte[] peerDigest, byte[] key) {
        System.arraycopy(responseDigest(response, peerDigest, key), 0, response, PACKET_SIZE - DIGEST_SIZE,
                DIGEST_SIZE);
    }

    static boolean isValidResponse(byte[] response, byte[] peerDigest, byte[] key) {
        return MessageDigest.isEqual(responseDigest(response, peerDigest, key),
                Arrays.copyOfRange(response, PACKET_SIZE - DIGEST_SIZE, PACKET_SIZE));
    }

    private static Mac hmac(byte[] key, int keyLength) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, 0, keyLength, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    private static byte[] concat(String text, byte[] tail) {
        byte[] head = text.getBytes(StandardCharsets.US_ASCII);
        byte[] key = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, key, head.length, tail.length);
        return key;
    }
}
