import { RUN_SEARCH_ATTRIBUTES } from '../../../workflows/search-attributes';

/** The CLI's spelling of each search attribute type. */
const CLI_TYPES: Record<string, string> = {
  TEXT: 'Text', KEYWORD: 'Keyword', INT: 'Int', DOUBLE: 'Double', BOOL: 'Bool', DATETIME: 'Datetime', KEYWORD_LIST: 'KeywordList',
};

/** `--search-attribute Name=Type` pairs for `temporal server start-dev`, from the one definition runs use. */
export const devServerSearchAttributeFlags = (): string[] =>
  Object.values(RUN_SEARCH_ATTRIBUTES).flatMap((key) => ['--search-attribute', `${key.name}=${CLI_TYPES[key.type]}`]);
