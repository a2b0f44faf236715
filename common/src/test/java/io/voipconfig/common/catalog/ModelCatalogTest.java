package io.voipconfig.common.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ModelCatalogTest {

    private final ModelCatalog catalog = new ModelCatalog(List.of(
            new PhoneModel("T46U", "yealink", "108", 16, 27, 480, 272),
            new PhoneModel("T53", "yealink", "095", 12, 21, 320, 240),
            new PhoneModel("T53W", "yealink", "095", 12, 27, 320, 240),
            new PhoneModel("T42U", "yealink", "116", 12, 15, null, null)));

    @Test
    void looksUpByNameIgnoringCase() {
        assertThat(catalog.byName("t46u")).get().extracting(PhoneModel::commonFileName).isEqualTo("y000000000108.cfg");
        assertThat(catalog.byName("T99X")).isEmpty();
        assertThat(catalog.byName(null)).isEmpty();
    }

    @Test
    void severalModelsMayShareACommonFile() {
        assertThat(catalog.byCommonFileCode("095")).extracting(PhoneModel::name).containsExactly("T53", "T53W");
        assertThat(catalog.byCommonFileCode("999")).isEmpty();
    }

    @Test
    void screenIsAbsentForModelsWithoutWallpaper() {
        assertThat(catalog.byName("T42U").orElseThrow().screen()).isEmpty();
        assertThat(catalog.byName("T46U").orElseThrow().screen()).contains(new PhoneModel.ScreenSize(480, 272));
    }

    @Test
    void duplicatesAreRefused() {
        assertThatThrownBy(() -> new ModelCatalog(List.of(new PhoneModel("T46U", "yealink", "108", 16, 27, null, null),
                new PhoneModel("t46u", "yealink", "108", 16, 27, null, null)))).hasMessageContaining("duplicate");
    }
}
