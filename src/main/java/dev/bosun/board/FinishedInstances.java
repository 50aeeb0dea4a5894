package dev.bosun.board;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;

/**
 * The finished instances of one process with the variables a list shows, read from history once
 * and kept: a finished instance never changes, and with thousands of them, reading them all again
 * for every status, board and metrics scrape made those grow with the history (10,000 finished
 * tasks: seconds per call).
 *
 * <p>Each call reads only what finished since the last one, with a margin for a transaction that
 * committed after a later-ending one was already read. Then the engine's count of finished
 * instances is compared with what is kept: any difference (one missed all the same, or history
 * deleted in Cockpit) reads them all again, so the cache is never more than one call behind.
 *
 * <p>An instance is kept as read only once what was read is its final state ({@code settled}):
 * a completed task read with a status it had before its end ("merging") was once kept so, and
 * {@code bosun status} showed a merged task as merging for good (seen twice in sixteen runs of
 * CliEndToEndTest on a loaded machine; the task's own page, read fresh, said merged). Until then
 * its variables are read again at every call.
 */
final class FinishedInstances {

    /** Longer than any transaction between an instance's end and its commit. */
    private static final long COMMIT_MARGIN_MILLIS = 5 * 60 * 1000L;
    /** H2 and PostgreSQL take IN lists far longer, but a statement per thousand keeps each small. */
    private static final int IDS_PER_QUERY = 1000;

    private final HistoryService history;
    private final String processKey;
    private final String[] variableNames;
    private final BiFunction<String[], String[], Map<String, Map<String, Object>>> variablesOf;
    private final Predicate<Finished> settled;
    private final Map<String, Finished> byId = new LinkedHashMap<>();
    /** Kept instances whose variables did not yet read as final: read again at every call. */
    private final Set<String> unsettled = new HashSet<>();

    private Date readUpTo;

    /**
     * @param variablesOf (names, process instance ids) → variables by instance id, as the read model
     *     reads them
     * @param settled whether a finished instance as read is final (its last variables are visible)
     */
    FinishedInstances(
            HistoryService history,
            String processKey,
            String[] variableNames,
            BiFunction<String[], String[], Map<String, Map<String, Object>>> variablesOf,
            Predicate<Finished> settled) {
        this.history = history;
        this.processKey = processKey;
        this.variableNames = variableNames.clone();
        this.variablesOf = variablesOf;
        this.settled = settled;
    }

    /** Every finished instance with its variables, as of now. */
    synchronized List<Finished> all() {
        readSince(readUpTo == null ? null : new Date(readUpTo.getTime() - COMMIT_MARGIN_MILLIS));
        long count = query().count();
        if (count != byId.size()) {
            byId.clear();
            unsettled.clear();
            readUpTo = null;
            readSince(null);
        }
        readAgainUnsettled();
        return List.copyOf(byId.values());
    }

    private void readAgainUnsettled() {
        if (unsettled.isEmpty()) {
            return;
        }
        Map<String, Map<String, Object>> variables = variables(unsettled.toArray(String[]::new));
        for (String id : List.copyOf(unsettled)) {
            Finished again = new Finished(byId.get(id).instance(), variables.getOrDefault(id, Map.of()));
            byId.put(id, again);
            if (isFinal(again)) {
                unsettled.remove(id);
            }
        }
    }

    /**
     * Settled, or ended longer ago than any commit takes: then what was read is what its end
     * committed, whatever it says (a process edited in Modeler may end with any status).
     */
    private boolean isFinal(Finished finished) {
        return settled.test(finished)
                || finished.instance().getEndTime().getTime() < System.currentTimeMillis() - COMMIT_MARGIN_MILLIS;
    }

    private Map<String, Map<String, Object>> variables(String[] ids) {
        Map<String, Map<String, Object>> variables = new HashMap<>();
        for (int from = 0; from < ids.length; from += IDS_PER_QUERY) {
            String[] chunk = Arrays.copyOfRange(ids, from, Math.min(ids.length, from + IDS_PER_QUERY));
            variables.putAll(variablesOf.apply(variableNames, chunk));
        }
        return variables;
    }

    private void readSince(Date after) {
        HistoricProcessInstanceQuery query = query();
        if (after != null) {
            query.finishedAfter(after);
        }
        List<HistoricProcessInstance> fresh = new ArrayList<>();
        for (HistoricProcessInstance instance : query.list()) {
            if (!byId.containsKey(instance.getId())) {
                fresh.add(instance);
            }
            if (readUpTo == null || instance.getEndTime().after(readUpTo)) {
                readUpTo = instance.getEndTime();
            }
        }
        Map<String, Map<String, Object>> variables =
                variables(fresh.stream().map(HistoricProcessInstance::getId).toArray(String[]::new));
        for (HistoricProcessInstance instance : fresh) {
            Finished finished = new Finished(instance, variables.getOrDefault(instance.getId(), Map.of()));
            byId.put(instance.getId(), finished);
            if (!isFinal(finished)) {
                unsettled.add(instance.getId());
            }
        }
    }

    private HistoricProcessInstanceQuery query() {
        return history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(processKey)
                .finished();
    }

    /** A finished instance and its variables (those named at construction). */
    record Finished(HistoricProcessInstance instance, Map<String, Object> variables) {}
}
