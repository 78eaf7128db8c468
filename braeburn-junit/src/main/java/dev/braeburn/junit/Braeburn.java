package dev.braeburn.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Runs the annotated test class against an in-process Braeburn server on 127.0.0.1 (a free port,
 * a temporary data directory). Before every test the server goes back to the state it had right
 * after start, clock included; test methods, constructors and lifecycle methods take a {@link
 * BraeburnInstance}, its {@link java.net.URI base URL} or its {@link dev.braeburn.client.ApiKeyFile
 * Admin key} as parameters.
 *
 * <p>On a field instead of (or beside) the class, it also has the field filled: {@code @Braeburn
 * static BraeburnInstance braeburn;} before {@code @BeforeAll} methods run, an instance field before
 * each {@code @BeforeEach}. Field types: those of the parameters ({@link BraeburnInstance}, {@link
 * java.net.URI}, {@link dev.braeburn.client.ApiKeyFile}, {@link
 * dev.braeburn.client.api.AppStoreConnectClient}, {@link dev.braeburn.client.api.BraeburnAdmin}).
 * Settings come from the class's annotation if it has one, else from the fields' (all alike).
 *
 * <p>Parallel execution: every class has its own server unless {@link #shared()}, so classes run
 * in parallel freely. Classes that share a server are never run at the same time as each other,
 * and their tests run one after the other: a reset must not land under a running test. JUnit reads
 * that lock from the class only: a class with {@code @Braeburn} on fields alone runs its tests one
 * at a time all the same, each waiting for the server in its reset.
 */
@Target({ElementType.TYPE, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(BraeburnExtension.class)
@ResourceLock(providers = ServerLock.class)
public @interface Braeburn {
  /** The data set the server starts with ({@code demo}: apps, builds, testers, sales …); empty for a bare team. */
  String seed() default "demo";

  /** {@code sqlite} (in the temporary data directory) or {@code postgres} (with {@link #storeUrl()}). */
  String store() default "sqlite";

  /** The JDBC URL for {@code store = "postgres"}; every class (or the shared server) needs a database of its own. */
  String storeUrl() default "";

  /** Stops server time at start, so resource dates and scheduled work move only when a test advances the clock. */
  boolean frozenClock() default true;

  /**
   * One server for every class of the test run with the same settings, instead of one per class:
   * cheaper when many classes each run a few tests; those classes then run one at a time.
   */
  boolean shared() default false;

  /** Requests an hour per key, as Apple counts them (0: no limit). The counters are not part of the reset. */
  int hourlyLimit() default 3600;
}
