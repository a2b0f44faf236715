package io.voipconfig.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.voipconfig.testsupport.InfraContainers.Image;

/** The choice between containers and embedded infrastructure; the containers themselves run in .ci/run. */
class InfraContainersTest {

    @AfterEach
    void clearMode() {
        System.clearProperty(InfraContainers.MODE_PROPERTY);
    }

    @Test
    void embeddedNeverAsksForAnEngine() {
        System.setProperty(InfraContainers.MODE_PROPERTY, "embedded");

        assertThat(InfraContainers.chosen(Image.POSTGRES, Image.KAFKA)).isFalse();
    }

    @Test
    void containersWithoutAnEngineFailWithWhatToDo() {
        assumeTrue(System.getenv("DOCKER_HOST") == null, "an engine may answer at DOCKER_HOST");
        System.setProperty(InfraContainers.MODE_PROPERTY, "containers");

        assertThatThrownBy(() -> InfraContainers.chosen(Image.POSTGRES))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Docker-API engine answers")
                .hasMessageContaining("deploy/images/infra.sh");
    }

    @Test
    void autoWithoutDockerHostStaysEmbedded() {
        assumeTrue(System.getenv("DOCKER_HOST") == null, "auto follows DOCKER_HOST");

        assertThat(InfraContainers.chosen(Image.POSTGRES, Image.KAFKA, Image.KEYCLOAK)).isFalse();
    }

    @Test
    void anUnknownModeIsRefused() {
        System.setProperty(InfraContainers.MODE_PROPERTY, "docker");

        assertThatThrownBy(() -> InfraContainers.chosen(Image.POSTGRES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected auto, containers or embedded");
    }

    @Test
    void anImageCanBeNamedOnTheCommandLine() {
        System.setProperty("voipconfig-test.image.kafka", "registry.example/kafka:4");
        try {
            assertThat(Image.KAFKA.reference()).isEqualTo("registry.example/kafka:4");
            assertThat(Image.POSTGRES.reference()).isEqualTo("localhost/voipconfig/test-postgres:latest");
        } finally {
            System.clearProperty("voipconfig-test.image.kafka");
        }
    }
}
