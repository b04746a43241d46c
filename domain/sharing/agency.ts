import { z } from 'zod';

/**
 * The agency directory: who a person can choose to share with. Shaped after Open Referral UK service
 * records (a service, the organisation that runs it, the area it serves, how to reach it), plus what
 * One Story needs: which story topics the service is relevant to, and how it receives handoffs.
 */

const stableId = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'ids are lower-case letters, digits and hyphens, starting with a letter');

export const AgencySchema = z
  .object({
    id: stableId,
    /** The service's name, as the person will see it. */
    name: z.string().min(1),
    organisation: z.object({ id: stableId, name: z.string().min(1), url: z.url().optional() }),
    /**
     * What the service does, in English, for a directory written before descriptions moved to
     * locales/<language>/agencies.json (`agencyDirectory.<id>.description`), which the person reads.
     */
    description: z.string().min(1).optional(),
    /**
     * The language the service reads (BCP 47, default English): questions, topic titles and the page's labels
     * are given to it in this language; the person's answers stay as they wrote them.
     */
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag, e.g. "en" or "pl"').default('en'),
    /** Story topic ids this service can help with; a suggestion says which of these the person told. */
    relevantTopics: z.array(stableId).min(1),
    /**
     * Suggested only to someone who told at least one of these (some of `relevantTopics`; all of them when
     * unset): Probation to someone who spoke of the justice system, not to everyone who spoke of housing.
     */
    suggestedFor: z.array(stableId).min(1).optional(),
    areaServed: z.array(z.object({ name: z.string().min(1), code: z.string().optional() })).min(1),
    contact: z.object({
      email: z.email().optional(),
      phone: z.string().optional(),
      url: z.url().optional(),
      hours: z.string().optional(),
    }),
    /** What the person is told about how soon they may hear back. */
    expectedResponse: z.object({ workingDays: z.number().int().min(0).max(60), note: z.string().optional() }),
    handoff: z
      .object({
        /** Standard Webhooks POSTs go here, signed with the agency's secret (AGENCY_WEBHOOK_SECRETS). */
        webhookUrl: z.url().nullable(),
        /** The agency fetches handoffs from the pull API with its key. */
        pull: z.boolean(),
      })
      .refine((handoff) => handoff.pull || handoff.webhookUrl !== null, 'an agency must receive handoffs by webhook, pull, or both'),
  })
  .refine((agency) => (agency.suggestedFor ?? []).every((id) => agency.relevantTopics.includes(id)), {
    message: 'suggestedFor may only name topics in relevantTopics',
    path: ['suggestedFor'],
  });

export const AgencyDirectorySchema = z
  .object({
    version: z.number().int().positive(),
    agencies: z.array(AgencySchema).min(1),
  })
  .superRefine((directory, ctx) => {
    const ids = directory.agencies.map((agency) => agency.id);
    const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
    if (duplicates.length > 0) ctx.addIssue({ code: 'custom', message: `duplicate agency ids: ${[...new Set(duplicates)].join(', ')}` });
  });

export type Agency = z.infer<typeof AgencySchema>;
export type AgencyDirectory = z.infer<typeof AgencyDirectorySchema>;

/** Topic ids an agency names that the question bank does not have: a typo would silently hide a suggestion. */
export function unknownTopicIds(directory: AgencyDirectory, topicIds: readonly string[]): string[] {
  const known = new Set(topicIds);
  return [...new Set(directory.agencies.flatMap((agency) => [...agency.relevantTopics, ...(agency.suggestedFor ?? [])].filter((id) => !known.has(id))))];
}

/**
 * Agencies relevant to what the person has talked about, best first: the most matching topics, then
 * the directory's own order (which lists the most general services last). Only from what they told: an
 * agency is suggested only if they told one of the topics it is suggested for, and the reason given is
 * every topic they told that it can help with.
 */
export function suggestAgencies(
  directory: AgencyDirectory,
  answeredTopicIds: readonly string[],
): Array<{ agency: Agency; becauseTopicIds: string[] }> {
  return directory.agencies
    .map((agency, order) => ({ agency, order, becauseTopicIds: answeredTopicIds.filter((id) => agency.relevantTopics.includes(id)) }))
    .filter((match) => match.becauseTopicIds.some((id) => (match.agency.suggestedFor ?? match.agency.relevantTopics).includes(id)))
    .sort((a, b) => b.becauseTopicIds.length - a.becauseTopicIds.length || a.order - b.order)
    .map(({ agency, becauseTopicIds }) => ({ agency, becauseTopicIds }));
}
