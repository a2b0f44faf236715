package io.voipconfig.rps;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.rps.messaging.DatabaseOutageTest;
import io.voipconfig.testsupport.KeycloakResource;
import io.voipconfig.testsupport.RealInfraResource;
import io.voipconfig.testsupport.RpsSimulatorResource;

/**
 * An rps-sync-service test on this module's one resource set: real PostgreSQL (the service's own role; one that
 * {@code DatabaseOutageTest} can stop and start again) and Kafka, the RPS simulator as a process, and Keycloak for the
 * internal API's service tokens.
 */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, initArgs = {
        @ResourceArg(name = "dbUser", value = DatabaseRoles.RPS_SYNC_SERVICE),
        @ResourceArg(name = "restartablePostgres", value = "true")})
@WithTestResource(RpsSimulatorResource.class)
@WithTestResource(KeycloakResource.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface RpsSyncTest {
}
