// Runs Apple's Node App Store Server Library (@apple/app-store-server-library) against Braeburn.
// Plain Node 20, ESM, no other dependencies. NodeServerLibraryAcceptanceTest runs it; by hand:
//   npm ci --prefix acceptance-tests/src/test/node
//   BASE_URL=http://127.0.0.1:8080 KEY_ID=… ISSUER_ID=… BUNDLE_ID=com.tidewaterlabs.tideline \
//   PRIVATE_KEY_PEM="$(cat SubscriptionKey_….p8)" ROOT_CA_PEM="$(curl -s $BASE_URL/_braeburn/ca/roots.pem)" \
//   [APP_APPLE_ID=1600000001 ADMIN_TOKEN=…] node server-library.mjs
// Each step prints one JSON line {step, ok, detail}; the exit code is 1 when a required step failed.
// To add a call (the purchase endpoints), append a step to STEPS: {name, optional?, run: async (ctx) => detail}.
import http from 'node:http';
import { X509Certificate, randomUUID } from 'node:crypto';
import library from '@apple/app-store-server-library';

const { AppStoreServerAPIClient, SignedDataVerifier, Environment, APIException } = library;

const env = (name, required = true) => {
  const value = process.env[name];
  if (required && !value) throw new Error(`environment variable ${name} is required`);
  return value;
};

const ctx = {
  baseUrl: env('BASE_URL').replace(/\/$/, ''),
  bundleId: env('BUNDLE_ID'),
  appAppleId: process.env.APP_APPLE_ID ? Number(process.env.APP_APPLE_ID) : undefined,
  adminToken: env('ADMIN_TOKEN', false),
};

// Apple's client, with one change: the base URL. urlBase is private in the typings but a plain field.
ctx.client = new AppStoreServerAPIClient(env('PRIVATE_KEY_PEM'), env('KEY_ID'), env('ISSUER_ID'), ctx.bundleId, Environment.SANDBOX);
ctx.client.urlBase = ctx.baseUrl;

// Braeburn's roots.pem holds several roots; Apple's verifier wants the EC one ("- G3") as DER.
const roots = (env('ROOT_CA_PEM').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) || [])
  .map((pem) => new X509Certificate(pem))
  .filter((cert) => cert.publicKey.asymmetricKeyType === 'ec')
  .map((cert) => cert.raw);
if (roots.length === 0) throw new Error('ROOT_CA_PEM has no EC root certificate');
ctx.verifier = new SignedDataVerifier(roots, false, Environment.SANDBOX, ctx.bundleId, ctx.appAppleId);

const admin = async (method, path, body) => {
  const response = await fetch(ctx.baseUrl + path, {
    method,
    headers: { Authorization: `Bearer ${ctx.adminToken}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
  return response.json();
};

/** A local realtime endpoint: records each signedPayload and answers a RealtimeResponseBody. */
const listen = () => new Promise((resolve) => {
  const received = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => {
      received.push(JSON.parse(data).signedPayload);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: { messageIdentifier: randomUUID() } }));
    });
  });
  server.listen(0, '127.0.0.1', () => resolve({ server, received, url: `http://127.0.0.1:${server.address().port}/retention` }));
});

const STEPS = [
  {
    // A customer buys a consumable through Braeburn's simulator (ADMIN_TOKEN), as StoreKit would.
    name: 'purchase (simulator) and getTransactionInfo',
    run: async (c) => {
      const bought = await admin('POST', '/_braeburn/storekit/purchases',
        { bundleId: c.bundleId, productId: `${c.bundleId}.tip.small`, customer: 'node' });
      const info = await c.client.getTransactionInfo(bought.transactionId);
      const decoded = await c.verifier.verifyAndDecodeTransaction(info.signedTransactionInfo);
      if (decoded.transactionId !== bought.transactionId) throw new Error(`unexpected transaction ${JSON.stringify(decoded)}`);
      c.transactionId = bought.transactionId;
      return { transactionId: decoded.transactionId, type: decoded.type, price: decoded.price, currency: decoded.currency };
    },
  },
  {
    // Node's client asks for v1 unless told otherwise (server-api.md §1.3); v2 here.
    name: 'getTransactionHistory v2',
    run: async (c) => {
      const page = await c.client.getTransactionHistory(c.transactionId, null, {}, 'v2');
      const decoded = await Promise.all(page.signedTransactions.map((t) => c.verifier.verifyAndDecodeTransaction(t)));
      if (!decoded.some((t) => t.transactionId === c.transactionId)) throw new Error('the purchase is not in the history');
      return { transactions: decoded.length, hasMore: page.hasMore, revision: page.revision };
    },
  },
  {
    name: 'getAppTransactionInfo',
    run: async (c) => {
      const info = await c.client.getAppTransactionInfo(c.transactionId);
      const decoded = await c.verifier.verifyAndDecodeAppTransaction(info.signedAppTransactionInfo);
      return { appTransactionId: decoded.appTransactionId, bundleId: decoded.bundleId };
    },
  },
  {
    name: 'sendConsumptionInformation refused with 4000035',
    run: async (c) => {
      try {
        await c.client.sendConsumptionInformation(c.transactionId, { customerConsented: false, deliveryStatus: 'DELIVERED', sampleContentProvided: false });
      } catch (e) {
        if (e instanceof APIException && e.apiError === 4000035) return { httpStatusCode: e.httpStatusCode, apiError: e.apiError };
        throw e;
      }
      throw new Error('consumption information without consent was accepted');
    },
  },
  {
    name: 'finishTransaction',
    run: async (c) => {
      await c.client.finishTransaction(c.transactionId);
      return { finished: c.transactionId };
    },
  },
  {
    // 4040007 when the app has no sandbox notification URL: Apple's answer, and a pass here too.
    name: 'requestTestNotification',
    optional: true,
    run: async (c) => {
      const { testNotificationToken } = await c.client.requestTestNotification();
      c.testNotificationToken = testNotificationToken;
      return { testNotificationToken };
    },
  },
  {
    name: 'getTestNotificationStatus',
    optional: true,
    run: async (c) => {
      if (!c.testNotificationToken) return { skipped: 'no test notification token' };
      try {
        const status = await c.client.getTestNotificationStatus(c.testNotificationToken);
        const decoded = await c.verifier.verifyAndDecodeNotification(status.signedPayload);
        return { notificationType: decoded.notificationType, sendAttempts: status.sendAttempts.length };
      } catch (e) {
        // delivery runs beside the request: before its first attempt Apple's answer is 4040008
        if (e instanceof APIException && e.apiError === 4040008) return { notYetSent: true };
        throw e;
      }
    },
  },
  {
    name: 'getImageList',
    run: async (c) => ({ images: (await c.client.getImageList()).imageIdentifiers.length }),
  },
  {
    name: 'getRealtimeURL refused with 4040021',
    run: async (c) => {
      await c.client.deleteRealtimeURL().catch(() => {});
      try {
        await c.client.getRealtimeURL();
      } catch (e) {
        if (e instanceof APIException && e.apiError === 4040021) return { httpStatusCode: e.httpStatusCode, apiError: e.apiError };
        throw e;
      }
      throw new Error('getRealtimeURL answered without a configured URL');
    },
  },
  {
    // Needs ADMIN_TOKEN: the test ends when the virtual clock has moved totalDuration on.
    name: 'performance test with a verified realtime request',
    run: async (c) => {
      if (!c.adminToken) return { skipped: 'ADMIN_TOKEN not set' };
      const endpoint = await listen();
      try {
        await c.client.configureRealtimeURL({ realtimeURL: endpoint.url });
        const started = await c.client.initiatePerformanceTest({ originalTransactionId: '2000000000000777' });
        await admin('POST', '/_braeburn/clock/advance', { seconds: Math.ceil(started.config.totalDuration / 1000) });
        const result = await c.client.getPerformanceTestResults(started.requestId);
        if (endpoint.received.length === 0) throw new Error('no realtime request arrived');
        const decoded = await c.verifier.verifyAndDecodeRealtimeRequest(endpoint.received[0]);
        if (decoded.originalTransactionId !== '2000000000000777') throw new Error(`unexpected payload ${JSON.stringify(decoded)}`);
        return { result: result.result, successRate: result.successRate, received: endpoint.received.length, environment: decoded.environment };
      } finally {
        endpoint.server.close();
      }
    },
  },
];

let failed = false;
for (const step of STEPS) {
  try {
    console.log(JSON.stringify({ step: step.name, ok: true, detail: await step.run(ctx) }));
  } catch (e) {
    const detail = e instanceof APIException ? { httpStatusCode: e.httpStatusCode, apiError: e.apiError, errorMessage: e.errorMessage } : { error: String(e), status: e.status, cause: e.cause ? String(e.cause) : undefined };
    console.log(JSON.stringify({ step: step.name, ok: false, optional: Boolean(step.optional), detail }));
    failed = failed || !step.optional;
  }
}
process.exit(failed ? 1 : 0);
