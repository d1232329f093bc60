package io.jenkins.plugins.gitops.engine.targets.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import io.jenkins.plugins.gitops.engine.targets.TargetLockedException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The inventory ConfigMap and the lock Lease. */
class KubernetesRecordsTest {
    private final FakeApiServer api = new FakeApiServer();
    private final KubernetesTarget target = new KubernetesTarget(KubernetesTargetTest.config(), api.client());

    @AfterEach
    void stop() {
        target.close();
        api.close();
    }

    @Test
    void inventoryRoundTripsThroughAConfigMapInANamespaceMadeOnDemand() {
        assertThat(target.readInventory()).isEqualTo(Inventory.EMPTY);
        TreeSet<ResourceId> owned = new TreeSet<>(List.of(new ResourceId("apps", "Deployment", "shop", "web"),
                new ResourceId("", "Namespace", "", "shop")));
        Revision revision = new Revision("abc123", "envs/prod", "sha256:00", Instant.parse("2026-01-02T03:04:05Z"),
                "alice", "https://ci/job/1/", 2);
        Inventory inventory = Inventory.EMPTY.withRevision(owned, revision, 10);

        target.writeInventory(inventory);

        assertThat(api.client().namespaces().withName("gitops-system").get()).isNotNull();
        assertThat(api.client().configMaps().inNamespace("gitops-system").withName("envs-prod").get().getData())
                .containsKeys("resources", "history");
        assertThat(target.readInventory()).isEqualTo(inventory);
        Inventory next = inventory.withRevision(new TreeSet<>(List.of(new ResourceId("", "Namespace", "", "shop"))),
                new Revision("def456", "envs/prod", "sha256:01", Instant.parse("2026-01-03T00:00:00Z"), "bob", null, 1),
                10);
        target.writeInventory(next);
        assertThat(target.readInventory()).isEqualTo(next);
    }

    @Test
    void inventoryOverTheConfigMapLimitIsRefusedWithAdvice() {
        TreeSet<ResourceId> many = new TreeSet<>();
        for (int i = 0; i < 40_000; i++) {
            many.add(new ResourceId("apps", "Deployment", "namespace-" + (i % 50), "a-rather-long-deployment-name-" + i));
        }
        Inventory huge = new Inventory(many, List.of());

        assertThatThrownBy(() -> target.writeInventory(huge)).isInstanceOf(TargetException.class)
                .hasMessageContaining("inventory of 40000 resources").hasMessageContaining("split this environment");
    }

    @Test
    void secondHolderIsRefusedWhileTheLeaseIsValidAndMayTakeItAfterRelease() {
        try (TargetLock first = target.lock("build-1", Duration.ofMinutes(5))) {
            assertThat(first.record().holder()).isEqualTo("build-1");
            assertThat(first.tookOverFrom()).isEmpty();
            assertThat(api.client().leases().inNamespace("gitops-system").withName("gitops-envs-prod").get()
                    .getSpec().getHolderIdentity()).isEqualTo("build-1");

            assertThatThrownBy(() -> target.lock("build-2", Duration.ofMinutes(5)))
                    .isInstanceOf(TargetLockedException.class).hasMessageContaining("locked by build-1");
        }
        try (TargetLock second = target.lock("build-2", Duration.ofMinutes(5))) {
            assertThat(second.record().holder()).isEqualTo("build-2");
            assertThat(second.tookOverFrom()).isEmpty();
        }
    }

    @Test
    void expiredLeaseIsTakenOverAndSaysFromWhom() {
        ZonedDateTime longAgo = ZonedDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        api.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("gitops-system").endMetadata().build()).create();
        api.client().leases().inNamespace("gitops-system").resource(new LeaseBuilder().withNewMetadata()
                .withName("gitops-envs-prod").endMetadata().withNewSpec().withHolderIdentity("crashed-build")
                .withAcquireTime(longAgo).withRenewTime(longAgo).withLeaseDurationSeconds(60).endSpec().build()).create();

        try (TargetLock lock = target.lock("build-3", Duration.ofMinutes(1))) {
            assertThat(lock.record().holder()).isEqualTo("build-3");
            assertThat(lock.tookOverFrom()).hasValueSatisfying(previous -> {
                assertThat(previous.holder()).isEqualTo("crashed-build");
                assertThat(previous.expiresAt()).isEqualTo(longAgo.toInstant().plusSeconds(60));
            });
        }
    }

    @Test
    void renewMovesTheExpiryForward() throws InterruptedException {
        try (TargetLock lock = target.lock("build-4", Duration.ofSeconds(30))) {
            Instant before = lock.record().expiresAt();
            Thread.sleep(20);
            lock.renew();
            assertThat(lock.record().expiresAt()).isAfter(before);
            assertThat(api.client().leases().inNamespace("gitops-system").withName("gitops-envs-prod").get().getSpec()
                    .getRenewTime().toInstant()).isEqualTo(lock.record().expiresAt().minusSeconds(30));
        }
    }

    @Test
    void ofRunsRacingForAFreeLockExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<TargetLock>> attempts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String holder = "racer-" + i;
            attempts.add(pool.submit(() -> target.lock(holder, Duration.ofMinutes(5))));
        }
        int won = 0;
        int refused = 0;
        for (Future<TargetLock> attempt : attempts) {
            try {
                attempt.get();
                won++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(TargetLockedException.class);
                refused++;
            }
        }
        pool.shutdown();
        assertThat(won).isEqualTo(1);
        assertThat(refused).isEqualTo(5);
    }
}
