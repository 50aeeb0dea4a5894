package dev.bosun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * URL and before any log is opened. On a file system without POSIX permissions it does nothing
 * (a warning when the mount refuses modes).
 */
public final class PrivateFolders extends BeforeBeans {

    private static final Logger log = LoggerFactory.getLogger(PrivateFolders.class);
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    @Override
    protected void run(Environment environment) {
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
            // a file system that reports POSIX but has no modes: nothing to tighten
        } catch (IOException e) {
            // A mount without modes (FAT, some network shares) refuses chmod: Bosun still runs, and
            // whoever writes the folder next reports a real failure to create it.
            log.warn("cannot make {} private (mode 0700): {}", folder, e.toString());
        }
    }
}
