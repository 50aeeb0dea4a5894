package dev.bosun.merge;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The files a branch may not change without a human's say-so: whatever decides whether the tests
 * are green. Glob patterns relative to the repository's root ({@code *} stays within one folder,
 * {@code **} crosses folders). Always protected: Bosun's own folder, CI's folders, and every
 * element of the test command that names a file tracked at trunk's tip ({@code test.sh} of
 * {@code [sh, test.sh]}, {@code mvnw} of {@code [./mvnw, verify]}); the team adds its own.
 */
final class ProtectedPaths {

    static final List<String> ALWAYS = List.of(".bosun/**", ".ci/**", ".github/**");

    private final List<String> patterns;
    private final List<PathMatcher> matchers;

    private ProtectedPaths(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        this.matchers = this.patterns.stream()
                .map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p))
                .toList();
    }

    /**
     * @param userPatterns the team's {@code protected_paths}
     * @param testCommand  the test command's argv
     * @param trackedAtTrunk whether a repository-relative path is a file tracked at trunk's tip
     */
    static ProtectedPaths of(List<String> userPatterns, List<String> testCommand, Predicate<String> trackedAtTrunk) {
        Set<String> patterns = new LinkedHashSet<>(ALWAYS);
        for (String argument : testCommand) {
            repositoryPath(argument).filter(trackedAtTrunk).ifPresent(path -> patterns.add(escape(path)));
        }
        patterns.addAll(userPatterns);
        return new ProtectedPaths(new ArrayList<>(patterns));
    }

    List<String> patterns() {
        return patterns;
    }

    /** The paths (repository-relative, with {@code /}) among {@code changed} that a pattern matches. */
    List<String> touched(List<String> changed) {
        return changed.stream().filter(this::isProtected).toList();
    }

    boolean isProtected(String path) {
        Path relative = Path.of(path);
        return matchers.stream().anyMatch(m -> m.matches(relative));
    }

    /** {@code ./mvnw} → {@code mvnw}; absolute paths, options and paths leaving the repository name no file of it. */
    private static java.util.Optional<String> repositoryPath(String argument) {
        if (argument.isBlank() || argument.startsWith("-") || argument.startsWith("/") || argument.contains("\0")) {
            return java.util.Optional.empty();
        }
        Path normalized = Path.of(argument).normalize();
        if (normalized.toString().isEmpty() || normalized.startsWith("..")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(normalized.toString());
    }

    /** A file name taken literally, even if it holds glob characters. */
    private static String escape(String path) {
        return path.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }
}
