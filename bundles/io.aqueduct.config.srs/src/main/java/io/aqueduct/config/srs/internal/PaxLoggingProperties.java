package io.aqueduct.config.srs.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the pax-logging configuration ({@code org.ops4j.pax.logging}, log4j2 properties syntax with keys prefixed
 * {@code log4j2.}) for SRS's {@code srs_log_tank}, {@code srs_log_level} and {@code srs_log_file}.
 *
 * <p>SRS levels map one step "down" because SRS's {@code trace} is its normal level, the one log4j calls INFO:
 * verbose→TRACE, info→DEBUG, trace→INFO, warn→WARN, error→ERROR.
 */
final class PaxLoggingProperties {

    /** The distribution's default pattern (etc/org.ops4j.pax.logging.cfg), so lines keep one shape. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %-20.20c{1} [%t] %msg%n%throwable";

    private PaxLoggingProperties() {
    }

    /**
     * @param tank  {@code console} or {@code file}
     * @param level an SRS level
     * @param file  the absolute log file path, used when tank is {@code file}
     */
    static Map<String, Object> of(String tank, String level, String file) {
        Map<String, Object> p = new LinkedHashMap<>();
        String aqueductLevel = log4jLevel(level);
        // The SRS level is about the server's own log lines; libraries (Netty, Felix) stay at WARN unless less is asked.
        p.put("log4j2.rootLogger.level", "ERROR".equals(aqueductLevel) ? "ERROR" : "WARN");
        p.put("log4j2.logger.aqueduct.name", "io.aqueduct");
        p.put("log4j2.logger.aqueduct.level", aqueductLevel);
        p.put("log4j2.rootLogger.appenderRef.srs.ref", "srs");
        p.put("log4j2.appender.srs.name", "srs");
        p.put("log4j2.appender.srs.layout.type", "PatternLayout");
        p.put("log4j2.appender.srs.layout.pattern", PATTERN);
        if ("file".equals(tank)) {
            p.put("log4j2.appender.srs.type", "File");
            p.put("log4j2.appender.srs.fileName", file);
            p.put("log4j2.appender.srs.append", "true");
        } else {
            p.put("log4j2.appender.srs.type", "Console");
        }
        return p;
    }

    static String log4jLevel(String srsLevel) {
        switch (srsLevel) {
            case "verbose":
                return "TRACE";
            case "info":
                return "DEBUG";
            case "warn":
                return "WARN";
            case "error":
                return "ERROR";
            default:
                return "INFO";
        }
    }
}
