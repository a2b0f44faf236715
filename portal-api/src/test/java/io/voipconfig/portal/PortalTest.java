package io.voipconfig.portal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.testsupport.KeycloakResource;
import io.voipconfig.testsupport.RealInfraResource;

/**
 * A portal-api test on the one resource set of this module (real PostgreSQL and Kafka, the app migrating with the owner
 * role, a real Keycloak, the rps-sync stand-in), so the application starts once for all of them.
 */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, initArgs = {
        @ResourceArg(name = "dbUser", value = DatabaseRoles.OWNER), @ResourceArg(name = "migrate", value = "false")})
@WithTestResource(KeycloakResource.class)
@WithTestResource(RpsSyncStandIn.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface PortalTest {
}
