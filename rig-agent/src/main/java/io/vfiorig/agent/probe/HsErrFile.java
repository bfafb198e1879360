package io.vfiorig.agent.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A HotSpot crash file (hs_err_pid*.log): finding it and naming the crash from its headline. */
public final class HsErrFile {
    private HsErrFile() {}

    /** The first hs_err file in {@code dir}, if the JVM left one. */
    public static Optional<Path> find(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("hs_err_pid")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The crash in one line, e.g. "Internal Error (assembler_x86.cpp:1175); ...", or "see FILE". */
    public static String headline(Path hsErr) {
        try (Stream<String> lines = Files.lines(hsErr)) {
            List<String> head = lines.limit(40).filter(l -> l.startsWith("#  ")).map(l -> l.substring(3).strip())
                    .filter(l -> !l.isEmpty()).limit(3).toList();
            return head.isEmpty() ? "see " + hsErr : String.join("; ", head);
        } catch (IOException e) {
            return "see " + hsErr;
        }
    }
}
