package io.vfiorig.controller.inventory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code inventory.yaml}. Either the whole lab comes back, valid, or an
 * {@link InventoryException} lists every problem with file:line:column, the path in the document,
 * what is wrong and the fix. Nothing else is thrown and nothing partial is returned, so nothing
 * can start on an invalid inventory.
 */
public final class InventoryLoader {
    /** An inventory is a few KiB; a file far larger is something else, and is not read whole. */
    static final long MAX_BYTES = 1 << 20;

    private InventoryLoader() {}

    /** Loads and validates the file; problems name it as {@code file} was given. */
    public static Inventory load(Path file) throws InventoryException {
        String name = file.toString();
        Problems problems = new Problems(name);
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                problems.add(Location.NONE, "", "the file is " + Files.size(file) + " bytes; an inventory is a few KiB",
                        "check that this is the inventory file");
                throw new InventoryException(problems.sorted());
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            problems.add(Location.NONE, "", "no such file", "check the path, or start from the sample inventory.yaml of the vfio-rig repository");
            throw new InventoryException(problems.sorted());
        } catch (AccessDeniedException e) {
            problems.add(Location.NONE, "", "permission denied", "make the file readable for this user");
            throw new InventoryException(problems.sorted());
        } catch (IOException e) {
            problems.add(Location.NONE, "", "cannot read the file (" + YamlErrors.clean(e.getMessage()) + ")", "check the path and that it is a regular file");
            throw new InventoryException(problems.sorted());
        }
        return parse(bytes, name);
    }

    /** Validates inventory text held in memory, e.g. an embedded default; {@code fileName} labels the problems. */
    public static Inventory parse(String text, String fileName) throws InventoryException {
        return parse(text.getBytes(StandardCharsets.UTF_8), fileName);
    }

    static Inventory parse(byte[] bytes, String fileName) throws InventoryException {
        Problems problems = new Problems(fileName);
        Optional<Inventory> inventory = decode(bytes, problems)
                .flatMap(text -> YamlTree.parse(text, problems))
                .flatMap(root -> InventoryBinder.bind(root, problems));
        if (!problems.isEmpty() || inventory.isEmpty()) {
            if (problems.isEmpty()) { // a binder returned nothing without saying why: a bug, but still no partial result
                problems.add(Location.START, "", "the inventory could not be read", "report this with the file attached");
            }
            throw new InventoryException(problems.sorted());
        }
        return inventory.get();
    }

    /** Strict UTF-8, so a binary file or another encoding is one clear problem at the first bad byte. */
    private static Optional<String> decode(byte[] bytes, Problems problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8).length() + 1;
            problems.add(new Location(line, column), "", String.format(Locale.ROOT, "not UTF-8 text (byte 0x%02x)", bytes[bad] & 0xff),
                    "save the file as UTF-8; is this the inventory file?");
            return Optional.empty();
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

}
