/**
 * A small Express API with real authentication, described by test/fixtures/openapi-api.yaml: JWT
 * bearer tokens checked with jsonwebtoken (HS256 only), an API key in a header, one in the query
 * and one in a cookie, and HTTP Basic. Two handlers forgot their middleware, as happens: GET /v1/orders/:orderId and
 * POST /v1/items answer anyone. GET /v1/invoices/:invoiceId looks the invoice up before it checks
 * the token, so an id that does not exist answers 404 to everyone.
 */
import {randomBytes} from 'node:crypto';
import {join} from 'node:path';
import express, {type NextFunction, type Request, type Response} from 'express';
import jwt from 'jsonwebtoken';

export const OPENAPI_API_DOCUMENT = join(import.meta.dirname, '..', 'fixtures', 'openapi-api.yaml');

export interface OpenApiApi {
  readonly app: express.Express;
  /** A token the API accepts, for the positive control. */
  readonly token: string;
}

export function openApiApi(): OpenApiApi {
  const secret = randomBytes(32);
  const apiKey = randomBytes(16).toString('hex');
  const token = jwt.sign({role: 'staff'}, secret, {algorithm: 'HS256', expiresIn: '10m', subject: 'staff'});

  const requireJwt = (req: Request, res: Response, next: NextFunction): void => {
    const [scheme, value] = (req.headers.authorization ?? '').split(' ');
    try {
      if (scheme !== 'Bearer' || value === undefined) throw new Error('no token');
      jwt.verify(value, secret, {algorithms: ['HS256']});
      next();
    } catch {
      res.set('www-authenticate', 'Bearer').status(401).json({error: 'unauthorized'});
    }
  };
  const requireKey = (req: Request, res: Response, next: NextFunction): void => {
    if (req.headers['x-api-key'] === apiKey) next();
    else res.status(401).json({error: 'bad key'});
  };
  const sessionId = randomBytes(16).toString('hex');
  const requireSession = (req: Request, res: Response, next: NextFunction): void => {
    const cookies = (req.headers.cookie ?? '').split(';').map((c) => c.trim());
    if (cookies.includes(`sid=${sessionId}`)) next();
    else res.status(401).json({error: 'no session'});
  };
  const basic = `Basic ${Buffer.from(`report:${randomBytes(8).toString('hex')}`).toString('base64')}`;
  const requireBasic = (req: Request, res: Response, next: NextFunction): void => {
    if (req.headers.authorization === basic) next();
    else res.set('www-authenticate', 'Basic realm="reports"').sendStatus(401);
  };
  const requireExportAccess = (req: Request, res: Response, next: NextFunction): void => {
    if (req.query.api_key === apiKey) next();
    else requireJwt(req, res, next);
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json());
  const v1 = express.Router();
  v1.get('/health', (_req, res) => void res.json({ok: true}));
  v1.get('/catalog', (_req, res) => void res.json([{sku: 'w-1'}]));
  v1.get('/items', requireJwt, (_req, res) => void res.json([{id: 'item-1'}]));
  // Forgot requireJwt: anyone can create items.
  v1.post('/items', (req: Request<unknown, unknown, {name?: string}>, res) => void res.status(201).json({id: 'item-2', name: req.body.name}));
  v1.get('/items/:itemId', requireJwt, (req, res) => void res.json({id: req.params.itemId}));
  v1.delete('/items/:itemId', requireJwt, (_req, res) => void res.sendStatus(204));
  // Forgot requireJwt: any order, to anyone.
  v1.get('/orders/:orderId', (req, res) => void res.json({id: req.params.orderId, customer: 'alice@example.com', total: 42}));
  v1.get(
    '/invoices/:invoiceId',
    (req, res, next) => {
      if (req.params.invoiceId !== '1') return void res.status(404).json({error: 'no such invoice'});
      requireJwt(req, res, next);
    },
    (_req, res) => void res.json({id: 1}),
  );
  v1.get('/admin/stats', requireKey, (_req, res) => void res.json({users: 3}));
  v1.get('/session', requireSession, (_req, res) => void res.json({user: 'staff'}));
  v1.get('/legacy/report', requireBasic, (_req, res) => void res.type('text/plain').send('report'));
  v1.get('/export', requireExportAccess, (_req, res) => void res.type('text/csv').send('id\n1\n'));
  app.use('/v1', v1);
  return {app, token};
}
