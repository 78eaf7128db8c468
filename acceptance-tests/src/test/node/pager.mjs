// dfabulich's node-app-store-connect-api walking an endless inAppPurchasesV2 listing (QuirksNodePagerAcceptanceTest).
// Over https (NODE_EXTRA_CA_CERTS = Braeburn's roots) and unchanged but for its urlBase; the fetch
// below only counts requests, so a pager that never stops is cut off and reported as trapped.
import { api } from 'node-app-store-connect-api';

const { BASE_URL, ISSUER_ID, KEY_ID, PRIVATE_KEY_PEM, APP_ID } = process.env;
const MAX_REQUESTS = 60;

async function walk(haltPaginationOnEmptyData) {
  let requests = 0;
  const fetch = (url, options) => {
    if (++requests > MAX_REQUESTS) throw new Error('trapped');
    return globalThis.fetch(url, options);
  };
  const client = await api({ issuerId: ISSUER_ID, apiKey: KEY_ID, privateKey: PRIVATE_KEY_PEM, urlBase: BASE_URL,
    automaticRetries: 0, fetch, haltPaginationOnEmptyData });
  try {
    const { data } = await client.readAll(`${BASE_URL}/v1/apps/${APP_ID}/inAppPurchasesV2?limit=2`);
    return { halt: haltPaginationOnEmptyData, trapped: false, purchases: data.length, requests };
  } catch (e) {
    return { halt: haltPaginationOnEmptyData, trapped: e.message === 'trapped', error: e.message, requests };
  }
}

console.log(JSON.stringify(await walk(false)));
console.log(JSON.stringify(await walk(true)));
