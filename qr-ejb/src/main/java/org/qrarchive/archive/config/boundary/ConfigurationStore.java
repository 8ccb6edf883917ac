package org.qrarchive.archive.config.boundary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;
import org.qrarchive.archive.config.control.Access;
import org.qrarchive.archive.config.control.AeOptions;
import org.qrarchive.archive.config.control.ArchiveAe;
import org.qrarchive.archive.config.control.ChangeRefused;
import org.qrarchive.archive.config.control.ChangeRefused.Reason;
import org.qrarchive.archive.config.control.Configuration;
import org.qrarchive.archive.config.control.ConfigurationJson;
import org.qrarchive.archive.config.control.GlobalSettings;
import org.qrarchive.archive.config.control.InvalidConfiguration;
import org.qrarchive.archive.config.control.PeerEntry;
import org.qrarchive.archive.config.control.PeerGroup;
import org.qrarchive.archive.config.control.PropertySeed;
import org.qrarchive.archive.config.control.Quota;
import org.qrarchive.archive.config.entity.StoredAe;
import org.qrarchive.archive.config.entity.StoredGroup;
import org.qrarchive.archive.config.entity.StoredMemberList;
import org.qrarchive.archive.config.entity.StoredPeer;
import org.qrarchive.archive.config.entity.StoredSettings;
import org.qrarchive.archive.config.entity.StoredVendor;

/**
 * Reads and changes the stored configuration. Every change is one transaction: it locks the settings row (so
 * changes apply one at a time), applies the edit to the whole configuration in memory, validates the result,
 * creates missing storage areas, writes what differs, and once committed hands the new snapshot to
 * {@link ConfigurationRegistry}. A refused change leaves everything as it was.
 */
@Stateless
public class ConfigurationStore {
    private static final Logger LOG = Logger.getLogger(ConfigurationStore.class);

    /** A stored element and its version, the admin API's ETag. */
    public record Versioned<T>(T value, int version) {
    }

    /** The kinds of named elements, for messages and lookups. */
    public enum Kind {
        AE, PEER, GROUP, VENDOR
    }

    @PersistenceContext(unitName = "qr")
    EntityManager em;

    @EJB
    ConfigurationRegistry registry;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** The stored configuration; created from the system properties when there is none yet. */
    public Configuration loadOrSeed() {
        Configuration stored = load();
        if (stored != null) {
            return stored;
        }
        Configuration seed = PropertySeed.configuration();
        LOG.infof("No stored configuration: created from the qr.* system properties");
        em.persist(new StoredSettings(ConfigurationJson.write(seed.global())));
        write(seed);
        return load();
    }

    /** The stored configuration, or {@code null} when none was stored yet. */
    public Configuration load() {
        StoredSettings settings = em.find(StoredSettings.class, StoredSettings.ID);
        if (settings == null) {
            return null;
        }
        List<PeerEntry> peers = em.createNamedQuery(StoredPeer.ALL, StoredPeer.class).getResultList().stream()
                .map(p -> new PeerEntry(p.name(), p.aeTitle(), p.host(), p.port())).toList();
        List<PeerGroup> groups = em.createNamedQuery(StoredGroup.ALL, StoredGroup.class).getResultList().stream()
                .map(g -> new PeerGroup(g.name(), g.members())).toList();
        List<PeerGroup> vendors = em.createNamedQuery(StoredVendor.ALL, StoredVendor.class).getResultList()
                .stream().map(v -> new PeerGroup(v.name(), v.members())).toList();
        List<ArchiveAe> aes = em.createNamedQuery(StoredAe.ALL, StoredAe.class).getResultList().stream()
                .map(ConfigurationStore::toAe).toList();
        return new Configuration(ConfigurationJson.read(settings.json(), GlobalSettings.class), peers, groups,
                vendors, aes);
    }

    private static ArchiveAe toAe(StoredAe a) {
        AeOptions o = ConfigurationJson.read(a.options(), AeOptions.class);
        return new ArchiveAe(a.aeTitle(), a.storageArea(), Access.valueOf(a.access()),
                new Quota(a.maxStudies(), a.maxBytesPerStudy(), a.quotaMode()), a.peers(), o.store(), o.find(),
                o.preferredTransferSyntax(), o.retrieve());
    }

    // ------------------------------------------------------------------------------------------------ reading

    public Versioned<GlobalSettings> settings() {
        StoredSettings s = em.find(StoredSettings.class, StoredSettings.ID);
        return new Versioned<>(ConfigurationJson.read(s.json(), GlobalSettings.class), s.version());
    }

    public Versioned<ArchiveAe> ae(String aeTitle) {
        StoredAe a = em.find(StoredAe.class, aeTitle);
        return a == null ? null : new Versioned<>(toAe(a), a.version());
    }

    public Versioned<PeerEntry> peer(String name) {
        StoredPeer p = em.find(StoredPeer.class, name);
        return p == null ? null : new Versioned<>(new PeerEntry(p.name(), p.aeTitle(), p.host(), p.port()), p.version());
    }

    public Versioned<PeerGroup> group(String name) {
        return members(em.find(StoredGroup.class, name));
    }

    public Versioned<PeerGroup> vendor(String name) {
        return members(em.find(StoredVendor.class, name));
    }

    private static Versioned<PeerGroup> members(StoredMemberList g) {
        return g == null ? null : new Versioned<>(new PeerGroup(g.name(), g.members()), g.version());
    }

    /** Whether the index of {@code aeTitle} holds any instance. */
    public long storedInstances(String aeTitle) {
        return em.createQuery("select count(i) from Instance i where i.aeTitle = :ae", Long.class)
                .setParameter("ae", aeTitle).getSingleResult();
    }

    // ----------------------------------------------------------------------------------------------- changing

    public Versioned<GlobalSettings> putSettings(GlobalSettings settings, Integer ifMatch) {
        change(ifMatch, em.find(StoredSettings.class, StoredSettings.ID), "settings",
                c -> new Configuration(settings, c.peers(), c.groups(), c.vendors(), c.aes()));
        return settings();
    }

    public Versioned<ArchiveAe> putAe(ArchiveAe ae, Integer ifMatch) {
        change(ifMatch, em.find(StoredAe.class, ae.aeTitle()), ae.aeTitle(),
                c -> new Configuration(c.global(), c.peers(), c.groups(), c.vendors(),
                        replace(c.aes(), ae, x -> x.aeTitle().equals(ae.aeTitle()))));
        return ae(ae.aeTitle());
    }

    public Versioned<PeerEntry> putPeer(PeerEntry peer, Integer ifMatch) {
        change(ifMatch, em.find(StoredPeer.class, peer.name()), peer.name(),
                c -> new Configuration(c.global(), replace(c.peers(), peer, x -> x.name().equals(peer.name())),
                        c.groups(), c.vendors(), c.aes()));
        return peer(peer.name());
    }

    public Versioned<PeerGroup> putGroup(PeerGroup group, Integer ifMatch) {
        change(ifMatch, em.find(StoredGroup.class, group.name()), group.name(),
                c -> new Configuration(c.global(), c.peers(), replace(c.groups(), group,
                        x -> x.name().equals(group.name())), c.vendors(), c.aes()));
        return group(group.name());
    }

    public Versioned<PeerGroup> putVendor(PeerGroup vendor, Integer ifMatch) {
        change(ifMatch, em.find(StoredVendor.class, vendor.name()), vendor.name(),
                c -> new Configuration(c.global(), c.peers(), c.groups(), replace(c.vendors(), vendor,
                        x -> x.name().equals(vendor.name())), c.aes()));
        return vendor(vendor.name());
    }

    /**
     * Deletes a named element. An AE whose index holds objects is refused unless {@code purge}: then its index
     * rows go in this transaction and its files after the commit. A peer or group still named elsewhere is
     * refused (409), naming where.
     */
    public void delete(Kind kind, String name, Integer ifMatch, boolean purge) {
        Object entity = switch (kind) {
            case AE -> em.find(StoredAe.class, name);
            case PEER -> em.find(StoredPeer.class, name);
            case GROUP -> em.find(StoredGroup.class, name);
            case VENDOR -> em.find(StoredVendor.class, name);
        };
        if (entity == null) {
            throw new ChangeRefused(Reason.NOT_FOUND, "no " + kind.name().toLowerCase() + " " + name);
        }
        Path purgedArea = null;
        if (kind == Kind.AE) {
            long stored = storedInstances(name);
            if (stored > 0 && !purge) {
                throw new ChangeRefused(Reason.CONFLICT, name + " holds " + stored
                        + " stored instances: delete with ?purge=true to remove them too");
            }
            if (stored > 0) {
                purgedArea = Configuration.storageArea(registry.current().ae(name) != null
                        ? registry.current().ae(name) : ArchiveAe.withDefaults(name), registry.storageRoot());
                purgeIndex(name);
            }
        }
        try {
            change(ifMatch, entity, name, c -> switch (kind) {
                case AE -> new Configuration(c.global(), c.peers(), c.groups(), c.vendors(),
                        without(c.aes(), x -> x.aeTitle().equals(name)));
                case PEER -> new Configuration(c.global(), without(c.peers(), x -> x.name().equals(name)), c.groups(),
                        c.vendors(), c.aes());
                case GROUP -> new Configuration(c.global(), c.peers(), without(c.groups(), x -> x.name().equals(name)),
                        c.vendors(), c.aes());
                case VENDOR -> new Configuration(c.global(), c.peers(), c.groups(),
                        without(c.vendors(), x -> x.name().equals(name)), c.aes());
            });
        } catch (InvalidConfiguration e) {
            throw new ChangeRefused(Reason.CONFLICT, name + " is still in use: " + e.getMessage());
        }
        if (purgedArea != null) {
            Path area = purgedArea;
            afterCommit(() -> deleteTree(area));
        }
    }

    /** Replaces the whole configuration (a dcmqrscp.cfg import), atomically. */
    public Configuration replaceAll(Configuration replacement) {
        em.find(StoredSettings.class, StoredSettings.ID, LockModeType.PESSIMISTIC_WRITE);
        return save(replacement);
    }

    private void purgeIndex(String ae) {
        for (String entity : List.of("Instance", "Series", "Study", "Patient")) {
            int n = em.createQuery("delete from " + entity + " x where x.aeTitle = :ae").setParameter("ae", ae)
                    .executeUpdate();
            LOG.infof("Purging %s: %d %s rows deleted", ae, n, entity);
        }
    }

    private void change(Integer ifMatch, Object current, String name, UnaryOperator<Configuration> edit) {
        em.find(StoredSettings.class, StoredSettings.ID, LockModeType.PESSIMISTIC_WRITE);
        if (ifMatch != null) {
            Object target = current == null ? null : current;
            int version = target instanceof org.qrarchive.archive.config.entity.Versioned v ? v.version() : -1;
            if (target == null || version != ifMatch) {
                throw new ChangeRefused(Reason.STALE, name + " has changed (version " + version + ", If-Match "
                        + ifMatch + "): read it again");
            }
        }
        save(edit.apply(load()));
        LOG.infof("Configuration changed: %s", name);
    }

    private Configuration save(Configuration candidate) {
        candidate.validate();
        createStorageAreas(candidate);
        em.find(StoredSettings.class, StoredSettings.ID).json(ConfigurationJson.write(candidate.global()));
        write(candidate);
        em.flush();
        Configuration committed = load();
        afterCommit(() -> registry.publish(committed));
        return committed;
    }

    /** Makes the stored rows what {@code c} says: inserts, updates (only what differs) and deletes. */
    private void write(Configuration c) {
        sync(em.createNamedQuery(StoredPeer.ALL, StoredPeer.class).getResultList(), c.peers(), StoredPeer::name,
                PeerEntry::name, StoredPeer::new, (e, p) -> e.set(p.aeTitle(), p.host(), p.port()));
        sync(em.createNamedQuery(StoredGroup.ALL, StoredGroup.class).getResultList(), c.groups(), StoredGroup::name,
                PeerGroup::name, StoredGroup::new, (e, g) -> e.members(g.members()));
        sync(em.createNamedQuery(StoredVendor.ALL, StoredVendor.class).getResultList(), c.vendors(),
                StoredVendor::name, PeerGroup::name, StoredVendor::new, (e, v) -> e.members(v.members()));
        sync(em.createNamedQuery(StoredAe.ALL, StoredAe.class).getResultList(), c.aes(), StoredAe::aeTitle,
                ArchiveAe::aeTitle, StoredAe::new, (e, a) -> e.set(a.storageArea(), a.access().name(),
                        a.quota().maxStudies(), a.quota().maxBytesPerStudy(), a.quota().mode(), a.peers(),
                        ConfigurationJson.write(AeOptions.of(a))));
    }

    private <E, V> void sync(List<E> stored, List<V> wanted, java.util.function.Function<E, String> entityName,
            java.util.function.Function<V, String> valueName, java.util.function.Function<String, E> create,
            java.util.function.BiConsumer<E, V> set) {
        java.util.Map<String, E> byName = new java.util.HashMap<>();
        stored.forEach(e -> byName.put(entityName.apply(e), e));
        for (V v : wanted) {
            E e = byName.remove(valueName.apply(v));
            if (e == null) {
                e = create.apply(valueName.apply(v));
                set.accept(e, v);
                em.persist(e);
            } else {
                set.accept(e, v);
            }
        }
        byName.values().forEach(em::remove);
    }

    private void createStorageAreas(Configuration c) {
        for (ArchiveAe ae : c.aes()) {
            Path area = Configuration.storageArea(ae, registry.storageRoot());
            try {
                Files.createDirectories(area);
            } catch (IOException | RuntimeException e) {
                throw new InvalidConfiguration("aes[" + ae.aeTitle() + "].storageArea",
                        "cannot create the storage area " + area + ": " + e);
            }
        }
    }

    private void afterCommit(Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }

    private static void deleteTree(Path area) {
        try (var paths = Files.walk(area)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warnf("Purge: cannot delete %s: %s", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warnf("Purge: cannot walk %s: %s", area, e.getMessage());
        }
    }

    private static <T> List<T> replace(List<T> list, T value, java.util.function.Predicate<T> same) {
        List<T> result = new ArrayList<>();
        boolean replaced = false;
        for (T t : list) {
            if (same.test(t)) {
                result.add(value);
                replaced = true;
            } else {
                result.add(t);
            }
        }
        if (!replaced) {
            result.add(value);
        }
        return result;
    }

    private static <T> List<T> without(List<T> list, java.util.function.Predicate<T> same) {
        return list.stream().filter(same.negate()).toList();
    }
}
