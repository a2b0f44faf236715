package io.voipconfig.portal;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voipconfig.testsupport.DatabaseRoles;
import io.voipconfig.testsupport.KeycloakResource;
import io.voipconfig.testsupport.RealInfraResource;
import io.voipconfig.testsupport.ServiceContractTest;

@QuarkusTest
@WithTestResource(value = RealInfraResource.class, initArgs = {
        @ResourceArg(name = "dbUser", value = DatabaseRoles.OWNER), @ResourceArg(name = "migrate", value = "false")})
@WithTestResource(KeycloakResource.class)
@WithTestResource(RpsSyncStandIn.class)
class PortalApiContractTest extends ServiceContractTest {

    @Override
    protected String expectedDatabaseRole() {
        return DatabaseRoles.OWNER;
    }
}
