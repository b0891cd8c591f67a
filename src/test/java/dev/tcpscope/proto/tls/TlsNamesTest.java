package dev.tcpscope.proto.tls;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The name tables of packet-tls-utils.c as tshark -G values lists them, sparse or dense. */
class TlsNamesTest {
    @Test
    void sslv2CipherSpecsAreNamedByTheir24BitValue() {
        assertThat(TlsNames.CIPHER_SPEC.name(0x010080)).isEqualTo("SSL2_RC4_128_WITH_MD5");
        assertThat(TlsNames.CIPHER_SPEC.name(0x0700c0)).isEqualTo("SSL2_DES_192_EDE3_CBC_WITH_MD5");
        assertThat(TlsNames.CIPHER_SPEC.name(0x000000)).isEqualTo("TLS_NULL_WITH_NULL_NULL");
        assertThat(TlsNames.CIPHER_SPEC.name(0xabcdef)).isNull();
        assertThat(TlsNames.CIPHER_SPEC.name(-1, "Unknown")).isEqualTo("Unknown");
        assertThat(TlsNames.CIPHER_SUITE.name(0x1301)).isEqualTo("TLS_AES_128_GCM_SHA256");
    }
}
