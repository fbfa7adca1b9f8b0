import { defineConfig } from 'drizzle-kit';

// Migrations are generated from electron/core/db/schema.ts into resources/migrations, which ships
// with the app. Hand-written SQL (FTS5, triggers) goes in `drizzle-kit generate --custom` files.
export default defineConfig({
  dialect: 'sqlite',
  schema: './electron/core/db/schema.ts',
  out: './resources/migrations',
});
