package dev.bosun.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.lease.Lease;
import dev.bosun.lease.LeaseName;
import dev.bosun.lease.Leases;
import dev.bosun.support.Await;
import dev.bosun.support.TestRepository;

/**
 * A message posted while a claim round holds the claim lease (the same events wake both: a turn's
 * end) is delivered once that round lets go, not at the next poll. The poll interval here is an
 * hour, so only the delivery round the POST woke can deliver it: that round waits for the lease.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bosun.worker.poll-interval=1h", "bosun.worker.lock-duration=5s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DeliveryDuringAClaimTest {

    @TempDir
    static Path home;

    static TestRepository repository;

    @DynamicPropertySource
    static void repositoryWithTeam(DynamicPropertyRegistry registry) {
        repository = InboxTestSupport.repositoryWithTeam(home, registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    Leases leases;

    @Test
    void aMessagePostedDuringAClaimRoundIsDeliveredWhenTheRoundEnds() throws Exception {
        InboxTestSupport bosun = new InboxTestSupport(repository.root(), port);
        Lease claims = leases.of(LeaseName.CLAIM);
        // Held as a claim round holds it; the start-up's own rounds may hold it a moment first.
        Lease.Held round =
                claims.acquire("a-claim-round", Duration.ofMinutes(1)).orElseThrow();

        // The POST answers after its commit woke delivery, whose round then meets the held lease;
        // the claim round ends a little later (well within the time delivery waits for it).
        long id = ((Number) bosun.send("human", "architect", InboxTestSupport.script("say got it"))
                        .json()
                        .get("id"))
                .longValue();
        CompletableFuture.runAsync(round::close, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS))
                .get(1, TimeUnit.MINUTES);

        Map<String, Object> delivered = Await.until(
                "message " + id + " delivered with no poll to fall back on",
                Duration.ofSeconds(60),
                () -> bosun.message(id),
                m -> "delivered".equals(m.get("status")));
        assertThat(delivered).containsEntry("deliveredTo", "architect");
    }
}
