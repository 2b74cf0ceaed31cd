/** Staff actions on licenses (issue, suspend, renew, revoke, transfer…), spread into `licenses`. */
export const licenseCommands = {};
