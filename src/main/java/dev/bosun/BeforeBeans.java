package dev.bosun;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * A start-up step that must run before any bean is made, reading only the settings: a check that
 * refuses to start before anything is written or claimed, a folder or file that must exist first.
 * A bean factory post-processor is the earliest point that sees the whole environment (command
 * line, team file, profiles); subclasses that must run in a given order add {@code PriorityOrdered}.
 */
public abstract class BeforeBeans implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    /** Spring calls this before {@link #postProcessBeanFactory}, the only caller of {@link #run}. */
    @Override
    public final void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public final void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        run(environment);
    }

    /** The step; an exception stops the start-up. */
    protected abstract void run(Environment environment);
}
