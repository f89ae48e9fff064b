package io.dvmigrate.cli.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.dvmigrate.cli.stack.EmulatorEndpoint;
import io.dvmigrate.contracts.plan.Plan;
import io.dvmigrate.contracts.plan.PlanReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plan file as the CLI handles it: read and checked locally first (its shape; mistakes name their path), and its
 * emulated environments ({@code emulated: SPEC}) turned into the URLs and {@code file:} secret references of the
 * local stack's emulator before the plan goes to the orchestrator.
 */
public final class PlanFile {
    // every text quoted: with minimal quotes, texts like "2.0" or "1e3" came back as numbers and ".inf" as bad YAML
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    private static final String[] SIDES = {"source", "target"};

    private final Path path;
    private final String yaml;
    private final Plan plan;

    private PlanFile(Path path, String yaml, Plan plan) {
        this.path = path;
        this.yaml = yaml;
        this.plan = plan;
    }

    /** Reads and checks a plan file; {@link io.dvmigrate.contracts.plan.InvalidPlanException} lists its mistakes. */
    public static PlanFile read(Path path) {
        try {
            String yaml = Files.readString(path, StandardCharsets.UTF_8);
            return new PlanFile(path, yaml, PlanReader.read(yaml));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no plan file at " + path);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the plan file " + path + ": " + e.getMessage(), e);
        }
    }

    public static PlanFile of(String yaml) {
        return new PlanFile(Path.of("plan.yaml"), yaml, PlanReader.read(yaml));
    }

    public Plan plan() {
        return plan;
    }

    public String yaml() {
        return yaml;
    }

    /**
     * The emulated environments, named for the emulator: a side and a digest of its SPEC, so that a plan run twice
     * writes into the same emulated target, like a real one.
     */
    public Map<String, String> emulatedEnvironments() {
        Map<String, String> environments = new LinkedHashMap<>();
        for (String side : SIDES) {
            Plan.Environment environment = side.equals("source") ? plan.source() : plan.target();
            if (environment != null && environment.isEmulated()) {
                String spec = absoluteSpec(environment.emulated());
                environments.put(emulatorName(side, spec), spec);
            }
        }
        return environments;
    }

    /** The plan with every emulated environment replaced by how to reach it on {@code emulator}. */
    public String resolved(EmulatorEndpoint emulator) {
        if (emulatedEnvironments().isEmpty()) {
            return yaml;
        }
        try {
            ObjectNode root = (ObjectNode) YAML.readTree(yaml);
            for (String side : SIDES) {
                ObjectNode environment = root.get(side) instanceof ObjectNode node ? node : null;
                if (environment == null || !environment.has("emulated")) {
                    continue;
                }
                String name = emulatorName(side, absoluteSpec(environment.get("emulated").asText()));
                root.set(side, YAML.valueToTree(emulator.planFields(name)));
            }
            return YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Paths inside a SPEC are relative to the plan file, not to wherever the emulator runs. */
    private String absoluteSpec(String spec) {
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        if (colon < 0 || !(kind.equals("cmt") || kind.equals("cmt-schema") || kind.equals("csdl") || kind.equals("json"))) {
            return spec;
        }
        Path base = path.toAbsolutePath().getParent();
        return kind + ":" + base.resolve(spec.substring(colon + 1)).normalize();
    }

    private static String emulatorName(String side, String spec) {
        byte[] digest = sha256(spec);
        return side + "-" + HexFormat.of().formatHex(digest, 0, 4);
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
