package io.voipconfig.rps.rest;

import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.rps.RpsSyncTest;
import io.voipconfig.testsupport.ServiceContractTest;

@RpsSyncTest
class RpsSyncServiceContractTest extends ServiceContractTest {

    @Override
    protected String expectedDatabaseRole() {
        return DatabaseRoles.RPS_SYNC_SERVICE;
    }
}
