package dev.bosun.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.bosun.team.Member;
import dev.bosun.team.Roster;

/** The secrets this area issues: the API token, the admin password and every member's agent token. */
@Component
class CredentialSecrets implements KnownSecrets {

    private final List<String> values;

    CredentialSecrets(Credentials credentials, Roster roster) {
        List<String> all = new ArrayList<>(List.of(credentials.apiToken(), credentials.adminPassword()));
        roster.members().stream().map(Member::name).map(credentials::agentToken).forEach(all::add);
        this.values = List.copyOf(all);
    }

    @Override
    public Collection<String> values() {
        return values;
    }
}
