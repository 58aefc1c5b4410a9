// The same Express 5 app deployed: NODE_ENV=production, HTTPS with Mozilla's intermediate suites,
// the headers helmet() 8 sets by default (written out: helmet is not a dependency here), a
// Secure HttpOnly SameSite session cookie, and a plain-HTTP port that only redirects.
import {randomBytes} from 'node:crypto';
import {readFileSync} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import express from 'express';

const HELMET_DEFAULTS = {
  'Content-Security-Policy':
    "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests",
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Frame-Options': 'SAMEORIGIN',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'X-XSS-Protection': '0',
};

const app = express();
app.disable('x-powered-by');
app.use((req, res, next) => {
  res.set(HELMET_DEFAULTS);
  next();
});
app.get('/', (req, res) => {
  res.cookie('__Host-sid', randomBytes(16).toString('hex'), {path: '/', httpOnly: true, secure: true, sameSite: 'lax'});
  res.send('<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1></body></html>');
});
app.post('/api/items', express.json(), (req, res) => res.status(201).json(req.body));

const port = Number(process.env.PORT);
http
  .createServer((req, res) => {
    res.writeHead(301, {location: `https://127.0.0.1:${port}${req.url}`});
    res.end();
  })
  .listen(Number(process.env.HTTP_PORT), '127.0.0.1');
https
  .createServer(
    {
      key: readFileSync(process.env.KEY_FILE),
      cert: readFileSync(process.env.CERT_FILE),
      minVersion: 'TLSv1.2',
      ciphers: process.env.CIPHERS,
      ecdhCurve: 'X25519:prime256v1:secp384r1',
      honorCipherOrder: false,
    },
    app,
  )
  .listen(port, '127.0.0.1');
