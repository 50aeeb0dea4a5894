package dev.bosun.process;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Escalations go to candidate group {@code humans}; this makes sure the group exists and the
 * admin user is in it, so the admin sees them in Tasklist from the first start.
 */
@Component
class HumansGroup {

    private final IdentityService identity;
    private final String adminId;

    HumansGroup(IdentityService identity, @Value("${camunda.bpm.admin-user.id:}") String adminId) {
        this.identity = identity;
        this.adminId = adminId;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensure() {
        if (identity.createGroupQuery().groupId(ProcessIds.GROUP_HUMANS).count() == 0) {
            Group group = identity.newGroup(ProcessIds.GROUP_HUMANS);
            group.setName("Humans (escalations)");
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
        boolean adminExists = !adminId.isBlank() && identity.createUserQuery().userId(adminId).count() > 0;
        if (adminExists && identity.createUserQuery().userId(adminId).memberOfGroup(ProcessIds.GROUP_HUMANS).count() == 0) {
            identity.createMembership(adminId, ProcessIds.GROUP_HUMANS);
        }
    }
}
