// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { readdirSync } from 'node:fs';

// The folder tree is the curriculum: one folder per chapter, ordered by its numeric prefix.
const chapterSlugs = readdirSync(new URL('./src/content/docs/chapters/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && /^\d+-/.test(entry.name))
  .map((entry) => `chapters/${entry.name}`)
  .sort();

export default defineConfig({
  site: 'http://127.0.0.1:4321',
  integrations: [
    starlight({
      title: 'kafkalab',
      description: 'Learn how Kafka brokers, bootstrap servers and ZooKeeper quorum really behave, with runnable, auto-graded labs.',
      logo: { src: './src/assets/logo.svg', alt: 'kafkalab' },
      customCss: ['./src/styles/theme.css'],
      sidebar: [
        { label: 'Start here', items: [{ label: 'Welcome', link: '/' }] },
        { label: 'Chapters', items: chapterSlugs.map((slug) => ({ slug })) },
        {
          label: 'Labs',
          items: [
            { label: 'All labs', link: '/labs/' },
            { label: 'Your progress', link: '/progress/' },
          ],
        },
      ],
      lastUpdated: false,
      pagination: true,
    }),
  ],
});
