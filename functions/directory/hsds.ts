import { describeDays, ICAL_DAYS } from '../records/opening-hours.ts';
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS } from '../records/types/service.ts';
import { type DirectoryOrganisation, type DirectoryService, recordUuid } from './public-directory.ts';

/**
 * The directory in the Open Referral Human Services Data Specification 3.0 shape
 * (https://openreferral.org/), so council websites and other directories can import it. Field by
 * field mapping: docs/public-site.md. Ids are name-based UUIDs derived from the record ids.
 */

export const HSDS_VERSION = '3.0';
const TAXONOMY_ID = recordUuid('taxonomy', 'service-category');

/** A category as an HSDS taxonomy term of our own small vocabulary. */
function categoryTerm(category: string) {
  return {
    id: recordUuid('taxonomy-term', category),
    code: category,
    name: SERVICE_CATEGORY_LABELS[category as keyof typeof SERVICE_CATEGORY_LABELS] ?? category,
    description: 'A kind of help in the Partnership Records service directory.',
    taxonomy: 'Partnership Records service categories',
    taxonomy_id: TAXONOMY_ID,
  };
}

export const CATEGORY_TERMS = SERVICE_CATEGORIES.map(categoryTerm);

/** HSDS requires an organisation description; a provider with no record gets a plain one. */
function organization(s: DirectoryService) {
  const o: DirectoryOrganisation = s.organisation ?? {
    id: `provider:${s.regionId}:${s.provider}`,
    uuid: recordUuid('provider', `${s.regionId}:${s.provider}`),
    name: s.provider,
  };
  return {
    id: o.uuid,
    name: o.name,
    description: o.description ?? `Provider of ${s.name}.`,
    ...(o.website ? { website: o.website } : {}),
    ...(o.email ? { email: o.email } : {}),
  };
}

function oneToOneFields(s: DirectoryService) {
  const org = organization(s);
  return {
    id: s.uuid,
    organization_id: org.id,
    name: s.name,
    description: s.description,
    ...(s.website ? { url: s.website } : {}),
    ...(s.email ? { email: s.email } : {}),
    status: 'active',
    ...(s.howToApply ? { application_process: s.howToApply } : {}),
    ...(s.cost ? { fees_description: s.cost } : {}),
    ...(s.eligibility ? { eligibility_description: s.eligibility } : {}),
    ...(s.minimumAge !== undefined ? { minimum_age: s.minimumAge } : {}),
    ...(s.maximumAge !== undefined ? { maximum_age: s.maximumAge } : {}),
    last_modified: s.updatedAt,
  };
}

/** A service as the HSDS list route returns it: its one-to-one fields and its organisation. */
export function hsdsServiceSummary(s: DirectoryService) {
  return { ...oneToOneFields(s), organization: organization(s) };
}

/** A fully nested HSDS service: phones, schedules, area, location with address, category. */
export function hsdsService(s: DirectoryService) {
  const org = organization(s);
  const locationId = recordUuid('service-location', s.id);
  const schedules = s.openingPeriods.map((p, i) => ({
    id: recordUuid('service-schedule', `${s.id}:${i}`),
    service_id: s.uuid,
    freq: 'WEEKLY',
    wkst: 'MO',
    byday: p.days.map((d) => ICAL_DAYS[d]).join(','),
    opens_at: p.opens,
    closes_at: p.closes,
    description: `${describeDays(p.days)} ${p.opens}–${p.closes} (New Zealand time)`,
  }));
  const term = categoryTerm(s.category);
  return {
    ...oneToOneFields(s),
    phones: s.phone
      ? [{ id: recordUuid('service-phone', s.id), service_id: s.uuid, number: s.phone, type: 'voice' }]
      : [],
    schedules,
    service_areas: [
      {
        id: recordUuid('service-area', s.id),
        service_id: s.uuid,
        name: s.area ? `${s.area}, ${s.regionName}` : s.regionName,
        extent_type: 'text',
        extent: [s.area, s.councilName, s.regionName].filter(Boolean).join(', '),
      },
    ],
    service_at_locations:
      s.streetAddress && s.town && s.postcode
        ? [
            {
              id: recordUuid('service-at-location', s.id),
              service_id: s.uuid,
              location_id: locationId,
              location: {
                id: locationId,
                location_type: 'physical',
                organization_id: org.id,
                name: `${s.name}, ${s.town}`,
                addresses: [
                  {
                    id: recordUuid('service-address', s.id),
                    location_id: locationId,
                    address_1: s.streetAddress,
                    city: s.town,
                    state_province: s.regionName,
                    postal_code: s.postcode,
                    country: 'NZ',
                    address_type: 'physical',
                  },
                ],
                schedules,
              },
            },
          ]
        : [],
    organization: org,
    attributes: [
      {
        id: recordUuid('service-category', s.id),
        link_id: s.uuid,
        link_type: 'service',
        link_entity: 'service',
        taxonomy_term_id: term.id,
        taxonomy_term: term,
      },
    ],
  };
}

/** One page of a list, as the HSDS reference API pages (1-based page numbers); only its items are shaped. */
export function hsdsPage<T, S>(items: readonly T[], page: number, perPage: number, shape: (item: T) => S) {
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const contents = items.slice((page - 1) * perPage, page * perPage).map(shape);
  return {
    total_items: items.length,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
