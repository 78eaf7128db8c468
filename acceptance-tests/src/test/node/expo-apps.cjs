// @expo/apple-utils (eas-cli's App Store Connect client) against Braeburn through its proxy switch:
// EXPO_APP_STORE_USE_PROXY=1 sends every request to a proxy on 127.0.0.1:8888; the host stays Apple's
// (HttpsAndProxyAcceptanceTest). A signed API token is the only credential.
const { App } = require('@expo/apple-utils');

(async () => {
  const apps = await App.getAsync({ token: process.env.TOKEN }, { query: { limit: 200 } });
  console.log(JSON.stringify({ count: apps.length, bundleIds: apps.map((a) => a.attributes.bundleId) }));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
