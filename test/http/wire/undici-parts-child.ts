/** A fresh process, as a run starts: one call from the tool's own client, and which undici files it loaded. */
import { createRequire } from 'node:module';
import { createHttpClient } from '../../../src/wire/http.ts';
import { newJar } from '../../helpers/http.ts';

const http = createHttpClient({ jar: newJar() });
const res = await http.send('GET', process.argv[2]!, {});
await http.close();
const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('/node_modules/undici/'));
console.log(JSON.stringify({ status: res.status, text: res.text, index: loaded.some((f) => f.endsWith('/undici/index.js')), files: loaded.length }));
