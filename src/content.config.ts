import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

/** Frontmatter that kafkalab adds to Starlight's own page schema. */
const lessonFields = z.object({
  /** Chapter number shown on the home page; the folder's numeric prefix orders the sidebar. */
  chapter: z.number().int().positive().optional().describe('Chapter number, matching the folder prefix.'),
  /** One-line summary shown on the home page's chapter list. */
  summary: z.string().optional().describe('One sentence on what the chapter teaches.'),
  /** Ids of the labs paired with this chapter (filled by the labs issue). */
  labs: z.array(z.string()).default([]).describe('Lab ids paired with this chapter.'),
});

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema({ extend: lessonFields }) }),
  /** UI strings: Starlight's own plus kafkalab's (`kafkalab.*` keys), one JSON file per language. */
  i18n: defineCollection({
    loader: i18nLoader(),
    schema: i18nSchema({
      extend: z.object({
        'kafkalab.lab.pending': z.string(),
        'kafkalab.lab.pendingDetail': z.string(),
        'kafkalab.lab.preview': z.string(),
        'kafkalab.cluster.title': z.string(),
        'kafkalab.cluster.connecting': z.string(),
        'kafkalab.cluster.up': z.string(),
        'kafkalab.cluster.down': z.string(),
        'kafkalab.cluster.node': z.string(),
        'kafkalab.cluster.role': z.string(),
        'kafkalab.cluster.address': z.string(),
        'kafkalab.cluster.actions': z.string(),
      }),
    }),
  }),
};
