package dev.bosun.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The highest numeric task id a repository already shows: in task branch names
 * ({@code <member>/<n>}) and in {@code Bosun-Task: <n>} trailers on trunk's first-parent history.
 */
final class TaskNumbersInUse {

    private static final Pattern BRANCH = Pattern.compile("[^/]+/(\\d{1,18})");
    private static final Pattern TRAILER = Pattern.compile("(?m)^Bosun-Task: (\\d{1,18})$");
    private static final int TRUNK_COMMITS_READ = 5_000;

    private TaskNumbersInUse() {}

    static long highest(Path repository, String trunk) {
        if (!Files.isDirectory(repository.resolve(".git"))) {
            return 0;
        }
        try (Repository repo = new FileRepositoryBuilder()
                .setWorkTree(repository.toFile())
                .setMustExist(true)
                .build()) {
            return Math.max(highestBranch(repo), highestTrailer(repo, trunk));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the task ids already used in " + repository, e);
        }
    }

    private static long highestBranch(Repository repo) throws IOException {
        long highest = 0;
        for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
            Matcher matcher = BRANCH.matcher(ref.getName().substring(Constants.R_HEADS.length()));
            if (matcher.matches()) {
                highest = Math.max(highest, Long.parseLong(matcher.group(1)));
            }
        }
        return highest;
    }

    private static long highestTrailer(Repository repo, String trunk) throws IOException {
        ObjectId tip = repo.resolve(Constants.R_HEADS + trunk);
        if (tip == null) {
            return 0;
        }
        long highest = 0;
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(tip));
            int read = 0;
            for (RevCommit commit : walk) {
                Matcher matcher = TRAILER.matcher(commit.getFullMessage());
                while (matcher.find()) {
                    highest = Math.max(highest, Long.parseLong(matcher.group(1)));
                }
                if (++read == TRUNK_COMMITS_READ) {
                    break;
                }
            }
        }
        return highest;
    }
}
