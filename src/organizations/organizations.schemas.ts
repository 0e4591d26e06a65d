import { z } from 'zod';
import { named } from '../openapi/annotations.js';
import { paginationSchema } from '../shared/pagination.js';
import { integerParam, optionalParam } from '../shared/query-params.js';
import { optionalText, refuseNulWithin, requiredText, text } from '../shared/text-fields.js';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from './retention-limits.js';
import { timezones } from './timezones.js';

export { timezones } from './timezones.js';

const email = z.string().trim().max(254).email();

/** Days a call is kept after it started; null keeps calls forever. */
const retentionDays = z.number().int().min(MIN_RETENTION_DAYS).max(MAX_RETENTION_DAYS).nullable().optional();

export const createOrganizationBody = z.object({
  name: requiredText(200),
  email,
  address: requiredText(500),
  city: requiredText(200),
  stateProvince: requiredText(200),
  postalCode: requiredText(32),
  country: requiredText(100),
  phoneNumber: requiredText(64),
  timezone: z.enum(timezones),
  externalId: optionalText(255),
  retentionDays,
});
export type CreateOrganizationBody = z.infer<typeof createOrganizationBody>;

/** `name` and `email` always; any other field given replaces the stored one, any left out is kept. */
export const updateOrganizationBody = z.object({
  name: requiredText(200),
  email,
  address: optionalText(500),
  city: optionalText(200),
  stateProvince: optionalText(200),
  postalCode: optionalText(32),
  country: optionalText(100),
  phoneNumber: optionalText(64),
  timezone: optionalParam(z.enum(timezones)),
  /** A number sets it, null clears it (keep forever), absent keeps it. */
  retentionDays,
});
export type UpdateOrganizationBody = z.infer<typeof updateOrganizationBody>;

/** The AlloMia organization object; the keys after `createdBy` are callbase's own. */
export const organizationSchema = named('Organization', z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  address: z.string().nullable(),
  city: z.string().nullable(),
  stateProvince: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string().nullable(),
  phoneNumber: z.string().nullable(),
  tenantId: z.string(),
  timezone: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  externalId: z.string().nullable(),
  updatedAt: z.string(),
  retentionDays: z.number().int().nullable(),
}));
export type OrganizationObject = z.infer<typeof organizationSchema>;

export const organizationSortFields = {
  name: 'name',
  email: 'email',
  city: 'city',
  country: 'country',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const;
type SortField = keyof typeof organizationSortFields;
const sortValues = Object.keys(organizationSortFields).flatMap((field) => [field, `-${field}`]) as [string, ...string[]];

export const listOrganizationsQuery = z.object({
  page: integerParam({ min: 1, max: Number.MAX_SAFE_INTEGER, default: 1 }),
  limit: integerParam({ min: 1, max: 100, default: 10 }),
  sort: optionalParam(z.enum(sortValues)).transform((value = '-createdAt') => ({
    column: organizationSortFields[value.replace(/^-/, '') as SortField],
    direction: value.startsWith('-') ? ('desc' as const) : ('asc' as const),
  })),
  search: optionalParam(text().max(200)),
});
export type ListOrganizationsQuery = z.infer<typeof listOrganizationsQuery>;

export const listOrganizationsResponse = z.object({
  organizations: z.array(organizationSchema),
  pagination: paginationSchema,
});

export const organizationIdParams = z.object({ id: z.string() });

export const deleteOrganizationResponse = z.object({
  message: z.string(),
  organizationId: z.string(),
});

export const MAX_METADATA_BYTES = 64 * 1024;

export const metadataBody = z.record(z.unknown()).superRefine((metadata, context) => refuseNulWithin(metadata, context, ['metadata']));

export const metadataVersionSchema = named('OrganizationMetadata', z.object({
  id: z.string(),
  organizationId: z.string(),
  version: z.number().int(),
  metadata: z.record(z.unknown()),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
}));
export type MetadataVersion = z.infer<typeof metadataVersionSchema>;
