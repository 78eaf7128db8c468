package dev.braeburn.junit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/** The fields of a test class annotated {@link Braeburn}: their settings, and filling them. */
final class BraeburnFields {
  private BraeburnFields() {}

  /** The settings the class's {@code @Braeburn} fields carry (its own and inherited), if any; they must agree. */
  static Optional<Braeburn> settings(Class<?> testClass) {
    Set<Braeburn> found = new LinkedHashSet<>();
    for (Field field : fields(testClass, f -> true)) {
      found.add(field.getAnnotation(Braeburn.class));
    }
    if (found.size() > 1) {
      throw new ExtensionConfigurationException(testClass.getName() + " has @Braeburn fields with different settings: " + found
          + "; one server serves the class, so give the settings once (on the class, or alike on every field)");
    }
    return found.stream().findFirst();
  }

  /** Fills the static {@code @Braeburn} fields of {@code testClass}. */
  static void injectStatic(Class<?> testClass, BraeburnInstance instance) {
    for (Field field : fields(testClass, f -> Modifier.isStatic(f.getModifiers()))) {
      set(field, null, instance);
    }
  }

  /** Fills the instance {@code @Braeburn} fields of {@code testInstance}. */
  static void injectInstance(Object testInstance, BraeburnInstance instance) {
    for (Field field : fields(testInstance.getClass(), f -> !Modifier.isStatic(f.getModifiers()))) {
      set(field, testInstance, instance);
    }
  }

  private static List<Field> fields(Class<?> testClass, Predicate<Field> which) {
    return AnnotationSupport.findAnnotatedFields(testClass, Braeburn.class, which, HierarchyTraversalMode.TOP_DOWN);
  }

  private static void set(Field field, Object target, BraeburnInstance instance) {
    if (!BraeburnExtension.INJECTED.contains(field.getType())) {
      throw new ExtensionConfigurationException("@Braeburn field " + field.getDeclaringClass().getName() + "." + field.getName()
          + " is a " + field.getType().getName() + "; Braeburn fills fields of types " + BraeburnExtension.INJECTED);
    }
    if (Modifier.isFinal(field.getModifiers())) {
      throw new ExtensionConfigurationException("@Braeburn field " + field.getDeclaringClass().getName() + "." + field.getName()
          + " is final; Braeburn cannot fill it");
    }
    try {
      field.setAccessible(true);
      field.set(target, BraeburnExtension.value(field.getType(), instance));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExtensionConfigurationException("cannot fill @Braeburn field " + field.getName() + ": " + e.getMessage(), e);
    }
  }
}
