package io.voipconfig.portal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.portal.PortalTest;
import io.voipconfig.portal.repository.ActivityPartitionRepository;
import io.voipconfig.portal.repository.ActivityPartitionRepository.Partition;

/**
 * Activity in daily partitions on the real PostgreSQL: each day's events land in its partition, created when first
 * needed; events past the retention (30 days) are not stored; maintenance drops expired days whole, keeps the coming
 * days ready, and runs on one replica at a time.
 */
@PortalTest
class ActivityRetentionTest {

    @Inject
    ActivityService activity;

    @Inject
    ActivityPartitionService retention;

    @Inject
    ActivityPartitionRepository partitions;

    @Inject
    Pool pool;

    @Test
    void eachDaysEventsLandInThatDaysPartitionOnceWhateverTheDay() {
        Instant now = Instant.now();
        ProvisioningActivity today = event(now);
        ProvisioningActivity lastWeek = event(now.minus(6, ChronoUnit.DAYS));
        ProvisioningActivity ahead = event(now.plus(5, ChronoUnit.DAYS)); // beyond the days kept ready
        activity.store(List.of(today, lastWeek, ahead, today)).await().indefinitely();
        activity.store(List.of(lastWeek)).await().indefinitely(); // redelivered

        for (ProvisioningActivity a : List.of(today, lastWeek, ahead)) {
            assertThat(scalar("SELECT tableoid::regclass::text FROM provisioning_activity WHERE event_id = $1",
                    a.eventId())).isEqualTo(ActivityPartitionRepository.name(ActivityPartitionService.day(a.time())));
            assertThat(scalar("SELECT count(*)::text FROM provisioning_activity WHERE event_id = $1", a.eventId()))
                    .isEqualTo("1");
        }
    }

    @Test
    void eventsOlderThanTheRetentionAreNotStoredAndTheRestOfTheBatchIs() {
        Instant now = Instant.now();
        ProvisioningActivity old = event(now.minus(31, ChronoUnit.DAYS));
        ProvisioningActivity recent = event(now.minus(29, ChronoUnit.DAYS));
        activity.store(List.of(old, recent)).await().indefinitely();

        assertThat(scalar("SELECT count(*)::text FROM provisioning_activity WHERE event_id = $1", old.eventId()))
                .isEqualTo("0");
        assertThat(scalar("SELECT count(*)::text FROM provisioning_activity WHERE event_id = $1", recent.eventId()))
                .isEqualTo("1");
        assertThat(partitions.list().await().indefinitely()).extracting(Partition::day)
                .doesNotContain(ActivityPartitionService.day(old.time()));
    }

    @Test
    void maintenanceDropsExpiredDaysWholeAndKeepsTheComingDaysReady() {
        Instant now = Instant.now();
        LocalDate today = ActivityPartitionService.day(now);
        LocalDate expired = today.minusDays(40);
        LocalDate leftover = today.minusDays(41);
        LocalDate kept = today.minusDays(20);
        // an expired day with rows (stored before the retention was shortened, say), a table an interrupted run left
        // detached, and a day within the retention
        partitions.create(List.of(expired, kept)).await().indefinitely();
        insertRow(expired);
        ProvisioningActivity recent = event(kept.atTime(12, 0).toInstant(ZoneOffset.UTC));
        activity.store(List.of(recent)).await().indefinitely();
        pool.query("CREATE TABLE " + ActivityPartitionRepository.name(leftover)
                + " (LIKE provisioning_activity)").execute().await().indefinitely();

        ActivityPartitionService.Maintenance run = await().atMost(Duration.ofSeconds(60))
                .until(() -> retention.maintain(now).await().indefinitely(), ActivityPartitionService.Maintenance::ran);

        assertThat(run.dropped()).contains(expired, leftover).doesNotContain(kept, today);
        assertThat(scalar("SELECT coalesce(to_regclass($1)::text, 'gone')", ActivityPartitionRepository.name(expired)))
                .isEqualTo("gone");
        assertThat(scalar("SELECT coalesce(to_regclass($1)::text, 'gone')", ActivityPartitionRepository.name(leftover)))
                .isEqualTo("gone");
        assertThat(scalar("SELECT count(*)::text FROM provisioning_activity WHERE event_id = $1", recent.eventId()))
                .isEqualTo("1");
        assertThat(partitions.list().await().indefinitely()).filteredOn(Partition::attached).extracting(Partition::day)
                .contains(today, today.plusDays(1), today.plusDays(2), kept)
                .allMatch(day -> !retention.expired(day, now));
    }

    @Test
    void whileAnotherReplicaMaintainsThisOneLeavesTheDropsToIt() {
        Instant now = Instant.now();
        LocalDate expired = ActivityPartitionService.day(now).minusDays(45);
        partitions.create(List.of(expired)).await().indefinitely();
        SqlConnection other = pool.getConnection().await().indefinitely();
        try {
            assertThat(other.preparedQuery("SELECT pg_try_advisory_lock($1)")
                    .execute(Tuple.of(ActivityPartitionRepository.MAINTENANCE_LOCK_KEY)).await().indefinitely()
                    .iterator().next().getBoolean(0)).isTrue();
            ActivityPartitionService.Maintenance run = retention.maintain(now).await().indefinitely();
            assertThat(run.ran()).isFalse();
            assertThat(partitions.list().await().indefinitely()).extracting(Partition::day).contains(expired);
        } finally {
            other.preparedQuery("SELECT pg_advisory_unlock($1)")
                    .execute(Tuple.of(ActivityPartitionRepository.MAINTENANCE_LOCK_KEY)).await().indefinitely();
            other.close().await().indefinitely();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> retention.maintain(now).await().indefinitely().ran());
        assertThat(partitions.list().await().indefinitely()).extracting(Partition::day).doesNotContain(expired);
    }

    private static ProvisioningActivity event(Instant time) {
        return new ProvisioningActivity(UUID.randomUUID(), time, "config-service", UUID.randomUUID().toString(),
                "001565f00001", "192.0.2.30", "Yealink SIP-T46U 108.86.0.90 00:15:65:f0:00:01", "T46U", "108.86.0.90",
                "001565f00001.cfg", Outcome.SUCCESS, 200, null, null, null, null, true);
    }

    private void insertRow(LocalDate day) {
        pool.preparedQuery("INSERT INTO provisioning_activity (event_id, occurred_at, service, outcome, status)"
                + " VALUES ($1, $2, 'config-service', 'SUCCESS', 200)")
                .execute(Tuple.of(UUID.randomUUID(), day.atTime(6, 0).atOffset(ZoneOffset.UTC)))
                .await().indefinitely();
    }

    private String scalar(String sql, Object arg) {
        return pool.preparedQuery(sql).execute(Tuple.of(arg)).await().indefinitely().iterator().next().getString(0);
    }
}
