/**
 * The teaching cluster has no transaction coordinator. A client that asks for one (FindCoordinator with
 * key type TRANSACTION, InitProducerId with a `transactional.id`) gets TRANSACTIONAL_ID_AUTHORIZATION_FAILED:
 * the error a Kafka 3.9 broker answers when it will not let a client use a transactional id
 * (`KafkaApis.getCoordinator` / `handleInitProducerIdRequest`, the TRANSACTIONAL_ID ACL check). Every client
 * treats it as fatal (Java's TransactionalIdAuthorizationException, kafkajs and librdkafka stop at once),
 * so `producer.transaction()` fails right away instead of retrying COORDINATOR_NOT_AVAILABLE until it
 * times out. The broker logs why.
 */
import type { Logger } from '../../logger.ts';
import { KAFKA_ERRORS } from '../protocol/errors.ts';

export const TRANSACTIONS_UNSUPPORTED_ERROR = KAFKA_ERRORS.TRANSACTIONAL_ID_AUTHORIZATION_FAILED;

export const TRANSACTIONS_UNSUPPORTED_MESSAGE =
  'transactions are not supported by the teaching cluster; use an idempotent producer (enable.idempotence=true) without transactional.id';

/** Logs the refusal once per request, naming the transactional id and the API that asked. */
export function logTransactionsUnsupported(logger: Logger, api: string, transactionalId: string, clientId: string | null): void {
  logger.warn(`${TRANSACTIONS_UNSUPPORTED_MESSAGE}; answering ${TRANSACTIONS_UNSUPPORTED_ERROR.name}`, { api, transactionalId, clientId });
}
