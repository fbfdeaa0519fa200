package io.aqueduct.rtmp.client;

/**
 * The server refused a request: an {@code _error} answer or an {@code onStatus} of level {@code error}, such as
 * {@code NetStream.Publish.BadName} or {@code NetConnection.Connect.Rejected}.
 */
public class RtmpStatusException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String description;

    public RtmpStatusException(String code, String description) {
        super(code + (description == null || description.isEmpty() ? "" : ": " + description));
        this.code = code;
        this.description = description;
    }

    /** The status code, e.g. {@code NetStream.Publish.BadName}; {@code null} when the server gave none. */
    public String code() {
        return code;
    }

    /** The server's description, possibly {@code null}. */
    public String description() {
        return description;
    }
}
