package io.aqueduct.httpflv.internal;

/**
 * One vhost's HTTP-FLV mount, as its {@code http_remux} block configures it.
 *
 * @param vhost   the vhost the mount belongs to
 * @param enabled whether streams of that vhost are served over HTTP-FLV
 * @param pattern the URL pattern
 */
record Mount(String vhost, boolean enabled, MountPattern pattern) {
}
