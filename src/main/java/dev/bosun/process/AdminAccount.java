package dev.bosun.process;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.stereotype.Component;

import dev.bosun.security.Credentials;

/**
 * Camunda's admin user for Cockpit, Tasklist and {@code /engine-rest}: created on the first
 * start in group {@code camunda-admin} (all permissions, as Camunda's starter would do it), and
 * given {@link Credentials#adminPassword()} at EVERY start, right after the engine is built and
 * before the web server answers, so a password set in {@code BOSUN_ADMIN_PASSWORD} always
 * applies and no default password ever exists. Idempotent; a second node starting at the same
 * moment may lose the race to create the user and then only sets the password.
 */
@Component
class AdminAccount extends AbstractProcessEnginePlugin {

    private final Credentials credentials;

    AdminAccount(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        String id = Credentials.ADMIN_ID;
        User user = identity.createUserQuery().userId(id).singleResult();
        if (user == null) {
            user = identity.newUser(id);
            user.setFirstName("Bosun");
            user.setLastName("Admin");
            user.setPassword(credentials.adminPassword());
            try {
                identity.saveUser(user);
            } catch (ProcessEngineException e) {
                user = identity.createUserQuery().userId(id).singleResult();
                if (user == null) {
                    throw e;
                }
            }
        }
        user.setPassword(credentials.adminPassword());
        identity.saveUser(user);
        // Camunda locks a user after repeated failed logins; anyone who can reach the port can
        // cause that, so a restart is always a way back in (the API token works on /engine-rest meanwhile)
        identity.unlockUser(id);
        adminGroup(identity, engine.getAuthorizationService(), id);
    }

    private static void adminGroup(IdentityService identity, AuthorizationService authorizations, String userId) {
        if (identity.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
            Group group = identity.newGroup(Groups.CAMUNDA_ADMIN);
            group.setName("camunda BPM Administrators");
            group.setType(Groups.GROUP_TYPE_SYSTEM);
            identity.saveGroup(group);
        }
        for (Resources resource : Resources.values()) {
            if (authorizations
                            .createAuthorizationQuery()
                            .groupIdIn(Groups.CAMUNDA_ADMIN)
                            .resourceType(resource)
                            .resourceId(Authorization.ANY)
                            .count()
                    == 0) {
                Authorization all = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                all.setGroupId(Groups.CAMUNDA_ADMIN);
                all.setResource(resource);
                all.setResourceId(Authorization.ANY);
                all.addPermission(Permissions.ALL);
                authorizations.saveAuthorization(all);
            }
        }
        if (identity.createUserQuery()
                        .userId(userId)
                        .memberOfGroup(Groups.CAMUNDA_ADMIN)
                        .count()
                == 0) {
            identity.createMembership(userId, Groups.CAMUNDA_ADMIN);
        }
    }
}
