package io.voipconfig.config.rest;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.testsupport.RealInfraResource;
import io.voipconfig.testsupport.ServiceContractTest;

@QuarkusTest
@WithTestResource(value = RealInfraResource.class, initArgs = {
        @ResourceArg(name = "dbUser", value = DatabaseRoles.CONFIG_SERVICE)})
class ConfigServiceContractTest extends ServiceContractTest {

    @Override
    protected String expectedDatabaseRole() {
        return DatabaseRoles.CONFIG_SERVICE;
    }

    @Override
    protected boolean readinessIncludesKafka() {
        return false;
    }
}
