/** Staff reads of licenses (list, detail, usage, validation log), spread into `licenses`. */
export const licenseQueries = {};
