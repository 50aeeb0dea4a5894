package dev.bosun.team;

import java.util.List;
import java.util.stream.Collectors;

/** A team file that cannot be used; {@link #getMessage()} has one line per problem. */
public class TeamFileException extends RuntimeException {

    private final List<Problem> problems;

    public TeamFileException(List<Problem> problems) {
        super(problems.stream().map(Problem::format).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a TeamFileException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** In file order where the loader could tell, never empty. */
    public List<Problem> problems() {
        return problems;
    }
}
