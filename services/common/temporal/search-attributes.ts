import { RUN_SEARCH_ATTRIBUTES } from '../../../workflows/search-attributes';

/** The CLI's spelling of each search attribute type. */
const CLI_TYPES: Record<string, string> = {
  TEXT: 'Text', KEYWORD: 'Keyword', INT: 'Int', DOUBLE: 'Double', BOOL: 'Bool', DATETIME: 'Datetime', KEYWORD_LIST: 'KeywordList',
};

/** `--search-attribute Name=Type` pairs for `temporal server start-dev`, from the one definition runs use. */
export const devServerSearchAttributeFlags = (): string[] =>
  Object.values(RUN_SEARCH_ATTRIBUTES).flatMap((key) => ['--search-attribute', `${key.name}=${CLI_TYPES[key.type]}`]);

/** `Name=Type,…` as docker/temporal/create-namespace.sh reads it (SEARCH_ATTRIBUTES), from the same definition. */
export const searchAttributeList = (): string =>
  Object.values(RUN_SEARCH_ATTRIBUTES).map((key) => `${key.name}=${CLI_TYPES[key.type]}`).join(',');
