package dev.bosun.process;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

import dev.bosun.runtime.Wakeups;

/**
 * Wakes the poll loop of an external task's topic as soon as the transaction that created the task
 * commits, so the step starts at once instead of up to {@code bosun.worker.poll-interval} later
 * (before this, each of a task's six steps waited half an interval on average). A waiting user task
 * (an escalation releases its engineer) and the end of an instance (the engineer is free, a
 * dependency may be merged) wake the claim and message delivery, which wait for idle members.
 *
 * <p>Parse listeners: every deployed external service task gets a start listener, every process an
 * end listener. They only register a wake-up for after the commit: a rolled-back step wakes nobody,
 * and a loop woken before the commit would not see the task yet. Polling stays the fallback, for
 * tasks made on other nodes.
 */
@Component
class ExternalTaskWakeups extends AbstractProcessEnginePlugin {

    private final Wakeups wakeups;

    ExternalTaskWakeups(Wakeups wakeups) {
        this.wakeups = wakeups;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AddWakeups());
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private final class AddWakeups extends AbstractBpmnParseListener {

        @Override
        public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            String topic = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "topic");
            if (topic != null) {
                activity.addListener(ExecutionListener.EVENTNAME_START, execution -> afterCommit(topic));
            }
        }

        @Override
        public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            activity.addListener(
                    ExecutionListener.EVENTNAME_START,
                    execution -> afterCommit(ProcessIds.TOPIC_CLAIM, Wakeups.MESSAGE_DELIVERY));
        }

        @Override
        public void parseProcess(Element element, ProcessDefinitionEntity process) {
            process.addListener(
                    ExecutionListener.EVENTNAME_END,
                    execution -> afterCommit(ProcessIds.TOPIC_CLAIM, Wakeups.MESSAGE_DELIVERY));
        }
    }

    /** After the commit of the transaction under way; nothing when it rolls back. */
    private void afterCommit(String... channels) {
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            return; // not inside a command: polling finds the work
        }
        command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> {
            for (String channel : channels) {
                wakeups.wake(channel);
            }
        });
    }
}
