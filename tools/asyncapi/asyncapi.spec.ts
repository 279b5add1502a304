import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { archivalCodeSequenceEventTypes, archiveItemEventTypes } from '@oa/domain-archives';
import { directoryBootstrapEventTypes, personEventTypes, unitEventTypes } from '@oa/domain-directory';
import { sealEventTypes, sealUsageApplicationEventTypes } from '@oa/domain-seals';
import { EVENT_AREAS, readEventCatalog, type EventCatalog } from './event-catalog';

interface Document {
  readonly channels: Record<string, { readonly address: string; readonly messages: Record<string, { readonly $ref: string }> }>;
  readonly components: { readonly messages: Record<string, { readonly payload: { readonly allOf: ReadonlyArray<{ readonly properties?: Record<string, { const?: unknown }> }> } }> };
}

const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'asyncapi.json'), 'utf8')) as Document;

describe('AsyncAPI contract: docs/asyncapi.json', () => {
  let catalog: EventCatalog;
  beforeAll(() => {
    catalog = readEventCatalog(); // the TypeScript checker over the domain libraries
  }, 60_000);

  it.each(EVENT_AREAS)('has a message on oa.%s.events for every event type of the domain code and the platform', (area) => {
    const channel = committed.channels[area]!;
    expect(channel.address).toBe(`oa.${area}.events`);
    const inCode = [...catalog.areas[area], ...catalog.platform].map((event) => event.type);
    const missing = inCode.filter((type) => !channel.messages[type] || !committed.components.messages[type]);
    expect(missing).toEqual([]);
    expect(Object.keys(channel.messages).sort()).toEqual([...inCode].sort());
  });

  it('reads every event type the domains also list at run time (the reading misses none)', () => {
    const read = (area: 'seals' | 'archives' | 'directory') => catalog.areas[area].map((event) => event.type);
    expect(read('seals')).toEqual(expect.arrayContaining([...sealEventTypes, ...sealUsageApplicationEventTypes]));
    expect(read('directory')).toEqual(expect.arrayContaining([...unitEventTypes, ...personEventTypes, ...directoryBootstrapEventTypes]));
    expect(read('archives')).toEqual(expect.arrayContaining([...archiveItemEventTypes, ...archivalCodeSequenceEventTypes]));
    expect(catalog.platform.map((event) => event.type)).toEqual(['AccessDenied', 'CommandRefused', 'HiddenItemProbed']);
  });

  it('narrows each message to its type, schema version and data', () => {
    const narrowed = committed.components.messages['SealReturned']!.payload.allOf[1]!.properties!;
    expect(narrowed['type']).toEqual({ type: 'string', const: 'SealReturned' });
    expect(narrowed['schemaVersion']).toEqual({ type: 'number', const: 1 });
    expect(narrowed['data']).toMatchObject({ required: expect.arrayContaining(['sealId', 'checkoutId', 'late']), properties: { late: { type: 'boolean' } } });
  });
});
