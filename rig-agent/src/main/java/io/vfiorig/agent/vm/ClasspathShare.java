package io.vfiorig.agent.vm;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts a JVM class path (jars in ~/.m2, target/classes folders, ...) into one folder the guest
 * mounts read-only, so the guest JVM (the probe) runs the same code as the host with one 9p share
 * instead of one per scattered folder, and without exposing the rest of the host's files.
 *
 * @param share         the read-only share to add to the guest
 * @param guestClassPath the class path to use in the guest
 */
public record ClasspathShare(Share share, String guestClassPath) {
    public static final String TAG = "rigcp";
    public static final String GUEST_PATH = "/rig/cp";

    /**
     * @param entries  the host class path, in order (e.g. {@code java.class.path} split on ':')
     * @param stageDir emptied and refilled: entry i becomes {@code NN-name} (jar hard-linked or copied, folder copied)
     */
    public static ClasspathShare stage(List<Path> entries, Path stageDir) throws IOException {
        deleteTree(stageDir);
        Files.createDirectories(stageDir);
        List<String> guest = new ArrayList<>();
        int i = 0;
        for (Path e : entries) {
            if (!Files.exists(e)) {
                continue; // the JVM ignores missing class path entries too
            }
            String name = String.format("%02d-%s", i++, e.getFileName());
            Path target = stageDir.resolve(name);
            if (Files.isDirectory(e)) {
                copyTree(e, target);
            } else {
                link(e, target);
            }
            guest.add(GUEST_PATH + "/" + name);
        }
        return new ClasspathShare(Share.readOnly(TAG, stageDir, GUEST_PATH), String.join(":", guest));
    }

    /** This JVM's class path. */
    public static List<Path> currentClassPath() {
        List<Path> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(":")) {
            if (!e.isBlank()) {
                out.add(Path.of(e).toAbsolutePath());
            }
        }
        return out;
    }

    /** Hard link where the file system allows (no copy of large jars), else copy. */
    private static void link(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from.toRealPath());
        } catch (IOException | UnsupportedOperationException e) {
            if (e instanceof FileAlreadyExistsException) {
                throw (IOException) e;
            }
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
