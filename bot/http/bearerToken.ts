/** The token from an `Authorization: Bearer …` header; undefined when there is none or it is malformed. */
export function bearerToken(header: string | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
  return match ? match[1] : undefined;
}
