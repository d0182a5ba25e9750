import { defineConfig } from 'drizzle-kit'

// Migrations are generated from the schema and committed; the server applies
// them on start. `drizzle-kit push` is never used against a real database.
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema/*.ts',
  out: './drizzle',
})
