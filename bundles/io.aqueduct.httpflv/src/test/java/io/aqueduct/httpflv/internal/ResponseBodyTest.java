package io.aqueduct.httpflv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseBodyTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final ChannelHandlerContext ctx = channel.pipeline().firstContext();

    @Test
    void aChunkedBodyWritesEachBatchAsOneChunkAndAFramedRunAsAChunkOfItsOwn() {
        ResponseBody body = new ResponseBody(ctx, true);
        body.add(text("FLV"));
        body.add(text("tag-one"));
        body.writeBatch();
        body.add(text("tag-two"));
        body.writeBatch();
        ByteBuf framed = Unpooled.directBuffer();
        body.frameStart(framed, 3);
        framed.writeCharSequence("run", StandardCharsets.US_ASCII);
        body.frameEnd(framed);
        body.writeFramed(framed);
        body.add(text("x".repeat(26)));
        body.writeBatch();
        body.closeChunk();
        body.flush();

        // The CRLF that ends a chunk goes in front of the next chunk's size, or before a framed run.
        assertEquals("a\r\nFLVtag-one" + "\r\n7\r\ntag-two" + "\r\n" + "3\r\nrun\r\n" + "1a\r\n" + "x".repeat(26)
                + "\r\n", written());
    }

    @Test
    void anHttp10BodyIsWrittenAsItIs() {
        ResponseBody body = new ResponseBody(ctx, false);
        body.add(text("FLV"));
        body.writeBatch();
        ByteBuf framed = Unpooled.directBuffer(body.framing() + 3);
        body.frameStart(framed, 3);
        framed.writeCharSequence("run", StandardCharsets.US_ASCII);
        body.frameEnd(framed);
        body.writeFramed(framed);
        body.closeChunk();
        body.flush();

        assertEquals("FLVrun", written());
    }

    @Test
    void nothingWrittenIsNothingFlushedAndAnUnwrittenBatchIsReleased() {
        ResponseBody body = new ResponseBody(ctx, true);
        body.writeBatch();
        body.flush();
        assertNull(channel.readOutbound());
        ByteBuf part = text("never sent");
        body.add(part);
        body.release();
        assertEquals(0, part.refCnt());
        channel.finishAndReleaseAll();
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private String written() {
        StringBuilder out = new StringBuilder();
        for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
            out.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        channel.finishAndReleaseAll();
        return out.toString();
    }
}
