package io.vfiorig.agent.vm;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes a "newc" cpio archive, the format the kernel unpacks as initramfs
 * (Documentation/driver-api/early-userspace/buffer-format.rst). Written here rather than with the
 * cpio command so the rig needs no extra package and can add device nodes (/dev/console) without
 * root. Entries get uid/gid 0 and mtime 0, so the same inputs give the same bytes.
 */
public final class CpioWriter implements Closeable {
    static final String MAGIC = "070701";
    static final String TRAILER = "TRAILER!!!";
    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;
    static final int S_IFLNK = 0120000;
    static final int S_IFCHR = 0020000;

    private final OutputStream out;
    private final Set<String> written = new HashSet<>();
    private long offset;
    private int inode = 1;
    private boolean finished;

    public CpioWriter(OutputStream out) {
        this.out = out;
    }

    /** A directory; parents are created as needed. Writing the same directory twice is a no-op. */
    public void dir(String path) throws IOException {
        String p = normalize(path);
        if (p.isEmpty() || written.contains(p)) {
            return;
        }
        parents(p);
        entry(p, S_IFDIR | 0755, 0, 0, new byte[0]);
    }

    public void file(String path, int perm, byte[] data) throws IOException {
        String p = normalize(path);
        parents(p);
        entry(p, S_IFREG | (perm & 07777), 0, 0, data);
    }

    public void symlink(String path, String target) throws IOException {
        String p = normalize(path);
        parents(p);
        entry(p, S_IFLNK | 0777, 0, 0, target.getBytes(StandardCharsets.UTF_8));
    }

    public void charDevice(String path, int perm, int major, int minor) throws IOException {
        String p = normalize(path);
        parents(p);
        entry(p, S_IFCHR | (perm & 07777), major, minor, new byte[0]);
    }

    /** Writes the trailer; the archive is complete after this. */
    public void finish() throws IOException {
        if (!finished) {
            header(TRAILER, 0, 0, 0, 0, 1);
            finished = true;
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }

    private void parents(String p) throws IOException {
        int slash = p.lastIndexOf('/');
        if (slash > 0) {
            dir(p.substring(0, slash));
        }
    }

    private void entry(String name, int mode, int rdevMajor, int rdevMinor, byte[] data) throws IOException {
        if (!written.add(name)) {
            throw new IOException("cpio: " + name + " written twice");
        }
        int nlink = (mode & 0170000) == S_IFDIR ? 2 : 1;
        header(name, mode, rdevMajor, rdevMinor, data.length, nlink);
        write(data);
        pad();
    }

    private void header(String name, int mode, int rdevMajor, int rdevMinor, int size, int nlink) throws IOException {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder(110).append(MAGIC);
        long[] fields = {name.equals(TRAILER) ? 0 : inode++, mode, 0, 0, nlink, 0, size, 0, 0, rdevMajor, rdevMinor,
                nameBytes.length, 0};
        for (long f : fields) {
            h.append(String.format("%08x", f));
        }
        write(h.toString().getBytes(StandardCharsets.US_ASCII));
        write(nameBytes);
        pad();
    }

    private void write(byte[] b) throws IOException {
        out.write(b);
        offset += b.length;
    }

    /** newc aligns each header and each file body to 4 bytes. */
    private void pad() throws IOException {
        while (offset % 4 != 0) {
            out.write(0);
            offset++;
        }
    }

    /** Archive paths are relative ("bin/busybox"), like the cpio command writes them. */
    static String normalize(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.contains("//") || p.equals("..") || p.startsWith("../") || p.contains("/../")) {
            throw new IllegalArgumentException("bad archive path: " + path);
        }
        return p;
    }
}
