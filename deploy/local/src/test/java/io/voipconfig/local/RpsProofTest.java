package io.voipconfig.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.voipconfig.localinfra.ProjectFiles;

/**
 * Issue 6's proof as a test: 1,000 devices over 20 organizations created, updated, moved and deleted through
 * portal-api while the RPS simulator fails 10 % of the calls and rps-sync-service is SIGKILLed twice mid-stream; at the
 * end RPS equals the database exactly (the one MAC owned by another enterprise aside, recorded as a conflict), every
 * event is settled, nothing is dead-lettered, and every call the simulator answered is in the history.
 */
@Order(3)
class RpsProofTest {

    /** The proof starts a suite of its own; the one the other test classes share must not run beside it. */
    @BeforeAll
    static void stopTheSharedSuite() throws Exception {
        LocalSuite.stopSuite();
    }

    @Test
    void aThousandDevicesConvergeThroughFaultsAndTwoKills() throws Exception {
        Path root = ProjectFiles.find("deploy/local/run.sh").getParent().getParent().getParent();
        RpsProof.Report r = RpsProof.run(new RpsProof.Options(1000, 20, 0.10, 2, 42, root));
        System.out.println(r.render());
        assertThat(r.converged()).as("RPS equals the database: %s", r.mismatch()).isTrue();
        assertThat(r.kills()).as("rps-sync-service was killed and came back twice").hasSize(2);
        assertThat(r.unsettled()).as("events whose version is not applied").isZero();
        assertThat(r.deadLetters()).as("dead-lettered events").isZero();
        assertThat(r.conflicts()).containsExactlyElementsOf(RpsProof.FOREIGN);
        assertThat(r.organizations()).isEqualTo(22); // the two demo organizations (acme, umbrella-hq) too
        assertThat(r.devicesInDb()).isEqualTo(5 + 1 + 1000 + 1 - 200); // acme's 5, umbrella-hq's 1 phone
        assertThat(r.transientAnswers()).as("faults were injected and met").isPositive();
        assertThat(r.retriedCalls()).as("and retried").isPositive();
        // Every call RPS answered is in the history; the only history rows RPS may not have seen are the PENDING ones
        // of calls cut short by a kill and those that ended in a timeout or a failed connection before the request was
        // written (seen once in CI: 312 history calls, 1 PENDING, 311 at the simulator).
        assertThat(r.rpsCalls()).isLessThanOrEqualTo(r.historyCalls());
        assertThat(r.historyCalls() - r.historyPending() - r.historyUnanswered()).isLessThanOrEqualTo(r.rpsCalls());
        // Batching: far fewer calls than events.
        assertThat(r.rpsCalls()).isLessThan(r.eventsPublished());
    }
}
