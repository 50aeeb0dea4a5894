package dev.bosun.board;

import java.util.List;

import dev.bosun.merge.MergeQueue;

/**
 * The board's MERGE QUEUE part: the tasks this node's merge queue holds, in order, each with what
 * happens to it ({@code waiting (2 in queue)}, {@code testing batch of 5}, {@code bisecting batch of 5}).
 * The queue is node-local and in memory: a board read from another node shows that node's queue.
 */
final class BoardMergeQueue {

    private BoardMergeQueue() {}

    static String section(List<MergeQueue.Entry> entries, int limit) {
        StringBuilder out =
                new StringBuilder("\n## MERGE QUEUE (limit ").append(limit).append(")\n");
        if (entries.isEmpty()) {
            return out.append("_empty_\n").toString();
        }
        for (MergeQueue.Entry entry : entries) {
            out.append("- #")
                    .append(BoardMarkdown.oneLine(entry.taskId()))
                    .append(" (")
                    .append(BoardMarkdown.oneLine(entry.member()))
                    .append(") ")
                    .append(BoardMarkdown.oneLine(entry.state()))
                    .append('\n');
        }
        return out.toString();
    }
}
