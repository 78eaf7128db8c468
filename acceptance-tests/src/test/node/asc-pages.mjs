// node-app-store-connect-api (dfabulich) against Braeburn over https: only urlBase changed, Braeburn's root
// trusted through NODE_EXTRA_CA_CERTS. The library treats every URL not starting with https:// as relative,
// so this walks links.next page by page only when Braeburn serves https (HttpsAndProxyAcceptanceTest).
import { api } from 'node-app-store-connect-api';

const { readAll } = await api({
  issuerId: process.env.ISSUER_ID,
  apiKey: process.env.KEY_ID,
  privateKey: process.env.PRIVATE_KEY_PEM,
  urlBase: process.env.BASE_URL,
  logRequests: true,
  automaticRetries: 0,
});
const { data } = await readAll('apps', { params: { limit: 2 } });
console.log(JSON.stringify({ count: data.length, ids: data.map((d) => d.id) }));
