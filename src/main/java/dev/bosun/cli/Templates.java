package dev.bosun.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The built-in team templates, packaged from the top-level {@code templates/} folder. */
final class Templates {

    static final List<String> NAMES =
            List.of("solo", "pair", "simple", "squad", "large", "research", "software", "cleanroom");

    private Templates() {}

    static String teamYaml(String template) {
        if (!NAMES.contains(template)) {
            throw new CliException("unknown template '" + template + "'; available: " + String.join(", ", NAMES));
        }
        return read(template + "/team.yaml");
    }

    /** The prompt files a template's team.yaml names, read loosely: validation comes after. */
    static List<String> promptNames(String teamYaml) {
        List<String> names = new ArrayList<>();
        try {
            for (JsonNode role : new YAMLMapper().readTree(teamYaml).path("roles")) {
                if (role.hasNonNull("prompt")) {
                    names.add(role.get("prompt").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a built-in template is not valid YAML", e);
        }
        return names;
    }

    static String prompt(String template, String promptName) {
        return read(template + "/prompts/" + promptName);
    }

    private static String read(String path) {
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream("templates/" + path)) {
            if (in == null) {
                throw new IllegalStateException("template file templates/" + path + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read templates/" + path, e);
        }
    }
}
