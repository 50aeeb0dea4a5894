package dev.bosun.merge;

import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.jgit.lib.ObjectId;

import dev.bosun.workspace.GitCli;

/** {@link TrunkWatch} on the local repository and the {@link MergeJournal}. */
public final class GitTrunkWatch implements TrunkWatch {

    private final Trunk trunk;
    private final MergeJournal journal;

    public GitTrunkWatch(Path repository, String trunk, MergeJournal journal) {
        this.trunk = new Trunk(repository.toAbsolutePath().normalize(), trunk, new GitCli(), journal);
        this.journal = journal;
    }

    @Override
    public String tip() {
        return trunk.tip().name();
    }

    @Override
    public Optional<String> foreignChangeSince(String before) {
        Optional<ObjectId> now = trunk.branchTip(trunk.name());
        if (now.isEmpty()) {
            return Optional.of(before + "..(" + trunk.name() + " deleted)");
        }
        String range = before + ".." + now.get().name();
        if (now.get().name().equals(before)) {
            return Optional.empty();
        }
        Optional<java.util.List<ObjectId>> added = trunk.firstParentsSince(ObjectId.fromString(before), now.get());
        if (added.isEmpty() || !added.get().stream().allMatch(commit -> journal.isBosunMerge(commit.name()))) {
            return Optional.of(range);
        }
        return Optional.empty();
    }
}
