/**
 * The `type` of every problem the API answers with (RFC 9457 problem details): stable identifiers
 * a client may switch on.
 */
export const PROBLEM_TYPES = {
  validation: 'urn:problem:validation',
  badRequest: 'urn:problem:bad-request',
  notFound: 'urn:problem:not-found',
  conflict: 'urn:problem:conflict',
  editConflict: 'urn:problem:edit-conflict',
  preconditionRequired: 'urn:problem:precondition-required',
  csrf: 'urn:problem:csrf',
  unauthorized: 'urn:problem:unauthorized',
  forbidden: 'urn:problem:forbidden',
  payloadTooLarge: 'urn:problem:payload-too-large',
  unsupportedMediaType: 'urn:problem:unsupported-media-type',
  tooManyRequests: 'urn:problem:too-many-requests',
  serviceUnavailable: 'urn:problem:service-unavailable',
  internal: 'urn:problem:internal',
} as const;
