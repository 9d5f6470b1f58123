/**
 * The most of one answer that is read (100 MB): the default of `--max-response-size` for the
 * collection's requests, and the fixed limit of the tool's own calls (token, version, schema)
 * and of API descriptions downloaded by URL. Jamf's largest answers are a few MB; a server (or
 * a proxy) that sends without end would otherwise fill the memory until the process is killed.
 */
export const ANSWER_LIMIT_BYTES = 100 * 2 ** 20;
