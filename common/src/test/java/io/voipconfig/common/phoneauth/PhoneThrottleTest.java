package io.voipconfig.common.phoneauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.voipconfig.common.phoneauth.PhoneThrottle.Reason;

/** The throttle against the attacks it defends from; the HTTP side is config-service's ThrottlingTest. */
class PhoneThrottleTest {

    static final String NAT = "203.0.113.1";

    private final DigestAuthenticatorTest.MutableClock clock = new DigestAuthenticatorTest.MutableClock();
    private final List<String> blocks = new ArrayList<>();
    private final List<Reason> refused = new ArrayList<>();
    private final PhoneThrottle throttle = new PhoneThrottle(new PhoneThrottle.Limits(3, 50, 5, 4,
            Duration.ofMinutes(1), Duration.ofMinutes(5), 10_000), clock, new PhoneThrottle.Listener() {

                @Override
                public void blocked(Reason reason, String address, String username) {
                    blocks.add(reason + " " + address + " " + username);
                }

                @Override
                public void refused(Reason reason) {
                    PhoneThrottleTest.this.refused.add(reason);
                }
            });

    @Test
    void oneTenantsWrongPasswordsHoldOnlyItsOwnUserNameBehindAnAddress() {
        for (int i = 0; i < 30; i++) {
            throttle.wrongCredentials(NAT, "tenant-a");
        }
        assertThat(throttle.admit(NAT, true)).isEmpty();
        assertThat(throttle.admitCredentials(NAT, "tenant-a")).contains(Reason.WRONG_CREDENTIALS_FROM_ADDRESS);
        assertThat(throttle.admitCredentials(NAT, "tenant-b")).isEmpty();
        assertThat(throttle.admitCredentials("203.0.113.2", "tenant-a")).isEmpty();
        assertThat(blocks).containsExactly("WRONG_CREDENTIALS_FROM_ADDRESS 203.0.113.1 tenant-a");
        clock.advance(Duration.ofMinutes(6));
        assertThat(throttle.admitCredentials(NAT, "tenant-a")).isEmpty();
    }

    @Test
    void guessingOneUserNameFromManyAddressesHoldsItWhereItNeverAuthenticated() {
        throttle.authenticated("198.51.100.1", "tenant-c");
        for (int i = 0; i < 50; i++) {
            throttle.wrongCredentials("192.0.2." + i, "tenant-c");
        }
        assertThat(throttle.admitCredentials("192.0.2.200", "tenant-c")).contains(Reason.WRONG_CREDENTIALS_FOR_USER);
        assertThat(throttle.admitCredentials("198.51.100.1", "tenant-c")).as("its own phones' address").isEmpty();
        assertThat(refused).containsExactly(Reason.WRONG_CREDENTIALS_FOR_USER);
    }

    @Test
    void aMacOutsideTheOrganizationCountsOnlyForThePair() {
        for (int i = 0; i < 60; i++) {
            throttle.failedAs("192.0.2." + i, "tenant-d");
        }
        assertThat(throttle.admitCredentials("192.0.2.100", "tenant-d")).isEmpty();
    }

    @Test
    void requestsWithoutCredentialsAreARateNotFailures() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.admit(NAT, false)).isEmpty();
        }
        assertThat(throttle.admit(NAT, false)).contains(Reason.UNAUTHENTICATED_FROM_ADDRESS);
        assertThat(throttle.admit(NAT, true)).as("requests with credentials are not held").isEmpty();
        assertThat(throttle.retryAfter(Reason.UNAUTHENTICATED_FROM_ADDRESS)).isEqualTo(Duration.ofMinutes(1));
        clock.advance(Duration.ofSeconds(61));
        assertThat(throttle.admit(NAT, false)).isEmpty();
    }

    @Test
    void aSiteBehindNatRebootingTogetherIsNotHeldButAFloodBesideItIs() {
        for (int phone = 0; phone < 40; phone++) { // ten times the limit, each challenge answered
            assertThat(throttle.admit(NAT, false)).as("phone %d's challenge", phone).isEmpty();
            assertThat(throttle.admit(NAT, true)).isEmpty();
            throttle.authenticated(NAT, "tenant-e");
        }
        for (int i = 0; i < 20; i++) { // answered credit does not pile up for a flood to spend
            throttle.authenticated(NAT, "tenant-e");
        }
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.admit(NAT, false)).isEmpty();
        }
        assertThat(throttle.admit(NAT, false)).contains(Reason.UNAUTHENTICATED_FROM_ADDRESS);
        throttle.authenticated(NAT, "tenant-e");
        assertThat(throttle.admit(NAT, false)).as("a block is not lifted by a success").contains(
                Reason.UNAUTHENTICATED_FROM_ADDRESS);
    }

    @Test
    void failuresWithoutAnIdentityBlockTheAddressForEverything() {
        for (int i = 0; i < 5; i++) {
            throttle.failure(NAT);
        }
        assertThat(throttle.admit(NAT, true)).contains(Reason.FAILURES_FROM_ADDRESS);
        assertThat(throttle.admit(NAT, false)).contains(Reason.FAILURES_FROM_ADDRESS);
        assertThat(throttle.admit("203.0.113.9", true)).isEmpty();
    }

    @Test
    void anIpv6SubscriberCountsAsOneAddressWhicheverOfItsAddressesItUses() {
        for (int i = 1; i <= 5; i++) {
            throttle.failure("2001:db8:0:1::" + Integer.toHexString(i));
        }
        assertThat(throttle.admit("2001:db8:0:1:ffff::1", true)).contains(Reason.FAILURES_FROM_ADDRESS);
        assertThat(throttle.admit("2001:db8:0:2::1", true)).isEqualTo(Optional.empty());
        assertThat(PhoneThrottle.subscriber("2001:db8:0:1::5")).isEqualTo("20010db800000001::/64");
        assertThat(PhoneThrottle.subscriber("192.0.2.1")).isEqualTo("192.0.2.1");
    }

    @Test
    void aFloodOfRefusalsIsReportedOncePerAddressAndWindow() {
        assertThat(throttle.firstRefusal(NAT, "unauthenticated-from-address")).isTrue();
        assertThat(throttle.firstRefusal(NAT, "unauthenticated-from-address")).isFalse();
        assertThat(throttle.firstRefusal(NAT, "failures-from-address")).isTrue();
        assertThat(throttle.firstRefusal("203.0.113.2", "unauthenticated-from-address")).isTrue();
        clock.advance(Duration.ofSeconds(61));
        assertThat(throttle.firstRefusal(NAT, "unauthenticated-from-address")).isTrue();
    }
}
