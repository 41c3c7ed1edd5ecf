package dev.postmaster.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.annotation.FacesConfig;

/**
 * Turns on Faces 4 with CDI integration, so that {@code #{...}} expressions resolve CDI beans and Faces
 * artifacts such as the external context can be injected.
 */
@FacesConfig
@ApplicationScoped
public class FacesConfiguration {
}
