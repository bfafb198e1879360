package io.vfiorig.controller.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schema (draft 2020-12) of {@code inventory.yaml}, for editors and other tools. The same
 * file is published as {@code docs/inventory.schema.json}; a test keeps the two identical.
 */
public final class InventorySchema {
    /** Classpath location of the schema. */
    public static final String RESOURCE = "/inventory/inventory.schema.json";
    /** The schema's {@code $id}. */
    public static final String ID = "urn:vfio-rig:schema:inventory:1";

    private InventorySchema() {}

    /** The schema text. */
    public static String text() {
        try (InputStream in = InventorySchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
