package io.voipconfig.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.voipconfig.localinfra.ProjectFiles;

/**
 * Issue 18's abuse proof as a test: every attack and fault of {@code bench/abuse-proof.sh} against a suite of its own,
 * with Acme's phones fetching beside it; each defence holds and no victim request is refused. Latency is printed, not
 * asserted (it depends on the machine).
 */
@Order(4)
class AbuseProofTest {

    /** The proof starts a suite of its own; the one the other test classes share must not run beside it. */
    @BeforeAll
    static void stopTheSharedSuite() throws Exception {
        LocalSuite.stopSuite();
    }

    @Test
    void everyAttackFailsAndCostsTheVictimsNoRequest() throws Exception {
        Path root = ProjectFiles.find("deploy/local/run.sh").getParent().getParent().getParent();
        List<AbuseProof.Line> lines = AbuseProof.run(root, 5);
        System.out.println(AbuseProof.render(lines));
        assertThat(lines).hasSize(10).allSatisfy(l -> {
            assertThat(l.defenceHeld()).as("%s: the defence held (%s)", l.attack(), l.attackerGot()).isTrue();
            assertThat(l.victims().refused()).as("%s: victim requests refused %s", l.attack(), l.victims().refusedBy())
                    .isZero();
            assertThat(l.victims().requests()).as("%s: the victims fetched", l.attack()).isPositive();
        });
    }
}
