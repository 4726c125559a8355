import { ExpressiveCode } from '@astrojs/starlight/expressive-code';
import { toHtml } from '@astrojs/starlight/expressive-code/hast';
import { describe, expect, it } from 'vitest';
import { pluginCommandLines } from './command-lines-plugin.ts';

/** Renders a block the way the lessons' pages do (Expressive Code with its frames, then our plugin). */
async function render(language: string, code: string): Promise<string> {
  const engine = new ExpressiveCode({ plugins: [pluginCommandLines()] });
  const { renderedGroupAst } = await engine.render({ code, language });
  return toHtml(renderedGroupAst);
}

const attribute = (html: string, name: string) => {
  const match = new RegExp(`${name}="([^"]*)"`).exec(html);
  return match ? match[1].replace(/&#x22;/g, '"').replace(/&quot;/g, '"').replace(/&#x3C;/g, '<').replace(/&amp;/g, '&') : undefined;
};

describe('terminal code blocks in the lessons', () => {
  it('a console block copies its commands only: no prompt, no output', async () => {
    const html = await render('console', '$ zookeeper-shell localhost:12181 get /controller_epoch\n1\n$ kafka-topics --bootstrap-server localhost:19092 \\\n    --list\ntest');
    expect(attribute(html, 'data-code')).toBe('zookeeper-shell localhost:12181 get /controller_epoch\u007fkafka-topics --bootstrap-server localhost:19092 \\\u007f    --list');
    expect(JSON.parse(attribute(html, 'data-commands')!)).toEqual(['zookeeper-shell localhost:12181 get /controller_epoch', 'kafka-topics --bootstrap-server localhost:19092 \\\n    --list']);
    // The prompt and the output are still shown.
    expect(html).toContain('controller_epoch');
    expect(html).toMatch(/>test</);
  });

  it('a sh block keeps its copy text and lists its commands', async () => {
    const html = await render('sh', 'echo srvr | nc localhost 12181');
    expect(attribute(html, 'data-code')).toBe('echo srvr | nc localhost 12181');
    expect(JSON.parse(attribute(html, 'data-commands')!)).toEqual(['echo srvr | nc localhost 12181']);
  });

  it('leaves other blocks alone', async () => {
    const html = await render('properties', 'broker.id=1');
    expect(html).not.toContain('data-commands');
    expect(attribute(html, 'data-code')).toBe('broker.id=1');
  });
});
