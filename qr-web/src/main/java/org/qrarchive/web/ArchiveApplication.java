package org.qrarchive.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The admin REST API, under {@code /qr/api}. */
@ApplicationPath("api")
public class ArchiveApplication extends Application {
}
