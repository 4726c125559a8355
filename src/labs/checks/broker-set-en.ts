import type { Messages } from '../i18n/translate.ts';

/** Messages of `brokerSetQuestion`, in English. */
export const en: Messages = {
  'labs.check.broker-set.unknown': '“{answer}” does not name brokers (answer with their ids, e.g. 1, 2, 3, or node names, e.g. kafka-1, kafka-2)',
  'labs.check.broker-set.expected': 'the ids of the brokers the live cluster shows, in any order',
};
