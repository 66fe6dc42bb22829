package dev.teller.server.security.internal;

import dev.teller.server.security.Role;
import dev.teller.server.security.StaffAccounts;
import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * The accounts made at start-up. On the embedded H2 database, the demo accounts (unless turned off), so that a
 * first run can log in. On any other database never those, whatever the settings say: their password is in the
 * README. There the first admin comes from {@code TELLER_ADMIN_USERNAME} and {@code TELLER_ADMIN_PASSWORD}, made
 * while no admin account exists; that admin then creates the other accounts through the admin API.
 */
@Component
class StartupAccounts {

    private static final Logger log = LoggerFactory.getLogger(StartupAccounts.class);

    public StartupAccounts(StaffAccounts accounts, StaffProperties staff, DataSource dataSource)
            throws MetaDataAccessException {
        String url = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getURL);
        boolean embedded = url != null && url.startsWith("jdbc:h2:");
        if (embedded && !Boolean.FALSE.equals(staff.demoAccounts())) {
            int made = accounts.createDemoAccounts(staff.demoPassword());
            log.warn(
                    "demo staff accounts are on{}: log in as agent, agent2, supervisor or admin with the demo password "
                            + "(teller.staff.demo-password). They are made on the embedded database only; "
                            + "TELLER_DEMO_ACCOUNTS=false turns them off.",
                    made > 0 ? " (" + made + " created)" : "");
        } else if (!embedded && Boolean.TRUE.equals(staff.demoAccounts())) {
            log.warn("TELLER_DEMO_ACCOUNTS (teller.staff.demo-accounts) is ignored: demo accounts, whose password is "
                    + "public, are made on the embedded H2 database only, never on "
                    + JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName)
                    + ". Make the first admin with TELLER_ADMIN_USERNAME and TELLER_ADMIN_PASSWORD.");
        }
        if (accounts.anyAdmin()) {
            if (staff.adminPassword() != null) {
                log.info("an admin account exists: TELLER_ADMIN_PASSWORD is not used (remove it from the environment)");
            }
            return;
        }
        if (staff.adminPassword() == null) {
            log.warn("there is no admin account: set TELLER_ADMIN_USERNAME and TELLER_ADMIN_PASSWORD to make the first"
                    + " one at start-up, then create the other accounts through /api/v1/admin/staff");
            return;
        }
        try {
            if (accounts.createFirstAdmin(staff.adminUsername(), staff.adminPassword())) {
                log.info("first admin account '{}' created (from TELLER_ADMIN_PASSWORD)", staff.adminUsername());
            } else if (accounts.byUsername(StaffAccounts.normalise(staff.adminUsername()))
                    .filter(a -> a.role() == Role.ADMIN)
                    .isPresent()) {
                log.info("first admin account '{}' made by another node", staff.adminUsername());
            } else {
                log.warn(
                        "no admin account made: an account called '{}' exists and is not an admin; set another "
                                + "TELLER_ADMIN_USERNAME",
                        staff.adminUsername());
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The first admin account (TELLER_ADMIN_USERNAME '" + staff.adminUsername()
                    + "', TELLER_ADMIN_PASSWORD) is not accepted: " + e.getMessage());
        }
    }
}
