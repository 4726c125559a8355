// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

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
        { label: 'Chapters', items: [{ autogenerate: { directory: 'chapters' } }] },
      ],
      lastUpdated: false,
      pagination: true,
    }),
  ],
});
