package io.voipconfig.rps;

import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.testsupport.ServiceContractTest;

@RpsSyncTest
class RpsSyncServiceContractTest extends ServiceContractTest {

    @Override
    protected String expectedDatabaseRole() {
        return DatabaseRoles.RPS_SYNC_SERVICE;
    }
}
