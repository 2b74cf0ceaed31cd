/** A license status's badge colour, in the list and on the license's page. */
export const LICENSE_STATUS_COLOR: Record<string, string> = {
  ACTIVE: 'teal',
  SUSPENDED: 'orange',
  REVOKED: 'red',
};
