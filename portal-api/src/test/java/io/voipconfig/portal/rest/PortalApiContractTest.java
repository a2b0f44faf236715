package io.voipconfig.portal.rest;

import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.portal.PortalTest;
import io.voipconfig.testsupport.ServiceContractTest;

@PortalTest
class PortalApiContractTest extends ServiceContractTest {

    @Override
    protected String expectedDatabaseRole() {
        return DatabaseRoles.OWNER;
    }
}
