package dev.braeburn.junit;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;

/**
 * Tells JUnit's parallel scheduler that classes on a {@link Braeburn#shared() shared} server all
 * use one resource: JUnit then runs them one at a time and each one's tests on one thread, so the
 * per-test reset never lands under another test. A class with a server of its own gets a lock
 * to itself: it runs in parallel with other classes, its tests one after the other on one thread
 * (JUnit's rule for children of a locked node), rather than blocking each other on the reset.
 */
public final class ServerLock implements ResourceLocksProvider {
  static final String KEY = "dev.braeburn.junit.server";

  @Override
  public Set<Lock> provideForClass(Class<?> testClass) {
    return locks(testClass);
  }

  @Override
  public Set<Lock> provideForNestedClass(List<Class<?>> enclosingInstanceTypes, Class<?> testClass) {
    return locks(testClass);
  }

  private static Set<Lock> locks(Class<?> testClass) {
    Braeburn settings = testClass.getAnnotation(Braeburn.class);
    if (settings == null) {
      return Set.of();
    }
    return Set.of(new Lock(settings.shared() ? KEY : KEY + ":" + testClass.getName(), ResourceAccessMode.READ_WRITE));
  }
}
