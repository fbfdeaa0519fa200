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

    static final String PATTERN = "%d{ISO8601} %-5level [%t] %c{1} - %msg%n";

    private PaxLoggingProperties() {
    }

    /**
     * @param tank  {@code console} or {@code file}
     * @param level an SRS level
     * @param file  the absolute log file path, used when tank is {@code file}
     */
    static Map<String, Object> of(String tank, String level, String file) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("log4j2.rootLogger.level", log4jLevel(level));
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
