package io.dvmigrate.dataverse.write;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowKeyTest {

    @Test
    void idAndAlternateKeyPaths() {
        assertThat(RowKey.id("7EB682F1-CA75-E511-80D4-00155D2A68D1").path("accounts"))
                .isEqualTo("accounts(7eb682f1-ca75-e511-80d4-00155d2a68d1)");
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("firstname", "Joe O'Neil");
        key.put("age", 42);
        assertThat(RowKey.alternate(key).path("contacts")).isEqualTo("contacts(firstname='Joe%20O''Neil',age=42)");
        assertThatThrownBy(() -> RowKey.id("not-a-guid")).isInstanceOf(IllegalArgumentException.class);
    }
}
