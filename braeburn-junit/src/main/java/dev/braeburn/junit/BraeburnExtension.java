package dev.braeburn.junit;

import dev.braeburn.client.ApiKeyFile;
import dev.braeburn.client.api.AppStoreConnectClient;
import dev.braeburn.client.api.BraeburnAdmin;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The engine behind {@link Braeburn}: starts the server when the class starts (or finds the
 * suite's shared one), resets it before each test, resolves parameters and fills {@code @Braeburn} fields. Servers live in
 * JUnit's extension store, which closes them when their class (or, shared, the whole run) ends.
 */
public final class BraeburnExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BraeburnExtension.class);
  private static final String INSTANCE = "instance";
  private static final String HOLDS_SERVER = "holdsServer";
  static final List<Class<?>> INJECTED = List.of(BraeburnInstance.class, URI.class, ApiKeyFile.class,
      AppStoreConnectClient.class, BraeburnAdmin.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    BraeburnFields.injectStatic(context.getRequiredTestClass(), instance(context));
  }

  /**
   * Resets, then fills {@code @Braeburn} instance fields (of the test's instance and, for a nested
   * test, of its outer ones). An extension registered by an instance field is registered only
   * after the instance exists, so this is the first callback every way of registering it reaches.
   */
  @Override
  public void beforeEach(ExtensionContext context) throws InterruptedException {
    BraeburnInstance instance = instance(context);
    instance.running().acquireAndReset();
    context.getStore(NAMESPACE).put(HOLDS_SERVER, Boolean.TRUE);
    for (Object testInstance : context.getRequiredTestInstances().getAllInstances()) {
      BraeburnFields.injectInstance(testInstance, instance);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    // only the test whose reset went through holds the server
    if (context.getStore(NAMESPACE).remove(HOLDS_SERVER) != null) {
      instance(context).running().release();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return INJECTED.contains(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return value(parameter.getParameter().getType(), instance(context));
  }

  /** What a parameter or {@code @Braeburn} field of {@code type} (one of {@link #INJECTED}) gets. */
  static Object value(Class<?> type, BraeburnInstance instance) {
    if (type == URI.class) {
      return instance.baseUrl();
    }
    if (type == ApiKeyFile.class) {
      return instance.apiKey();
    }
    if (type == AppStoreConnectClient.class) {
      return instance.client();
    }
    if (type == BraeburnAdmin.class) {
      return instance.admin();
    }
    if (type == BraeburnInstance.class) {
      return instance;
    }
    throw new IllegalArgumentException("not a Braeburn parameter or field type: " + type);
  }

  /**
   * The class's server, started on first use: by {@code beforeAll}, or earlier by a constructor
   * parameter under {@code @TestInstance(PER_CLASS)}. Nested classes find their outer class's.
   */
  private static BraeburnInstance instance(ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(INSTANCE, key -> start(classContext), BraeburnInstance.class);
  }

  private static BraeburnInstance start(ExtensionContext classContext) {
    Class<?> testClass = classContext.getRequiredTestClass();
    Braeburn settings = settings(testClass);
    // the store that owns the server closes it: the class's, or the run's root for a shared one
    ExtensionContext owner = settings.shared() ? classContext.getRoot() : classContext;
    String key = settings.shared() ? "server " + describe(settings) : "server";
    RunningServer running = owner.getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> startServer(settings, testClass), RunningServer.class);
    return new BraeburnInstance(running);
  }

  private static RunningServer startServer(Braeburn settings, Class<?> testClass) {
    try {
      return RunningServer.start(settings);
    } catch (Exception e) {
      throw new ExtensionConfigurationException("Braeburn did not start for " + testClass.getName() + ": " + e.getMessage(), e);
    }
  }

  /** The class's {@code @Braeburn} (or an enclosing class's); failing that, its fields' (or an enclosing class's fields'). */
  private static Braeburn settings(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      var found = AnnotationSupport.findAnnotation(c, Braeburn.class);
      if (found.isPresent()) {
        return found.get();
      }
    }
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      var found = BraeburnFields.settings(c);
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw new ExtensionConfigurationException(testClass.getName()
        + " uses BraeburnExtension without @Braeburn on it, an enclosing class or a field");
  }

  /** Shared servers are shared between classes with the same settings only. */
  private static String describe(Braeburn s) {
    return s.seed() + "|" + s.store() + "|" + s.storeUrl() + "|" + s.frozenClock() + "|" + s.hourlyLimit();
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() || c.getTestClass().isEmpty()) {
      c = c.getParent().orElseThrow(() -> new ExtensionConfigurationException("Braeburn parameters need a test class"));
    }
    return c;
  }
}
