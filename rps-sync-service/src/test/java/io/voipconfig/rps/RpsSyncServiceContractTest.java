package io.voipconfig.rps;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voipconfig.testsupport.DatabaseRoles;
import io.voipconfig.testsupport.RealInfraResource;
import io.voipconfig.testsupport.RpsSimulatorResource;
import io.voipconfig.testsupport.ServiceContractTest;

@QuarkusTest
@WithTestResource(value = RealInfraResource.class, initArgs = {
        @ResourceArg(name = "dbUser", value = DatabaseRoles.RPS_SYNC_SERVICE)})
@WithTestResource(RpsSimulatorResource.class)
class RpsSyncServiceContractTest extends ServiceContractTest {

    @Override
    protected String expectedDatabaseRole() {
        return DatabaseRoles.RPS_SYNC_SERVICE;
    }
}
