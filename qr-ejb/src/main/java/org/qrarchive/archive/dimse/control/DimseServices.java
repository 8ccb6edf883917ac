package org.qrarchive.archive.dimse.control;

import org.qrarchive.archive.config.control.AeConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** Every {@link DimseService} bean of the deployment, looked up by SOP class. */
@ApplicationScoped
public class DimseServices {
    @Inject
    @Any
    Instance<DimseService> services;

    private final Map<String, DimseService> bySopClass = new HashMap<>();

    @PostConstruct
    void index() {
        for (DimseService service : services) {
            for (String sopClass : service.sopClasses()) {
                DimseService previous = bySopClass.putIfAbsent(sopClass, service);
                if (previous != null) {
                    throw new IllegalStateException("SOP class " + sopClass + " is served twice");
                }
            }
        }
    }

    public DimseService forSopClass(String sopClass) {
        return bySopClass.get(sopClass);
    }

    /** Acceptable transfer syntaxes for an abstract syntax, or {@code null} when no service takes it. */
    public List<String> transferSyntaxes(AeConfig ae, String sopClass) {
        DimseService service = bySopClass.get(sopClass);
        return service == null ? null : service.transferSyntaxes(ae, sopClass);
    }
}
