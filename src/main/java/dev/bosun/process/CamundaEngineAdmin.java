package dev.bosun.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.ServletException;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.stereotype.Component;

/**
 * The admin account as {@code /engine-rest} sees it: its password is checked by Camunda's
 * identity service, and a request runs with the admin set as Camunda's current authentication,
 * so Camunda's own checks apply (with none set, the engine skips them: a credentials change,
 * for one, is only checked against {@code authenticatedUserPassword} when someone is logged in).
 */
@Component
class EngineAdmin {

    /** A request body of {@code /engine-rest} run as the admin. */
    interface Work {
        void run() throws IOException, ServletException;
    }

    private final IdentityService identity;

    EngineAdmin(IdentityService identity) {
        this.identity = identity;
    }

    boolean passwordMatches(String userId, String password) {
        return Credentials.ADMIN_ID.equals(userId) && password != null && identity.checkPassword(userId, password);
    }

    /** Runs {@code work} on this thread as the admin; the authentication is cleared afterwards, whatever happens. */
    void runAsAdmin(Work work) throws IOException, ServletException {
        String admin = Credentials.ADMIN_ID;
        List<String> groups = identity.createGroupQuery().groupMember(admin).list().stream().map(Group::getId).toList();
        List<String> tenants = identity.createTenantQuery().userMember(admin).includingGroupsOfUser(true).list()
                .stream().map(Tenant::getId).toList();
        identity.setAuthentication(admin, groups, tenants);
        try {
            work.run();
        } finally {
            identity.clearAuthentication();
        }
    }
}
