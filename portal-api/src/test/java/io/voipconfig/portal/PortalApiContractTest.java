package io.voipconfig.portal;

import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.testsupport.ServiceContractTest;

@PortalTest
class PortalApiContractTest extends ServiceContractTest {

    @Override
    protected String expectedDatabaseRole() {
        return DatabaseRoles.OWNER;
    }
}
