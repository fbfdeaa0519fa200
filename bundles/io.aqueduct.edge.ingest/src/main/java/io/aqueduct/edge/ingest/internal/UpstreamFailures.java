package io.aqueduct.edge.ingest.internal;

import io.aqueduct.rtmp.client.RtmpStatusException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Why an upstream failed, in words for logs and {@code edge:list}. */
final class UpstreamFailures {

    private UpstreamFailures() {
    }

    /** The error under the future wrappers. */
    static Throwable cause(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    static String describe(Throwable error) {
        Throwable e = cause(error);
        if (e instanceof RtmpStatusException s) {
            return "refused: " + s.getMessage();
        }
        if (e instanceof TimeoutException) {
            return "no answer in time";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
