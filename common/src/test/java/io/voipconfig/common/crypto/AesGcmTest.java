package io.voipconfig.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Published vectors: McGrew and Viega, "The Galois/Counter Mode of Operation (GCM)", Appendix B, test cases 1-4
 * (the vectors NIST SP 800-38D points to).
 */
class AesGcmTest {

    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "GCM test case {0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "1 | 00000000000000000000000000000000 | 000000000000000000000000 | - | - | - | 58e2fccefa7e3061367f1d57a4e7455a",
            "2 | 00000000000000000000000000000000 | 000000000000000000000000 | - | 00000000000000000000000000000000"
                    + " | 0388dace60b6a392f328c2b971b2fe78 | ab6e47d42cec13bdf53a67b21257bddf",
            "3 | feffe9928665731c6d6a8f9467308308 | cafebabefacedbaddecaf888 | - | "
                    + "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255"
                    + " | 42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985"
                    + " | 4d5c2af327cd64a62cf35abd2ba6fab4",
            "4 | feffe9928665731c6d6a8f9467308308 | cafebabefacedbaddecaf888 | feedfacedeadbeeffeedfacedeadbeefabaddad2 | "
                    + "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"
                    + " | 42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
                    + " | 5bc94fbc3221a5db94fae95ae7121a47"})
    void matchesPublishedVectors(int testCase, String key, String iv, String aad, String plaintext, String ciphertext,
            String tag) {
        byte[] k = HEX.parseHex(key);
        byte[] n = HEX.parseHex(iv);
        byte[] a = aad == null ? new byte[0] : HEX.parseHex(aad);
        byte[] p = plaintext == null ? new byte[0] : HEX.parseHex(plaintext);
        String expected = (ciphertext == null ? "" : ciphertext) + tag;

        assertThat(HEX.formatHex(AesGcm.encrypt(k, n, a, p))).isEqualTo(expected);
        assertThat(AesGcm.decrypt(k, n, a, HEX.parseHex(expected))).isEqualTo(p);
    }

    @ParameterizedTest
    @CsvSource({"0", "5", "20"})
    void anyAlteredByteFailsAuthentication(int position) {
        byte[] key = HEX.parseHex("feffe9928665731c6d6a8f9467308308");
        byte[] iv = HEX.parseHex("cafebabefacedbaddecaf888");
        byte[] sealed = AesGcm.encrypt(key, iv, new byte[0], "sip-password-1234".getBytes());
        sealed[position] ^= 1;
        assertThatThrownBy(() -> AesGcm.decrypt(key, iv, new byte[0], sealed))
                .isInstanceOf(SecretDecryptionException.class).hasMessageContaining("does not authenticate");
    }
}
