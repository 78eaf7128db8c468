package dev.braeburn.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Layering rules from ARCHITECTURE.md, enforced. */
class ArchitectureTest {
  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.braeburn");
  }

  @Test
  void onlyTheJettyTransportImportsJetty() {
    noClasses().that().resideOutsideOfPackage("dev.braeburn.server.http.jetty..")
        .should().dependOnClassesThat().resideInAPackage("org.eclipse.jetty..").check(classes);
  }

  @Test
  void onlyTheSqlStoreTouchesJdbcPoolsAndMigrations() {
    noClasses().that().resideOutsideOfPackage("dev.braeburn.server.store.sql..")
        .should().dependOnClassesThat().resideInAnyPackage("com.zaxxer..", "org.flywaydb..", "org.sqlite..", "java.sql..")
        .check(classes);
  }

  @Test
  void onlyAuthHandlesJwtCryptography() {
    noClasses().that().resideOutsideOfPackage("dev.braeburn.server.auth..")
        .should().dependOnClassesThat().resideInAPackage("com.nimbusds..").check(classes);
  }

  @Test
  void specAndJsonApiDependOnNothingAboveThem() {
    noClasses().that().resideInAPackage("dev.braeburn.spec..")
        .should().dependOnClassesThat().resideInAPackage("dev.braeburn.server..").check(classes);
    noClasses().that().resideInAPackage("dev.braeburn.server.jsonapi..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.braeburn.server.engine..", "dev.braeburn.server.store..", "dev.braeburn.server.admin..")
        .check(classes);
  }

  @Test
  void theEngineKnowsNoTransportAndNoSqlStore() {
    noClasses().that().resideInAPackage("dev.braeburn.server.engine..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.braeburn.server.http.jetty..", "dev.braeburn.server.store.sql..")
        .check(classes);
  }
}
