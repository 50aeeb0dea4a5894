package dev.bosun.process;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.ServletException;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.stereotype.Component;

import dev.bosun.security.Credentials;
import dev.bosun.security.EngineAdmin;

/**
 * The admin account as {@code /engine-rest} sees it: its password is checked by Camunda's
 * identity service, and a request runs with the admin set as Camunda's current authentication,
 * so Camunda's own checks apply (with none set, the engine skips them: a credentials change,
 * for one, is only checked against {@code authenticatedUserPassword} when someone is logged in).
 */
@Component
class CamundaEngineAdmin implements EngineAdmin {

    private final IdentityService identity;

    CamundaEngineAdmin(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public boolean passwordMatches(String userId, String password) {
        return Credentials.ADMIN_ID.equals(userId) && password != null && identity.checkPassword(userId, password);
    }

    @Override
    public void runAsAdmin(Work work) throws IOException, ServletException {
        String admin = Credentials.ADMIN_ID;
        List<String> groups = identity.createGroupQuery().groupMember(admin).list().stream()
                .map(Group::getId)
                .toList();
        List<String> tenants =
                identity.createTenantQuery().userMember(admin).includingGroupsOfUser(true).list().stream()
                        .map(Tenant::getId)
                        .toList();
        identity.setAuthentication(admin, groups, tenants);
        try {
            work.run();
        } finally {
            identity.clearAuthentication();
        }
    }
}
