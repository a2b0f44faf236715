package io.voipconfig.portal;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voipconfig.testsupport.DatabaseRoles;
import io.voipconfig.testsupport.RealInfraResource;
import io.voipconfig.testsupport.ServiceContractTest;

@QuarkusTest
@WithTestResource(value = RealInfraResource.class, initArgs = {
        @ResourceArg(name = "dbUser", value = DatabaseRoles.OWNER),
        @ResourceArg(name = "migrate", value = "false")})
class PortalApiContractTest extends ServiceContractTest {

    @Override
    protected String expectedDatabaseRole() {
        return DatabaseRoles.OWNER;
    }
}
