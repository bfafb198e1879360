package io.vfiorig.controller.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.util.List;

/** Validates inventory YAML against the published schema with the networknt validator, as an editor would. */
final class SchemaValidator {
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(InventorySchema.text(), InputFormat.JSON);

    private SchemaValidator() {}

    /** The schema's complaints about {@code yaml}, as "instance-location: message" lines; empty when valid. */
    static List<String> errors(String yaml) throws IOException {
        JsonNode tree = new YAMLMapper().readTree(yaml); // same YAML typing as the loader: both use Jackson's YAML parser
        String json = new ObjectMapper().writeValueAsString(tree);
        return SCHEMA.validate(json, InputFormat.JSON).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                .toList();
    }
}
