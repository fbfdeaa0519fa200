package io.aqueduct.config.srs.internal;

import static io.aqueduct.config.srs.internal.Directive.block;
import static io.aqueduct.config.srs.internal.Directive.ignored;
import static io.aqueduct.config.srs.internal.Directive.unsupported;
import static io.aqueduct.config.srs.internal.Directive.value;
import static io.aqueduct.config.srs.internal.Directive.valueWithoutDefault;
import static io.aqueduct.config.srs.internal.ValueKind.destinations;
import static io.aqueduct.config.srs.internal.ValueKind.flag;
import static io.aqueduct.config.srs.internal.ValueKind.integer;
import static io.aqueduct.config.srs.internal.ValueKind.listenAddresses;
import static io.aqueduct.config.srs.internal.ValueKind.oneOf;
import static io.aqueduct.config.srs.internal.ValueKind.path;
import static io.aqueduct.config.srs.internal.ValueKind.servers;
import static io.aqueduct.config.srs.internal.ValueKind.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The directives Aqueduct understands, in one table: where each may appear, its type, the configuration PID and
 * key it is written to, and its default. To support a new directive, add a row here (and a {@link Target} if it
 * goes to a new PID). Defaults follow SRS where SRS has one.
 */
final class SrsSchema {

    /** Directives SRS knows that Aqueduct does not implement: each use gets one "not supported" warning. */
    private static final Map<Section, List<String>> UNSUPPORTED = Map.of(
            Section.ROOT, List.of("http_api", "stats", "heartbeat", "srt_server", "rtc_server", "stream_caster",
                    "exporter", "circuit_breaker", "tencentcloud_cls", "tencentcloud_apm", "rtsp_server", "ingest",
                    "work_dir", "asprocess", "grace_start_wait", "grace_final_wait", "force_grace_quit",
                    "inotify_auto_reload", "auto_reload_for_docker", "utc_time", "query_latest_version",
                    "first_wait_for_qlv", "threads", "in_docker", "disable_daemon_for_docker", "empty_ip_ok"),
            Section.VHOST, List.of("hls", "dvr", "hds", "dash", "rtc", "srt", "transcode", "exec", "ingest",
                    "security", "refer", "http_hooks", "http_static", "bandcheck", "tcp_nodelay",
                    "in_ack_size", "out_ack_size", "debug_srs_upnode", "mix_correct", "atc", "atc_auto", "mr",
                    "mr_latency", "send_min_interval", "reduce_sequence_header"),
            Section.PLAY, List.of("mw_msgs", "atc", "atc_auto", "mix_correct", "send_min_interval",
                    "reduce_sequence_header", "gop_cache_max_frames"),
            Section.PUBLISH, List.of("mr", "mr_latency", "parse_sps", "try_annexb_first", "kickoff_for_idle"),
            Section.HTTP_SERVER, List.of("crossdomain", "https"),
            Section.HTTP_REMUX, List.of("fast_cache", "drop_if_not_match", "has_audio", "has_video",
                    "guess_has_av"),
            Section.CLUSTER, List.of("token_traverse", "debug_srs_upnode", "coworkers", "origin_cluster"));

    private static final List<Directive> DIRECTIVES = List.of(
            // Top level: the RTMP listener and process-wide settings.
            value(Section.ROOT, "listen", Target.RTMP_SERVER, "listen", listenAddresses(), "1935"),
            value(Section.ROOT, "max_connections", Target.RTMP_SERVER, "max_connections", integer(1, 1_000_000),
                    "1000"),
            value(Section.ROOT, "chunk_size", Target.RTMP_SERVER, "chunk_size", integer(128, 65536), "60000"),
            value(Section.ROOT, "pid", Target.SERVER, "pid", path(), "./objs/srs.pid"),
            value(Section.ROOT, "daemon", Target.SERVER, "daemon", flag(), "off"),
            value(Section.ROOT, "srs_log_tank", Target.SERVER, "srs_log_tank", oneOf("console", "file"), "console"),
            value(Section.ROOT, "srs_log_level", Target.SERVER, "srs_log_level",
                    oneOf("verbose", "info", "trace", "warn", "error"), "trace"),
            value(Section.ROOT, "srs_log_file", Target.SERVER, "srs_log_file", path(), "./objs/srs.log"),
            ignored(Section.ROOT, "ff_log_dir"),
            ignored(Section.ROOT, "ff_log_level"),
            block(Section.ROOT, "http_server", Section.HTTP_SERVER),
            block(Section.ROOT, "vhost", Section.VHOST),

            value(Section.HTTP_SERVER, "enabled", Target.HTTP_SERVER, "enabled", flag(), "off"),
            value(Section.HTTP_SERVER, "listen", Target.HTTP_SERVER, "listen", listenAddresses(), "8080"),
            value(Section.HTTP_SERVER, "dir", Target.HTTP_SERVER, "dir", path(), "./objs/nginx/html"),

            // Per vhost; "play" and "publish" blocks write into the vhost's own configuration.
            value(Section.VHOST, "enabled", Target.VHOST, "enabled", flag(), "on"),
            // No default here: the global chunk_size applies (see ConfigTranslation).
            valueWithoutDefault(Section.VHOST, "chunk_size", Target.VHOST, "chunk_size", integer(128, 65536)),
            // Older SRS versions put the play settings directly in the vhost; their defaults are the play rows'.
            valueWithoutDefault(Section.VHOST, "gop_cache", Target.VHOST, "gop_cache", flag()),
            valueWithoutDefault(Section.VHOST, "queue_length", Target.VHOST, "queue_length", integer(1, 3600)),
            valueWithoutDefault(Section.VHOST, "time_jitter", Target.VHOST, "time_jitter",
                    oneOf("full", "zero", "off")),
            valueWithoutDefault(Section.VHOST, "mw_latency", Target.VHOST, "mw_latency", integer(0, 10_000)),
            // SRS's low-latency switch: without an explicit mw_latency, players are written at once.
            valueWithoutDefault(Section.VHOST, "min_latency", Target.VHOST, "min_latency", flag()),
            block(Section.VHOST, "play", Section.PLAY),
            block(Section.VHOST, "publish", Section.PUBLISH),
            block(Section.VHOST, "http_remux", Section.HTTP_REMUX),
            block(Section.VHOST, "forward", Section.FORWARD),
            block(Section.VHOST, "cluster", Section.CLUSTER),

            value(Section.PLAY, "gop_cache", Target.VHOST, "gop_cache", flag(), "on"),
            value(Section.PLAY, "queue_length", Target.VHOST, "queue_length", integer(1, 3600), "30"),
            value(Section.PLAY, "time_jitter", Target.VHOST, "time_jitter", oneOf("full", "zero", "off"), "full"),
            // 90 ms, not SRS's 350: a quarter of the CPU per delivered bit of writing at once, at a median latency
            // of about 50 ms; not 100, where 25 fps frames fall at five phases 20 ms apart before a tick and the
            // median moves from 40 to 60 ms with the phase (bench/RESULTS.md). mw_latency 0 or min_latency on
            // writes at once.
            value(Section.PLAY, "mw_latency", Target.VHOST, "mw_latency", integer(0, 10_000), "90"),

            value(Section.PUBLISH, "normal_timeout", Target.VHOST, "publish_normal_timeout",
                    integer(0, 3_600_000), "5000"),
            value(Section.PUBLISH, "firstpkt_timeout", Target.VHOST, "publish_firstpkt_timeout",
                    integer(0, 3_600_000), "20000"),

            value(Section.HTTP_REMUX, "enabled", Target.HTTP_REMUX, "enabled", flag(), "off"),
            value(Section.HTTP_REMUX, "mount", Target.HTTP_REMUX, "mount", text(), "[vhost]/[app]/[stream].flv"),
            value(Section.HTTP_REMUX, "hstrs", Target.HTTP_REMUX, "hstrs", flag(), "on"),

            value(Section.FORWARD, "enabled", Target.FORWARD, "enabled", flag(), "off"),
            value(Section.FORWARD, "destination", Target.FORWARD, "destination", destinations()),
            valueWithoutDefault(Section.FORWARD, "backend", Target.FORWARD, "backend", text()),

            value(Section.CLUSTER, "mode", Target.EDGE, "mode", oneOf("local", "remote"), "local"),
            value(Section.CLUSTER, "origin", Target.EDGE, "origin", servers()),
            // No default here: the vhost's own name applies (see ConfigTranslation).
            valueWithoutDefault(Section.CLUSTER, "vhost", Target.EDGE, "upstream_vhost", text()),
            value(Section.CLUSTER, "protocol", Target.EDGE, "protocol", oneOf("rtmp", "flv", "flvs"), "rtmp"));

    private static final Map<String, Directive> BY_SECTION_AND_NAME = index();

    private SrsSchema() {
    }

    /** The directive with that name in that section, if Aqueduct knows it. */
    static Optional<Directive> lookup(Section section, String name) {
        return Optional.ofNullable(BY_SECTION_AND_NAME.get(section + "/" + name));
    }

    /** The value directives with a default that write to the target, used to fill a new configuration. */
    static List<Directive> defaultsFor(Target target) {
        return DIRECTIVES.stream()
                .filter(d -> d.role() == Directive.Role.VALUE && d.target() == target && d.defaultArgs() != null)
                .collect(Collectors.toList());
    }

    private static Map<String, Directive> index() {
        List<Directive> all = new ArrayList<>(DIRECTIVES);
        UNSUPPORTED.forEach((section, names) -> names.forEach(n -> all.add(unsupported(section, n))));
        Map<String, Directive> index = new HashMap<>();
        // Supported rows come first, so a name listed both ways stays supported.
        for (Directive d : all) {
            index.putIfAbsent(d.section() + "/" + d.name(), d);
        }
        return index;
    }
}
