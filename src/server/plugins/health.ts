// GET /health: liveness. Answers as long as the event loop does; touches no dependency, so a database outage
// makes the process unready (/ready) but never gets it restarted.
import type http from 'node:http';
import { sendJson } from '../http/respond.js';

export function handleHealth(res: http.ServerResponse): void {
  sendJson(res, 200, { status: 'ok' });
}
