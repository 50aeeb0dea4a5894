package dev.bosun.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What Camunda Modeler needs from the process files: the execution platform they are written for
 * (else Modeler asks, and lints against the wrong engine), no process Tasklist offers to start
 * (Bosun starts them with its variables), and an element template for every external-task topic
 * Bosun's workers serve, so a step added in Modeler is picked by name ("Bosun: run tests") rather
 * than by typing a topic. bin/lint-bpmn checks the templates against Camunda's schema.
 */
class ModelerFitTest {

    private static final Path PROCESSES = Path.of("processes");
    private static final Path TEMPLATES = Path.of(".camunda/element-templates/bosun.json");
    private static final Path PROCESS_SOURCES = Path.of("src/main/java/dev/bosun/process");
    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    private static final String MODELER = "http://camunda.org/schema/modeler/1.0";

    @Test
    void everyProcessFileDeclaresCamunda724AndNoProcessIsStartableInTasklist() throws Exception {
        List<Path> files = processFiles();
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("task-lifecycle.bpmn", "plan.bpmn");
        for (Path file : files) {
            Element definitions = parse(file);
            assertThat(definitions.getAttributeNS(MODELER, "executionPlatform"))
                    .as("%s: modeler:executionPlatform", file)
                    .isEqualTo("Camunda Platform");
            assertThat(definitions.getAttributeNS(MODELER, "executionPlatformVersion"))
                    .as("%s: modeler:executionPlatformVersion", file)
                    .isEqualTo("7.24.0");
            NodeList processes = definitions.getElementsByTagNameNS(BPMN, "process");
            assertThat(processes.getLength()).as("%s has a process", file).isPositive();
            for (int i = 0; i < processes.getLength(); i++) {
                Element process = (Element) processes.item(i);
                assertThat(process.getAttributeNS(CAMUNDA, "isStartableInTasklist"))
                        .as("%s: process %s is not startable in Tasklist", file, process.getAttribute("id"))
                        .isEqualTo("false");
            }
        }
    }

    @Test
    void everyTopicBosunServesHasATemplateAndEveryTemplatesTopicIsServed() throws Exception {
        Map<String, JsonNode> templatesByTopic = new TreeMap<>();
        for (JsonNode template : new ObjectMapper().readTree(TEMPLATES.toFile())) {
            assertThat(template.path("appliesTo").toString())
                    .as("template %s", template.path("id"))
                    .isEqualTo("[\"bpmn:ServiceTask\"]");
            assertThat(template.path("name").asText()).startsWith("Bosun: ");
            assertThat(binding(template, "camunda:type"))
                    .as("template %s makes an external task", template.path("id"))
                    .isEqualTo("external");
            String topic = binding(template, "camunda:topic");
            assertThat(templatesByTopic.put(topic, template))
                    .as("one template for topic %s", topic)
                    .isNull();
        }

        assertThat(templatesByTopic.keySet())
                .as("the topics of %s are the topics Bosun's workers serve", TEMPLATES)
                .containsExactlyInAnyOrderElementsOf(servedTopics());
        assertThat(templatesByTopic.keySet())
                .as("every topic a process file uses has a template")
                .containsAll(topicsInProcessFiles());
    }

    /**
     * The topics named in {@link ProcessIds}, each only if a class of the process package other than
     * ProcessIds uses it: the worker that serves it (a TopicWorker, the claim round, the plan watch).
     */
    private static TreeSet<String> servedTopics() throws IOException, IllegalAccessException {
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(PROCESS_SOURCES)) {
            for (Path file : files.filter(f -> !f.endsWith("ProcessIds.java")).toList()) {
                sources.add(Files.readString(file));
            }
        }
        TreeSet<String> served = new TreeSet<>();
        for (Field field : ProcessIds.class.getFields()) {
            if (field.getName().startsWith("TOPIC_") && Modifier.isStatic(field.getModifiers())) {
                String use = "ProcessIds." + field.getName();
                assertThat(sources)
                        .as("%s (%s) is named but no worker serves it", field.getName(), field.get(null))
                        .anyMatch(source -> source.contains(use));
                served.add((String) field.get(null));
            }
        }
        assertThat(served)
                .as("the check reads the topics; if not, it checks nothing")
                .hasSizeGreaterThan(5);
        return served;
    }

    private static TreeSet<String> topicsInProcessFiles() throws IOException {
        Pattern topic = Pattern.compile("camunda:topic=\"([^\"]+)\"");
        TreeSet<String> topics = new TreeSet<>();
        for (Path file : processFiles()) {
            Matcher matcher = topic.matcher(Files.readString(file));
            while (matcher.find()) {
                topics.add(matcher.group(1));
            }
        }
        return topics;
    }

    private static String binding(JsonNode template, String name) {
        for (JsonNode property : template.path("properties")) {
            if (property.path("binding").path("type").asText().equals("property")
                    && property.path("binding").path("name").asText().equals(name)) {
                return property.path("value").asText();
            }
        }
        throw new AssertionError("template " + template.path("id") + " binds no " + name);
    }

    private static List<Path> processFiles() throws IOException {
        try (Stream<Path> files = Files.list(PROCESSES)) {
            return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
        }
    }

    private static Element parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Files.newInputStream(file)) {
            return factory.newDocumentBuilder().parse(in).getDocumentElement();
        }
    }
}
