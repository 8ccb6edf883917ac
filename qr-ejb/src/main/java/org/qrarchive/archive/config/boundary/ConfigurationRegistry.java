package org.qrarchive.archive.config.boundary;

import java.nio.file.Path;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import org.jboss.logging.Logger;
import org.qrarchive.archive.config.control.AeConfig;
import org.qrarchive.archive.config.control.ArchiveAe;
import org.qrarchive.archive.config.control.Configuration;
import org.qrarchive.archive.config.control.PropertySeed;

/**
 * The current configuration snapshot, in memory: the association, store and find paths read it, never the
 * database. Loaded at startup (created from the {@code qr.*} system properties when the database holds none
 * yet), and replaced by {@link ConfigurationStore} after each committed change.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ConfigurationRegistry {
    private static final Logger LOG = Logger.getLogger(ConfigurationRegistry.class);

    @EJB
    ConfigurationStore store;

    private final Path storageRoot = PropertySeed.storageRoot();
    private volatile Configuration current;

    @PostConstruct
    void load() {
        current = store.loadOrSeed();
        LOG.infof("Configuration: archive AEs %s, %d peers, %d groups, %d vendors", current.aes().stream()
                .map(ArchiveAe::aeTitle).toList(), current.peers().size(), current.groups().size(),
                current.vendors().size());
    }

    public Configuration current() {
        return current;
    }

    /** The view of one archive AE for a new association; {@code null} when no archive AE has that title. */
    public AeConfig forAe(String aeTitle) {
        Configuration c = current;
        ArchiveAe ae = c.ae(aeTitle);
        return ae == null ? null : AeConfig.of(c, ae, storageRoot);
    }

    public Path storageRoot() {
        return storageRoot;
    }

    /** Called once a change is committed: the next association sees {@code committed}. */
    public void publish(Configuration committed) {
        current = committed;
    }
}
