import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labs } from '../../src/labs/registry.ts';
import { chapterSources } from '../support/chapters.ts';
import { projectRoot } from '../support/start-kafkalab.ts';

/**
 * Lessons and labs stay paired: every chapter embeds its labs by id (`<LabSection lab="..." />`, which
 * fails the build on an unknown id) and lists them in its `labs:` frontmatter, and every registered
 * lab is embedded by its own chapter. The course plan below names the ten labs; until each one is
 * registered, the test for its chapter fails on purpose.
 */
const COURSE_PLAN: Record<number, string[]> = {
  1: ['cluster-up'],
  2: ['broker-ids'],
  3: ['zookeeper-znodes', 'zookeeper-quorum'],
  4: ['seed-topic'],
  5: ['broker-failure', 'min-insync-replicas'],
  6: ['console-produce-consume', 'consumer-groups'],
  7: ['kraft-mapping'],
};

interface Lesson {
  slug: string;
  chapter: number;
  /** Ids in `<LabSection lab="..." />`, in page order. */
  embedded: string[];
  /** The `labs:` frontmatter field. */
  listed: string[];
}

function lessons(): Lesson[] {
  return chapterSources().map(({ slug, chapter }) => {
    const source = readFileSync(join(projectRoot, 'src', 'content', 'docs', slug, 'index.mdx'), 'utf8');
    const frontmatter = /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '';
    return { slug, chapter, embedded: [...source.matchAll(/<LabSection\b[^>]*\blab="([^"]+)"/g)].map((match) => match[1]), listed: listedLabs(frontmatter) };
  });
}

/** `labs: [a, b]` or a block list (`labs:` then `  - a` lines). */
function listedLabs(frontmatter: string): string[] {
  const flow = /^labs:\s*\[(.*)\]\s*$/m.exec(frontmatter);
  if (flow) return flow[1].split(',').map((id) => id.trim().replace(/^['"]|['"]$/g, '')).filter(Boolean);
  const block = /^labs:\s*\n((?:\s+-\s.*\n?)+)/m.exec(frontmatter);
  return block ? block[1].split('\n').map((line) => line.replace(/^\s+-\s*/, '').trim().replace(/^['"]|['"]$/g, '')).filter(Boolean) : [];
}

describe('lessons embed their labs', () => {
  const all = lessons();
  const registered = new Map(labs.map((lab) => [lab.id, lab]));

  it.each(all.map((lesson) => [lesson.slug, lesson] as const))('%s embeds at least one lab', (_slug, lesson) => {
    expect(lesson.embedded, `${lesson.slug} has no <LabSection lab="..." />`).not.toEqual([]);
  });

  it.each(labs.map((lab) => [lab.id, lab] as const))('lab %s is embedded by the chapter it belongs to', (id, lab) => {
    const home = all.find((lesson) => lesson.chapter === lab.chapter);
    expect(home, `lab ${id} says chapter ${lab.chapter}, and there is no such chapter`).toBeDefined();
    expect(home!.embedded, `${home!.slug} does not embed <LabSection lab="${id}" />`).toContain(id);
    const elsewhere = all.filter((lesson) => lesson !== home && lesson.embedded.includes(id)).map((lesson) => lesson.slug);
    expect(elsewhere, `lab ${id} (chapter ${lab.chapter}) is embedded by another chapter`).toEqual([]);
  });

  it('embeds only registered labs (the build fails on an unknown id too)', () => {
    const unknown = all.flatMap((lesson) => lesson.embedded.filter((id) => !registered.has(id)).map((id) => `${lesson.slug}: ${id}`));
    expect(unknown).toEqual([]);
  });

  it("lists each chapter's embedded labs in its `labs:` frontmatter, in page order", () => {
    for (const lesson of all) expect(lesson.listed, `${lesson.slug} frontmatter labs:`).toEqual(lesson.embedded);
  });

  it.each(Object.entries(COURSE_PLAN))('chapter %s has its planned labs registered and embedded', (chapter, planned) => {
    const lesson = all.find((candidate) => candidate.chapter === Number(chapter));
    expect(lesson, `no chapter ${chapter}`).toBeDefined();
    for (const id of planned) {
      expect(registered.get(id)?.chapter, `lab ${id} is not registered in src/labs/registry.ts (or not for chapter ${chapter})`).toBe(Number(chapter));
    }
    expect(lesson!.embedded).toEqual(planned);
  });
});
