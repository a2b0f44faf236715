package io.voipconfig.media.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.voipconfig.common.image.ImageHeader;
import io.voipconfig.testsupport.image.TestImages;

class WallpaperFitterTest {

    /** What a decode holds follows the screen: every n-th pixel, keeping at least twice the screen on both axes. */
    @Test
    void largeImagesAreDecodedSubsampledToAboutTwiceTheScreen() {
        assertThat(WallpaperFitter.subsampling(new ImageHeader(4000, 2400), 480, 272)).isEqualTo(4);
        assertThat(WallpaperFitter.subsampling(new ImageHeader(4096, 4096), 320, 240)).isEqualTo(6);
        assertThat(WallpaperFitter.subsampling(new ImageHeader(1024, 600), 480, 272)).isEqualTo(1);
        assertThat(WallpaperFitter.subsampling(new ImageHeader(800, 480), 1280, 800)).isEqualTo(1);
    }

    @Test
    void anImageOverTheLimitIsRefusedFromItsHeaderAndOneWithinItFitsExactly() throws Exception {
        assertThatThrownBy(() -> WallpaperFitter.fit(TestImages.pngClaiming(16_000, 16_000), "image/png", 480, 272,
                4096)).isInstanceOf(WallpaperFitter.UnusableImage.class).hasMessageContaining("16000 × 16000");
        var fitted = WallpaperFitter.fit(TestImages.image("png", 2000, 1200), "image/png", 480, 272, 4096);
        assertThat(fitted).isPresent();
        assertThat(ImageHeader.read(fitted.get().bytes())).contains(new ImageHeader(480, 272));
    }
}
