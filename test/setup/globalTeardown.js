/** After `npm test`: stop and remove the throwaway PostgreSQL cluster. */
export default async function globalTeardown() {
  globalThis.oneStoryPostgres?.stop();
}
