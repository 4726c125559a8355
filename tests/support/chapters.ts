import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './start-kafkalab.ts';

export interface ChapterSource {
  slug: string;
  title: string;
  chapter: number;
}

/** Reads every chapter's folder and frontmatter title straight from the sources. */
export function chapterSources(): ChapterSource[] {
  const dir = join(projectRoot, 'src', 'content', 'docs', 'chapters');
  return readdirSync(dir)
    .filter((name) => /^\d+-/.test(name))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name, 'index.mdx'), 'utf8');
      const title = /^title:\s*(.+)$/m.exec(text)?.[1]?.trim().replace(/^['"]|['"]$/g, '') ?? '';
      const chapter = Number(/^chapter:\s*(\d+)/m.exec(text)?.[1]);
      return { slug: `chapters/${name}`, title, chapter };
    });
}
