package dev.postmaster.security.boundary;

import dev.postmaster.security.entity.Role;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Switches on Jakarta Security's custom form mechanism: an unauthenticated request for a protected page is sent
 * to {@code /login.xhtml}, whose backing bean calls {@code SecurityContext.authenticate}. Which pages need
 * which role is declared in {@code web.xml}.
 */
@ApplicationScoped
@DeclareRoles({Role.ADMIN_GROUP, Role.USER_GROUP, Role.METRICS_GROUP})
@CustomFormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/login.xhtml", errorPage = "", useForwardToLogin = false))
public class SecurityConfiguration {
}
