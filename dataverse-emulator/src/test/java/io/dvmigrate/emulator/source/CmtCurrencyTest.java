package io.dvmigrate.emulator.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CMT packages name currencies, not their codes; the emulator gives referenced currencies their ISO code. */
class CmtCurrencyTest {
    @Test
    void aCurrencyNamedInAPackageGetsItsIsoCode() {
        assertThat(CmtSource.isoCode("US Dollar")).isEqualTo("USD");
        assertThat(CmtSource.isoCode("Euro")).isEqualTo("EUR");
        assertThat(CmtSource.isoCode(" british pound ")).isEqualTo("GBP");
        assertThat(CmtSource.isoCode("Galactic Credit")).isEqualTo("XXX");
    }
}
