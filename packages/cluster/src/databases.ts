/** One PostgreSQL database per service of a run (`postgresAdminUrl`), created at start and dropped at stop. */
import postgres from "postgres";

export async function createDatabases(adminUrl: string, names: string[]): Promise<Record<string, string>> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const urls: Record<string, string> = {};
  try {
    for (const name of names) {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.unsafe(`CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      urls[name] = url.toString();
    }
  } finally {
    await admin.end();
  }
  return urls;
}

export async function dropDatabases(adminUrl: string, names: string[]): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    for (const name of names) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
