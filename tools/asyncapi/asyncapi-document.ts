/**
 * The AsyncAPI 3 document of the published topics: one channel per service topic, one message
 * per event type, each message the event envelope narrowed to its type, schema version and
 * data. Built from the event catalog, so it says what the code publishes (relay.ts: key =
 * stream id, headers = EventHeaders, value = the envelope as JSON).
 */
import { EVENT_AREAS, type EventCatalog, type EventMessage, type JsonSchema } from './event-catalog';
import { eventsTopic } from '@oa/platform';

const AREA_TITLES: Record<(typeof EVENT_AREAS)[number], string> = {
  documents: '公文事件 (documents)',
  meetings: '会议事件 (meetings)',
  archives: '档案事件 (archives)',
  seals: '印章事件 (seals)',
  directory: '组织与人员事件 (directory)',
  affairs: '办事事件 (affairs: 督办、值班、信息报送)',
};

const ref = (path: string) => ({ $ref: path });

function message(event: EventMessage): JsonSchema {
  return {
    name: event.type,
    title: event.type,
    ...(event.description && { summary: event.description }),
    contentType: 'application/json',
    headers: ref('#/components/schemas/EventHeaders'),
    payload: {
      allOf: [
        ref('#/components/schemas/EventEnvelope'),
        {
          type: 'object',
          properties: {
            type: { type: 'string', const: event.type },
            schemaVersion: { type: 'number', const: event.schemaVersion },
            data: event.data,
          },
        },
      ],
    },
    bindings: {
      kafka: {
        key: { type: 'string', description: '流编号 (streamId)：同一流的事件在同一分区内保持顺序' },
        bindingVersion: '0.5.0',
      },
    },
  };
}

export function asyncApiDocument(catalog: EventCatalog, version: string): JsonSchema {
  const messages: Record<string, JsonSchema> = {};
  for (const event of [...EVENT_AREAS.flatMap((area) => catalog.areas[area]), ...catalog.platform]) {
    if (messages[event.type]) throw new Error(`[asyncapi] 事件类型 ${event.type} 重复 (an event type is defined twice)`);
    messages[event.type] = message(event);
  }
  const channelMessages = (area: (typeof EVENT_AREAS)[number]) =>
    Object.fromEntries([...catalog.areas[area], ...catalog.platform].map((event) => [event.type, ref(`#/components/messages/${event.type}`)]));
  return {
    asyncapi: '3.1.0',
    info: {
      title: '办公室后台核心事件 (office back-office core events)',
      version,
      description:
        '各服务经事务外发（outbox）转发到 Kafka 的事件。每条消息：key = 流编号，value = 事件信封（JSON），' +
        'headers 见 EventHeaders。投递至少一次，消费方按 eventId 幂等。主题名前可加部署前缀 KAFKA_TOPIC_PREFIX。',
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: '本地开发用 Kafka broker (KRaft)' },
    },
    channels: Object.fromEntries(
      EVENT_AREAS.map((area) => [area, { address: eventsTopic(area), title: AREA_TITLES[area], messages: channelMessages(area) }]),
    ),
    operations: Object.fromEntries(
      EVENT_AREAS.map((area) => [
        `publish-${area}-events`,
        {
          action: 'send',
          title: `${area} 服务发布事件`,
          channel: ref(`#/channels/${area}`),
          messages: Object.keys(channelMessages(area)).map((type) => ref(`#/channels/${area}/messages/${type}`)),
        },
      ]),
    ),
    components: {
      schemas: { EventEnvelope: catalog.envelope, EventHeaders: catalog.headers },
      messages,
    },
  };
}
