package dev.bosun.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bosun.merge.MergeQueue;

class BoardMergeQueueTest {

    @Test
    void showsEachQueuedTaskWithItsMemberAndState() {
        assertThat(BoardMergeQueue.section(
                        List.of(
                                new MergeQueue.Entry("12", "eng-1", "bisecting batch of 5"),
                                new MergeQueue.Entry("14", "eng-2", "waiting (1 in queue)")),
                        8))
                .isEqualTo("""

                        ## MERGE QUEUE (limit 8)
                        - #12 (eng-1) bisecting batch of 5
                        - #14 (eng-2) waiting (1 in queue)
                        """);
    }

    @Test
    void anEmptyQueueSaysSo() {
        assertThat(BoardMergeQueue.section(List.of(), 1)).isEqualTo("\n## MERGE QUEUE (limit 1)\n_empty_\n");
    }
}
