package dev.bosun.cockpit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;

import dev.bosun.process.TextValues;

/**
 * Every value an instance's variables took, in order (long text read back from its bytes), from the engine's history (level full).
 * The final value of a variable is not enough: an escalation removes the last round's decision
 * and guidance, and each test run overwrites the last one's result.
 */
final class VariableUpdates {

    private final List<HistoricVariableUpdate> updates;

    private VariableUpdates(List<HistoricVariableUpdate> updates) {
        this.updates = updates;
    }

    static VariableUpdates of(HistoryService history, String processInstanceId) {
        List<HistoricDetail> details = history.createHistoricDetailQuery()
                .processInstanceId(processInstanceId)
                .variableUpdates()
                .orderByTime()
                .asc()
                .orderPartiallyByOccurrence()
                .asc()
                .list();
        return new VariableUpdates(details.stream()
                .filter(HistoricVariableUpdate.class::isInstance)
                .map(HistoricVariableUpdate.class::cast)
                .toList());
    }

    /**
     * The last value {@code name} was given from {@code from} to {@code to}, both included; empty
     * when it was given none there, or was last removed there.
     */
    Optional<String> lastBetween(String name, Instant from, Instant to) {
        Optional<String> last = Optional.empty();
        for (HistoricVariableUpdate update : updates) {
            Instant time = update.getTime().toInstant();
            if (name.equals(update.getVariableName()) && !time.isBefore(from) && !time.isAfter(to)) {
                last = Optional.ofNullable(TextValues.read(update.getValue()));
            }
        }
        return last;
    }

    /** The last value {@code name} was given, with when; empty when it never had one. */
    Optional<Update> last(String name) {
        Optional<Update> last = Optional.empty();
        for (HistoricVariableUpdate update : updates) {
            String value = TextValues.read(update.getValue());
            if (name.equals(update.getVariableName()) && value != null) {
                last = Optional.of(new Update(value, update.getTime().toInstant()));
            }
        }
        return last;
    }

    record Update(String value, Instant at) {}
}
