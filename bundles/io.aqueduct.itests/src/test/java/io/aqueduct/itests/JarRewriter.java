package io.aqueduct.itests;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Makes a changed copy of a bundle jar at test time, standing in for a rebuilt bundle: one manifest header added
 * and one text replaced in one entry. Compiling changed classes inside the framework would prove no more about
 * {@code Bundle.update}, which swaps the whole jar either way.
 */
final class JarRewriter {

    private JarRewriter() {
    }

    /**
     * Copies {@code from} to {@code to} with the header {@code name: value} added to the manifest and {@code before}
     * replaced by {@code after} in the entry {@code entry}.
     *
     * @return {@code to}
     * @throws AssertionError when the jar has no manifest, no such entry, or the entry does not contain {@code before}
     */
    static File rewrite(File from, File to, String name, String value, String entry, String before, String after)
            throws IOException {
        try (JarInputStream in = new JarInputStream(new FileInputStream(from))) {
            Manifest manifest = in.getManifest();
            if (manifest == null) {
                throw new AssertionError(from + " has no manifest");
            }
            manifest.getMainAttributes().put(new Attributes.Name(name), value);
            boolean replaced = false;
            try (JarOutputStream out = new JarOutputStream(new FileOutputStream(to), manifest)) {
                JarEntry e;
                while ((e = in.getNextJarEntry()) != null) {
                    byte[] bytes = in.readAllBytes();
                    if (e.getName().equals(entry)) {
                        String text = new String(bytes, StandardCharsets.UTF_8);
                        if (!text.contains(before)) {
                            throw new AssertionError(entry + " does not contain " + before);
                        }
                        bytes = text.replace(before, after).getBytes(StandardCharsets.UTF_8);
                        replaced = true;
                    }
                    out.putNextEntry(new JarEntry(e.getName()));
                    out.write(bytes);
                    out.closeEntry();
                }
            }
            if (!replaced) {
                throw new AssertionError(from + " has no entry " + entry);
            }
        }
        return to;
    }
}
