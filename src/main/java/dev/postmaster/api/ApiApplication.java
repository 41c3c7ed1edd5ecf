package dev.postmaster.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Mounts the JSON API at {@code /api}. Payara Micro's {@code /openapi} describes it. */
@ApplicationPath("api")
public class ApiApplication extends Application {
}
