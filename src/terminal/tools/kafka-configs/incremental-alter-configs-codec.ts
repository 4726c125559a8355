/**
 * IncrementalAlterConfigs (key 44) v0, the non-flexible version, written by hand: the generated codecs
 * cover only the APIs the embedded broker speaks, and it does not speak this one (yet). Layout from
 * Kafka 3.9's IncrementalAlterConfigsRequest/Response.json:
 *
 *   request  resources [resource_type int8, resource_name string,
 *                       configs [name string, config_operation int8, value nullable string]],
 *            validate_only bool
 *   response throttle_time_ms int32, responses [error_code int16, error_message nullable string,
 *                                                resource_type int8, resource_name string]
 */
import type { KafkaReader, KafkaWriter } from '../../../cluster/kafka/protocol/index.ts';

export const INCREMENTAL_ALTER_CONFIGS = { key: 44, name: 'IncrementalAlterConfigs', version: 0 } as const;

/** `AlterConfigOp.OpType` ids. */
export const ALTER_CONFIG_OP = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 } as const;

export interface AlterConfigOp {
  readonly name: string;
  readonly op: keyof typeof ALTER_CONFIG_OP;
  readonly value: string | null;
}

export interface IncrementalAlterConfigsResource {
  readonly resourceType: number;
  readonly resourceName: string;
  readonly configs: readonly AlterConfigOp[];
}

export interface IncrementalAlterConfigsResult {
  readonly errorCode: number;
  readonly errorMessage: string | null;
  readonly resourceType: number;
  readonly resourceName: string;
}

export function writeIncrementalAlterConfigsRequest(writer: KafkaWriter, resources: readonly IncrementalAlterConfigsResource[], validateOnly: boolean): void {
  writer.array(resources, (writer, resource) => {
    writer.int8(resource.resourceType).string(resource.resourceName);
    writer.array(resource.configs, (writer, config) => {
      writer.string(config.name).int8(ALTER_CONFIG_OP[config.op]).nullableString(config.value);
    });
  });
  writer.bool(validateOnly);
}

export function readIncrementalAlterConfigsResponse(reader: KafkaReader): IncrementalAlterConfigsResult[] {
  reader.int32();
  return reader.array((reader) => ({
    errorCode: reader.int16(),
    errorMessage: reader.nullableString(),
    resourceType: reader.int8(),
    resourceName: reader.string(),
  }));
}
