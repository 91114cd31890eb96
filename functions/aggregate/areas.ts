/** The area id and name that stand for the whole country beside the regions. */
export const NATIONAL = 'national';
export const NATIONAL_NAME = 'New Zealand';
