package io.vfiorig.agent.vm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Works out which modules the guest must insmod, in order, from a kernel's modules directory.
 *
 * <p>Debian's packages ship no modules.dep (depmod runs at install time) and busybox's insmod
 * loads one file without dependencies, so the order comes from each module's own
 * {@code .modinfo depends=} field. Modules are decompressed on the host (xz/zstd/gzip), because
 * busybox's insmod may not read compressed modules.
 */
public final class KernelModules {
    /**
     * What the guest needs: vfio-pci (pulls vfio, vfio-pci-core, irqbypass, ...), the type1 IOMMU
     * backend (vfio requests it by name, which needs modprobe, so load it explicitly), and 9p over
     * virtio. A root that is not a module file is taken as built in.
     */
    public static final List<String> GUEST_ROOTS = List.of("virtio_pci", "vfio_pci", "vfio_iommu_type1", "9pnet_virtio", "9p");

    /** One module to load. */
    public record Module(String name, Path file) {
        /** Archive name in the initramfs: always uncompressed. */
        public String initramfsName() {
            return name + ".ko";
        }
    }

    private KernelModules() {}

    /** Modules to load for {@link #GUEST_ROOTS}, dependencies first. */
    public static List<Module> guestModules(Path modulesDir) throws IOException {
        return loadOrder(modulesDir, GUEST_ROOTS);
    }

    /**
     * @param roots module names (dashes or underscores); roots with no file are assumed built in
     * @return every needed module once, each after the modules it depends on
     */
    public static List<Module> loadOrder(Path modulesDir, List<String> roots) throws IOException {
        Map<String, Path> index = index(modulesDir);
        LinkedHashMap<String, Module> order = new LinkedHashMap<>();
        for (String root : roots) {
            visit(canonical(root), index, order, new ArrayList<>(), false);
        }
        return List.copyOf(order.values());
    }

    private static void visit(String name, Map<String, Path> index, LinkedHashMap<String, Module> order,
            List<String> stack, boolean required) throws IOException {
        if (order.containsKey(name)) {
            return;
        }
        Path file = index.get(name);
        if (file == null) {
            if (required) { // a module names a dependency no file provides: the tree is incomplete
                throw new IOException("module " + name + " (needed by " + stack.getLast() + ") is not in the modules directory");
            }
            return; // a root that is built into this kernel
        }
        if (stack.contains(name)) {
            throw new IOException("module dependency cycle: " + String.join(" -> ", stack) + " -> " + name);
        }
        stack.add(name);
        for (String dep : depends(read(file))) {
            visit(canonical(dep), index, order, stack, true);
        }
        stack.removeLast();
        order.put(name, new Module(name, file));
    }

    /** Module name to file, over every {@code *.ko[.xz|.zst|.gz]} below the directory. */
    static Map<String, Path> index(Path modulesDir) throws IOException {
        Map<String, Path> index = new HashMap<>();
        try (Stream<Path> files = Files.walk(modulesDir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String f = p.getFileName().toString();
                int ko = f.indexOf(".ko");
                if (ko > 0 && Files.isRegularFile(p) && List.of("", ".xz", ".zst", ".gz").contains(f.substring(ko + 3))) {
                    index.putIfAbsent(canonical(f.substring(0, ko)), p);
                }
            }
        }
        return index;
    }

    /** The kernel treats '-' and '_' in module names alike. */
    static String canonical(String name) {
        return name.replace('-', '_');
    }

    /** The module's bytes, decompressed by its extension. */
    public static byte[] read(Path file) throws IOException {
        String f = file.getFileName().toString();
        if (f.endsWith(".ko")) {
            return Files.readAllBytes(file);
        }
        if (f.endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                return in.readAllBytes();
            }
        }
        if (f.endsWith(".xz")) {
            return decompress(HostTools.require("xz", "xz-utils"), file);
        }
        if (f.endsWith(".zst")) {
            return decompress(HostTools.require("zstd", "zstd"), file);
        }
        throw new IOException("unknown module compression: " + file);
    }

    private static byte[] decompress(Path tool, Path file) throws IOException {
        Process p = new ProcessBuilder(tool.toString(), "-dc", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        try {
            if (p.waitFor() != 0) {
                throw new IOException(tool.getFileName() + " -dc " + file + " failed (exit " + p.exitValue() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted decompressing " + file, e);
        }
        return out.toByteArray();
    }

    /** The {@code depends=} list of the ELF object's {@code .modinfo} section (empty if none). */
    static List<String> depends(byte[] elf) throws IOException {
        for (String field : modinfo(elf)) {
            if (field.startsWith("depends=")) {
                String v = field.substring("depends=".length());
                return v.isEmpty() ? List.of() : List.of(v.split(","));
            }
        }
        return List.of();
    }

    /** The NUL-separated {@code key=value} strings of {@code .modinfo}. */
    static List<String> modinfo(byte[] elf) throws IOException {
        if (elf.length < 64 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F' || elf[4] != 2) {
            throw new IOException("not a 64-bit ELF module");
        }
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(0x28);
        int shentsize = Short.toUnsignedInt(b.getShort(0x3A));
        int shnum = Short.toUnsignedInt(b.getShort(0x3C));
        int shstrndx = Short.toUnsignedInt(b.getShort(0x3E));
        long strOff = b.getLong((int) (shoff + (long) shstrndx * shentsize + 0x18));
        for (int i = 0; i < shnum; i++) {
            int sh = (int) (shoff + (long) i * shentsize);
            String name = cString(elf, (int) (strOff + Integer.toUnsignedLong(b.getInt(sh))));
            if (name.equals(".modinfo")) {
                int off = (int) b.getLong(sh + 0x18);
                int size = (int) b.getLong(sh + 0x20);
                List<String> fields = new ArrayList<>();
                for (String s : new String(elf, off, size, StandardCharsets.UTF_8).split("\0")) {
                    if (!s.isEmpty()) {
                        fields.add(s);
                    }
                }
                return fields;
            }
        }
        return List.of();
    }

    private static String cString(byte[] b, int off) {
        int end = off;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }
}
