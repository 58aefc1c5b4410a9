// An Express 5 app as a developer runs it (`node app.mjs`, NODE_ENV unset): a session cookie with
// express-session's default attributes (Path=/; HttpOnly) and a JSON API parsed by express.json().
import {randomBytes} from 'node:crypto';
import express from 'express';

const app = express();
app.get('/', (req, res) => {
  res.cookie('connect.sid', randomBytes(16).toString('hex'), {path: '/', httpOnly: true});
  res.send('<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1></body></html>');
});
app.post('/api/items', express.json(), (req, res) => res.status(201).json(req.body));
app.listen(Number(process.env.PORT), '127.0.0.1');
