package dev.braeburn.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.Accounts;
import dev.braeburn.server.admin.AdminApi;
import dev.braeburn.server.auth.AccessGate;
import dev.braeburn.server.auth.AccessPolicy;
import dev.braeburn.server.auth.KeyDirectory;
import dev.braeburn.server.auth.KeyIssuer;
import dev.braeburn.server.auth.RateLimiter;
import dev.braeburn.server.auth.TokenVerifier;
import dev.braeburn.server.clock.VirtualClock;
import dev.braeburn.server.schedule.Scheduler;
import dev.braeburn.server.engine.DocumentWriter;
import dev.braeburn.server.family.Families;
import dev.braeburn.server.family.Family;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.PublicRoutes;
import dev.braeburn.server.family.WebhookEvents;
import dev.braeburn.server.engine.Engine;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.engine.FailSafe;
import dev.braeburn.server.rules.TypeRules;
import dev.braeburn.server.engine.HandlerRegistry;
import dev.braeburn.server.engine.IdGenerator;
import dev.braeburn.server.engine.Relations;
import dev.braeburn.server.engine.ResourceModel;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.http.RequestHandler;
import dev.braeburn.server.http.jetty.JettyTransport;
import dev.braeburn.server.family.signing.ca.CertificateAuthorities;
import dev.braeburn.server.family.signing.ca.TlsServerCredential;
import dev.braeburn.server.jsonapi.ErrorWriter;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.journal.RequestJournal;
import dev.braeburn.server.seed.Datasets;
import dev.braeburn.server.seed.ResourceLoader;
import dev.braeburn.server.store.ApiKey;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.store.Team;
import dev.braeburn.server.store.sql.SqlStore;
import dev.braeburn.spec.Spec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;

/**
 * A running Braeburn: store, engine, admin API and HTTP transport. On an empty data directory it
 * creates a team and an Admin team key, writes {@code AuthKey_<KEYID>.p8} and prints the issuer
 * ID, key ID and file path — what a user copies from App Store Connect's Integrations page.
 */
public final class BraeburnServer implements AutoCloseable {
  /** What the first start on an empty data directory created (null fields on later starts). */
  public record FirstStart(String issuerId, String keyId, Path privateKeyFile) {}

  private final Store store;
  private final RequestJournal journal;
  private final Scheduler scheduler;
  private final JettyTransport transport;
  private final String adminToken;
  private final FirstStart firstStart;
  private final HandlerRegistry handlers;
  private final Path runningFile;
  private final dev.braeburn.server.snapshot.Snapshots snapshots;

  /**
   * Written to the data directory while the server runs: {@code {"url","pid"}}. The CLI's {@code
   * keys} and {@code token} commands find the running server through it, so a key revoked from the
   * command line is revoked in the server's memory at once, not just on disk.
   */
  public static final String RUNNING_FILE = "server.json";

  private BraeburnServer(Store store, Scheduler scheduler, RequestJournal journal, JettyTransport transport, String adminToken,
      FirstStart firstStart, HandlerRegistry handlers, Path runningFile, dev.braeburn.server.snapshot.Snapshots snapshots) {
    this.runningFile = runningFile;
    this.snapshots = snapshots;
    this.store = store;
    this.journal = journal;
    this.scheduler = scheduler;
    this.transport = transport;
    this.adminToken = adminToken;
    this.firstStart = firstStart;
    this.handlers = handlers;
  }

  public static BraeburnServer start(Config config, PrintStream out) throws Exception {
    // Server time (resources, scheduled work) is virtual; token lifetimes and rate limits follow the wall clock.
    StartupTimings.mark("BraeburnServer.start");
    Clock wall = Clock.systemUTC();
    VirtualClock clock = new VirtualClock(wall);
    ObjectMapper mapper = new ObjectMapper();
    Datasets datasets = new Datasets(mapper);
    ErrorWriter errors = new ErrorWriter(mapper);
    // Requests reach the engine through this once everything is built; the transport starts after.
    AtomicReference<RequestHandler> routing = new AtomicReference<>();
    AtomicReference<FailSafe> failSafe = new AtomicReference<>();
    // Opening the store (pools, migrations) is the longest step of a launch. What needs neither the
    // store nor each other's results is built beside it, in this order, on one background thread;
    // each result is waited for, and its failure thrown, where the sequential start used it.
    ExecutorService beside = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("braeburn-start").daemon().factory());
    Future<?> logging;
    Future<Spec> specLoad;
    Future<ResourceModel> modelBuild;
    Future<AccessPolicy> policyLoad;
    Future<TypeRules> rulesLoad;
    Future<JettyTransport> transportBuild;
    try {
      // the logging backend reads its configuration (logback.xml) on first use, the pools' use;
      // it is waited for before the store opens: SLF4J hands loggers asked for meanwhile a stand-in
      logging = beside.submit(LoggerFactory::getILoggerFactory);
      specLoad = beside.submit(() -> Spec.load());
      modelBuild = beside.submit(() -> new ResourceModel(specLoad.get()));
      beside.execute(KeyIssuer::warmUp); // the admin key of a first start; the first token verified
      beside.execute(() -> prefetch(datasets)); // a first start copies them into the new team
      policyLoad = beside.submit(() -> AccessPolicy.load(specLoad.get()));
      rulesLoad = beside.submit(() -> TypeRules.load(modelBuild.get()));
      transportBuild = beside.submit(() -> new JettyTransport(config.host(), config.port(), req -> routing.get().handle(req),
          req -> errors.render(List.of(Errors.entityTooLarge(req.body().length, JettyTransport.maxBodyBytes(req.path())))),
          (method, path, query, status, cause) -> failSafe.get().transportFailure(method, path, query, status, cause)));
    } finally {
      beside.shutdown(); // runs what was submitted, then its thread ends
    }
    SqlStore store;
    try {
      result(logging);
      StartupTimings.mark("logging ready");
      store = openStore(config, mapper, clock);
      StartupTimings.mark("store opened (migrations)");
    } catch (Throwable e) {
      result(specLoad); // the spec was loaded first: its failure is the one to report
      throw e;
    }
    Spec spec;
    ResourceModel model;
    try {
      spec = result(specLoad);
      model = result(modelBuild);
      StartupTimings.mark("spec and resource model ready");
    } catch (Throwable e) {
      try {
        store.close(); // the sequential start failed before opening it
      } catch (Exception closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    clock.attach(store::clockSetting, store::saveClockSetting);
    store.onClockChanged(clock::reload);
    Scheduler scheduler = new Scheduler(store, clock, wall);
    Relations relations = new Relations(model);
    EngineServices services = new EngineServices(model, store, new DocumentWriter(model, mapper), relations, new IdGenerator(), clock,
        scheduler, mapper, result(rulesLoad));
    StartupTimings.mark("type rules ready");
    KeyIssuer keys = new KeyIssuer(store, wall);
    KeyDirectory directory = new KeyDirectory(store);
    store.onAccountsChanged(directory::invalidate);
    RateLimiter limiter = store.rateLimiter();
    Accounts accounts = new Accounts(store, datasets, new ResourceLoader(model, relations), keys, directory, limiter);
    String adminToken = adminToken(config);
    FirstStart first = store.teams().isEmpty() ? bootstrap(config, accounts) : null;
    StartupTimings.mark(first == null ? "teams read" : "first start: team and key created");
    HandlerRegistry handlers = new HandlerRegistry();
    TokenVerifier tokens = new TokenVerifier(directory, wall, mapper);
    AccessGate gate = new AccessGate(tokens, directory, limiter, result(policyLoad), wall, config.hourlyLimit(),
        config.authRequired() ? null : firstTeam(store));
    // every part that journals requests marks the entries of requests a fault rule delays or truncates
    RequestJournal journal = new dev.braeburn.server.faults.FaultMarkingJournal(store.journal(config.journalSize()));
    dev.braeburn.server.faults.FaultRules faultRules = new dev.braeburn.server.faults.FaultRules(store, mapper);
    Engine engine = new Engine(services, handlers, gate, journal, !config.strictWire());
    PublicRoutes routes = new PublicRoutes();
    List<Family> families = Families.all();
    dev.braeburn.server.storekit.StoreKitHandlers storeKitHandlers = new dev.braeburn.server.storekit.StoreKitHandlers();
    WebhookEvents webhookEvents = installFamilies(families, new FamilyContext(services, handlers, scheduler, routes, null, storeKitHandlers,
        journal, !config.strictWire(), receivers(config)));
    StartupTimings.mark("families installed");
    accounts.loader().afterLoad((tx, loaded) -> families.forEach(family -> family.afterLoad(tx, loaded)));
    if (config.seed() != null) { // after the families, whose afterLoad schedules the seed's in-flight work
      accounts.seed(store.teams().getFirst().issuerId(), config.seed());
    }
    StartupTimings.mark("seed loaded (if any)");
    CertificateAuthorities authorities = new CertificateAuthorities(store, wall);
    dev.braeburn.server.snapshot.Snapshots snapshots = new dev.braeburn.server.snapshot.Snapshots(store, mapper, clock);
    AdminApi admin = new AdminApi(accounts, mapper, adminToken, () -> health(mapper, spec, config.store()), journal, tokens, snapshots,
        clock, scheduler, webhookEvents, authorities);
    families.forEach(family -> admin.addFamilyRoutes(family.adminRoutes()));
    admin.addFamilyRoutes(new dev.braeburn.server.faults.FaultAdmin(faultRules, new dev.braeburn.server.admin.AdminJson(mapper)).routes());
    admin.addFamilyRoutes(java.util.Map.of(dev.braeburn.server.quirks.QuirkAdmin.SEGMENT,
        new dev.braeburn.server.quirks.QuirkAdmin(store, new dev.braeburn.server.admin.AdminJson(mapper))::handle));
    routes.registerApple(dev.braeburn.server.storekit.StoreKitApi.PREFIX, new dev.braeburn.server.storekit.StoreKitApi(
        dev.braeburn.server.storekit.Endpoints.load(mapper), storeKitHandlers,
        new TokenVerifier(directory, wall, mapper, dev.braeburn.server.auth.ApiSurface.APP_STORE_SERVER), limiter,
        config.hourlyLimit() > 0, store, journal, clock, mapper, !config.strictWire()));
    dev.braeburn.server.faults.FaultInjector faults = new dev.braeburn.server.faults.FaultInjector(
        req -> routes.handle(req).orElseGet(() -> engine.handle(req)), faultRules, mapper, config.hourlyLimit(), journal, clock,
        !config.strictWire());
    failSafe.set(new FailSafe(req -> route(req, admin, faults), errors, journal, clock));
    routing.set(failSafe.get());
    StartupTimings.mark("routes built");
    JettyTransport transport = result(transportBuild);
    if (config.tls() || config.proxy()) {
      TlsServerCredential tls = TlsServerCredential.obtain(authorities.get(), config.dataDir(), wall.instant());
      transport.addTls(config.host(), config.tls() ? config.tlsPort() : 0, tls.keyStore(TLS_KEY_PASSWORD), new String(TLS_KEY_PASSWORD));
    }
    if (config.proxy()) {
      addProxy(config, transport, journal, clock);
    }
    scheduler.start();
    transport.start();
    StartupTimings.mark("Jetty started");
    BraeburnServer server = new BraeburnServer(store, scheduler, journal, transport, adminToken, first, handlers,
        config.dataDir().resolve(RUNNING_FILE), snapshots);
    server.announce(mapper, config.host());
    if (!config.quiet()) {
      server.printBanner(config, out);
    }
    StartupTimings.mark("banner printed");
    return server;
  }

  private static boolean wildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::");
  }

  /** Protects the TLS key only inside this process's in-memory key store. */
  private static final char[] TLS_KEY_PASSWORD = "braeburn".toCharArray();

  /**
   * The proxy for Apple's hosts, on loopback only whatever {@code --host} says; it tunnels to the
   * HTTPS connector and journals what it refuses.
   */
  private static void addProxy(Config config, JettyTransport transport, RequestJournal journal, VirtualClock clock) {
    List<String> hosts = TlsServerCredential.NAMES.stream().filter(name -> name.endsWith(".apple.com")).toList();
    transport.addProxy(config.proxyPort(), hosts, wildcard(config.host()) ? "127.0.0.1" : config.host(),
        (method, target, diagnosis) -> journal.record(new RequestJournal.Entry(java.util.UUID.randomUUID().toString(), clock.instant(),
            method, target, null, 403, null, null, null, diagnosis, 0)),
        !config.strictWire());
  }

  /** What a background start-up step produced, or its failure as it was thrown. */
  private static <T> T result(Future<T> step) throws Exception {
    try {
      return step.get();
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case Exception cause -> throw cause;
        case Error cause -> throw cause;
        case null, default -> throw e;
      }
    }
  }

  /** Reads the reference catalogues ahead; a failure shows where they are used. */
  private static void prefetch(Datasets datasets) {
    try {
      datasets.reference();
    } catch (RuntimeException e) {
      // reported by the team creation that needs them
    }
  }

  /** The first team's issuer ID, looked up once: the --no-auth path must not cost a query per request. */
  private static java.util.function.Supplier<String> firstTeam(Store store) {
    String issuerId = store.teams().getFirst().issuerId();
    return () -> issuerId;
  }

  /** Admin requests to the admin API; every other request through the fault rules to Apple's APIs and the public routes. */
  private static ApiResponse route(ApiRequest req, AdminApi admin, RequestHandler apple) {
    return req.path().startsWith(AdminApi.PREFIX) ? admin.handle(req) : apple.handle(req);
  }

  /** Installs every family; the one that carries webhook events (if any) is handed to all. */
  private static WebhookEvents installFamilies(List<Family> families, FamilyContext base) {
    WebhookEvents events = families.stream().filter(WebhookEvents.class::isInstance).map(WebhookEvents.class::cast)
        .findFirst().orElse(WebhookEvents.NONE);
    FamilyContext context = new FamilyContext(base.services(), base.handlers(), base.scheduler(), base.routes(), events, base.storeKit(),
        base.journal(), base.diagnose(), base.receivers());
    families.forEach(f -> f.install(context));
    return events;
  }

  /** Read at start, so a wrong {@code --trust-receivers} file stops the server instead of failing every delivery. */
  private static dev.braeburn.server.family.webhooks.HttpPoster receivers(Config config) {
    return new dev.braeburn.server.family.webhooks.HttpPoster(
        config.trustReceivers() == null ? null : dev.braeburn.server.family.webhooks.ReceiverTrust.withExtra(config.trustReceivers()));
  }

  private static SqlStore openStore(Config config, ObjectMapper mapper, Clock clock) {
    return switch (config.store()) {
      case "sqlite" -> SqlStore.sqlite(config.dataDir(), mapper, clock);
      case "postgres" -> SqlStore.postgres(config.jdbcUrl(), mapper, clock);
      default -> throw new IllegalArgumentException("store '" + config.store() + "' is unknown; use sqlite or postgres");
    };
  }

  private static FirstStart bootstrap(Config config, Accounts accounts) throws IOException {
    Team team = accounts.createTeam("Braeburn Team");
    KeyIssuer.IssuedKey key = accounts.keys().issue(team.issuerId(), List.of("ADMIN"), ApiKey.TEAM, "Braeburn admin key", null);
    Path file = config.dataDir().resolve("AuthKey_" + key.key().keyId() + ".p8");
    Files.writeString(file, key.privateKeyPem());
    return new FirstStart(team.issuerId(), key.key().keyId(), file.toAbsolutePath());
  }

  private static String adminToken(Config config) throws IOException {
    if (config.adminToken() != null && !config.adminToken().isBlank()) {
      return config.adminToken();
    }
    Path file = config.dataDir().resolve("admin-token");
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String token = HexFormat.of().formatHex(random);
    Files.writeString(file, token + "\n");
    return token;
  }

  private static ObjectNode health(ObjectMapper mapper, Spec spec, String storeKind) {
    ObjectNode node = mapper.createObjectNode();
    node.put("status", "ok");
    node.put("store", storeKind);
    node.put("specVersion", spec.version());
    node.put("operations", spec.operations().size());
    return node;
  }

  private void printBanner(Config config, PrintStream out) {
    out.println("Braeburn is serving the App Store Connect API at http://127.0.0.1:" + port());
    if (tlsPort() >= 0) {
      out.println("  and over https at https://localhost:" + tlsPort() + " (trust the root from ./braeburn ca export; docs/https-and-proxy.md)");
    }
    if (proxyPort() >= 0) {
      out.println("  proxy for Apple's hosts: HTTPS_PROXY=http://127.0.0.1:" + proxyPort() + " (https://api.appstoreconnect.apple.com is answered here)");
    }
    out.println("  data directory: " + config.dataDir().toAbsolutePath());
    if (firstStart != null) {
      out.println("  created a team and an Admin team key:");
      out.println("    Issuer ID:   " + firstStart.issuerId());
      out.println("    Key ID:      " + firstStart.keyId());
      out.println("    Private key: " + firstStart.privateKeyFile());
    }
    out.println("  admin API: http://127.0.0.1:" + port() + "/_braeburn/ (token in " + config.dataDir().resolve("admin-token") + ")");
    out.println("  a token for curl: ./braeburn token" + (config.dataDir().equals(java.nio.file.Path.of(".braeburn")) ? "" : " --data " + config.dataDir())
        + "   why a request was refused: GET /_braeburn/requests, or ./braeburn token --explain JWT");
    if (!config.authRequired()) {
      out.println("  --no-auth: requests without a token act as the first team's Admin key");
    }
    out.flush();
  }

  public int port() {
    return transport.port();
  }

  /** The HTTPS connector's port; -1 without {@code --tls} or {@code --proxy}. */
  public int tlsPort() {
    return transport.tlsPort();
  }

  /** The proxy's port (on 127.0.0.1); -1 without {@code --proxy}. */
  public int proxyPort() {
    return transport.proxyPort();
  }

  public String adminToken() {
    return adminToken;
  }

  public FirstStart firstStart() {
    return firstStart;
  }

  /** Where families register custom behaviour for operations. */
  public HandlerRegistry handlers() {
    return handlers;
  }

  public Store store() {
    return store;
  }

  /**
   * Snapshots of this server, the ones {@code /_braeburn/snapshot} uses; in process, {@code
   * capture()} and {@code restore(…)} skip the JSON document (braeburn-junit's reset).
   */
  public dev.braeburn.server.snapshot.Snapshots snapshots() {
    return snapshots;
  }

  private void announce(ObjectMapper mapper, String host) throws IOException {
    ObjectNode running = mapper.createObjectNode();
    running.put("url", "http://" + (wildcard(host) ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    if (tlsPort() >= 0) {
      running.put("httpsUrl", "https://localhost:" + tlsPort());
    }
    if (proxyPort() >= 0) {
      running.put("proxyUrl", "http://127.0.0.1:" + proxyPort());
    }
    running.put("pid", ProcessHandle.current().pid());
    Files.write(runningFile, mapper.writeValueAsBytes(running));
  }

  @Override
  public void close() throws Exception {
    Files.deleteIfExists(runningFile);
    transport.close();
    scheduler.close();
    journal.close();
    store.close();
  }
}
