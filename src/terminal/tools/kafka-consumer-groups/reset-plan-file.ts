/**
 * `--from-file plan.csv`: a reset plan as `--export` writes it, `topic,partition,offset` for one `--group`,
 * `group,topic,partition,offset` otherwise. Files exist only for the tools on the learner's own machine;
 * in the lab shell the file is missing as a missing file is (`java.nio.file.NoSuchFileException`).
 */
import { JavaException } from '../kafka/java-exception.ts';
import { ToolFailure } from './group-command-output.ts';
import { runtimeException, type ConsumerGroupService } from './consumer-group-service.ts';
import type { NewOffset } from './reset-offsets.ts';

export async function parseResetPlan(service: ConsumerGroupService): Promise<Map<string, NewOffset[]>> {
  const path = service.options.valueOf('from-file') ?? '';
  const frames = service.frames('resetPlanFromFile', 196, ['prepareOffsetsToReset', 1068]);
  let text: string;
  try {
    if (!service.context.env.readFile) throw Object.assign(new Error(path), { code: 'ENOENT' });
    text = await service.context.env.readFile(path);
  } catch (error) {
    const missing = { javaClass: 'java.nio.file.NoSuchFileException', message: path, frames: [] };
    if ((error as { code?: string }).code === 'ENOENT') throw new ToolFailure(runtimeException(missing, frames));
    throw error;
  }
  const lines = text.split('\n').filter((line, index, all) => line !== '' || index < all.length - 1);
  const singleGroup = service.options.valuesOf('group').length === 1;
  const noGroupColumn = lines.length > 0 && lines[0].split(',').length === 3;
  const plan = new Map<string, NewOffset[]>();
  for (const line of lines) {
    const fields = line.split(',');
    const [group, topic, partition, offset] = singleGroup && noGroupColumn ? [service.options.valueOf('group')!, ...fields] : fields;
    if (topic === undefined || !/^-?\d+$/.test(partition ?? '') || !/^-?\d+$/.test(offset ?? '')) {
      const bad = new JavaException('com.fasterxml.jackson.databind.RuntimeJsonMappingException', `Cannot read a reset plan line: ${line}`);
      throw new ToolFailure(runtimeException(bad, frames));
    }
    plan.set(group, [...(plan.get(group) ?? []), { tp: { topic, partition: Number(partition) }, offset: Number(offset) }]);
  }
  return plan;
}
