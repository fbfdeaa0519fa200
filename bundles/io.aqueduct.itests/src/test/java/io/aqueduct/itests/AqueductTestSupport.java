package io.aqueduct.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * What every in-framework test shares: the bundles of a full server (core, RTMP, HTTP-FLV, forward, edge ingest and
 * edge publish) in a real Felix, and small helpers to configure them through Configuration Admin and wait on sockets
 * with deadlines.
 */
public abstract class AqueductTestSupport {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    @Inject
    protected BundleContext context;

    @Inject
    protected ConfigurationAdmin configAdmin;

    protected static Option[] origin() {
        return options(
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                mavenBundle("org.ops4j.pax.logging", "pax-logging-api").versionAsInProject().startLevel(1),
                mavenBundle("org.osgi", "org.osgi.util.function").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.util.promise").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.service.component").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.scr").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.gogo.runtime").versionAsInProject(),
                mavenBundle("io.netty", "netty-common").versionAsInProject(),
                mavenBundle("io.netty", "netty-buffer").versionAsInProject(),
                mavenBundle("io.netty", "netty-resolver").versionAsInProject(),
                mavenBundle("io.netty", "netty-transport").versionAsInProject(),
                mavenBundle("io.netty", "netty-codec-base").versionAsInProject(),
                mavenBundle("io.netty", "netty-codec-compression").versionAsInProject(),
                mavenBundle("io.netty", "netty-transport-native-unix-common").versionAsInProject(),
                mavenBundle("io.netty", "netty-codec-http").versionAsInProject(),
                mavenBundle("io.netty", "netty-handler").versionAsInProject(),
                ours("io.aqueduct.stream.api"),
                ours("io.aqueduct.stream"),
                ours("io.aqueduct.amf"),
                ours("io.aqueduct.rtmp"),
                ours("io.aqueduct.rtmp.server"),
                ours("io.aqueduct.httpflv"),
                ours("io.aqueduct.forward"),
                ours("io.aqueduct.edge.ingest"),
                ours("io.aqueduct.edge.publish"),
                junitBundles(),
                cleanCaches());
    }

    private static Option ours(String name) {
        File dir = new File(System.getProperty("aqueduct.itBundles", "target/it-bundles"));
        return bundle(new File(dir, name + ".jar").toURI().toString());
    }

    /**
     * A port free on 127.0.0.1 now, below the kernel's ephemeral range (32768 and up by default), so that no client
     * socket can take it before the server under test binds it, and never the same one twice in this JVM. (A port
     * from {@code new ServerSocket(0)} once came back "in use" when the HTTP server bound it.)
     */
    protected static int freePort() throws IOException {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException inUse) {
                // try another
            }
        }
        throw new IOException("no free TCP port between 20000 and 31999 on 127.0.0.1");
    }

    protected static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    protected static void await(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            LockSupport.parkNanos(10_000_000);
        }
    }

    /** Writes a singleton configuration, as the SRS config translator does. */
    protected void configure(String pid, Object... keyValues) throws IOException {
        Configuration c = configAdmin.getConfiguration(pid, "?");
        c.update(dictionary(keyValues));
    }

    /** Writes a named factory configuration (e.g. a vhost), as the SRS config translator does. */
    protected void configureFactory(String factoryPid, String name, Object... keyValues) throws IOException {
        Configuration c = configAdmin.getFactoryConfiguration(factoryPid, name, "?");
        c.update(dictionary(keyValues));
    }

    /** Serves the default vhost's live streams over HTTP-FLV at {@code http://127.0.0.1:port/APP/STREAM.flv}. */
    protected void configureHttpFlv(int port) throws IOException {
        configure("io.aqueduct.http.server", "enabled", true, "listen", new String[] {"127.0.0.1:" + port});
        configureFactory("io.aqueduct.httpflv.remux", "__defaultVhost__", "vhost", "__defaultVhost__",
                "enabled", true, "mount", "[vhost]/[app]/[stream].flv");
    }

    /**
     * Makes {@code vhost} an edge of this very server: its players pull, and its publishers are relayed, from and to
     * the default vhost at {@code 127.0.0.1:rtmpPort}. One framework then holds both sides of a cluster.
     */
    protected void configureEdgeOfItself(String vhost, int rtmpPort) throws IOException {
        configureFactory("io.aqueduct.vhost", vhost, "name", vhost);
        configureFactory("io.aqueduct.edge", vhost, "vhost", vhost, "mode", "remote",
                "origin", new String[] {"127.0.0.1:" + rtmpPort}, "upstream_vhost", "__defaultVhost__");
    }

    private static Dictionary<String, Object> dictionary(Object... keyValues) {
        Hashtable<String, Object> d = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            d.put((String) keyValues[i], keyValues[i + 1]);
        }
        return d;
    }

    /** A bundle operation (stop, start, update, uninstall, install) for hot-swap steps. */
    @FunctionalInterface
    protected interface BundleAction {
        void run() throws BundleException;
    }

    protected Bundle installed(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().equals(symbolicName)) {
                return b;
            }
        }
        throw new AssertionError("bundle " + symbolicName + " not installed");
    }
}
