package dev.bosun.process;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.bosun.security.Credentials;

/**
 * Escalations go to candidate group {@code humans}; this makes sure the group exists, the admin
 * user is in it (so the admin sees them in Tasklist from the first start), and, with Camunda's
 * authorization on, that the group may open Tasklist, use its filters and read and complete
 * the tasks of {@code task-lifecycle} and {@code plan} (their forms included) and comment on them
 * (which needs their history). Idempotent; a permission added here reaches an existing grant.
 */
@Component
class HumansGroup {

    private final IdentityService identity;
    private final AuthorizationService authorizations;

    HumansGroup(IdentityService identity, AuthorizationService authorizations) {
        this.identity = identity;
        this.authorizations = authorizations;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensure() {
        if (identity.createGroupQuery().groupId(ProcessIds.GROUP_HUMANS).count() == 0) {
            Group group = identity.newGroup(ProcessIds.GROUP_HUMANS);
            group.setName("Humans (escalations)");
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
        String adminId = Credentials.ADMIN_ID;
        boolean adminExists = identity.createUserQuery().userId(adminId).count() > 0;
        if (adminExists
                && identity.createUserQuery()
                                .userId(adminId)
                                .memberOfGroup(ProcessIds.GROUP_HUMANS)
                                .count()
                        == 0) {
            identity.createMembership(adminId, ProcessIds.GROUP_HUMANS);
        }
        grant(Resources.APPLICATION, "tasklist", List.of(Permissions.ACCESS));
        grant(Resources.FILTER, Authorization.ANY, List.of(Permissions.READ));
        grant(Resources.DEPLOYMENT, Authorization.ANY, List.of(Permissions.READ));
        for (String process : List.of(ProcessIds.TASK_LIFECYCLE, ProcessIds.PLAN)) {
            grant(
                    Resources.PROCESS_DEFINITION,
                    process,
                    List.of(
                            ProcessDefinitionPermissions.READ,
                            ProcessDefinitionPermissions.READ_TASK,
                            ProcessDefinitionPermissions.UPDATE_TASK,
                            ProcessDefinitionPermissions.READ_INSTANCE,
                            // Tasklist's comment box: Camunda finds the task in the history to comment on it.
                            ProcessDefinitionPermissions.READ_HISTORY));
        }
    }

    /** Adds what is missing to the group's grant (an older start's grant lacked READ_HISTORY). */
    private void grant(Resource resource, String resourceId, List<Permission> permissions) {
        Authorization existing = authorizations
                .createAuthorizationQuery()
                .groupIdIn(ProcessIds.GROUP_HUMANS)
                .resourceType(resource)
                .resourceId(resourceId)
                .list()
                .stream()
                .filter(a -> a.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT)
                .findFirst()
                .orElse(null);
        if (existing != null) {
            List<Permission> missing = permissions.stream()
                    .filter(p -> !existing.isPermissionGranted(p))
                    .toList();
            if (!missing.isEmpty()) {
                missing.forEach(existing::addPermission);
                authorizations.saveAuthorization(existing);
            }
            return;
        }
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId(ProcessIds.GROUP_HUMANS);
        grant.setResource(resource);
        grant.setResourceId(resourceId);
        permissions.forEach(grant::addPermission);
        authorizations.saveAuthorization(grant);
    }
}
