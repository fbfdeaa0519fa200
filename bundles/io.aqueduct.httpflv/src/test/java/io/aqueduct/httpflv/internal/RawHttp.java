package io.aqueduct.httpflv.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** A plain socket speaking HTTP/1.x byte by byte, for exact requests (broken ones too) and exact answers. */
final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    RawHttp(int port) throws IOException {
        this(port, 0);
    }

    /** @param receiveBuffer the socket's receive buffer (0: the system's), small for a client that stalls */
    RawHttp(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
    }

    RawHttp send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** The status line and headers, up to the blank line; lower-cased header names are not assumed. */
    String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head.size() + " bytes of head: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Decodes a chunked body until at least {@code minBytes} arrived or the last chunk came. */
    byte[] readChunked(int minBytes) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (body.size() < minBytes) {
            String sizeLine = readLine();
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                readLine();
                break;
            }
            body.write(in.readNBytes(size));
            if (!readLine().isEmpty()) {
                throw new IOException("no CRLF after a chunk");
            }
        }
        return body.toByteArray();
    }

    /** Fills {@code buf} from the stream; returns how many bytes came before the end. */
    int readExactly(byte[] buf) throws IOException {
        return in.readNBytes(buf, 0, buf.length);
    }

    /** Everything until the peer closes. */
    byte[] readToEnd() throws IOException {
        return in.readAllBytes();
    }

    /** Whether the peer closed the connection (EOF or reset) before the socket timeout. */
    boolean closedByPeer() throws IOException {
        try {
            byte[] buf = new byte[8192];
            while (true) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
        } catch (SocketException e) {
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("closed in a line");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    void setTimeout(int millis) throws SocketException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
