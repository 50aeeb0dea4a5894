package dev.bosun.lease;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

import javax.sql.DataSource;

/** Every {@link LeaseName} as a {@link JdbcLease} on the engine's database; thread-safe. */
public final class Leases {

    private final Map<LeaseName, Lease> leases = new EnumMap<>(LeaseName.class);

    public Leases(DataSource dataSource, Clock clock) {
        for (LeaseName name : LeaseName.values()) {
            leases.put(name, new JdbcLease(dataSource, name, clock));
        }
    }

    public Lease of(LeaseName name) {
        return leases.get(name);
    }
}
