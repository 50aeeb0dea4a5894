package dev.bosun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Makes {@code .bosun/logs} and {@code .bosun/data} private to the user running Bosun (mode 0700):
 * creates them so, or tightens them when they exist (an older Bosun, or {@code bosun start}
 * writing its server log, made them world-readable). Test logs may hold a test's output and the
 * database holds every task, prompt and decision; other local users must not read either.
 *
 * <p>A bean-factory post-processor, like the team file's settings: it runs when the context
 * refreshes, with every property source in place (a test's dynamic {@code bosun.repository}
 * included), and before any bean exists, so before H2 creates {@code data/} itself from the JDBC
 * URL and before any log is opened. On a file system without POSIX permissions it does nothing.
 */
public final class PrivateFolders implements BeanFactoryPostProcessor, EnvironmentAware {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        Path bosun = Path.of(environment.getProperty("bosun.repository", ".")).resolve(".bosun");
        for (Path folder : List.of(bosun.resolve("logs"), bosun.resolve("data"))) {
            makePrivate(folder);
        }
    }

    /** Creates {@code folder} (and its parents) and gives it mode 0700; no-op where modes do not exist. */
    static void makePrivate(Path folder) {
        if (!folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.setPosixFilePermissions(folder, OWNER_ONLY);
        } catch (UnsupportedOperationException e) {
            // a file system that reports POSIX but refuses modes: nothing to tighten
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + folder + " private (mode 0700): " + e.getMessage(), e);
        }
    }
}
