package dev.bosun.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The figures as a Markdown table under the machine they were measured on, as the README shows them. */
final class BenchmarkReport {

    private BenchmarkReport() {}

    static String markdown(String machine, Instant started, Duration took, String commit, List<Section> sections) {
        StringBuilder text = new StringBuilder();
        text.append("Measured ")
                .append(started.toString(), 0, 10)
                .append(" on commit ")
                .append(commit)
                .append(", in ")
                .append(took.toMinutes())
                .append(" min ")
                .append(took.toSecondsPart())
                .append(" s, on ")
                .append(machine)
                .append(".\n\n");
        text.append("| section | measure | figure | goal | verdict |\n");
        text.append("|---|---|---|---|---|\n");
        for (Section section : sections) {
            if (section.failure() != null) {
                text.append("| ")
                        .append(section.name())
                        .append(" | (the section failed) | ")
                        .append(cell(section.failure()))
                        .append(" | | not measured |\n");
            }
            for (Figure figure : section.figures()) {
                text.append("| ")
                        .append(section.name())
                        .append(" | ")
                        .append(cell(figure.measure()))
                        .append(" | ")
                        .append(cell(figure.value()))
                        .append(" | ")
                        .append(cell(figure.goal()))
                        .append(" | ")
                        .append(cell(figure.verdict()))
                        .append(" |\n");
            }
        }
        return text.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** What one section gave: its figures, or why it gave none. */
    record Section(String name, List<Figure> figures, String failure) {}
}
