package io.voipconfig.common.phoneauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.voipconfig.common.phoneauth.DigestAuthenticator.Result;

class DigestAuthenticatorTest {

    @Test
    void rfc7616ExampleMd5() {
        // RFC 7616 §3.9.1
        assertThat(DigestAuthenticator.response(DigestAlgorithm.MD5, "Mufasa", "http-auth@example.org",
                "Circle of Life", "GET", "/dir/index.html", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth"))
                .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void rfc7616ExampleSha256() {
        assertThat(DigestAuthenticator.response(DigestAlgorithm.SHA_256, "Mufasa", "http-auth@example.org",
                "Circle of Life", "GET", "/dir/index.html", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth"))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void rfc2617Example() {
        // RFC 2617 §3.5
        assertThat(DigestAuthenticator.response(DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com", "Circle Of Life",
                "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth"))
                .isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    private final MutableClock clock = new MutableClock();
    private final DigestAuthenticator auth = new DigestAuthenticator("0123456789abcdef0123".getBytes(),
            Duration.ofMinutes(5), "voipconfig", List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256), clock,
            1_000_000);

    @Test
    void challengesOfferEveryAlgorithmWithSignedNonces() {
        List<String> c = auth.challenges(false);
        assertThat(c).hasSize(2);
        assertThat(c.get(0)).startsWith("Digest realm=\"voipconfig\", qop=\"auth\", algorithm=MD5, nonce=\"")
                .doesNotContain("stale");
        assertThat(c.get(1)).contains("algorithm=SHA-256");
        assertThat(auth.challenges(true).get(0)).endsWith(", stale=true");
    }

    @Test
    void aCorrectAnswerIsAcceptedOncePerNonceCount() {
        String nonce = nonce(auth.challenges(false).get(0));
        assertThat(auth.verify(answer(nonce, "00000001", "pw"), "GET", "/x.cfg", "acme", "pw")).isEqualTo(Result.OK);
        assertThat(auth.verify(answer(nonce, "00000001", "pw"), "GET", "/x.cfg", "acme", "pw"))
                .isEqualTo(Result.REPLAY);
        assertThat(auth.verify(answer(nonce, "00000002", "pw"), "GET", "/x.cfg", "acme", "pw")).isEqualTo(Result.OK);
        assertThat(auth.verify(answer(nonce, "00000001", "pw"), "GET", "/x.cfg", "acme", "pw"))
                .isEqualTo(Result.REPLAY);
    }

    @Test
    void countsMayArriveOutOfOrderButEachOnlyOnce() {
        String nonce = nonce(auth.challenges(false).get(0));
        for (String nc : new String[]{"00000005", "00000003", "00000004", "00000001"}) {
            assertThat(auth.verify(answer(nonce, nc, "pw"), "GET", "/x.cfg", "acme", "pw")).as(nc).isEqualTo(Result.OK);
        }
        for (String nc : new String[]{"00000005", "00000003", "00000001"}) {
            assertThat(auth.verify(answer(nonce, nc, "pw"), "GET", "/x.cfg", "acme", "pw")).as(nc)
                    .isEqualTo(Result.REPLAY);
        }
        assertThat(auth.verify(answer(nonce, "00000002", "pw"), "GET", "/x.cfg", "acme", "pw")).isEqualTo(Result.OK);
        assertThat(auth.verify(answer(nonce, "00000800", "pw"), "GET", "/x.cfg", "acme", "pw")).isEqualTo(Result.OK);
        assertThat(auth.verify(answer(nonce, "00000006", "pw"), "GET", "/x.cfg", "acme", "pw"))
                .as("older than the window").isEqualTo(Result.REPLAY);
        assertThat(auth.verify(answer(nonce, "00000000", "pw"), "GET", "/x.cfg", "acme", "pw"))
                .isEqualTo(Result.REPLAY);
    }

    @Test
    void replayWindowMatchesASimpleModel() {
        Random r = new Random(42);
        DigestAuthenticator.ReplayWindow w = new DigestAuthenticator.ReplayWindow(0);
        Set<Long> accepted = new HashSet<>();
        long highest = 0;
        for (int i = 0; i < 20_000; i++) {
            long nc = Math.max(1, highest + r.nextInt(40) - 30);
            boolean expected = !accepted.contains(nc) && highest - nc < DigestAuthenticator.ReplayWindow.WINDOW;
            assertThat(w.accept(nc)).as("nc %d after highest %d", nc, highest).isEqualTo(expected);
            if (expected) {
                accepted.add(nc);
                highest = Math.max(highest, nc);
            }
        }
    }

    @Test
    void wrongPasswordOrUserIsWrongCredentials() {
        String nonce = nonce(auth.challenges(false).get(0));
        assertThat(auth.verify(answer(nonce, "00000001", "nope"), "GET", "/x.cfg", "acme", "pw"))
                .isEqualTo(Result.WRONG_CREDENTIALS);
        assertThat(auth.verify(answer(nonce, "00000001", "pw"), "GET", "/x.cfg", "other", "pw"))
                .isEqualTo(Result.WRONG_CREDENTIALS);
    }

    @Test
    void forgedNonceOtherUriOrRealmIsInvalid() {
        String nonce = nonce(auth.challenges(false).get(0));
        String forged = (nonce.charAt(0) == 'A' ? "B" : "A") + nonce.substring(1);
        assertThat(auth.verify(answer(forged, "00000001", "pw"), "GET", "/x.cfg", "acme", "pw"))
                .isEqualTo(Result.INVALID);
        assertThat(auth.verify(answer("abc", "00000001", "pw"), "GET", "/x.cfg", "acme", "pw"))
                .isEqualTo(Result.INVALID);
        assertThat(auth.verify(answer(nonce, "00000001", "pw"), "GET", "/y.cfg", "acme", "pw"))
                .isEqualTo(Result.INVALID);
        DigestAuthenticator other = new DigestAuthenticator("another-key-0123456789".getBytes(), Duration.ofMinutes(5),
                "voipconfig", List.of(DigestAlgorithm.MD5), clock, 10);
        assertThat(other.verify(answer(nonce, "00000001", "pw"), "GET", "/x.cfg", "acme", "pw"))
                .isEqualTo(Result.INVALID);
    }

    /**
     * The replay memory is bounded in bytes: with room for 10 nonces, 50 phones in a row each use their nonce once;
     * then every one of those answers is replayed as it was sent. None may be accepted, whether its nonce is still
     * remembered (replay) or was forgotten (stale: the phone would be asked again) — forgetting must not reopen replay.
     */
    @Test
    void aFullReplayMemoryForgetsNoncesButNeverAcceptsTheirReplay() {
        DigestAuthenticator small = new DigestAuthenticator("0123456789abcdef0123".getBytes(), Duration.ofMinutes(5),
                "voipconfig", List.of(DigestAlgorithm.MD5), clock, 10L * DigestAuthenticator.REMEMBERED_NONCE_BYTES);
        List<PhoneCredentials.Digest> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofMillis(1));
            PhoneCredentials.Digest answer = answer(nonce(small.challenges(false).get(0)), "00000001", "pw");
            assertThat(small.verify(answer, "GET", "/x.cfg", "acme", "pw")).as("phone %d", i).isEqualTo(Result.OK);
            sent.add(answer);
        }
        List<Result> replays = sent.stream().map(a -> small.verify(a, "GET", "/x.cfg", "acme", "pw")).toList();
        assertThat(replays).doesNotContain(Result.OK).contains(Result.STALE);
        // A phone asked again gets a fresh nonce, which works.
        clock.advance(Duration.ofMillis(1));
        assertThat(small.verify(answer(nonce(small.challenges(true).get(0)), "00000001", "pw"), "GET", "/x.cfg",
                "acme", "pw")).isEqualTo(Result.OK);
    }

    /**
     * Two replicas behind one host share the nonce key. An answer accepted by one and sent again to the other (or to a
     * restarted process, which is a new replica) must not be accepted: only the issuing replica remembers its counts.
     * The other asks again (stale: the password was right), and the phone's answer to its own nonce works there.
     */
    @Test
    void anAnswerAcceptedByOneReplicaIsNotAcceptedByAnother() {
        DigestAuthenticator replicaB = new DigestAuthenticator("0123456789abcdef0123".getBytes(),
                Duration.ofMinutes(5), "voipconfig", List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256), clock,
                1_000_000);
        PhoneCredentials.Digest captured = answer(nonce(auth.challenges(false).get(0)), "00000001", "pw");
        assertThat(auth.verify(captured, "GET", "/x.cfg", "acme", "pw")).isEqualTo(Result.OK);
        assertThat(replicaB.verify(captured, "GET", "/x.cfg", "acme", "pw")).isEqualTo(Result.STALE);
        assertThat(replicaB.verify(answer(captured.nonce(), "00000002", "pw"), "GET", "/x.cfg", "acme", "pw"))
                .as("a later count of the other replica's nonce").isEqualTo(Result.STALE);
        assertThat(replicaB.verify(answer(captured.nonce(), "00000001", "bad"), "GET", "/x.cfg", "acme", "pw"))
                .as("stale only with the right password").isEqualTo(Result.WRONG_CREDENTIALS);
        assertThat(replicaB.verify(answer(nonce(replicaB.challenges(true).get(0)), "00000001", "pw"), "GET",
                "/x.cfg", "acme", "pw")).isEqualTo(Result.OK);
    }

    @Test
    void anExpiredNonceWithTheRightPasswordIsStale() {
        String nonce = nonce(auth.challenges(false).get(0));
        clock.advance(Duration.ofMinutes(6));
        assertThat(auth.verify(answer(nonce, "00000001", "pw"), "GET", "/x.cfg", "acme", "pw")).isEqualTo(Result.STALE);
        assertThat(auth.verify(answer(nonce, "00000001", "bad"), "GET", "/x.cfg", "acme", "pw"))
                .isEqualTo(Result.WRONG_CREDENTIALS);
    }

    @Test
    void headerParsingRejectsWeakOrBrokenForms() {
        assertThat(PhoneCredentials.parse("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"/\", response=\"x\""))
                .as("RFC 2069 form without qop").isEmpty();
        assertThat(PhoneCredentials.parse("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"/\", response=\"x\","
                + " qop=auth, nc=00000001, cnonce=\"c\", algorithm=MD5-sess")).isEmpty();
        assertThat(PhoneCredentials.parse("Digest username=\"a\", username=\"b\"")).isEmpty();
        assertThat(PhoneCredentials.parse("Digest username=\"unterminated")).isEmpty();
        assertThat(PhoneCredentials.parse("Basic !!!")).isEmpty();
        assertThat(
                PhoneCredentials.parse("Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes())))
                .isEmpty();
        assertThat(PhoneCredentials.parse("Bearer abc")).isEmpty();
        assertThat(PhoneCredentials.parse("Digest " + "a".repeat(5000))).isEmpty();
        assertThat(PhoneCredentials.parse("Basic YWNtZTpwOnc=")).get()
                .isEqualTo(new PhoneCredentials.Basic("acme", "p:w"));
        assertThat(PhoneCredentials.parse("Basic YWNtZTpwOnc=").get().toString()).doesNotContain("p:w");
    }

    private static PhoneCredentials.Digest answer(String nonce, String nc, String password) {
        String header = "Digest username=\"acme\", realm=\"voipconfig\", nonce=\"" + nonce
                + "\", uri=\"/x.cfg\", qop=auth, nc=" + nc + ", cnonce=\"0a4f113b\", response=\""
                + DigestAuthenticator.response(DigestAlgorithm.MD5, "acme", "voipconfig", password, "GET", "/x.cfg",
                        nonce, nc, "0a4f113b", "auth")
                + "\", algorithm=MD5";
        return (PhoneCredentials.Digest) PhoneCredentials.parse(header).orElseThrow();
    }

    private static String nonce(String challenge) {
        Matcher m = Pattern.compile("nonce=\"([^\"]+)\"").matcher(challenge);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-11-23T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
