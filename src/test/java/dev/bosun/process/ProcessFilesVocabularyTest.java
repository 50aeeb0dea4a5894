package dev.bosun.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import dev.bosun.process.Escalations.Decision;

/**
 * The process files keep their string literals (people edit them in Camunda Modeler), so the build
 * checks them against the code's vocabulary: every {@code status} a listener sets and every
 * {@code decision} a condition compares (or the escalation form offers) must be a
 * {@link TaskStatus} or {@link Decision} wire name, and likewise {@code planStatus} and
 * {@code planDecision} in plan.bpmn and its forms must be {@link PlanStatus} and
 * {@link PlanDecision} wire names. A typo there would otherwise show up only as a task or plan
 * stuck in the wrong board section, or a gateway with no way out.
 */
class ProcessFilesVocabularyTest {

    private static final Path PROCESSES = Path.of("processes");
    // The plan process's variable names have no constants in main code yet (plan.bpmn names them).
    private static final String PLAN_STATUS = PlanVariables.PLAN_STATUS;
    private static final String PLAN_DECISION = PlanVariables.PLAN_DECISION;
    private static final Map<String, List<String>> VOCABULARY = Map.of(
            ProcessVariables.STATUS,
            TaskStatus.wireNames(),
            ProcessVariables.DECISION,
            Decision.wireNames(),
            PLAN_STATUS,
            PlanStatus.wireNames(),
            PLAN_DECISION,
            PlanDecision.wireNames());

    /** A variable set in an expression or script: {@code setVariable('status', 'todo')} (also Local). */
    private static final Pattern SET =
            Pattern.compile("setVariable(?:Local)?\\(\\s*['\"](\\w+)['\"]\\s*,\\s*['\"]([^'\"]*)['\"]\\s*\\)");
    /** A variable compared to a literal, either way round: by name, or through (execution.)getVariable. */
    private static final String VARIABLE =
            "(?:(?:\\b\\w+\\.)?getVariable(?:Local)?\\(\\s*['\"](\\w+)['\"]\\s*\\)|\\b(\\w+)\\b(?![.(]))";

    private static final String OPERATOR = "\\s*(?:==|!=|\\beq\\b|\\bne\\b)\\s*";
    private static final String LITERAL = "['\"]([^'\"]*)['\"]";
    private static final Pattern VARIABLE_FIRST = Pattern.compile(VARIABLE + OPERATOR + LITERAL);
    private static final Pattern LITERAL_FIRST = Pattern.compile(LITERAL + OPERATOR + VARIABLE);

    @Test
    void everyStatusAndDecisionInTheProcessesFolderIsAValueOfItsEnum() throws IOException {
        Literals literals = readProcessesFolder();

        literals.requireKnown();
        assertThat(literals.values(ProcessVariables.STATUS))
                .as("the check reads the status of every lifecycle step; if not, it checks nothing"
                        + " (blocked and cancelled are derived by the read model, see TaskStatus)")
                .containsAll(TaskStatus.setByTheProcess().stream()
                        .map(TaskStatus::wireName)
                        .toList());
        assertThat(literals.values(ProcessVariables.DECISION))
                .as("the check reads every decision the gateway and the form know")
                .containsExactlyInAnyOrderElementsOf(Decision.wireNames());
    }

    @Test
    void everyPlanStatusAndPlanDecisionInTheProcessesFolderIsAValueOfItsEnum() throws IOException {
        Literals literals = readProcessesFolder();

        literals.requireKnown();
        assertThat(literals.values(PLAN_STATUS))
                .as("the check reads the planStatus of every plan step; if not, it checks nothing"
                        + " (planning and replanning are set by the planning turn's listener in Java,"
                        + " cancelled is derived by the read model, see PlanStatus)")
                .containsAll(PlanStatus.setByTheProcess().stream()
                        .filter(s -> s != PlanStatus.PLANNING && s != PlanStatus.REPLANNING)
                        .map(PlanStatus::wireName)
                        .toList());
        assertThat(literals.values(PLAN_DECISION))
                .as("the check reads every plan decision the gateways and the plan forms know")
                .containsExactlyInAnyOrderElementsOf(PlanDecision.wireNames());
    }

    /** The lifecycle's status and the plan's planStatus: a wrong value, and a right one next to it. */
    static Stream<Arguments> statusVariables() {
        return Stream.of(
                Arguments.of(ProcessVariables.STATUS, "done-ish", "testing", TaskStatus.wireNames()),
                Arguments.of(PLAN_STATUS, "runing", "awaiting-approval", PlanStatus.wireNames()));
    }

    @ParameterizedTest
    @MethodSource("statusVariables")
    void aStatusTheEnumDoesNotKnowFailsNamingTheElementAndTheValue(
            String variable, String bogus, String fine, List<String> known) {
        Literals literals = new Literals();
        literals.readBpmn("bogus.bpmn", stream(bpmn("""
                <bpmn:serviceTask id="Task_Bogus" camunda:type="external" camunda:topic="bogus">
                  <bpmn:extensionElements>
                    <camunda:executionListener expression="${execution.setVariable('%1$s', '%2$s')}" event="start" />
                  </bpmn:extensionElements>
                </bpmn:serviceTask>
                <bpmn:serviceTask id="Task_Fine" camunda:type="external" camunda:topic="fine">
                  <bpmn:extensionElements>
                    <camunda:executionListener expression="${execution.setVariable('%1$s', '%3$s')}" event="start" />
                  </bpmn:extensionElements>
                </bpmn:serviceTask>
                """.formatted(variable, bogus, fine))));

        assertThatThrownBy(literals::requireKnown)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("bogus.bpmn: Task_Bogus sets " + variable + " '" + bogus + "'")
                .hasMessageContaining("known: " + String.join(", ", known))
                .hasMessageNotContaining("Task_Fine");
    }

    @Test
    void aDecisionTheEnumDoesNotKnowFailsWhereverItIsCompared() {
        Literals literals = new Literals();
        literals.readBpmn("bogus.bpmn", stream(bpmn("""
                <bpmn:exclusiveGateway id="Gateway_Bogus" />
                <bpmn:endEvent id="EndEvent_Bogus" />
                <bpmn:sequenceFlow id="SequenceFlow_Shrug" sourceRef="Gateway_Bogus" targetRef="EndEvent_Bogus">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${decision == 'shrug'}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="SequenceFlow_Defer" sourceRef="Gateway_Bogus" targetRef="EndEvent_Bogus">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${"defer" eq execution.getVariable("decision")}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="SequenceFlow_Retry" sourceRef="Gateway_Bogus" targetRef="EndEvent_Bogus">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${decision == 'retry' &amp;&amp; status != 'mergin'}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                """)));

        assertThatThrownBy(literals::requireKnown)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("SequenceFlow_Shrug uses decision 'shrug'")
                .hasMessageContaining("SequenceFlow_Defer uses decision 'defer'")
                .hasMessageContaining("SequenceFlow_Retry uses status 'mergin'")
                .hasMessageNotContaining("'retry'");
    }

    @Test
    void aDecisionTheFormOffersButTheEnumDoesNotKnowFails() {
        Literals literals = new Literals();
        literals.readForm("bogus.form", stream("""
                {"id": "Form_Bogus", "components": [
                  {"id": "Field_Decision", "key": "decision", "type": "radio",
                   "values": [{"label": "Retry", "value": "retry"}, {"label": "Later", "value": "later"}]}
                ]}
                """));

        assertThatThrownBy(literals::requireKnown)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("bogus.form: Field_Decision offers decision 'later'")
                .hasMessageNotContaining("'retry'");
    }

    private static Literals readProcessesFolder() throws IOException {
        Literals literals = new Literals();
        try (Stream<Path> files = Files.list(PROCESSES)) {
            for (Path file : files.sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    if (file.toString().endsWith(".bpmn")) {
                        literals.readBpmn(file.toString(), in);
                    } else if (file.toString().endsWith(".form")) {
                        literals.readForm(file.toString(), in);
                    }
                }
            }
        }
        return literals;
    }

    private static String bpmn(String elements) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    id="Definitions_Bogus" targetNamespace="http://bosun.dev/test">
                  <bpmn:process id="bogus" isExecutable="true">
                """ + elements + """
                  </bpmn:process>
                </bpmn:definitions>
                """;
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** What the process files say about the checked variables, and where. */
    private static final class Literals {

        private record Use(String where, String verb, String variable, String value) {}

        private final List<Use> uses = new ArrayList<>();

        /** Every attribute and text of every element, attributed to the nearest element with an id. */
        void readBpmn(String file, InputStream in) {
            Element root;
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                root = factory.newDocumentBuilder().parse(in).getDocumentElement();
            } catch (Exception e) {
                throw new AssertionError(file + " is not readable XML: " + e.getMessage(), e);
            }
            readElement(file, root, "(no id)");
        }

        private void readElement(String file, Element element, String enclosingId) {
            String id = element.hasAttribute("id") ? element.getAttribute("id") : enclosingId;
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                readText(file + ": " + id, ((Attr) attributes.item(i)).getValue());
            }
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element childElement) {
                    readElement(file, childElement, id);
                } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                    readText(file + ": " + id, child.getNodeValue());
                }
            }
        }

        private void readText(String where, String text) {
            Matcher set = SET.matcher(text);
            while (set.find()) {
                add(where, "sets", set.group(1), set.group(2));
            }
            Matcher variableFirst = VARIABLE_FIRST.matcher(text);
            while (variableFirst.find()) {
                add(
                        where,
                        "uses",
                        firstNonNull(variableFirst.group(1), variableFirst.group(2)),
                        variableFirst.group(3));
            }
            Matcher literalFirst = LITERAL_FIRST.matcher(text);
            while (literalFirst.find()) {
                add(where, "uses", firstNonNull(literalFirst.group(2), literalFirst.group(3)), literalFirst.group(1));
            }
        }

        /** The values a Camunda form's fields offer for a checked variable (radio, select, checklist). */
        void readForm(String file, InputStream in) {
            JsonNode form;
            try {
                form = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new AssertionError(file + " is not readable JSON: " + e.getMessage(), e);
            }
            for (JsonNode component : form.path("components")) {
                for (JsonNode option : component.path("values")) {
                    add(
                            file + ": " + component.path("id").asText(),
                            "offers",
                            component.path("key").asText(),
                            option.path("value").asText());
                }
            }
        }

        private void add(String where, String verb, String variable, String value) {
            if (VOCABULARY.containsKey(variable)) {
                uses.add(new Use(where, verb, variable, value));
            }
        }

        TreeSet<String> values(String variable) {
            return uses.stream()
                    .filter(u -> u.variable().equals(variable))
                    .map(Use::value)
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        /** @throws AssertionError listing every unknown value with its file, element id and the known values */
        void requireKnown() {
            List<String> problems = uses.stream()
                    .filter(u -> !VOCABULARY.get(u.variable()).contains(u.value()))
                    .map(u -> u.where() + " " + u.verb() + " " + u.variable() + " '" + u.value()
                            + "', which the code does not know" + " (known: "
                            + String.join(", ", VOCABULARY.get(u.variable())) + ")")
                    .toList();
            if (!problems.isEmpty()) {
                throw new AssertionError(
                        "process files use values the code does not know:\n" + String.join("\n", problems));
            }
        }

        private static String firstNonNull(String a, String b) {
            return a != null ? a : b;
        }
    }
}
