package io.vfiorig.agent.vm;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Lists a (gzip'd) newc archive: to check an initramfs without unpacking it or needing the cpio command. */
public final class CpioEntries {
    /**
     * @param name  path inside the archive, without a leading slash
     * @param mode  type and permission bits (st_mode)
     * @param size  body length (for a symlink: the target's length)
     * @param body  the file's bytes, or the symlink's target; kept only up to 64 KiB (empty beyond)
     */
    public record Entry(String name, int mode, long size, int rdevMajor, int rdevMinor, byte[] body) {
        public boolean isDirectory() {
            return (mode & 0170000) == CpioWriter.S_IFDIR;
        }

        public boolean isFile() {
            return (mode & 0170000) == CpioWriter.S_IFREG;
        }

        public boolean isSymlink() {
            return (mode & 0170000) == CpioWriter.S_IFLNK;
        }

        public boolean isCharDevice() {
            return (mode & 0170000) == CpioWriter.S_IFCHR;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int KEEP_BODY = 64 * 1024;

    private CpioEntries() {}

    public static List<Entry> read(Path archive) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            return read(gzip ? new GZIPInputStream(raw, 1 << 16) : raw);
        }
    }

    public static List<Entry> read(InputStream in) throws IOException {
        List<Entry> out = new ArrayList<>();
        long[] pos = {0};
        while (true) {
            String h = new String(readExactly(in, 110, pos), StandardCharsets.US_ASCII);
            if (!h.startsWith(CpioWriter.MAGIC)) {
                throw new IOException("not a newc cpio header at offset " + (pos[0] - 110) + ": " + h.substring(0, 6));
            }
            int mode = field(h, 1);
            long size = Long.parseLong(h.substring(6 + 6 * 8, 6 + 7 * 8), 16);
            int rdevMajor = field(h, 9);
            int rdevMinor = field(h, 10);
            int nameSize = field(h, 11);
            byte[] nameBytes = readExactly(in, nameSize, pos);
            String name = new String(nameBytes, 0, nameSize - 1, StandardCharsets.UTF_8);
            skipPad(in, pos);
            if (name.equals(CpioWriter.TRAILER)) {
                return out;
            }
            byte[] body = size <= KEEP_BODY ? readExactly(in, (int) size, pos) : skip(in, size, pos);
            skipPad(in, pos);
            out.add(new Entry(name, mode, size, rdevMajor, rdevMinor, body));
        }
    }

    private static int field(String h, int index) {
        return (int) Long.parseLong(h.substring(6 + index * 8, 6 + (index + 1) * 8), 16);
    }

    private static byte[] readExactly(InputStream in, int n, long[] pos) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new IOException("truncated cpio archive at offset " + pos[0]);
        }
        pos[0] += n;
        return b;
    }

    private static byte[] skip(InputStream in, long n, long[] pos) throws IOException {
        in.skipNBytes(n);
        pos[0] += n;
        return new byte[0];
    }

    private static void skipPad(InputStream in, long[] pos) throws IOException {
        while (pos[0] % 4 != 0) {
            readExactly(in, 1, pos);
        }
    }
}
