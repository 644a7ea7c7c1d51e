// A token's subject is a user: a login the catalog lacks becomes an account (a users row with only its login), so
// everything that refers to users (audit trails, runs, OKR owners) can point at it. Imports that later bring the
// real GitHub profile fill in the same row. Each process remembers the logins it has seen: one statement per login,
// not per request.
import { LRUCache } from 'lru-cache';
import type { SqlDriver } from '../infra/db/database.js';

export class AccountDirectory {
  private readonly known = new LRUCache<string, true>({ max: 50_000 });

  constructor(private readonly sql: SqlDriver) {}

  async ensure(login: string): Promise<void> {
    const key = login.toLowerCase();
    if (this.known.has(key)) return;
    // No conflict target: both unique indexes (login, lower(login)) mean "already there".
    await this.sql.query('INSERT INTO users (login) VALUES ($1) ON CONFLICT DO NOTHING', [login]);
    this.known.set(key, true);
  }
}
