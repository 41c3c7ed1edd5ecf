package dev.postmaster;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The component rules of {@code docs/design.md}, as tests that fail the build: packages are cut by business
 * component ({@code dev.postmaster.<component>}), components meet through their {@code boundary} (or CDI events
 * declared there) and never through another component's {@code control}, their dependencies form no cycle, and the
 * console sees only boundaries and entities.
 */
@AnalyzeClasses(packages = "dev.postmaster", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final Pattern COMPONENT = Pattern.compile("dev\\.postmaster\\.([a-z]+)(\\..*)?");
    private static final Pattern CONTROL = Pattern.compile("dev\\.postmaster\\.([a-z]+)\\.control(\\..*)?");

    @ArchTest
    static final ArchRule componentsFormNoCycle = slices().matching("dev.postmaster.(*)..")
            .namingSlices("component $1").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noComponentReachesIntoAnothersControl = noClasses()
            .should(new ArchCondition<JavaClass>("use the control package of another component") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    Optional<String> own = component(origin.getPackageName());
                    for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                        Matcher control = CONTROL.matcher(dependency.getTargetClass().getPackageName());
                        if (control.matches() && !own.equals(Optional.of(control.group(1)))) {
                            events.add(SimpleConditionEvent.satisfied(dependency, dependency.getDescription()));
                        }
                    }
                }
            });

    @ArchTest
    static final ArchRule theConsoleUsesOnlyBoundariesAndEntities = classes()
            .that().resideInAPackage("dev.postmaster.console..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.postmaster.console..",
                    "dev.postmaster.*.boundary..", "dev.postmaster.*.entity..",
                    "java..", "jakarta..", "org.primefaces..");

    @ArchTest
    static final ArchRule entitiesDependOnNoMachinery = noClasses().that().resideInAPackage("..entity..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("..boundary..", "..control..", "dev.postmaster.console..");

    @ArchTest
    static final ArchRule theApiPlumbingKnowsNoComponent = classes().that().resideInAPackage("dev.postmaster.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.postmaster.api..", "java..", "jakarta..");

    private static Optional<String> component(String packageName) {
        Matcher matcher = COMPONENT.matcher(packageName);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
