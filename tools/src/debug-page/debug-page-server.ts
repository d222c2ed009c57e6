import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { status as grpcStatus } from '@grpc/grpc-js';
import { createCascadeClient } from '@cascade/client';
import { type DebugQuery, parseDebugQuery, surfaceNames } from './debug-query';
import { type CallFailure, renderErrorPage, renderFormPage, renderResultPage } from './render-page';

export interface DebugPageOptions {
  /** host:port of the blending service. */
  blendingAddress: string;
  /** Deadline of each Recommend call. */
  deadlineMs: number;
  /** 0 picks a free port. */
  port: number;
  host?: string;
}

export interface DebugPageServer {
  /** http://host:port/ */
  url: string;
  close(): Promise<void>;
}

/** Inline styles only; no scripts, frames, fonts or images from anywhere. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'";

function send(res: ServerResponse, statusCode: number, contentType: string, body: string): void {
  res.writeHead(statusCode, {
    'content-type': contentType,
    'cache-control': 'no-store',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

/** A thrown gRPC ServiceError (or anything else) as the page shows it. */
export function callFailure(error: unknown): CallFailure {
  const { code, details, message } = (error ?? {}) as { code?: unknown; details?: unknown; message?: unknown };
  const text = typeof details === 'string' && details ? details : typeof message === 'string' ? message : String(error);
  if (typeof code !== 'number') return { message: text };
  return { code, statusName: grpcStatus[code] ?? 'UNKNOWN', message: text };
}

/**
 * Serves the Recommend debug page: GET / is the form; GET /?user=u42&surface=spotlight&limit=20 calls
 * Recommend with debug on through @cascade/client and draws the answer; a failed call draws its status.
 */
export async function startDebugPageServer(options: DebugPageOptions): Promise<DebugPageServer> {
  const client = createCascadeClient({ address: options.blendingAddress, defaultDeadlineMs: options.deadlineMs, retries: 1 });

  const recommendPage = async (query: DebugQuery): Promise<{ statusCode: number; html: string }> => {
    const started = performance.now();
    try {
      const response = await client.recommend({ userId: query.userId, surface: surfaceNames[query.surface], limit: query.limit, debug: true });
      return { statusCode: 200, html: renderResultPage(query, response, performance.now() - started) };
    } catch (error) {
      return { statusCode: 502, html: renderErrorPage(query, options.blendingAddress, callFailure(error)) };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://debug-page.local');
    if (url.pathname !== '/') return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'GET only\n');
    const parsed = parseDebugQuery(url.searchParams);
    if (parsed.kind === 'form') return send(res, 200, 'text/html; charset=utf-8', renderFormPage());
    if (parsed.kind === 'invalid') return send(res, 400, 'text/html; charset=utf-8', renderFormPage(parsed.partial, parsed.message));
    const { statusCode, html } = await recommendPage(parsed.query);
    send(res, statusCode, 'text/html; charset=utf-8', html);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `debug page failed: ${error instanceof Error ? error.message : String(error)}\n`);
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        client.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
